"""An analyzer that loads no model: for the tests of everything around the NLP (HTTP contract, errors,
security, batch envelope, runtime, command line), which `make test-fast` runs without the real models.

It cuts words and sentences with a regular expression and hangs every word of a sentence under its
first: a valid Universal Dependencies tree on which the rules find no fact, so the responses are
well formed and their content says nothing about extraction (the full suite tests that)."""

from __future__ import annotations

import re

from service.analyzers import Converting
from service.document import Document, Sentence, Word

_WORD = re.compile(r"\w+|[^\w\s]")
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


class FakeAnalyzer(Converting):
    """Stands in for the analyzer it is named after (meta.analyzer.name, /readyz); `models` says it is fake."""

    version = "0"
    models = "fake 0 sha256:000000000000"  # the shape meta.analyzer.models has: no path

    def __init__(self, name: str = "fake") -> None:
        self.name = name
        self.calls = 0  # library calls, one per annotate / annotate_many

    def annotate(self, text: str) -> str:
        self.calls += 1
        return text

    def annotate_many(self, texts: list[str]) -> list[str]:
        self.calls += 1
        return list(texts)

    def convert(self, text: str, native: str) -> Document:
        sentences = []
        for m in _SENTENCE.finditer(text):
            words = [_word(i, w, m.start()) for i, w in enumerate(_WORD.finditer(m.group()), 1)]
            if words:
                sentences.append(
                    Sentence(
                        words=words, start=words[0].start, end=words[-1].end, text=text[words[0].start : words[-1].end]
                    )
                )
        return Document(text=text, sentences=sentences, entities=[])


def _word(i: int, m: re.Match, base: int) -> Word:
    form = m.group()
    upos = "NUM" if form.isdigit() else "PUNCT" if not form[0].isalnum() and form[0] != "_" else "X"
    return Word(
        id=i,
        text=form,
        lemma=form.lower(),
        upos=upos,
        feats={},
        head=0 if i == 1 else 1,
        deprel="root" if i == 1 else "dep",
        start=base + m.start(),
        end=base + m.end(),
    )
