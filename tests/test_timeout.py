"""FAITS_REQUEST_TIMEOUT: a slow analysis is a 503, the process recovers, one analysis at a time."""

from __future__ import annotations

import threading
import time

import pytest

from service import create_app
from service.config import load
from service.runtime import AnalysisTimeout, Runtime, get_runtime
from tests.test_api import assert_valid

TEXT = "Trois manifestants ont été interpellés samedi à Lyon par la police."


def wait_idle(runtime, bound_s=10.0):
    end = time.monotonic() + bound_s
    while runtime.busy and time.monotonic() < end:
        time.sleep(0.01)
    assert not runtime.busy


def test_slow_analysis_is_503_then_the_next_request_succeeds(analyzers, monkeypatch):
    analyzer = analyzers("spacy")
    app = create_app({"ANALYZER_INSTANCE": analyzer, "REQUEST_TIMEOUT": 0.3, "LOG_LEVEL": "CRITICAL"})
    client, runtime = app.test_client(), get_runtime(app)
    release = threading.Event()
    real_parse = analyzer.annotate

    def stuck_parse(text):
        release.wait(10)  # bounded: the test releases it below
        return real_parse(text)

    monkeypatch.setattr(analyzer, "annotate", stuck_parse)
    try:
        r = client.post("/extract", json={"text": TEXT})
        assert r.status_code == 503 and r.headers["Retry-After"] == "5"
        assert_valid(r)
        assert "longer than 0.3 s" in r.get_json()["detail"]
        # the abandoned analysis still holds the analyzer: the next request cannot get it in time
        r = client.post("/extract/batch", json={"documents": [{"text": TEXT}, {"text": TEXT}]})
        assert r.status_code == 503 and "busy" in r.get_json()["detail"]
        assert_valid(r, "/extract/batch")
    finally:
        monkeypatch.setattr(analyzer, "annotate", real_parse)
        release.set()
    wait_idle(runtime)
    r = client.post("/extract", json={"text": TEXT})
    assert r.status_code == 200 and r.get_json()["facts"][0]["type"] == "arrest"


@pytest.mark.models  # the real library's native code is what is timed
def test_the_503_comes_on_time_while_the_library_works(analyzers):
    """The timeout is honest: the analyzer's native code lets the waiting request go at its time limit
    (spaCy's tokenizer holds the interpreter for a whole run, minutes for this one: runs are handed to it
    in pieces)."""
    app = create_app(
        {"ANALYZER_INSTANCE": analyzers("spacy"), "MAX_CHARS": 60_000, "REQUEST_TIMEOUT": 0.5, "LOG_LEVEL": "CRITICAL"}
    )
    client, runtime = app.test_client(), get_runtime(app)
    t0 = time.monotonic()
    r = client.post("/extract", json={"text": "a-" * 25_000})  # a word a character: seconds of work
    waited = time.monotonic() - t0
    assert r.status_code == 503 and "longer than 0.5 s" in r.get_json()["detail"]
    assert waited < 0.5 + 1, waited
    wait_idle(runtime, bound_s=120)


def test_request_timeout_from_the_environment(monkeypatch, analyzers):
    monkeypatch.setenv("FAITS_REQUEST_TIMEOUT", "2.5")
    app = create_app({"ANALYZER_INSTANCE": analyzers("spacy"), "LOG_LEVEL": "CRITICAL"})
    assert get_runtime(app).settings.request_timeout == 2.5
    monkeypatch.delenv("FAITS_REQUEST_TIMEOUT")
    assert get_runtime(create_app({"ANALYZER_INSTANCE": analyzers("spacy")})).settings.request_timeout == 60


def test_one_analysis_at_a_time():
    runtime = Runtime(load({"REQUEST_TIMEOUT": 30}), object())
    state = {"now": 0, "most": 0}
    lock = threading.Lock()

    def job(i):
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(0.01)
        with lock:
            state["now"] -= 1
        return i * i, threading.current_thread().name

    results = {}
    threads = [threading.Thread(target=lambda i=i: results.__setitem__(i, runtime.run(job, i))) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert state["most"] == 1
    assert results == {i: (i * i, "analysis") for i in range(8)}


def test_errors_of_the_job_reach_the_caller_and_free_the_analyzer():
    runtime = Runtime(load({"REQUEST_TIMEOUT": 5}), object())

    def fails():
        raise ValueError("bad text")

    with pytest.raises(ValueError, match="bad text"):
        runtime.run(fails)
    assert not runtime.busy and runtime.run(lambda: 42) == 42


def test_timeout_raises_and_the_job_ends_on_its_own():
    runtime = Runtime(load({"REQUEST_TIMEOUT": 0.05}), object())
    done = threading.Event()

    def slow():
        done.wait(5)
        return "late"

    with pytest.raises(AnalysisTimeout, match="took longer"):
        runtime.run(slow)
    with pytest.raises(AnalysisTimeout, match="busy"):
        runtime.run(lambda: 1)
    done.set()
    wait_idle(runtime)
    assert runtime.run(lambda: 1) == 1
