"""Runs a fact module's rules over a document and fills the fields every fact shares."""
from __future__ import annotations

from typing import Callable, Iterable, Optional

from schemas.common import Quantity
from service.document import Word
from service.rules.context import Context
from service.rules.matcher import Rule, follow, lexicon_set
from service.rules.modality import modality_of, source_of

Condition = Callable[[Word, Context], bool]
Builder = Callable[[Rule, Word, Context], Optional[dict]]


def run_rules(rules: Iterable[Rule], conditions: dict[str, Condition], build: Builder,
              ctx: Context) -> list[dict]:
    """Each trigger word gives at most one fact: the first rule, in order, that builds one."""
    rules = list(rules)
    facts = []
    for sentence in ctx.doc.sentences:
        for word in sentence.words:
            for rule in rules:
                if rule.trigger.matches(word) and all(conditions[c](word, ctx) for c in rule.requires):
                    fact = build(rule, word, ctx)
                    if fact is not None:
                        facts.append(fact)
                        break
    return facts


def common_fields(rule: Rule, trigger: Word, ctx: Context, evidence: tuple[int, int]) -> dict:
    src = source_of(trigger)
    return {
        "rule": rule.name,
        "trigger": ctx.span(trigger.start, trigger.end),
        "evidence": ctx.span(*evidence),
        "modality": modality_of(trigger),
        "source": ctx.text[src[0]:src[1]] if src else None,
        "date": ctx.date_of(trigger.sentence, trigger),
        **rule.attrs,
    }


def _singular(noun: Word, ctx: Context) -> Optional[Quantity]:
    """One person, named or described without a numeral ("un policier", "le fils", "Jean Dupont")."""
    if noun.upos == "PRON":
        return None
    for c in noun.children:
        if c.rel == "det" and c.lemma.lower() == "un" and c.feat("Number") != "Plur" and c.id < noun.id:
            return Quantity(text=c.text, value=1, min=1, max=1, qualifier="exact", start=c.start, end=c.end)
    if noun.upos == "PROPN" and ctx.entities_in(noun.start, noun.end + 1, "PER") or \
            ctx.entities_in(noun.start, noun.end, "PER"):
        return Quantity(text=None, value=1, min=1, max=1, qualifier="exact")
    if noun.feat("Number") == "Sing" and noun.upos == "NOUN" and \
            any(c.rel == "det" and c.feat("Definite") == "Def" for c in noun.children) and \
            noun.lemma.lower() not in lexicon_set("triggers:generic_people"):
        return Quantity(text=None, value=1, min=1, max=1, qualifier="exact")
    return None


def find_count(trigger: Word, paths: Iterable[str], ctx: Context,
               singular: bool = False) -> tuple[Optional[Quantity], Optional[Word]]:
    """The count of the fact and the noun it counts, looked for along `paths` in order."""
    for path in paths:
        for noun in follow(trigger, path):
            q = ctx.quantity_before(noun) or ctx.quantity_after(noun)
            if q is not None:
                return q, noun
            if singular:
                q = _singular(noun, ctx)
                if q is not None:
                    return q, noun
    return None, None


def noun_label(noun: Optional[Word], exclude: Iterable[str] = ()) -> Optional[str]:
    """Who a counted noun names ("policiers", "soldats maliens"), or None for a generic noun."""
    if noun is None or noun.upos not in ("NOUN", "PROPN", "ADJ"):
        return None
    if noun.lemma.lower() in lexicon_set("triggers:generic_people") or noun.lemma.lower() in set(exclude):
        return None
    words = [noun]
    nxt = noun.sentence.word(noun.id + 1)
    while nxt is not None and nxt.head == noun.id and nxt.upos == "ADJ":
        words.append(nxt)
        nxt = noun.sentence.word(nxt.id + 1)
    return noun.sentence.text[words[0].start - noun.sentence.start: words[-1].end - noun.sentence.start]
