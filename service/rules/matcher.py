"""Patterns over the UD tree, declared as data (after spaCy's DependencyMatcher and Odin grammars).

A `Rule` names a trigger (words of a lexicon class, of some UPOS), the conditions it needs, where
its count lies and where each slot lies, as *paths* from the trigger, and carries example
sentences that tests run. Each fact module (arrest, casualties, troops, crowd) declares its rules
and turns what they match into facts.

Path language, one step after another separated by "/":
  nsubj          a child whose deprel is exactly "nsubj"
  obl*           a child whose deprel is "obl" or any subtype ("obl:mod", "obl:arg", ...)
  obl*[pour]     ... that has a `case` child of lemma "pour" (alternatives with "|")
  acl{triggers:arrest.charge_verbs}  ... whose lemma is in that lexicon list
  ..             the parent
  ^verb          the nearest ancestor-or-self that is a VERB (the clause head)
  <acl           the parent, if this word hangs on it as "acl" or a subtype ("19 personnes tuées"); a
                 participle written plural ("-és", "-ées") hung on a singular "de" complement describes
                 the plural noun that complement completes ("sept membres du réseau placés en détention")
  <obl{triggers:arrest.carrying_verbs}  ... if the parent's lemma is in that lexicon list ("a procédé à
                 14 arrestations" -> "procédé")
  patient        who undergoes a transitive verb: its subject if passive, else its object
  agent          who acts: its subject if active, else its "par" complement; for a relative
                 clause ("la préfecture, qui a déployé"), the noun it hangs on
  subject        its subject ("nsubj" or "nsubj:pass"); if the parse gave it none, the noun right
                 before its auxiliaries or copula, or the agreeing noun over a comma (see patient)
  agreeing       the nouns before a participle's auxiliaries that agree with it in number and gender,
                 nearest first, back to another main clause: a last resort where the parse lost the
                 subject ("Vingt personnes soupçonnées d'avoir animé un réseau ont été arrêtées")
  reporter       the subject of a reporting verb of the sentence ("..., a annoncé la police")
  of             the noun of the "de" complement that follows the word in the text, over a side
                 remark between commas ("l'arrestation, mardi, de trois dirigeants" -> "dirigeants",
                 "la disparition d'une centaine de lycéennes" -> "centaine"): parsers often hang it elsewhere
  apposed        the noun a participle is set off after by a comma ("Cinq occupants, légèrement blessés,"),
                 read on the surface: parsers make it an apposition, a conjunct or a second subject
The last two read voice from the auxiliaries and roles from word order (French is SVO), so they
survive the parser's common slips: "nsubj:pass" on an active verb, a second "nsubj" for the object.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Optional

from service.document import Word
from service.lexicon import load
from service.rules.text import norm_text


@cache
def lexicon_set(key: str) -> frozenset[str]:
    """`"triggers:casualties.killed_nouns"` -> that list of the triggers lexicon, as a set."""
    name, _, path = key.partition(":")
    node = load(name)
    for part in path.split("."):
        node = node[part]
    if not isinstance(node, list):
        raise KeyError(f"{key!r} is not a list of words")
    return frozenset(s.lower() for s in node)


def forms(word: Word) -> frozenset[str]:
    """The keys a word can match a lexicon by: parsers mislemmatise, so text forms count too."""
    return _forms(word.text, word.lemma)


_ENDINGS = ("s", "x", "es", "e", "ne", "nes")  # crude plural/feminine strip: "tués" -> "tué", "lycéennes" -> "lycéen"


# a participle of the first group read back to its infinitive: parsers mislemmatise them
# ("appréhendé" -> "appréhendre"), and the lexicon lists infinitives
_PARTICIPLES = ("é", "ée", "és", "ées")


@lru_cache(maxsize=65536)
def _forms(text: str, lemma: str) -> frozenset[str]:
    t = norm_text(text)
    out = {lemma.lower(), t}
    for suffix in _ENDINGS:
        if t.endswith(suffix) and len(t) > len(suffix) + 2:
            out.add(t[: -len(suffix)])
    for suffix in _PARTICIPLES:
        if t.endswith(suffix) and len(t) > len(suffix) + 3:
            out.add(t[: -len(suffix)] + "er")
    if t.endswith("ant") and len(t) > 6:  # present participles: "réunissant", "blessant"
        out.add(t[:-6] + "ir" if t.endswith("issant") else t[:-3] + "er")
    return frozenset(out)


@cache
def text_keys(keys: frozenset[str]) -> frozenset[str]:
    """The normalised texts whose forms meet `keys`: a word has a form in `keys` exactly when its
    lowercased lemma is in `keys` or its norm_text is in text_keys(keys) (no forms computed)."""
    return (
        keys
        | {k + e for k in keys if len(k) > 2 for e in _ENDINGS}
        | {k[:-2] + p for k in keys if k.endswith("er") and len(k) > 5 for p in _PARTICIPLES}
        | {k[:-2] + "ant" for k in keys if k.endswith("er") and len(k) > 5}
        | {k[:-2] + "issant" for k in keys if k.endswith("ir") and len(k) > 4}
    )


@cache
def written_forms(keys: frozenset[str]) -> frozenset[str]:
    """How the lowercase `keys` are written in text: as is, capitalised or in capitals, with either
    apostrophe. A word whose lowercased form is a key is one of these unless its casing is mixed
    ("TuÉs")."""
    cased = {f for k in keys for f in (k, k.capitalize(), k.upper())}
    return frozenset(cased | {f.replace("'", "’") for f in cased})


@dataclass(frozen=True)
class Trigger:
    """A word triggers when its UPOS is in `upos` and one of its forms (see `forms`) is in the
    lexicon class (engine.run_rules tests both)."""

    lexicon: str  # lexicon key, see lexicon_set
    upos: frozenset[str] = frozenset({"NOUN", "VERB", "ADJ"})

    @cached_property
    def keys(self) -> frozenset[str]:
        return lexicon_set(self.lexicon)


@dataclass(frozen=True)
class Example:
    text: str
    expect: dict = field(default_factory=dict)  # slot -> value the rule must give (count as int)
    absent: bool = False  # True: the sentence must give no fact of this rule
    # analyzers that cannot pass it yet, with why: their test is an expected failure (strict: a pass is
    # reported, so the mark goes when the analyzer gets it right)
    fails: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    name: str
    doc: str
    trigger: Trigger
    count: tuple[str, ...] = ()  # paths to the counted noun; "." = the trigger itself
    requires: tuple[str, ...] = ()  # names of conditions (see each fact module)
    follows: bool = False  # fires only after a fact of its module earlier in the
    # sentence (sub-counts, elliptic figures); Context
    # scans only sentences with a trigger of another rule
    slots: dict = field(default_factory=dict)  # slot -> tuple of paths, tried in order
    attrs: dict = field(default_factory=dict)  # constant slot values, e.g. {"kind": "killed"}
    singular: bool = False  # a count may be one person without a numeral
    # ("le maire", a name), as for verbs
    examples: tuple[Example, ...] = ()

    def __post_init__(self):
        # checked when the rule is declared (spaCy checks patterns on add): a typo in a path or a
        # lexicon key fails at import, not on the one sentence that reaches it
        where = f"rule {self.name!r}"
        if not _RULE_NAME.match(self.name):
            raise RuleError(f"{where}: a rule name is lowercase words joined by '-'")
        if not (self.doc and self.examples):
            raise RuleError(f"{where}: a rule carries its doc and example sentences")
        check_lexicon_key(self.trigger.lexicon, where)
        for path in self.count + tuple(p for paths in self.slots.values() for p in paths):
            try:
                _steps(path)
            except (ValueError, KeyError) as e:
                raise RuleError(f"{where}: path {path!r}: {e}") from None


class RuleError(ValueError):
    """A rule, or a fact type, declared wrong: raised when its module is imported."""


_RULE_NAME = re.compile(r"^[a-z]+(-[a-z]+)+$")


def check_lexicon_key(key: str, where: str) -> None:
    try:
        lexicon_set(key)
    except (KeyError, TypeError, FileNotFoundError):
        raise RuleError(f"{where}: no lexicon list {key!r}") from None


_STEP = re.compile(r"^(?P<rel>[a-z:]+)(?P<star>\*)?(?:\[(?P<case>[^\]]+)\])?(?:\{(?P<lex>[^}]+)\})?$")
_UP_STEP = re.compile(r"^<(?P<rel>[a-z:]+)(?:\{(?P<lex>[^}]+)\})?$")


def _has_case(word: Word, cases: frozenset[str]) -> bool:
    return any(c.rel in ("case", "mark") and lemma_key(c) in cases for c in word.children)


def lemma_key(word: Word) -> str:
    """The word's lemma, lowercased, an elided form read in full: parsers give "d’" as the lemma of
    "d’" ("la disparition d’une centaine de lycéennes")."""
    return _lemma_key(word.lemma)


@lru_cache(maxsize=4096)
def _lemma_key(lemma: str) -> str:
    key = norm_text(lemma)
    return load("triggers")["elisions"].get(key, key)


_NAMED_STEPS = {".", "..", "patient", "agent", "subject", "agreeing", "reporter", "^verb", "of", "apposed"}


@cache
def _steps(path: str) -> tuple[tuple, ...]:
    """`path` parsed once: per step (step, rel, star, cases, lemmas); a named step has rel None."""
    out: list[tuple] = []
    for step in path.split("/"):
        if step in _NAMED_STEPS:
            out.append((step, None, False, None, None))
            continue
        up = _UP_STEP.match(step)
        if up:  # "<acl", "<obl{lexicon key}": to the parent; its lemma checked against the lexicon
            if up["lex"]:
                check_lexicon_key(up["lex"], f"path step {step!r}")
            out.append((step, None, False, None, lexicon_set(up["lex"]) if up["lex"] else None))
            continue
        m = _STEP.match(step)
        if not m:
            raise ValueError(f"bad path step {step!r}")
        if m["lex"]:
            check_lexicon_key(m["lex"], f"path step {step!r}")
        out.append(
            (
                step,
                m["rel"],
                bool(m["star"]),
                frozenset(m["case"].split("|")) if m["case"] else None,
                lexicon_set(m["lex"]) if m["lex"] else None,
            )
        )
    return tuple(out)


def follow(word: Word, path: str) -> list[Word]:
    """All words reached from `word` along `path` (see the module doc)."""
    current = [word]
    for step, rel, star, cases, lemmas in _steps(path):
        nxt: list[Word] = []
        for w in current:
            if rel is not None:
                for c in w.children:
                    if (
                        (c.deprel == rel or (star and c.rel == rel))
                        and (cases is None or _has_case(c, cases))
                        and (lemmas is None or c.lemma.lower() in lemmas)
                    ):
                        nxt.append(c)
            elif step == ".":
                nxt.append(w)
            elif step == "..":
                if w.parent is not None:
                    nxt.append(w.parent)
            elif step.startswith("<"):
                up_rel = step[1:].split("{", 1)[0]  # "acl", or a subtype as written ("acl:relcl")
                if (
                    w.parent is not None
                    and up_rel in (w.rel, w.deprel)
                    and (lemmas is None or w.parent.lemma.lower() in lemmas)
                ):
                    nxt.append(_described(w, w.parent))
            elif step in ("patient", "agent"):
                nxt.extend(_role(w, step))
            elif step == "subject":
                nxt.extend(_subject(w))
            elif step == "agreeing":
                nxt.extend(_agreeing(w))
            elif step == "reporter":
                nxt.extend(_reporter(w))
            elif step == "of":
                nxt.extend(_of(w))
            elif step == "apposed":
                nxt.extend(_apposed(w))
            else:  # "^verb"
                v = clause_head(w)
                if v is not None:
                    nxt.append(v)
        current = nxt
    return current


_CORE = ("nsubj", "obj", "expl")


def is_passive(verb: Word) -> bool:
    """Passive with a passive auxiliary, or marked so unless its only auxiliary is "avoir", or built with
    the auxiliary "être" on a participle ("a été arrêté")."""
    if any(c.deprel == "aux:pass" for c in verb.children):
        return True  # "sont blessés" tagged ADJ, with its passive auxiliary
    if verb.feat("Voice") == "Pass":
        # unless its only auxiliary is "avoir": "ont tué au moins 40 civils" is active, whatever the tag
        auxiliaries = [c.lemma.lower() for c in verb.children if c.rel == "aux"]
        return not auxiliaries or any(a != "avoir" for a in auxiliaries)
    return verb.feat("VerbForm") == "Part" and any(c.rel == "aux" and c.lemma.lower() == "être" for c in verb.children)


# day and month names a parser may take for an object ("ont interpellé mardi à Lyon deux hommes")
_TIME_NOUNS = frozenset(load("dates")["weekdays"]) | frozenset(load("dates")["months"])


def _role(verb: Word, role: str) -> list[Word]:
    args = [
        c
        for c in verb.children
        if c.rel in _CORE
        and c.deprel != "expl"
        and c.lemma.lower() not in _TIME_NOUNS
        and not (c.upos == "PRON" and c.text.lower().endswith(("-même", "-mêmes")))  # "Navalny lui-même"
    ]
    before = [c for c in args if c.id < verb.id]
    after = [c for c in args if c.id > verb.id]
    passive = is_passive(verb)
    if role == "patient":
        if passive:
            return _apposed_to(before)[-1:] or after[:1] or _surface_subject(verb)
        objs = [c for c in args if c.rel == "obj"]
        # "a arrêté plus de 150 personnes" read with an oblique: the count's "de" is no preposition
        counted = [c for c in verb.children if c.rel == "obl" and c.id > verb.id and not _has_own_case(c)]
        return (
            after[:1]
            or objs[:1]
            or [c for c in counted if any(g.rel == "case" for g in c.children)][:1]
            or _surface_object(verb)
        )
    if passive:
        # or hung on the day before it ("interpellé dimanche par les gendarmes")
        days = [c for c in verb.children if c.lemma.lower() in _TIME_NOUNS]
        return (
            follow(verb, "obl:agent")
            or follow(verb, "obl*[par]")
            or [
                g
                for d in days
                for g in d.children
                if g.deprel == "obl:agent" or g.rel == "nmod" and _has_case(g, frozenset({"par"}))
            ]
        )
    if before and before[-1].lemma.lower() in lexicon_set("triggers:relative_pronouns"):
        if verb.deprel.startswith("acl") and verb.parent is not None:
            return [verb.parent]
        # a parse that hung the relative clause elsewhere: the noun right before the pronoun
        s = verb.sentence
        prev = [w for w in s.words[: before[-1].id - 1] if w.upos != "PUNCT"]
        return [prev[-1]] if prev and prev[-1].upos in ("NOUN", "PROPN") else []
    return before[-1:]


def _apposed_to(before: list[Word]) -> list[Word]:
    """Two subjects where a parse read an apposition as a second one ("Thierry Lenoir, un voisin de la
    victime, a été interpellé"): the noun the apposition describes."""
    while len(before) > 1:
        last = before[-1]
        first = min([last.id] + [c.id for c in last.children if c.id < last.id and c.rel in ("det", "nummod", "amod")])
        prev = last.sentence.word(first - 1)
        if prev is None or prev.text != "," or not _ends_at(before[-2], prev.id - 1):
            break
        before = before[:-1]
    return before


def _ends_at(w: Word, last: int) -> bool:
    """The words from `w` to the word numbered `last` are `w`'s own ("Thierry Lenoir", "L'opposant
    tunisien Slim Ben Ammar")."""
    return last >= w.id and all(x is w or any(a is w for a in x.ancestors()) for x in w.sentence.words[w.id : last])


def _subject(verb: Word) -> list[Word]:
    """The subject nearest before the verb (a parse may give two: "Samedi, 3 000 Kurdes ont défilé"),
    else the first after it, else the one the surface shows."""
    subjects = [c for c in verb.children if c.rel == "nsubj"]
    before = [c for c in subjects if c.id < verb.id]
    return before[-1:] or subjects[:1] or _surface_subject(verb)


def _auxiliaries(verb: Word) -> tuple[list[Word], int]:
    """The auxiliaries and copula before the verb, and the number of the first word of the group."""
    aux = [c for c in verb.children if c.rel in ("aux", "cop") and c.id < verb.id]
    return aux, min([verb.id] + [c.id for c in aux])


def _surface_object(verb: Word) -> list[Word]:
    """A coordinated verb the parse gave no object: the noun right after it, over its determiners and
    count, when the parse hung it on another word ("a démantelé un réseau et interpellé ses onze
    membres")."""
    if verb.rel != "conj":
        return []
    for w in verb.sentence.words[verb.id : verb.id + 4]:
        if w.upos in ("NOUN", "PROPN"):
            return [w] if w.head != verb.id and not _has_own_case(w) else []
        if w.upos not in ("DET", "NUM", "ADJ"):
            return []
    return []


def _surface_subject(verb: Word) -> list[Word]:
    """When the parse gave a verb or predicate no subject: the noun right before its auxiliaries or
    copula ("Entre quinze et vingt personnes ont été tuées", the noun hung on the number), else, over a comma, the
    nearest noun before that agrees with the participle in number and gender and is the head of no
    preposition ("Plus de 90 personnes qui manifestaient à Washington, théâtre de heurts, ont été
    arrêtées")."""
    aux, first = _auxiliaries(verb)
    words = verb.sentence.words
    prev = verb.sentence.word(first - 1)
    if prev is not None and prev.upos in ("NOUN", "PROPN") and not _has_own_case(prev):
        return [prev]
    if prev is None or prev.text != ",":
        return []
    for w in reversed(words[: first - 1]):
        if (
            w.upos == "VERB"
            and w.feat("VerbForm") == "Fin"
            and w.rel not in ("acl", "acl:relcl")
            and not w.deprel.startswith("acl")
        ):
            return []  # another main clause: not this verb's subject
        if (
            w.upos == "NOUN"
            and not _has_own_case(w)
            and w.feat("Number") == verb.feat("Number")
            and _gender(verb) in (None, w.feat("Gender"))
        ):
            return [w] if w.feat("Number") and verb.feat("Number") else []
    if any(c.lemma.lower() == "avoir" for c in aux):
        return _before_aside(prev)  # "Une femme de 71 ans, hospitalisée …, a succombé": no agreement with avoir
    return []


def _before_aside(comma: Word) -> list[Word]:
    """The noun that heads the phrase before the aside that `comma` closes ("Une femme de 71 ans,
    hospitalisée dans un état critique, a succombé" -> "femme")."""
    words = comma.sentence.words
    opening = next((w for w in reversed(words[: comma.id - 1]) if w.text == ","), None)
    if opening is None or opening.id < 2:
        return []
    head = words[opening.id - 2]
    while head.rel in ("nmod", "flat:name") and head.parent is not None and head.parent.id < head.id:
        head = head.parent
    return [head] if head.upos in ("NOUN", "PROPN") and not _has_own_case(head) else []


def _apposed(participle: Word) -> list[Word]:
    """The noun a participle is set off after by a comma, whatever the parse made of it ("Cinq autres
    occupants, légèrement blessés, ...", read by one parser as a conjunct): the noun right before the
    comma, the participle's adverbs apart."""
    words = participle.sentence.words
    i = participle.id - 2
    while i >= 0 and words[i].upos == "ADV":
        i -= 1
    if i < 1 or words[i].text != "," or words[i - 1].upos != "NOUN":
        return []
    noun = words[i - 1]
    if any(c.rel == "obj" and c.lemma.lower() not in _TIME_NOUNS for c in participle.children):
        return []  # a verb of its own clause: "a tué deux soldats, blessé trois civils"
    hung = participle.parent is noun or participle.rel in ("conj", "appos", "acl", "amod", "advcl")
    return [noun] if hung else []


def _agreeing(verb: Word) -> list[Word]:
    """The nouns before the participle's auxiliaries that agree with it, nearest first (see `agreeing`)."""
    if verb.feat("VerbForm") != "Part":
        return []
    number = "Plur" if verb.text.lower().endswith(("s", "x")) else "Sing"  # as written: taggers slip
    first = _auxiliaries(verb)[1]
    words = verb.sentence.words
    while first > 1 and words[first - 2].upos == "AUX":  # its auxiliaries, however the parse hung them
        first -= 1
    out = []
    for w in reversed(words[: first - 1]):
        clause = w.parent if w.upos == "AUX" and w.parent is not None else w
        if w.upos in ("VERB", "AUX") and w.feat("VerbForm") == "Fin" and not clause.deprel.startswith("acl"):
            break  # another main clause (not a relative one: "des militants qui avaient bloqué le pont ont été ...")
        if w.upos == "SCONJ":
            break  # the start of its own clause: "un homme ..., avant qu'il ne soit déféré"
        if (
            w.upos == "NOUN"
            and not _has_own_case(w)
            and w.feat("Number") in (None, number)
            and _gender(verb) in (None, w.feat("Gender"))
        ):
            out.append(w)
    return out


def _described(participle: Word, noun: Word) -> Word:
    """The noun a participle describes: the one it hangs on, or the plural noun that one completes when
    only that agrees ("sept membres du réseau placés en détention": "membres", not "réseau")."""
    head = noun.parent
    if (
        participle.text.lower().endswith(_PLURAL_PARTICIPLES)  # not "mis", "pris": singular as well
        and noun.feat("Number") == "Sing"
        and noun.rel == "nmod"
        and _has_case(noun, frozenset({"de"}))
        and head is not None
        and head.upos == "NOUN"
        and head.feat("Number") == "Plur"
        and _gender(participle) in (None, head.feat("Gender"))
    ):
        return head
    return noun


_PLURAL_PARTICIPLES = ("és", "ées")
_OTHER_PARTICIPLES = ("i", "ie", "u", "ue")  # "poursuivi", "détenu"
_OTHER_PLURAL_PARTICIPLES = ("is", "ies", "us", "ues")


def _has_own_case(noun: Word) -> bool:
    """A preposition heads the noun: not a subject. In "plus de 90 personnes" and "une douzaine
    d'enfants" the "de" is the count's."""
    cases = [c for c in noun.children if c.rel == "case"]
    if not cases or any(c.rel == "nummod" for c in noun.children):
        return False
    counted = (
        len(cases) == 1
        and cases[0].lemma.lower() == "de"
        and noun.parent is not None
        and noun.parent.upos in ("NOUN", "NUM")
        and noun.parent.id == cases[0].id - 1
    )
    return not counted


def participle_number(word: Word) -> Optional[str]:
    """A past participle's number as its ending writes it ("impliqués", "poursuivis": Plur; "soupçonnée",
    "poursuivi": Sing), which taggers often miss; None for a word with no such ending (a finite verb:
    "soupçonne", "poursuit")."""
    text = word.text.lower()
    if text.endswith(_PLURAL_PARTICIPLES + _OTHER_PLURAL_PARTICIPLES):
        return "Plur"
    return "Sing" if text.endswith(_PARTICIPLES + _OTHER_PARTICIPLES) else None


def _gender(participle: Word) -> Optional[str]:
    """A participle's gender as its ending writes it ("arrêtées": Fem), which taggers often miss."""
    text = participle.text.lower()
    if text.endswith(("ée", "ées")):
        return "Fem"
    if text.endswith(("é", "és")):
        return "Masc"
    return participle.feat("Gender")


_OF = 8  # how many words after "de" the noun may lie ("d'au moins une centaine de ...")


def _of(word: Word) -> list[Word]:
    words = word.sentence.words
    i = word.id  # index of the next word (ids are 1-based)
    while i < len(words) and words[i].upos == "ADJ" and words[i].head == word.id:
        i += 1  # "le nombre total de policiers"
    if i < len(words) and words[i].text == ",":  # a side remark: ", mardi," / ", la veille,"
        close = next((j for j in range(i + 1, min(i + 6, len(words))) if words[j].text == ","), None)
        if close is None:
            return []
        i = close + 1
    if (
        i >= len(words)
        or not (lemma_key(words[i]) == "de" or words[i].text.lower() in ("des", "du"))
        or words[i].upos not in ("ADP", "DET")
    ):
        return []
    for w in words[i + 1 : i + 1 + _OF]:
        if w.upos in ("NOUN", "PROPN"):
            return [w]
        if w.upos not in ("DET", "NUM", "ADV", "ADJ", "ADP") or w.upos == "ADP" and lemma_key(w) != "de":
            return []
    return []


def _reporter(word: Word) -> list[Word]:
    reporting = lexicon_set("triggers:reporting_verbs")
    for w in word.sentence.words:
        # "s'ajouter à" is no "ajouter" (said): a pronominal verb reports nothing
        # nor does an infinitive ("pour assurer la sécurité du sommet": no one said anything)
        if (
            w.upos == "VERB"
            and w.lemma.lower() in reporting
            and w.feat("VerbForm") != "Inf"
            and not any(c.rel == "expl" for c in w.children)
        ):
            subj = [c for c in w.children if c.rel == "nsubj"]
            if not subj:  # an inverted subject ("..., a annoncé la police") is often parsed as object
                subj = [c for c in w.children if c.rel == "obj" and c.id > w.id]
            subj = [c for c in subj if c.upos != "PRON" and c.lemma.lower() not in _TIME_NOUNS]
            if subj:
                return subj[:1]
    return []


def name_span(noun: Word) -> tuple[int, int]:
    """Character span of a proper noun with its flat parts ("Marie" + "Dupont")."""
    parts = [noun] + [c for c in noun.children if c.deprel.startswith("flat")]
    return min(p.start for p in parts), max(p.end for p in parts)


def follow_first(word: Word, paths: Iterable[str]) -> Optional[Word]:
    for p in paths:
        found = follow(word, p)
        if found:
            return found[0]
    return None


def clause_head(word: Word) -> Optional[Word]:
    """The verb that heads the clause of `word` (the word itself if it is one)."""
    for w in [word, *word.ancestors()]:
        if w.upos in ("VERB", "AUX") and w.rel not in ("aux", "cop"):
            return w
    return None


# Relations that start another clause or a side remark: a phrase stops there.
_CUT = {"acl:relcl", "parataxis", "punct", "advcl", "conj", "cc", "appos", "dislocated"}


def phrase(word: Word, keep_case: bool = False, keep_members: bool = False) -> tuple[int, int]:
    """Character span of the noun phrase headed by `word`, without relative clauses, side remarks,
    appositions and coordinated members (unless `keep_members`: "Paul et Marie", "le ministre Paul
    Martin") or its leading preposition (unless `keep_case`)."""
    cut = _CUT - {"appos", "punct", "conj", "cc"} if keep_members else _CUT
    ids = {word.id}
    frontier = [word]
    while frontier:
        nxt = []
        for w in frontier:
            for c in w.children:
                if c.deprel in cut or c.rel in cut:
                    continue
                if c.upos == "VERB" and c.feat("VerbForm") == "Fin" and c.id > word.id:
                    continue  # a conjugated verb the parse hung on the noun ("Paris compte envoyer")
                if c.rel == "case" and w is word and not keep_case:
                    continue
                ids.add(c.id)
                nxt.append(c)
        frontier = nxt
    words = [w for w in word.sentence.words if w.id in ids]
    # keep the contiguous run around the head: a broken parse may attach far-away words
    run = [word]
    by_id = {w.id: w for w in words}
    i = word.id - 1
    while i in by_id:
        run.insert(0, by_id[i])
        i -= 1
    i = word.id + 1
    while i in by_id:
        run.append(by_id[i])
        i += 1
    # a hyphenated name a tokenizer cut in pieces ("Royaume", "-", "Uni"): the whole name, its article
    # too ("Le Royaume-Uni")
    sentence = word.sentence
    while (prev := sentence.word(run[0].id - 1)) is not None and _glued(prev, run[0]):
        run.insert(0, prev)
    while (after := sentence.word(run[-1].id + 1)) is not None and _glued(run[-1], after):
        run.append(after)
    first = run[0]
    start = min([first.start] + [c.start for c in first.children if c.rel == "det" and c.id == first.id - 1])
    return start, run[-1].end


def _glued(a: Word, b: Word) -> bool:
    """Two tokens of one hyphenated word: no space between, a hyphen where they meet."""
    return a.end == b.start and (a.text.endswith("-") or b.text.startswith("-"))


def clause_words(word: Word, keep: frozenset[int] = frozenset()) -> list[Word]:
    """`word` and what hangs on it within its clause: not another clause (with its own subject) nor a
    side remark; the words numbered in `keep` are kept whatever their relation."""
    kept, frontier = [word], [word]
    while frontier:
        nxt = []
        for w in frontier:
            for c in w.children:
                if c.id not in keep and (
                    c.deprel in _CUT
                    or c.rel in _CUT
                    or c.rel in ("ccomp", "csubj")
                    or (c.upos in ("VERB", "AUX") and any(g.rel == "nsubj" for g in c.children))
                ):
                    continue
                kept.append(c)
                nxt.append(c)
        frontier = nxt
    return kept


def clause_span(trigger: Word) -> tuple[int, int]:
    """Span of the shortest clause stating the fact: the trigger's clause head and what hangs on it,
    other clauses and side remarks left out."""
    head = clause_head(trigger) or trigger
    on_path = frozenset({trigger.id} | {w.id for w in trigger.ancestors()})  # the words whose subtree holds it
    words = [w for w in clause_words(head, keep=on_path) if w.upos != "PUNCT"]
    if not words:
        return trigger.start, trigger.end
    return min(w.start for w in words), max(w.end for w in words)
