"""A calendar date mentioned in the text, normalised to ISO."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.common import Span

Grain = Literal["day", "month", "year"]


class DateMention(Span):
    value: str = Field(
        description="YYYY-MM-DD, YYYY-MM or YYYY; --MM-DD / --MM when no year can be known.",
        examples=["2022-01-08", "2011-11", "--01-08"],
    )
    grain: Grain
