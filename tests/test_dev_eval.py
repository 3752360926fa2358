"""A floor under the measured quality on ../shared/eval/dev.jsonl (the development set, read at run
time), both analyzers: a change that loses precision or recall fails here. `make eval` prints the
full table."""
from __future__ import annotations

import json

import pytest

from tests.conftest import SHARED
from tools.evaluate import evaluate, load_scorer

GOLD = [json.loads(line) for line in (SHARED / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()]


@pytest.fixture(scope="module")
def scorer():
    return load_scorer(str(SHARED / "eval" / "score.py"))


def test_dev_quality(analyzer, scorer):
    summary, _ = evaluate(analyzer, GOLD, scorer, show_errors=False)
    assert summary["facts"]["precision"] >= 0.95, summary["facts"]
    assert summary["facts"]["f1"] >= 0.88, summary["facts"]
    assert summary["dates"]["f1"] >= 0.95, summary["dates"]
    for t in ("casualties", "troops", "crowd"):
        assert summary[t]["precision"] >= 0.95, (t, summary[t])
