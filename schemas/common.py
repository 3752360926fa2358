"""Value types shared by facts, dates and entities."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Qualifier = Literal["exact", "approximate", "more_than", "at_least", "less_than", "at_most", "vague"]


class Span(BaseModel):
    """A piece of the request text: `text == request_text[start:end]`."""

    model_config = ConfigDict(extra="forbid")

    text: str
    start: int = Field(ge=0, description="Character offset (Python str index) of the first character.")
    end: int = Field(ge=0, description="Character offset one past the last character.")


class Quantity(BaseModel):
    """A count as written, with its meaning kept ("plus de 5 000" -> 5000, more_than)."""

    model_config = ConfigDict(extra="forbid")

    text: Optional[str] = Field(
        None, description="The count as written; null for a singular victim named without a numeral."
    )
    value: int = Field(description="The representative integer (lower bound of a range, 20 for 'des dizaines').")
    min: Optional[int] = Field(None, description="Lowest value the wording allows, when known.")
    max: Optional[int] = Field(None, description="Highest value the wording allows, when known.")
    qualifier: Qualifier = "exact"
    start: Optional[int] = Field(None, ge=0, description="Offset of the count in the request text.")
    end: Optional[int] = Field(None, ge=0)
