"""What /extract and /extract/batch share: the limits, the analyzer of this process, and the extraction core
(service.extraction) run on its analysis thread."""

from __future__ import annotations

from schemas.api import ExtractRequest, ExtractResponse
from service import extraction, metrics
from service.errors import ApiError
from service.runtime import AnalysisTimeout, get_runtime


def check_length(text: str) -> None:
    extraction.check_length(text, get_runtime().settings.max_chars)


def ready_analyzer():
    runtime = get_runtime()
    if not runtime.ready:
        raise ApiError(
            503,
            "The analyzer is still loading; retry shortly."
            if runtime.error is None
            else "The analyzer failed to load; see /readyz.",
            headers={"Retry-After": "5"},
        )
    return runtime.analyzer


def analyse(reqs: list[ExtractRequest], t0: float) -> list[ExtractResponse]:
    """One response per request, in order, or a 503 past FAITS_REQUEST_TIMEOUT."""
    analyzer = ready_analyzer()
    try:
        out = get_runtime().run(extraction.respond, analyzer, reqs, t0)
    except AnalysisTimeout as e:
        metrics.TIMEOUTS.inc()
        raise ApiError(503, str(e), headers={"Retry-After": "5"}) from None
    metrics.observe(out)
    return out
