"""spaCy French pipeline (fr_core_news_md) -> Document."""
from __future__ import annotations

from service.document import Document, Entity, Sentence, Word

# spaCy's French NER says PER/LOC/ORG/MISC already; keep the mapping explicit for other models.
LABELS = {"PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG", "MISC": "MISC"}


class SpacyAnalyzer:
    name = "spacy"

    def __init__(self, model: str):
        import spacy

        self._nlp = spacy.load(model)
        meta = self._nlp.meta
        self.models = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
        self.version = spacy.__version__

    def parse(self, text: str) -> Document:
        return self._convert(text, self._nlp(text))

    def parse_many(self, texts: list[str]) -> list[Document]:
        return [self._convert(t, d) for t, d in zip(texts, self._nlp.pipe(texts))]

    @staticmethod
    def _convert(text: str, doc) -> Document:
        sentences = []
        for s in doc.sents:
            words, index = [], {}
            for tok in s:
                if tok.is_space:          # spaCy keeps runs of white space as tokens; UD has none
                    continue
                index[tok.i] = len(words) + 1
                words.append(tok)
            if not words:
                continue
            converted = []
            for tok in words:
                head = 0 if tok.head.i == tok.i or tok.head.i not in index else index[tok.head.i]
                deprel = "root" if head == 0 else tok.dep_
                converted.append(Word(id=index[tok.i], text=tok.text, lemma=tok.lemma_ or tok.text,
                                      upos=tok.pos_ or "X", feats=tok.morph.to_dict(), head=head, deprel=deprel,
                                      start=tok.idx, end=tok.idx + len(tok.text)))
            start, end = converted[0].start, converted[-1].end
            sentences.append(Sentence(words=converted, start=start, end=end, text=text[start:end]))
        entities = [Entity(text=e.text, label=LABELS.get(e.label_, "MISC"), start=e.start_char, end=e.end_char)
                    for e in doc.ents]
        return Document(text=text, sentences=sentences, entities=entities)
