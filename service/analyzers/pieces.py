"""Long runs without white space, and long sentences, handed to the analyzers in pieces.

Both tokenizers take time that grows with the square of a run's length: spaCy's splits a prefix or a
suffix off a run ("!!!!", emoji, brackets, currency signs) and scans the rest again, Stanza's builds a
long token character by character. A run of 8 000 "!" takes seconds, and 100 000 characters, within
FAITS_MAX_CHARS, minutes, in native code that holds the interpreter. So the analyzer gets the text with
a space inserted every RUN_MAX characters of a longer run, and every offset it gives back is mapped to the
text as sent (`Cuts.original`). Words are rarely this long (a URL may be, and is read in pieces).

The parsers' time grows faster than the length of a sentence (Stanza's: its square, 2 000 words took 86 s
and 20 GB; spaCy's tree edges and the rules too), and a text without sentence ends ("a-a-a", "( ( (", a list
of figures, "... et ... et ...") is one sentence. So no sentence the parser gets holds more than
SENTENCE_MAX words: news sentences are rarely half as long.
"""

from __future__ import annotations

import re
from bisect import bisect_left

RUN_MAX = 64  # characters of a run the analyzer gets in one piece
SENTENCE_MAX = 100  # words of a sentence the parser gets in one piece
SPACY_COMPONENT = "faits_sentence_max"
# matched from a run's first character only: one pass over the text
_LONG_RUN = re.compile(r"(?<!\S)\S{%d,}" % (RUN_MAX + 1))


class Cuts:
    """Where spaces were inserted into a text for the analyzer (offsets in the analyzer's text)."""

    __slots__ = ("at",)

    def __init__(self, at: list[int]):
        self.at = at

    def __bool__(self) -> bool:
        return bool(self.at)

    def original(self, offset: int) -> int:
        """An offset of the analyzer's text in the text as sent. No word holds an inserted space, so a
        word's start and end map to its own characters."""
        return offset - bisect_left(self.at, offset)


def cut(text: str) -> tuple[str, Cuts]:
    """The text the analyzer gets, and its cuts (none, and the text itself, for ordinary text)."""
    at: list[int] = []
    parts: list[str] = []
    last = 0
    for match in _LONG_RUN.finditer(text):
        start, end = match.span()
        parts.append(text[last:start])
        for i in range(start, end, RUN_MAX):
            if i > start:
                at.append(i + len(at))  # the space's offset in the text being built
                parts.append(" ")
            parts.append(text[i : min(i + RUN_MAX, end)])
        last = end
    if not at:
        return text, Cuts(at)
    parts.append(text[last:])
    return "".join(parts), Cuts(at)


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


def add_sentence_bound(nlp) -> None:
    from spacy.language import Language

    if not Language.has_factory(SPACY_COMPONENT):
        Language.component(SPACY_COMPONENT, func=bound_sentences)
    if SPACY_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(SPACY_COMPONENT, before="parser")
