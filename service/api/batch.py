"""POST /extract/batch: many documents, one analyzer call; a bad document fails alone."""

from __future__ import annotations

import time

from flask import request
from flask_openapi3 import APIBlueprint, Tag
from pydantic import ValidationError

from schemas.api import BatchProblem, BatchRequest, BatchResponse, ExtractRequest, has_surrogate
from service.analysis import analyse, check_length, ready_analyzer
from service.api.common import (
    analysis_responses,
    inline_schema,
    is_json,
    json_response,
    problem_response,
    read_json,
    reject_query,
)
from service.errors import ApiError, invalid_fields, problem_fields
from service.runtime import get_runtime
from service.security import SECURITY

api = APIBlueprint("batch", __name__, abp_tags=[Tag(name="extract")])
REQUEST_BODY = {"required": True, "content": {"application/json": {"schema": inline_schema(BatchRequest)}}}


def _entry(index: int, raw, error: ApiError) -> BatchProblem:
    doc_id = raw.get("id") if isinstance(raw, dict) else None
    readable = isinstance(doc_id, str) and len(doc_id) <= 256 and not has_surrogate(doc_id)
    return BatchProblem(
        **problem_fields(error.status, error.detail, error.errors), index=index, id=doc_id if readable else None
    )


def _read_documents() -> list:
    if not is_json():
        raise ApiError(415, f"Send application/json, not {request.mimetype or 'no content type'}.")
    reject_query("in each document")
    body = read_json()
    docs = body.get("documents") if isinstance(body, dict) else None
    if not isinstance(docs, list) or set(body) != {"documents"}:
        raise ApiError(422, "The JSON body must be an object with one field, 'documents': a list of documents.")
    if not docs:
        raise ApiError(422, "'documents' is empty: send at least one document.")
    limit = get_runtime().settings.max_batch
    if len(docs) > limit:
        raise ApiError(413, f"The batch has {len(docs)} documents; the limit is {limit}.")
    return docs


@api.post(
    "/extract/batch",
    operation_id="extract_batch",
    summary="Extract from many documents at once, parsed together",
    responses={
        200: BatchResponse,
        400: problem_response("Malformed body"),
        413: problem_response("Too many documents or characters, or a body too large"),
        415: problem_response("Unsupported content type"),
        422: problem_response("Not an object with a list of documents"),
        **analysis_responses(),
    },
    security=SECURITY,
    openapi_extensions={"requestBody": REQUEST_BODY},
)
def extract_batch():
    t0 = time.perf_counter()
    settings = get_runtime().settings
    request.max_content_length = settings.batch_body_limit
    docs = _read_documents()
    ready_analyzer()  # 503 for the whole batch, not once per document
    results: list = [None] * len(docs)
    good: list[tuple[int, ExtractRequest]] = []
    for i, raw in enumerate(docs):
        try:
            req = ExtractRequest.model_validate(raw)
            check_length(req.text)
            good.append((i, req))
        except ValidationError as e:
            results[i] = _entry(i, raw, invalid_fields(e))
        except ApiError as e:
            results[i] = _entry(i, raw, e)
    # the batch is one analysis: its texts together are bounded like one text, so that no batch holds
    # the worker much longer than FAITS_REQUEST_TIMEOUT
    total = sum(len(req.text) for _, req in good)
    if total > settings.max_batch_chars:
        raise ApiError(
            413,
            f"The batch's texts have {total} characters in all; the limit is "
            f"{settings.max_batch_chars} (FAITS_MAX_BATCH_CHARS): send fewer documents at once.",
        )
    if good:
        for (i, _), resp in zip(good, analyse([req for _, req in good], t0)):
            results[i] = resp
    return json_response(BatchResponse(results=results))
