"""The HTTP contract: bodies, errors, probes and the OpenAPI document."""

from __future__ import annotations

import time
from pathlib import Path

import jsonschema
import pytest
import yaml
from openapi_spec_validator import validate

from service import create_app
from service.cli import openapi_document
from service.runtime import get_runtime

ROOT = Path(__file__).resolve().parents[1]
SPEC = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
TEXT = "Trois manifestants ont été interpellés samedi à Lyon par la police. Deux policiers ont été blessés."


def schema_for(path: str, status: int, content_type: str) -> dict:
    op = SPEC["paths"][path]["post" if path.startswith("/extract") else "get"]
    schema = op["responses"][str(status)]["content"][content_type]["schema"]
    return {**schema, "components": SPEC["components"]}


def assert_valid(resp, path="/extract"):
    """The response body validates against openapi.yaml, for its status and content type."""
    ctype = "application/problem+json" if resp.status_code >= 400 else "application/json"
    assert resp.mimetype == ctype
    assert str(resp.status_code) in SPEC["paths"][path]["post" if path.startswith("/extract") else "get"]["responses"]
    jsonschema.Draft202012Validator(schema_for(path, resp.status_code, ctype)).validate(resp.get_json())


def test_openapi_file_matches_code():
    assert openapi_document() == (ROOT / "openapi.yaml").read_text(encoding="utf-8"), (
        "openapi.yaml is stale: run `make openapi`"
    )


def test_openapi_is_valid():
    validate(SPEC)


def test_extract_json(client):
    r = client.post("/extract", json={"text": TEXT, "reference_date": "2024-05-06", "id": "doc-1"})
    assert r.status_code == 200
    assert_valid(r)
    body = r.get_json()
    assert body["id"] == "doc-1"
    arrest = next(f for f in body["facts"] if f["type"] == "arrest")
    assert arrest["count"]["value"] == 3 and arrest["agent"] == "la police"
    assert any(f["type"] == "casualties" and f["kind"] == "injured" and f["count"]["value"] == 2 for f in body["facts"])
    assert {"text": "samedi", "value": "2024-05-04"}.items() <= body["dates"][0].items()
    for f in body["facts"]:
        for span in [f["evidence"], f["trigger"], *f["evidences"]]:
            assert TEXT[span["start"] : span["end"]] == span["text"]
    for e in body["entities"] + body["dates"]:
        assert TEXT[e["start"] : e["end"]] == e["text"]
    assert body["meta"]["analyzer"]["name"] == "spacy"
    t = body["meta"]["timings_ms"]
    assert set(t) == {"parse", "convert", "extract", "total"}
    assert t["parse"] > 0 and t["total"] >= t["parse"] + t["convert"] + t["extract"] - 0.03  # rounded each


def test_extract_plain_text(client):
    r = client.post(
        "/extract?reference_date=2024-05-06&id=p1", data=TEXT.encode(), content_type="text/plain; charset=utf-8"
    )
    assert r.status_code == 200
    assert_valid(r)
    assert r.get_json()["id"] == "p1"
    assert r.get_json()["dates"][0]["value"] == "2024-05-04"


def test_no_reference_date_gives_partial_dates(client):
    r = client.post("/extract", json={"text": "Le sommet s'est tenu le 4 janvier."})
    assert r.status_code == 200
    assert r.get_json()["dates"][0]["value"] == "--01-04"


@pytest.mark.parametrize(
    "kwargs,status,words",
    [
        ({"data": "{not json", "content_type": "application/json"}, 400, "not valid JSON"),
        ({"data": "x", "content_type": "text/html"}, 415, "application/json or text/plain"),
        ({"data": "x"}, 415, "content type"),
        ({"json": {"text": ""}}, 422, "text"),
        ({"json": {"text": "   \n"}}, 422, "white space"),
        ({"json": {"txt": "oops"}}, 422, "text"),
        ({"json": {"text": "Bonjour.", "reference_date": "2024-13-01"}}, 422, "reference_date"),
        ({"json": {"text": 42}}, 422, "text"),
        ({"json": ["a list"]}, 422, "object"),
        ({"json": {"text": "a", "extra": 1}}, 422, "extra"),
        ({"data": b"\xff\xfe\xfd", "content_type": "text/plain"}, 400, "charset"),
        (
            {"data": "Bonjour.", "content_type": "text/plain", "query_string": {"reference_date": "hier"}},
            422,
            "reference_date",
        ),
        (
            {"json": {"text": "Bonjour."}, "query_string": {"reference_date": "2024-01-01"}},
            422,
            "send reference_date in the JSON body",
        ),
    ],
)
def test_bad_input_is_a_clear_problem(client, kwargs, status, words):
    r = client.post("/extract", **kwargs)
    assert r.status_code == status
    assert_valid(r)
    body = r.get_json()
    assert body["status"] == status and words in body["detail"] and body["request_id"]


def test_text_over_the_limit_is_413(client):
    r = client.post("/extract", json={"text": "a" * 5001})
    assert r.status_code == 413
    assert_valid(r)
    assert "5001 characters" in r.get_json()["detail"]


def test_body_over_the_byte_limit_is_413(client):
    limit = get_runtime(client.application).settings.body_limit
    r = client.post("/extract", data="a" * (limit + 1), content_type="text/plain")
    assert r.status_code == 413
    assert_valid(r)
    assert f"over {limit} bytes" in r.get_json()["detail"]


def test_unknown_route_and_method_are_problems(client):
    assert client.get("/nope").status_code == 404
    r = client.get("/extract")
    assert r.status_code == 405 and r.mimetype == "application/problem+json"


def test_request_id_is_echoed(client):
    r = client.post("/extract", json={"text": "Bonjour."}, headers={"X-Request-ID": "abc-123"})
    assert r.headers["X-Request-ID"] == "abc-123"


def test_probes(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    r = client.get("/readyz")
    assert r.status_code == 200 and r.get_json()["analyzer"]["name"] == "spacy"


def test_not_ready_until_loaded(tmp_path):
    """Loading in the background: /readyz and /extract say 503 until the analyzer is there, and say
    why when it cannot load."""
    app = create_app({"ANALYZER": "stanza", "STANZA_DIR": str(tmp_path), "LOAD": "background", "LOG_LEVEL": "CRITICAL"})
    runtime = get_runtime(app)
    for _ in range(200):
        if runtime.error:
            break
        time.sleep(0.05)
    c = app.test_client()
    assert c.get("/healthz").status_code == 200
    r = c.get("/readyz")
    assert r.status_code == 503 and "resources.json" in r.get_json()["detail"]
    assert_valid(r, "/readyz")
    r = c.post("/extract", json={"text": "Bonjour."})
    assert r.status_code == 503 and r.headers["Retry-After"] == "5"
    assert_valid(r)


def test_internal_errors_hide_the_trace(app, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("secret detail")

    monkeypatch.setattr("service.extraction.extract_document", boom)
    r = app.test_client().post("/extract", json={"text": "Bonjour."})
    assert r.status_code == 500
    assert "secret" not in r.get_data(as_text=True) and "Traceback" not in r.get_data(as_text=True)
