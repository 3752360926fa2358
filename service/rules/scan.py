"""Fast scanning of a text for lexicon patterns: try a pattern only where it can start.

A case-insensitive alternation of many phrases is slow to `search` with Python's `re`: the
engine tries every alternative at every character. Every date and count pattern begins with a
phrase of a lexicon list (or a digit), so the words of a text are indexed once and a pattern is
matched only at the words (or symbols) that can begin it, and at a word that begins it only as the
first of a phrase ("la" of "la veille", "des" of "des centaines": leads_of) only before a second word
the phrase can have. A Scanner gives exactly what `finditer`/`search` on the whole text give,
provided it is built from every phrase that can begin a match, and its leads from every phrase
(tests/test_scan.py compares both on treebank text).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Optional

from service.rules.text import APOSTROPHES

_WORD = re.compile(r"\w+")
_DIGIT = "0"  # the index key of every word that begins with a digit
_FIRSTS: frozenset[str] = frozenset()  # the first words of every Scanner: the only words indexed
# Scanners are module constants, made at import: each has a number, and a text's index holds a list of
# starts per number (a Scanner made later only makes the index be read anew for every text)
_OWNERS: dict[str, tuple[int, ...]] = {}  # a first word (or _DIGIT) -> the numbers of the Scanners it begins
_SCANNERS = 0  # how many Scanners there are
# a first word -> Scanner number -> the words that may follow it in that Scanner's matches (see leads_of)
_LEADS: dict[str, dict[int, frozenset[str]]] = {}
_NEXT_WORD = re.compile(r"\W+(\w+)")


def _trie(words: Iterable[str]) -> str:
    """An alternation of `words` factored by prefix ("ju(?:in|illet)"): `re` then tests one
    character per branch at each position instead of every word."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + ("?" if "" in node else "")

    return emit(root)


@lru_cache(maxsize=4)
def _gate(firsts: frozenset[str]) -> re.Pattern:
    """The words of `firsts` and the numbers, where a word begins."""
    return re.compile(r"(?<!\w)(?:(?:" + _trie(firsts) + r")(?!\w)|\d)")


@lru_cache(maxsize=8)
def _index(text: str, scanners: int) -> list[list[int]]:
    """For each Scanner (by number, the first `scanners` of them), where one of its first words or a
    number begins in `text`, in order: the text is read once for all of them."""
    starts: list[list[int]] = [[] for _ in range(scanners)]
    owners, leads, next_word = _OWNERS, _LEADS, _NEXT_WORD.match
    low = text.lower()
    if len(low) == len(text):
        words = ((m.start(), m.end(), m.group()) for m in _gate(_FIRSTS).finditer(low))
        source = low
    else:  # lowering changed the length ("İ"): offsets in `low` are not the text's, go word by word
        words = ((m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text))
        source = text
    for start, end, w in words:
        key = _DIGIT if w[0].isdecimal() else w  # what \d matches
        lead = leads.get(key)
        if lead is None:
            for n in owners.get(key, ()):
                starts[n].append(start)
            continue
        # a lead word starts a match of a Scanner that reads it as one only before a word it allows
        nxt = next_word(source, end)
        after = nxt.group(1).lower() if nxt is not None else ""
        for n in owners.get(key, ()):
            if n not in lead or after in lead[n]:
                starts[n].append(start)
    return starts


def spelled(*lists: Iterable[str]) -> list[str]:
    """The phrases of `lists`, each also with every other apostrophe: a Scanner indexes the first word of
    each, and "ʼ" (a letter to `re`) makes "aujourdʼhui" one word."""
    return [p.replace("'", a) for ps in lists for p in ps for a in (APOSTROPHES if "'" in p else "'")]


def leads_of(*phrase_lists: Iterable[str], alone: Iterable[str] = ()) -> dict[str, set[str]]:
    """For a Scanner whose matches begin with one of the phrases: the first words that begin a match only
    as the first of two words or more ("la" of "la veille"), each with the second words it may have. A
    Scanner given these tries no match where another word follows ("de la", "des gens" are everywhere).
    `alone`: the other words a match may begin with (never leads). Read with every apostrophe (spelled)."""
    single = {w.lower() for w in spelled(alone)}
    seconds: dict[str, set[str]] = {}
    for p in spelled(*phrase_lists):
        words = [w.lower() for w in _WORD.findall(p)]
        if len(words) == 1:
            single.add(words[0])
        elif words:
            seconds.setdefault(words[0], set()).add(words[1])
    return {w: after for w, after in seconds.items() if w not in single}


class Scanner:
    """A compiled pattern, tried only where one of `phrases` (the lexicon phrases that can begin
    a match) begins, or at any number if `digits`."""

    def __init__(
        self,
        pattern: re.Pattern,
        *phrases: Iterable[str],
        digits: bool = False,
        leads: Optional[Mapping[str, Iterable[str]]] = None,
    ):
        self.pattern = pattern
        words, symbols = set(), set()
        for p in (p for ps in phrases for p in ps):
            m = _WORD.match(p)
            if m:
                words.add(m.group().lower())
            else:  # "€", "$": the symbol itself is the key
                symbols.add(p[0])
        self.words = frozenset(words | ({_DIGIT} if digits else set()))
        global _FIRSTS, _SCANNERS
        _FIRSTS = _FIRSTS | words
        self._number, _SCANNERS = _SCANNERS, _SCANNERS + 1
        for w in self.words:
            _OWNERS[w] = _OWNERS.get(w, ()) + (self._number,)
        for w, after in (leads or {}).items():  # see leads_of
            _LEADS.setdefault(w.lower(), {})[self._number] = frozenset(n.lower() for n in after)
        self._symbols = re.compile("[" + re.escape("".join(sorted(symbols))) + "]") if symbols else None
        self._last: tuple[Optional[str], list[int]] = (None, [])  # a count is searched many times

    def starts(self, text: str) -> list[int]:
        """Where a match may begin, in order."""
        last = self._last
        if last[0] is not text:
            found = _index(text, _SCANNERS)[self._number]  # in order already; never changed
            if self._symbols is not None:
                found = sorted(found + [m.start() for m in self._symbols.finditer(text)])
            last = self._last = (text, found)
        return last[1]

    def finditer(self, text: str) -> Iterator[re.Match]:
        """What pattern.finditer(text) gives (for patterns that never match the empty string)."""
        end, match = 0, self.pattern.match
        for p in self.starts(text):
            if p >= end and (m := match(text, p)):
                yield m
                end = m.end()

    def search(
        self, text: str, pos: int = 0, endpos: Optional[int] = None, stop: Optional[int] = None
    ) -> Optional[re.Match]:
        """What pattern.search(text, pos, endpos) gives; with `stop`, only a match that begins
        before `stop` (it may end after it)."""
        starts = self.starts(text)
        endpos = len(text) if endpos is None else endpos
        last = endpos if stop is None else min(stop, endpos)
        match = self.pattern.match
        for i in range(bisect_left(starts, pos), len(starts)):
            if starts[i] >= last:
                break
            if m := match(text, starts[i], endpos):
                return m
        return None
