"""French calendar-date mentions, found in raw text and normalised to ISO (docs/conventions.md, "Dates").

All vocabulary lives in service/lexicon/dates.yaml. Rules run in priority order (named days,
numeric dates, ordinal days, day-month dates, months, deictic phrases, weekdays, bare years); a
later rule's match is dropped when it overlaps an earlier one, so "samedi 8 janvier" is one
mention, not two.

A date without a year (or a weekday) is placed by, in this order: "dernier"/"prochain" after it;
"d'ici" or "depuis" before it (the next one, the most recent one, whatever the tense: "a annoncé
l'envoi d'ici fin juin", "acheminés depuis lundi, ils porteront ..."); the tense of its clause
(`tense_at`: past -> the most recent one not after the reference, future -> the next one); a cue word
before it ("pour le", "jusqu'au" -> the next one); else the occurrence nearest to the reference, before
or after.

Offsets and weeks ("il y a trois semaines", "dans deux mois", "cette semaine") are resolved by
`find_relative_dates`: durations and weeks stay out of the `dates` list (docs/conventions.md), so
`find_dates` does not give them.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Optional

from schemas.dates import DateMention
from service.lexicon import load
from service.rules.scan import Scanner, leads_of, spelled
from service.rules.text import APOSTROPHES, HYPHENS, alternation, norm_text, phrase_pattern

TenseAt = Callable[[int], Optional[str]]
_L = load("dates")
_FLAGS = re.IGNORECASE
_MIN_YEAR, _MAX_YEAR = dt.MINYEAR, dt.MAXYEAR  # 1-9999: values outside are dropped


def _key(s: str) -> str:
    """Lookup form of a matched phrase: casefolded, one apostrophe, hyphens read as spaces."""
    return norm_text(s, hyphens=True)


def _alt(phrases) -> str:
    return alternation(phrases, spaced_hyphens=True)


def _pat(phrase: str) -> str:
    return phrase_pattern(phrase, spaced_hyphens=True)


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
_BARE_NAMED = _table(_L["bare_named_days"])
_EASTER = _table(_L["easter_days"])
_BARE_EASTER = _table(_L["bare_easter_days"])
_DAY_WORDS = _table(_L["day_words"])
_COUNT_WORDS = {**_DAY_WORDS, **_table(_L["count_words"])}
_ORDINALS = _table(_L["ordinal_words"])
_REL_MONTHS = _table(_L["relative_months"])
_AFTER_DAYS = _table(_L["day_after_offsets"])
_WEEK_PHRASES = _table(_L["week_phrases"])
_OFFSET_INTROS = _table(_L["offset_introducers"])
_OFFSET_UNITS = _table(_L["offset_units"])
_REL_WEEKS = _table(_L["relative_weeks"])
_JOINERS = _words("number_joiners") | {","}
_PLURAL = tuple(_L["plural_endings"])
_PAST, _FUTURE = _words("past_markers"), _words("future_markers")
(
    _MONTH_CUES,
    _BLOCKERS,
    _STRONG,
    _PERIOD_NOUNS,
    _DETERMINERS,
    _WEAK,
    _QUALIFIERS,
    _UNITS,
    _FUNCTION,
    _YEAR_PREPS,
    _IN_RANGE,
    _OPENERS,
    _CLOSERS,
    _ANY_RANGE,
    _VERBS,
    _SLASH_CUES,
    _SLASH_BLOCKERS,
    _TIME_WORDS,
    _NAMED_CUES,
    _COPULAS,
    _COPULA_ADVERBS,
) = map(
    _words,
    (
        "bare_month_cues",
        "weekday_blockers",
        "year_cues_strong",
        "year_period_nouns",
        "determiners",
        "year_cues_weak",
        "count_qualifiers",
        "measure_units",
        "function_words",
        "year_prepositions",
        "weak_cues_in_range",
        "year_openers",
        "year_closers",
        "year_closers_any_range",
        "verbs_after_count",
        "slash_cues",
        "slash_blockers",
        "time_words",
        "named_day_cues",
        "copulas_before_count",
        "copula_adverbs",
    ),
)
_WEAK_RANGE = tuple(_L["weak_year_range"])
_YY_WINDOW = int(_L["two_digit_year_window"])

_MON = _alt(list(_L["months"]) + list(_L["month_abbreviations"]))
_FULL_MON = _alt(_L["months"])
_WD = _alt(_L["weekdays"])
_REL = _alt(_L["past_markers"] + _L["future_markers"])
_PRE = "|".join(
    _pat(p) + (r"\s*" if p.endswith("-") else r"\s+") for p in sorted(_L["period_prefixes"], key=len, reverse=True)
)
_DAY = (
    r"(?:(?:[12][0-9]|3[01]|0?[1-9])(?![0-9])(?:"
    + _alt(_L["day_suffixes"])
    + r")?|(?:"
    + _alt(_L["day_words"])
    + r")(?!\w))"
)
_CONN = r"(?:\s+(?:" + _alt(_L["range_connectors"]) + r")\s+(?:(?:" + _alt(_L["range_articles"]) + r")\s+)?|\s*[-–]\s*)"
_ORD = r"(?:(?:" + _alt(_L["ordinal_words"]) + r")|[0-9]{1,2}(?:" + _alt(_L["ordinal_suffixes"]) + r"))(?!\w)"
_INTRO = "|".join(
    _pat(p) + (r"\s*" if p.endswith("'") else r"\s+") for p in sorted(_L["month_introducers"], key=len, reverse=True)
)
_NUM_WORDS = _alt([*_L["day_words"], *_L["count_words"]])  # as written: "vingt-deux" with any hyphen

# "samedi 8 janvier 2022", "8 au 9 juillet", "19 septembre dernier", "13-Novembre", "premier mars",
# "31 octobre 74"
_EXPLICIT = Scanner(
    re.compile(
        rf"(?<![\w.,/])(?:(?P<wd>{_WD})\s+)?(?:(?P<d1>{_DAY}){_CONN}(?:(?:{_WD})\s+)?)?(?P<day>{_DAY})(?:\s+|-)"
        rf"(?P<mon>{_MON})(?!\w)(?:\s+(?P<year>[0-9]{{4}}|[0-9]{{2}})(?![0-9]))?(?:\s+(?P<rel>{_REL})(?!\w))?",
        _FLAGS,
    ),
    spelled(_L["weekdays"], _L["day_words"]),
    digits=True,
)
# "4/10/2015", "04.10.2015", "4/10/15", "2015-10-04", "17/02", "le 2/3"
_NUMERIC = Scanner(
    re.compile(
        rf"(?<![\w.,/-])(?:(?P<wd>{_WD})\s+)?"
        r"(?:(?P<d>[0-9]{1,2})(?P<sep>[/.-])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4}|[0-9]{2})"
        r"|(?P<iy>[0-9]{4})-(?P<im>[0-9]{2})-(?P<id>[0-9]{2})"
        r"|(?P<sd>[0-9]{1,2})/(?P<sm>[0-9]{1,2}))(?![\w/]|[.,-][0-9])",
        _FLAGS,
    ),
    spelled(_L["weekdays"]),
    digits=True,
)
# "3e jour d'octobre", "dernier jour d'octobre 2015", "premier mercredi du mois prochain"
_ORDINAL = Scanner(
    re.compile(
        rf"(?<![\w.,/])(?P<ord>{_ORD})\s+(?:(?P<noun>{_alt(_L['day_nouns'])})|(?P<wd>{_WD}))\s+"
        rf"(?:(?P<relm>{_alt(_L['relative_months'])})(?!\w)"
        rf"|(?:{_INTRO})(?P<mon>{_FULL_MON})(?!\w)(?:\s+(?P<year>[0-9]{{4}})(?![0-9]))?)",
        _FLAGS,
    ),
    spelled(_L["ordinal_words"]),
    digits=True,
)
# "novembre 2011", "fin février", "juin dernier", "en janvier"
_MONTH = Scanner(
    re.compile(
        rf"(?<!\w)(?P<pre>{_PRE})?(?P<mon>{_MON})(?!\w)(?:\s+(?P<year>[0-9]{{4}})(?![0-9])"
        rf"|\s+(?P<rel>{_REL})(?!\w))?",
        _FLAGS,
    ),
    spelled(_L["period_prefixes"], _L["months"], _L["month_abbreviations"]),
)
# "samedi", "ce mercredi", "mardi dernier", "mercredi de la semaine prochaine", "lundi en huit", "jeudi 15"
_WEEKDAY = Scanner(
    re.compile(
        rf"(?<!\w)(?:(?P<dem>{_alt(_L['demonstratives'])})\s+)?(?P<wd>{_WD})(?!\w)"
        rf"(?:\s+(?P<rel>{_REL})(?!\w)|\s+(?P<week>{_alt(_L['week_phrases'])})(?!\w)"
        rf"|\s+(?P<after>{_alt(_L['day_after_offsets'])})(?!\w)"
        rf"|\s+(?P<num>(?:[12][0-9]|3[01]|0?[1-9])(?![0-9])(?:{_alt(_L['day_suffixes'])})?)(?!\w|[.,:/][0-9]))?",
        _FLAGS,
    ),
    spelled(_L["demonstratives"], _L["weekdays"]),
    leads=leads_of([f"{d} {w}" for d in _L["demonstratives"] for w in _L["weekdays"]], alone=_L["weekdays"]),
)
_RELDAY = Scanner(
    re.compile(
        rf"(?<![\w-])(?P<day>{_alt(_L['relative_days'])})(?![\w-])"
        rf"(?:\s+(?P<after>{_alt(_L['day_after_offsets'])})(?!\w))?",
        _FLAGS,
    ),
    spelled(_L["relative_days"]),
)
_PERIOD_PHRASES = [p["phrase"] for p in _L["relative_periods"]]
_PERIOD = Scanner(
    re.compile(rf"(?<!\w)(?:{_alt(_PERIOD_PHRASES)})(?!\w)", _FLAGS),
    spelled(_PERIOD_PHRASES),
    leads=leads_of(_PERIOD_PHRASES),
)
_NAMED_RE = Scanner(
    re.compile(
        rf"(?<!\w)(?:(?P<named>{_alt(_L['named_days'])})|(?P<easter>{_alt(_L['easter_days'])})"
        rf"|(?P<bare>{_alt(_L['bare_named_days'])})|(?P<bare_easter>{_alt(_L['bare_easter_days'])}))(?!\w)",
        _FLAGS,
    ),
    spelled(_L["named_days"], _L["easter_days"], _L["bare_named_days"], _L["bare_easter_days"]),
    leads=leads_of(_L["named_days"], _L["easter_days"], _L["bare_named_days"], _L["bare_easter_days"]),
)
_YEAR = Scanner(
    re.compile(
        rf"(?<![\w.,/-])(?P<pre>{_PRE})?(?<![\w.,/])(?P<year>1[0-9]{{3}}|20[0-9]{{2}})"
        r"(?![\w/]|[.,-][0-9]|\s*[%€$£])",
        _FLAGS,
    ),
    spelled(_L["period_prefixes"]),
    digits=True,
)
# Left out of `find_dates` (see the module docstring): offsets and weeks.
# (A plain pattern: it is only read by find_relative_dates, and a Scanner needs treebank matches to be tested.)
_OFFSET = re.compile(
    rf"(?<!\w)(?P<intro>{_alt(_L['offset_introducers'])})\s+(?P<n>[0-9]{{1,4}}|{_NUM_WORDS})(?!\w)\s+"
    rf"(?P<unit>{_alt(_L['offset_units'])})(?!\w)",
    _FLAGS,
)
_WEEK = Scanner(
    re.compile(rf"(?<!\w)(?:{_alt(_L['relative_weeks'])})(?!\w)", _FLAGS),
    spelled(_L["relative_weeks"]),
    leads=leads_of(_L["relative_weeks"]),
)

# A cue word right before a date: forward ("d'ici", "pour le") or backward ("depuis le").
_CUE = re.compile(
    rf"(?<!\w)(?:(?P<forward>{_alt(_L['forward_cues'])})|(?P<backward>{_alt(_L['backward_cues'])}))"
    rf"\s*(?:(?:{_alt(_L['range_articles'])})\s+)?$",
    _FLAGS,
)


def _cue(text: str, start: int) -> Optional[str]:
    """ "forward" or "backward": the cue word right before the date at `start`, if any."""
    m = _CUE.search(text, max(0, start - 30), start)
    return None if m is None else "forward" if m.group("forward") else "backward"


def after_backward_cue(text: str, start: int) -> bool:
    """A cue that looks back stands right before the date at `start` ("depuis samedi", "depuis le 4 mai"):
    the date starts a period."""
    return _cue(text, start) == "backward"


_AHEAD = re.compile(rf"(?<!\w)(?:{_alt(_L['ahead_cues'])})\s*(?:(?:{_alt(_L['range_articles'])})\s+)?$", _FLAGS)
_EVENT = re.compile(rf"(?<!\w)(?P<cue>{_alt(_L['event_offsets'])})\s*$", _FLAGS)
_EVENT_OFFSETS = _table(_L["event_offsets"])
_ANAPHORIC = re.compile(rf"(?:{_alt(_L['anaphoric_suffixes'])})(?!\w)", _FLAGS)
_FEAST = re.compile(rf"\s+(?:{_alt(_L['weekday_feasts'])})(?!\w)", _FLAGS)
_JOINED = re.compile(rf"\s*(?:[,;–-]|(?:{_alt(_L['number_joiners'])})(?!\w))\s*[0-9]{{1,4}}(?![0-9])", _FLAGS)
_DIGITS = re.compile("[0-9]+")
_NUMBER_AFTER = re.compile(r"\s+[0-9]")
_NEXT = re.compile(r"\s*(\w+|\S)?")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches


def _prev(text: str, i: int) -> tuple[str, int]:
    """The word (or punctuation mark) before offset i (within 40 characters), casefolded, and where
    it starts. An elided word keeps no apostrophe ("d'" -> "d")."""
    lo = max(0, i - 40)
    body = text[lo:i].rstrip()
    if not body:
        return "", 0
    end = len(body) - 1 if body[-1] in APOSTROPHES and len(body) > 1 and _is_word_char(body[-2]) else len(body)
    start = end
    while start > 0 and _is_word_char(body[start - 1]):
        start -= 1
    if start == end:  # a punctuation mark
        return _key(body[-1]), lo + len(body) - 1
    return _key(body[start:end]), lo + start


def _next(text: str, j: int) -> str:
    m = _NEXT.match(text, j)
    return _key(m.group(1) or "")


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _shift(d: dt.date, days: int) -> Optional[dt.date]:
    try:
        return d + dt.timedelta(days=days)
    except OverflowError:
        return None


def _date(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_iso(k: int) -> Optional[str]:
    """A month counted from year 0 (year * 12 + month - 1) as YYYY-MM, if its year is 1-9999."""
    y, m = divmod(k, 12)
    return f"{y:04d}-{m + 1:02d}" if _MIN_YEAR <= y <= _MAX_YEAR else None


def _year_iso(y: int) -> Optional[str]:
    return f"{y:04d}" if _MIN_YEAR <= y <= _MAX_YEAR else None


def _month_length(y: int, m: int) -> int:
    return ((dt.date(y + 1, 1, 1) if m == 12 else dt.date(y, m + 1, 1)) - dt.date(y, m, 1)).days


def _easter(y: int) -> Optional[dt.date]:
    """Easter Sunday of year y (Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lt = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * lt) // 433
    month = (h + lt - 7 * m + 90) // 25
    return _date(y, month, (h + lt - 7 * m + 33 * month + 19) % 32)


def _rel(word: Optional[str]) -> Optional[str]:
    key = _key(word or "")
    return "last" if key in _PAST else "next" if key in _FUTURE else None


def _day_number(s: str) -> int:
    m = _DIGITS.match(s)
    return int(m.group()) if m else _DAY_WORDS[_key(s)]


def _two_digit_year(yy: int, ref: Optional[dt.date]) -> int:
    """ "74" -> 1974, "14" -> 2014: the century that puts the year at most `two_digit_year_window`
    years after the reference (without one: 00-49 -> 20xx, 50-99 -> 19xx)."""
    if ref is None:
        return yy + (2000 if yy < 50 else 1900)
    y = ref.year - ref.year % 100 + yy
    return y - 100 if y > ref.year + _YY_WINDOW else y


def _is_count_word(word: str, verbs: bool) -> bool:
    """Does `word`, after a number, make that number a count or a time ("74 personnes", "22 h",
    "12 ont été blessés")?"""
    return (
        word in _UNITS
        or word in _TIME_WORDS
        or (verbs and word in _VERBS)
        or (len(word) > 2 and word.endswith(_PLURAL) and word not in _FUNCTION)
        or word[:1].isdigit()
    )


class _Timeline:
    """What a rule needs: the text, the reference and the direction of each clause."""

    def __init__(self, text: str, ref: Optional[dt.date], tense_at: Optional[TenseAt]):
        self.text, self.ref, self.tense_at = text, ref, tense_at

    def how(self, start: int, rel: Optional[str] = None) -> str:
        """Which occurrence a date without year at `start` names: "last"/"next" (strictly before or
        after the reference: "dernier", "prochain"), "past"/"future" (the reference day included:
        "d'ici" / "depuis", the tense, then the other cue words) or "near" (no cue: the nearest one)."""
        if rel:
            return rel
        # "d'ici" always looks ahead and "depuis" back, whatever the tense of the clause ("a annoncé l'envoi
        # d'ici fin juin", "acheminés depuis lundi, ces renforts porteront ...")
        if _AHEAD.search(self.text, max(0, start - 30), start):
            return "future"
        cue = _cue(self.text, start)
        if cue == "backward":
            return "past"
        tense = self.tense_at(start) if self.tense_at else None
        if tense in ("past", "future"):
            return tense
        return "near" if cue is None else "future"

    def anchor(self, start: int) -> dt.date:
        """The day the direction is taken from: the reference, or for "la veille de <date>" (the
        clause's event is the day before the date) the day after it."""
        m = _EVENT.search(self.text, max(0, start - 40), start)
        days = _EVENT_OFFSETS.get(_key(m.group("cue"))) if m else None
        return (days and _shift(self.ref, -days)) or self.ref

    def pick(self, cands: list[dt.date], how: str, ref: Optional[dt.date] = None) -> Optional[dt.date]:
        ref = ref or self.ref
        if how == "last":
            return max((d for d in cands if d < ref), default=None)
        if how == "next":
            return min((d for d in cands if d > ref), default=None)
        if how == "past":
            return max((d for d in cands if d <= ref), default=None)
        if how == "future":
            return min((d for d in cands if d >= ref), default=None)
        return min(cands, key=lambda d: (abs((d - ref).days), d > ref), default=None)

    def day_month(self, month: int, day: int, how: str, start: int, weekday: Optional[int] = None) -> Optional[str]:
        """A day-month without year, placed in the year the wording and tense point to."""
        if _date(2000, month, day) is None:  # 2000 is a leap year: any real day-month
            return None
        if self.ref is None:
            return f"--{month:02d}-{day:02d}"
        ref = self.ref
        span = 4 if (month, day) == (2, 29) else 1  # a 29 February may be 4 years away
        cands = [
            d
            for y in range(max(_MIN_YEAR, ref.year - span), min(_MAX_YEAR, ref.year + span) + 1)
            if (d := _date(y, month, day))
        ]
        if weekday is not None and how not in ("last", "next"):
            fits = [d for d in cands if d.weekday() == weekday and abs((d - ref).days) <= 366]
            if fits:
                return _iso(min(fits, key=lambda d: abs((d - ref).days)))
        pick = self.pick(cands, how, self.anchor(start))
        return _iso(pick) if pick else None

    def month_index(self, month: int, how: str) -> int:
        """A month without year, as year * 12 + month - 1."""
        now = self.ref.year * 12 + self.ref.month - 1
        cands = [y * 12 + month - 1 for y in (self.ref.year - 1, self.ref.year, self.ref.year + 1)]
        if how == "last":
            return max(c for c in cands if c < now)
        if how == "next":
            return min(c for c in cands if c > now)
        if how == "past":
            return max(c for c in cands if c <= now)
        if how == "future":
            return min(c for c in cands if c >= now)
        return min(cands, key=lambda c: (abs(c - now), c > now))

    def month(self, month: int, how: str) -> Optional[str]:
        return f"--{month:02d}" if self.ref is None else _month_iso(self.month_index(month, how))

    def weekday(self, wd: int, how: str, demonstrative: bool) -> Optional[str]:
        """Weekday names: "ce dimanche" on a Sunday is that day; "dimanche dernier" the one before.

        "dernier"/"prochain" skip the adjacent days, which plain "hier"/"demain" would name.
        """
        back, ahead = (self.ref.weekday() - wd) % 7, (wd - self.ref.weekday()) % 7
        if how == "last":
            delta = -(back if back >= 2 else back + 7)
        elif how == "next":
            delta = ahead if ahead >= 2 else ahead + 7
        elif demonstrative and back == 0:
            delta = 0
        elif how == "future":
            delta = ahead or 7
        elif how == "past":
            delta = -back
        else:
            delta = -back if back <= ahead else ahead
        d = _shift(self.ref, delta)
        return _iso(d) if d else None

    def weekday_day(self, wd: int, day: int, how: str) -> Optional[str]:
        """ "jeudi 15": of the months within six of the reference whose 15th is a Thursday, the one
        the direction picks (with no cue the nearest: the reference's month where it fits)."""
        base = self.ref.year * 12 + self.ref.month - 1
        fits = []
        for k in range(base - 6, base + 7):
            y, m = divmod(k, 12)
            if _MIN_YEAR <= y <= _MAX_YEAR and (d := _date(y, m + 1, day)) and d.weekday() == wd:
                fits.append(d)
        pick = self.pick(fits, how) or self.pick(fits, "near")
        return _iso(pick) if pick else None


def _mention(text: str, s: int, e: int, value: str, grain: str) -> DateMention:
    return DateMention(text=text[s:e], start=s, end=e, value=value, grain=grain)


def _is_name(text: str, m: re.Match, group: str) -> bool:
    """A capitalised month/weekday inside a sentence is part of a name ("Journal du Dimanche")."""
    word = m.group(group)
    if not word[:1].isupper() or word.isupper():
        return False
    before = text[max(0, m.start(group) - 40) : m.start(group)].rstrip()  # up to the last visible character
    return bool(before) and (before[-1].isalnum() or before[-1] in APOSTROPHES + "-")


# ---- rules: each yields (start, end, [mentions]) for one match ------------------------------


def _named_days(c: _Timeline) -> Iterator:
    for m in _NAMED_RE.finditer(c.text):
        key = _key(m.group())
        if m.group("bare") or m.group("bare_easter"):  # "à Noël", not "Noël Mamère", "île de Pâques"
            if (
                _prev(c.text, m.start())[0] not in _NAMED_CUES
                or (_NEXT.match(c.text, m.end()).group(1) or "")[:1].isupper()
            ):
                continue
        how = c.how(m.start())
        if m.group("easter") or m.group("bare_easter"):
            days = (_EASTER if m.group("easter") else _BARE_EASTER).get(key)
            if days is None or c.ref is None:
                continue
            cands = [
                d
                for y in range(max(_MIN_YEAR, c.ref.year - 1), min(_MAX_YEAR, c.ref.year + 1) + 1)
                if (e := _easter(y)) and (d := _shift(e, days))
            ]
            pick = c.pick(cands, how, c.anchor(m.start()))
            value = pick and _iso(pick)
        else:
            md = (_NAMED if m.group("named") else _BARE_NAMED).get(key)
            if md is None:  # a case-insensitive match that folds differently
                continue
            month, day = map(int, md.split("-"))
            value = c.day_month(month, day, how, m.start())
        if value:
            yield m.start(), m.end(), [_mention(c.text, m.start(), m.end(), value, "day")]


def _slash_date(c: _Timeline, m: re.Match) -> bool:
    """Is "17/02" (no year) a date: after "le", "du", a weekday..., or two two-digit numbers?"""
    prev = _prev(c.text, m.start())[0]
    if m.group("wd") or prev in _SLASH_CUES:
        return True
    return (
        len(m.group("sd")) == 2
        and len(m.group("sm")) == 2
        and prev not in _SLASH_BLOCKERS
        and not _is_count_word(_next(c.text, m.end()), verbs=False)
    )


def _numeric(c: _Timeline) -> Iterator:
    for m in _NUMERIC.finditer(c.text):
        if m.group("sd"):
            month, day = int(m.group("sm")), int(m.group("sd"))
            if not 1 <= month <= 12 or not _slash_date(c, m):
                continue
            wd = _WEEKDAYS.get(_key(m.group("wd") or ""))
            value = c.day_month(month, day, c.how(m.start()), m.start(), wd)
            if value:
                yield m.start(), m.end(), [_mention(c.text, m.start(), m.end(), value, "day")]
            continue
        if m.group("iy"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        else:
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if len(m.group("y")) == 2:
                if m.group("sep") != "/":  # "12.10.15" is more likely a version
                    continue
                y = _two_digit_year(y, c.ref)
        date = _date(y, mo, d)
        if date:
            yield m.start(), m.end(), [_mention(c.text, m.start(), m.end(), _iso(date), "day")]


def _ordinal_month(c: _Timeline, m: re.Match, how: str) -> Optional[int]:
    """The month of an ordinal phrase as year * 12 + month - 1, or None."""
    if m.group("relm"):
        if c.ref is None:
            return None
        return c.ref.year * 12 + c.ref.month - 1 + _REL_MONTHS[_key(m.group("relm"))]
    month = _MONTHS[_key(m.group("mon"))]
    if m.group("year"):
        return int(m.group("year")) * 12 + month - 1
    return None if c.ref is None else c.month_index(month, how)


def _ordinals(c: _Timeline) -> Iterator:
    for m in _ORDINAL.finditer(c.text):
        o = _key(m.group("ord"))
        n = int(_DIGITS.match(o).group()) if o[:1].isdigit() else _ORDINALS.get(o)
        if not n:
            continue
        how = c.how(m.start())
        value = None
        if m.group("noun") and n > 0 and m.group("mon") and not m.group("year"):
            value = c.day_month(_MONTHS[_key(m.group("mon"))], n, how, m.start())  # "le 3e jour d'octobre"
        elif (k := _ordinal_month(c, m, how)) is not None:
            y, mo = divmod(k, 12)
            mo += 1
            if not _MIN_YEAR <= y <= _MAX_YEAR:
                continue
            last = _month_length(y, mo)
            if m.group("noun"):
                day = last if n < 0 else n
            else:
                wd = _WEEKDAYS[_key(m.group("wd"))]
                if n < 0:
                    day = last - (dt.date(y, mo, last).weekday() - wd) % 7
                else:
                    day = 1 + (wd - dt.date(y, mo, 1).weekday()) % 7 + 7 * (n - 1)
            date = _date(y, mo, day)
            value = _iso(date) if date else None
        if value:
            yield m.start(), m.end(), [_mention(c.text, m.start(), m.end(), value, "day")]


def _explicit(c: _Timeline) -> Iterator:
    for m in _EXPLICIT.finditer(c.text):
        mk = _key(m.group("mon"))
        month = _MONTHS.get(mk) or _ABBR.get(mk)
        if month is None:
            continue
        day = _day_number(m.group("day"))
        d1 = _day_number(m.group("d1")) if m.group("d1") else None
        first = d1 if d1 is not None and d1 < day else None  # "du 8 au 9 juillet"
        end, year = m.end(), m.group("year")
        if year:  # a count or a time is no year: "le 3 mai 2000 manifestants", "le 8 mai 22 h"
            nxt = _next(c.text, m.end("year"))
            if (
                nxt in _UNITS
                if len(year) == 4
                else _is_count_word(nxt, verbs=True) or _is_word_char(c.text[m.end("year") : m.end("year") + 1])
            ):
                year, end = None, m.end("mon")
        if year:
            date = _date(int(year) if len(year) == 4 else _two_digit_year(int(year), c.ref), month, first or day)
            value = _iso(date) if date else None
        else:  # a weekday names the first day of a range, so it checks that one
            wd = _WEEKDAYS.get(_key(m.group("wd") or ""))
            rel = _rel(m.group("rel")) if end == m.end() else None
            value = c.day_month(month, first or day, c.how(m.start(), rel), m.start(), wd)
        if not value:
            continue
        out = [_mention(c.text, m.start() if d1 is None else m.start("day"), end, value[:-2] + f"{day:02d}", "day")]
        if first:
            out.insert(0, _mention(c.text, m.start(), end, value, "day"))
        yield m.start(), end, out


def _month_cue(text: str, i: int) -> bool:
    """Is a bare month at i introduced as a date ("en mai", "de janvier à mars")?"""
    prev, at = _prev(text, i)
    return prev in _MONTH_CUES or (prev in _JOINERS and _prev(text, at)[0] in _MONTHS)


def _months(c: _Timeline) -> Iterator:
    for m in _MONTH.finditer(c.text):
        mk = _key(m.group("mon"))
        year, rel, pre = m.group("year"), _rel(m.group("rel")), m.group("pre")
        month = _MONTHS.get(mk) or _ABBR.get(mk)
        if month is None:
            continue
        if year:
            value = f"{int(year):04d}-{month:02d}"
        else:  # abbreviations and "mai 68" (two-digit year) are not trusted alone
            if mk not in _MONTHS or _NUMBER_AFTER.match(c.text, m.end()):
                continue
            if not (pre or rel or _month_cue(c.text, m.start())) or _is_name(c.text, m, "mon"):
                continue
            value = c.month(month, c.how(m.start(), rel))
        if value:
            yield m.start(), m.end(), [_mention(c.text, m.start(), m.end(), value, "month")]


def _periods(c: _Timeline) -> Iterator:
    if c.ref is None:
        return
    for m in _PERIOD.finditer(c.text):
        p = _REL_PERIODS.get(_key(m.group()))
        if p is None or _ANAPHORIC.match(c.text, m.end()):  # "cette année-là"
            continue
        if p["grain"] == "year":
            value = _year_iso(c.ref.year + p["offset"])
        else:
            value = _month_iso(c.ref.year * 12 + c.ref.month - 1 + p["offset"])
        if value:
            yield m.start(), m.end(), [_mention(c.text, m.start(), m.end(), value, p["grain"])]


def _relative_days(c: _Timeline) -> Iterator:
    if c.ref is None:
        return
    for m in _RELDAY.finditer(c.text):
        days = _REL_DAYS.get(_key(m.group("day")))
        if days is None:
            continue
        if m.group("after"):  # "demain en huit"
            days += _AFTER_DAYS[_key(m.group("after"))]
        d = _shift(c.ref, days)
        if d:
            yield m.start(), m.end(), [_mention(c.text, m.start(), m.end(), _iso(d), "day")]


def _weekdays(c: _Timeline) -> Iterator:
    if c.ref is None:
        return
    for m in _WEEKDAY.finditer(c.text):
        wd = _WEEKDAYS.get(_key(m.group("wd")))
        if wd is None or _FEAST.match(c.text, m.end("wd")) or _ANAPHORIC.match(c.text, m.end("wd")):
            continue
        if not m.group("dem") and (
            _prev(c.text, m.start())[0] in _BLOCKERS or _is_name(c.text, m, "wd")
        ):  # "chaque lundi", "du Dimanche"
            continue
        end, value = m.end(), None
        if m.group("week"):  # "mercredi de la semaine prochaine"
            monday = _shift(c.ref, -c.ref.weekday() + 7 * _WEEK_PHRASES[_key(m.group("week"))])
            d = monday and _shift(monday, wd)
            value = d and _iso(d)
        elif m.group("after"):  # "lundi en huit": the next Monday, plus 7
            d = _shift(c.ref, (wd - c.ref.weekday()) % 7 + _AFTER_DAYS[_key(m.group("after"))])
            value = d and _iso(d)
        elif (
            m.group("num")
            and not _is_count_word(nxt := _next(c.text, m.end()), verbs=True)
            and nxt not in _MONTHS
            and nxt not in _ABBR
        ):  # "jeudi 15"
            value = c.weekday_day(wd, _day_number(m.group("num")), c.how(m.start()))
        else:
            end = m.end("rel") if m.group("rel") else m.end("wd")
            if _ANAPHORIC.match(c.text, end):  # "ce jeudi-là"
                continue
            value = c.weekday(wd, c.how(m.start(), _rel(m.group("rel"))), bool(m.group("dem")))
        if value:
            yield m.start(), end, [_mention(c.text, m.start(), end, value, "day")]


def _tail(text: str, j: int) -> str:
    """The word after a number, skipping joined numbers ("1958, 1962 et 1970 ...")."""
    while m := _JOINED.match(text, j):
        j = m.end()
    return _next(text, j)


def _continues_years(text: str, prev: str, at: int, years: set) -> bool:
    """Is the word before a number a joiner after a year (its start in `years`): "1958, 1962",
    "de 2019 et 2020"?"""
    return (prev in _JOINERS or prev in ("-", "–")) and _prev(text, at)[1] in years


def _is_year(c: _Timeline, m: re.Match, years: set, counts: set) -> bool:
    """Is a number standing alone a year? It needs a year context: a preposition of time, a period
    noun ("l'été 2015"), a list of years, brackets; and no count after it ("2000 manifestants",
    "1563 ont été arrêtés") nor before it ("ils étaient entre 1500 et 2000": `counts` holds where the
    numbers read as counts so far begin)."""
    text, y = c.text, int(m.group("year"))
    prev, at = _prev(text, m.start())
    if prev in _JOINERS and _prev(text, at)[1] in counts:  # the second end of a count's range
        return False
    if prev in _STRONG or (prev in _PERIOD_NOUNS and _prev(text, at)[0] in _DETERMINERS):
        return _next(text, m.end()) not in _UNITS  # not "depuis 2000 ans"
    nxt = _tail(text, m.end())
    if nxt in _UNITS or (len(nxt) > 2 and nxt.endswith(_PLURAL) and nxt not in _FUNCTION):
        return False  # "2000 manifestants"
    if _continues_years(text, prev, at, years):  # "(1958, 1962", "2019 et 2020"
        return True
    in_range = _WEAK_RANGE[0] <= y <= _WEAK_RANGE[1]
    if prev in _WEAK:
        before, at2 = _prev(text, at)
        if before in _COPULA_ADVERBS:  # "ils étaient déjà entre 2000 et 3000"
            before = _prev(text, at2)[0]
        if before in _QUALIFIERS | _COPULAS:  # "plus de 2000", "ils étaient entre 1500 et 2000"
            return False
        if prev in _YEAR_PREPS:  # "la marche de 2020"
            return True
        return (in_range or prev not in _IN_RANGE) and nxt not in _VERBS  # "et 1563 ont été arrêtés"
    if prev and prev[0].isalnum():  # after a name: "US Open 2022"
        return False
    if nxt in _VERBS:  # "..., 1563 ont été arrêtés"
        return False
    if prev in _OPENERS:  # "(1958, 1962, 1970)"
        return True
    return nxt in _ANY_RANGE or in_range and (nxt in _CLOSERS or not nxt)  # "2014, l'année noire"


def _years(c: _Timeline) -> Iterator:
    """Years standing alone, kept only where the context makes them a time reference."""
    years: set[int] = set()  # where the years found so far begin
    counts: set[int] = set()  # where the numbers read as counts begin
    for m in _YEAR.finditer(c.text):
        if m.group("pre") or _is_year(c, m, years, counts):
            years.add(m.start("year"))
            yield m.start(), m.end(), [_mention(c.text, m.start(), m.end(), m.group("year"), "year")]
        else:
            counts.add(m.start("year"))


_RULES = (_named_days, _numeric, _ordinals, _explicit, _months, _periods, _relative_days, _weekdays, _years)


def _run(timeline: _Timeline, rules, taken: list, found: list) -> None:
    """Apply `rules` in order; a match overlapping a span in `taken` (sorted, disjoint) is dropped."""
    for rule in rules:
        for s, e, mentions in rule(timeline):
            i = bisect(taken, (s, e))
            if (i and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
                continue
            taken.insert(i, (s, e))
            found.extend(mentions)


_POINTING_BACK = Scanner(
    re.compile(
        rf"(?<![\w{re.escape(HYPHENS)}])(?:(?P<fixed>{_alt(_L['anaphoric_offsets'])})|(?P<n>[0-9]{{1,2}}|{_NUM_WORDS})\s+"
        rf"{_alt(_L['anaphoric_day_units'])}\s+(?P<dir>{_alt(_L['anaphoric_directions'])}))(?!\w)",
        _FLAGS,
    ),
    spelled(_L["anaphoric_offsets"], _COUNT_WORDS),
    digits=True,
    leads=leads_of(_L["anaphoric_offsets"], alone=_COUNT_WORDS),
)
_ANAPHORIC_OFFSETS = _table(_L["anaphoric_offsets"])
_ANAPHORIC_DIRECTIONS = _table(_L["anaphoric_directions"])
_ANAPHORIC_PREPOSITIONS = _words("anaphoric_prepositions")
_COMPLEMENTS = _words("anaphoric_complements")
_OF = _words("anaphoric_of")


def _from_an_event(text: str, m: re.Match) -> bool:
    """The phrase counts from an event its complement names, whose day it does not give: "deux jours après
    l'attaque", "au lendemain de sa libération"."""
    following = _next(text, m.end())
    if m.group("fixed"):
        return following in _OF
    return _key(m.group("dir")) in _ANAPHORIC_PREPOSITIONS and following in _COMPLEMENTS


def anaphoric_date(
    text: str, start: int, end: int, dates: list[DateMention], stop: Optional[int] = None
) -> Optional[str]:
    """The day that "la veille", "le lendemain", "deux jours plus tard" in text[start:end] points at,
    counted from the last day-grain date the text gave before it; None without one (`stop`: a phrase
    that begins before it). Such phrases are no calendar dates of their own (docs/conventions.md): they
    only resolve a fact's date."""
    m = _POINTING_BACK.search(text, start, end, stop)
    while m is not None and _from_an_event(text, m):
        m = _POINTING_BACK.search(text, m.end(), end, stop)
    if m is None:
        return None
    if m.group("fixed"):
        days = _ANAPHORIC_OFFSETS[_key(m.group("fixed"))]
    else:
        n = m.group("n")
        count = int(n) if n.isdigit() else _COUNT_WORDS.get(_key(n))
        if count is None:
            return None
        days = count * _ANAPHORIC_DIRECTIONS[_key(m.group("dir"))]
    base = [d for d in dates if d.end <= m.start() and d.grain == "day" and not d.value.startswith("--")]
    if not base:
        return None
    shifted = _shift(dt.date.fromisoformat(base[-1].value), days)
    return _iso(shifted) if shifted else None


def find_dates(text: str, reference: Optional[dt.date], tense_at: Optional[TenseAt] = None) -> list[DateMention]:
    """Every calendar-date mention in `text`, in text order, normalised against `reference`.

    `tense_at(offset)` gives "past"/"present"/"future"/None for the clause at a character
    offset; it only decides which way a date without a year (or a weekday) is resolved.
    """
    found: list[DateMention] = []
    _run(_Timeline(text, reference, tense_at), _RULES, [], found)
    return sorted(found, key=lambda d: (d.start, d.end))


# ---- offsets and weeks: resolved, but not in the `dates` list --------------------------------


@dataclass(frozen=True)
class RelativeDate:
    """An offset from the reference or a week: `grain` is day, month, year or week (value "2023-W11")."""

    text: str
    start: int
    end: int
    value: str
    grain: str


def _offsets(c: _Timeline) -> Iterator:
    for m in _OFFSET.finditer(c.text):
        sign = _OFFSET_INTROS.get(_key(m.group("intro")))
        unit = _OFFSET_UNITS.get(_key(m.group("unit")))
        n = m.group("n")
        n = int(n) if n.isdigit() else _COUNT_WORDS.get(_key(n))
        if sign is None or unit is None or n is None:
            continue
        k, grain = sign * n * unit["size"], unit["grain"]
        if grain == "day":
            d = _shift(c.ref, k)
            value = d and _iso(d)
        elif grain == "month":
            value = _month_iso(c.ref.year * 12 + c.ref.month - 1 + k)
        else:
            value = _year_iso(c.ref.year + k)
        if value:
            yield m.start(), m.end(), [RelativeDate(m.group(), m.start(), m.end(), value, grain)]


def _weeks(c: _Timeline) -> Iterator:
    for m in _WEEK.finditer(c.text):
        k = _REL_WEEKS.get(_key(m.group()))
        if k is None or _ANAPHORIC.match(c.text, m.end()):  # "cette semaine-là"
            continue
        d = _shift(c.ref, 7 * k)
        if d is None:
            continue
        y, w, _ = d.isocalendar()
        if _MIN_YEAR <= y <= _MAX_YEAR:
            yield m.start(), m.end(), [RelativeDate(m.group(), m.start(), m.end(), f"{y:04d}-W{w:02d}", "week")]


def find_relative_dates(
    text: str, reference: Optional[dt.date], tense_at: Optional[TenseAt] = None
) -> list[RelativeDate]:
    """The offsets ("il y a trois semaines" -> a day, "dans deux mois" -> a month, "il y a deux ans"
    -> a year) and weeks ("cette semaine", "la semaine prochaine" -> an ISO week) of `text`, resolved
    against `reference`, that overlap no mention of `find_dates`. They are durations or weeks,
    not calendar dates, so they stay out of the `dates` list (docs/conventions.md). Nothing without a
    reference."""
    if reference is None:
        return []
    timeline, taken = _Timeline(text, reference, tense_at), list[tuple[int, int]]()
    _run(timeline, _RULES, taken, [])
    found: list[RelativeDate] = []
    _run(timeline, (_offsets, _weeks), taken, found)
    return sorted(found, key=lambda d: (d.start, d.end))
