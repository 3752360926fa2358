"""Liveness and readiness probes."""

from __future__ import annotations

from flask_openapi3 import APIBlueprint, Tag

from schemas.api import AnalyzerInfo, Health
from service.api.common import problem_response
from service.errors import ApiError
from service.runtime import get_runtime

api = APIBlueprint("health", __name__, abp_tags=[Tag(name="health")])


@api.get("/healthz", operation_id="healthz", summary="Liveness: the process answers", responses={200: Health})
def healthz():
    return Health(status="ok").model_dump(exclude_none=True)


@api.get(
    "/readyz",
    operation_id="readyz",
    summary="Readiness: the analyzer is loaded and has parsed a warm-up text",
    responses={200: Health, 503: problem_response("Not ready")},
)
def readyz():
    runtime = get_runtime()
    if not runtime.ready:
        detail = runtime.error and f"The analyzer failed to load: {runtime.error}" or "The analyzer is loading."
        raise ApiError(503, detail, headers={"Retry-After": "5"})
    a = runtime.analyzer
    assert a is not None  # ready: loaded
    return Health(status="ready", analyzer=AnalyzerInfo(name=a.name, models=a.models, version=a.version)).model_dump(
        exclude_none=True
    )
