"""The fact types: every module of service.rules.facts declares one (FACT_TYPE), found here once.

The pipeline runs them, merge reads their identities, tools/evaluate.py their slots and the crowd
rules what the others claim. A new type is one schema (schemas/facts.py), one module here, its
lexicon entry and its tests: nothing else names the types.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from schemas.facts import FACT_MODELS
from service.rules import facts as _facts_package
from service.rules.engine import FactType
from service.rules.matcher import RuleError, lexicon_set


def _discover() -> dict[str, FactType]:
    found: dict[str, FactType] = {}
    for info in sorted(pkgutil.iter_modules(_facts_package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{_facts_package.__name__}.{info.name}")
        declared = getattr(module, "FACT_TYPE", None)
        if not isinstance(declared, FactType):
            raise RuleError(f"{module.__name__} declares no FACT_TYPE")
        if declared.name in found:
            raise RuleError(f"fact type {declared.name!r} declared twice")
        found[declared.name] = declared
    models = {m.model_fields["type"].default: m for m in FACT_MODELS}
    if {n: t.model for n, t in found.items()} != models:
        raise RuleError(f"schemas.facts.FACT_MODELS {sorted(models)} and the fact modules {sorted(found)} differ")
    names = [r.name for t in found.values() for r in t.rules]
    if len(names) != len(set(names)):
        raise RuleError("rule names repeat across fact types")
    for t in found.values():
        if not set(t.during) <= set(found):
            raise RuleError(f"fact type {t.name!r}: during names no fact type {sorted(set(t.during) - set(found))}")
    return found


FACT_TYPES: dict[str, FactType] = _discover()
RULES = tuple(r for t in FACT_TYPES.values() for r in t.rules)
# the rules of a figure beside a fact's ("dont 3 500 à Paris"): a slot of its own is not the article's
SIDE_RULES = frozenset(r.name for r in RULES if r.follows)
# the words a rule may start from, and those that start a fact on their own (not follows-rules)
TRIGGER_KEYS = frozenset().union(*(r.trigger.keys for r in RULES))
LEAD_KEYS = frozenset().union(*(r.trigger.keys for r in RULES if not r.follows))


@cache
def claimed_words(but: str) -> frozenset[str]:
    """The words that make a count a fact of a type other than `but` ("12 manifestants ont été
    interpellés" counts arrests, not a crowd)."""
    return frozenset().union(*(lexicon_set(k) for t in FACT_TYPES.values() if t.name != but for k in t.claims))
