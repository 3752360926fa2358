"""Stanza French pipeline -> Document."""

from __future__ import annotations

import os

from service.analyzers import Converting, models_digest, pieces
from service.analyzers.pieces import SENTENCE_MAX
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
    """The tokenized document as the tagger and parser get it: its sentences over SENTENCE_MAX words cut in
    pieces (a multi-word token stays whole; see pieces), and without the pieces that hold no letter or
    digit: nothing in them can be read, and "« « «" is one word a character, each costing the parser as
    much as a word of text. The document itself when nothing is cut or left out."""
    if all(len(s.words) <= SENTENCE_MAX and _readable(w.text for w in s.words) for s in doc.sentences):
        return doc
    from stanza.models.common.doc import Document as StanzaDocument

    return StanzaDocument(
        [piece for s in doc.to_dict() for piece in _pieces(s) if _readable(e["text"] for e in piece)], text=doc.text
    )


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
