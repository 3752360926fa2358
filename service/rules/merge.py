"""One fact per real-world event: mentions of the same arrest, toll, force or crowd merge."""
from __future__ import annotations


def _count(f: dict):
    c = f.get("count")
    return c.value if c is not None else None


def _surnames(f: dict) -> set[str]:
    return {p.split()[-1].lower() for p in f.get("persons") or [] if p.split()}


def _stance(f: dict) -> str:
    """Asserted and reported statements of one event are the same event; negated ones are not."""
    return f["modality"] if f["modality"] in ("negated", "hypothetical") else "positive"


def same_event(a: dict, b: dict) -> bool:
    if a["type"] != b["type"] or _stance(a) != _stance(b):
        return False
    if a["type"] == "arrest":
        if _surnames(a) or _surnames(b):
            return bool(_surnames(a) & _surnames(b))
        # one person is no identity: "un suspect" and "une femme" are two arrests
        return _count(a) is not None and _count(a) > 1 and _count(a) == _count(b)
    # the same figure twice in an article is one statement, whoever is cited the second time
    # ("150 000 selon la police" ... "150 000 personnes, selon la préfecture")
    if a["type"] == "casualties":
        return a["kind"] == b["kind"] and _count(a) == _count(b) and a.get("victims") == b.get("victims")
    return _count(a) == _count(b)


def _compatible(a: dict, b: dict) -> bool:
    """Nothing in the two says they are different events."""
    if a["type"] != b["type"] or _stance(a) != _stance(b) or a.get("kind") != b.get("kind"):
        return False
    ca, cb = _count(a), _count(b)
    if ca is not None and cb is not None and ca != cb:
        return False
    return not (_surnames(a) and _surnames(b) and not _surnames(a) & _surnames(b))


def _overlap(a: dict, b: dict) -> bool:
    """Same clause ('mis en examen et écroué'), or evidences that overlap."""
    return a.get("_clause") == b.get("_clause") or \
        any(x.start < y.end and y.start < x.end for x in a["evidences"] for y in [b["evidence"]])


def _refers_back(f: dict, out: list[dict]):
    """An arrest mention that points back ('Ces manifestants ont été arrêtés'), or a custody
    breakdown of an earlier, larger total ('dont 101 placées en garde à vue' after 103 arrests)."""
    if f["type"] != "arrest":
        return None
    earlier = [g for g in out if g["type"] == "arrest" and _stance(g) == _stance(f)]
    if not earlier:
        return None
    if f.get("_anaphor"):
        return earlier[-1]
    if f.get("_breakdown") and f["count"] is not None and f["count"].text is not None and not f.get("persons"):
        return next((g for g in reversed(earlier) if _count(g) is not None and _count(g) > _count(f)), None)
    return None


def merge(facts: list[dict]) -> list[dict]:
    """Facts in text order; a later mention of the same event adds its evidence and fills the
    slots the first left empty. Mentions are the same event when their counts or names agree, when
    they share a clause ('mis en examen et écroué'), or when the later one refers back."""
    out: list[dict] = []
    for f in sorted(facts, key=lambda f: f["evidence"].start):
        f.setdefault("evidences", [f["evidence"]])
        twin = next((g for g in out if same_event(g, f) or (_compatible(g, f) and _overlap(g, f))), None) \
            or _refers_back(f, out)
        if twin is None:
            out.append(f)
            continue
        twin["evidences"].append(f["evidence"])
        for k, v in f.items():
            if twin.get(k) is None and v is not None:
                twin[k] = v
    for f in out:
        for k in [k for k in f if k.startswith("_")]:
            del f[k]
    return out
