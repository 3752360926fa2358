"""The worst shapes of text within the limits, through the app, with each analyzer (make worst).

Each shape is a text of FAITS_MAX_CHARS characters (100 000 by default): long runs of one character
class without a space, runs of one-character words, sentences without an end, figures, dates. Each is
posted to /extract in process (validation, the analysis thread, the analyzer, the rules), with the time
limit raised so that the real time shows, and printed in seconds against FAITS_REQUEST_TIMEOUT, with the
longest time the interpreter was held (a waiting request cannot answer its 503 sooner than that), and
the CPU time of the process (on a busy machine the wall time is longer). Exit status 1 when a shape is
over the limit or answers anything but 200.

    python tools/worst.py [--analyzers spacy,stanza] [--chars 100000] [--shapes emoji,words]
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service import config, create_app  # noqa: E402
from service.analyzers import load_analyzer  # noqa: E402

SHAPES = {  # name -> the unit repeated up to the length
    "letters": "x",
    "digits": "7",
    "exclamation": "!",
    "guillemets": "«",
    "brackets": "(",
    "euro": "€",
    "percent": "%",
    "emoji": "🙂",
    "flags": "🇫🇷",
    "cjk": "北",
    "combining": "e\u0301",
    "zero-width": "a\u200b",
    "apostrophes": "l'",
    "dotted": "a.",
    "hyphens": "a-",
    "url": "https://exemple.fr/a?b=c&d=",
    "words": "a ",
    "punct-words": "! ",
    "bracket-words": "( ",
    "clauses": "le , ",
    "figures": "3 000 ",
    "letter-sentences": "A. ",
    "lines": "a\n",
    "no-end": "Trois manifestants et ",
    "news": "Plus de 2 000 personnes ont manifesté samedi 8 janvier à Lyon ; trois ont été interpellées. ",
    "dates": "le 8 janvier 2022, ",
}


class Stall:
    """The longest time a thread that sleeps 5 ms at a time waited past its sleep: how long the
    interpreter was held by native code that does not let it go."""

    def __init__(self):
        self.worst, self._stop = 0.0, threading.Event()
        self._thread = threading.Thread(target=self._tick, daemon=True)

    def _tick(self):
        while not self._stop.is_set():
            t0 = time.perf_counter()
            time.sleep(0.005)
            self.worst = max(self.worst, time.perf_counter() - t0 - 0.005)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def shape(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def main(argv=None) -> int:
    settings = config.load()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--analyzers", default="spacy,stanza")
    ap.add_argument("--chars", type=int, default=settings.max_chars)
    ap.add_argument("--shapes", default=",".join(SHAPES), help=f"among: {', '.join(SHAPES)}")
    a = ap.parse_args(argv)
    limit = settings.request_timeout
    names = a.shapes.split(",")
    print(
        f"{a.chars} characters a shape; limit {limit:g} s (FAITS_REQUEST_TIMEOUT); {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    bad = []
    for name in a.analyzers.split(","):
        analyzer = load_analyzer(
            name, stanza_dir=settings.stanza_dir, spacy_model=settings.spacy_model, torch_threads=settings.torch_threads
        )
        app = create_app(
            {
                "ANALYZER_INSTANCE": analyzer,
                "MAX_CHARS": a.chars,
                "REQUEST_TIMEOUT": 20 * limit,
                "TIMEOUT": int(21 * limit),
                "LOG_LEVEL": "CRITICAL",
            }
        )
        client = app.test_client()
        for shape_name in names:
            text = shape(SHAPES[shape_name], a.chars)
            with Stall() as stall:
                t0, cpu0 = time.perf_counter(), time.process_time()
                r = client.post("/extract", json={"text": text})
                seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
            ok = r.status_code == 200 and seconds < limit
            if not ok:
                bad.append(f"{name}/{shape_name}")
            got = r.get_json() if r.status_code == 200 else {}
            stages = (
                " ".join(f"{k} {v / 1000:5.1f}" for k, v in got["meta"]["timings_ms"].items() if k != "total")
                if got
                else ""
            )
            print(
                f"{name:7} {shape_name:17} {seconds:6.1f} s (cpu {cpu:5.1f})  held {stall.worst:5.2f} s  "
                f"{r.status_code}  "
                f"{stages}  facts {len(got.get('facts', []))}  {'ok' if ok else 'OVER'}",
                flush=True,
            )
    print(f"worst: {'all under the limit' if not bad else 'over the limit: ' + ', '.join(bad)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
