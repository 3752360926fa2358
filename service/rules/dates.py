"""French calendar-date mentions, found in raw text and normalised to ISO (SCHEMA.md, "Dates").

All vocabulary lives in service/lexicon/dates.yaml. Rules run in priority order (named days,
numeric dates, day-month dates, months, deictic phrases, weekdays, bare years); a later rule's
match is dropped when it overlaps an earlier one, so "samedi 8 janvier" is one mention, not two.

Resolution follows SCHEMA: a date without a year is the most recent one not after the
reference, unless the clause is in the future tense (`tense_at`) or a cue such as "d'ici"
points forward; "dernier"/"prochain" force the direction.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect
from typing import Callable, Iterator, Optional

from schemas.dates import DateMention
from service.lexicon import load
from service.rules.scan import Scanner

TenseAt = Callable[[int], Optional[str]]
_L = load("dates")
_APOS = "'’ʼ"
_FLAGS = re.IGNORECASE
_FOLD = str.maketrans({"’": "'", "ʼ": "'", "-": " ", "‐": " ", "‑": " "})
# How the lexicon's apostrophes, spaces and hyphens may be written in the text.
_VARIANTS = {"'": f"[{_APOS}]", " ": r"\s+", "-": r"(?:[-‐‑]|\s+)"}


def _key(s: str) -> str:
    """Lookup form of a matched phrase: casefolded, one apostrophe, hyphens read as spaces."""
    return " ".join(s.casefold().translate(_FOLD).split())


def _pat(phrase: str) -> str:
    return "".join(_VARIANTS.get(ch) or re.escape(ch) for ch in phrase)


def _alt(phrases) -> str:
    return "|".join(_pat(p) for p in sorted(phrases, key=len, reverse=True))


def _table(d: dict) -> dict:
    return {_key(k): v for k, v in d.items()}


def _words(name: str) -> frozenset:
    return frozenset(_key(w) for w in _L[name])


_MONTHS = _table(_L["months"])
_ABBR = _table(_L["month_abbreviations"])
_WEEKDAYS = _table(_L["weekdays"])
_REL_DAYS = _table(_L["relative_days"])
_REL_PERIODS = {_key(p["phrase"]): p for p in _L["relative_periods"]}
_NAMED = _table(_L["named_days"])
_JOINERS = _words("number_joiners") | {","}
_PLURAL = tuple(_L["plural_endings"])
_PAST, _FUTURE = _words("past_markers"), _words("future_markers")
(_MONTH_CUES, _BLOCKERS, _STRONG, _PERIOD_NOUNS, _DETERMINERS, _WEAK, _QUALIFIERS, _UNITS,
 _FUNCTION) = map(_words, (
    "bare_month_cues", "weekday_blockers", "year_cues_strong", "year_period_nouns", "determiners",
    "year_cues_weak", "count_qualifiers", "measure_units", "function_words"))

_MON = _alt(list(_L["months"]) + list(_L["month_abbreviations"]))
_WD = _alt(_L["weekdays"])
_REL = _alt(_L["past_markers"] + _L["future_markers"])
_PRE = "|".join(_pat(p) + (r"\s*" if p.endswith("-") else r"\s+")
                for p in sorted(_L["period_prefixes"], key=len, reverse=True))
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?![0-9])(?:" + _alt(_L["day_suffixes"]) + r")?"
_CONN = r"(?:\s+(?:" + _alt(_L["range_connectors"]) + r")\s+(?:(?:" + _alt(_L["range_articles"]) \
    + r")\s+)?|\s*[-–]\s*)"

# "samedi 8 janvier 2022", "8 au 9 juillet", "19 septembre dernier", "13-Novembre"
_EXPLICIT = Scanner(re.compile(
    rf"(?<![\w.,/])(?:(?P<wd>{_WD})\s+)?(?:(?P<d1>{_DAY}){_CONN})?(?P<day>{_DAY})(?:\s+|-)"
    rf"(?P<mon>{_MON})(?!\w)(?:\s+(?P<year>[0-9]{{4}})(?![0-9]))?(?:\s+(?P<rel>{_REL})(?!\w))?",
    _FLAGS), _L["weekdays"], digits=True)
# "4/10/2015", "04.10.2015", "4/10/15", "2015-10-04"
_NUMERIC = Scanner(re.compile(
    r"(?<![\w.,/-])(?:(?P<d>[0-9]{1,2})(?P<sep>[/.-])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4}|[0-9]{2})"
    r"|(?P<iy>[0-9]{4})-(?P<im>[0-9]{2})-(?P<id>[0-9]{2}))(?![\w/]|[.,-][0-9])"), digits=True)
# "novembre 2011", "fin février", "juin dernier", "en janvier"
_MONTH = Scanner(re.compile(
    rf"(?<!\w)(?P<pre>{_PRE})?(?P<mon>{_MON})(?!\w)(?:\s+(?P<year>[0-9]{{4}})(?![0-9])"
    rf"|\s+(?P<rel>{_REL})(?!\w))?", _FLAGS),
    _L["period_prefixes"], _L["months"], _L["month_abbreviations"])
_WEEKDAY = Scanner(re.compile(
    rf"(?<!\w)(?:(?P<dem>{_alt(_L['demonstratives'])})\s+)?(?P<wd>{_WD})(?!\w)"
    rf"(?:\s+(?P<rel>{_REL})(?!\w))?", _FLAGS), _L["demonstratives"], _L["weekdays"])
_RELDAY = Scanner(re.compile(rf"(?<![\w-])(?:{_alt(_L['relative_days'])})(?![\w-])", _FLAGS),
                  _L["relative_days"])
_PERIOD_PHRASES = [p["phrase"] for p in _L["relative_periods"]]
_PERIOD = Scanner(re.compile(rf"(?<!\w)(?:{_alt(_PERIOD_PHRASES)})(?!\w)", _FLAGS), _PERIOD_PHRASES)
_NAMED_RE = Scanner(re.compile(rf"(?<!\w)(?:{_alt(_L['named_days'])})(?!\w)", _FLAGS), _L["named_days"])
_YEAR = Scanner(re.compile(rf"(?<![\w.,/-])(?P<pre>{_PRE})?(?<![\w.,/])(?P<year>1[0-9]{{3}}|20[0-9]{{2}})"
                           r"(?![\w/]|[.,-][0-9]|\s*[%€$£])", _FLAGS), _L["period_prefixes"], digits=True)

_FORWARD = re.compile(rf"(?:{_alt(_L['forward_cues'])})\s*(?:(?:{_alt(_L['range_articles'])})\s+)?$",
                      _FLAGS)
_ANAPHORIC = re.compile(rf"(?:{_alt(_L['anaphoric_suffixes'])})(?!\w)", _FLAGS)
_FEAST = re.compile(rf"\s+(?:{_alt(_L['weekday_feasts'])})(?!\w)", _FLAGS)
_JOINED = re.compile(rf"\s*(?:[,;–-]|(?:{_alt(_L['number_joiners'])})(?!\w))\s*[0-9]{{1,4}}(?![0-9])",
                     _FLAGS)
_DIGITS = re.compile("[0-9]+")
_NUMBER_AFTER = re.compile(r"\s+[0-9]")
_NEXT = re.compile(r"\s*(\w+|\S)?")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"            # what \w matches


def _prev(text: str, i: int) -> tuple[str, int]:
    """The word (or punctuation mark) before offset i (within 40 characters), casefolded, and where
    it starts. An elided word keeps no apostrophe ("d'" -> "d")."""
    lo = max(0, i - 40)
    body = text[lo:i].rstrip()
    if not body:
        return "", 0
    end = len(body) - 1 if body[-1] in _APOS and len(body) > 1 and _is_word_char(body[-2]) else len(body)
    start = end
    while start > 0 and _is_word_char(body[start - 1]):
        start -= 1
    if start == end:                             # a punctuation mark
        return _key(body[-1]), lo + len(body) - 1
    return _key(body[start:end]), lo + start


def _next(text: str, j: int) -> str:
    m = _NEXT.match(text, j)
    return _key(m.group(1) or "")


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _shift(d: dt.date, days: int) -> Optional[str]:
    try:
        return _iso(d + dt.timedelta(days=days))
    except OverflowError:
        return None


def _date(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _rel(word: Optional[str]) -> Optional[str]:
    key = _key(word or "")
    return "last" if key in _PAST else "next" if key in _FUTURE else None


class _Ctx:
    """What a rule needs: the text, the reference and the direction of each clause."""

    def __init__(self, text: str, ref: Optional[dt.date], tense_at: Optional[TenseAt]):
        self.text, self.ref, self.tense_at = text, ref, tense_at

    def forward(self, start: int) -> bool:
        """Does the clause at `start` point after the reference (future tense or "d'ici")?"""
        tense = self.tense_at(start) if self.tense_at else None
        if tense in ("past", "future"):
            return tense == "future"
        return bool(_FORWARD.search(self.text, max(0, start - 30), start))

    def day_month(self, month: int, day: int, rel: Optional[str], start: int,
                  weekday: Optional[int] = None) -> Optional[str]:
        """A day-month without year, placed in the year the wording and tense point to."""
        if _date(2000, month, day) is None:           # 2000 is a leap year: any real day-month
            return None
        if self.ref is None:
            return f"--{month:02d}-{day:02d}"
        ref = self.ref
        cands = [d for y in range(ref.year - 4, ref.year + 5) if (d := _date(y, month, day))]
        if weekday is not None and rel is None:
            fits = [d for d in cands if d.weekday() == weekday and abs((d - ref).days) <= 366]
            if fits:
                return _iso(min(fits, key=lambda d: abs((d - ref).days)))
        if rel == "last":
            pick = max((d for d in cands if d < ref), default=None)
        elif rel == "next":
            pick = min((d for d in cands if d > ref), default=None)
        elif self.forward(start):
            pick = min((d for d in cands if d >= ref), default=None)
        else:
            pick = max((d for d in cands if d <= ref), default=None)
        return pick and _iso(pick)

    def month(self, month: int, rel: Optional[str], start: int) -> str:
        if self.ref is None:
            return f"--{month:02d}"
        now = (self.ref.year, self.ref.month)
        cands = [(y, month) for y in range(self.ref.year - 1, self.ref.year + 2)]
        if rel == "last":
            y, m = max(c for c in cands if c < now)
        elif rel == "next":
            y, m = min(c for c in cands if c > now)
        elif self.forward(start):
            y, m = min(c for c in cands if c >= now)
        else:
            y, m = max(c for c in cands if c <= now)
        return f"{y:04d}-{m:02d}"

    def weekday(self, wd: int, rel: Optional[str], demonstrative: bool, start: int) -> Optional[str]:
        """Weekday names: "ce dimanche" on a Sunday is that day; "dimanche dernier" the one before.

        "dernier"/"prochain" skip the adjacent days, which plain "hier"/"demain" would name.
        """
        back, ahead = (self.ref.weekday() - wd) % 7, (wd - self.ref.weekday()) % 7
        if rel == "last":
            delta = -(back if back >= 2 else back + 7)
        elif rel == "next":
            delta = ahead if ahead >= 2 else ahead + 7
        elif demonstrative and back == 0:
            delta = 0
        elif self.forward(start):
            delta = ahead or 7
        else:
            delta = -back
        return _shift(self.ref, delta)


def _mention(text: str, s: int, e: int, value: str, grain: str) -> DateMention:
    return DateMention(text=text[s:e], start=s, end=e, value=value, grain=grain)


def _is_name(text: str, m: re.Match, group: str) -> bool:
    """A capitalised month/weekday inside a sentence is part of a name ("Journal du Dimanche")."""
    word = m.group(group)
    if not word[:1].isupper() or word.isupper():
        return False
    before = text[max(0, m.start(group) - 40):m.start(group)].rstrip()     # up to the last visible character
    return bool(before) and (before[-1].isalnum() or before[-1] in _APOS + "-")


# ---- rules: each yields (start, end, [mentions]) for one match ------------------------------

def _named_days(c: _Ctx) -> Iterator:
    for m in _NAMED_RE.finditer(c.text):
        md = _NAMED.get(_key(m.group()))
        if md is None:                    # a case-insensitive match that folds differently
            continue
        month, day = map(int, md.split("-"))
        value = c.day_month(month, day, None, m.start())
        if value:
            yield m.start(), m.end(), [_mention(c.text, m.start(), m.end(), value, "day")]


def _numeric(c: _Ctx) -> Iterator:
    for m in _NUMERIC.finditer(c.text):
        if m.group("iy"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        else:
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if len(m.group("y")) == 2:
                if m.group("sep") != "/":             # "12.10.15" is more likely a version
                    continue
                y += 2000 if y < 50 else 1900
        date = _date(y, mo, d)
        if date:
            yield m.start(), m.end(), [_mention(c.text, m.start(), m.end(), _iso(date), "day")]


def _explicit(c: _Ctx) -> Iterator:
    for m in _EXPLICIT.finditer(c.text):
        mk = _key(m.group("mon"))
        month = _MONTHS.get(mk) or _ABBR.get(mk)
        if month is None:
            continue
        day = int(_DIGITS.match(m.group("day")).group())
        d1 = int(_DIGITS.match(m.group("d1")).group()) if m.group("d1") else None
        first = d1 if d1 is not None and d1 < day else None   # "du 8 au 9 juillet"
        if m.group("year"):
            date = _date(int(m.group("year")), month, day)
            value = date and _iso(date)
        else:   # a weekday names the first day of a range, so it checks that one
            wd = _WEEKDAYS.get(_key(m.group("wd") or ""))
            value = c.day_month(month, first or day, _rel(m.group("rel")), m.start(), wd)
            if value and first:
                value = value[:-2] + f"{day:02d}"
        if not value:
            continue
        out = [_mention(c.text, m.start() if d1 is None else m.start("day"), m.end(), value, "day")]
        if first:
            out.insert(0, _mention(c.text, m.start(), m.end(), value[:-2] + f"{first:02d}", "day"))
        yield m.start(), m.end(), out


def _month_cue(text: str, i: int) -> bool:
    """Is a bare month at i introduced as a date ("en mai", "de janvier à mars")?"""
    prev, at = _prev(text, i)
    return prev in _MONTH_CUES or (prev in _JOINERS and _prev(text, at)[0] in _MONTHS)


def _months(c: _Ctx) -> Iterator:
    for m in _MONTH.finditer(c.text):
        mk = _key(m.group("mon"))
        year, rel, pre = m.group("year"), _rel(m.group("rel")), m.group("pre")
        month = _MONTHS.get(mk) or _ABBR.get(mk)
        if month is None:
            continue
        if year:
            value = f"{int(year):04d}-{month:02d}"
        else:   # abbreviations and "mai 68" (two-digit year) are not trusted alone
            if mk not in _MONTHS or _NUMBER_AFTER.match(c.text, m.end()):
                continue
            if not (pre or rel or _month_cue(c.text, m.start())) or _is_name(c.text, m, "mon"):
                continue
            value = c.month(month, rel, m.start())
        yield m.start(), m.end(), [_mention(c.text, m.start(), m.end(), value, "month")]


def _periods(c: _Ctx) -> Iterator:
    if c.ref is None:
        return
    for m in _PERIOD.finditer(c.text):
        p = _REL_PERIODS.get(_key(m.group()))
        if p is None or _ANAPHORIC.match(c.text, m.end()):   # "cette année-là"
            continue
        if p["grain"] == "year":
            value = f"{c.ref.year + p['offset']:04d}"
        else:
            k = c.ref.year * 12 + c.ref.month - 1 + p["offset"]
            value = f"{k // 12:04d}-{k % 12 + 1:02d}"
        yield m.start(), m.end(), [_mention(c.text, m.start(), m.end(), value, p["grain"])]


def _relative_days(c: _Ctx) -> Iterator:
    if c.ref is None:
        return
    for m in _RELDAY.finditer(c.text):
        days = _REL_DAYS.get(_key(m.group()))
        value = days is not None and _shift(c.ref, days)
        if not value:
            continue
        yield m.start(), m.end(), [_mention(c.text, m.start(), m.end(), value, "day")]


def _weekdays(c: _Ctx) -> Iterator:
    if c.ref is None:
        return
    for m in _WEEKDAY.finditer(c.text):
        wd = _WEEKDAYS.get(_key(m.group("wd")))
        if wd is None or _FEAST.match(c.text, m.end("wd")) or _ANAPHORIC.match(c.text, m.end()):
            continue
        if not m.group("dem") and (_prev(c.text, m.start())[0] in _BLOCKERS
                                   or _is_name(c.text, m, "wd")):   # "chaque lundi", "du Dimanche"
            continue
        value = c.weekday(wd, _rel(m.group("rel")), bool(m.group("dem")), m.start())
        if not value:
            continue
        yield m.start(), m.end(), [_mention(c.text, m.start(), m.end(), value, "day")]


def _tail(text: str, j: int) -> str:
    """The word after a number, skipping joined numbers ("1958, 1962 et 1970 ...")."""
    while (m := _JOINED.match(text, j)):
        j = m.end()
    return _next(text, j)


def _years(c: _Ctx) -> Iterator:
    """Years standing alone, kept only where the context makes them a time reference."""
    for m in _YEAR.finditer(c.text):
        if not m.group("pre"):
            prev, at = _prev(c.text, m.start())
            if prev in _STRONG or (prev in _PERIOD_NOUNS and _prev(c.text, at)[0] in _DETERMINERS):
                if _next(c.text, m.end()) in _UNITS:                  # "depuis 2000 ans"
                    continue
            elif prev in _WEAK or (prev and not prev[0].isalnum()) or not prev:
                if prev in _WEAK and _prev(c.text, at)[0] in _QUALIFIERS:   # "plus de 2000"
                    continue
                nxt = _tail(c.text, m.end())
                if nxt in _UNITS or (len(nxt) > 2 and nxt.endswith(_PLURAL) and nxt not in _FUNCTION):
                    continue                                           # "2000 manifestants"
            else:                                # after a name or a noun: "US Open 2022"
                continue
        yield m.start(), m.end(), [_mention(c.text, m.start(), m.end(), m.group("year"), "year")]


_RULES = (_named_days, _numeric, _explicit, _months, _periods, _relative_days, _weekdays, _years)


def find_dates(text: str, reference: Optional[dt.date],
               tense_at: Optional[TenseAt] = None) -> list[DateMention]:
    """Every calendar-date mention in `text`, in text order, normalised against `reference`.

    `tense_at(offset)` gives "past"/"present"/"future"/None for the clause at a character
    offset; it only decides which way a date without a year (or a weekday) is resolved.
    """
    ctx, taken, found = _Ctx(text, reference, tense_at), [], []   # taken: sorted, disjoint spans
    for rule in _RULES:
        for s, e, mentions in rule(ctx):
            i = bisect(taken, (s, e))
            if (i and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
                continue
            taken.insert(i, (s, e))
            found.extend(mentions)
    return sorted(found, key=lambda d: (d.start, d.end))
