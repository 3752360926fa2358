"""A bounded load test of faits through gunicorn on 127.0.0.1 (make load).

For each analyzer, a server with one worker per core gets a mix of good requests (single sentences
and whole articles from ../shared/eval/dev.jsonl, JSON and text/plain, small batches) and bad ones
(malformed JSON, wrong content type, empty text, too long, wrong fields, bad batches, wrong method
or path), from several client threads, until the request count is reached or the time is up (5
minutes in all at most). It counts every status that is not the one expected (there must be none),
and compares each worker's RSS after the warm-up with the end (it must grow less than 10 %). The
warm-up is every sentence and article of the mix and a batch, parsed by every worker, then the first
20 % of the mixed requests: a worker's memory grows with the distinct inputs it has seen (Stanza:
by about a third over its first 600 mixed requests without this warm-up) and then levels off. The
RSS of each worker is also sampled at every tenth of the requests. Prints figures, then one
JSON line.

    python tools/load.py [--requests spacy=10000,stanza=1500] [--budget-s 290]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.loopback import ROOT, Server, post_json, request, rss_kib  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
MAX_CHARS = 20_000  # the server's limit here: "too long" stays cheap to send
CORES = os.cpu_count() or 1
JSON = {"Content-Type": "application/json"}
COST = collections.defaultdict(lambda: 1, stanza=5)  # time per request, relative to spaCy's
WARM_SHARE = 0.2  # of the mixed requests, warm-up too


def split_sentences(articles: list[dict]) -> list[str]:
    return [s for a in articles for s in re.split(r"(?<=[.!?])\s+", a["text"]) if len(s) > 20]


def build_mix(articles: list[dict]) -> list[tuple[str, float, callable]]:
    """(kind, weight, make(rng) -> (method, path, body, headers, expected status))."""
    sentences = split_sentences(articles)

    def js(obj):
        return json.dumps(obj, ensure_ascii=False)

    return [
        ("sentence", 40, lambda r: ("POST", "/extract", js({"text": r.choice(sentences)}), JSON, 200)),
        (
            "sentence_plain",
            8,
            lambda r: (
                "POST",
                "/extract?reference_date=2022-01-08",
                r.choice(sentences),
                {"Content-Type": "text/plain; charset=utf-8"},
                200,
            ),
        ),
        ("article", 6, lambda r: ("POST", "/extract", js(r.choice(articles)), JSON, 200)),
        (
            "batch",
            3,
            lambda r: (
                "POST",
                "/extract/batch",
                js({"documents": [{"text": s} for s in r.sample(sentences, 3)] + [{"text": ""}]}),
                JSON,
                200,
            ),
        ),
        ("healthz", 3, lambda r: ("GET", "/healthz", None, {}, 200)),
        ("malformed_json", 8, lambda r: ("POST", "/extract", '{"text": "Trois' + "{" * r.randint(0, 9), JSON, 400)),
        (
            "bad_utf8",
            3,
            lambda r: ("POST", "/extract", b"\xff\xfe" + os.urandom(8), {"Content-Type": "text/plain"}, 400),
        ),
        ("wrong_content_type", 6, lambda r: ("POST", "/extract", "<p>Bonjour</p>", {"Content-Type": "text/html"}, 415)),
        ("empty_text", 6, lambda r: ("POST", "/extract", js({"text": r.choice(["", " ", "\n\t"])}), JSON, 422)),
        ("too_long", 4, lambda r: ("POST", "/extract", js({"text": "a" * (MAX_CHARS + r.randint(1, 500))}), JSON, 413)),
        (
            "wrong_fields",
            6,
            lambda r: (
                "POST",
                "/extract",
                js(r.choice([{"txt": "x"}, {"text": 3}, ["x"], {"text": "x", "reference_date": "hier"}])),
                JSON,
                422,
            ),
        ),
        ("bad_batch", 3, lambda r: ("POST", "/extract/batch", js({"documents": []}), JSON, 422)),
        ("wrong_method", 2, lambda r: ("GET", "/extract", None, {}, 405)),
        ("unknown_path", 2, lambda r: ("GET", "/nothing-here", None, {}, 404)),
    ]


def warm_up(port: int, articles: list[dict], sentences: list[str]) -> int:
    """Every sentence and article of the mix, then a batch, each sent by as many clients at once as
    there are workers (a busy sync worker accepts nothing, so each worker gets one of each): a
    worker's memory grows with the distinct inputs it has seen, then levels off."""
    bodies = [("/extract", {"text": t}) for t in sentences]
    bodies += [("/extract", a) for a in sorted(articles, key=lambda a: -len(a["text"]))]
    bodies.append(("/extract/batch", {"documents": articles[:8]}))
    failures = []

    def send(path, body):
        status = post_json(port, path, body, timeout=300)[0]
        if status != 200:
            failures.append((path, status))

    for path, body in bodies:
        threads = [threading.Thread(target=send, args=(path, body)) for _ in range(CORES)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    if failures:
        raise RuntimeError(f"warm-up failed: {failures[:5]}")
    return len(bodies) * CORES


def run_phase(name: str, articles: list[dict], target: int, budget_s: float, clients: int, seed: int) -> dict:
    mix = build_mix(articles)
    kinds, weights = [m[0] for m in mix], [m[1] for m in mix]
    makers = {m[0]: m[2] for m in mix}
    log = Path(tempfile.gettempdir()) / f"faits-load-{name}.log"
    counts, unexpected = collections.Counter(), collections.Counter()
    lock, sent = threading.Lock(), [0]
    t_start = time.monotonic()
    with Server(name, workers=CORES, env={"FAITS_MAX_CHARS": str(MAX_CHARS)}, log=log) as server:
        deadline = t_start + budget_s
        pids = server.worker_pids()
        warmed = warm_up(server.port, articles, split_sentences(articles))
        warm = {"at": int(target * WARM_SHARE), "rss": {}}
        trace: list = []  # (requests sent, MiB of each worker)

        def client(i: int):
            rng = random.Random(seed * 100 + i)
            while time.monotonic() < deadline:
                with lock:
                    if sent[0] >= target:
                        return
                    sent[0] += 1
                    if sent[0] == warm["at"]:
                        warm["rss"] = {p: rss_kib(p) for p in server.worker_pids()}
                    if sent[0] % max(1, target // 10) == 0:
                        trace.append((sent[0], [round(rss_kib(p) / 1024) for p in server.worker_pids()]))
                kind = rng.choices(kinds, weights)[0]
                method, path, body, headers, expected = makers[kind](rng)
                try:
                    status = request(server.port, method, path, body, headers, timeout=120)[0]
                except OSError as e:
                    status = type(e).__name__
                with lock:
                    counts[kind] += 1
                    if status != expected:
                        unexpected[f"{kind}:{status}"] += 1

        t0 = time.monotonic()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - t0
        end_rss = {p: rss_kib(p) for p in server.worker_pids()}
        replaced = sorted(set(pids) ^ set(end_rss))
    warm_rss = warm["rss"]
    growth = {str(p): (end_rss[p] - warm_rss[p]) / warm_rss[p] for p in end_rss if warm_rss.get(p)}
    done = sum(counts.values())
    return {
        "requests": done,
        "warm_up_requests": warmed,
        "target": target,
        "seconds": wall,
        "requests_per_s": done / wall,
        "by_kind": dict(counts),
        "unexpected": sum(unexpected.values()),
        "unexpected_by_kind": dict(unexpected),
        "workers_replaced": replaced,
        "rss_mib_trace": trace,
        "rss_mib_after_warmup": {str(p): round(v / 1024, 1) for p, v in warm_rss.items()},
        "rss_mib_end": {str(p): round(v / 1024, 1) for p, v in end_rss.items()},
        "rss_growth_max": max(growth.values()) if growth else None,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", default="spacy=10000,stanza=1500", help="requests per analyzer, in order")
    ap.add_argument("--budget-s", type=float, default=290, help="all phases together, server starts included")
    ap.add_argument("--clients", type=int, default=2 * CORES)
    ap.add_argument("--dev", default=str(DEV))
    a = ap.parse_args(argv)
    articles = [
        {k: d[k] for k in ("id", "text", "reference_date")}
        for d in map(json.loads, Path(a.dev).read_text(encoding="utf-8").splitlines())
        if d
    ]
    plan = [(k, int(v)) for k, v in (p.split("=") for p in a.requests.split(","))]
    end = time.monotonic() + a.budget_s
    total_target = sum(n for _, n in plan)
    out, ok = {"clients": a.clients, "workers": CORES, "phases": {}}, True
    for name, target in plan:
        # the time left, shared in proportion to the requests left (Stanza's are slower: weigh them more)
        left = sum(n * COST[k] for k, n in plan if k not in out["phases"])
        budget = (end - time.monotonic()) * target * COST[name] / left
        r = run_phase(name, articles, target, budget, a.clients, seed=len(out["phases"]) + 1)
        out["phases"][name] = r
        good = (
            r["requests"] >= target
            and r["unexpected"] == 0
            and not r["workers_replaced"]
            and r["rss_growth_max"] is not None
            and r["rss_growth_max"] < 0.10
        )
        ok = ok and good
        print(
            f"{name}: {r['requests']}/{target} requests in {r['seconds']:.0f} s ({r['requests_per_s']:.1f}/s), "
            f"{r['unexpected']} unexpected {r['unexpected_by_kind'] or ''}; RSS per worker after warm-up "
            f"{list(r['rss_mib_after_warmup'].values())} MiB, at the end {list(r['rss_mib_end'].values())} MiB "
            f"(growth {r['rss_growth_max']:.1%}); workers replaced: {r['workers_replaced'] or 'none'}; "
            f"{'OK' if good else 'FAILED'}",
            flush=True,
        )
    out["requests"] = sum(p["requests"] for p in out["phases"].values())
    out["target"], out["ok"] = total_target, ok
    print(json.dumps(_rounded(out), ensure_ascii=False), flush=True)
    return 0 if ok else 1


def _rounded(x):
    if isinstance(x, float):
        return round(x, 4)
    if isinstance(x, dict):
        return {k: _rounded(v) for k, v in x.items()}
    return x


if __name__ == "__main__":
    sys.exit(main())
