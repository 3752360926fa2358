"""spaCy French pipeline (fr_core_news_md) -> Document."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import numpy

from service.analyzers import Converting, models_digest, pieces, sentence_ends
from service.document import Document, EntitySpan, Sentence, Word, parse_feats

# spaCy's French NER says PER/LOC/ORG/MISC already; keep the mapping explicit for other models.
LABELS = {"PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG", "MISC": "MISC"}
LOOKUP_MAX = 200_000  # entries of each lookup below before it starts afresh (memory stays bounded)


class _Lookup(dict):
    """key -> fill(key), computed on first use and kept from one document to the next: a spaCy string
    hash always names the same string (and the same features)."""

    def __init__(self, fill):
        super().__init__()
        self._fill = fill

    def __missing__(self, key):
        if len(self) >= LOOKUP_MAX:
            self.clear()
        value = self[key] = self._fill(key)
        return value


def _add_before_parser(nlp, name: str, func) -> None:
    """Register `func` as a spaCy component (once per process) and add it to `nlp` right before its parser."""
    from spacy.language import Language

    if not Language.has_factory(name):
        Language.component(name, func=func)
    if name not in nlp.pipe_names:
        nlp.add_pipe(name, before="parser")


class SpacyAnalyzer(Converting):
    name = "spacy"

    def __init__(self, model: str):
        import spacy
        from spacy.attrs import DEP, HEAD, IDX, IS_SPACE, LEMMA, LENGTH, MORPH, POS

        self._nlp = spacy.load(model)
        # set sentence starts before the parser, which keeps them: ends of sentences, then a bound on
        # their length right before it (see each module)
        _add_before_parser(self._nlp, sentence_ends.NAME, sentence_ends.mark_sentence_ends)
        _add_before_parser(self._nlp, pieces.SPACY_COMPONENT, pieces.bound_sentences)
        self._attrs = [IDX, LENGTH, HEAD, DEP, POS, LEMMA, MORPH, IS_SPACE]
        strings = self._nlp.vocab.strings
        # the names of deprels, UPOS tags and lemmas, and parsed features, by hash ("" for no value)
        self._names = _Lookup(lambda h: strings[h] if h else "")
        self._feats = _Lookup(lambda h: parse_feats(self._names[h]))
        meta = self._nlp.meta
        self.models = (
            f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')} sha256:{models_digest(self._nlp.path)}"
        )
        self.version = spacy.__version__

    def annotate(self, text: str):
        """spaCy's own call: its Doc (of the text with its long runs in pieces: see pieces)."""
        return self._nlp(pieces.cut(text)[0])

    def annotate_many(self, texts: list[str]) -> list:
        """spaCy's own batch call (nlp.pipe): its Docs."""
        return list(self._nlp.pipe(pieces.cut(t)[0] for t in texts))

    def convert(self, text: str, doc) -> Document:
        # every token attribute in one array (Token objects are slow to make), read column by column;
        # strings by hash through the lookups' own dict method (subscripting a dict subclass goes through
        # a slot wrapper for every word)
        array = doc.to_array(self._attrs)
        starts, lengths, _, deps, tags, lemmas, morphs, space = array.T.tolist()
        # HEAD is relative and stored unsigned: as signed, plus the token's index, the head's index
        heads = (array[:, 2].view("int64") + numpy.arange(len(array))).tolist()
        name = self._names.__getitem__
        ends = [start + length for start, length in zip(starts, lengths)]
        cuts = pieces.cuts(text)
        if cuts:  # offsets in the text as sent
            starts, ends = [cuts.original(i) for i in starts], [cuts.original(i) for i in ends]
        forms = [text[start:end] for start, end in zip(starts, ends)]
        lemmas = [lemma or form for lemma, form in zip(map(name, lemmas), forms)]
        tags, deps = list(map(name, tags)), list(map(name, deps))
        feats = list(map(self._feats.__getitem__, morphs))  # one dict per distinct MORPH: words are read-only
        columns = (heads, forms, lemmas, tags, feats, deps, starts, ends)
        spaces = any(space)
        sentences = []
        for s in doc.sents:
            first, last = s.start, s.end
            if spaces and any(space[first:last]):  # spaCy keeps runs of white space as tokens; UD has none
                kept: Sequence[int] = [i for i in range(first, last) if not space[i]]
                if not kept:
                    continue
                sentence_forms, sentence_lemmas = [forms[i] for i in kept], [lemmas[i] for i in kept]
            else:  # word n is token first + n - 1
                kept = range(first, last)
                sentence_forms, sentence_lemmas = forms[first:last], lemmas[first:last]
            start, end = starts[kept[0]], ends[kept[-1]]
            # the words are built when a rule first reads them (in ordinary news, most never are)
            sentences.append(
                Sentence(
                    start=start,
                    end=end,
                    text=text[start:end],
                    forms=sentence_forms,
                    lemmas=sentence_lemmas,
                    build=partial(_words, columns, kept),
                )
            )
        at = cuts.original if cuts else int
        entities = [
            EntitySpan(text=text[at(start) : at(end)], label=LABELS.get(label, "MISC"), start=at(start), end=at(end))
            for start, end, label in filter(None, map(_without_prepositions, doc.ents))
        ]
        return Document(text=text, sentences=sentences, entities=entities)


def _without_prepositions(span) -> tuple[int, int, str] | None:
    """A name's characters and label, without a preposition the NER ran over at a place's start ("de
    Nîmes"): a place opens with none, though an article may open it ("Le Caire"), and other names may
    ("En Marche"); a place that stops on a preposition runs on over the name after it, when no other
    entity holds it ("province de | Kidal"), else stops before it. None when nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    if LABELS.get(span.label_) != "LOC":
        return span.start_char, span.end_char, span.label_
    while start < end and doc[start].pos_ == "ADP":
        start += 1
    if end > start and doc[end - 1].pos_ in ("ADP", "DET"):
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and not doc[end].ent_type_:
            end += 1
    while end > start and doc[end - 1].pos_ in ("ADP", "DET", "PUNCT"):
        end -= 1
    if start == end:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), span.label_


def _words(columns: tuple, kept: Sequence[int]) -> list[Word]:
    """The words of one sentence, from the document's columns (see SpacyAnalyzer.convert): `kept` are
    its tokens, white space left out."""
    heads, forms, lemmas, tags, feats, deps, starts, ends = columns
    first, last = kept[0], kept[-1] + 1
    index = None if isinstance(kept, range) else {i: n for n, i in enumerate(kept, 1)}
    words = []
    for n, i in enumerate(kept, 1):
        h = heads[i]
        if h == i or not first <= h < last:  # the root (or a head outside the sentence)
            head = 0
        else:
            head = h - first + 1 if index is None else index.get(h, 0)
        # positional: Word's field order
        words.append(
            Word(
                n, forms[i], lemmas[i], tags[i] or "X", feats[i], head, deps[i] if head else "root", starts[i], ends[i]
            )
        )
    return words
