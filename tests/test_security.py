"""API key (off by default), CORS (off by default), and no debug mode."""

from __future__ import annotations

import subprocess

import pytest

from service import create_app
from service.runtime import get_runtime
from tests.conftest import ROOT
from tests.test_api import SPEC, assert_valid

KEY = "s3cret-key"


def make(analyzers, **conf):
    return create_app(
        {"ANALYZER_INSTANCE": analyzers("spacy"), "MAX_CHARS": 5000, "LOG_LEVEL": "WARNING", **conf}
    ).test_client()


@pytest.fixture
def keyed(analyzers):
    return make(analyzers, API_KEY=KEY)


def test_no_key_by_default(client):
    assert get_runtime(client.application).settings.api_key.get_secret_value() == ""
    assert client.post("/extract", json={"text": "Bonjour."}).status_code == 200


@pytest.mark.parametrize(
    "header", [None, "", "Bearer", "Bearer wrong", f"Basic {KEY}", f"Bearer {KEY}x", f"Bearer {KEY[:-1]}", f"{KEY}"]
)
def test_missing_or_wrong_key_is_401(keyed, header):
    headers = {"Authorization": header} if header is not None else {}
    r = keyed.post("/extract", json={"text": "Bonjour."}, headers=headers)
    assert r.status_code == 401
    assert_valid(r)
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    body = r.get_json()
    assert "Authorization: Bearer" in body["detail"] and body["request_id"] and KEY not in r.get_data(as_text=True)


@pytest.mark.parametrize(
    "path,method", [("/extract", "post"), ("/extract/batch", "post"), ("/openapi.json", "get"), ("/nope", "get")]
)
def test_every_route_but_the_probes_needs_the_key(keyed, path, method):
    r = getattr(keyed, method)(path, json={"text": "Bonjour."} if method == "post" else None)
    assert r.status_code == 401 and r.mimetype == "application/problem+json"


def test_right_key_is_accepted(keyed):
    for scheme in ("Bearer", "bearer"):
        r = keyed.post("/extract", json={"text": "Bonjour."}, headers={"Authorization": f"{scheme} {KEY}"})
        assert r.status_code == 200
    r = keyed.post(
        "/extract/batch", json={"documents": [{"text": "Bonjour."}]}, headers={"Authorization": f"Bearer {KEY}"}
    )
    assert r.status_code == 200
    assert keyed.get("/openapi.json", headers={"Authorization": f"Bearer {KEY}"}).status_code == 200


def test_probes_need_no_key(keyed):
    assert keyed.get("/healthz").status_code == 200
    assert keyed.get("/readyz").status_code == 200


def test_key_compared_in_constant_time(keyed, monkeypatch):
    import hmac

    seen = []

    def spy(a, b):
        seen.append((a, b))
        return hmac.compare_digest(a, b)

    monkeypatch.setattr("service.security.hmac", type("H", (), {"compare_digest": staticmethod(spy)}))
    assert (
        keyed.post("/extract", json={"text": "Bonjour."}, headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
    )
    assert seen == [(KEY.encode(), KEY.encode())]


def test_openapi_declares_the_bearer_scheme():
    assert SPEC["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "Required only when the service runs with FAITS_API_KEY set.",
    }
    for path in ("/extract", "/extract/batch"):
        op = SPEC["paths"][path]["post"]
        assert {"bearerAuth": []} in op["security"] and "401" in op["responses"]
    assert "security" not in SPEC["paths"]["/healthz"]["get"]


def test_key_from_the_environment(analyzers, monkeypatch):
    monkeypatch.setenv("FAITS_API_KEY", KEY)
    c = create_app({"ANALYZER_INSTANCE": analyzers("spacy"), "LOG_LEVEL": "WARNING"}).test_client()
    assert c.post("/extract", json={"text": "Bonjour."}).status_code == 401


def test_no_cors_by_default(client):
    r = client.post("/extract", json={"text": "Bonjour."}, headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in r.headers
    r = client.options("/extract", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in r.headers


def test_cors_for_listed_origins_only(analyzers):
    c = make(analyzers, CORS_ORIGINS="https://a.example, https://b.example", API_KEY=KEY)
    pre = c.options(
        "/extract",
        headers={
            "Origin": "https://b.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert pre.status_code == 200, "the preflight carries no key"
    assert pre.headers["Access-Control-Allow-Origin"] == "https://b.example"
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in pre.headers["Access-Control-Allow-Headers"]
    assert "Origin" in pre.headers["Vary"]
    r = c.post(
        "/extract", json={"text": "Bonjour."}, headers={"Origin": "https://a.example", "Authorization": f"Bearer {KEY}"}
    )
    assert r.status_code == 200 and r.headers["Access-Control-Allow-Origin"] == "https://a.example"
    assert "X-Request-ID" in r.headers["Access-Control-Expose-Headers"]
    denied = c.post("/extract", json={"text": "Bonjour."}, headers={"Origin": "https://a.example"})
    assert denied.status_code == 401 and denied.headers["Access-Control-Allow-Origin"] == "https://a.example", (
        "a browser client can read why it was refused"
    )
    other = c.post(
        "/extract",
        json={"text": "Bonjour."},
        headers={"Origin": "https://evil.example", "Authorization": f"Bearer {KEY}"},
    )
    assert other.status_code == 200 and "Access-Control-Allow-Origin" not in other.headers


def test_cors_any_origin(analyzers):
    c = make(analyzers, CORS_ORIGINS="*")
    r = c.post("/extract", json={"text": "Bonjour."}, headers={"Origin": "https://x.example"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"


def test_never_debug_mode(analyzers, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = create_app({"ANALYZER_INSTANCE": analyzers("spacy"), "LOG_LEVEL": "CRITICAL"})
    assert app.debug is False

    def boom(*a, **k):
        raise RuntimeError("secret detail")

    monkeypatch.setattr("service.extraction.extract_document", boom)
    r = app.test_client().post("/extract", json={"text": "Bonjour."})
    assert r.status_code == 500 and "secret" not in r.get_data(as_text=True)


def test_no_debug_switch_in_the_code():
    files = subprocess.run(
        ["git", "ls-files", "service", "gunicorn.conf.py", "Dockerfile", "Makefile"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in files:
        text = (ROOT / name).read_text(encoding="utf-8", errors="replace")
        for needle in ("debug=True", "DEBUG=True", "--debug", "FLASK_DEBUG=1", "use_debugger", "reload = True"):
            assert needle not in text, f"{needle} in {name}"
