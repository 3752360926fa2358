"""`faits extract --engine ray`: the same extraction as a Ray Data job, on a laptop or a cluster.

    read_text (JSON Lines) -> map_batches(Extractor, an actor pool: each actor loads the analyzer once)
    -> one JSON Lines file per block (the command line's lines), or Parquet (id, status, response)

The lines are read as text and each is read as JSON by the actors (archive.from_line, as the command
line does), not by read_json: Arrow's JSON reader types the columns for the whole file (a date-like
reference_date becomes a timestamp) and one malformed line fails the job, where a bad document must only
get its problem line. Ids already in the output folder are skipped, so a re-run resumes.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import Optional

from service import archive

ONE_THREAD = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class Extractor:
    """One actor of the pool: its analyzer, loaded once, then batch after batch of lines."""

    def __init__(self, settings, done: frozenset, reference_date: Optional[str]):
        self.settings, self.done, self.reference_date = settings, done, reference_date
        self.analyzer = settings.load()  # one torch thread (settings.torch_threads)

    def __call__(self, batch):
        import pyarrow as pa

        docs = [archive.from_line(line, self.reference_date) for line in batch["text"].to_pylist()]
        docs = [d for d in docs if d.id not in self.done]
        lines = archive.process(self.analyzer, docs, self.settings.max_chars) if docs else []
        status = [archive.line_status(line) for line in lines]
        return pa.table(
            {
                "id": pa.array([d.id for d in docs], pa.string()),
                "status": pa.array(status, pa.int32()),
                "response": pa.array(lines, pa.string()),
            }
        )


def _datasink(path: str):
    from ray.data.datasource import BlockBasedFileDatasink

    class JsonLines(BlockBasedFileDatasink):
        """The `response` column, one line each: the same lines as the command line writes."""

        def __init__(self, path: str):
            super().__init__(path, file_format="jsonl")

        def write_block_to_file(self, block, file):
            lines = block.to_arrow().column("response").to_pylist()
            file.write("".join(line + "\n" for line in lines).encode("utf-8"))

    return JsonLines(path)


def _filesystem(location: str):
    """(filesystem, path) of a local path or a URI (s3://, gs://...: what every node of a cluster sees)."""
    import pyarrow.fs as pafs

    if "://" in location:
        return pafs.FileSystem.from_uri(location)
    return pafs.LocalFileSystem(), str(Path(location).resolve())


def done_ids(output: str, fmt: str) -> set[str]:
    """The ids in the output folder's files. A local JSON Lines file cut short by a killed job is cut back
    to its last whole line, as the command line does."""
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    fs, root = _filesystem(output)
    files = sorted(
        f.path for f in fs.get_file_info(pafs.FileSelector(root, allow_not_found=True)) if f.type == pafs.FileType.File
    )
    ids: set[str] = set()
    for path in files:
        if fmt == "parquet" and path.endswith(".parquet"):
            ids.update(pq.read_table(path, columns=["id"], filesystem=fs)["id"].to_pylist())
        elif fmt == "json" and path.endswith(".jsonl"):
            if isinstance(fs, pafs.LocalFileSystem):
                ids |= archive.done_ids(Path(path))
            else:
                with fs.open_input_stream(path) as f:
                    ids |= archive.ids_in(f.read())
    return ids


def _inputs(inputs: list[str]) -> list[str]:
    paths = []
    for name in inputs:
        if "://" in name:
            paths.append(name)
            continue
        p = Path(name)
        if name == "-" or not (p.is_dir() or p.suffix == ".jsonl"):
            raise SystemExit(f"faits: --engine ray reads JSON Lines files or folders of them, not {name!r}")
        paths.append(str(p.resolve()))
    return paths


def run(
    inputs: list[str],
    output: str,
    settings,
    *,
    actors: int,
    batch_size: int,
    address: Optional[str] = None,
    num_gpus: float = 0,
    fmt: str = "json",
    reference_date: Optional[str] = None,
) -> dict:
    """The job; returns its figures (documents written, seconds). Without `address` and with no Ray
    running yet, Ray starts here, on this machine."""
    import ray

    paths = _inputs(inputs)
    out = output if "://" in output else str(Path(output).resolve())
    done = done_ids(out, fmt)
    if not ray.is_initialized():
        # locally, a CPU more than the actors: the reading and writing tasks run beside them
        num_cpus = None if address else max(actors + 1, os.cpu_count() or 1)
        ray.init(address=address, num_cpus=num_cpus, include_dashboard=False, logging_level=logging.WARNING)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = sys.stderr.isatty()
    t0 = time.perf_counter()
    ds = ray.data.read_text(paths, file_extensions=["jsonl"], num_cpus=0.25)
    ds = ds.map_batches(
        Extractor,
        fn_constructor_args=(settings, frozenset(done), reference_date),
        batch_format="pyarrow",
        batch_size=batch_size,
        compute=ray.data.ActorPoolStrategy(size=actors),
        num_cpus=1,
        num_gpus=num_gpus or None,
        runtime_env={"env_vars": ONE_THREAD},
    )
    if fmt == "parquet":
        ds.write_parquet(out, ray_remote_args={"num_cpus": 0.25})
    else:
        ds.write_datasink(_datasink(out), ray_remote_args={"num_cpus": 0.25})
    elapsed = time.perf_counter() - t0
    written = len(done_ids(out, fmt)) - len(done)
    print(
        f"faits: {written} documents written to {out} ({len(done)} already there), {actors} actor(s), "
        f"in {elapsed:.1f} s: {written / elapsed:.2f} documents/s (analyzers' loading included)",
        file=sys.stderr,
    )
    return {"written": written, "skipped": len(done), "seconds": elapsed}
