"""The one error envelope of the API: RFC 9457 problem details, for every error, in one place."""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Optional

from flask import Flask, g, jsonify, request
from werkzeug.exceptions import HTTPException

from schemas.api import Problem

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"
SURROGATE = re.compile("[\ud800-\udfff]")  # unpaired halves of UTF-16: no UTF-8 can carry them
MAX_ERRORS = 10  # field errors a problem lists: a body of 600 unknown keys gets 10 and a count
MAX_ECHO = 64  # characters of a client's key or value a problem echoes
# pydantic's wording where it names an internal class ("instance of ExtractRequest") or says nothing to a user
MESSAGES = {
    "model_type": "Input should be a JSON object",
    "dict_type": "Input should be a JSON object",
    "model_attributes_type": "Input should be a JSON object",
    "string_unicode": "must be Unicode text: it holds a lone surrogate (an unpaired \\ud800-\\udfff escape)",
}


class ApiError(Exception):
    def __init__(self, status: int, detail: str, errors: Optional[list[dict]] = None, headers: Optional[dict] = None):
        super().__init__(detail)
        self.status, self.detail, self.errors, self.headers = status, detail, errors, headers or {}


def problem_fields(status: int, detail: str, errors: Optional[list[dict]] = None) -> dict:
    """The fields of a problem: for a response, or for one document's entry in a batch."""
    return {
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "errors": errors,
        "request_id": g.get("request_id"),
    }


def problem(status: int, detail: str, errors: Optional[list[dict]] = None, headers: Optional[dict] = None):
    body = Problem(**problem_fields(status, detail, errors))
    resp = jsonify(body.model_dump(exclude_none=True))
    resp.status_code = status
    resp.mimetype = PROBLEM_JSON
    resp.headers.update(headers or {})
    return resp


def echo(value) -> str:
    """A client's key or value as a problem may repeat it: short, and always encodable (a lone surrogate
    from a JSON escape becomes U+FFFD)."""
    text = str(value)
    return SURROGATE.sub("\ufffd", text if len(text) <= MAX_ECHO else text[:MAX_ECHO] + "…")


def pydantic_errors(exc) -> list[dict]:
    """pydantic's errors, the first MAX_ERRORS, without the echoed input (which may be huge or sensitive)."""
    return [
        {
            "loc": [echo(x) if isinstance(x, str) else x for x in e["loc"]],
            "msg": MESSAGES.get(e["type"], e["msg"]),
            "type": e["type"],
        }
        for e in exc.errors()[:MAX_ERRORS]
    ]


def invalid_fields(exc) -> ApiError:
    """A pydantic ValidationError as the API's 422."""
    errors, total = pydantic_errors(exc), exc.error_count()
    more = f"; and {total - len(errors)} more" if total > len(errors) else ""
    return ApiError(
        422,
        "Some fields are invalid: "
        + "; ".join(f"{'.'.join(map(str, err['loc'])) or 'body'}: {err['msg']}" for err in errors)
        + more,
        errors=errors,
    )


def body_too_large() -> str:
    limit = request.max_content_length
    return (
        f"The request body is over {limit} bytes, the most this route accepts."
        if limit
        else "The request body is larger than this service accepts."
    )


def register(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(e: ApiError):
        return problem(e.status, e.detail, e.errors, e.headers)

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException):
        status = e.code or 500
        detail = e.description or HTTPStatus(status).description
        if status == 413:
            detail = body_too_large()
        methods = getattr(e, "valid_methods", None)  # a 405 says what is allowed
        return problem(status, detail, headers={"Allow": ", ".join(methods)} if methods else None)

    @app.errorhandler(Exception)
    def _unexpected(e: Exception):
        log.exception("unhandled error")  # the trace goes to the log, never to the client
        return problem(500, "An internal error occurred; it has been logged.")
