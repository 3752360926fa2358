"""Hostile bodies in process: every error a small, readable problem, never a 500; no value that must not
pass; limits that admit every encoding of a text within them and cut nothing silently."""

from __future__ import annotations

import io
import json

import pytest

from service import create_app
from service.runtime import get_runtime
from tests.test_api import assert_valid

TEXT = "Trois manifestants ont été interpellés samedi à Lyon par la police."
INTERNAL = (
    "instance of",
    "ExtractRequest",
    "BatchRequest",
    "sys.",
    "set_int_max_str_digits",
    "Traceback",
    "pydantic",
    "errors.pydantic.dev",
)


def post_raw(client, path: str, body: str | bytes, **kw):
    return client.post(path, data=body, content_type=kw.pop("content_type", "application/json"), **kw)


def readable(body: dict) -> None:
    text = json.dumps(body, ensure_ascii=False)
    assert not any(word in text for word in INTERNAL), text


# -- lone surrogates: a 422 for the field, in its entry for a batch ----------------------------------


@pytest.mark.parametrize(
    "doc,field",
    [
        ({"text": TEXT, "id": "\ud800"}, "id"),
        ({"text": "Bonjour \udfff.", "id": "x"}, "text"),
        ({"text": TEXT, "\ud800": 1}, None),  # an unknown key: the body's error
        ({"text": TEXT, "reference_date": "2024-01-0\ud800"}, "reference_date"),
    ],
)
def test_lone_surrogates_are_422_in_every_field(client, doc, field):
    raw = json.dumps(doc)  # ASCII escapes: "\ud800" travels as JSON allows
    r = post_raw(client, "/extract", raw)
    assert r.status_code == 422, r.get_data(as_text=True)
    assert_valid(r)
    assert r.get_json()["errors"][0]["loc"] == ([field] if field else [])
    assert field or "lone surrogate" in r.get_json()["detail"]
    r = post_raw(client, "/extract/batch", json.dumps({"documents": [{"text": TEXT, "id": "ok"}, doc]}))
    assert r.status_code == 200, r.get_data(as_text=True)
    assert_valid(r, "/extract/batch")
    ok, bad = r.get_json()["results"]
    assert ok["id"] == "ok" and ok["facts"]
    assert bad["status"] == 422 and bad["index"] == 1 and bad["errors"][0]["loc"] == ([field] if field else [])
    assert bad["id"] == ("x" if doc.get("id") == "x" else None)  # a lone surrogate is not echoed


# -- values that must not pass ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        0,
        86400,
        1.5,
        True,
        "2022-01-08T00:00:00",
        "2022-1-8",
        "20220108",
        "2022-01-08 ",
        "0000-01-01",
        "2024-02-30",
        "٢٠٢٢-٠١-٠٨",
    ],
)
def test_reference_date_is_an_iso_date_string_only(client, value):
    r = client.post("/extract", json={"text": TEXT, "reference_date": value})
    assert r.status_code == 422
    assert_valid(r)
    assert "reference_date must be a date such as 2022-01-08" in r.get_json()["detail"]
    entry = client.post("/extract/batch", json={"documents": [{"text": TEXT, "reference_date": value}]}).get_json()[
        "results"
    ][0]
    assert entry["status"] == 422 and "such as 2022-01-08" in entry["detail"]


def test_reference_date_in_the_query_is_strict_too(client):
    r = client.post("/extract?reference_date=2022-01-08T00:00:00", data=TEXT, content_type="text/plain")
    assert r.status_code == 422 and "such as 2022-01-08" in r.get_json()["detail"]
    r = client.post("/extract?reference_date=2022-01-08", data=TEXT, content_type="text/plain")
    assert r.status_code == 200 and r.get_json()["dates"][0]["value"] == "2022-01-08"


@pytest.mark.parametrize(
    "reference,text",
    [
        ("9999-12-31", "Les élections auront lieu l'an prochain."),
        ("9999-12-31", "Le procès s'ouvrira en janvier 2025 et la réforme entrera en vigueur l'année prochaine."),
        ("0001-01-01", "Le sommet s'était tenu l'année dernière."),
        ("0001-01-01", "La manifestation a eu lieu hier."),
    ],
)
def test_resolved_dates_stay_within_years_1_to_9999(client, reference, text):
    r = client.post("/extract", json={"text": text, "reference_date": reference})
    assert r.status_code == 200
    assert_valid(r)
    body = r.get_json()
    values = [d["value"] for d in body["dates"]] + [f["date"] for f in body["facts"] if f["date"]]
    for v in values:
        year = v.lstrip("-").split("-")[0] if not v.startswith("--") else None
        assert year is None or (len(year) == 4 and "0001" <= year <= "9999"), (text, values)


@pytest.mark.parametrize("text", ["\u200b", "\ufeff\ufeff", " \u200b\n\u2060\u200d\ufeff ", "\u00ad\u200e"])
def test_invisible_text_is_blank(client, text):
    r = client.post("/extract", json={"text": text})
    assert r.status_code == 422 and "invisible characters" in r.get_json()["detail"]
    r = client.post("/extract", data=text.encode(), content_type="text/plain; charset=utf-8")
    assert r.status_code == 422
    entry = client.post("/extract/batch", json={"documents": [{"text": text}]}).get_json()["results"][0]
    assert entry["status"] == 422 and "invisible characters" in entry["detail"]


def test_visible_text_with_invisible_characters_is_read(client):
    r = client.post("/extract", json={"text": "\ufeff\u200b\n" + TEXT})
    assert r.status_code == 200 and r.get_json()["facts"]


def test_batch_query_parameters_are_422_like_extract(client):
    for path, body in (("/extract", {"text": TEXT}), ("/extract/batch", {"documents": [{"text": TEXT}]})):
        r = client.post(path, json=body, query_string={"reference_date": "2024-01-01"})
        assert r.status_code == 422, path
        assert_valid(r, path)
        assert "reference_date" in r.get_json()["detail"]


# -- problems that name no internals and stay small ------------------------------------------------


@pytest.mark.parametrize(
    "path,body",
    [
        ("/extract/batch", json.dumps({"documents": [1, "x", None, [TEXT]]})),
        ("/extract", json.dumps({"text": TEXT, "id": 7})),
        ("/extract", '{"text": "a", "id": ' + "9" * 5000 + "}"),  # past Python's digit limit
        ("/extract", '{"text": "a", "n": 1e999999}'),
        ("/extract", "[" * 100_000),
        ("/extract", b'{"text": "\xff\xfe"}'),
        ("/extract/batch", '{"documents": [{"text": ' + "9" * 5000 + "}]}"),
    ],
)
def test_problems_name_no_internals(client, path, body):
    r = post_raw(client, path, body)
    assert r.status_code < 500
    got = r.get_json()
    readable(got)
    for entry in got.get("results", []):
        if "status" in entry:
            readable(entry)
            assert "a JSON object" in entry["detail"] or "string" in entry["detail"]


def test_many_unknown_keys_get_a_small_problem(client):
    body = {"text": TEXT, **{f"key-{i:04d}-" + "x" * 150: i for i in range(600)}}
    raw = json.dumps(body)
    r = post_raw(client, "/extract", raw)
    assert r.status_code == 422
    assert_valid(r)
    got = r.get_json()
    assert len(r.get_data()) < 6000, len(r.get_data())  # the body sent: 96 KB
    assert len(got["errors"]) == 10 and got["detail"].endswith("and 590 more")
    assert all(len(e["loc"][0]) <= 65 for e in got["errors"])


# -- byte limits: every encoding of a text within the character limit passes; past it, a 413 --------


@pytest.fixture(scope="module")
def big_app(analyzers):
    # above 10 922 characters, 6 bytes a character (the limit before) no longer holds 12-byte escapes
    return create_app(
        {
            "ANALYZER_INSTANCE": analyzers("spacy"),
            "MAX_CHARS": 20_000,
            "MAX_BATCH_CHARS": 20_000,
            "LOG_LEVEL": "CRITICAL",
        }
    )


def astral_text(chars: int) -> str:
    """Mostly astral characters (an emoji is 12 bytes escaped), in short runs, and French to read."""
    text = TEXT + " " + ("🙂" * 9 + " ") * ((chars - len(TEXT) - 1) // 10)
    return text + "🙂" * (chars - len(text))


def test_escaped_astral_text_at_the_limit_is_accepted(big_app):
    text = astral_text(20_000)
    assert len(text) == 20_000
    client = big_app.test_client()
    raw = json.dumps({"text": text})  # ensure_ascii: \ud83d\ude42 for each emoji
    assert len(raw) > 20_000 * 6 + 65_536, "no test: the body fits the old limit"
    r = post_raw(client, "/extract", raw)
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    assert r.get_json()["facts"][0]["type"] == "arrest"
    r = post_raw(
        client, "/extract/batch", json.dumps({"documents": [{"text": text[:10_000]}, {"text": text[10_000:]}]})
    )
    assert r.status_code == 200 and all("facts" in x for x in r.get_json()["results"])
    r = post_raw(client, "/extract", json.dumps({"text": text + "🙂"}))
    assert r.status_code == 413 and "20001 characters" in r.get_json()["detail"]


def test_batch_characters_in_all_are_bounded(analyzers):
    app = create_app(
        {"ANALYZER_INSTANCE": analyzers("spacy"), "MAX_CHARS": 5000, "MAX_BATCH_CHARS": 6000, "LOG_LEVEL": "CRITICAL"}
    )
    client = app.test_client()
    doc = {"text": "Bonjour à tous. " * 187}  # 2 992 characters
    assert client.post("/extract/batch", json={"documents": [doc, doc]}).status_code == 200
    r = client.post("/extract/batch", json={"documents": [doc, doc, doc]})
    assert r.status_code == 413
    assert_valid(r, "/extract/batch")
    assert "8976 characters in all; the limit is 6000" in r.get_json()["detail"]
    # documents that fail alone do not count
    r = client.post("/extract/batch", json={"documents": [doc, doc, {"text": "a" * 5001}]})
    assert r.status_code == 200 and r.get_json()["results"][2]["status"] == 413


def chunked(client, path: str, stream, content_type="application/json"):
    """A body with no Content-Length, as a server hands a chunked one to the app."""
    return client.post(
        path,
        input_stream=stream,
        content_type=content_type,
        environ_overrides={"wsgi.input_terminated": True, "HTTP_TRANSFER_ENCODING": "chunked"},
    )


@pytest.mark.parametrize("path", ["/extract", "/extract/batch"])
def test_chunked_body_over_the_limit_is_413_not_cut(client, path):
    settings = get_runtime(client.application).settings
    limit = settings.body_limit if path == "/extract" else settings.batch_body_limit
    for size, ctype in ((limit + 1, "application/json"), (limit + 10_000, "text/plain")):
        if path == "/extract/batch" and ctype == "text/plain":
            continue
        r = chunked(client, path, io.BytesIO(b" " * size), ctype)
        assert r.status_code == 413, (path, size, r.get_data(as_text=True))
        assert_valid(r, path)
        assert f"over {limit} bytes" in r.get_json()["detail"]


def test_chunked_body_at_the_limit_is_read_whole(client):
    limit = get_runtime(client.application).settings.body_limit
    raw = json.dumps({"text": TEXT}).encode()
    r = chunked(client, "/extract", io.BytesIO(raw + b" " * (limit - len(raw))))
    assert r.status_code == 200 and r.get_json()["facts"]
    r = chunked(client, "/extract", io.BytesIO(TEXT.encode()), "text/plain")
    assert r.status_code == 200 and r.get_json()["facts"]


class InvalidChunkSize(Exception):
    """Like gunicorn's: not an OSError or ValueError, which werkzeug would take for a disconnection."""


class Broken(io.BytesIO):
    """The body stream of a server that finds a broken chunk."""

    def read(self, size=-1):
        raise InvalidChunkSize("zz")

    readline = read1 = readinto = read


@pytest.mark.parametrize(
    "path,ctype", [("/extract", "application/json"), ("/extract", "text/plain"), ("/extract/batch", "application/json")]
)
def test_unreadable_body_is_400(client, path, ctype):
    r = chunked(client, path, Broken(b"zz\r\n"), ctype)
    assert r.status_code == 400
    assert_valid(r, path)
    assert "could not be read" in r.get_json()["detail"]
