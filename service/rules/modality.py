"""How the text states a fact: asserted, reported, negated or hypothetical (and who reports it)."""

from __future__ import annotations

import re
from typing import Optional

from service.document import Sentence, Word
from service.lexicon import load
from service.rules.matcher import clause_head, forms, lexicon_set, phrase
from service.rules.text import norm_text

LEX = load("modality")
REP = LEX["reported"]


def _scope(trigger: Word) -> tuple[list[Word], Optional[Word], Optional[str]]:
    """The trigger and the verbs above it up to the clause head: where modality lives; and the clause
    head's governor when the clause is its complement or adverbial ("pourrait faire", "comptent les
    arrêter", "a pu commencer, réunissant ...")."""
    out = [trigger]
    head = clause_head(trigger)
    for w in trigger.ancestors() if head is not trigger else ():
        out.append(w)
        if w is head:
            break
    if head is not None and head.parent is not None and head.rel in ("xcomp", "ccomp", "advcl"):
        return out, head.parent, head.rel
    if head is not None and head.parent is None and head.feat("VerbForm") == "Inf":
        # an infinitive the parse made the root, its conjugated verb hung elsewhere ("Paris compte envoyer")
        prev = head.sentence.word(head.id - 1)
        if prev is not None and prev.upos == "VERB" and prev.feat("VerbForm") == "Fin":
            return out, prev, "xcomp"
    return out, None, None


def _past(w: Word) -> bool:
    """A passé composé ("a pu") or a passé simple ("put")."""
    return w.feat("Tense") == "Past" and (
        w.feat("Mood") == "Ind" or any(c.rel == "aux" and c.lemma.lower() == "avoir" for c in w.children)
    )


_NE, _NEG_PRONOUNS = lexicon_set("modality:negation.ne"), lexicon_set("modality:negation.pronouns")
_NEG_ADVERBS = lexicon_set("modality:negation.adverbs")  # "ne ... pas"; and "ne ... personne" (_NEG_PRONOUNS)
_NEG_DETS, _NEG_PREPS = lexicon_set("modality:negation.determiners"), lexicon_set("modality:negation.prepositions")
_NEG_VERBS = lexicon_set("modality:negation.verbs")
_NOT_NEGATED = lexicon_set("modality:negation.not_negated_after")
_BOUNDING = frozenset(norm_text(b) for b in lexicon_set("modality:negation.bounding"))
_HYP_VERBS, _HYP_MARKS = lexicon_set("modality:hypothetical.verbs"), lexicon_set("modality:hypothetical.marks")
_HYP_INF_VERBS = lexicon_set("modality:hypothetical.infinitive_verbs")
_FACTUAL_IN_PAST = lexicon_set("modality:hypothetical.factual_in_past")
_CND_ENDINGS, _NOT_CND_ENDINGS = tuple(REP["conditional_endings"]), tuple(REP["not_conditional_endings"])
_SOURCE_PREPS = frozenset(norm_text(p) for p in REP["prepositions"])


def _negated(scope: list[Word]) -> bool:
    for i, w in enumerate(scope):
        # one pass over the children: "ne" and a second negator, a negative determiner (of the
        # trigger or a verb: not of another noun, "aucun mort mais trois blessés"), a negative subject
        # with "ne" ("personne n'a été arrêté"), or "sans"
        ne = second = neg_subject = False
        # (and what a parse hung on its auxiliary: "n'a pas arrêté", "pas" on "a")
        for c in [*w.children, *(g for a in w.children if a.rel == "aux" for g in a.children)]:
            lemma, text = c.lemma.lower(), norm_text(c.text)
            if c.rel == "det" and lemma in _NEG_DETS and (i == 0 or w.upos in ("VERB", "AUX")):
                return True
            if c.rel in ("mark", "case") and lemma in _NEG_PREPS and w.lemma.lower() not in _NOT_NEGATED:
                return True
            ne = ne or lemma in _NE or text in _NE
            second = second or _second_negator(c, lemma, text)
            neg_subject = neg_subject or (c.rel == "nsubj" and lemma in _NEG_PRONOUNS)
        if ne and (second or neg_subject):
            return True
    return False


def _second_negator(c: Word, lemma: str, text: str) -> bool:
    """The second half of "ne ... pas / jamais / personne": an adverb that bounds no count ("n'a compté pas
    plus de 8 000"), or a negative pronoun as such ("n'a vu personne"; not "8 000 personnes")."""
    if lemma in _NEG_ADVERBS or text in _NEG_ADVERBS:
        return not _bounds_a_count(c)
    return text in _NEG_PRONOUNS and not any(g.rel in ("det", "nummod") for g in c.children)


def _bounds_a_count(negator: Word) -> bool:
    """ "pas plus de 8 000": the negator makes a ceiling of the count that follows (a count, since "il n'y
    a pas plus de soldats" would deny; and "pas", since "il n'y a plus de 200 soldats" may deny)."""
    words = negator.sentence.words
    # the phrase starts at "pas" before a "plus" the parse hung on the verb, or at "pas" itself (index of
    # the negator: its id - 1)
    for start in (negator.id - 2, negator.id - 1):
        three, after = words[max(start, 0) : start + 3], words[start + 3 : start + 4]
        if (
            start >= 0
            and len(three) == 3
            and after
            and (after[0].upos == "NUM" or after[0].text[:1].isdigit())
            and norm_text(" ".join(w.text for w in three)) in _BOUNDING
        ):
            return True
    return False


def is_conditional(w: Word) -> bool:
    """The verb is in the conditional, by its Mood or, where taggers miss it, by its ending."""
    if w.feat("Mood") == REP["mood"]:
        return True
    form = w.text.lower()
    return (
        w.upos in ("VERB", "AUX")
        and form.endswith(_CND_ENDINGS)
        and not form.endswith(_NOT_CND_ENDINGS)
        and not _imperfect_of_r_stem(form, w.lemma.lower())
    )


def _imperfect_of_r_stem(form: str, lemma: str) -> bool:
    """'dénombrait', 'déclaraient', 'mourait': the imperfect of a verb whose stem ends in r, not a
    conditional ('dénombrerait', 'mourrait')."""
    stem = lemma[:-2]
    return len(lemma) > 4 and lemma.endswith(("er", "ir")) and form in (stem + "ait", stem + "aient")


def _conditional(w: Word) -> bool:
    return is_conditional(w) or any(c.rel == "aux" and is_conditional(c) for c in w.children)


def _asked(trigger: Word) -> bool:
    """The trigger's clause ends with a question mark: the first end mark after it is "?" (one that
    ends a word: "d?Europe" is a mangled apostrophe)."""
    s = trigger.sentence
    start = trigger.end - s.start
    m = _END_MARK.search(s.text, start)
    # a question quoted after the trigger is someone else's ("aux cris de « qui meurt ? »")
    return m is not None and m.group() == "?" and not any(q in s.text[start : m.start()] for q in '«“"')


_END_MARK = re.compile(r"[.!?](?![^\W\d_])")


def _contrastive_si(verb: Word, main: Optional[Word]) -> bool:
    """'Si 12 personnes avaient été placées en garde à vue, seules sept ont été déférées': a "si"
    clause in a compound past before a main clause that is not conditional sets two facts side by
    side; 'S'il avait été arrêté, il aurait parlé' and 'si la police les arrête' are hypotheses."""
    compound = any(c.rel == "aux" and c.deprel != "aux:pass" for c in verb.children)
    if main is None and verb.parent is None:  # a parse that made the "si" clause the root
        main = next((c for c in verb.children if c.rel in ("conj", "parataxis") and c.id > verb.id), None)
    return compound and main is not None and main.upos in ("VERB", "AUX", "NOUN", "ADJ") and not _conditional(main)


def source_of(sentence: Sentence) -> Optional[tuple[int, int]]:
    """Span of who the sentence's statements are attributed to ("selon la police" -> "la police")."""
    for w in sentence.words:
        if w.rel == "case" and norm_text(w.lemma) in _SOURCE_PREPS and w.parent is not None:
            return phrase(w.parent)
        # "d'après" is often two words: "d'" + "après"
        if w.text.lower() == "après" and w.id > 1 and sentence.word(w.id - 1).text.lower() in ("d'", "d’"):
            head = w.parent.parent if w.rel == "fixed" and w.parent is not None else w.parent  # "d'" + fixed "après"
            if head is not None and head.id > w.id:
                return phrase(head)
    return None


def modality_of(trigger: Word, source: Optional[tuple[int, int]]) -> str:
    """`source`: what source_of(trigger.sentence) gave (the caller has it already)."""
    clause, governor, link = _scope(trigger)
    scope = clause + ([governor] if governor is not None else [])
    # a negation reaches down an infinitive ("n'ont pas réussi à arrêter"), not a subordinate clause
    # ("qui n'émet plus, après que des centaines de manifestants sont entrés")
    if _negated(scope if link == "xcomp" else clause):
        return "negated"
    if any(w.upos == "VERB" and forms(w) & _NEG_VERBS for w in scope[1:]):
        return "negated"  # "a démenti avoir arrêté", "nie que des soldats aient été tués"
    for i, w in enumerate(scope[1:], 1):
        # some intention verbs are hypothetical only over an infinitive ("comptent les arrêter"):
        # with a noun object they count ("on compte 300 morts", "la police a compté 9 000 personnes")
        lemma = w.lemma.lower()
        if w.upos in ("VERB", "AUX") and (
            lemma in _HYP_VERBS
            and not (lemma in _FACTUAL_IN_PAST and _past(w))
            or lemma in _HYP_INF_VERBS
            and any(v.feat("VerbForm") == "Inf" for v in scope[:i])
        ):
            return "hypothetical"
    if _asked(trigger):
        return "hypothetical"  # "mais qui meurt ?": a question states nothing
    for w in scope:
        if any(c.rel == "mark" and c.lemma.lower() in _HYP_MARKS for c in w.children) and not _contrastive_si(
            w, governor
        ):
            return "hypothetical"
    if any(_conditional(w) for w in scope if w.upos in ("VERB", "AUX")):
        return "reported"
    if source is not None:
        return "reported"
    return "asserted"
