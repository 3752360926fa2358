"""Request-reading and response helpers shared by the blueprints."""

from __future__ import annotations

import json
import logging

from flask import Response, current_app, request
from pydantic import BaseModel
from werkzeug.exceptions import ClientDisconnected, HTTPException

from service.errors import PROBLEM_JSON, ApiError, body_too_large

log = logging.getLogger(__name__)
UNREADABLE = "The request body could not be read: a broken chunked encoding, or a body cut short."


def problem_response(description: str) -> dict:
    """An OpenAPI response entry whose body is the Problem envelope."""
    return {"description": description, "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def analysis_responses() -> dict:
    """The responses every analysing route shares: the key, and the analyzer's readiness and time limit."""
    return {
        401: problem_response("Missing or wrong API key (when the service has one)"),
        503: problem_response("The analyzer is not loaded yet, or the analysis ran past FAITS_REQUEST_TIMEOUT"),
    }


def inline_schema(model) -> dict:
    """The model's JSON schema with its local $defs written in place: a request body given to
    flask-openapi3 as a raw schema keeps no $defs of its own."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def walk(node):
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return walk(defs[ref.rsplit("/", 1)[1]])
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)


def is_json() -> bool:
    mimetype = request.mimetype or ""
    return mimetype == "application/json" or mimetype.endswith("+json")


def reject_query(what: str) -> None:
    """Query parameters that would be ignored are a 422, not a silence."""
    if request.args:
        raise ApiError(422, f"Query parameters are not read here: send {', '.join(sorted(request.args))} {what}.")


def read_body() -> bytes:
    """The whole body, within the route's byte limit (request.max_content_length): past it a 413, a
    chunked body included; a body the server cannot read (a broken chunked encoding) a 400."""
    limit = request.max_content_length
    try:
        data = request.get_data(cache=False)
        # A chunked body has no Content-Length: werkzeug stops reading it at the limit without a word.
        # One byte more from the server's own stream tells a body cut there from one that ended there.
        if (
            limit is not None
            and request.content_length is None
            and len(data) >= limit
            and request.environ["wsgi.input"].read(1)
        ):
            raise ApiError(413, body_too_large())
    except ApiError:
        raise
    except HTTPException as e:
        if not isinstance(e, ClientDisconnected):
            raise
        raise ApiError(400, UNREADABLE) from None
    except Exception as e:  # the server's own errors (gunicorn's InvalidChunkSize, NoMoreData...)
        log.info("unreadable body", extra={"error": type(e).__name__})
        raise ApiError(400, UNREADABLE) from None
    return data


def read_json():
    """The decoded JSON body, or a 400 that says why not (in JSON's terms, not Python's)."""
    data = read_body()
    try:
        return json.loads(data)
    except json.JSONDecodeError as e:
        raise ApiError(400, f"The body is not valid JSON: {e.msg} (line {e.lineno}, column {e.colno}).") from None
    except UnicodeDecodeError:
        raise ApiError(400, "The body is not valid JSON: it is not UTF-8 text.") from None
    except ValueError:  # an integer past the interpreter's digit limit
        raise ApiError(400, "The body is not valid JSON for this service: a number has too many digits.") from None
    except RecursionError:
        raise ApiError(400, "The body is not valid JSON for this service: it is nested too deeply.") from None


def json_response(model: BaseModel) -> Response:
    """A 200 whose body pydantic writes itself (in one pass, with no dict in between)."""
    return current_app.response_class(model.model_dump_json(), mimetype="application/json")
