"""Long runs without white space, runs of symbols and long sentences, handed to the analyzers in pieces.

Both tokenizers take time that grows with the square of a run's length: spaCy's splits a prefix or a
suffix off a run ("!!!!", emoji, brackets, currency signs) and scans the rest again, Stanza's builds a
long token character by character. A run of 8 000 "!" takes seconds, and 100 000 characters, within
FAITS_MAX_CHARS, minutes, in native code that holds the interpreter. So the analyzer gets the text with
a space inserted every RUN_MAX characters of a longer run (words are rarely this long; a URL may be, and
is read in pieces). A run of SYMBOL_RUN or more characters that are neither letters, digits nor white
space ("!!!!", "«««", emoji) holds nothing to read, and each of its characters would be a word of its own
for the tagger and parser: the analyzer gets one space in its place. Every offset the analyzer gives
back is mapped to the text as sent (`Cuts.original`).

The parsers' time grows faster than the length of a sentence (Stanza's: its square, 2 000 words took 86 s
and 20 GB; spaCy's tree edges and the rules too), and a text without sentence ends ("a-a-a", "( ( (", a list
of figures, "... et ... et ...") is one sentence. So no sentence the parser gets holds more than
SENTENCE_MAX words: news sentences are rarely half as long.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Optional

RUN_MAX = 64  # characters of a run the analyzer gets in one piece
SYMBOL_RUN = 16  # symbols in a row the analyzer gets as one space
SENTENCE_MAX = 100  # words of a sentence the parser gets in one piece
SPACY_COMPONENT = "faits_sentence_max"
_SYMBOLS = re.compile(rf"[^\w\s]{{{SYMBOL_RUN},}}")
# matched from a run's first character only: one pass over the text
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{RUN_MAX + 1},}}")


class Cuts:
    """How the analyzer's text differs from the text sent: from each of `points` on (offsets in the
    analyzer's text), an offset of the analyzer's text plus the matching `deltas` entry is one of the
    text sent. `then`: the cuts of an earlier step."""

    __slots__ = ("points", "deltas", "then")

    def __init__(self, points: list[int], deltas: list[int], then: Optional[Cuts] = None):
        self.points, self.deltas, self.then = points, deltas, then

    def __bool__(self) -> bool:
        return bool(self.points) or bool(self.then)

    def original(self, offset: int) -> int:
        """An offset of the analyzer's text in the text sent. No word holds a space put in by a cut, so a
        word's start and end map to its own characters."""
        i = bisect_right(self.points, offset) - 1
        offset = offset + self.deltas[i] if i >= 0 else offset
        return self.then.original(offset) if self.then else offset


def cut(text: str) -> tuple[str, Cuts]:
    """The text the analyzer gets, and its cuts (none, and the text itself, for ordinary text)."""
    collapsed, first = _collapse(text)
    spaced, second = _split(collapsed)
    if not first:
        return spaced, second
    return spaced, Cuts(second.points, second.deltas, first)


def _collapse(text: str) -> tuple[str, Cuts]:
    """Each run of symbols as one space."""
    parts: list[str] = []
    points: list[int] = []
    deltas: list[int] = []
    last = shift = 0
    for match in _SYMBOLS.finditer(text):
        start, end = match.span()
        parts += [text[last:start], " "]
        points.append(start - shift + 1)  # just past the space, in the new text
        shift += end - start - 1
        deltas.append(shift)
        last = end
    if not points:
        return text, Cuts([], [])
    parts.append(text[last:])
    return "".join(parts), Cuts(points, deltas)


def _split(text: str) -> tuple[str, Cuts]:
    """A space every RUN_MAX characters of a longer run."""
    parts: list[str] = []
    points: list[int] = []
    deltas: list[int] = []
    last = 0
    for match in _LONG_RUN.finditer(text):
        start, end = match.span()
        parts.append(text[last:start])
        for i in range(start, end, RUN_MAX):
            if i > start:
                parts.append(" ")
                # the space is at i + (spaces so far) of the new text; from just past it, one less
                points.append(i + len(points) + 1)
                deltas.append(-len(points))
            parts.append(text[i : min(i + RUN_MAX, end)])
        last = end
    if not points:
        return text, Cuts([], [])
    parts.append(text[last:])
    return "".join(parts), Cuts(points, deltas)


def cuts(text: str) -> Cuts:
    return cut(text)[1]


def bound_sentences(doc):
    """spaCy pipeline component, before the parser (which keeps boundaries set before it): a sentence
    starts at least every SENTENCE_MAX tokens. Set in one array: each Token.is_sent_start assignment
    scans the whole document."""
    if len(doc) <= SENTENCE_MAX:
        return doc
    from spacy.attrs import SENT_START

    starts = doc.to_array(SENT_START).view("int64")  # 1: starts a sentence, -1: does not, 0: not set
    since, changed = 0, False
    for i, start in enumerate(starts.tolist()):
        if start != 1 and since == SENTENCE_MAX:
            starts[i], start, changed = 1, 1, True
        since = 1 if start == 1 else since + 1
    if changed:
        doc.from_array([SENT_START], starts.view("uint64").reshape(-1, 1))
    return doc
