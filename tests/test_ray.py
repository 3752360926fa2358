"""`faits extract --engine ray`: a local Ray (2 CPUs, one actor) on 20 development documents with spaCy
writes the lines the in-process command line writes, and a re-run skips them all."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import ray

from service import cli, ray_job, runs
from tests.conftest import shared


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING")
    yield
    ray.shutdown()


@pytest.fixture
def twenty(tmp_path) -> Path:
    """The first 20 documents of dev.jsonl + dev2.jsonl, in a file of the test's own (never in the repo)."""
    dev = [shared("eval", "dev.jsonl"), shared("eval", "dev2.jsonl")]
    every = (line for f in dev for line in f.read_text(encoding="utf-8").splitlines() if line.strip())
    lines = itertools.islice(every, 20)
    path = tmp_path / "twenty.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ray_lines(folder: Path) -> list[str]:
    return sorted(line for f in folder.glob("*.jsonl") for line in f.read_text(encoding="utf-8").splitlines())


def test_ray_job_writes_the_command_lines_lines(local_ray, twenty, tmp_path, analyzers, monkeypatch):
    settings = runs.Settings("spacy", "", "fr_core_news_md", max_chars=100_000)
    out = tmp_path / "ray-out"
    figures = ray_job.run([str(twenty)], str(out), settings, actors=1, batch_size=8)
    assert figures["written"] == 20 and figures["skipped"] == 0
    # the in-process command line on the same file (the session's analyzer: the same model)
    monkeypatch.setattr(runs.Settings, "load", lambda self: analyzers("spacy"))
    local = tmp_path / "local.jsonl"
    assert cli.main(["extract", str(twenty), "-o", str(local), "--analyzer", "spacy", "--workers", "1"]) == 0
    expected = local.read_text(encoding="utf-8").splitlines()
    assert len(expected) == 20 and ray_lines(out) == sorted(expected)
    # resumed: every id is in the folder already, nothing is written again
    again = ray_job.run([str(twenty)], str(out), settings, actors=1, batch_size=8)
    assert again["written"] == 0 and again["skipped"] == 20
    assert ray_lines(out) == sorted(expected)


def test_ray_reads_json_lines_only(tmp_path):
    (tmp_path / "a.txt").write_text("Deux blessés.", encoding="utf-8")
    settings = runs.Settings("spacy", "", "fr_core_news_md", max_chars=100_000)
    with pytest.raises(SystemExit, match="JSON Lines"):
        ray_job.run([str(tmp_path / "a.txt")], str(tmp_path / "out"), settings, actors=1, batch_size=8)
