"""Fuzzing the app in process: hypothesis bodies and schemathesis against openapi.yaml.

Whatever comes in: never a 5xx, every error a problem+json with a detail, every offset inside the
text with text[start:end] == the span's text. The spaCy analyzer and small limits keep it quick.
"""

from __future__ import annotations

import io
import json

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from service import create_app
from service.runtime import get_runtime
from tests.conftest import ROOT

MAX_CHARS, MAX_BATCH = 2000, 6
SCHEMA = schemathesis.openapi.from_path(ROOT / "openapi.yaml")
BASE = settings(deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))


def fuzz(examples: int) -> settings:
    return settings(BASE, max_examples=examples)


FRENCH = "Trois manifestants ont été interpellés samedi 8 janvier à Lyon. Plus de 2 000 personnes ont défilé."


@pytest.fixture(scope="module")
def fuzz_app(analyzers):
    return create_app(
        {
            "ANALYZER_INSTANCE": analyzers("spacy"),
            "MAX_CHARS": MAX_CHARS,
            "MAX_BATCH": MAX_BATCH,
            "LOG_LEVEL": "CRITICAL",
        }
    )


def check_spans(result: dict, text: str) -> None:
    spans = [e for e in result["dates"] + result["entities"]]
    for f in result["facts"]:
        spans += [f["evidence"], f["trigger"], *f["evidences"]]
        if f.get("count") and f["count"]["start"] is not None:
            spans.append(f["count"])
    for s in spans:
        assert 0 <= s["start"] <= s["end"] <= len(text), s
        assert text[s["start"] : s["end"]] == s["text"], s


def check(status: int, mimetype: str, body, texts: list | None) -> None:
    """texts: what was sent, one per result (None where it cannot be known)."""
    assert status < 500, body
    if status >= 400:
        assert mimetype == "application/problem+json"
        assert body["status"] == status and body["detail"].strip() and body["title"]
        return
    if texts is None:
        return
    results = body["results"] if "results" in body else [body]
    assert len(results) == len(texts)
    for result, text in zip(results, texts):
        if "status" in result:  # a batch's error entry
            assert 400 <= result["status"] < 500 and result["detail"].strip()
        elif text is not None:
            check_spans(result, text)


def post(client, path: str, body, raw: bool = False):
    data = body if raw else json.dumps(body)  # ASCII escapes: lone surrogates travel too
    r = client.post(path, data=data, content_type="application/json")
    return r.status_code, r.mimetype, r.get_json(silent=True)


# -- hypothesis bodies -------------------------------------------------------------------------

RTL = "ولد في القدس. נולד בירושלים. \u202eetoN\u202c \u200f"
OTHER = [
    "北京发生抗议，三名示威者被捕。",
    "В Москве задержаны 300 человек.",
    "Στην Αθήνα συνελήφθησαν 12 άτομα.",
    "In London, 5,000 people marched.",
    "Ɗan sanda ya kama mutane biyu.",
    "ثلاثة قتلى في بغداد",
]
texts = st.one_of(
    st.text(min_size=1, max_size=300),  # any code point
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.text(st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]), min_size=1, max_size=50),  # control
    st.text(st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF), min_size=1, max_size=40),  # emoji
    st.sampled_from(OTHER + [RTL, "\x00" * 10, "a\x00b", "🇫🇷👨‍👩‍👧 Paris 👍🏽"]),
    st.integers(1, 600).map(lambda n: ". ".join("abcdefghij"[i % 10] for i in range(n)) + "."),  # 1-letter
    st.lists(
        st.sampled_from(FRENCH.split() + OTHER + ["\x00", "\u202e", "🙂", "\n\n", "5 000", "1er"]),
        min_size=1,
        max_size=60,
    ).map(" ".join),
    # the shapes of the hostile-input issue: lone surrogates (JSON escapes), invisible-only text, long runs
    # of astral characters (12 bytes each, escaped) and of characters that tokenizers split one by one
    st.text(st.characters(categories=["Cs", "Ll", "Zs"]), min_size=1, max_size=40),
    st.text(
        st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", " ", "\n"]),
        min_size=1,
        max_size=40,
    ),
    st.tuples(st.sampled_from(["🙂", "«", "!", "(", "€", "a-", "( ", "le , "]), st.integers(1, MAX_CHARS)).map(
        lambda u: (u[0] * u[1])[: u[1]]
    ),
)
SURROGATES = st.text(st.characters(categories=["Cs", "Lu"]), min_size=1, max_size=8)
EXTREME_DATES = st.sampled_from(["0001-01-01", "9999-12-31", "2022-01-08T00:00:00", "0000-01-01", "2024-02-30"])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
documents = st.fixed_dictionaries(
    {"text": texts},
    optional={
        "id": st.one_of(st.text(max_size=300), st.integers(), st.none(), SURROGATES),
        "reference_date": st.one_of(
            st.dates().map(str), st.text(max_size=12), st.none(), st.integers(), EXTREME_DATES, SURROGATES
        ),
    },
)
wrong_documents = st.one_of(
    json_values,
    st.dictionaries(st.sampled_from(["text", "id", "reference_date", "txt"]), json_values, max_size=4),
    st.dictionaries(st.one_of(st.just("text"), SURROGATES), st.one_of(texts, SURROGATES), max_size=4),
)


@fuzz(300)
@given(doc=documents)
def test_extract_any_text(fuzz_app, doc):
    client = fuzz_app.test_client()
    status, mimetype, body = post(client, "/extract", doc)
    check(status, mimetype, body, [doc["text"]])
    if status == 200:
        assert body["id"] == doc.get("id")


@fuzz(150)
@given(body=st.one_of(json_values, wrong_documents))
def test_extract_wrong_bodies(fuzz_app, body):
    status, mimetype, got = post(fuzz_app.test_client(), "/extract", body)
    text = body.get("text") if isinstance(body, dict) else None
    check(status, mimetype, got, [text if isinstance(text, str) else None])


@fuzz(60)
@given(docs=st.lists(st.one_of(documents, wrong_documents), min_size=1, max_size=MAX_BATCH))
def test_batch_any_documents(fuzz_app, docs):
    status, mimetype, body = post(fuzz_app.test_client(), "/extract/batch", {"documents": docs})
    assert status == 200, body
    sent = [d.get("text") if isinstance(d, dict) and isinstance(d.get("text"), str) else None for d in docs]
    check(status, mimetype, body, sent)
    for i, (doc, result) in enumerate(zip(docs, body["results"])):
        if "status" in result:
            assert result["index"] == i
        else:
            assert result["id"] == doc.get("id")


@fuzz(100)
@given(
    data=st.binary(max_size=400),
    ctype=st.sampled_from(
        [
            "application/json",
            "text/plain",
            "text/plain; charset=latin-1",
            "text/plain; charset=nope",
            "application/problem+json",
            "multipart/form-data",
            "",
            "application/x-www-form-urlencoded",
        ]
    ),
    path=st.sampled_from(["/extract", "/extract/batch"]),
)
def test_raw_bytes(fuzz_app, data, ctype, path):
    r = fuzz_app.test_client().post(path, data=data, content_type=ctype)
    check(r.status_code, r.mimetype, r.get_json(silent=True), None)


@fuzz(60)
@given(
    doc=documents,
    pad=st.one_of(st.integers(0, 64), st.integers(-64, 64).map(lambda d: ("limit", d))),
    path=st.sampled_from(["/extract", "/extract/batch"]),
    broken=st.booleans(),
)
def test_chunked_bodies(fuzz_app, doc, pad, path, broken):
    """Bodies without a Content-Length, as a server hands a chunked one to the app: of any size around the
    byte limit, whole or broken off by the server's reader. Never a 5xx, never a body silently cut."""
    settings = get_runtime(fuzz_app).settings
    limit = settings.body_limit if path == "/extract" else settings.batch_body_limit
    raw = json.dumps(doc if path == "/extract" else {"documents": [doc]}).encode()
    size = limit + pad[1] if isinstance(pad, tuple) else len(raw) + pad
    body = raw + b" " * max(0, size - len(raw))
    stream = _Broken(body) if broken else io.BytesIO(body)
    r = fuzz_app.test_client().post(
        path,
        input_stream=stream,
        content_type="application/json",
        environ_overrides={"wsgi.input_terminated": True, "HTTP_TRANSFER_ENCODING": "chunked"},
    )
    got = r.get_json(silent=True)
    check(r.status_code, r.mimetype, got, None)
    if broken:
        assert r.status_code == 400 and "could not be read" in got["detail"]
    elif len(body) > limit:
        assert r.status_code == 413, (len(body), limit, r.status_code)
    else:
        assert r.status_code != 413 or "characters" in got["detail"]


class _Broken(io.BytesIO):
    """A server's body stream that fails half-way (gunicorn's InvalidChunkSize is no OSError)."""

    def read(self, size=-1):
        if self.tell() > 0:
            raise RuntimeError("invalid chunk size")
        return super().read(max(1, len(self.getvalue()) // 2) if size is None or size < 0 else size)

    readline = read1 = read

    def readinto(self, b):
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)


@pytest.mark.parametrize(
    "raw,on_extract,on_batch",
    [
        ("[" * 30_000, 400, 400),  # too deep for the JSON parser
        ('{"text": ' + "[" * 15_000 + "]" * 15_000 + "}", 400, 400),
        ('{"documents": ' + "[" * 15_000 + "]" * 15_000 + "}", 400, 400),
        ('{"text": ' + "[" * 500 + "]" * 500 + "}", 422, 422),  # deep but parsed: wrong type
        (json.dumps({"text": "a", "x": list(range(200_000))}), 413, 413),  # over both byte limits
        (json.dumps({"text": "a " * 40_000}), 413, 422),  # the batch's limit is higher
    ],
)
def test_deep_and_huge_json(fuzz_app, raw, on_extract, on_batch):
    for path, expected in (("/extract", on_extract), ("/extract/batch", on_batch)):
        got = post(fuzz_app.test_client(), path, raw, raw=True)
        check(*got, None)
        assert got[0] == expected, (path, got)


@pytest.mark.parametrize("noise", ["\x00", "\u202e", "🙂👨‍👩‍👧", RTL, OTHER[0], "\x07\x1b[31m", "\ufeff", "\r\n\t"])
def test_facts_survive_noise_with_exact_offsets(fuzz_app, noise):
    """Noise on lines of its own shifts the offsets and changes nothing else."""
    text = noise + "\n" + FRENCH + "\n" + noise
    status, mimetype, body = post(fuzz_app.test_client(), "/extract", {"text": text})
    assert status == 200
    check(status, mimetype, body, [text])
    got = {(f["type"], f["count"]["value"], f["trigger"]["start"] - len(noise) - 1) for f in body["facts"]}
    assert got == {("arrest", 3, FRENCH.index("interpellés")), ("crowd", 2000, FRENCH.index("personnes"))}


def test_one_50000_character_token(analyzers):
    text = "x" * 50_000
    app = create_app({"ANALYZER_INSTANCE": analyzers("spacy"), "MAX_CHARS": 60_000, "LOG_LEVEL": "CRITICAL"})
    status, mimetype, body = post(app.test_client(), "/extract", {"text": FRENCH + " " + text})
    assert status == 200
    check(status, mimetype, body, [FRENCH + " " + text])
    assert body["facts"], "the French before the token is still read"


def test_many_one_letter_sentences(fuzz_app):
    text = " ".join(f"{c}." for c in "abcdefghijklmnopqrstuvwxyz" * 38)[:MAX_CHARS]
    got = post(fuzz_app.test_client(), "/extract", {"text": text})
    assert got[0] == 200
    check(*got, [text])


# -- schemathesis against openapi.yaml ---------------------------------------------------------


def run_schemathesis(app, operation, mode, max_examples, excluded):
    """schemathesis' checks (status codes, content types, headers and bodies as documented) and ours."""
    strategy = (SCHEMA[operation]["POST"] if operation else SCHEMA).as_strategy(generation_mode=mode)

    @fuzz(max_examples)
    @given(case=strategy)
    def run(case):
        response = case.call_and_validate(app=app, excluded_checks=excluded)
        body = response.json() if response.content else None
        mimetype = response.headers.get("content-type", [""])[0].split(";")[0]
        sent = None
        if isinstance(case.body, dict) and mode == GenerationMode.POSITIVE:
            docs = case.body.get("documents", [case.body])
            sent = [d.get("text") if isinstance(d, dict) else None for d in docs]
        elif isinstance(case.body, str) and mode == GenerationMode.POSITIVE:
            sent = [case.body]
        if case.path.startswith("/extract"):
            check(response.status_code, mimetype, body, sent)
        else:
            assert response.status_code < 500

    run()


# Excluded checks, and why: limits are configuration (FAITS_MAX_CHARS, FAITS_MAX_BATCH), not schema,
# so schema-valid data may get a 413; a batch answers 200 with an error entry for an invalid
# document (by design: it does not fail the others).
def test_schemathesis_positive(fuzz_app):
    run_schemathesis(fuzz_app, None, GenerationMode.POSITIVE, 150, [positive_data_acceptance])


def test_schemathesis_negative_extract(fuzz_app):
    run_schemathesis(fuzz_app, "/extract", GenerationMode.NEGATIVE, 100, [positive_data_acceptance])


def test_schemathesis_negative_batch(fuzz_app):
    run_schemathesis(
        fuzz_app, "/extract/batch", GenerationMode.NEGATIVE, 80, [positive_data_acceptance, negative_data_rejection]
    )
