"""gunicorn serving this project on a free loopback port, and a small HTTP client for it.

Used by tests/test_gunicorn.py, tools/bench.py and tools/load.py. Everything here talks to
127.0.0.1 only, and every wait is bounded.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
IDLE_SHARE = 0.2  # a worker using less of a core than this between two looks is waiting, not loading


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | str | None = None,
    headers: Optional[dict] = None,
    timeout: float = 120,
) -> tuple[int, dict, bytes]:
    """One request on a new connection: (status, headers, body)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body.encode() if isinstance(body, str) else body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def post_json(port: int, path: str, payload, timeout: float = 120) -> tuple[int, dict]:
    status, _, data = request(
        port, "POST", path, json.dumps(payload, ensure_ascii=False), {"Content-Type": "application/json"}, timeout
    )
    return status, json.loads(data) if data else {}


def _stat(pid: int | str) -> Optional[list[str]]:
    """The fields of /proc/PID/stat from the third on (state, ppid, ...), or None if it is gone."""
    try:
        # the command may hold spaces and parentheses: fields after the last ')'
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def children(pid: int) -> list[int]:
    """Processes whose parent is pid (gunicorn's workers), read from /proc."""
    return sorted(
        int(e.name)
        for e in Path("/proc").iterdir()
        if e.name.isdigit() and (f := _stat(e.name)) is not None and int(f[1]) == pid
    )


def cpu_seconds(pid: int) -> Optional[float]:
    """CPU time the process has used (user + system), or None if it is gone."""
    f = _stat(pid)
    return None if f is None else (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")


CpuLook = tuple[float, dict[int, Optional[float]]]  # (when, CPU seconds of each process)


def cpu_look(pids: list[int]) -> CpuLook:
    return time.monotonic(), {pid: cpu_seconds(pid) for pid in pids}


def idle_between(before: CpuLook, after: CpuLook) -> bool:
    """Every process of `after` was there at `before` and used under IDLE_SHARE of a core in between."""
    (t0, used), (t1, cpu) = before, after
    return all(
        t is not None and used.get(pid) is not None and t - used[pid] <= IDLE_SHARE * (t1 - t0)
        for pid, t in cpu.items()
    )


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class Server:
    """`with Server(analyzer="spacy", workers=2) as s:` gunicorn with gunicorn.conf.py, ready to serve."""

    def __init__(
        self, analyzer: str = "spacy", workers: int = 1, env: Optional[dict] = None, log: Optional[Path] = None
    ):
        self.port = free_port()
        self.log_path = log or Path(os.devnull)
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "FAITS_ANALYZER": analyzer,
            "FAITS_WORKERS": str(workers),
            "FAITS_BIND": f"{HOST}:{self.port}",
            "FAITS_LOG_LEVEL": "WARNING",
            **(env or {}),
        }
        self.env.setdefault("FAITS_STANZA_DIR", str(ROOT.parent / "shared" / "models" / "stanza-fr-mini"))
        self.workers = workers
        self.proc: Optional[subprocess.Popen] = None
        self._log = None

    def __enter__(self) -> Server:
        self.start()
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "service.wsgi:app"],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, bound_s: float = 300) -> None:
        """Until /readyz says 200 and every worker is up and idle, a few times in a row. /readyz alone
        cannot tell: the worker that answers is whichever accepts, and a worker still loading its
        models may answer none of them; a loading worker is busy, a loaded one waits."""
        end, in_a_row, last = time.monotonic() + bound_s, 0, cpu_look([])
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log_path}")
            try:
                ok = request(self.port, "GET", "/readyz", timeout=30)[0] == 200
            except OSError:
                ok = False
            look = cpu_look(self.worker_pids())
            idle = len(look[1]) == self.workers and idle_between(last, look)
            last = look
            in_a_row = in_a_row + 1 if ok and idle else 0
            if in_a_row >= 4:  # about a second: a load that waits on the disk does not wait that long
                return
            time.sleep(0.25)
        raise TimeoutError(f"gunicorn not ready after {bound_s} s; see {self.log_path}")

    def worker_pids(self) -> list[int]:
        return children(self.proc.pid) if self.proc else []

    def stop(self, bound_s: float = 45) -> Optional[int]:
        """SIGTERM (graceful), then SIGKILL for whatever is left: the master and its workers."""
        if self.proc is None:
            return None
        workers = self.worker_pids()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(bound_s)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self._log:
            self._log.close()
        return self.proc.returncode
