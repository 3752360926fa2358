"""A floor under the measured quality on the development files ../shared/eval/dev.jsonl and dev2.jsonl
(read at run time), both analyzers: a change that loses precision or recall fails here. `make eval`
prints the full tables."""

from __future__ import annotations

import json

import pytest

from tests.conftest import shared
from tools.evaluate import evaluate, load_scorer

# file -> (facts precision, facts F1, dates F1) it must keep
FLOORS = {"dev.jsonl": (0.95, 0.95, 0.95), "dev2.jsonl": (0.95, 0.88, 0.95)}


def _gold(name: str) -> list[dict]:
    path = shared("eval", name)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def scorer():
    return load_scorer(str(shared("eval", "score.py")))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_quality(analyzer, scorer, name):
    precision, f1, dates_f1 = FLOORS[name]
    summary, _ = evaluate(analyzer, _gold(name), scorer, show_errors=False)
    assert summary["facts"]["precision"] >= precision, summary["facts"]
    assert summary["facts"]["f1"] >= f1, summary["facts"]
    assert summary["dates"]["f1"] >= dates_f1, summary["dates"]
    for t in ("casualties", "troops", "crowd"):
        assert summary[t]["precision"] >= 0.95, (t, summary[t])
