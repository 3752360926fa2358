"""Stanza French pipeline -> Document."""
from __future__ import annotations

import os

from service.analyzers import Converting, models_digest
from service.document import Document, Entity, Sentence, Word, parse_feats

PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"


class StanzaAnalyzer(Converting):
    name = "stanza"

    def __init__(self, model_dir: str, torch_threads: int = 1):
        if not os.path.isfile(os.path.join(model_dir, "resources.json")):
            raise FileNotFoundError(
                f"no Stanza models in {model_dir!r} (resources.json missing): "
                "run `python -m service.cli download-models --dir DIR` or set FAITS_STANZA_DIR")
        import stanza
        import torch

        torch.set_num_threads(torch_threads)
        # download_method=None: never fetch anything; models come from model_dir only.
        self._nlp = stanza.Pipeline("fr", dir=model_dir, processors=PROCESSORS, download_method=None,
                                    use_gpu=False, logging_level="WARN")
        package = self._nlp.processors["tokenize"].config.get("model_path", "")
        self.models = f"stanza-fr/{os.path.splitext(os.path.basename(package))[0] or 'default'} " \
                      f"{stanza.__version__} sha256:{models_digest(model_dir)}"
        self.version = stanza.__version__

    def annotate(self, text: str):
        """Stanza's own call: its Document."""
        return self._nlp(text)

    def annotate_many(self, texts: list[str]) -> list:
        """Stanza's own batch call (a list of documents, processed together): its Documents."""
        import stanza

        return self._nlp.bulk_process([stanza.Document([], text=t) for t in texts])

    @staticmethod
    def convert(text: str, doc) -> Document:
        sentences = []
        for s in doc.sentences:
            words = []
            for tok in s.tokens:
                # words of a multi-word token ("du" = "de" + "le") share the token's characters
                for w in tok.words:
                    words.append(Word(id=w.id, text=w.text, lemma=w.lemma or w.text, upos=w.upos or "X",
                                      feats=parse_feats(w.feats), head=w.head or 0, deprel=w.deprel or "dep",
                                      start=tok.start_char, end=tok.end_char))
            if words:
                start, end = words[0].start, words[-1].end
                sentences.append(Sentence(words=words, start=start, end=end, text=text[start:end]))
        entities = [Entity(text=text[e.start_char:e.end_char], label=e.type, start=e.start_char, end=e.end_char)
                    for e in doc.ents]
        return Document(text=text, sentences=sentences, entities=entities)
