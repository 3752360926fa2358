"""POST /extract: French text in, facts, dates and entities out."""
from __future__ import annotations

import json
import time

from flask import current_app, request
from flask_openapi3 import APIBlueprint, Tag
from pydantic import ValidationError

from schemas.api import AnalyzerInfo, ExtractQuery, ExtractRequest, ExtractResponse, Meta
from service import __version__
from service.errors import PROBLEM_JSON, ApiError, pydantic_errors
from service.rules.pipeline import extract as run_rules

api = APIBlueprint("extract", __name__, abp_tags=[Tag(name="extract")])


def _problem(description: str) -> dict:
    return {"description": description,
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": ExtractRequest.model_json_schema()},
        "text/plain": {"schema": {"type": "string", "minLength": 1},
                       "example": "Trois manifestants ont été interpellés samedi à Lyon."},
    },
}
QUERY = [{"name": name, "in": "query", "required": False, "schema": schema,
          "description": "For a text/plain body only: " + desc}
         for name, schema, desc in (
             ("reference_date", {"type": "string", "format": "date"}, "the publication date."),
             ("id", {"type": "string", "maxLength": 256}, "echoed back."))]


def _read_request() -> ExtractRequest:
    mimetype = request.mimetype or ""
    try:
        if mimetype == "application/json" or mimetype.endswith("+json"):
            raw = request.get_data(cache=False)
            try:
                body = json.loads(raw)
            except (ValueError, RecursionError) as e:
                raise ApiError(400, f"The body is not valid JSON: {e}") from None
            if not isinstance(body, dict):
                raise ApiError(422, "The JSON body must be an object with a 'text' field.")
            return ExtractRequest.model_validate(body)
        if mimetype == "text/plain":
            try:
                text = request.get_data(cache=False).decode(request.mimetype_params.get("charset", "utf-8"))
            except (UnicodeDecodeError, LookupError):
                raise ApiError(400, "The text/plain body is not valid in its charset (UTF-8 by default).") from None
            query = ExtractQuery.model_validate(request.args.to_dict())
            return ExtractRequest(text=text, reference_date=query.reference_date, id=query.id)
    except ValidationError as e:
        raise ApiError(422, "Some fields are invalid: " + "; ".join(
            f"{'.'.join(map(str, err['loc'])) or 'body'}: {err['msg']}" for err in e.errors()),
            errors=pydantic_errors(e)) from None
    raise ApiError(415, f"Send application/json or text/plain, not {mimetype or 'no content type'}.")


@api.post("/extract", operation_id="extract", summary="Extract facts, dates and entities from French news text",
          responses={200: ExtractResponse, 400: _problem("Malformed body"), 413: _problem("Text too long"),
                     415: _problem("Unsupported content type"), 422: _problem("Invalid fields"),
                     503: _problem("The analyzer is not loaded yet")},
          openapi_extensions={"requestBody": REQUEST_BODY, "parameters": QUERY})
def extract():
    t0 = time.perf_counter()
    req = _read_request()
    limit = current_app.config["MAX_CHARS"]
    if len(req.text) > limit:
        raise ApiError(413, f"The text has {len(req.text)} characters; the limit is {limit}.")
    runtime = current_app.extensions["faits"]
    if not runtime.ready:
        raise ApiError(503, "The analyzer is still loading; retry shortly." if runtime.error is None
                       else "The analyzer failed to load; see /readyz.", headers={"Retry-After": "5"})
    analyzer = runtime.analyzer
    t1 = time.perf_counter()
    doc = analyzer.parse(req.text)
    t2 = time.perf_counter()
    result = run_rules(doc, req.reference_date)
    t3 = time.perf_counter()
    resp = ExtractResponse(
        id=req.id, facts=result.facts, dates=result.dates, entities=result.entities,
        meta=Meta(analyzer=AnalyzerInfo(name=analyzer.name, models=analyzer.models, version=analyzer.version),
                  service_version=__version__,
                  timings_ms={"parse": round((t2 - t1) * 1000, 2), "extract": round((t3 - t2) * 1000, 2),
                              "total": round((t3 - t0) * 1000, 2)}))
    return resp.model_dump(mode="json")
