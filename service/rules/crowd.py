"""Crowd sizes at protests and gatherings."""
from __future__ import annotations


from service.document import Word
from service.rules.context import Context
from service.rules.engine import common_fields, elliptic_counts, links_a_count, run_rules
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
         requires=("protest_context", "not_other_fact", "counted"), examples=(
            Example("Environ 20 000 personnes ont manifesté dimanche à Paris.",
                    {"count": 20000, "location": "Paris"}),
            Example("Un rassemblement de 300 personnes a eu lieu devant la mairie.", {"count": 300}),
            Example("Le village compte 300 personnes.", absent=True),
            Example("Les organisateurs annoncent 40 000 personnes dans les rues de Lyon.", {"count": 40000}),
         )),
    Rule(name="crowd-elliptic", doc="A bare count set beside a crowd just stated ('5 000 manifestants "
         "selon la police, dont 800 à Lyon', '40 000 selon les organisateurs et 20 000 selon la police').",
         trigger=Trigger("triggers:elliptic_links", frozenset({"PUNCT", "CCONJ", "PRON", "ADP", "SCONJ"})),
         requires=("before_count",), follows=True, examples=(
            Example("Environ 6 000 manifestants ont défilé samedi en France, dont 1 500 à Paris.",
                    {"count": 1500, "location": "Paris"}),
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
    """A protest verb heads the clause, a protest noun governs the count, the people are "in the
    streets", or the figure is a counter's ("selon les organisateurs")."""
    verbs, events = lexicon_set(L + "verbs"), lexicon_set(L + "event_nouns")
    head = clause_head(w)
    if head is not None and head.lemma.lower() in verbs:
        return True
    if any(a.lemma.lower() in events for a in list(w.ancestors())[:2]) or \
            any(c.lemma.lower() in verbs for c in w.children if c.rel in ("acl", "acl:relcl")):
        return True
    after = w.sentence.words[w.id:w.id + 5]            # the five words after it (ids are 1-based)
    places, counters = lexicon_set(L + "place_nouns"), lexicon_set(L + "counters")
    if any(x.lemma.lower() in places for x in after):
        return True
    return bool(after) and after[0].lemma.lower() in lexicon_set("modality:reported.prepositions") and \
        any(x.lemma.lower() in counters for x in after[1:])


CONDITIONS = {
    "before_count": links_a_count,
    "counted": lambda w, ctx: ctx.quantity_before(w) is not None,
    "not_other_fact": lambda w, ctx: not _other_fact(w, ctx),
    "protest_context": _protest_context,
}


def _build(rule: Rule, trigger: Word, ctx: Context):
    if rule.name == "crowd-elliptic":
        return elliptic_counts(rule, trigger.sentence.word(trigger.id + 1), ctx, inherit=("location", "date"))
    fact = common_fields(rule, trigger, ctx, clause_span(trigger))
    fact.update(type="crowd", count=ctx.quantity_before(trigger), location=ctx.location(trigger.sentence, trigger))
    if fact["date"] is None and ctx.reference is not None:
        # a crowd figure given without a day is the figure of the day the article reports on
        fact["date"] = ctx.reference.isoformat()
    return fact


def extract(ctx: Context) -> list[dict]:
    return run_rules(RULES, CONDITIONS, _build, ctx)
