"""Troop deployments: how many, sent by whom, under which organisation, where."""
from __future__ import annotations

from typing import Optional

from service.document import Word
from service.rules.context import Context
from service.rules.engine import common_fields, run_rules
from service.rules.matcher import Example, Rule, Trigger, clause_span, follow, follow_first, lexicon_set, phrase

L = "triggers:troops."
DEPTH = 3      # how far up the tree a deployment verb may govern the counted force

RULES = [
    Rule(name="troops-deployed-force", doc="A counted force under a deployment verb "
         "('envoyant environ 2500 hommes', '3 000 militaires seront déployés', 'les 7 000 soldats déployés').",
         trigger=Trigger(L + "nouns", frozenset({"NOUN", "PROPN", "ADJ"})), count=(".",), requires=("deployed",),
         examples=(
            Example("Moscou a envoyé environ 2500 hommes au Kazakhstan.",
                    {"count": 2500, "actor": "Moscou", "destination": "Kazakhstan"}),
            Example("Trois mille militaires supplémentaires seront déployés d'ici mardi.", {"count": 3000}),
            Example("Le régiment compte 800 soldats.", absent=True),
         )),
]


def deploy_verb(noun: Word) -> Optional[Word]:
    """The deployment verb that governs the force noun, or that hangs on it as a participle."""
    verbs = lexicon_set(L + "verbs")
    for c in noun.children:
        if c.rel in ("acl", "amod") and c.lemma.lower() in verbs:
            return c
    for depth, w in enumerate(noun.ancestors()):
        if depth >= DEPTH:
            break
        if w.upos in ("VERB", "ADJ") and w.lemma.lower() in verbs:
            return w
    return None


CONDITIONS = {"deployed": lambda w, ctx: deploy_verb(w) is not None and ctx.quantity_before(w) is not None}


def _actor(verb: Word, ctx: Context) -> Optional[str]:
    who = follow_first(verb, ("agent",))
    if who is None and verb.rel in ("advcl", "acl", "xcomp", "conj") and verb.parent is not None:
        who = follow_first(verb.parent, ("nsubj",))          # "Moscou a lancé ..., envoyant ..."
    if who is None:
        # "... seront déployés, a annoncé la présidence": the announcer sends them
        root = verb.sentence.root
        if root is not None and root is not verb:
            who = follow_first(root, ("nsubj",))
    if who is None or who.upos == "PRON":
        return None
    return ctx.text[slice(*phrase(who))]


def _organization(verb: Word, ctx: Context) -> Optional[str]:
    known = lexicon_set(L + "organizations")
    s = verb.sentence
    for w in s.words:                                  # an acronym of a known body: "(OTSC)"
        if w.text.lower() in known:
            return w.text
    orgs = ctx.entities_of(s, "ORG")
    for e in orgs:
        if e.text.lower() in known:
            return e.text
    return None


def _destination(verb: Word, ctx: Context) -> Optional[str]:
    preps = lexicon_set(L + "destination_prepositions")
    for w in follow(verb, "obl*") + follow(verb, "obj/nmod*"):
        if not any(c.rel == "case" and c.lemma.lower() in preps for c in w.children):
            continue
        start, end = phrase(w)
        locs = ctx.entities_in(start, end, "LOC")
        if locs:
            return locs[0].text
        if w.lemma.lower() in lexicon_set(L + "place_nouns"):
            return ctx.main_place()
    return None


def _build(rule: Rule, trigger: Word, ctx: Context) -> Optional[dict]:
    verb = deploy_verb(trigger)
    q = ctx.quantity_before(trigger)
    fact = common_fields(rule, verb, ctx, clause_span(verb))
    fact.update(type="troops", count=q, actor=_actor(verb, ctx), organization=_organization(verb, ctx),
                destination=_destination(verb, ctx))
    return fact


def extract(ctx: Context) -> list[dict]:
    return run_rules(RULES, CONDITIONS, _build, ctx)
