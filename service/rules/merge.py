"""One fact per real-world event: mentions of the same arrest, toll, force or crowd merge."""
from __future__ import annotations


def _count(f: dict):
    c = f.get("count")
    return c.value if c is not None else None


def _surnames(f: dict) -> set[str]:
    return {p.split()[-1].lower() for p in f.get("persons") or [] if p.split()}


def same_event(a: dict, b: dict) -> bool:
    if a["type"] != b["type"] or a["modality"] != b["modality"]:
        return False
    if a["type"] == "arrest":
        if _surnames(a) or _surnames(b):
            return bool(_surnames(a) & _surnames(b))
        return _count(a) is not None and _count(a) == _count(b)
    if a["type"] == "casualties":
        return a["kind"] == b["kind"] and _count(a) == _count(b) and a.get("victims") == b.get("victims") \
            and a.get("source") == b.get("source")
    return _count(a) == _count(b) and a.get("source") == b.get("source")


def merge(facts: list[dict]) -> list[dict]:
    """Facts in text order; a later mention of the same event adds its evidence and fills the
    slots the first left empty."""
    out: list[dict] = []
    for f in sorted(facts, key=lambda f: f["evidence"].start):
        f.setdefault("evidences", [f["evidence"]])
        twin = next((g for g in out if same_event(g, f)), None)
        if twin is None:
            out.append(f)
            continue
        twin["evidences"].append(f["evidence"])
        for k, v in f.items():
            if twin.get(k) is None and v is not None:
                twin[k] = v
    return out
