"""GET /metrics: Prometheus text, behind the key unless FAITS_METRICS_PUBLIC; requests, latency, stages,
documents, facts by type, timeouts; under gunicorn, the sum over the workers."""

from __future__ import annotations

import threading

from prometheus_client.parser import text_string_to_metric_families

from service import create_app
from tools.loopback import Server, post_json, request

TEXT = "Trois manifestants ont été interpellés samedi à Lyon. Deux policiers ont été blessés."


def samples(text: str) -> dict:
    """(name, sorted labels) -> value, for every sample of a scrape."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(scrape: dict, name: str, **labels) -> float:
    return sum(v for (n, ls), v in scrape.items() if n == name and labels.items() <= dict(ls).items())


def scrape(client, **headers) -> dict:
    r = client.get("/metrics", headers=headers)
    assert r.status_code == 200 and r.mimetype == "text/plain"
    return samples(r.get_data(as_text=True))


def test_counts_requests_stages_documents_and_facts(client):
    before = scrape(client)
    assert client.post("/extract", json={"text": TEXT}).status_code == 200
    r = client.post("/extract/batch", json={"documents": [{"text": TEXT}, {"text": ""}, {"text": TEXT}]})
    assert r.status_code == 200
    assert client.post("/extract", data="x", content_type="image/png").status_code == 415
    assert client.get("/nowhere").status_code == 404
    after = scrape(client)

    def delta(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("faits_http_requests_total", route="/extract", method="POST", status="200") == 1
    assert delta("faits_http_requests_total", route="/extract/batch", method="POST", status="200") == 1
    assert delta("faits_http_requests_total", route="/extract", method="POST", status="415") == 1
    assert delta("faits_http_requests_total", route="unmatched", status="404") == 1  # no label per URL
    assert delta("faits_http_request_duration_seconds_count", route="/extract") == 2
    assert delta("faits_documents_total") == 3  # the empty text was no analysis
    assert delta("faits_facts_total", type="arrest") == 3 and delta("faits_facts_total", type="casualties") == 3
    assert delta("faits_analysis_stage_seconds_count", stage="parse") == 2  # one library call per request
    assert delta("faits_analysis_stage_seconds_count", stage="convert") == 3
    assert delta("faits_analysis_stage_seconds_count", stage="extract") == 3
    assert delta("faits_analysis_stage_seconds_sum", stage="parse") > 0


def test_behind_the_key_unless_public(analyzers):
    private = create_app({"ANALYZER_INSTANCE": analyzers("spacy"), "API_KEY": "k", "LOG_LEVEL": "WARNING"})
    c = private.test_client()
    r = c.get("/metrics")
    assert r.status_code == 401 and r.mimetype == "application/problem+json"
    assert scrape(c, Authorization="Bearer k")
    public = create_app(
        {"ANALYZER_INSTANCE": analyzers("spacy"), "API_KEY": "k", "METRICS_PUBLIC": True, "LOG_LEVEL": "WARNING"}
    )
    c = public.test_client()
    assert scrape(c)
    assert c.post("/extract", json={"text": TEXT}).status_code == 401  # the rest keeps its key


def test_timeouts_are_counted(analyzers, monkeypatch):
    analyzer = analyzers("spacy")
    app = create_app({"ANALYZER_INSTANCE": analyzer, "REQUEST_TIMEOUT": 0.2, "LOG_LEVEL": "CRITICAL"})
    client = app.test_client()
    before = scrape(client)
    release = threading.Event()
    real = analyzer.annotate
    monkeypatch.setattr(analyzer, "annotate", lambda text: release.wait(10) and real(text))
    try:
        assert client.post("/extract", json={"text": TEXT}).status_code == 503
    finally:
        release.set()
        monkeypatch.setattr(analyzer, "annotate", real)
    after = scrape(client)
    assert value(after, "faits_request_timeouts_total") - value(before, "faits_request_timeouts_total") == 1
    assert (
        value(after, "faits_http_requests_total", route="/extract", status="503")
        - value(before, "faits_http_requests_total", route="/extract", status="503")
        == 1
    )


def test_gunicorn_workers_are_summed(tmp_path):
    """Two workers: whichever answers the scrape, it counts every worker's requests."""
    with Server("spacy", workers=2, env={"FAITS_METRICS_PUBLIC": "true"}, log=tmp_path / "gunicorn.log") as server:
        for _ in range(6):
            status, _ = post_json(server.port, "/extract", {"text": TEXT})
            assert status == 200
        pids = set(server.worker_pids())
        for _ in range(3):  # three scrapes, likely not all from the same worker: each sees the sum
            status, headers, body = request(server.port, "GET", "/metrics")
            assert status == 200 and headers["content-type"].startswith("text/plain")
            got = samples(body.decode())
            assert value(got, "faits_http_requests_total", route="/extract", status="200") == 6
            assert value(got, "faits_documents_total") == 6
            ready = {dict(labels)["pid"]: v for (name, labels), v in got.items() if name == "faits_analyzer_ready"}
            assert ready == {str(pid): 1.0 for pid in pids}
