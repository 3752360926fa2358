"""A floor under the measured quality on the development files ../shared/eval/dev.jsonl and dev2.jsonl
(read at run time), both analyzers: a change that loses precision or recall fails here. `make eval`
prints the full tables. Sets of our own writing in tests/data, each labelled by the conventions of
../shared/eval/SCHEMA.md apart from the rules: dispatches.jsonl (40 short dispatches, ten of them full
of figures that are no facts; its dates are not labelled, so only its facts are held to a floor),
dispatches2.jsonl (40 dispatches of another hand) and articles.jsonl (30 articles of 6 to 12 sentences,
with background figures that are no facts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import shared
from tools.evaluate import evaluate, load_scorer

# file -> (facts precision, facts F1, dates F1, slot accuracy over matched facts) it must keep (None: dates
# not labelled)
FLOORS = {
    "dev.jsonl": (0.95, 0.95, 0.95, 0.85),
    "dev2.jsonl": (0.95, 0.95, 0.95, 0.85),
    "dispatches.jsonl": (0.95, 0.88, None, None),
    "dispatches2.jsonl": (0.95, 0.86, 0.93, 0.75),
    "articles.jsonl": (0.95, 0.85, 0.93, 0.80),
}
TYPE_F1 = {"dev.jsonl": 0.90, "dev2.jsonl": 0.90}  # every fact type of the development files (issue 12's target)
OURS = Path(__file__).parent / "data"  # the sets of our own writing


def _gold(name: str) -> list[dict]:
    path = OURS / name if (OURS / name).exists() else shared("eval", name)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def scorer():
    return load_scorer(str(shared("eval", "score.py")))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_quality(analyzer, scorer, name):
    precision, f1, dates_f1, slots = FLOORS[name]
    summary, _ = evaluate(analyzer, _gold(name), scorer, show_errors=False)
    assert summary["facts"]["precision"] >= precision, summary["facts"]
    assert summary["facts"]["f1"] >= f1, summary["facts"]
    if dates_f1 is not None:
        assert summary["dates"]["f1"] >= dates_f1, summary["dates"]
        assert summary["slots"]["all"] >= slots, summary["slots"]
    for t in ("casualties", "troops", "crowd"):
        assert summary[t]["precision"] >= 0.95, (t, summary[t])
    for t in ("arrest", "casualties", "troops", "crowd"):
        assert summary[t]["f1"] >= TYPE_F1.get(name, 0.0), (t, summary[t])
