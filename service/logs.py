"""JSON logs, one object per line, each request's with its request id."""
from __future__ import annotations

import logging
import sys

from pythonjsonlogger.json import JsonFormatter


def configure(level: str) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_faits", False) for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler._faits = True
    root.addHandler(handler)
    root.setLevel(level)
