"""Crowd sizes at protests and gatherings."""
from __future__ import annotations

from typing import Optional

from service.document import Word
from service.rules.context import Context
from service.rules.engine import common_fields, run_rules
from service.rules.matcher import Example, Rule, Trigger, clause_head, clause_span, lexicon_set

L = "triggers:crowd."
NOUNS = frozenset({"NOUN", "PROPN"})

RULES = [
    Rule(name="crowd-protesters", doc="A count of protesters ('plus de 5 000 manifestants').",
         trigger=Trigger(L + "strong_nouns", NOUNS), count=(".",), requires=("counted", "not_other_fact"),
         examples=(
            Example("Plus de 5 000 manifestants ont défilé à Lyon.", {"count": 5000, "location": "Lyon"}),
            Example("La police a interpellé 12 manifestants.", absent=True),
         )),
    Rule(name="crowd-people-protesting", doc="A count of people with a protest verb or noun "
         "('20 000 personnes ont défilé', 'un rassemblement de 300 personnes').",
         trigger=Trigger(L + "nouns", NOUNS), count=(".",),
         requires=("counted", "not_other_fact", "protest_context"), examples=(
            Example("Environ 20 000 personnes ont manifesté dimanche à Paris.",
                    {"count": 20000, "location": "Paris"}),
            Example("Un rassemblement de 300 personnes a eu lieu devant la mairie.", {"count": 300}),
            Example("Le village compte 300 personnes.", absent=True),
         )),
]


def _other_fact(w: Word, ctx: Context) -> bool:
    """'12 manifestants ont été interpellés / blessés' counts arrests or casualties, not a crowd."""
    other = lexicon_set("triggers:arrest.verbs") | lexicon_set("triggers:casualties.killed_verbs") | \
        lexicon_set("triggers:casualties.injured_verbs") | lexicon_set("triggers:casualties.injured_nouns") | \
        lexicon_set("triggers:casualties.killed_nouns") | lexicon_set("triggers:arrest.custody_nouns")
    head = clause_head(w)
    near = [head] if head is not None else []
    near += [c for c in w.children if c.rel in ("acl", "amod", "nmod")]
    nxt = w.sentence.word(w.id + 1)
    if nxt is not None:
        near.append(nxt)
    return any(n.lemma.lower() in other or n.text.lower() in other for n in near)


def _protest_context(w: Word, ctx: Context) -> bool:
    verbs, events = lexicon_set(L + "verbs"), lexicon_set(L + "event_nouns")
    head = clause_head(w)
    if head is not None and head.lemma.lower() in verbs:
        return True
    return any(a.lemma.lower() in events for a in list(w.ancestors())[:2]) or \
        any(c.lemma.lower() in verbs for c in w.children if c.rel in ("acl", "acl:relcl"))


CONDITIONS = {
    "counted": lambda w, ctx: ctx.quantity_before(w) is not None,
    "not_other_fact": lambda w, ctx: not _other_fact(w, ctx),
    "protest_context": _protest_context,
}


def _build(rule: Rule, trigger: Word, ctx: Context) -> Optional[dict]:
    fact = common_fields(rule, trigger, ctx, clause_span(trigger))
    fact.update(type="crowd", count=ctx.quantity_before(trigger), location=ctx.location(trigger.sentence, trigger))
    return fact


def extract(ctx: Context) -> list[dict]:
    return run_rules(RULES, CONDITIONS, _build, ctx)
