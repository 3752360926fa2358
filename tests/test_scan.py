"""Every Scanner of the date and count finders gives what its plain pattern gives (scan.py's promise):
on treebank text (../shared/data/ud, read at run time) and on sentences written for the edge cases."""

from __future__ import annotations

import re

import pytest

from service.rules import dates, quantity
from service.rules.scan import Scanner
from tests.conftest import shared

SCANNERS = {
    f"{m.__name__.rsplit('.', 1)[-1]}.{k}": v
    for m in (dates, quantity)
    for k, v in vars(m).items()
    if isinstance(v, Scanner)
}

OWN = [
    "Le 1er mai, mi-juillet et fin février : rien ne change DÉBUT 2015 ni Courant 2016.",
    "Il a payé 45 € puis US$ 30, $12 et £7 ; voir l'article 12, le n° 3 et la page 4.",
    "D'ici au 3 janvier, près d'une centaine, plus de 5 000, entre 3 et 5 millions.",
    "Samedi 8 janvier 2022, aujourd'hui, avant-hier, cette année-là, ce dimanche-là.",
    "L'an dernier, en 2019, depuis 2000 ans, de nombreuses dizaines, quelques centaines.",
    "janv. 2020, févr. 2021, le 13-Novembre, 4/10/2015, 2015-10-04, COVID-19, Su-35.",
    "Vingt-et-un, quatre-vingt-dix-sept, deux mille trois cents, un seul, une seule.",
    "Depuis la Toussaint et jusqu'à LA SAINT-SYLVESTRE, la ville dort.",
    # words that begin a match only before certain words (leads_of), and the same words before others
    "La veille, des centaines puis de nombreuses dizaines ; ce lundi, au lendemain de la Saint-Jean, près "
    "d'un millier, l’avant-veille, la semaine dernière, un peu plus de 300, des gens de la ville, ce soir.",
    # "ʼ" (U+02BC) is a letter to `re`: "jusquʼà" is one word
    "Jusquʼà 300 personnes, de lʼordre de 40 blessés, jusquʼen 2019 et 300 personnes, aujourdʼhui, lʼan dernier.",
]


def _treebank_texts() -> list[str]:
    sentences = [
        line[len("# text = ") :].strip()
        for path in sorted(shared("data", "ud").rglob("*.conllu"))
        for line in path.open(encoding="utf-8")
        if line.startswith("# text = ")
    ]
    assert len(sentences) > 1000, "the UD treebanks under ../shared/data/ud are missing"
    sentences = sentences[::5]  # a fifth of them keeps the test quick
    return [" ".join(sentences[i : i + 40]) for i in range(0, len(sentences), 40)]


@pytest.fixture(scope="module")
def texts():
    # the second text lowers to another length ("İ" -> "i̇"): the index reads it word by word
    return [" ".join(OWN), "À İzmir, " + " ".join(OWN)] + _treebank_texts()


def test_every_finder_pattern_is_checked():
    assert {
        "dates._MONTH",
        "dates._EXPLICIT",
        "dates._YEAR",
        "quantity.ATOMS",
        "quantity.UNIT_BEFORE_RE",
        "quantity.QUAL_RE",
    } <= set(SCANNERS)


@pytest.mark.parametrize("name", sorted(SCANNERS))
def test_scanner_equals_plain_pattern(name, texts):
    scanner = SCANNERS[name]
    pattern: re.Pattern = scanner.pattern
    hits = 0
    for text in texts:
        if not pattern.pattern.endswith(r"\Z"):
            want = [(m.start(), m.end()) for m in pattern.finditer(text)]
            assert [(m.start(), m.end()) for m in scanner.finditer(text)] == want
            hits += len(want)
        # searches from a point, and in the windows the count finder reads before a number
        for i, word in enumerate(re.finditer(r"\w+", text)):
            end = word.start()
            windows = [(max(0, end - 60), end)] + ([(end, None)] if i % 50 == 0 else [])
            for pos, endpos in windows:
                want = pattern.search(text, pos, len(text) if endpos is None else endpos)
                got = scanner.search(text, pos, endpos)
                assert (got and got.span()) == (want and want.span()), (text[max(0, end - 60) : end + 20], pos)
                hits += want is not None
    assert hits > 0, "the pattern never matched: the check proved nothing"


@pytest.mark.parametrize("name", sorted(SCANNERS))
def test_search_with_stop(name, texts):
    """stop: the first match from `pos` if it begins before `stop` (it may end after it), else none."""
    scanner = SCANNERS[name]
    if scanner.pattern.pattern.endswith(r"\Z"):
        return  # window patterns are searched without stop
    cut = 0
    for text in texts[:20]:
        for i, word in enumerate(re.finditer(r"\w+", text)):
            if i % 7:
                continue
            pos, stop = word.start(), word.start() + 25
            want = scanner.pattern.search(text, pos)
            want = want.span() if want is not None and want.start() < stop else None
            got = scanner.search(text, pos, stop=stop)
            assert (got and got.span()) == want
            cut += want is not None and want[1] > stop
    assert cut > 0 or name != "quantity.ATOMS", "no match ran past stop: the check proved little"
