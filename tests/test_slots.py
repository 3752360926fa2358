"""Slots filled from the sentence or from unambiguous context in the article, end to end on both
analyzers (sentences written for these tests)."""

from __future__ import annotations

import datetime

from service.rules.pipeline import extract_document

REF = datetime.date(2024, 5, 6)


def facts_of(analyzer, text, kind):
    return [f for f in extract_document(analyzer.parse(text), REF).facts if f.type == kind]


def test_place_noun_shared_by_the_article(analyzer):
    text = (
        "Trois passagers d'un car ont été tués dimanche sur l'autoroute A7, près de Valence. "
        "Douze autres voyageurs ont été blessés."
    )
    tolls = facts_of(analyzer, text, "casualties")
    assert {f.count.value for f in tolls} == {3, 12}
    assert all(f.location and "autoroute A7" in f.location for f in tolls), [f.location for f in tolls]


def test_announcer_sends_the_troops(analyzer):
    [f] = facts_of(analyzer, "Deux cents policiers supplémentaires seront déployés, a annoncé la préfecture.", "troops")
    assert f.count.value == 200 and f.actor == "la préfecture"


def test_relative_clause_actor(analyzer):
    [f] = facts_of(analyzer, "Le ministère, qui a déployé 300 gendarmes dans la ville, appelle au calme.", "troops")
    assert f.count.value == 300 and f.actor == "Le ministère"


def test_charge_from_implication(analyzer):
    [f] = facts_of(analyzer, "La police a arrêté douze militants impliqués dans l'attaque du dépôt.", "arrest")
    assert f.count.value == 12 and "attaque du dépôt" in (f.charge or "")


def test_undated_crowd_is_the_day_of_the_article(analyzer):
    [f] = facts_of(analyzer, "Plus de 2 000 manifestants ont défilé à Brest.", "crowd")
    assert f.date == REF.isoformat() and f.location == "Brest"


def test_counter_is_the_source(analyzer):
    [f] = facts_of(analyzer, "Selon la police, 4 500 manifestants ont défilé à Tours.", "crowd")
    assert f.count.value == 4500 and f.source == "la police" and f.modality == "reported"
