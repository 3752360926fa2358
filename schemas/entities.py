"""Named entities found by the analyzer."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from schemas.common import Span

EntityLabel = Literal["PER", "LOC", "ORG", "MISC"]


class Entity(Span):
    label: EntityLabel
    canonical: Optional[str] = Field(
        None,
        description="For a person, the most complete form of the name in the text ('Massimov' -> 'Karim Massimov').",
    )
