"""Rules on hand-checked UD trees: deterministic, no model involved."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from service.analyzers.conllu import read_conllu
from service.rules.matcher import written_forms
from service.rules.pipeline import extract_document

TREES = read_conllu((Path(__file__).parent / "conllu" / "facts.conllu").read_text(encoding="utf-8"))


def check(fact, want: dict) -> list[str]:
    """Differences between an extracted fact and the expected slots."""
    got = fact.model_dump()
    bad = []
    for key, value in want.items():
        if key == "count":
            have = got["count"]["value"] if got.get("count") else None
        elif key == "qualifier":
            have = got["count"]["qualifier"] if got.get("count") else None
        else:
            have = got.get(key)
        if have != value:
            bad.append(f"{key}: want {value!r}, got {have!r}")
    return bad


@pytest.mark.parametrize("comments,doc", TREES, ids=[c["text"] for c, _ in TREES])
def test_tree(comments, doc):
    assert comments["text"] == doc.text, "the tokens must rebuild the sentence exactly"
    facts = extract_document(doc, datetime.date(2024, 5, 4)).facts
    expected = json.loads(comments["expect"])
    assert len(facts) == len(expected), [f.model_dump(include={"type", "rule", "count"}) for f in facts]
    for fact, want in zip(facts, expected):
        assert not check(fact, want), check(fact, want)
        for span in [fact.evidence, fact.trigger, *fact.evidences]:
            assert doc.text[span.start : span.end] == span.text


def test_trigger_keys_in_their_written_forms():
    """The candidates for a rule are picked without lowering each word: a key matches as written
    in lower case, capitalised, in capitals, with either apostrophe."""
    forms = written_forms(frozenset({"tué", "aujourd'hui"}))
    assert {"tué", "Tué", "TUÉ", "aujourd'hui", "aujourd’hui", "Aujourd’hui", "AUJOURD'HUI"} <= forms
    assert "tUé" not in forms  # mixed casing is the one thing left out


def lead_and_full_scans(docs, monkeypatch) -> tuple[list, list]:
    """The facts of each document with the rules' scan on the sentences holding a lead trigger word
    (pipeline.LEAD_KEYS), then with the scan on every trigger word (a `follows` rule fires only after a
    fact of its module in the same sentence, so both must agree)."""
    from service.rules import pipeline

    def facts():
        return [[f.model_dump() for f in extract_document(doc, datetime.date(2024, 5, 4)).facts] for doc in docs]

    lead = facts()
    monkeypatch.setattr(pipeline, "LEAD_KEYS", pipeline.TRIGGER_KEYS)
    return lead, facts()


def test_lead_words_pick_every_sentence_with_a_fact(monkeypatch):
    """On the hand-checked trees (and in test_rule_examples, on both analyzers)."""
    lead, full = lead_and_full_scans([doc for _, doc in TREES], monkeypatch)
    assert lead == full and sum(map(len, lead)) > 10
