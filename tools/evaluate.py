"""Score both analyzers in process on gold JSONL files (../shared/eval/SCHEMA.md format): each file
alone, then all of them together (default: ../shared/eval/dev.jsonl and dev2.jsonl). Each analyzer is
loaded once and parses each document once.

Facts and dates are matched exactly as ../shared/eval/score.py matches them (its functions are
imported from there); slot accuracy is measured over the matched facts.

    python tools/evaluate.py [GOLD.jsonl ...] [--analyzers stanza,spacy] [--show-errors] [--json]
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from service.analyzers import load_analyzer  # noqa: E402
from service.config import from_env  # noqa: E402
from service.rules.pipeline import extract_document  # noqa: E402
from service.rules.registry import FACT_TYPES  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "eval"))
SLOTS = {name: t.slots for name, t in FACT_TYPES.items()}  # the slots each fact type is scored on
DEFAULT_GOLD = ("dev.jsonl", "dev2.jsonl")


def load_scorer(path: str):
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def slot_ok(slot: str, gold, pred, norm) -> bool:
    if slot == "persons":
        g = {norm(p).split()[-1] for p in gold or [] if p.strip()}
        p = " | ".join(norm(x) for x in pred or [])
        return all(s in p for s in g) if g else not pred
    if gold is None or pred is None:
        return gold is None and pred is None
    g, p = norm(str(gold)), norm(str(pred))
    return g == p or (len(g) > 2 and (g in p or p in g))


def score_doc(analyzer, doc: dict, sc, show_errors: bool) -> dict:
    """Parse and score one gold document: its tp/fp/fn per type and dates, its slot tallies, its error
    lines and the seconds it took. Tallies of several documents add up (see summarize)."""
    stats = {t: [0, 0, 0] for t in sc.TYPES + ("dates",)}
    slots = {}
    errors = []
    t0 = time.perf_counter()
    ref = datetime.date.fromisoformat(doc["reference_date"]) if doc.get("reference_date") else None
    ex = extract_document(analyzer.parse(doc["text"]), ref)
    out = {
        "facts": [f.model_dump(mode="json") for f in ex.facts],
        "dates": [d.model_dump(mode="json") for d in ex.dates],
    }
    text = doc["text"]
    pfacts = [f for f in out["facts"] if f.get("modality") not in ("negated", "hypothetical")]
    for t in sc.TYPES:
        g = [f for f in doc.get("facts", []) if f["type"] == t and sc.count_value(f) != 0]
        p = [f for f in pfacts if f.get("type") == t]
        hits = sc.greedy_match(g, p, lambda x, y: sc.facts_match(text, x, y))
        stats[t][0] += len(hits)
        stats[t][1] += len(p) - len(hits)
        stats[t][2] += len(g) - len(hits)
        for gi, pi in hits:
            for s in SLOTS[t]:
                ok = slot_ok(s, g[gi].get(s), p[pi].get(s), sc.norm)
                slots.setdefault(s, [0, 0])
                slots[s][0] += ok
                slots[s][1] += 1
                if not ok and show_errors:
                    errors.append(f"{doc['id']}: SLOT {t}.{s}: gold {g[gi].get(s)!r} got {p[pi].get(s)!r}")
        hg, hp = {h[0] for h in hits}, {h[1] for h in hits}
        errors += [f"{doc['id']}: MISSED {json.dumps(f, ensure_ascii=False)}" for i, f in enumerate(g) if i not in hg]
        errors += [
            f"{doc['id']}: SPURIOUS {t} {f['count'] and f['count']['text']!r} "
            f"{f.get('kind', '')} rule={f['rule']} «{f['evidence']['text']}»"
            for i, f in enumerate(p)
            if i not in hp
        ]
    gd = [d.get("value") for d in doc.get("dates", [])]
    pd = [d.get("value") for d in out["dates"]]
    hits = sc.greedy_match(gd, pd, lambda x, y: x == y)
    stats["dates"][0] += len(hits)
    stats["dates"][1] += len(pd) - len(hits)
    stats["dates"][2] += len(gd) - len(hits)
    hg, hp = {h[0] for h in hits}, {h[1] for h in hits}
    errors += [f"{doc['id']}: MISSED date {doc['dates'][i]}" for i in range(len(gd)) if i not in hg]
    errors += [
        f"{doc['id']}: SPURIOUS date {out['dates'][i]['text']!r} -> {pd[i]}" for i in range(len(pd)) if i not in hp
    ]
    return {"stats": stats, "slots": slots, "errors": errors, "seconds": time.perf_counter() - t0}


def summarize(scored: list[dict], sc) -> tuple[dict, list[str]]:
    """The summary (P/R/F1 per type, all facts, dates; slot accuracy; seconds) of scored documents,
    and their error lines in order."""
    stats = {t: [0, 0, 0] for t in sc.TYPES + ("dates",)}
    slots: dict[str, list[int]] = {}
    errors: list[str] = []
    for d in scored:
        for t, v in d["stats"].items():
            stats[t] = [a + b for a, b in zip(stats[t], v)]
        for s, (a, n) in d["slots"].items():
            slots.setdefault(s, [0, 0])
            slots[s][0] += a
            slots[s][1] += n
        errors += d["errors"]
    summary = {}
    tot = [0, 0, 0]
    for t, (tp, fp, fn) in stats.items():
        p, r, f = sc.prf(tp, fp, fn)
        summary[t] = {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}
        if t != "dates":
            tot = [a + b for a, b in zip(tot, (tp, fp, fn))]
    p, r, f = sc.prf(*tot)
    summary["facts"] = {"tp": tot[0], "fp": tot[1], "fn": tot[2], "precision": p, "recall": r, "f1": f}
    right = sum(v[0] for v in slots.values())
    total = sum(v[1] for v in slots.values())
    summary["slots"] = {s: round(a / n, 3) for s, (a, n) in sorted(slots.items())}
    summary["slots"]["all"] = round(right / total, 3) if total else 1.0
    summary["seconds"] = round(sum(d["seconds"] for d in scored), 2)
    return summary, errors


def evaluate(analyzer, golds, sc, show_errors: bool) -> tuple[dict, list[str]]:
    """Score `analyzer` on the gold documents: (summary, error lines)."""
    return summarize([score_doc(analyzer, doc, sc, show_errors) for doc in golds], sc)


def print_table(title: str, summary: dict, sc, errors: list[str] | None = None) -> None:
    print(f"\n== {title}, {summary['seconds']} s")
    if errors:
        print("\n".join(errors))
    print(f"{'':12s} {'tp':>4s} {'fp':>4s} {'fn':>4s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for t in (*sc.TYPES, "facts", "dates"):
        s = summary[t]
        print(f"{t:12s} {s['tp']:4d} {s['fp']:4d} {s['fn']:4d} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}")
    print("slot accuracy over matched facts: " + ", ".join(f"{k} {v:.3f}" for k, v in summary["slots"].items()))


def read_gold(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "gold",
        nargs="*",
        default=[os.path.join(SHARED, n) for n in DEFAULT_GOLD],
        help="gold JSONL files (default: %(default)s); each is scored alone, then all together",
    )
    ap.add_argument("--scorer", default=os.path.join(SHARED, "score.py"))
    ap.add_argument("--analyzers", default="stanza,spacy")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--json", action="store_true", help="end with one JSON line of all figures")
    a = ap.parse_args()
    sc = load_scorer(a.scorer)
    files = [(os.path.basename(p), read_gold(p)) for p in a.gold]
    conf = from_env()
    results = {}
    for name in a.analyzers.split(","):
        analyzer = load_analyzer(
            name, stanza_dir=conf["STANZA_DIR"], spacy_model=conf["SPACY_MODEL"], torch_threads=conf["TORCH_THREADS"]
        )
        results[name] = {}
        everything = []
        for label, golds in files:
            scored = [score_doc(analyzer, doc, sc, a.show_errors) for doc in golds]
            everything += scored
            summary, errors = summarize(scored, sc)
            results[name][label] = summary
            print_table(
                f"{name} ({analyzer.models}) on {label}: {len(golds)} documents",
                summary,
                sc,
                errors if a.show_errors else None,
            )
        if len(files) > 1:
            summary, _ = summarize(everything, sc)  # errors already listed per file
            label = " + ".join(lbl for lbl, _ in files)
            results[name]["all"] = summary
            print_table(f"{name} ({analyzer.models}) on all ({label}): {len(everything)} documents", summary, sc)
    if a.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
