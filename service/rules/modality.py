"""How the text states a fact: asserted, reported, negated or hypothetical (and who reports it)."""
from __future__ import annotations

from typing import Optional

from service.document import Sentence, Word
from service.lexicon import load
from service.rules.matcher import clause_head, lexicon_set, phrase

LEX = load("modality")
NEG, HYP, REP = LEX["negation"], LEX["hypothetical"], LEX["reported"]


def _scope(trigger: Word) -> list[Word]:
    """The trigger and the verbs above it up to the clause head's governor: where modality lives."""
    out = [trigger]
    head = clause_head(trigger)
    for w in trigger.ancestors():
        out.append(w)
        if w is head:
            break
    if head is not None and head.parent is not None and head.rel in ("xcomp", "ccomp", "advcl"):
        out.append(head.parent)     # "pourrait faire", "comptent les arrêter"
    return out


def _negated(scope: list[Word]) -> bool:
    ne, pronouns = lexicon_set("modality:negation.ne"), lexicon_set("modality:negation.pronouns")
    second = lexicon_set("modality:negation.adverbs") | pronouns          # "ne ... pas", "ne ... personne"
    determiners, preps = lexicon_set("modality:negation.determiners"), lexicon_set("modality:negation.prepositions")
    for w in scope:
        kids = w.children
        lemmas = {c.lemma.lower() for c in kids} | {c.text.lower() for c in kids}
        if not lemmas.isdisjoint(ne) and not lemmas.isdisjoint(second):
            return True
        if any(c.rel == "det" and c.lemma.lower() in determiners for c in kids):
            return True
        if any(c.rel == "nsubj" and c.lemma.lower() in pronouns and
               any(g.lemma.lower() in ne or g.text.lower() in ne for g in kids) for c in kids):
            return True
        if any(c.rel in ("mark", "case") and c.lemma.lower() in preps for c in kids):
            return True
    return False


def _is_cnd(w: Word) -> bool:
    if w.feat("Mood") == REP["mood"]:
        return True
    form = w.text.lower()
    return w.upos in ("VERB", "AUX") and form.endswith(tuple(REP["conditional_endings"])) and \
        not form.endswith(tuple(REP["not_conditional_endings"]))


def _conditional(w: Word) -> bool:
    return _is_cnd(w) or any(c.rel == "aux" and _is_cnd(c) for c in w.children)


def source_of(sentence: Sentence) -> Optional[tuple[int, int]]:
    """Span of who the sentence's statements are attributed to ("selon la police" -> "la police")."""
    preps = {p.replace("’", "'") for p in REP["prepositions"]}
    for w in sentence.words:
        if w.rel == "case" and w.lemma.lower().replace("’", "'") in preps and w.parent is not None:
            return phrase(w.parent)
        # "d'après" is often two words: "d'" + "après"
        if w.text.lower() == "après" and w.id > 1 and sentence.word(w.id - 1).text.lower() in ("d'", "d’"):
            if w.parent is not None and w.parent.id > w.id:
                return phrase(w.parent)
    return None


def modality_of(trigger: Word, source: Optional[tuple[int, int]]) -> str:
    """`source`: what source_of(trigger.sentence) gave (the caller has it already)."""
    scope = _scope(trigger)
    if _negated(scope):
        return "negated"
    for w in scope[1:]:
        if w.lemma.lower() in HYP["verbs"] and w.upos in ("VERB", "AUX"):
            return "hypothetical"
    for w in scope:
        if any(c.rel == "mark" and c.lemma.lower() in HYP["marks"] for c in w.children):
            return "hypothetical"
    if any(_conditional(w) for w in scope if w.upos in ("VERB", "AUX")):
        return "reported"
    if source is not None:
        return "reported"
    return "asserted"
