"""Numbers that are not facts: scores, prices, percentages, ages, years, durations, page numbers,
times. End to end on both analyzers."""

from __future__ import annotations

import datetime

import pytest

from service.rules.pipeline import extract_document

NOT_FACTS = [
    "L'OM a battu Lyon 3 à 1 devant ses supporters.",
    "Le billet coûte 45 euros et l'abonnement 1 200 euros par an.",
    "Le chômage a baissé de 3 % en un an, soit 120 000 demandeurs d'emploi de moins.",
    "Un homme de 62 ans a été décoré samedi pour ses 40 ans de service.",
    "En 2019, la ville comptait 12 000 habitants.",
    "Les négociations ont duré 96 heures avant un accord signé à 11 h 30.",
    "Le rapport de 300 pages cite l'article 12 de la loi de 1905.",
    "Le sommet réunira 27 chefs d'État à Bruxelles.",
    "La tempête pourrait faire des dizaines de morts, selon les prévisionnistes.",
]


@pytest.mark.parametrize("text", NOT_FACTS)
def test_no_asserted_fact(analyzer, text):
    facts = extract_document(analyzer.parse(text), datetime.date(2024, 5, 4)).facts
    asserted = [f for f in facts if f.modality in ("asserted", "reported")]
    assert not asserted, [(f.rule, f.count and f.count.text) for f in asserted]
