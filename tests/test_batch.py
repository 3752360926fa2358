"""POST /extract/batch: order kept, one analyzer call, a bad document fails alone, limits."""

from __future__ import annotations

import pytest

from service import create_app
from service.runtime import get_runtime
from tests.test_api import assert_valid

TEXTS = [
    "Trois manifestants ont été interpellés samedi à Lyon par la police.",
    "Deux policiers ont été blessés.",
    "Plus de 5 000 personnes ont manifesté à Paris.",
]


def post(client, docs, **kw):
    return client.post("/extract/batch", json={"documents": docs}, **kw)


def test_results_in_order_and_equal_to_single_calls(client):
    docs = [{"id": f"d{i}", "text": t, "reference_date": "2024-05-06"} for i, t in enumerate(TEXTS)]
    r = post(client, docs)
    assert r.status_code == 200
    assert_valid(r, "/extract/batch")
    results = r.get_json()["results"]
    assert [x["id"] for x in results] == ["d0", "d1", "d2"]
    # one library call for the batch: every document reports the same parse time, then its own stages
    assert len({x["meta"]["timings_ms"]["parse"] for x in results}) == 1
    assert results[0]["meta"]["timings_ms"]["total"] < results[2]["meta"]["timings_ms"]["total"]
    for doc, got in zip(docs, results):
        single = client.post("/extract", json=doc).get_json()
        for key in ("facts", "dates", "entities"):
            assert got[key] == single[key]
    assert results[0]["facts"][0]["type"] == "arrest" and results[2]["facts"][0]["count"]["value"] == 5000


def test_one_parse_call_for_all_good_documents(app, monkeypatch):
    analyzer = get_runtime(app).analyzer
    calls = []
    real = analyzer.annotate_many

    def spy(texts):
        calls.append(list(texts))
        return real(texts)

    monkeypatch.setattr(analyzer, "annotate_many", spy)
    monkeypatch.setattr(analyzer, "annotate", lambda text: pytest.fail("parsed one by one"))
    r = post(app.test_client(), [{"text": TEXTS[0]}, {"text": ""}, {"text": TEXTS[1]}])
    assert r.status_code == 200
    assert calls == [[TEXTS[0], TEXTS[1]]]


def test_bad_documents_fail_alone(client):
    docs = [
        {"text": TEXTS[0], "id": "ok-1"},
        {"text": "", "id": "empty"},
        {"text": "a" * 5001, "id": "long"},
        {"txt": "oops", "id": "typo"},
        "not an object",
        {"text": TEXTS[1], "reference_date": "2024-13-01"},
        {"text": TEXTS[1], "id": "ok-2"},
    ]
    r = post(client, docs)
    assert r.status_code == 200
    assert_valid(r, "/extract/batch")
    results = r.get_json()["results"]
    assert len(results) == len(docs)
    assert results[0]["id"] == "ok-1" and results[0]["facts"]
    assert results[6]["id"] == "ok-2" and results[6]["facts"][0]["kind"] == "injured"
    expected = {
        1: (422, "empty", "text"),
        2: (413, "long", "5001 characters"),
        3: (422, "typo", "txt: Extra inputs"),
        4: (422, None, "a JSON object"),
        5: (422, None, "reference_date"),
    }
    for i, (status, doc_id, words) in expected.items():
        e = results[i]
        assert (e["index"], e["status"], e["id"]) == (i, status, doc_id)
        assert words in e["detail"] and e["title"]
        assert "facts" not in e


def test_all_bad_documents_is_still_200(client):
    r = post(client, [{"text": " "}])
    assert r.status_code == 200
    assert r.get_json()["results"][0]["status"] == 422


def test_too_many_documents_is_413(analyzers):
    app = create_app({"ANALYZER_INSTANCE": analyzers("spacy"), "MAX_BATCH": 3, "LOG_LEVEL": "WARNING"})
    client = app.test_client()
    assert post(client, [{"text": "Bonjour."}] * 3).status_code == 200
    r = post(client, [{"text": "Bonjour."}] * 4)
    assert r.status_code == 413
    assert_valid(r, "/extract/batch")
    assert "4 documents; the limit is 3" in r.get_json()["detail"]


def test_default_batch_limit_is_64(client):
    assert get_runtime(client.application).settings.max_batch == 64


def test_body_may_hold_a_full_batch_of_long_texts(client):
    """The byte limit grows with the batch: 20 texts at the character limit are fine."""
    r = post(client, [{"text": "Bonjour à tous. " * 312}] * 20)
    assert r.status_code == 200
    assert len(r.get_json()["results"]) == 20


@pytest.mark.parametrize(
    "kwargs,status,words",
    [
        ({"data": "{not json", "content_type": "application/json"}, 400, "not valid JSON"),
        ({"data": "x", "content_type": "text/plain"}, 415, "application/json"),
        ({"json": {"documents": []}}, 422, "empty"),
        ({"json": {"documents": {"text": "a"}}}, 422, "'documents'"),
        ({"json": {"docs": [{"text": "a"}]}}, 422, "'documents'"),
        ({"json": {"documents": [{"text": "a"}], "extra": 1}}, 422, "'documents'"),
        ({"json": [{"text": "a"}]}, 422, "'documents'"),
    ],
)
def test_bad_envelope_is_a_problem(client, kwargs, status, words):
    r = client.post("/extract/batch", **kwargs)
    assert r.status_code == status
    assert_valid(r, "/extract/batch")
    assert words in r.get_json()["detail"]


def test_not_ready_is_503_for_the_batch(tmp_path):
    app = create_app({"ANALYZER": "stanza", "STANZA_DIR": str(tmp_path), "LOAD": "background", "LOG_LEVEL": "CRITICAL"})
    r = post(app.test_client(), [{"text": "Bonjour."}])
    assert r.status_code == 503
    assert_valid(r, "/extract/batch")
