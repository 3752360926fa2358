"""Command line (`faits`, or `python -m service.cli`).

faits extract INPUT... -o OUT.jsonl [--workers N] [--analyzer spacy] [--url URL] [--engine ray]
faits download-models --dir models/stanza
faits openapi --output openapi.yaml
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import yaml


def download_models(model_dir: str) -> None:
    """Stanford's official French models (default package), into `model_dir`. Needs the internet;
    the service itself never downloads anything."""
    import stanza

    from service.analyzers.stanza_analyzer import PROCESSORS

    stanza.download("fr", model_dir=model_dir, processors=PROCESSORS, package="default")


def openapi_document() -> str:
    from service import create_app

    # the document depends on the routes and models only: no analyzer is loaded for it
    app = create_app({"ANALYZER_INSTANCE": _NoAnalyzer()})
    return yaml.safe_dump(app.api_doc, allow_unicode=True, sort_keys=True)


class _NoAnalyzer:
    name = models = version = "none"


def _service_settings() -> dict:
    """The service's settings (FAITS_* in the environment): the command line's defaults."""
    from service import config

    return dict(config.from_env())


def _extract_parser(sub) -> None:
    e = sub.add_parser(
        "extract",
        help="extract the facts of an archive of documents into JSON Lines",
        description="One JSON line per document: what /extract answers for it (without "
        "meta.timings_ms), or its problem. Re-running with the same -o skips the "
        "ids already written.",
    )
    e.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=".txt files (one document each, its path as id), .jsonl files (id/text/reference_date "
        "a line), folders of them, or - for standard input",
    )
    e.add_argument("-o", "--output", required=True, help="JSON Lines file to append to (with --engine ray: a folder)")
    e.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes, each with its analyzer (--url: concurrent requests; --engine ray: actors); default: the cores",
    )
    # default: the service's setting (FAITS_ANALYZER, FAITS_STANZA_DIR...)
    e.add_argument("--analyzer", choices=("stanza", "spacy"))
    e.add_argument("--stanza-dir")
    e.add_argument("--spacy-model")
    e.add_argument("--max-chars", type=int, help="longer texts get a 413 problem")
    e.add_argument("--reference-date", type=_date, help="publication date of the documents that give none")
    e.add_argument("--batch-size", type=int, default=16, help="documents per analyzer call (or per request)")
    e.add_argument("--url", help="send the documents to this running service instead (API key: FAITS_API_KEY)")
    e.add_argument("--retries", type=int, default=5, help="--url: retries of a batch on 503 or a lost connection")
    e.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="ray: a Ray Data job (pip install 'faits[ray]'), locally or on --address",
    )
    e.add_argument("--address", help="--engine ray: the cluster, e.g. ray://head:10001 (default: a local Ray)")
    e.add_argument("--num-gpus", type=float, default=0, help="--engine ray: GPUs per actor")
    e.add_argument("--format", choices=("json", "parquet"), default="json", help="--engine ray: output files")


def _date(value: str) -> str:
    import datetime

    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None
    return value


def extract_command(a) -> int:
    from service import runs

    conf = _service_settings()
    settings = runs.Settings(
        a.analyzer or conf["ANALYZER"],
        a.stanza_dir or conf["STANZA_DIR"],
        a.spacy_model or conf["SPACY_MODEL"],
        a.max_chars or conf["MAX_CHARS"],
    )
    if a.engine == "ray":
        from service import ray_job

        ray_job.run(
            a.inputs,
            a.output,
            settings,
            actors=a.workers,
            batch_size=a.batch_size,
            address=a.address,
            num_gpus=a.num_gpus,
            fmt=a.format,
            reference_date=a.reference_date,
        )
        return 0
    return extract_local(a, settings)


def extract_local(a, settings) -> int:
    from tqdm import tqdm

    from service import archive, runs

    out = Path(a.output)
    done = archive.done_ids(out)
    # on a terminal only (disable=None): documents, documents/s, time left
    bar = tqdm(total=archive.count_inputs(a.inputs), unit="doc", disable=None, smoothing=0.1)
    skipped = 0

    def todo():
        nonlocal skipped
        for doc in archive.read_inputs(a.inputs, a.reference_date):
            if doc.id in done:
                skipped += 1
                if bar.total:
                    bar.total -= 1
                continue
            yield doc

    docs = todo()
    chunks = iter(lambda: list(itertools.islice(docs, max(1, a.batch_size))), [])
    loaded = runs.Loaded()
    written = problems = 0
    t0 = time.perf_counter()
    if a.url:
        results = runs.remote(chunks, a.url, os.environ.get("FAITS_API_KEY", ""), max(1, a.workers), a.retries)
    else:
        results = runs.local(chunks, settings, a.workers, loaded)
    status = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "a", encoding="utf-8") as f:
        try:
            for lines in results:
                for line in lines:
                    f.write(line + "\n")
                    problems += archive.line_status(line) != 200
                f.flush()  # a killed run loses the documents in flight, no more
                written += len(lines)
                bar.update(len(lines))
        except (runs.ServiceError, BrokenProcessPool) as e:
            print(f"faits: {e or 'a worker process died (see above)'}", file=sys.stderr)
            status = 1
    bar.close()
    end = time.perf_counter()
    elapsed, work = end - t0, end - (loaded.at or t0)  # work: from when every analyzer was loaded
    rate = f": {written / work:.2f} documents/s" if written and work > 0 else ""
    load = f" (analyzers loaded after {loaded.at - t0:.1f} s, then {work:.1f} s)" if loaded.at else ""
    print(
        f"faits: {written} documents written to {out} ({problems} problems), {skipped} already there, "
        f"in {elapsed:.1f} s{load}{rate}",
        file=sys.stderr,
    )
    return status


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="faits")
    sub = ap.add_subparsers(dest="cmd", required=True)
    _extract_parser(sub)
    d = sub.add_parser("download-models", help="fetch the official Stanza French models")
    d.add_argument("--dir", required=True)
    o = sub.add_parser("openapi", help="write the OpenAPI document generated from the code")
    o.add_argument("--output", default="-")
    a = ap.parse_args(argv)
    if a.cmd == "extract":
        return extract_command(a)
    if a.cmd == "download-models":
        download_models(a.dir)
    else:
        doc = openapi_document()
        if a.output == "-":
            sys.stdout.write(doc)
        else:
            with open(a.output, "w", encoding="utf-8") as f:
                f.write(doc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
