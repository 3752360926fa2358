"""The acceptance document of issue 'faits v1' (seed-kz in ../shared/eval/dev.jsonl, read at run time:
the article is others' work and is not copied here), end to end on both analyzers."""

from __future__ import annotations

import datetime
import json

import pytest

from service.rules.pipeline import extract_document
from tests.conftest import shared


@pytest.fixture(scope="module")
def seed():
    for line in shared("eval", "dev.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["id"] == "seed-kz":
            return doc
    raise AssertionError("seed-kz not found in dev.jsonl")


def test_seed_document(analyzer, seed):
    ex = extract_document(analyzer.parse(seed["text"]), datetime.date.fromisoformat(seed["reference_date"]))
    facts = {}
    for f in ex.facts:
        assert f.type not in facts, f"more than one {f.type} fact: {[g.evidence.text for g in ex.facts]}"
        facts[f.type] = f
    assert set(facts) == {"arrest", "casualties", "crowd", "troops"}

    arrest = facts["arrest"]
    assert arrest.persons == ["Karim Massimov"] and arrest.charge == "trahison"
    assert arrest.agent == "Les autorités kazakhes"
    assert len(arrest.evidences) == 2, "the later sentence on the arrest is the same event"

    killed = facts["casualties"]
    assert (killed.kind, killed.count.value, killed.count.qualifier, killed.count.text) == (
        "killed",
        20,
        "vague",
        "des dizaines",
    )

    crowd = facts["crowd"]
    assert (crowd.count.value, crowd.count.qualifier, crowd.location) == (5000, "more_than", "Almaty")

    troops = facts["troops"]
    assert (troops.count.value, troops.count.qualifier) == (2500, "approximate")
    assert troops.actor == "Moscou" and troops.organization == "OTSC" and troops.destination == "Kazakhstan"

    assert [d.value for d in ex.dates] == ["2022-01-08", "2022-01-07", "2022-01-02", "2022-01-04", "2022-01-06"]
    for f in ex.facts:
        assert f.modality == "asserted"
        for span in [f.evidence, f.trigger, *f.evidences]:
            assert seed["text"][span.start : span.end] == span.text
