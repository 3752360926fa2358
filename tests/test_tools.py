"""The load script's expectations hold against the app: each kind of request gets the status
tools/load.py counts as expected (in process, so the script's zero is meaningful)."""
from __future__ import annotations

import json
import random

import pytest

from service import create_app
from tests.conftest import SHARED
from tools.load import MAX_CHARS, build_mix

ARTICLES = [json.loads(line) for line in (SHARED / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
MIX = build_mix([{k: d[k] for k in ("id", "text", "reference_date")} for d in ARTICLES[:3]])


@pytest.fixture(scope="module")
def load_client(analyzers):
    return create_app({"ANALYZER_INSTANCE": analyzers("spacy"), "MAX_CHARS": MAX_CHARS,
                       "LOG_LEVEL": "CRITICAL"}).test_client()


@pytest.mark.parametrize("kind,make", [(m[0], m[2]) for m in MIX], ids=[m[0] for m in MIX])
def test_load_mix_expectations(load_client, kind, make):
    rng = random.Random(kind)
    for _ in range(3):
        method, path, body, headers, expected = make(rng)
        r = load_client.open(path, method=method, data=body, headers=headers)
        assert r.status_code == expected, (kind, r.get_data(as_text=True)[:300])
        if expected >= 400:
            assert r.mimetype == "application/problem+json"
