"""How text meets the lexicon: one normal form to compare them, one way to turn lexicon phrases into
a regular expression. Apostrophes and hyphens come in several characters (service/lexicon/text.yaml);
the lexicon writes the plain ones."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from service.lexicon import load

APOSTROPHES = "".join(load("text")["apostrophes"])
HYPHENS = "".join(load("text")["hyphens"])
_ONE_APOSTROPHE = str.maketrans({a: "'" for a in APOSTROPHES})
_HYPHEN_AS_SPACE = str.maketrans({**{a: "'" for a in APOSTROPHES}, **{h: " " for h in HYPHENS}})
# how each plain character of a lexicon phrase may be written in the text
_VARIANTS = {"'": f"[{re.escape(APOSTROPHES)}]", " ": r"\s+", "-": f"[{re.escape(HYPHENS)}]"}
# ... where a hyphen may also be a space ("après demain"): dates only, whose phrases are short (in
# number phrases it lets a run of spaces be read many ways, and a long one takes seconds)
_SPACED = {**_VARIANTS, "-": rf"(?:[{re.escape(HYPHENS)}]|\s+)"}


_QUOTES: dict[str, str] = load("text")["quotes"]
QUOTE_MARKS = frozenset(_QUOTES)  # the marks that open a quotation
_QUOTE_RE = re.compile("[" + re.escape("".join(set(_QUOTES) | set(_QUOTES.values()))) + "]")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each quotation in `text`, marks included ("la France aux Français" in
    « ... »); an unclosed one is no quotation (a stray mark)."""
    spans: list[tuple[int, int]] = []
    opened = None
    for m in _QUOTE_RE.finditer(text):  # the marks only: a sentence has few
        i, ch = m.start(), m.group()
        if opened is not None and ch == _QUOTES[text[opened]]:
            spans.append((opened, i + 1))
            opened = None
        elif opened is None and ch in _QUOTES:
            opened = i
    return spans


@lru_cache(maxsize=65536)
def norm_text(text: str, hyphens: bool = False) -> str:
    """Lowercase (casefolded), one apostrophe, runs of white space as one space; with `hyphens`, a
    hyphen read as a space ("après-demain" = "après demain")."""
    return " ".join(text.casefold().translate(_HYPHEN_AS_SPACE if hyphens else _ONE_APOSTROPHE).split())


def phrase_pattern(phrase: str, spaced_hyphens: bool = False) -> str:
    """A regex for a lexicon phrase: any apostrophe, any run of white space, any hyphen (with
    `spaced_hyphens`, white space too)."""
    variants = _SPACED if spaced_hyphens else _VARIANTS
    return "".join(variants.get(ch) or re.escape(ch) for ch in " ".join(phrase.split()))


def alternation(phrases: Iterable[str], bounded: bool = False, lead: bool = False, spaced_hyphens: bool = False) -> str:
    """A non-capturing group of the phrases (see phrase_pattern), longest first. `bounded`: a phrase
    ending with a letter or digit ends a word; `lead`: the phrase comes before another word, so white
    space follows it unless it ends with an elision ("d'")."""
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        pattern = phrase_pattern(p, spaced_hyphens)
        if lead:
            pattern += r"\s*" if p.endswith("'") else r"(?!\w)\s+"
        elif bounded and p[-1:].isalnum():
            pattern += r"(?!\w)"
        parts.append(pattern)
    return "(?:" + "|".join(parts) + ")"
