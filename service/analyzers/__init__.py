"""Analyzers turn text into the parsed-document type (service.document). They know nothing of facts."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol

from service.document import Document


class Analyzer(Protocol):
    name: str
    models: str  # package name, version, short digest of the model files (models_digest); never a path
    version: str  # version of the NLP library

    def parse(self, text: str) -> Document:
        """convert(text, annotate(text))."""

    def parse_many(self, texts: list[str]) -> list[Document]:
        """The texts parsed together (the library's batch call), each converted."""

    # The NLP library's own calls, with its native output, and the conversion of that output to our
    # Document: the service times them apart (meta.timings_ms "parse" and "convert"); benchmarks time
    # the library's calls as "the raw analyzer".
    def annotate(self, text: str): ...

    def annotate_many(self, texts: list[str]) -> list: ...

    def convert(self, text: str, native) -> Document: ...


class Converting:
    """parse and parse_many, written once for every analyzer from its three own methods: the library's
    calls (annotate, annotate_many) and the conversion of their output (convert)."""

    def annotate(self, text: str):
        raise NotImplementedError

    def annotate_many(self, texts: list[str]) -> list:
        raise NotImplementedError

    def convert(self, text: str, native) -> Document:
        raise NotImplementedError

    def parse(self, text: str) -> Document:
        return self.convert(text, self.annotate(text))

    def parse_many(self, texts: list[str]) -> list[Document]:
        return [self.convert(t, native) for t, native in zip(texts, self.annotate_many(texts))]


def models_digest(root) -> str:
    """The first 12 hex digits of a SHA-256 over the files under root (names and contents): which models a
    worker runs, told without naming a path of the server's disk."""
    root, h = Path(root), hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        with open(path, "rb") as f:
            h.update(hashlib.file_digest(f, "sha256").digest())
    return h.hexdigest()[:12]


def load_analyzer(name: str, *, stanza_dir: str, spacy_model: str, torch_threads: int) -> Analyzer:
    """Build the configured analyzer (loads its models: seconds, so only at start-up)."""
    if name == "stanza":
        from service.analyzers.stanza_analyzer import StanzaAnalyzer

        return StanzaAnalyzer(stanza_dir, torch_threads=torch_threads)
    if name == "spacy":
        from service.analyzers.spacy_analyzer import SpacyAnalyzer

        return SpacyAnalyzer(spacy_model)
    raise ValueError(f"unknown analyzer {name!r}: use 'stanza' or 'spacy'")
