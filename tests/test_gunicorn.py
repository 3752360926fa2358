"""gunicorn for real, on a free loopback port, with the spaCy analyzer: a graceful stop lets the
request in flight finish; a killed worker is replaced and the service answers again."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from tools.loopback import Server, children, cpu_look, cpu_seconds, idle_between, post_json, request

LONG = (
    "Trois manifestants ont été interpellés samedi à Lyon par la police. "
    "Plus de 2 000 personnes ont défilé dans le centre-ville. "
) * 700  # ~90 000 characters


@pytest.fixture
def log(tmp_path):
    path = tmp_path / "gunicorn.log"
    yield path
    if os.environ.get("FAITS_SHOW_GUNICORN_LOG") and path.exists():
        print(path.read_text(errors="replace"))


def test_sigterm_lets_the_request_in_flight_finish(log):
    # a graceful timeout well above the request's few seconds, even on a slow machine
    server = Server(
        "spacy", workers=1, env={"FAITS_GRACEFUL_TIMEOUT": "90", "FAITS_MAX_BATCH_CHARS": "300000"}, log=log
    )
    with server:
        got = {}

        def call():
            docs = [{"id": str(i), "text": LONG} for i in range(3)]
            got["status"], got["body"] = post_json(server.port, "/extract/batch", {"documents": docs}, timeout=120)

        t = threading.Thread(target=call)
        t.start()
        time.sleep(1.0)  # the request is sent and accepted: the worker is busy parsing it
        assert t.is_alive(), "the long request ended before the signal: nothing is tested"
        server.proc.send_signal(signal.SIGTERM)
        t.join(120)
        assert not t.is_alive()
        assert got["status"] == 200
        assert [r["id"] for r in got["body"]["results"]] == ["0", "1", "2"]
        assert all(any(f["type"] == "crowd" for f in r["facts"]) for r in got["body"]["results"])
        assert server.proc.wait(60) == 0, "gunicorn stops by itself once the request is done"
        with pytest.raises(OSError):
            request(server.port, "GET", "/healthz", timeout=5)


def test_a_killed_worker_is_replaced(log):
    with Server("spacy", workers=1, env={"FAITS_LOAD": "eager"}, log=log) as server:
        [old] = server.worker_pids()
        os.kill(old, signal.SIGKILL)
        end = time.monotonic() + 60
        while time.monotonic() < end and server.worker_pids() in ([], [old]):
            time.sleep(0.1)
        [new] = server.worker_pids()
        assert new != old
        # the next request waits for the new worker (it loads its models before accepting), then succeeds
        status, body = post_json(server.port, "/extract", {"text": "Deux policiers ont été blessés à Nantes."})
        assert status == 200 and body["facts"][0]["kind"] == "injured"
        assert server.proc.poll() is None
        assert children(server.proc.pid) == [new]


@pytest.mark.models
def test_a_restarted_worker_takes_no_request_before_it_is_ready(log):
    """With the default FAITS_LOAD (eager) a worker loads its analyzer before its accept loop: while the
    replacement of a killed worker loads, the other worker answers everything (in the background, the
    replacement took requests and answered 503 to them)."""
    with Server("spacy", workers=2, log=log) as server:
        old = server.worker_pids()[0]
        os.kill(old, signal.SIGKILL)
        statuses, new, look = [], None, None
        end = time.monotonic() + 90
        while time.monotonic() < end:
            status, _ = post_json(server.port, "/extract", {"text": "Deux policiers ont été blessés à Nantes."})
            statuses.append(status)
            pids = [p for p in server.worker_pids() if p != old]
            if new is None and len(pids) == 2:
                new = max(pids)  # the replacement: the younger of the two
            if new is not None:
                now = cpu_look([new])
                if look is not None and now[0] - look[0] >= 1 and idle_between(look, now):
                    break  # loaded: it waits for requests
                if look is None or now[0] - look[0] >= 1:
                    look = now
        assert new is not None and len(statuses) >= 5, statuses
        assert set(statuses) == {200}, statuses
        # and the replacement serves once ready
        assert all(post_json(server.port, "/extract", {"text": "Bonjour."})[0] == 200 for _ in range(4))


def raw_exchange(port: int, data: bytes) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(data)
        out = b""
        while chunk := sock.recv(65536):
            out += chunk
    head, _, body = out.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.mark.models
def test_chunked_bodies_through_gunicorn(log):
    """gunicorn's own reader: a broken chunk size is a 400 (it reached the catch-all: 500), a chunked body
    over the byte limit a 413 (it was cut at the limit and read as invalid JSON)."""
    head = b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\nTransfer-Encoding: chunked\r\n\r\n"
    with Server("spacy", workers=1, env={"FAITS_MAX_CHARS": "1000"}, log=log) as server:
        limit = 12 * 1000 + 65_536
        good = json.dumps({"text": "Deux policiers ont été blessés à Nantes."}).encode()
        status, body = raw_exchange(
            server.port, head % b"application/json" + b"%x\r\n%s\r\n0\r\n\r\n" % (len(good), good)
        )
        assert status == 200 and b'"injured"' in body
        status, body = raw_exchange(server.port, head % b"application/json" + b"zz\r\n{}\r\n0\r\n\r\n")
        assert status == 400 and b"could not be read" in body
        for ctype, payload in ((b"application/json", good + b" " * limit), (b"text/plain", b"a" * (limit + 10))):
            chunks = b"".join(
                b"%x\r\n%s\r\n" % (len(payload[i : i + 8192]), payload[i : i + 8192])
                for i in range(0, len(payload), 8192)
            )
            status, body = raw_exchange(server.port, head % ctype + chunks + b"0\r\n\r\n")
            assert status == 413 and b"over %d bytes" % limit in body, body[:300]


def idle_for(pid: int, window_s: float) -> bool:
    before = cpu_look([pid])
    time.sleep(window_s)
    return idle_between(before, cpu_look([pid]))


def test_cpu_time_tells_a_busy_process_from_a_waiting_one():
    """What Server.wait_ready reads to know that every worker has loaded its models."""
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    waiting = subprocess.Popen(
        [sys.executable, "-c", "import time; print('up', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert waiting.stdout.readline() == "up\n"  # past its start-up
        assert idle_for(waiting.pid, 0.5)
        # a spinning process may share its core with others on a busy machine: a few looks, bounded
        assert any(not idle_for(busy.pid, 0.5) for _ in range(10))
    finally:
        for p in (busy, waiting):
            p.kill()
            p.wait()
    assert cpu_seconds(busy.pid) is None  # reaped: gone from /proc
