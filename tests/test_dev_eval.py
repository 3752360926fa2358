"""A floor under the measured quality on the development files ../shared/eval/dev.jsonl and dev2.jsonl
(read at run time), both analyzers: a change that loses precision or recall fails here. `make eval`
prints the full tables. tests/data/dispatches.jsonl: 40 short dispatches of our own writing (ten of
them full of figures that are no facts), labelled by the conventions of ../shared/eval/SCHEMA.md apart
from the rules; its dates are not labelled, so only its facts are held to a floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import shared
from tools.evaluate import evaluate, load_scorer

# file -> (facts precision, facts F1, dates F1) it must keep (None: dates not labelled)
FLOORS = {"dev.jsonl": (0.95, 0.95, 0.95), "dev2.jsonl": (0.95, 0.92, 0.95), "dispatches.jsonl": (0.95, 0.88, None)}
DISPATCHES = Path(__file__).parent / "data" / "dispatches.jsonl"


def _gold(name: str) -> list[dict]:
    path = DISPATCHES if name == DISPATCHES.name else shared("eval", name)
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
    if dates_f1 is not None:
        assert summary["dates"]["f1"] >= dates_f1, summary["dates"]
    for t in ("casualties", "troops", "crowd"):
        assert summary[t]["precision"] >= 0.95, (t, summary[t])
