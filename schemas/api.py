"""Request and response bodies of the HTTP API."""
from __future__ import annotations

import datetime
from typing import Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from schemas.dates import DateMention
from schemas.entities import Entity
from schemas.facts import Fact


class ExtractRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="French news text (UTF-8).",
                      examples=["Trois manifestants ont été interpellés samedi à Lyon."])
    reference_date: Optional[datetime.date] = Field(
        None, description="Publication date (YYYY-MM-DD); dates without a year resolve against it.")
    id: Optional[str] = Field(None, max_length=256, description="Echoed back unchanged.")

    @field_validator("text")
    @classmethod
    def not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("text must contain something other than white space")
        return v


class ExtractQuery(BaseModel):
    """Query parameters of a text/plain request."""

    model_config = ConfigDict(extra="forbid")

    reference_date: Optional[datetime.date] = None
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
                    "is the request's time until this document was done.")


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
        min_length=1, description="At most FAITS_MAX_BATCH documents (64 by default; more is a 413). A document "
                                  "that is invalid gets an error entry in the results; the others are analysed.")


class BatchProblem(Problem):
    """The error entry of one document of a batch: a problem, and which document it is."""

    index: int = Field(ge=0, description="Position of the document in the request.")
    id: Optional[str] = Field(None, description="The document's id, when it had a readable one.")


class BatchResponse(BaseModel):
    results: list[Union[ExtractResponse, BatchProblem]] = Field(
        description="One entry per document, in the order sent: its extraction, or its problem.")
