"""The plumbing of the suite itself: the path to ../shared and the fake analyzer of `make test-fast`."""

from __future__ import annotations

import datetime

import pytest

from service.rules.pipeline import extract_document
from tests import conftest
from tests.fake_analyzer import FakeAnalyzer


def test_a_missing_shared_file_fails_saying_what_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "SHARED", tmp_path / "elsewhere")
    with pytest.raises(pytest.fail.Exception) as failed:
        conftest.shared("eval", "dev.jsonl")
    message = str(failed.value)
    assert str(tmp_path / "elsewhere" / "eval" / "dev.jsonl") in message and "FAITS_SHARED_DIR" in message


def test_shared_returns_the_path_that_exists(monkeypatch, tmp_path):
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "dev.jsonl").write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(conftest, "SHARED", tmp_path)
    assert conftest.shared("eval", "dev.jsonl") == tmp_path / "eval" / "dev.jsonl"


def test_the_fake_analyzer_gives_exact_offsets_and_one_tree_per_sentence():
    text = "  Trois hommes ont été arrêtés à Lyon. Vingt-deux blessés !\nFin"
    doc = FakeAnalyzer("spacy").parse(text)
    assert [s.text for s in doc.sentences] == ["Trois hommes ont été arrêtés à Lyon.", "Vingt-deux blessés !", "Fin"]
    for s in doc.sentences:
        assert [w.head for w in s.words] == [0] + [1] * (len(s.words) - 1)
        assert all(text[w.start : w.end] == w.text for w in s.words)
    assert extract_document(doc, datetime.date(2024, 5, 4)).facts == []


def test_what_needs_a_real_model_is_marked():
    app = {"analyzers", "app", "client"}
    assert conftest.needs_models("test_slots", "test_place", {"analyzer", "analyzers"})  # both real analyzers
    assert conftest.needs_models("test_rule_examples", "test_example", {"analyzers"})  # not FAKE_READY
    assert not conftest.needs_models("test_api", "test_probes", app)  # any app will do
    assert conftest.needs_models("test_api", "test_extract_json", app)  # reads facts: NEEDS_MODELS
    assert conftest.needs_models("test_gunicorn", "test_a_killed_worker_is_replaced", set())  # a child loads them
    assert not conftest.needs_models("test_dates", "test_resolve", set())
