"""Named entities found by the analyzer."""
from __future__ import annotations

from typing import Literal

from schemas.common import Span

EntityLabel = Literal["PER", "LOC", "ORG", "MISC"]


class Entity(Span):
    label: EntityLabel
