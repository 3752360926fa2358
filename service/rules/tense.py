"""The tense of the clause around a character offset: what the date stage anchors weekdays by."""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from service.document import Document, Word
from service.lexicon import load
from service.rules.matcher import clause_head
from service.rules.modality import is_conditional

LEX = load("tense")
_FUTURE_FORMS, _FUTURE_ENDINGS = frozenset(LEX["future_forms"]), tuple(LEX["future_endings"])
_NEAR_FUTURE, _PAST_AUX = frozenset(LEX["near_future_forms"]), frozenset(LEX["past_auxiliaries"])
_IMPERFECT, _LOOKALIKES = tuple(LEX["imperfect_endings"]), frozenset(LEX["imperfect_lookalikes"])
_ETRE_VERBS, _REFLEXIVE = frozenset(LEX["etre_verbs"]), frozenset(LEX["reflexive_pronouns"])
_PASSIVE_AUX = frozenset(LEX["passive_auxiliaries"])


def is_future(w: Word) -> bool:
    """The verb is in the future, by its Tense or, where taggers miss it, by its form ("comptera")."""
    form = w.text.lower()
    return (
        w.feat("Tense") == "Fut"
        or form in _FUTURE_FORMS
        or (w.feat("VerbForm") != "Part" and form.endswith(_FUTURE_ENDINGS))
    )


def _near_future(v: Word) -> bool:
    """ "va", "doit" (not "allait", "a dû"): aller or devoir in the present, before an infinitive."""
    return v.text.lower() in _NEAR_FUTURE and not any(c.rel == "aux" for c in v.children)


def _tense(v: Word) -> Optional[str]:
    """The Tense feature of a finite verb, read as "Imp" where the form says imperfect ("devait")."""
    tense = v.feat("Tense")
    if tense in (None, "Pres"):
        form = v.text.lower()
        if form.endswith(_IMPERFECT) and form not in _LOOKALIKES:
            return "Imp"
    return tense


def clause_tense(head: Word) -> Optional[str]:
    """past / present / future of the clause headed by the verb `head`."""
    auxes = [c for c in head.children if c.rel == "aux"]
    if any(is_future(v) for v in [head, *auxes]):
        return "future"
    if not auxes and is_conditional(head):
        return "future"  # "rejoindraient en septembre": the present conditional looks ahead ("aurait été tué": past)
    if head.feat("VerbForm") == "Inf":
        if any(_near_future(a) for a in auxes):
            return "future"  # "doit se rendre" with "doit" as auxiliary
        governor = head.parent
        if governor is not None and governor.upos in ("VERB", "AUX"):
            if _near_future(governor):
                return "future"  # "vont déployer", "doit se rendre"
            return clause_tense(governor)  # "devait partir", "a décidé de partir"
    finite = [v for v in [*auxes, head] if v.feat("VerbForm") == "Fin"]
    if (
        head.feat("VerbForm") == "Part"
        and not auxes
        and head.rel == "xcomp"
        and head.parent is not None
        and head.parent.upos in ("VERB", "AUX")
    ):
        return clause_tense(head.parent)  # "reste ouverte jusqu'au 1er mars": the tense of "reste"
    if (
        head.feat("VerbForm") == "Part"
        and head.feat("Tense") != "Pres"
        and (not auxes or any(a.lemma.lower() in _PAST_AUX for a in auxes))
    ):
        if _passive(head, auxes):  # "est attendue": the tense of "être"; "seraient déployés": ahead
            if any(is_future(a) or is_conditional(a) for a in auxes):
                return "future"
            return _finite_tense(finite) or "past"
        return "past"  # "a été arrêté", "ont défilé"; "l'explosion, survenue mardi"
    return _finite_tense(finite)


def _passive(head: Word, auxes: list[Word]) -> bool:
    """ "être" + participle of a verb that takes "avoir": a passive ("est attendue"), not a compound
    past ("est arrivé", "s'est produit")."""
    lemmas = {a.lemma.lower() for a in auxes}
    return (
        bool(auxes)
        and lemmas <= _PASSIVE_AUX
        and head.lemma.lower() not in _ETRE_VERBS
        and not any(c.text.lower() in _REFLEXIVE and c.rel != "nsubj" for c in head.children)
    )


def _finite_tense(finite: list[Word]) -> Optional[str]:
    tenses = {_tense(v) for v in finite} - {None}
    if tenses & {"Past", "Imp"}:
        return "past"
    if "Pres" in tenses:
        return "present"
    return None


def tense_reader(doc: Document) -> Callable[[int], Optional[str]]:
    def tense_at(offset: int) -> Optional[str]:
        s = doc.sentence_at(offset)
        if s is None or not s.words:
            return None
        word = next((w for w in s.words if w.start <= offset < w.end), None) or min(
            s.words, key=lambda w: abs(w.start - offset)
        )
        head = clause_head(word)
        if head is not None:
            return clause_tense(head)
        predicate = next((w for w in [word, *word.ancestors()] if any(c.rel == "cop" for c in w.children)), None)
        return copula_tense(predicate) if predicate is not None else None

    return tense_at


def copula_tense(predicate: Word) -> Optional[str]:
    """past / present / future of a clause whose predicate is not a verb ("le scrutin sera décisif",
    "il a été décisif"): read from its copula and auxiliaries."""
    verbs = [c for c in predicate.children if c.rel in ("aux", "cop")]
    if any(is_future(v) for v in verbs):
        return "future"
    if any(v.feat("VerbForm") == "Part" for v in verbs):
        return "past"  # "a été", "avait été"
    return _finite_tense([v for v in verbs if v.feat("VerbForm") == "Fin"])
