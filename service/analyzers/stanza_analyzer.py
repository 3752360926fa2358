"""Stanza French pipeline -> Document."""

from __future__ import annotations

import os

from service.analyzers import Converting, models_digest, pieces
from service.analyzers.pieces import SENTENCE_MAX
from service.analyzers.sentence_ends import runs_on
from service.document import Document, EntitySpan, Sentence, Word, parse_feats

PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"
TOKENS, TREES = "tokenize,mwt", "pos,lemma,depparse,ner"


class StanzaAnalyzer(Converting):
    name = "stanza"

    def __init__(self, model_dir: str, torch_threads: int = 1):
        if not os.path.isfile(os.path.join(model_dir, "resources.json")):
            raise FileNotFoundError(
                f"no Stanza models in {model_dir!r} (resources.json missing): "
                "run `python -m service.cli download-models --dir DIR` or set FAITS_STANZA_DIR"
            )
        import stanza
        import torch

        torch.set_num_threads(torch_threads)
        # download_method=None: never fetch anything; models come from model_dir only.
        self._nlp = stanza.Pipeline(
            "fr", dir=model_dir, processors=PROCESSORS, download_method=None, use_gpu=False, logging_level="WARN"
        )
        package = self._nlp.processors["tokenize"].config.get("model_path", "")
        self.models = (
            f"stanza-fr/{os.path.splitext(os.path.basename(package))[0] or 'default'} "
            f"{stanza.__version__} sha256:{models_digest(model_dir)}"
        )
        self.version = stanza.__version__

    def annotate(self, text: str):
        """Stanza's own call: its Document (of the text with its long runs in pieces: see pieces)."""
        return self._nlp.process(_bounded(self._nlp.process(pieces.cut(text)[0], processors=TOKENS)), processors=TREES)

    def annotate_many(self, texts: list[str]) -> list:
        """Stanza's own batch call (a list of documents, processed together): its Documents."""
        import stanza

        docs = self._nlp.bulk_process([stanza.Document([], text=pieces.cut(t)[0]) for t in texts], processors=TOKENS)
        return self._nlp.process([_bounded(d) for d in docs], processors=TREES)

    @staticmethod
    def convert(text: str, doc) -> Document:
        cuts = pieces.cuts(text)
        at = cuts.original if cuts else int  # offsets in the text as sent
        sentences = []
        for s in doc.sentences:
            words = []
            for tok in s.tokens:
                # words of a multi-word token ("du" = "de" + "le") share the token's characters
                for w in tok.words:
                    words.append(
                        Word(
                            id=w.id,
                            text=w.text,
                            lemma=w.lemma or w.text,
                            upos=w.upos or "X",
                            feats=parse_feats(w.feats),
                            head=w.head or 0,
                            deprel=w.deprel or "dep",
                            start=at(tok.start_char),
                            end=at(tok.end_char),
                        )
                    )
            if words:
                start, end = words[0].start, words[-1].end
                sentences.append(Sentence(words=words, start=start, end=end, text=text[start:end]))
        entities = [
            EntitySpan(
                text=text[at(e.start_char) : at(e.end_char)], label=e.type, start=at(e.start_char), end=at(e.end_char)
            )
            for e in doc.ents
        ]
        return Document(text=text, sentences=sentences, entities=entities)


def _bounded(doc):
    """The tokenized document as the tagger and parser get it: a sentence the tokenizer ended with no end
    mark joined to the next (see sentence_ends.runs_on: the small models end sentences before capitals,
    "120 des 700" | "Casques bleus"); its sentences over SENTENCE_MAX words cut in pieces (a multi-word
    token stays whole; see pieces), and without the pieces that hold no letter or digit: nothing in them
    can be read, and "« « «" is one word a character, each costing the parser as much as a word of text.
    The document itself when nothing is joined, cut or left out."""
    joins = _run_ons(doc)
    if not joins and all(len(s.words) <= SENTENCE_MAX and _readable(w.text for w in s.words) for s in doc.sentences):
        return doc
    from stanza.models.common.doc import Document as StanzaDocument

    sentences: list[list[dict]] = []
    for i, s in enumerate(doc.to_dict()):
        if i in joins and sentences:
            size = _words_in(sentences[-1])
            sentences[-1] = sentences[-1] + [{**e, "id": _shift(e["id"], -size)} for e in s]
        else:
            sentences.append(s)
    return StanzaDocument(
        [piece for s in sentences for piece in _pieces(s) if _readable(e["text"] for e in piece)], text=doc.text
    )


def _run_ons(doc) -> set[int]:
    """The indexes of the sentences that continue the one before."""
    out = set()
    for i in range(1, len(doc.sentences)):
        prev, cur = doc.sentences[i - 1].tokens, doc.sentences[i].tokens
        if prev and cur:
            before_last = prev[-2].text if len(prev) > 1 else ""
            if runs_on(prev[-1].text, before_last, doc.text[prev[-1].end_char : cur[0].start_char]):
                out.add(i)
    return out


def _words_in(sentence: list[dict]) -> int:
    """The words of a sentence as Stanza's dicts: its last word's id."""
    last = sentence[-1]["id"]
    return last[-1] if isinstance(last, tuple) else last


def _readable(words) -> bool:
    return any(c.isalnum() for word in words for c in word)


def _pieces(sentence: list[dict]) -> list[list[dict]]:
    """A sentence as Stanza's dicts (a multi-word token: its entry, id (first, last), then its words), in
    pieces of at most SENTENCE_MAX words, each numbered from 1."""
    tokens, i = [], 0
    while i < len(sentence):
        ids = sentence[i]["id"]
        size = 1 + (ids[1] - ids[0] + 1 if isinstance(ids, tuple) and len(ids) == 2 else 0)
        tokens.append(sentence[i : i + size])
        i += size
    out: list[list[dict]] = []
    words = SENTENCE_MAX
    for token in tokens:
        n = max(1, len(token) - 1)  # a multi-word token's words, or the token itself
        if words + n > SENTENCE_MAX:
            out.append([])
            words, base = 0, _first_id(token) - 1
        out[-1] += [{**e, "id": _shift(e["id"], base)} for e in token]
        words += n
    return out


def _first_id(token: list[dict]) -> int:
    ids = token[0]["id"]
    return ids[0] if isinstance(ids, tuple) else ids


def _shift(ids, base: int):
    return tuple(x - base for x in ids) if isinstance(ids, tuple) else ids - base
