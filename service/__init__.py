"""faits: French news fact extraction over HTTP."""

from __future__ import annotations

import logging
import time
import uuid
from typing import Optional

from flask import g, request
from flask.json.provider import DefaultJSONProvider
from flask_openapi3 import Info, OpenAPI

from schemas.api import Problem
from service import config as config_mod
from service import errors, logs, security
from service.runtime import EXTENSION, Runtime

__version__ = "1.0.0"
log = logging.getLogger("faits.http")


def create_app(config: Optional[dict] = None) -> OpenAPI:
    """The app, with the settings of the environment (service.config) and `config` on top: the same names
    without the prefix ({"MAX_CHARS": 5000}). For tests and tools, "ANALYZER_INSTANCE" gives an analyzer
    already loaded; it is no setting."""
    overrides = dict(config or {})
    analyzer = overrides.pop("ANALYZER_INSTANCE", None)
    settings = config_mod.load(overrides)
    logs.configure(settings.log_level)

    app = OpenAPI(
        __name__,
        info=Info(
            title="faits",
            version=__version__,
            description="Facts from French news text: arrests, casualties, troop "
            "deployments, crowd sizes, dates and named entities.",
        ),
        doc_ui=False,
        security_schemes=security.SCHEMES,
        validation_error_status=422,
        validation_error_model=Problem,
    )
    app.debug = False  # never, whatever FLASK_DEBUG says: no debugger, no traces to clients
    assert isinstance(app.json, DefaultJSONProvider)
    app.json.ensure_ascii = False  # French text stays readable in responses
    app.json.sort_keys = False
    app.config["MAX_CONTENT_LENGTH"] = settings.body_limit  # /extract/batch sets its own
    app.extensions[EXTENSION] = runtime = Runtime(settings, analyzer)

    errors.register(app)

    @app.before_request
    def _start():
        g.request_id = request.headers.get("X-Request-ID", "")[:128] or uuid.uuid4().hex
        g.t0 = time.perf_counter()

    security.register(app)  # after the request id: a 401 carries it too

    @app.after_request
    def _finish(resp):
        resp.headers["X-Request-ID"] = g.get("request_id", "")
        log.info(
            "request",
            extra={
                "request_id": g.get("request_id"),
                "method": request.method,
                "path": request.path,
                "status": resp.status_code,
                "ms": round((time.perf_counter() - g.get("t0", time.perf_counter())) * 1000, 1),
            },
        )
        return resp

    from service.api.batch import api as batch_api
    from service.api.extract import api as extract_api
    from service.api.health import api as health_api

    app.register_api(extract_api)
    app.register_api(batch_api)
    app.register_api(health_api)

    from service import metrics
    from service.web import web

    metrics.register(app)  # GET /metrics, request counters and latency
    app.register_blueprint(web)  # the demo page at /

    @app.get("/openapi.json", doc_ui=False)
    def openapi_json():
        return app.api_doc

    runtime.start()
    return app
