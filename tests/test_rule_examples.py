"""Every rule's own example sentences, run end to end on both real analyzers.

An example must give the expected fact, made by that rule (`fact.rule == rule.name`); an example an
analyzer cannot pass yet names it in `Example.fails`, with the reason, and is a strict expected
failure there."""

from __future__ import annotations

import datetime

import pytest

from service.rules.pipeline import extract_document
from service.rules.registry import FACT_TYPES
from tests.conftest import ANALYZERS
from tests.test_conllu_rules import check, lead_and_full_scans

CASES = [(t.name, rule, ex) for t in FACT_TYPES.values() for rule in t.rules for ex in rule.examples]


@pytest.mark.parametrize("name", ANALYZERS)
@pytest.mark.parametrize("fact_type,rule,example", CASES, ids=[f"{r.name}:{e.text}" for _, r, e in CASES])
def test_example(name, fact_type, rule, example, analyzers, request):
    if name in example.fails:
        request.applymarker(pytest.mark.xfail(reason=example.fails[name], strict=True))
    doc = analyzers(name).parse(example.text)
    facts = [f for f in extract_document(doc, datetime.date(2024, 5, 4)).facts if f.type == fact_type]
    mine = [f for f in facts if f.rule == rule.name]
    if example.absent:  # nothing asserted by this rule
        wrong = [f for f in mine if f.modality != "negated"]
        assert not wrong, [f.model_dump(include={"rule", "count"}) for f in wrong]
        return
    assert mine, f"{rule.name} made no fact of {example.text!r}; got {[f.rule for f in facts]}"
    problems = [check(f, example.expect) for f in mine]
    assert any(not p for p in problems), problems


@pytest.mark.parametrize("name", ANALYZERS)
def test_lead_words_pick_every_sentence_with_a_fact(name, analyzers, monkeypatch):
    """Every example sentence, in one article, gives the same facts whether the rules scan only the
    sentences with a lead trigger word or every trigger word (see lead_and_full_scans)."""
    doc = analyzers(name).parse(" ".join(dict.fromkeys(ex.text for _, _, ex in CASES)))
    (lead,), (full,) = lead_and_full_scans([doc], monkeypatch)
    assert lead == full and len(lead) > 20
    follows = {r.name for t in FACT_TYPES.values() for r in t.rules if r.follows}
    assert follows & {f["rule"] for f in lead}, "no follows rule fired: the check proved little"
