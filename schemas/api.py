"""Request and response bodies of the HTTP API."""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Annotated, Optional, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from schemas.dates import DateMention
from schemas.entities import Entity
from schemas.facts import Fact

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _iso_date(value):
    """A date written YYYY-MM-DD, and nothing else: no number (pydantic would read Unix seconds), no time."""
    if type(value) is datetime.date:  # built in code, not read from a client
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("iso_date", "reference_date must be a date such as 2022-01-08")


def has_surrogate(value: str) -> bool:
    return _SURROGATE.search(value) is not None


def _unicode(value: str) -> str:
    # a JSON escape may give half of a UTF-16 pair ("\ud800"): no response could carry it back
    if has_surrogate(value):
        raise PydanticCustomError(
            "lone_surrogate", "must be Unicode text: it holds a lone surrogate (an unpaired \\ud800-\\udfff escape)"
        )
    return value


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]
UnicodeStr = Annotated[str, AfterValidator(_unicode)]


def is_blank(text: str) -> bool:
    """Nothing but white space and invisible format characters (zero-width spaces, byte-order marks)."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)


class ExtractRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: UnicodeStr = Field(
        min_length=1,
        description="French news text (UTF-8).",
        examples=["Trois manifestants ont été interpellés samedi à Lyon."],
    )
    reference_date: Optional[IsoDate] = Field(
        None, description="Publication date (YYYY-MM-DD); dates without a year resolve against it."
    )
    id: Optional[UnicodeStr] = Field(None, max_length=256, description="Echoed back unchanged.")

    @field_validator("text")
    @classmethod
    def not_blank(cls, v: str) -> str:
        if is_blank(v):
            raise PydanticCustomError(
                "blank", "text must contain something other than white space and invisible characters"
            )
        return v


class ExtractQuery(BaseModel):
    """Query parameters of a text/plain request."""

    model_config = ConfigDict(extra="forbid")

    reference_date: Optional[IsoDate] = None
    id: Optional[str] = Field(None, max_length=256)


class AnalyzerInfo(BaseModel):
    name: str = Field(examples=["stanza"])
    models: str = Field(description="Where the models came from.")
    version: str = Field(description="Version of the analyzer library.")


class Meta(BaseModel):
    analyzer: AnalyzerInfo
    service_version: str
    timings_ms: dict[str, float] = Field(
        description="Milliseconds spent in each stage: parse (the NLP library's own call), convert (its output "
        "to the service's parsed-document type, including the sentence trees built when the rules "
        "first read them), extract (the rules), total (since the request "
        "came in). In a batch, parse is the one library call shared by all its documents and total "
        "is the request's time until this document was done."
    )


class ExtractResponse(BaseModel):
    id: Optional[str] = None
    facts: list[Fact]
    dates: list[DateMention]
    entities: list[Entity]
    meta: Meta


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    analyzer: Optional[AnalyzerInfo] = None


class Problem(BaseModel):
    """RFC 9457 problem details, the one error body of the API."""

    type: str = Field("about:blank")
    title: str
    status: int
    detail: str
    errors: Optional[list[dict]] = Field(None, description="Field-level errors, for 422.")
    request_id: Optional[str] = None


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[ExtractRequest] = Field(
        min_length=1,
        description="At most FAITS_MAX_BATCH documents (64 by default; more is a 413). A document "
        "that is invalid gets an error entry in the results; the others are analysed.",
    )


class BatchProblem(Problem):
    """The error entry of one document of a batch: a problem, and which document it is."""

    index: int = Field(ge=0, description="Position of the document in the request.")
    id: Optional[str] = Field(None, description="The document's id, when it had a readable one.")


class BatchResponse(BaseModel):
    results: list[Union[ExtractResponse, BatchProblem]] = Field(
        description="One entry per document, in the order sent: its extraction, or its problem."
    )
