"""Optional API key (bearer) and CORS: both off unless configured."""

from __future__ import annotations

import hmac
from typing import Any

from flask import Flask, request

from service.errors import ApiError
from service.runtime import get_runtime

OPEN_PATHS = {"/healthz", "/readyz"}  # probes: orchestrators call them without credentials
SCHEMES: dict[str, Any] = {
    "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": "Required only when the service runs with FAITS_API_KEY set.",
    }
}
# either the key or nothing: the key is optional, a deployment decides
SECURITY: list[dict[str, list[str]]] = [{"bearerAuth": []}, {}]
CORS_HEADERS = "Authorization, Content-Type, X-Request-ID"


def register(app: Flask) -> None:
    settings = get_runtime(app).settings
    key = settings.api_key.get_secret_value()
    if key:
        expected = key.encode()

        @app.before_request
        def _require_key():
            # OPTIONS carries no credentials in a browser's CORS preflight, and answers only "Allow"
            if request.path in OPEN_PATHS or request.method == "OPTIONS" or _public(settings.metrics_public):
                return None
            scheme, _, token = request.headers.get("Authorization", "").partition(" ")
            # compare_digest: the time taken does not tell how much of the key was right
            if not (scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), expected)):
                raise ApiError(
                    401,
                    "Send the API key as 'Authorization: Bearer <key>'.",
                    headers={"WWW-Authenticate": 'Bearer realm="faits"'},
                )
            return None

    origins = {o.strip() for o in settings.cors_origins.split(",") if o.strip()}
    if origins:

        @app.after_request
        def _cors(resp):
            origin = request.headers.get("Origin")
            if origin and ("*" in origins or origin in origins):
                resp.headers["Access-Control-Allow-Origin"] = "*" if "*" in origins else origin
                resp.headers["Access-Control-Expose-Headers"] = "X-Request-ID"
                if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
                    resp.headers["Access-Control-Allow-Methods"] = resp.headers.get("Allow", "GET, POST")
                    resp.headers["Access-Control-Allow-Headers"] = CORS_HEADERS
                    resp.headers["Access-Control-Max-Age"] = "600"
            resp.vary.add("Origin")
            return resp


def _public(metrics_public: bool) -> bool:
    """The demo page and its files (the page asks for the key itself and sends it with its calls), and
    /metrics when FAITS_METRICS_PUBLIC says so."""
    path = request.path
    return path == "/" or path.startswith("/demo/") or (path == "/metrics" and metrics_public)
