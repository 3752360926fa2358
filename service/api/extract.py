"""POST /extract: French text in, facts, dates and entities out."""

from __future__ import annotations

import time

from flask import request
from flask_openapi3 import APIBlueprint, Tag
from pydantic import ValidationError

from schemas.api import ExtractQuery, ExtractRequest, ExtractResponse
from service.analysis import analyse, check_length
from service.api.common import (
    analysis_responses,
    is_json,
    json_response,
    problem_response,
    read_body,
    read_json,
    reject_query,
)
from service.errors import ApiError, invalid_fields
from service.security import SECURITY

api = APIBlueprint("extract", __name__, abp_tags=[Tag(name="extract")])

REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": ExtractRequest.model_json_schema()},
        "text/plain": {
            "schema": {"type": "string", "minLength": 1},
            "example": "Trois manifestants ont été interpellés samedi à Lyon.",
        },
    },
}
QUERY = [
    {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": "For a text/plain body only (with JSON they are a 422): " + desc,
    }
    for name, schema, desc in (
        ("reference_date", {"type": "string", "format": "date"}, "the publication date."),
        ("id", {"type": "string", "maxLength": 256}, "echoed back."),
    )
]


def _read_request() -> ExtractRequest:
    mimetype = request.mimetype or ""
    try:
        if is_json():
            reject_query("in the JSON body (query parameters are for a text/plain body)")
            body = read_json()
            if not isinstance(body, dict):
                raise ApiError(422, "The JSON body must be an object with a 'text' field.")
            return ExtractRequest.model_validate(body)
        if mimetype == "text/plain":
            try:
                text = read_body().decode(request.mimetype_params.get("charset", "utf-8"))
            except (UnicodeDecodeError, LookupError):
                raise ApiError(400, "The text/plain body is not valid in its charset (UTF-8 by default).") from None
            query = ExtractQuery.model_validate(request.args.to_dict())
            return ExtractRequest(text=text, reference_date=query.reference_date, id=query.id)
    except ValidationError as e:
        raise invalid_fields(e) from None
    raise ApiError(415, f"Send application/json or text/plain, not {mimetype or 'no content type'}.")


@api.post(
    "/extract",
    operation_id="extract",
    summary="Extract facts, dates and entities from French news text",
    responses={
        200: ExtractResponse,
        400: problem_response("Malformed body"),
        413: problem_response("Text too long"),
        415: problem_response("Unsupported content type"),
        422: problem_response("Invalid fields"),
        **analysis_responses(),
    },
    security=SECURITY,
    openapi_extensions={"requestBody": REQUEST_BODY, "parameters": QUERY},
)
def post_extract():
    t0 = time.perf_counter()
    req = _read_request()
    check_length(req.text)
    return json_response(analyse([req], t0)[0])
