"""The parsed-document type: the one shape every analyzer produces and every rule reads.

It is plain Universal Dependencies: words (syntactic words, so "du" is two words "de" + "le"
sharing the characters of one token) with lemma, UPOS, features, a 1-based head within the
sentence (0 = root) and a deprel, plus named-entity spans. Character offsets index the
original text (Python str indices).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from time import perf_counter
from typing import Optional


@dataclass(eq=False, slots=True)  # a word is a node of one tree: compared by identity
class Word:
    id: int  # 1-based index in the sentence
    text: str
    lemma: str
    upos: str
    feats: dict[str, str]  # read-only: an analyzer may share one dict among words
    head: int  # 0 = root
    deprel: str
    start: int  # character offsets of the word, or of its multi-word token
    end: int
    # Set once by the Sentence the word is given to (the rules read them thousands of times); the word
    # has none of them before, so building a word costs no more than its own fields.
    sentence: Sentence = field(init=False, repr=False)
    parent: Optional[Word] = field(init=False, repr=False)
    children: Sequence[Word] = field(init=False, repr=False)  # in sentence order; () for a leaf
    rel: str = field(init=False, repr=False)  # deprel without subtype: "nsubj:pass" -> "nsubj"

    def feat(self, name: str) -> Optional[str]:
        return self.feats.get(name)

    def subtree(self) -> list[Word]:
        """This word and all its descendants, in sentence order."""
        ids, frontier = {self.id}, [self]
        while frontier:
            nxt = [c for f in frontier for c in f.children if c.id not in ids]
            ids.update(w.id for w in nxt)
            frontier = nxt
        return [w for w in self.sentence.words if w.id in ids]

    def ancestors(self) -> Iterator[Word]:
        seen, w = {self.id}, self.parent
        while w is not None and w.id not in seen:  # guard against cycles from a broken parse
            yield w
            seen.add(w.id)
            w = w.parent


@dataclass
class EntitySpan:
    text: str
    label: str  # PER / LOC / ORG / MISC
    start: int
    end: int


class Sentence:
    """A sentence's words, in order, with its character span. Compared by identity, like its words.

    An analyzer gives the words (`words=`), or a function that builds them on first use (`build=`,
    with `forms` and `lemmas`): in ordinary news most sentences hold no trigger word and no date,
    and their trees are never read. `forms` and `lemmas` (the words' texts and lemmas, in order) are
    there either way, for scans that need no tree. A Document is read by one thread at a time (the
    service analyses on one thread): two first reads at once would build two trees.
    """

    __slots__ = ("start", "end", "text", "forms", "lemmas", "build_s", "_words", "_build")

    def __init__(
        self,
        words: Optional[list[Word]] = None,
        *,
        start: int,
        end: int,
        text: str = "",
        forms: Optional[list[str]] = None,
        lemmas: Optional[list[str]] = None,
        build: Optional[Callable[[], list[Word]]] = None,
    ):
        self.start, self.end, self.text = start, end, text
        self.build_s = 0.0  # seconds spent building the words on first use: conversion, not rules
        self._words: Optional[list[Word]] = None
        self._build = build
        if words is not None:
            if build is not None:
                raise TypeError("a Sentence takes its words or a build function, not both")
            self._link(words)
            forms = [w.text for w in words] if forms is None else forms
            lemmas = [w.lemma for w in words] if lemmas is None else lemmas
            if len(forms) != len(words) or len(lemmas) != len(words):
                raise ValueError("forms and lemmas must have one entry per word")
        elif build is None or forms is None or lemmas is None:
            raise TypeError("a Sentence needs its words, or build with forms and lemmas")
        self.forms, self.lemmas = forms, lemmas

    @property
    def words(self) -> list[Word]:
        words = self._words
        if words is None:
            assert self._build is not None  # set whenever the words are not
            t0 = perf_counter()
            words = self._link(self._build())
            self._build = None
            self.build_s = perf_counter() - t0
        return words

    def _link(self, words: list[Word]) -> list[Word]:
        # the links of the tree (ids are 1..n in order, as word() reads them); read-only from here on
        n = len(words)
        # by the id of the head (0: the root); a list only where there are children: most words are
        # leaves, and fewer objects means fewer passes of the garbage collector
        children: list = [()] * (n + 1)
        for w in words:
            if 0 <= w.head <= n:
                kids = children[w.head]
                if kids:
                    kids.append(w)
                else:
                    children[w.head] = [w]
        for w, kids in zip(words, children[1:]):
            w.sentence = self
            w.parent = words[w.head - 1] if 0 < w.head <= n else None
            w.children = kids
            w.rel = w.deprel.partition(":")[0]
        self._words = words
        return words

    def release(self) -> None:
        """See Document.release. The words can no longer be read: reading them raises, rather than
        giving a sentence without words."""
        if self._words is not None:
            for w in self._words:
                w.parent = None
        self._words, self._build = None, _released

    def word(self, wid: int) -> Optional[Word]:
        words = self.words
        return words[wid - 1] if 0 < wid <= len(words) else None

    @property
    def root(self) -> Optional[Word]:
        return next((w for w in self.words if w.head == 0), None)

    def words_between(self, start: int, end: int) -> list[Word]:
        """Words whose characters lie within [start, end)."""
        return [w for w in self.words if w.start >= start and w.end <= end]

    def __repr__(self) -> str:
        return f"Sentence(start={self.start}, end={self.end}, text={self.text!r})"


def _released() -> list[Word]:
    raise RuntimeError("the words of a released Document were read (see Document.release)")


@dataclass(eq=False)  # compared by identity, like its sentences (and a key for per-document caches)
class Document:
    text: str
    sentences: list[Sentence]
    entities: list[EntitySpan]

    def sentence_at(self, offset: int) -> Optional[Sentence]:
        i = bisect_right(self._starts, offset) - 1
        return self.sentences[i] if i >= 0 and offset < self.sentences[i].end else None

    def index_of(self, sentence: Sentence) -> int:
        """Where `sentence` stands in `sentences` (found by its start, in log time)."""
        return bisect_right(self._starts, sentence.start) - 1

    def build_seconds(self) -> float:
        """The time spent so far building sentences' words on first use (see Sentence)."""
        return sum(s.build_s for s in self.sentences)

    def release(self) -> None:
        """Unlink the trees once no rule will read them: a tree is a cycle (word <-> sentence, parent
        <-> children), which reference counting cannot free; unlinked, the words go at once rather
        than at the collector's next passes, which would walk them until then. The sentences keep their
        spans, forms and lemmas; reading their words afterwards raises RuntimeError."""
        for s in self.sentences:
            s.release()

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]  # sentences are in text order


def parse_feats(feats: str | None) -> dict[str, str]:
    """A UD FEATS column as a dict: 'Gender=Masc|Number=Sing' -> {'Gender': 'Masc', 'Number': 'Sing'}."""
    if not feats or feats == "_":
        return {}
    return dict(f.split("=", 1) for f in feats.split("|") if "=" in f)
