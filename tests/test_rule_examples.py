"""Every rule's own example sentences, run end to end on both real analyzers.

An example must give the expected fact from its rule's module. Which rule of the module fires can
differ with the parser (one tags "blessés" VERB, the other ADJ); the hand-checked trees of
test_conllu_rules pin the rules themselves."""
from __future__ import annotations

import datetime

import pytest

from service.rules.pipeline import FACT_MODULES, extract
from tests.conftest import ANALYZERS
from tests.test_conllu_rules import check, lead_and_full_scans

CASES = [(module.__name__.rsplit(".", 1)[-1], rule, ex)
         for module in FACT_MODULES for rule in module.RULES for ex in rule.examples]


def test_every_rule_has_examples():
    for module in FACT_MODULES:
        for rule in module.RULES:
            assert rule.examples and rule.doc, rule.name
    names = [r.name for m in FACT_MODULES for r in m.RULES]
    assert len(names) == len(set(names)), "rule names must be unique"


@pytest.mark.parametrize("name", ANALYZERS)
@pytest.mark.parametrize("fact_type,rule,example", CASES,
                         ids=[f"{r.name}:{e.text}" for _, r, e in CASES])
def test_example(name, fact_type, rule, example, analyzers, request):
    if name in example.fails:
        request.applymarker(pytest.mark.xfail(reason=example.fails[name], strict=True))
    doc = analyzers(name).parse(example.text)
    facts = [f for f in extract(doc, datetime.date(2024, 5, 4)).facts if f.type == fact_type]
    if example.absent:      # nothing asserted by this rule
        wrong = [f for f in facts if f.rule == rule.name and f.modality != "negated"]
        assert not wrong, [f.model_dump(include={"rule", "count"}) for f in wrong]
        return
    assert facts, f"no {fact_type} fact from {example.text!r}"
    problems = [check(f, example.expect) for f in facts]
    assert any(not p for p in problems), problems


@pytest.mark.parametrize("name", ANALYZERS)
def test_lead_words_pick_every_sentence_with_a_fact(name, analyzers, monkeypatch):
    """Every example sentence, in one article, gives the same facts whether the rules scan only the
    sentences with a lead trigger word or every trigger word (see lead_and_full_scans)."""
    doc = analyzers(name).parse(" ".join(dict.fromkeys(ex.text for _, _, ex in CASES)))
    (lead,), (full,) = lead_and_full_scans([doc], monkeypatch)
    assert lead == full and len(lead) > 20
    follows = {r.name for m in FACT_MODULES for r in m.RULES if r.follows}
    assert follows & {f["rule"] for f in lead}, "no follows rule fired: the check proved little"
