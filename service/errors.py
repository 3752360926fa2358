"""The one error envelope of the API: RFC 9457 problem details, for every error, in one place."""
from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Optional

from flask import Flask, g, jsonify
from werkzeug.exceptions import HTTPException

from schemas.api import Problem

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"


class ApiError(Exception):
    def __init__(self, status: int, detail: str, errors: Optional[list[dict]] = None,
                 headers: Optional[dict] = None):
        super().__init__(detail)
        self.status, self.detail, self.errors, self.headers = status, detail, errors, headers or {}


def problem_fields(status: int, detail: str, errors: Optional[list[dict]] = None) -> dict:
    """The fields of a problem: for a response, or for one document's entry in a batch."""
    return {"title": HTTPStatus(status).phrase, "status": status, "detail": detail, "errors": errors,
            "request_id": g.get("request_id")}


def problem(status: int, detail: str, errors: Optional[list[dict]] = None, headers: Optional[dict] = None):
    body = Problem(**problem_fields(status, detail, errors))
    resp = jsonify(body.model_dump(exclude_none=True))
    resp.status_code = status
    resp.mimetype = PROBLEM_JSON
    resp.headers.update(headers or {})
    return resp


def pydantic_errors(exc) -> list[dict]:
    """pydantic's errors without the echoed input (which may be huge or sensitive)."""
    return [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]


def invalid_fields(exc) -> ApiError:
    """A pydantic ValidationError as the API's 422."""
    return ApiError(422, "Some fields are invalid: " + "; ".join(
        f"{'.'.join(map(str, err['loc'])) or 'body'}: {err['msg']}" for err in exc.errors()),
        errors=pydantic_errors(exc))


def register(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(e: ApiError):
        return problem(e.status, e.detail, e.errors, e.headers)

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException):
        detail = e.description or HTTPStatus(e.code).description
        if e.code == 413:
            detail = "The request body is larger than this service accepts."
        headers = {"Allow": ", ".join(e.valid_methods)} if getattr(e, "valid_methods", None) else None
        return problem(e.code or 500, detail, headers=headers)

    @app.errorhandler(Exception)
    def _unexpected(e: Exception):
        log.exception("unhandled error")       # the trace goes to the log, never to the client
        return problem(500, "An internal error occurred; it has been logged.")
