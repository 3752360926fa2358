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


# A fact its sentence does not date took place on the day the article's lead gives (REF is a Monday).
def test_lead_day_dates_the_facts_told_after_it(analyzer):
    text = (
        "Des heurts ont opposé samedi des supporters aux forces de l'ordre à Lyon. "
        "Onze personnes ont été blessées, selon la préfecture."
    )
    [f] = facts_of(analyzer, text, "casualties")
    assert f.count.value == 11 and f.date == "2024-05-04"


def test_day_of_a_statement_is_not_the_day_of_the_fact(analyzer):
    text = (
        "Un incendie a ravagé dimanche un entrepôt du port de Dunkerque. "
        "La préfecture a annoncé lundi que deux pompiers avaient été blessés."
    )
    [f] = facts_of(analyzer, text, "casualties")
    assert f.count.value == 2 and f.date == "2024-05-05"


def test_toll_announced_on_a_day_without_the_day_of_the_event(analyzer):
    text = "Six mineurs ont été tués dans un coup de grisou, a annoncé lundi le ministère."
    [f] = facts_of(analyzer, text, "casualties")
    assert f.count.value == 6 and f.date is None


def test_deployment_takes_no_day_from_the_lead(analyzer):
    text = "Des émeutes ont éclaté mardi dans le centre de Nantes. Cinq cents gendarmes seront déployés dans la ville."
    [f] = facts_of(analyzer, text, "troops")
    assert f.count.value == 500 and f.date is None


def test_deployment_is_dated_by_its_announcement(analyzer):
    text = "Des émeutes ont éclaté mardi à Nantes. Le ministère a annoncé jeudi l'envoi de 300 gendarmes dans la ville."
    [f] = facts_of(analyzer, text, "troops")
    assert f.count.value == 300 and f.date == "2024-05-02"


def test_another_things_day_is_not_the_day_of_the_article(analyzer):
    text = (
        "Le procès de l'attentat du 3 mai s'est ouvert à Paris dans une salle comble. "
        "Trois policiers ont été blessés lors d'incidents devant le palais de justice."
    )
    [f] = facts_of(analyzer, text, "casualties")
    assert f.count.value == 3 and f.date is None


def test_day_first_told_after_the_lead_is_background(analyzer):
    text = (
        "Trois randonneurs ont été blessés dans une avalanche près de Chamonix. "
        "Les secours sont intervenus en hélicoptère. "
        "Le groupe avait quitté jeudi un refuge du massif."
    )
    [f] = facts_of(analyzer, text, "casualties")
    assert f.count.value == 3 and f.date is None


def test_toll_that_grew_on_a_day_is_dated_by_the_event(analyzer):
    text = (
        "Un glissement de terrain a frappé dimanche un village des Alpes. Lundi, le bilan s'est alourdi à neuf morts."
    )
    [f] = facts_of(analyzer, text, "casualties")
    assert f.count.value == 9 and f.date == "2024-05-05"


def test_event_named_by_its_weekday_is_the_day_of_the_article(analyzer):
    text = "Les heurts de samedi à Lyon ont été violents. Onze personnes ont été blessées."
    [f] = facts_of(analyzer, text, "casualties")
    assert f.count.value == 11 and f.date == "2024-05-04"


def test_statement_day_inside_the_evidence_is_not_the_fact_s(analyzer):
    text = "Un coup de grisou a frappé samedi la mine. Le ministère a annoncé lundi la mort de six mineurs."
    [f] = facts_of(analyzer, text, "casualties")
    assert f.count.value == 6 and f.date == "2024-05-04"


def test_night_of_a_day_is_the_day_of_the_article(analyzer):
    text = "Des violences ont éclaté dans la nuit du samedi 4 mai à Rennes. Sept policiers ont été blessés."
    [f] = facts_of(analyzer, text, "casualties")
    assert f.count.value == 7 and f.date == "2024-05-04"


def test_a_clause_is_no_sender(analyzer):
    """A parse that makes "qui compte" the subject of "envoyer" gives no actor rather than a clause."""
    [f] = facts_of(analyzer, "Le Japon, qui compte envoyer 300 soldats, attend le vote du Parlement.", "troops")
    assert f.count.value == 300 and f.actor in (None, "Le Japon"), f.actor
