"""French linguistic knowledge, kept as data: one YAML file per domain in this folder.

Rules and normalisers read it through `load(name)`; no trigger lemma, number word or month name
is written as a literal elsewhere in the code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent


@cache
def load(name: str) -> dict:
    """The parsed content of `<name>.yaml` (cached; treat it as read-only)."""
    with open(HERE / f"{name}.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)
