"""French count expressions: recognition, normalisation, spans, robustness."""

import ast
import random
import time
from pathlib import Path

import pytest

from service.lexicon import load
from service.rules.quantity import find_quantities, parse_quantity
from tests.conftest import shared

NNBSP, NBSP, THIN = "\u202f", "\u00a0", "\u2009"

CASES = [
    # plain digits and thousands separators
    ("Plus de 5 000 manifestants ont défilé dans le centre-ville.", [("Plus de 5 000", 5000, "more_than")]),
    ("La préfecture a compté 12 400 participants.", [("12 400", 12400, "exact")]),
    (f"Les syndicats revendiquent 35{NBSP}000 grévistes.", [(f"35{NBSP}000", 35000, "exact")]),
    (f"On dénombre 8{NNBSP}200 déplacés.", [(f"8{NNBSP}200", 8200, "exact")]),
    (f"Au total, 1{THIN}250{THIN}000 électeurs sont inscrits.", [(f"1{THIN}250{THIN}000", 1250000, "exact")]),
    ("Jusqu'à 10.000 soldats pourraient être mobilisés.", [("Jusqu'à 10.000", 10000, "at_most")]),
    ("Le cortège a réuni 1.500 personnes.", [("1.500", 1500, "exact")]),
    ("Environ 2500 policiers ont été mobilisés.", [("Environ 2500", 2500, "approximate")]),
    ("Les pompiers ont secouru 47 habitants.", [("47", 47, "exact")]),
    # multipliers and decimal commas
    ("Quelque 1,5 million de réfugiés ont fui le pays.", [("Quelque 1,5 million", 1500000, "approximate")]),
    ("Près de 2 millions d'habitants sont privés d'électricité.", [("Près de 2 millions", 2000000, "approximate")]),
    ("Moscou a promis 3 mille soldats.", [("3 mille", 3000, "exact")]),
    ("Le pays compte 2,3 milliards d'habitants.", [("2,3 milliards", 2300000000, "exact")]),
    # number words
    ("Trois cent vingt gendarmes ont été envoyés sur place.", [("Trois cent vingt", 320, "exact")]),
    ("Quatre-vingt-dix prisonniers ont été libérés.", [("Quatre-vingt-dix", 90, "exact")]),
    ("Ils étaient deux mille sur la place.", [("deux mille", 2000, "exact")]),
    ("Trois mille personnes ont été évacuées.", [("Trois mille", 3000, "exact")]),
    ("Cinq cents policiers encerclaient le quartier.", [("Cinq cents", 500, "exact")]),
    ("L'attaque a fait vingt et un morts.", [("vingt et un", 21, "exact")]),
    ("Soixante-et-onze blessés ont été hospitalisés.", [("Soixante-et-onze", 71, "exact")]),
    ("La ville compte deux millions d'habitants.", [("deux millions", 2000000, "exact")]),
    ("Sept morts et onze blessés, selon les secours.", [("Sept", 7, "exact"), ("onze", 11, "exact")]),
    # articles and singles
    ("Un policier a été blessé par une pierre.", []),
    ("Un seul manifestant a été interpellé.", [("Un seul", 1, "exact")]),
    ("Une seule victime est à déplorer.", [("Une seule", 1, "exact")]),
    # an article after "au moins" / "plus d'" is a count of one that keeps its qualifier
    ("Au moins un enfant figure parmi les blessés.", [("Au moins un", 1, "at_least")]),
    ("Plus d'une personne a été interpellée.", [("Plus d'une", 1, "more_than")]),
    ("Il a répété au moins une fois sa question.", []),
    ("Au moins une personne sur place a été blessée.", [("Au moins une", 1, "at_least")]),
    # a share or a proportion is no count of one
    ("Plus d'un tiers des grévistes ont repris le travail.", []),
    ("Plus d'un électeur sur trois s'est abstenu.", [("trois", 3, "exact")]),
    # collectives
    ("Un millier de soldats sont arrivés à l'aéroport.", [("Un millier", 1000, "approximate")]),
    ("Une dizaine de véhicules ont été incendiés.", [("Une dizaine", 10, "approximate")]),
    ("L'explosion a fait une vingtaine de blessés.", [("une vingtaine", 20, "approximate")]),
    (
        "Une quinzaine de maisons et une cinquantaine de voitures.",
        [("Une quinzaine", 15, "approximate"), ("une cinquantaine", 50, "approximate")],
    ),
    ("Une bonne centaine de riverains ont protesté.", [("Une bonne centaine", 100, "approximate")]),
    ("Plus d'une centaine de personnes ont été interpellées.", [("Plus d'une centaine", 100, "more_than")]),
    ("Près d’un millier de soldats ont été déployés.", [("Près d’un millier", 1000, "approximate")]),
    ("Deux centaines de familles ont été relogées.", [("Deux centaines", 200, "approximate")]),
    # vague plurals
    ("Des dizaines de morts ont été recensés.", [("Des dizaines", 20, "vague")]),
    ("Des centaines de maisons ont été détruites.", [("Des centaines", 200, "vague")]),
    ("Des milliers de personnes ont fui.", [("Des milliers", 2000, "vague")]),
    ("Plusieurs dizaines de blessés ont été soignés.", [("Plusieurs dizaines", 20, "vague")]),
    (
        "Plusieurs centaines de soldats et plusieurs milliers de civils.",
        [("Plusieurs centaines", 200, "vague"), ("plusieurs milliers", 2000, "vague")],
    ),
    ("Quelques centaines de militants se sont rassemblés.", [("Quelques centaines", 200, "vague")]),
    ("Quelques milliers de supporters ont envahi la place.", [("Quelques milliers", 2000, "vague")]),
    ("Des dizaines de milliers de manifestants ont défilé.", [("Des dizaines de milliers", 20000, "vague")]),
    ("Des centaines de milliers de réfugiés sont attendus.", [("Des centaines de milliers", 200000, "vague")]),
    ("Plusieurs personnes ont été blessées, quelques agents aussi.", []),
    ("De nombreux blessés ont été transportés à l'hôpital.", []),
    # qualifiers
    ("Près de 300 personnes ont été évacuées.", [("Près de 300", 300, "approximate")]),
    ("Quelque 200 manifestants étaient présents.", [("Quelque 200", 200, "approximate")]),
    ("Aux alentours de 1 000 personnes ont répondu à l'appel.", [("Aux alentours de 1 000", 1000, "approximate")]),
    ("Un peu plus de 300 personnes ont été arrêtées.", [("Un peu plus de 300", 300, "more_than")]),
    ("Au-delà de 40 blessés ont été signalés.", [("Au-delà de 40", 40, "more_than")]),
    ("Au moins 19 personnes ont péri dans l'incendie.", [("Au moins 19", 19, "at_least")]),
    ("Pas moins de 12 gendarmes ont été touchés.", [("Pas moins de 12", 12, "at_least")]),
    ("Moins de 50 personnes se sont présentées.", [("Moins de 50", 50, "less_than")]),
    ("Un peu moins de 2000 personnes ont voté.", [("Un peu moins de 2000", 2000, "less_than")]),
    ("Au plus 8 suspects seraient en fuite.", [("Au plus 8", 8, "at_most")]),
    ("Le bilan fait état de 300 morts environ.", [("300", 300, "exact")]),
    ("Le bilan s'élève à 300 environ.", [("300 environ", 300, "approximate")]),
    ("Le bilan est d'au moins 19 tués.", [("au moins 19", 19, "at_least")]),
    # ranges
    ("Entre 400 et 500 personnes ont été interpellées.", [("Entre 400 et 500", 400, "at_least")]),
    ("Le cortège comptait de 400 à 500 personnes.", [("400 à 500", 400, "at_least")]),
    ("Les autorités évoquent 400-500 victimes.", [("400-500", 400, "at_least")]),
    ("Entre 3 000 et 5 000 soldats ont été envoyés.", [("Entre 3 000 et 5 000", 3000, "at_least")]),
    ("Entre 3 et 5 millions de personnes ont voté.", [("Entre 3 et 5 millions", 3000000, "at_least")]),
    ("Deux ou trois agents ont été légèrement blessés.", [("Deux ou trois", 2, "at_least")]),
    ("Un à deux suspects seraient encore en fuite.", [("Un à deux", 1, "at_least")]),
    # not counts
    ("Le chômage a atteint 30 % et l'inflation 12%.", []),
    ("Le taux est passé à 30 pour cent.", []),
    ("La facture s'élève à 5 000 euros, soit 20 € par habitant.", []),
    ("Le projet a coûté 3 millions d'euros et $5 millions.", []),
    ("Le couvre-feu commence à 20 heures, l'attaque a eu lieu à 11 h 30 et non à 20h.", []),
    ("On comptait à 17 heures 38 600 manifestants.", [("38 600", 38600, "exact")]),
    ("Il est arrivé 1er, son frère 2e et sa soeur 3ème.", []),
    ("Le premier ministre et le deuxième adjoint.", []),
    ("L'Airbus A320 a atterri sur la piste C3.", []),
    ("La croissance a atteint 3,5 cette année.", []),
    ("Un homme de 30 ans est détenu depuis 10 jours.", []),
    ("La guerre dure depuis trois mois et deux semaines.", []),
    ("Le 4 janvier, 12 000 personnes ont manifesté.", [("12 000", 12000, "exact")]),
    ("Les faits remontent au samedi 8 janvier 2022.", []),
    ("En 2019 2 000 personnes avaient déjà été arrêtées.", [("2 000", 2000, "exact")]),
    ("Le festival se tient du 8 au 9 juillet.", []),
    ("La pandémie de COVID-19 a tué 800 personnes.", [("800", 800, "exact")]),
    ("Il a été placé en quarantaine avec ses collègues.", []),
    ("La vingt-deuxième étape et les deux-roues.", []),
    ("Les cent jours du nouveau gouvernement.", []),
    # several per sentence
    (
        "Des dizaines, voire des centaines de civils ont péri, et 12 soldats.",
        [("Des dizaines", 20, "vague"), ("des centaines", 200, "vague"), ("12", 12, "exact")],
    ),
    (
        "Environ 2500 soldats, dont au moins 19 blessés et une dizaine de morts.",
        [("Environ 2500", 2500, "approximate"), ("au moins 19", 19, "at_least"), ("une dizaine", 10, "approximate")],
    ),
]


@pytest.mark.parametrize("sentence,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_table(sentence, expected):
    found = find_quantities(sentence)
    assert [(q.text, q.value, q.qualifier) for q in found] == expected
    for q in found:
        assert sentence[q.start : q.end] == q.text


def test_table_size():
    assert len(CASES) >= 50


@pytest.mark.parametrize(
    "s,value,lo,hi,qualifier",
    [
        ("12 blessés", 12, 12, 12, "exact"),
        ("plus de 5 000", 5000, 5000, None, "more_than"),
        ("au moins 19", 19, 19, None, "at_least"),
        ("moins de 50", 50, None, 50, "less_than"),
        ("jusqu'à 400", 400, None, 400, "at_most"),
        ("environ 300", 300, None, None, "approximate"),
        ("des dizaines", 20, 20, None, "vague"),
        ("entre 800 et 1 000", 800, 800, 1000, "at_least"),
        ("1,5 à 2 millions", 1500000, 1500000, 2000000, "at_least"),
    ],
)
def test_bounds(s, value, lo, hi, qualifier):
    q = find_quantities(s)[0]
    assert (q.value, q.min, q.max, q.qualifier) == (value, lo, hi, qualifier)


def test_offsets_shift_with_offset():
    doc = "Première phrase.  Samedi, près de 300 manifestants et des milliers de curieux."
    base = 18
    sentence = doc[base:]
    for q in find_quantities(sentence, offset=base):
        assert doc[q.start : q.end] == q.text
    assert [q.text for q in find_quantities(sentence, offset=base)] == ["près de 300", "des milliers"]


def test_counts_of_one_sentence():
    """begin/stop: the counts that begin in a sentence (what the rules ask for) are those a scan of
    the whole text finds there, on treebank text joined into articles and on the table."""
    sentences = [
        line[len("# text = ") :].strip()
        for path in sorted(shared("data", "ud").rglob("*.conllu"))
        for line in path.open(encoding="utf-8")
        if line.startswith("# text = ")
    ][::10]
    sentences += [c[0] for c in CASES]
    checked = 0
    for i in range(0, len(sentences), 40):
        chunk = sentences[i : i + 40]
        text = " ".join(chunk)
        whole = [(q.start, q.end, q.value, q.qualifier) for q in find_quantities(text)]
        begin = 0
        for sentence in chunk:
            stop = begin + len(sentence)
            got = [(q.start, q.end, q.value, q.qualifier) for q in find_quantities(text, begin=begin, stop=stop)]
            assert got == [w for w in whole if begin <= w[0] < stop], sentence
            checked += len(got)
            begin = stop + 1
    assert checked > 100


def test_no_qualifier_before_begin():
    text = "Selon eux, plus de 5 000 manifestants."
    assert [q.text for q in find_quantities(text, begin=text.index("plus"))] == ["plus de 5 000"]
    assert [q.text for q in find_quantities(text, begin=text.index("5"))] == ["5 000"]
    assert find_quantities(text, stop=text.index("plus")) == []


def test_whole_document_offsets():
    doc = " ".join(c[0] for c in CASES)
    found = find_quantities(doc)
    assert len(found) >= 60
    assert all(doc[q.start : q.end] == q.text for q in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize(
    "s,value,qualifier",
    [
        ("plus de 5 000", 5000, "more_than"),
        ("  une vingtaine ", 20, "approximate"),
        ("Trois mille", 3000, "exact"),
        ("des centaines de milliers", 200000, "vague"),
        ("entre 400 et 500", 400, "at_least"),
        ("3 mille", 3000, "exact"),
    ],
)
def test_parse_quantity(s, value, qualifier):
    q = parse_quantity(s)
    assert q is not None and (q.value, q.qualifier) == (value, qualifier)


@pytest.mark.parametrize(
    "s",
    [
        "",
        "un",
        "une",
        "plusieurs",
        "30 %",
        "5 000 euros",
        "12 et 14",
        "plus de 5 000 manifestants",
        "le 4 janvier",
        "3,5",
    ],
)
def test_parse_quantity_rejects(s):
    assert parse_quantity(s) is None


NASTY = [
    "",
    " ",
    "\x00\x01\x02",
    "\u200b" * 500,
    "😀" * 2000,
    "1" * 50000,
    "a" * 50000,
    "é" * 50000,
    "9" * 5000 + " morts",
    "1 " * 5000,
    "deux " * 3000,
    "un " * 3000,
    "-" * 50000,
    "'" * 50000,
    "de " * 10000,
    "plus de " * 2000 + "3",
    "entre 1 et " * 2000,
    "1 à " * 3000,
    "\ud800\udfff",
    "1," * 20000,
    "9 999" * 2000,
    "le 4 " * 3000,
    "des dizaines de " * 2000,
    "1" + " " * 50000 + "000",
    "dix-" * 10000 + "huit",
    "\u202f".join(["000"] * 10000),
    "﷽" * 1000,
    "\r\n\t\v\f" * 1000,
]


@pytest.mark.parametrize("s", NASTY, ids=range(len(NASTY)))
def test_never_raises(s):
    start = time.perf_counter()
    found = find_quantities(s, offset=3)
    parse_quantity(s)
    assert all(s[q.start - 3 : q.end - 3] == q.text for q in found)
    assert time.perf_counter() - start < 5


def test_random_unicode_soup():
    rng = random.Random(1234)
    alphabet = ("0123456789 \u00a0\u202f\u2009.,:/-–'’%€$habcdeilmnoprstuxzàéè😀\x00\n\t\u0301") + "".join(
        load("numbers")["number_words"][:12]
    )
    for _ in range(2000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        for q in find_quantities(s):
            assert s[q.start : q.end] == q.text
            assert q.value >= 0


def test_text2num_reads_every_number_word():
    """The lexicon's number words (Belgian and Swiss tens, "mil" included) are read by text2num."""
    from text_to_num import text2num

    assert all(text2num(w, "fr") >= 0 for w in load("numbers")["number_words"])


@pytest.mark.parametrize(
    "s,expected",
    [
        ("Entre cent et deux cents soldats.", [("Entre cent et deux cents", 100, "at_least")]),
        ("Cent cent soldats.", [("Cent", 100, "exact"), ("cent", 100, "exact")]),
        ("La farine de mil, le mil et cent un sacs.", [("cent un", 101, "exact")]),
        ("Trois ou quatre cent mille réfugiés.", [("Trois ou quatre cent mille", 300000, "at_least")]),
        ("Deux cents ou trois cents soldats.", [("Deux cents ou trois cents", 200, "at_least")]),
        ("Entre 1 et 1 million de personnes.", [("Entre 1 et 1 million", 1, "at_least")]),
        ("Quelque 1,500 million de personnes.", [("Quelque 1,500 million", 1500000, "approximate")]),
        ("Quelque 1.500 million de personnes.", [("Quelque 1.500 million", 1500000000, "approximate")]),
        ("Les 0,500 et 5,0000 et 12,34 restent.", []),
    ],
)
def test_word_runs_and_marks(s, expected):
    assert [(q.text, q.value, q.qualifier) for q in find_quantities(s)] == expected


def test_module_has_no_french_words():
    """All linguistic knowledge lives in numbers.yaml: no lexicon word in the module's string
    literals (docstrings, which only illustrate, are left out)."""
    lex = load("numbers")
    words = {
        w
        for k in ("number_words", "months", "units_after", "vague_determiners", "weekdays")
        for w in lex[k]
        if len(w) > 2 and w.isalpha()
    }
    tree = ast.parse((Path(__file__).parents[1] / "service/rules/quantity.py").read_text("utf-8"))
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    literals = [
        n.value.lower()
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]
    assert not [w for w in words for lit in literals if w in lit.split()]
