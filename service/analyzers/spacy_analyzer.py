"""spaCy French pipeline (fr_core_news_md) -> Document."""
from __future__ import annotations

from service.analyzers import Converting
from service.document import Document, Entity, Sentence, Word, parse_feats

# spaCy's French NER says PER/LOC/ORG/MISC already; keep the mapping explicit for other models.
LABELS = {"PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG", "MISC": "MISC"}
LOOKUP_MAX = 200_000       # entries of each lookup below before it starts afresh (memory stays bounded)


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


class SpacyAnalyzer(Converting):
    name = "spacy"

    def __init__(self, model: str):
        import spacy
        from spacy.attrs import DEP, HEAD, IDX, IS_SPACE, LEMMA, LENGTH, MORPH, POS

        self._nlp = spacy.load(model)
        self._attrs = [IDX, LENGTH, HEAD, DEP, POS, LEMMA, MORPH, IS_SPACE]
        strings = self._nlp.vocab.strings
        # the names of deprels, UPOS tags and lemmas, and parsed features, by hash ("" for no value)
        self._names = _Lookup(lambda h: strings[h] if h else "")
        self._feats = _Lookup(lambda h: parse_feats(self._names[h]))
        meta = self._nlp.meta
        self.models = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
        self.version = spacy.__version__

    def annotate(self, text: str):
        """spaCy's own call: its Doc."""
        return self._nlp(text)

    def annotate_many(self, texts: list[str]) -> list:
        """spaCy's own batch call (nlp.pipe): its Docs."""
        return list(self._nlp.pipe(texts))

    def convert(self, text: str, doc) -> Document:
        # every token attribute in one array (Token objects are slow to make); strings by hash, looked up once
        array = doc.to_array(self._attrs)
        rows = array.tolist()
        heads = array[:, 2].view("int64").tolist()          # HEAD is relative, stored unsigned: may be negative
        names, feats = self._names, self._feats
        sentences = []
        for s in doc.sents:
            # spaCy keeps runs of white space as tokens; UD has none
            kept = [i for i in range(s.start, s.end) if not rows[i][7]]
            if not kept:
                continue
            index = {i: n for n, i in enumerate(kept, 1)}
            words = []
            for n, i in enumerate(kept, 1):
                start, length, _, dep, pos, lemma, morph, _ = rows[i]
                head = index.get(i + heads[i], 0) if heads[i] else 0
                form = text[start:start + length]
                # positional (Word's field order), and one feats dict per distinct MORPH: words are read-only
                words.append(Word(n, form, names[lemma] or form, names[pos] or "X", feats[morph], head,
                                  names[dep] if head else "root", start, start + length))
            start, end = words[0].start, words[-1].end
            sentences.append(Sentence(words=words, start=start, end=end, text=text[start:end]))
        entities = [Entity(text=e.text, label=LABELS.get(e.label_, "MISC"), start=e.start_char, end=e.end_char)
                    for e in doc.ents]
        return Document(text=text, sentences=sentences, entities=entities)
