"""Prometheus metrics at GET /metrics (prometheus-client).

Under gunicorn every worker counts for itself, so the client's multiprocess mode is on: gunicorn.conf.py
names a fresh PROMETHEUS_MULTIPROC_DIR before any worker imports this module (the mode is chosen at
import), each worker writes its values there, and a scrape, whichever worker answers it, sums them all.
Without that variable (tests, `flask run`) the values are the process's own.
"""

from __future__ import annotations

import os
import threading
import time

from flask import Flask, Response, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)

from service.runtime import get_runtime

disable_created_metrics()  # no *_created series: a scrape shows the counts, not when each label appeared

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)

REQUESTS = Counter(
    "faits_http_requests", "HTTP requests answered, by route, method and status", ["route", "method", "status"]
)
LATENCY = Histogram(
    "faits_http_request_duration_seconds", "Time to answer a request, by route", ["route"], buckets=LATENCY_BUCKETS
)
STAGES = Histogram(
    "faits_analysis_stage_seconds",
    "Analysis time by stage: parse (one library call per "
    "request, shared by a batch's documents), convert and extract (per document)",
    ["stage"],
    buckets=LATENCY_BUCKETS,
)
DOCUMENTS = Counter("faits_documents", "Documents analysed")
FACTS = Counter("faits_facts", "Facts found, by type", ["type"])
TIMEOUTS = Counter("faits_request_timeouts", "Analyses given up on past FAITS_REQUEST_TIMEOUT (answered 503)")
# one series per live worker (pid label in multiprocess mode): a worker still loading shows 0
READY = Gauge(
    "faits_analyzer_ready", "1 once this worker's analyzer is loaded and warmed up", multiprocess_mode="liveall"
)


def observe(responses) -> None:
    """The stage timings, documents and facts of one analysis (ExtractResponse models)."""
    if not responses:
        return
    STAGES.labels("parse").observe(responses[0].meta.timings_ms["parse"] / 1000)
    for resp in responses:
        timings = resp.meta.timings_ms
        STAGES.labels("convert").observe(timings["convert"] / 1000)
        STAGES.labels("extract").observe(timings["extract"] / 1000)
        for fact in resp.facts:
            FACTS.labels(fact.type).inc()
    DOCUMENTS.inc(len(responses))


def scrape() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def register(app: Flask) -> None:
    """GET /metrics, the request counters and latency, and this worker's readiness."""

    def _start():
        g.metrics_t0 = time.perf_counter()

    # first of all: a request refused by an earlier hook (a 401) is timed too
    app.before_request_funcs.setdefault(None, []).insert(0, _start)

    @app.after_request
    def _count(resp):
        route = request.url_rule.rule if request.url_rule is not None else "unmatched"  # bounded labels
        REQUESTS.labels(route, request.method, str(resp.status_code)).inc()
        LATENCY.labels(route).observe(time.perf_counter() - g.get("metrics_t0", time.perf_counter()))
        return resp

    def metrics():
        return Response(scrape(), content_type=CONTENT_TYPE_LATEST)

    app.add_url_rule("/metrics", "metrics", metrics, methods=["GET"])
    _watch_ready(get_runtime(app))


def _watch_ready(runtime) -> None:
    READY.set(1 if runtime.ready else 0)
    if runtime.ready:
        return

    def wait():
        # the runtime loads on a thread of its own; this one only waits for it to end, either way
        while not runtime.ready and runtime.error is None:
            time.sleep(0.2)
        READY.set(1 if runtime.ready else 0)

    threading.Thread(target=wait, name="metrics-ready", daemon=True).start()
