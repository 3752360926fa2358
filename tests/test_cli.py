"""`faits extract`: the lines equal what /extract answers (minus meta.timings_ms), input order, bad
documents recorded without stopping the run, resuming by id, worker processes, --url with retries."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from werkzeug.serving import make_server

from service import archive, cli, create_app, runs

ROOT = Path(__file__).resolve().parents[1]
DOCS = [
    {"id": "a1", "text": "Mardi, la gendarmerie a interpellé trois militants à Brest.", "reference_date": "2025-02-13"},
    {"id": "a2", "text": "Plus de 4 000 personnes ont manifesté dimanche à Metz contre la fermeture de l'usine."},
    {
        "id": "a3",
        "text": "Selon les pompiers, deux randonneurs auraient été blessés près de Chamonix.",
        "source": "ignored field",
        "facts": [],
    },
    {"id": "a4", "text": "Il fait beau sur la Bretagne."},
]
TIMINGS = re.compile(r',"timings_ms":\{[^{}]*\}')


@pytest.fixture
def one_analyzer(analyzers, monkeypatch):
    """The CLI's in-process runs use the session's spaCy analyzer instead of loading another."""
    monkeypatch.setattr(runs.Settings, "load", lambda self: analyzers("spacy"))


def write_jsonl(path: Path, rows, extra_lines=()) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in rows] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_cli(*args) -> int:
    return cli.main(["extract", *map(str, args), "--analyzer", "spacy"])


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_lines_are_the_bytes_of_extract_without_timings(tmp_path, one_analyzer, client):
    src = write_jsonl(tmp_path / "in.jsonl", DOCS)
    out = tmp_path / "out.jsonl"
    assert run_cli(src, "-o", out, "--workers", "1") == 0
    lines = read_lines(out)
    assert [json.loads(line)["id"] for line in lines] == ["a1", "a2", "a3", "a4"]  # input order
    for doc, line in zip(DOCS, lines):
        body = {k: doc[k] for k in ("id", "text", "reference_date") if k in doc}
        r = client.post("/extract", json=body)
        assert r.status_code == 200
        assert TIMINGS.search(r.get_data(as_text=True))
        assert TIMINGS.sub("", r.get_data(as_text=True)) == line
    assert json.loads(lines[0])["facts"][0]["type"] == "arrest"
    assert json.loads(lines[1])["facts"][0]["count"]["value"] == 4000


def test_bad_documents_are_recorded_and_the_run_goes_on(tmp_path, one_analyzer, client, monkeypatch):
    too_long = "Deux policiers ont été blessés. " * 200  # over the test app's MAX_CHARS (5000)
    rows = [
        {"id": "empty", "text": "   "},
        {"id": "long", "text": too_long},
        {"id": "date", "text": "Un blessé.", "reference_date": "hier"},
        {"id": "boom", "text": "BOOM: deux morts à Lille."},
        DOCS[0],
    ]
    src = write_jsonl(tmp_path / "in.jsonl", rows, extra_lines=['{"id": "cut", "text": "no end', "[1, 2]"])
    real = archive.respond

    def fragile(analyzer, reqs, t0):  # the library fails on one text: only that document fails
        if any("BOOM" in r.text for r in reqs):
            raise RuntimeError("parser crashed")
        return real(analyzer, reqs, t0)

    monkeypatch.setattr(archive, "respond", fragile)
    out = tmp_path / "out.jsonl"
    assert run_cli(src, "-o", out, "--workers", "1", "--max-chars", "5000") == 0
    got = [json.loads(line) for line in read_lines(out)]
    assert [g.get("status", 200) for g in got] == [422, 413, 422, 500, 200, 400, 422]
    assert got[3]["id"] == "boom" and "parser crashed" in got[3]["detail"]
    assert got[4]["id"] == "a1" and got[4]["facts"]
    # a problem line holds what /extract says of the same document (its detail, its field errors)
    for row, line in zip(rows[:3], got):
        r = client.post("/extract", json=row)
        problem = r.get_json()
        del problem["request_id"]
        assert r.status_code == line["status"] and {"id": row["id"], **problem} == line
    # documents without a usable id get a digest of their text (or line) as id, stable from run to run
    assert got[5]["id"].startswith("sha256:") and got[6]["id"].startswith("sha256:")
    assert got[5]["id"] == archive.default_id('{"id": "cut", "text": "no end')


def test_rerun_skips_done_ids_and_redoes_a_line_cut_short(tmp_path, one_analyzer, monkeypatch):
    src = write_jsonl(tmp_path / "in.jsonl", DOCS)
    out = tmp_path / "out.jsonl"
    assert run_cli(src, "-o", out, "--workers", "1") == 0
    full = out.read_bytes()
    processed = []
    real = archive.process
    monkeypatch.setattr(archive, "process", lambda a, docs, m: processed.extend(d.id for d in docs) or real(a, docs, m))
    assert run_cli(src, "-o", out, "--workers", "1") == 0
    assert processed == [] and out.read_bytes() == full
    # a run killed while writing a3: a2's line is whole, a3's is cut, a4 is missing
    lines = full.decode().splitlines(keepends=True)
    out.write_bytes("".join(lines[:2]).encode() + lines[2].encode()[:40])
    assert run_cli(src, "-o", out, "--workers", "1") == 0
    assert processed == ["a3", "a4"]
    assert out.read_bytes() == full


def test_worker_processes_give_the_same_lines_in_order(tmp_path, one_analyzer):
    """Two spawned processes, each loading spaCy itself (the monkeypatch does not reach them)."""
    rows = [dict(d, id=f"{d['id']}-{n}") for n in range(2) for d in DOCS]
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    assert run_cli(src, "-o", tmp_path / "one.jsonl", "--workers", "1", "--batch-size", "3") == 0
    assert run_cli(src, "-o", tmp_path / "two.jsonl", "--workers", "2", "--batch-size", "3") == 0
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


def test_text_files_folders_and_stdin_without_a_bar_when_piped(tmp_path):
    folder = tmp_path / "articles"
    (folder / "2025").mkdir(parents=True)
    (folder / "2025" / "b.txt").write_text("Trois soldats ont été tués dans une embuscade.", encoding="utf-8")
    (folder / "a.txt").write_text("La police a arrêté deux suspects jeudi à Nice.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    faits = Path(sys.executable).with_name("faits")  # the console script of pyproject.toml
    proc = subprocess.run(
        [
            str(faits),
            "extract",
            str(folder),
            "-",
            "-o",
            str(out),
            "--analyzer",
            "spacy",
            "--workers",
            "1",
            "--reference-date",
            "2025-03-07",
        ],
        input="Cinq manifestants ont été interpellés samedi.",
        text=True,
        capture_output=True,
        timeout=300,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    got = [json.loads(line) for line in read_lines(out)]
    assert [g["id"] for g in got] == [str(folder / "2025" / "b.txt"), str(folder / "a.txt"), "stdin"]
    assert [g["facts"][0]["type"] for g in got] == ["casualties", "arrest", "arrest"]
    assert got[2]["dates"][0]["value"] == "2025-03-01"  # samedi, before the reference date
    # stderr is a pipe: no progress bar, only the closing summary
    assert "doc/s" not in proc.stderr and "\r" not in proc.stderr
    assert "3 documents written" in proc.stderr


class FlakyFront:
    """WSGI in front of the app: the first batch request gets a 503 with Retry-After: 0."""

    def __init__(self, app):
        self.app, self.calls = app, []

    def __call__(self, environ, start_response):
        self.calls.append(environ["PATH_INFO"])
        if len(self.calls) == 1:
            start_response(
                "503 Service Unavailable", [("Retry-After", "0"), ("Content-Type", "application/problem+json")]
            )
            return [b'{"title": "Service Unavailable", "status": 503, "detail": "loading"}']
        return self.app(environ, start_response)


def test_url_mode_retries_503_and_writes_the_same_lines(tmp_path, analyzers, one_analyzer, monkeypatch):
    src = write_jsonl(tmp_path / "in.jsonl", DOCS + [{"id": "empty", "text": ""}])
    assert run_cli(src, "-o", tmp_path / "local.jsonl", "--workers", "1") == 0
    app = create_app({"ANALYZER_INSTANCE": analyzers("spacy"), "API_KEY": "s3cret", "LOG_LEVEL": "WARNING"})
    front = FlakyFront(app)
    server = make_server("127.0.0.1", 0, front, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        monkeypatch.setenv("FAITS_API_KEY", "s3cret")
        assert run_cli(src, "-o", tmp_path / "remote.jsonl", "--url", url, "--workers", "1", "--batch-size", "3") == 0
        assert front.calls == ["/extract/batch"] * 3  # the 503, then its retry, then the second batch
        assert (tmp_path / "remote.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
        # a wrong key stops the run with a message; nothing is written
        monkeypatch.setenv("FAITS_API_KEY", "wrong")
        assert run_cli(src, "-o", tmp_path / "denied.jsonl", "--url", url, "--workers", "1") == 1
        assert read_lines(tmp_path / "denied.jsonl") == []
    finally:
        server.shutdown()
        thread.join(10)


def test_existing_subcommands_still_work(tmp_path):
    out = tmp_path / "openapi.yaml"
    assert cli.main(["openapi", "--output", str(out)]) == 0  # what `make openapi` runs
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert {"/extract", "/extract/batch", "/healthz", "/readyz"} <= set(doc["paths"])
    assert "/metrics" not in doc["paths"] and "/" not in doc["paths"]  # not part of the JSON API
