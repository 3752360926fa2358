"""One fact per real-world event: mentions of the same arrest, toll, force or crowd merge."""

from __future__ import annotations

from service.rules.engine import surnames
from service.rules.registry import FACT_TYPES


def _count(f: dict):
    c = f.get("count")
    return c.value if c is not None else None


def _stance(f: dict) -> str:
    """Asserted and reported statements of one event are the same event; negated ones are not."""
    return f["modality"] if f["modality"] in ("negated", "hypothetical") else "positive"


def same_event(a: dict, b: dict) -> bool:
    """The fact type's identity (its FactType.same_event), else the same count: the same figure twice
    in an article is one statement, whoever is cited the second time."""
    if a["type"] != b["type"] or _stance(a) != _stance(b):
        return False
    if _elsewhere(a, b) or _vaguely(a, b):
        return False
    identity = FACT_TYPES[a["type"]].same_event
    return identity(a, b) if identity is not None else _count(a) == _count(b)


def _elsewhere(a: dict, b: dict) -> bool:
    """Each mention's own sentence places it, and not at the same place: "5 000 manifestants à Lyon"
    and "5 000 à Rouen" are two crowds; "à Paris" and "dans le centre de Paris" may be one."""
    la, lb = (a.get("location") or "").lower(), (b.get("location") or "").lower()
    return bool(la and lb) and la not in lb and lb not in la


def _vaguely(a: dict, b: dict) -> bool:
    """A vague figure ("des milliers", "plusieurs milliers") says no identity by its value: it is the
    same event as another figure only at one place the two name."""
    ca, cb = a.get("count"), b.get("count")
    return (
        ca is not None
        and cb is not None
        and "vague" in (ca.qualifier, cb.qualifier)
        and not (a.get("location") and (a.get("location") or "").lower() == (b.get("location") or "").lower())
    )


def _compatible(a: dict, b: dict) -> bool:
    """Nothing in the two says they are different events."""
    if a["type"] != b["type"] or _stance(a) != _stance(b) or a.get("kind") != b.get("kind"):
        return False
    ca, cb = _count(a), _count(b)
    if ca is not None and cb is not None and ca != cb:
        return False
    if a.get("victims") and b.get("victims") and a["victims"] != b["victims"]:
        return False  # "un photographe et un manifestant": two groups of one clause
    if a.get("_patient") is not None and b.get("_patient") is not None and a["_patient"] != b["_patient"]:
        return False  # "une femme chez qui il avait été interpellé a été mise en examen": two people
    if _elsewhere(a, b) and a.get("_head") != b.get("_head"):
        return False  # coordinated clauses: "plusieurs milliers à New York ... quelques milliers à Montréal"
    return not (surnames(a) and surnames(b) and not surnames(a) & surnames(b))


def _overlap(a: dict, b: dict) -> bool:
    """Same clause ('mis en examen et écroué'), or evidences that overlap."""
    return a.get("_clause") == b.get("_clause") or any(
        x.start < y.end and y.start < x.end for x in a["evidences"] for y in [b["evidence"]]
    )


def _refers_back(f: dict, out: list[dict]):
    """The earlier fact a mention points back to, as its fact type reads it (FactType.refers_back)."""
    refers_back = FACT_TYPES[f["type"]].refers_back
    earlier = [g for g in out if g["type"] == f["type"] and _stance(g) == _stance(f)]
    return refers_back(f, earlier) if refers_back is not None and earlier else None


def merge(facts: list[dict]) -> list[dict]:
    """Facts in text order; a later mention of the same event adds its evidence and fills the
    slots the first left empty. Mentions are the same event when their counts or names agree, when
    they share a clause ('mis en examen et écroué'), or when the later one refers back."""
    out: list[dict] = []
    for f in sorted(facts, key=lambda f: f["trigger"].start):
        f.setdefault("evidences", [f["evidence"]])
        twin = next(
            (g for g in out if same_event(g, f) or (_compatible(g, f) and _overlap(g, f))), None
        ) or _refers_back(f, out)
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
