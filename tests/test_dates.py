"""French date finder: spans, ISO values and resolution against a reference date.

All sentences are written for these tests. WED is a Wednesday, SUN a Sunday.
"""

import datetime as dt
import re
import time

import pytest

from service.rules.dates import find_dates

WED = dt.date(2023, 3, 15)
SUN = dt.date(2023, 3, 12)

CASES = [
    # --- explicit dates: the span leaves out "le", keeps the weekday
    ("L'accord a été signé le samedi 11 mars à Genève.", WED, None, [("samedi 11 mars", "2023-03-11")]),
    ("Le 4 mars, la grève a repris dans les raffineries.", WED, None, [("4 mars", "2023-03-04")]),
    ("Depuis le 1er janvier, les tarifs ont augmenté.", WED, None, [("1er janvier", "2023-01-01")]),
    (
        "Le scrutin s'est tenu le dimanche 4 octobre 2015 dans le calme.",
        WED,
        None,
        [("dimanche 4 octobre 2015", "2015-10-04")],
    ),
    ("Le décret du 4/10/2015 a été abrogé.", WED, None, [("4/10/2015", "2015-10-04")]),
    ("Mis en ligne le 2015-10-04 à midi.", WED, None, [("2015-10-04", "2015-10-04")]),
    ("Une réunion était prévue le 8 janv. 2022 à Berlin.", WED, None, [("8 janv. 2022", "2022-01-08")]),
    ("Le conseil se tiendra le 22 juin prochain.", dt.date(2023, 6, 21), None, [("22 juin prochain", "2023-06-22")]),
    ("La loi votée le 19 septembre dernier entre en vigueur.", WED, None, [("19 septembre dernier", "2022-09-19")]),
    # a weekday picks the year, near the reference, in which the day fits it
    ("Le procès s'ouvrira le jeudi 4 janvier.", dt.date(2023, 12, 20), None, [("jeudi 4 janvier", "2024-01-04")]),
    ("Le verdict a été rendu le mercredi 10 mars.", WED, None, [("mercredi 10 mars", "2023-03-10")]),
    ("ce mercredi 15 mars au soir", WED, None, [("mercredi 15 mars", "2023-03-15")]),
    # a day-month in the future tense is the next one, on or after the reference; in the past tense
    # the most recent one; with no tense and no cue word, the nearest one (tests/test_dates_table.py)
    ("Le sommet aura lieu le 20 mars.", WED, "future", [("20 mars", "2023-03-20")]),
    ("Le sommet a eu lieu le 20 mars.", WED, "past", [("20 mars", "2022-03-20")]),
    ("Les soldes débuteront à partir du 1er avril.", WED, None, [("1er avril", "2023-04-01")]),
    # ranges give the start date, then the end date
    (
        "Le festival se tient du 8 au 9 juillet à Arles.",
        dt.date(2023, 7, 20),
        None,
        [("8 au 9 juillet", "2023-07-08"), ("9 juillet", "2023-07-09")],
    ),
    (
        "Les rencontres des 2 et 3 mai ont été fructueuses.",
        dt.date(2023, 5, 10),
        None,
        [("2 et 3 mai", "2023-05-02"), ("3 mai", "2023-05-03")],
    ),
    (
        "Fermeture du 30 juin au 2 juillet.",
        dt.date(2023, 7, 20),
        None,
        [("30 juin", "2023-06-30"), ("2 juillet", "2023-07-02")],
    ),
    # --- months
    ("Le local avait déjà brûlé en novembre 2011.", WED, None, [("novembre 2011", "2011-11")]),
    ("Depuis les inondations de janvier, la ville se reconstruit.", WED, None, [("janvier", "2023-01")]),
    ("Les négociations avaient repris en mai.", WED, "past", [("mai", "2022-05")]),
    ("Les élections auront lieu en mai.", WED, "future", [("mai", "2023-05")]),
    (
        "En juin dernier, l'alliance avait renforcé ses effectifs.",
        dt.date(2023, 6, 20),
        None,
        [("juin dernier", "2022-06")],
    ),
    ("Le chantier reprendra en juillet prochain.", WED, None, [("juillet prochain", "2023-07")]),
    ("Le rapport publié fin février a fait grand bruit.", WED, None, [("fin février", "2023-02")]),
    (
        "Les travaux ont commencé début mars et ont cessé mi-juillet.",
        WED,
        "past",
        [("début mars", "2023-03"), ("mi-juillet", "2022-07")],
    ),
    ("Le texte doit être adopté d'ici mi-juillet.", WED, None, [("mi-juillet", "2023-07")]),
    ("Les chiffres du mois d'avril sont tombés.", WED, "past", [("avril", "2022-04")]),
    ("Les pluies de janvier et février ont cessé.", WED, None, [("janvier", "2023-01"), ("février", "2023-02")]),
    ("Le vote a été reporté à juin.", WED, "future", [("juin", "2023-06")]),
    ("L'accord doit être conclu d'ici le 10 avril.", WED, None, [("10 avril", "2023-04-10")]),
    # --- years used as time references
    ("Le satellite a été lancé en 2009 depuis la Guyane.", WED, None, [("2009", "2009")]),
    ("Il préside l'association depuis 1996.", WED, None, [("1996", "1996")]),
    (
        "Elle a gagné le titre quatre fois (1958, 1962, 1970).",
        WED,
        None,
        [("1958", "1958"), ("1962", "1962"), ("1970", "1970")],
    ),
    ("C'était la plus grande marche de 2020.", WED, None, [("2020", "2020")]),
    ("Entre 2010 et 2015, les loyers ont doublé.", WED, None, [("2010", "2010"), ("2015", "2015")]),
    ("Au cours de l'été 2015, la sécheresse a frappé.", WED, None, [("2015", "2015")]),
    ("La réforme sera appliquée fin 2024.", WED, None, [("fin 2024", "2024")]),
    # --- weekdays, resolved against a Wednesday unless said otherwise
    ("La manifestation de samedi a rassemblé des milliers de personnes.", WED, "past", [("samedi", "2023-03-11")]),
    ("Le ministre s'exprimera ce mercredi devant les députés.", WED, "future", [("ce mercredi", "2023-03-15")]),
    ("Mercredi, le ministre a présenté son plan.", WED, "past", [("Mercredi", "2023-03-15")]),
    ("Ce mardi soir, l'agence a publié ses données.", WED, "past", [("Ce mardi", "2023-03-14")]),
    ("Il a été interpellé vendredi à son domicile.", WED, "past", [("vendredi", "2023-03-10")]),
    ("La foule était plus nombreuse samedi dernier.", WED, None, [("samedi dernier", "2023-03-11")]),
    ("Le texte avait été voté mardi dernier.", WED, None, [("mardi dernier", "2023-03-07")]),
    ("Le décret sera publié vendredi.", WED, "future", [("vendredi", "2023-03-17")]),
    ("Il prendra la parole mercredi.", WED, "future", [("mercredi", "2023-03-22")]),
    ("Des renforts seront déployés d'ici mardi.", WED, None, [("mardi", "2023-03-21")]),
    ("Le ministre a annoncé l'envoi de renforts d'ici fin février.", WED, "past", [("fin février", "2024-02")]),
    (
        "Acheminés depuis lundi, ces renforts porteront le contingent à 900 hommes.",
        WED,
        "future",
        [("lundi", "2023-03-13")],
    ),
    ("La grève reprendra vendredi prochain.", WED, None, [("vendredi prochain", "2023-03-17")]),
    ("Rendez-vous jeudi prochain.", WED, None, [("jeudi prochain", "2023-03-23")]),
    (
        "Il a été blessé dans la nuit de dimanche à lundi.",
        WED,
        "past",
        [("dimanche", "2023-03-12"), ("lundi", "2023-03-13")],
    ),
    # ... and against a Sunday
    ("Ils étaient moins nombreux que samedi dernier.", SUN, None, [("samedi dernier", "2023-03-04")]),
    ("Le cortège de dimanche dernier était plus long.", SUN, None, [("dimanche dernier", "2023-03-05")]),
    ("Ce dimanche, les coureurs rallient Nice.", SUN, "present", [("Ce dimanche", "2023-03-12")]),
    ("Les électeurs ont voté dimanche.", SUN, "past", [("dimanche", "2023-03-12")]),
    # --- deictic words
    ("L'indice a clôturé hier au plus haut.", WED, None, [("hier", "2023-03-14")]),
    (
        "Il est passé avant hier, à la Saint Sylvestre.",
        WED,
        None,
        [("avant hier", "2023-03-13"), ("la Saint Sylvestre", "2022-12-31")],
    ),
    (
        "Il est rentré avant-hier et repart après-demain.",
        WED,
        None,
        [("avant-hier", "2023-03-13"), ("après-demain", "2023-03-17")],
    ),
    (
        "Aujourd’hui comme demain, la vigilance reste de mise.",
        WED,
        None,
        [("Aujourd’hui", "2023-03-15"), ("demain", "2023-03-16")],
    ),
    ("Le déficit s'est creusé l'an dernier.", WED, None, [("l'an dernier", "2022")]),
    (
        "L’année dernière, puis l'an prochain et cette année.",
        WED,
        None,
        [("L’année dernière", "2022"), ("l'an prochain", "2024"), ("cette année", "2023")],
    ),
    ("Les ventes ont chuté le mois dernier.", WED, None, [("le mois dernier", "2023-02")]),
    (
        "Le concert a eu lieu pour la Fête de la musique.",
        dt.date(2023, 6, 21),
        None,
        [("la Fête de la musique", "2023-06-21")],
    ),
    ("Les secours ont été mobilisés pour la Saint-Sylvestre.", WED, "past", [("la Saint-Sylvestre", "2022-12-31")]),
    # --- no reference: no year means --MM-DD / --MM; deictic words give nothing
    ("Le 4 janvier, hier et samedi, rien n'a changé.", None, None, [("4 janvier", "--01-04")]),
    ("Les pluies de janvier et de juin dernier.", None, None, [("janvier", "--01"), ("juin dernier", "--06")]),
    ("Incendié en novembre 2011, rouvert en 2014.", None, None, [("novembre 2011", "2011-11"), ("2014", "2014")]),
    # --- typography: no-break spaces, typographic apostrophes, capitals
    ("Réunion le 8\u00a0janvier\u00a02022.", WED, None, [("8\u00a0janvier\u00a02022", "2022-01-08")]),
    ("SAMEDI 8 JANVIER 2022 : JOURNÉE DE MOBILISATION", WED, None, [("SAMEDI 8 JANVIER 2022", "2022-01-08")]),
    ("Les chiffres de l’an dernier.", WED, None, [("l’an dernier", "2022")]),
    # --- not dates
    ("Il a remporté l'US Open 2022 en finale.", WED, None, []),
    ("La Coupe du monde 2018 reste dans les mémoires.", WED, None, []),
    ("Les comptes de l'exercice 2020/21 sont publiés.", WED, None, []),
    ("Les années 1990 ont été difficiles.", WED, None, []),
    ("Moscou a envoyé environ 2500 hommes.", WED, None, []),
    ("Plus de 2000 manifestants ont défilé, ils étaient 1500 à Lyon.", WED, None, []),
    ("Ils ont été 1500 à répondre à l'appel.", WED, None, []),
    ("Il a passé 30 ans en prison et enquête depuis près de dix ans.", WED, None, []),
    ("La garde à vue peut durer 96 heures, deux jours au plus.", WED, None, []),
    ("Une femme de 22 ans a été blessée à 20 h 30.", WED, None, []),
    ("La veille, le lendemain et deux jours plus tard, rien de neuf.", WED, None, []),
    ("La semaine dernière, et encore ce soir, le calme régnait.", WED, None, []),
    ("Le taux est passé de 2,5 % à 1.284 points, soit 2015 %.", WED, None, []),
    ("Ce peuple marche depuis 2000 ans.", WED, None, []),
    ("Le Journal du Dimanche évoque la planète Mars.", WED, None, []),
    ("Il court chaque lundi, même le mardi gras.", WED, None, []),
    ("Cette année-là, ce jeudi-là, tout a basculé.", WED, None, []),
    ("Le budget 2022 et la version 12.03.21 du logiciel.", WED, None, []),
    ("Il a évoqué mai 68 et sept personnes.", WED, None, []),
]


def _grain_of(value):
    for pattern, grain in ((r"(\d{4}|-)-\d\d-\d\d", "day"), (r"(\d{4}|-)-\d\d", "month"), (r"\d{4}", "year")):
        if re.fullmatch(pattern, value):
            return grain
    raise AssertionError(value)


@pytest.mark.parametrize("text,ref,tense,expected", CASES)
def test_find_dates(text, ref, tense, expected):
    found = find_dates(text, ref, (lambda _offset: tense) if tense else None)
    assert [(d.text, d.value) for d in found] == expected
    for d in found:
        assert text[d.start : d.end] == d.text
        assert d.grain == _grain_of(d.value)


def test_tense_is_asked_at_the_mention():
    text = "Il est arrivé lundi et repartira vendredi."
    asked = []

    def tense_at(offset):
        asked.append(offset)
        return "past" if offset < text.index("repartira") else "future"

    found = find_dates(text, WED, tense_at)
    assert [(d.text, d.value) for d in found] == [("lundi", "2023-03-13"), ("vendredi", "2023-03-17")]
    assert text.index("lundi") in asked and text.index("vendredi") in asked


def test_grains():
    found = find_dates("Le 4 mars, en mai 2020 et en 2014.", WED)
    assert [d.grain for d in found] == ["day", "month", "year"]


NASTY = [
    "",
    " ",
    "\x00",
    "\u00a0\u202f",
    "’’’",
    "le",
    "le 31 février",
    "le 0 mars",
    "32 mars",
    "1er",
    "mi-",
    "fin",
    "du 9 au 8 juillet",
    "29 février",
    "ſamedi",
    "İ",
    "LA SAİNT-SYLVESTRE",
    "ß" * 50,
    "\ud7ff\ue000\U0010ffff",
    "2020-13-45",
    "99/99/9999",
    "9" * 400,
    "samedi " * 300,
    "🙂 le 8 janvier 🙂",
    "d'ici",
    "l'an",
    "jeudi-là",
    "(1958,",
    "de 2020",
    "\u0301\u0301",
]
EXTREMES = [None, dt.date.min, dt.date.max, dt.date(2000, 2, 29), WED]


@pytest.mark.parametrize("text", NASTY)
@pytest.mark.parametrize("ref", EXTREMES)
def test_never_raises(text, ref):
    for d in find_dates(text, ref, lambda _o: "future"):
        assert text[d.start : d.end] == d.text


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - the loop above still runs
    st = None

if st is not None:
    _WORDS = st.sampled_from(
        [
            "le",
            "8",
            "1er",
            "janvier",
            "janv.",
            "samedi",
            "dernier",
            "prochain",
            "ce",
            "hier",
            "avant-hier",
            "l'an",
            "dernier",
            "en",
            "2014",
            "de",
            "(",
            ",",
            "au",
            "mi-",
            "fin",
            "d'ici",
            "la",
            "Saint-Sylvestre",
            "/",
            "10",
            "-",
            "2015",
            "-là",
        ]
    )

    @settings(max_examples=300, deadline=None)
    @given(
        st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=30).map(" ".join),
        st.one_of(st.none(), st.dates()),
        st.sampled_from([None, "past", "present", "future"]),
    )
    def test_property_spans_are_exact(text, ref, tense):
        for d in find_dates(text, ref, (lambda _o: tense) if tense else None):
            assert text[d.start : d.end] == d.text and d.start < d.end


def test_fast_on_long_text():
    text = "Samedi 8 janvier, plus de 2000 manifestants ont défilé depuis 1996, hier et en mai 2020. " * 2000
    t0 = time.perf_counter()
    found = find_dates(text, WED)
    assert len(found) == 4 * 2000
    assert time.perf_counter() - t0 < 5


# ---- the tense of a clause (service/rules/tense.py), on hand-made UD trees written for these tests

from service.analyzers.conllu import read_conllu  # noqa: E402
from service.rules.tense import tense_reader  # noqa: E402

TREES = {
    # "devoir"/"aller" in the present + infinitive: the near future
    "future": [
        """\
1	Le	le	DET	_	Definite=Def	2	det	_	_
2	ministre	ministre	NOUN	_	_	3	nsubj	_	_
3	doit	devoir	VERB	_	Mood=Ind|Tense=Pres|VerbForm=Fin	0	root	_	_
4	se	se	PRON	_	Reflex=Yes	5	expl:comp	_	_
5	rendre	rendre	VERB	_	VerbForm=Inf	3	xcomp	_	_
6	samedi	samedi	NOUN	_	_	5	obl:mod	_	_
7	à	à	ADP	_	_	8	case	_	_
8	Lyon	Lyon	PROPN	_	_	5	obl:arg	_	SpaceAfter=No
9	.	.	PUNCT	_	_	3	punct	_	_
""",
        """\
1	Ils	il	PRON	_	_	3	nsubj	_	_
2	vont	aller	AUX	_	Mood=Ind|Tense=Pres|VerbForm=Fin	3	aux:tense	_	_
3	manifester	manifester	VERB	_	VerbForm=Inf	0	root	_	_
4	samedi	samedi	NOUN	_	_	3	obl:mod	_	SpaceAfter=No
5	.	.	PUNCT	_	_	3	punct	_	_
""",
    ],
    # the present conditional looks ahead, even tagged as an indicative ("arriveraient samedi")
    "future-conditional": [
        """\
1	Les	le	DET	_	Definite=Def	2	det	_	_
2	renforts	renfort	NOUN	_	_	3	nsubj	_	_
3	arriveraient	arriver	VERB	_	Mood=Ind|Tense=Pres|VerbForm=Fin	0	root	_	_
4	samedi	samedi	NOUN	_	_	3	obl:mod	_	SpaceAfter=No
5	.	.	PUNCT	_	_	3	punct	_	_
"""
    ],
    # and so does a passive in the present conditional ("seraient déployés samedi")
    "future-passive-conditional": [
        """\
1	Des	un	DET	_	Definite=Ind	2	det	_	_
2	renforts	renfort	NOUN	_	_	4	nsubj:pass	_	_
3	seraient	être	AUX	_	Mood=Ind|Tense=Imp|VerbForm=Fin	4	aux:pass	_	_
4	déployés	déployer	VERB	_	Tense=Past|VerbForm=Part|Voice=Pass	0	root	_	_
5	samedi	samedi	NOUN	_	_	4	obl:mod	_	SpaceAfter=No
6	.	.	PUNCT	_	_	4	punct	_	_
"""
    ],
    # a copula in the future: the predicate is no verb
    "future-copula": [
        """\
1	Le	le	DET	_	Definite=Def	2	det	_	_
2	scrutin	scrutin	NOUN	_	_	6	nsubj	_	_
3	de	de	ADP	_	_	4	case	_	_
4	samedi	samedi	NOUN	_	_	2	nmod	_	_
5	sera	être	AUX	_	Mood=Ind|Tense=Fut|VerbForm=Fin	6	cop	_	_
6	décisif	décisif	ADJ	_	_	0	root	_	SpaceAfter=No
7	.	.	PUNCT	_	_	6	punct	_	_
"""
    ],
    "past-copula": [
        """\
1	Le	le	DET	_	Definite=Def	2	det	_	_
2	scrutin	scrutin	NOUN	_	_	7	nsubj	_	_
3	de	de	ADP	_	_	4	case	_	_
4	samedi	samedi	NOUN	_	_	2	nmod	_	_
5	a	avoir	AUX	_	Mood=Ind|Tense=Pres|VerbForm=Fin	7	aux:tense	_	_
6	été	être	AUX	_	Tense=Past|VerbForm=Part	7	cop	_	_
7	décisif	décisif	ADJ	_	_	0	root	_	SpaceAfter=No
8	.	.	PUNCT	_	_	7	punct	_	_
"""
    ],
    # "devait" + infinitive (even tagged as present), a participle without auxiliary, a pronominal verb
    "past": [
        """\
1	Il	il	PRON	_	_	2	nsubj	_	_
2	devait	devoir	VERB	_	Mood=Ind|Tense=Pres|VerbForm=Fin	0	root	_	_
3	partir	partir	VERB	_	VerbForm=Inf	2	xcomp	_	_
4	samedi	samedi	NOUN	_	_	3	obl:mod	_	SpaceAfter=No
5	.	.	PUNCT	_	_	2	punct	_	_
""",
        """\
1	L'	le	DET	_	Definite=Def	2	det	_	SpaceAfter=No
2	explosion	explosion	NOUN	_	_	9	nsubj	_	SpaceAfter=No
3	,	,	PUNCT	_	_	4	punct	_	_
4	survenue	survenir	VERB	_	Tense=Past|VerbForm=Part	2	acl	_	_
5	samedi	samedi	NOUN	_	_	4	obl:mod	_	SpaceAfter=No
6	,	,	PUNCT	_	_	4	punct	_	_
7	a	avoir	AUX	_	Mood=Ind|Tense=Pres|VerbForm=Fin	9	aux:tense	_	_
8	tout	tout	PRON	_	_	9	obj	_	_
9	détruit	détruire	VERB	_	Tense=Past|VerbForm=Part	0	root	_	SpaceAfter=No
10	.	.	PUNCT	_	_	9	punct	_	_
""",
        """\
1	Les	le	DET	_	Definite=Def	2	det	_	_
2	élus	élu	NOUN	_	_	5	nsubj	_	_
3	se	se	PRON	_	Reflex=Yes	5	expl:comp	_	_
4	sont	être	AUX	_	Mood=Ind|Tense=Pres|VerbForm=Fin	5	aux:tense	_	_
5	réunis	réunir	VERB	_	Tense=Past|VerbForm=Part	0	root	_	_
6	samedi	samedi	NOUN	_	_	5	obl:mod	_	SpaceAfter=No
7	.	.	PUNCT	_	_	5	punct	_	_
""",
    ],
    # the past conditional tells a past event as reported ("aurait été tué samedi")
    "past-conditional": [
        """\
1	Il	il	PRON	_	_	4	nsubj:pass	_	_
2	aurait	avoir	AUX	_	Mood=Cnd|Tense=Pres|VerbForm=Fin	4	aux:tense	_	_
3	été	être	AUX	_	Tense=Past|VerbForm=Part	4	aux:pass	_	_
4	tué	tuer	VERB	_	Tense=Past|VerbForm=Part|Voice=Pass	0	root	_	_
5	samedi	samedi	NOUN	_	_	4	obl:mod	_	SpaceAfter=No
6	.	.	PUNCT	_	_	4	punct	_	_
"""
    ],
    # a passive in the present is in the present: the nearest Saturday
    "present": [
        """\
1	Le	le	DET	_	Definite=Def	2	det	_	_
2	pont	pont	NOUN	_	_	4	nsubj:pass	_	_
3	est	être	AUX	_	Mood=Ind|Tense=Pres|VerbForm=Fin	4	aux:pass	_	_
4	fermé	fermer	VERB	_	Tense=Past|VerbForm=Part|Voice=Pass	0	root	_	_
5	samedi	samedi	NOUN	_	_	4	obl:mod	_	SpaceAfter=No
6	.	.	PUNCT	_	_	4	punct	_	_
"""
    ],
}
SATURDAY = {"future": "2023-03-18", "past": "2023-03-11", "present": "2023-03-18"}


@pytest.mark.parametrize("tense,tree", [(t, tree) for t, trees in TREES.items() for tree in trees])
def test_clause_tense_places_the_weekday(tense, tree):
    tense = tense.split("-")[0]
    doc = read_conllu(tree)[0][1]
    tense_at = tense_reader(doc)
    at = doc.text.index("samedi")
    assert tense_at(at) == tense
    assert [(d.text, d.value) for d in find_dates(doc.text, WED, tense_at)] == [("samedi", SATURDAY[tense])]


def test_passive_present_then_cue_word():
    """ "est attendue pour le 10 février": a present passive, so the cue "pour le" points forward."""
    doc = read_conllu("""\
1	La	le	DET	_	Definite=Def	2	det	_	_
2	décision	décision	NOUN	_	_	4	nsubj:pass	_	_
3	est	être	AUX	_	Mood=Ind|Tense=Pres|VerbForm=Fin	4	aux:pass	_	_
4	attendue	attendre	VERB	_	Tense=Past|VerbForm=Part|Voice=Pass	0	root	_	_
5	pour	pour	ADP	_	_	8	case	_	_
6	le	le	DET	_	Definite=Def	8	det	_	_
7	10	10	NUM	_	_	8	nummod	_	_
8	février	février	NOUN	_	_	4	obl:mod	_	SpaceAfter=No
9	.	.	PUNCT	_	_	4	punct	_	_
""")[0][1]
    found = find_dates(doc.text, WED, tense_reader(doc))
    assert [(d.text, d.value) for d in found] == [("10 février", "2024-02-10")]


@pytest.mark.parametrize(
    "text,value",
    [
        ("Le vote a eu lieu le mardi 7 mai. La veille, deux élus avaient démissionné.", "2024-05-06"),
        ("Le vote a eu lieu le mardi 7 mai. Trois jours plus tard, le maire a démissionné.", "2024-05-10"),
        ("Le vote a eu lieu le mardi 7 mai. Le surlendemain, le maire a démissionné.", "2024-05-09"),
        ("La veille, deux élus avaient démissionné.", None),  # no date before it: no day
        ("Le vote a eu lieu le mardi 7 mai. Il a suivi de deux jours l'attentat.", None),
        ("Le vote a eu lieu le mardi 7 mai. Il s'est tenu deux jours après l'attentat.", None),  # after the attack
        ("Le vote a eu lieu le mardi 7 mai. Deux jours après, le maire a démissionné.", "2024-05-09"),
        ("Le vote a eu lieu le mardi 7 mai. Au lendemain de sa défaite, le maire a démissionné.", None),
        ("Le vote a eu lieu le mardi 7 mai. Le lendemain du vote, le maire a démissionné.", None),
        ("Le vote a eu lieu le mardi 7 mai. Le lendemain, le maire a démissionné.", "2024-05-08"),
        ("Le vote a eu lieu le mardi 7 mai. Vingt-deux jours plus tard, le maire a démissionné.", "2024-05-29"),
        ("Le vote a eu lieu le mardi 7 mai. Dix\u2011sept jours plus tard, le maire a démissionné.", "2024-05-24"),
        ("Le vote a eu lieu en mai. La veille, deux élus avaient démissionné.", None),  # no day before it
    ],
)
def test_anaphoric_days_point_from_the_last_day_given(text, value):
    """Not calendar dates of their own (no mention in the dates list): they resolve a fact's date."""
    from service.rules.dates import anaphoric_date

    dates = find_dates(text, dt.date(2024, 5, 20))
    second = text.index(". ") + 2 if ". " in text else 0
    assert anaphoric_date(text, second, len(text), dates) == value
    assert all(d.end <= second for d in dates)
