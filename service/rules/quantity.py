"""Find and normalise French count expressions ("plus de 5 000" -> 5000, more_than).

This module only knows the shapes of a count; every word it matches comes from
lexicon/numbers.yaml. The span covers an optional qualifier and the number, never the noun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Optional

from text_to_num import Token, find_numbers, text2num

from schemas.common import Quantity
from service.lexicon import load
from service.rules.scan import Scanner, leads_of, spelled
from service.rules.text import alternation, norm_text, phrase_pattern

LEX = load("numbers")
FLAGS = re.IGNORECASE
WINDOW = 60  # how far back a qualifier, opener or date word may start
MAX_DIGITS = 15  # longer digit runs are identifiers, not counts (and int() would balk)
MAX_WORDS = 16  # enough for "deux millions trois cent quatre-vingt-dix-sept mille ..."


def _c(pattern: str) -> re.Pattern:
    return re.compile(pattern, FLAGS)


COLLECTIVES = {
    norm_text(c[k]): (c["value"], k == "plural") for c in LEX["collectives"] for k in ("singular", "plural") if k in c
}
PLURALS = [w for w, (_, plural) in COLLECTIVES.items() if plural]
MULTIPLIERS = {norm_text(k): v for k, v in LEX["multipliers"].items()}
SCALES = {norm_text(k): v for k, v in LEX["scales"].items()}
QUALIFIERS = {norm_text(p): q for q, ps in LEX["qualifiers"].items() for p in ps}
SUFFIXES = {norm_text(p): q for q, ps in LEX["suffix_qualifiers"].items() for p in ps}
SINGULAR_DETS = {norm_text(d) for d in LEX["singular_determiners"]}
ARTICLES = {norm_text(a) for a in LEX["article_numbers"]}
NOT_ALONE = {norm_text(w) for w in LEX["not_alone"]}
RANGE_SCALE_WORDS = {norm_text(w) for w in LEX["range_scale_words"]}
OPENERS = {norm_text(o): c for o, c in LEX["range_openers"].items()}
YEAR_LO, YEAR_HI = LEX["year_range"]

L = r"(?<![\w-])"  # word start, not inside "COVID-19"
WORD = alternation(LEX["number_words"], bounded=True)
OF = alternation(LEX["of"], lead=True)


def _chars(chars) -> str:
    return "[" + re.escape("".join(chars)) + "]"


# Digits: a 1-3 digit head then exact 3-digit groups with one consistent separator, so
# "en 2019 2 000" stays two numbers. A group fallback (",") separates groups only after a head
# not starting with 0 (`gf`; _core reads a single group before a multiplier as a decimal); a
# decimal fallback (".") is a decimal mark only where no group reading matched. A decimal only
# counts before a multiplier. No digit may touch the number through a mark ("1.2.3", "11:30").
GROUP_SEPS = [s for s in LEX["digit_group_separators"] if s not in LEX["group_fallbacks"]]
DEC_MARKS = [LEX["decimal_mark"]] + LEX["decimal_fallbacks"]
MARKS = _chars({*DEC_MARKS, *LEX["group_fallbacks"], *(s for s in GROUP_SEPS if not s.isspace()), ":", "/"})
DIGITS = (
    rf"(?<!\w)(?<!\d{MARKS})(?P<int>\d{{1,3}}(?P<sep>{_chars(GROUP_SEPS)})\d{{3}}(?:(?P=sep)\d{{3}})*"
    rf"|[1-9]\d{{0,2}}(?P<gf>{_chars(LEX['group_fallbacks'])})\d{{3}}(?:(?P=gf)\d{{3}})*"
    rf"|\d+)(?:{_chars(DEC_MARKS)}(?P<dec>\d+))?(?!{MARKS}?\d)(?!\w)"
)
# words of a run: joined by spaces, hyphens, or the joiner before a joined word ("vingt et un", "soixante-et-onze")
JOINED = alternation(LEX["joined_words"], bounded=True)
JOIN = rf"(?:\s+|-)(?:{phrase_pattern(LEX['number_joiner'])}(?:\s+|-)(?={JOINED}))?"
WORDS = rf"{L}{WORD}(?:{JOIN}{WORD}){{0,{MAX_WORDS - 1}}}(?!-\w)"
DETS = alternation(LEX["singular_determiners"] + LEX["vague_determiners"], bounded=True)
MULTIPLIER_WORDS = alternation(MULTIPLIERS, bounded=True)
ATOM_RE = _c(
    rf"(?P<single>(?<!\w){alternation(LEX['single'], bounded=True)})"
    rf"|(?P<coll>{L}(?:(?P<det>{DETS})\s+(?:{alternation(LEX['collective_adjectives'], bounded=True)}\s+)?)?"
    rf"(?P<cw>{alternation(COLLECTIVES, bounded=True)}))"
    rf"|(?P<halfm>{L}(?:{DETS})\s+{alternation(LEX['half_words'])}[-‐‑\s](?P<hm>{MULTIPLIER_WORDS}))"
    rf"|{DIGITS}|(?P<words>{WORDS})"
)
# where a count can start: searched at these words only (see scan.py)
ATOMS = Scanner(
    ATOM_RE,
    LEX["single"],
    LEX["singular_determiners"],
    LEX["vague_determiners"],
    COLLECTIVES,
    LEX["number_words"],
    digits=True,
    # a determiner begins a count only before a collective, its adjective or "demi" ("des centaines")
    leads=leads_of(
        [
            f"{d} {n}"
            for d in LEX["singular_determiners"] + LEX["vague_determiners"]
            for n in [*LEX["collective_adjectives"], *COLLECTIVES, *LEX["half_words"]]
        ],
        alone=[*LEX["single"], *COLLECTIVES, *LEX["number_words"]],
    ),
)
TOKEN_RE = _c(rf"{WORD}|(?<!\w){phrase_pattern(LEX['number_joiner'])}(?!\w)")  # the words of a run
HALF_RE = _c(rf"\s+{alternation(LEX['halves'], bounded=True)}")
MULT_RE = _c(rf"\s+(?P<m>{alternation(MULTIPLIERS, bounded=True)})")
# the rest written in digits after a multiplier: "1 million 200 000"
REST_RE = _c(rf"\s+(?P<r>\d{{1,3}}(?:(?P<sep>{_chars(GROUP_SEPS)})\d{{3}})*)(?!{MARKS}?\d)(?!\w)")
PLURAL_AFTER_RE = _c(rf"\s+(?P<cw>{alternation(PLURALS, bounded=True)})")
SCALE_RE = _c(rf"\s+{OF}(?P<s>{alternation(SCALES, bounded=True)})")
TIME_UNITS, UNITS_AFTER = alternation(LEX["time_units"], bounded=True), alternation(LEX["units_after"], bounded=True)
# a time's minutes are two digits that no group of three continues ("à 17 heures 38 600 manifestants": 38 600)
UNIT_RE = _c(rf"\s*{OF}?(?:{TIME_UNITS}(?:\s*\d{{2}}(?!\d)(?!{_chars(GROUP_SEPS)}\d{{3}}(?!\d)))?|{UNITS_AFTER})")
RANGE_RE = _c(
    "|".join(
        rf"\s*{re.escape(c)}\s*" if not c[0].isalpha() else rf"\s+{phrase_pattern(c)}\s+"
        for c in LEX["range_connectors"]
    )
)
OPENER_RE = Scanner(_c(rf"(?<!\w)(?P<o>{alternation(OPENERS, bounded=True)})\s+\Z"), spelled(OPENERS))
OPENER_CONNECTORS = {o: _c(rf"\s+{phrase_pattern(c)}\s+") for o, c in OPENERS.items()}
QUAL_RE = Scanner(
    _c(rf"(?<![\w-])(?P<q>{alternation(QUALIFIERS, lead=True)})\Z"),
    spelled(QUALIFIERS),
    leads=leads_of(QUALIFIERS),
)
SUFFIX_RE = _c(rf"\s+(?P<q>{alternation(SUFFIXES, bounded=True)})")
MONTHS = alternation(LEX["months"], bounded=True)
DATE_CONNECTORS = alternation(LEX["date_connectors"], bounded=True)
DAY = rf"\s*{DATE_CONNECTORS}\s*(?:{alternation(LEX['date_articles'], bounded=True)}\s+)?\d{{1,2}}(?!\d)"
DATE_AFTER_RE = _c(rf"(?:{DAY}){{0,6}}\s+{MONTHS}")  # "8 au 9 juillet", "3, 4 et 5 mai"
MONTH_BEFORE_RE = Scanner(_c(rf"(?<!\w){MONTHS}\s+\Z"), LEX["months"])
WEEKDAY_BEFORE_RE = Scanner(_c(rf"(?<!\w){alternation(LEX['weekdays'], bounded=True)}\s+\Z"), LEX["weekdays"])
YEAR_BEFORE_RE = Scanner(
    _c(rf"(?<![\w-]){alternation(LEX['year_markers'], lead=True)}\Z"), spelled(LEX["year_markers"])
)
UNIT_BEFORE_RE = Scanner(
    _c(rf"(?<!\w){alternation(LEX['units_before'], bounded=True)}\s*\Z"), spelled(LEX["units_before"])
)


@dataclass
class _Core:
    """One number before qualifiers and ranges are considered."""

    start: int
    end: int
    mant: Decimal  # the number as written, before any multiplier
    mult: int = 1
    added: int = 0  # after a multiplier: "et demi" (half of it), "1 million 200 000" (the rest)
    scale: int = 1  # words ending in scale words ("quatre cents"): what a range's low end shares
    qualifier: str = "exact"
    article: bool = False  # bare "un"/"une"
    fraction: bool = False  # "1,5" without a multiplier: only valid as a range's low end
    year_like: bool = False  # four plain digits in the year range

    @property
    def value(self) -> int:
        return int(self.mant * self.mult) + self.added


class _Tok(Token):
    """A word of a run, as text2num's find_numbers reads it."""

    __slots__ = ("word",)

    def __init__(self, word: str):
        self.word = word

    def text(self) -> str:
        return self.word


def _words(text: str, m: re.Match) -> Optional[_Core]:
    read = _read_words(m.group())
    if read is None:
        return None
    length, value, article, last, scale = read
    core = _Core(
        m.start(),
        m.start() + length,
        Decimal(value),
        article=article,
        scale=scale,
        year_like=YEAR_LO <= value <= YEAR_HI,
    )  # "en deux mille dix-neuf"
    if last in MULTIPLIERS and (hm := HALF_RE.match(text, core.end)):
        core.added, core.end = MULTIPLIERS[last] // 2, hm.end()
    return core


@lru_cache(maxsize=4096)
def _read_words(run: str) -> Optional[tuple[int, int, bool, str, int]]:
    """The number a run of number words begins with, as text2num's find_numbers cuts the run
    ("deux et trois" -> 2, "vingt et un" -> 21): its length, its value, whether it is a bare
    article ("un", "une"), its last word (lowercase) and the scale a range's low end shares with
    it (100 for "quatre cents", 100 000 for "quatre cent mille", else 1). None if the run does not
    begin with a number or the number is a word that never stands alone ("mil"). Runs repeat
    ("un", "deux"): cached."""
    toks = list(TOKEN_RE.finditer(run))
    words = [norm_text(t.group()) for t in toks]
    found = find_numbers([_Tok(w) for w in words], "fr", 0.0)
    if not found or found[0].start != 0 or found[0].is_ordinal:
        return None
    n = found[0].end
    if n == 1 and words[0] in NOT_ALONE:
        return None
    try:  # find_numbers' value can be off where it cuts a run ("cent cent" -> 101)
        value = text2num(" ".join(words[:n]), "fr")
    except ValueError:  # "zéro zéro quatre": a string of digits, not a count
        return None
    scale, first = 1, next((i for i, w in enumerate(words[:n]) if w in RANGE_SCALE_WORDS), 0)
    if first and all(w in RANGE_SCALE_WORDS for w in words[first:n]):  # "quatre | cent mille"
        try:
            coefficient = text2num(" ".join(words[:first]), "fr")
        except ValueError:
            coefficient = 0
        if coefficient and value % coefficient == 0:
            scale = value // coefficient
    return toks[n - 1].end(), value, n == 1 and words[0] in ARTICLES, words[n - 1], scale


def _core(text: str, m: re.Match) -> Optional[_Core]:
    if m.group("single"):
        return _Core(m.start(), m.end(), Decimal(1))
    if m.group("halfm"):  # "un demi-million"
        return _Core(m.start(), m.end(), Decimal(MULTIPLIERS[norm_text(m.group("hm"))]) / 2)
    if m.group("coll"):
        base, plural = COLLECTIVES[norm_text(m.group("cw"))]
        det = norm_text(m.group("det") or "")
        if not plural and det not in SINGULAR_DETS:
            return None  # "en quarantaine" is not forty
        vague = plural and det not in SINGULAR_DETS
        core = _Core(
            m.start(),
            m.end(),
            Decimal(base * (LEX["vague_factor"] if vague else 1)),
            qualifier="vague" if vague else "approximate",
        )
    elif m.group("int"):
        digits = re.sub(r"\D", "", m.group("int"))
        if len(digits) > MAX_DIGITS:
            return None
        dec = m.group("dec") or ""
        mm = MULT_RE.match(text, m.end())
        gf = m.group("gf")
        if gf and mm and not dec and m.group("int").count(gf) == 1:
            digits, dec = m.group("int").split(gf)  # "1,500 million": the decimal mark
        core = _Core(m.start(), m.end(), Decimal(f"{digits}.{dec}" if dec else digits))
        if mm:
            core.mult, core.end = MULTIPLIERS[norm_text(mm.group("m"))], mm.end()
            if hm := HALF_RE.match(text, core.end):
                core.added, core.end = core.mult // 2, hm.end()
            elif (rm := REST_RE.match(text, core.end)) and not dec:
                rest = int(re.sub(r"\D", "", rm.group("r")))
                if core.mult // 1000 <= rest < core.mult:  # "1 million 200 000", not "2 millions 3 ..."
                    core.added, core.end = rest, rm.end()
        core.fraction = bool(dec) and core.mult == 1
        core.year_like = not (m.group("sep") or gf) and len(digits) == 4 and YEAR_LO <= int(digits) <= YEAR_HI
    else:
        core = _words(text, m)
        if core is None:
            return None
    if m.group("coll") is None:
        pm = PLURAL_AFTER_RE.match(text, core.end)  # "deux centaines": approximate product
        if pm and not core.fraction:
            core.mant *= COLLECTIVES[norm_text(pm.group("cw"))][0]
            core.end, core.qualifier, core.article, core.year_like = pm.end(), "approximate", False, False
    sm = SCALE_RE.match(text, core.end)  # "des dizaines de milliers"
    if sm and (m.group("coll") or core.qualifier != "exact"):
        core.mult *= SCALES[norm_text(sm.group("s"))]
        core.end = sm.end()
    return core


def _date_or_reference(text: str, c: _Core) -> Optional[int]:
    """Where to resume when the number is a date, a year, money or a reference; else None."""
    before = max(0, c.start - WINDOW)
    if c.start >= 2 and text[c.start - 1] == "-" and text[c.start - 2].isalnum():
        return c.end  # "COVID-19", "Su-35"
    if UNIT_BEFORE_RE.search(text, before, c.start) or MONTH_BEFORE_RE.search(text, before, c.start):
        return c.end
    if c.year_like and YEAR_BEFORE_RE.search(text, before, c.start):
        return c.end
    if c.qualifier == "exact" and c.value <= 31 and text[c.start].isdigit():
        if WEEKDAY_BEFORE_RE.search(text, before, c.start):
            return c.end
    dm = DATE_AFTER_RE.match(text, c.end)
    return dm.end() if dm and c.value <= 31 else None


def _range_end(text: str, lo: _Core, connector: re.Pattern) -> Optional[_Core]:
    """The high end of a range starting with `lo` (which gets its multiplier), if one follows."""
    rm = connector.match(text, lo.end)
    am = ATOM_RE.match(text, rm.end()) if rm else None
    hi = _core(text, am) if am else None
    if hi is None or hi.fraction:
        return None
    # "entre 3 et 5 millions", "1,5 à 2 milliards", "trois ou quatre cents": the low end shares the
    # high end's multiplier or scale words
    scale = hi.mult if hi.mult > 1 else hi.scale
    if scale == 1 and hi.value >= 1000 and lo.mant < 1000 and hi.value < lo.mant * 10000 <= hi.value * 10:
        scale = 1000  # "12 à 13.000", "entre 10 et 15 000": the low end's thousands left unwritten
    mult = scale if lo.mult == 1 and lo.scale == 1 and scale > 1 and lo.mant * scale < hi.value else lo.mult
    if (lo.fraction and mult == 1) or lo.mant * mult >= hi.value:
        return None
    lo.mult, lo.fraction = mult, False
    return hi


def find_quantities(text: str, offset: int = 0, begin: int = 0, stop: Optional[int] = None) -> list[Quantity]:
    """Every count expression in `text` that begins in [begin, stop) (a sentence: no qualifier is
    looked for before `begin`), left to right, non-overlapping; offsets + `offset`."""
    found, pos, floor = [], begin, begin
    while (m := ATOMS.search(text, pos, stop=stop)) is not None:
        lo = _core(text, m)
        if lo is None:  # rescan a word run from its next word
            pos = m.end() if m.group("int") else m.start() + 1
            continue
        skip = _date_or_reference(text, lo)
        if skip is not None:
            pos = skip
            continue
        before = max(floor, lo.start - WINDOW)
        start = lo.start
        om = OPENER_RE.search(text, before, lo.start)
        hi = _range_end(text, lo, OPENER_CONNECTORS[norm_text(om.group("o"))]) if om else None
        if hi:
            start = om.start()  # "entre" belongs to the span
        else:
            hi = _range_end(text, lo, RANGE_RE)
        end = (hi or lo).end
        um = UNIT_RE.match(text, end)
        if um or lo.fraction:
            pos = um.end() if um else end  # measures, money, times
            continue
        qm = QUAL_RE.search(text, before, start) if not hi else None
        # an article is a count only after "au moins" / "plus d'" ("au moins un enfant"), not of a share
        if (
            lo.article
            and not hi
            and not (
                qm is not None
                and QUALIFIERS[norm_text(qm.group("q"))] in ("at_least", "more_than")
                and not _share_after(text, end, stop)
            )
        ):
            pos = end  # a bare article
            continue
        qualifier, lo_v, hi_v = lo.qualifier, lo.value, None
        if hi:
            qualifier, hi_v = "at_least", hi.value
        elif qm is not None:
            qualifier, start = QUALIFIERS[norm_text(qm.group("q"))], qm.start()
        elif (sm := SUFFIX_RE.match(text, end)) is not None:
            qualifier, end = SUFFIXES[norm_text(sm.group("q"))], sm.end()
        found.append(_quantity(text[start:end], lo_v, hi_v, qualifier, start + offset, end + offset))
        pos = floor = end
    return found


SHARES = frozenset(norm_text(w) for w in LEX["share_words"])
PROPORTION_MARKS = frozenset(norm_text(w) for w in LEX["proportion_marks"])
NUMBER_WORDS = frozenset(LEX["number_words"])


def _share_after(text: str, end: int, stop: Optional[int]) -> bool:
    """A share or a proportion follows an article: "plus d'un tiers des", "plus d'un manifestant sur trois"."""
    words = norm_text(text[end : end + 40 if stop is None else min(stop, end + 40)]).split()
    per = any(
        w in PROPORTION_MARKS and i + 1 < len(words) and (words[i + 1][:1].isdigit() or words[i + 1] in NUMBER_WORDS)
        for i, w in enumerate(words[1:3], 1)
    )
    return bool(words) and (words[0] in SHARES or per)


def _quantity(span: str, value: int, hi: Optional[int], qualifier: str, start: int, end: int) -> Quantity:
    lo_bound = value if qualifier in ("exact", "more_than", "at_least", "vague") else None
    hi_bound = hi if hi is not None else value if qualifier in ("exact", "less_than", "at_most") else None
    return Quantity(text=span, value=value, min=lo_bound, max=hi_bound, qualifier=qualifier, start=start, end=end)


def parse_quantity(s: str) -> Optional[Quantity]:
    """`s` read as one count expression (surrounding whitespace allowed), else None."""
    found = find_quantities(s)
    if len(found) == 1 and found[0].text == s.strip():
        return found[0]
    return None
