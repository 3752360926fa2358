"""deploy/nginx.conf in front of gunicorn, for real on loopback ports: slow clients no longer starve the
service, nginx's own errors are problem details, an instance that stops loses no request, and its limits
follow the service's settings. nginx is installed by .ci/run (apt); without it these tests are skipped."""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from service import config
from tests.conftest import ROOT
from tools.loopback import HOST, Server, free_port, post_json, request

NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
CONF = ROOT / "deploy" / "nginx.conf"
TEXT = "Trois manifestants ont été interpellés samedi à Lyon par la police."
needs_nginx = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (.ci/run installs it)")


def sizes_kib() -> dict[str, int]:
    """client_max_body_size of the server (the /extract limit) and of location = /extract/batch."""
    text = CONF.read_text(encoding="utf-8")
    server = re.search(r"\n        client_max_body_size (\d+)k;", text)
    batch = re.search(r"location = /extract/batch \{[^}]*client_max_body_size (\d+)k;", text)
    return {"extract": int(server.group(1)), "batch": int(batch.group(1))}


def test_body_sizes_follow_the_service_limits():
    """nginx's limit is a last resort just above the service's: the service's 413 says why."""
    settings = config.load()
    for route, limit in (("extract", settings.body_limit), ("batch", settings.batch_body_limit)):
        assert limit <= sizes_kib()[route] * 1024 < limit + 4096, route
    text = CONF.read_text(encoding="utf-8")
    read_timeout = int(re.search(r"proxy_read_timeout (\d+)s;", text).group(1))
    assert settings.request_timeout < read_timeout < settings.timeout


class Nginx:
    """nginx with deploy/nginx.conf, its upstream and port rewritten to loopback ones."""

    def __init__(self, upstreams: list[int], tmp: Path):
        self.port, self.tmp = free_port(), tmp
        text = CONF.read_text(encoding="utf-8")
        servers = " ".join(f"server {HOST}:{p};" for p in upstreams)
        conf = text.replace("server faits:8000;", servers).replace("listen 8080;", f"listen {HOST}:{self.port};")
        assert conf.count(f"{HOST}:") == len(upstreams) + 1, "deploy/nginx.conf changed its upstream or listen line"
        (tmp / "logs").mkdir(exist_ok=True)
        self.conf = tmp / "nginx.conf"
        self.conf.write_text(conf.replace("http {", f"http {{\n    access_log {tmp}/access.log;", 1))
        self.proc = None

    def __enter__(self):
        self.proc = subprocess.Popen(
            [
                NGINX,
                "-p",
                str(self.tmp),
                "-c",
                str(self.conf),
                "-g",
                f"daemon off; pid {self.tmp}/nginx.pid; error_log {self.tmp}/error.log;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        end = time.monotonic() + 20
        while time.monotonic() < end:
            try:
                socket.create_connection((HOST, self.port), timeout=1).close()
                return self
            except OSError:
                assert self.proc.poll() is None, (self.tmp / "error.log").read_text(errors="replace")
                time.sleep(0.1)
        raise TimeoutError("nginx did not start")

    def __exit__(self, *exc):
        self.proc.send_signal(signal.SIGQUIT)  # graceful
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nginx")
    with Server("spacy", workers=1, log=tmp / "gunicorn.log") as server, Nginx([server.port], tmp) as proxy:
        yield server, proxy


def raw(port: int, data: bytes, timeout: float = 10) -> bytes:
    with socket.create_connection((HOST, port), timeout=timeout) as s:
        s.sendall(data)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
        return out


def head_and_body(response: bytes) -> tuple[int, dict, bytes]:
    head, _, body = response.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


@needs_nginx
@pytest.mark.models
def test_slow_clients_do_not_starve_the_service(stack):
    """50 clients sending one header line every 5 s held gunicorn's sync workers (and /healthz) for a minute;
    nginx holds them instead, and drops them at client_header_timeout (10 s)."""
    _, proxy = stack
    slow = []
    for _ in range(50):
        s = socket.create_connection((HOST, proxy.port), timeout=30)
        s.sendall(b"POST /extract HTTP/1.1\r\nHost: faits\r\n")
        slow.append(s)
    waits, t_end = [], time.monotonic() + 12
    while time.monotonic() < t_end:
        for s in slow:
            try:
                s.sendall(b"X-Slow: 1\r\n")
            except OSError:
                pass  # already dropped by nginx
        for _ in range(4):
            t0 = time.monotonic()
            status, _, body = request(proxy.port, "GET", "/healthz", timeout=10)
            waits.append(time.monotonic() - t0)
            assert status == 200 and b'"ok"' in body
        status, body = post_json(proxy.port, "/extract", {"text": TEXT}, timeout=30)
        assert status == 200 and body["facts"][0]["type"] == "arrest"
        time.sleep(1)
    assert max(waits) < 2, waits
    dropped = 0
    for s in slow:
        try:
            s.settimeout(5)
            dropped += s.recv(1024) == b""  # closed without a response (nginx's 408)
        except OSError:
            dropped += 1
        finally:
            s.close()
    assert dropped == 50


@needs_nginx
@pytest.mark.models
@pytest.mark.parametrize(
    "data,status",
    [
        (b"GET /healthz HTTP/1.1\r\nHost: faits\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n", 431),
        (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: faits\r\n\r\n", 414),
        (
            b"POST /extract HTTP/1.1\r\nHost: faits\r\nContent-Type: application/json\r\n"
            b"Content-Length: 2000000\r\n\r\n",
            413,
        ),
        (
            b"POST /extract/batch HTTP/1.1\r\nHost: faits\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1800000\r\n\r\n",
            413,
        ),
        (
            b"POST /extract HTTP/1.1\r\nHost: faits\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
            b"zz\r\n{}\r\n0\r\n\r\n",
            400,
        ),
        (b"NOT HTTP AT ALL\r\n\r\n", 400),
    ],
)
def test_errors_of_the_proxy_are_problems(stack, data, status):
    """What gunicorn would answer in HTML (431, 414, a broken request), nginx answers in the service's
    envelope."""
    got, headers, body = head_and_body(raw(stack[1].port, data))
    assert got == status
    assert headers["content-type"] == "application/problem+json"
    assert f'"status": {status}'.encode() in body and b"<html" not in body


@needs_nginx
@pytest.mark.models
def test_the_service_answers_through_the_proxy(stack):
    server, proxy = stack
    # a chunked body reaches gunicorn whole (nginx buffers it), and the service's own problems pass through
    body = b'{"text": "Trois manifestants ont \\u00e9t\\u00e9 interpell\\u00e9s \\u00e0 Lyon."}'
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    status, _, got = head_and_body(
        raw(
            proxy.port,
            b"POST /extract HTTP/1.1\r\nHost: faits\r\nConnection: close\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
            b"\r\n" + chunked,
        )
    )
    assert status == 200 and b'"arrest"' in got
    status, headers, got = request(
        proxy.port, "POST", "/extract", "{not json", {"Content-Type": "application/json", "X-Request-ID": "via-proxy"}
    )
    assert status == 400 and b"not valid JSON" in got and headers["x-request-id"] == "via-proxy"
    assert request(proxy.port, "GET", "/readyz")[0] == 200


@needs_nginx
@pytest.mark.models
def test_stopping_an_instance_loses_no_request(tmp_path):
    """SIGTERM to one of two instances under load: it finishes what it accepted, resets what waited in its
    listen queue, and nginx sends those to the other. Every client gets its 200."""
    with (
        Server("spacy", workers=1, log=tmp_path / "a.log") as a,
        Server("spacy", workers=1, log=tmp_path / "b.log") as b,
        Nginx([a.port, b.port], tmp_path) as proxy,
    ):
        statuses, stop = [], threading.Event()

        def client():
            while not stop.is_set():
                try:
                    statuses.append(post_json(proxy.port, "/extract", {"text": TEXT}, timeout=60)[0])
                except OSError as e:
                    statuses.append(type(e).__name__)

        threads = [threading.Thread(target=client) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(3)
        before = len(statuses)
        a.proc.send_signal(signal.SIGTERM)
        assert a.proc.wait(60) == 0
        time.sleep(3)
        stop.set()
        for t in threads:
            t.join(60)
        assert before > 0 and len(statuses) > before + 4, statuses
        assert set(statuses) == {200}, statuses
        assert b.proc.poll() is None
