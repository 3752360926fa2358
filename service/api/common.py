"""Request-reading and response helpers shared by the blueprints."""
from __future__ import annotations

import json

from flask import Response, current_app, request
from pydantic import BaseModel

from service.errors import PROBLEM_JSON, ApiError


def problem_response(description: str) -> dict:
    """An OpenAPI response entry whose body is the Problem envelope."""
    return {"description": description,
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


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


def read_json():
    """The decoded JSON body, or a 400 that says why not."""
    try:
        return json.loads(request.get_data(cache=False))
    except (ValueError, RecursionError) as e:
        raise ApiError(400, f"The body is not valid JSON: {e}") from None


def json_response(model: BaseModel) -> Response:
    """A 200 whose body pydantic writes itself (in one pass, with no dict in between)."""
    return current_app.response_class(model.model_dump_json(), mimetype="application/json")
