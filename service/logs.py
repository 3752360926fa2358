"""JSON logs, one object per line, each request's with its request id."""

from __future__ import annotations

import logging
import sys

from pythonjsonlogger.json import JsonFormatter


class _JsonHandler(logging.StreamHandler):
    """The handler configure() adds: one per process, however many apps are created in it."""


def configure(level: str) -> None:
    root = logging.getLogger()
    if any(isinstance(h, _JsonHandler) for h in root.handlers):
        return
    handler = _JsonHandler(sys.stderr)
    handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
