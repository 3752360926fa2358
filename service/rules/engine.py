"""Runs a fact module's rules over a document and fills the fields every fact shares."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from pydantic import BaseModel

from schemas.common import Quantity
from service.document import Word
from service.lexicon import load
from service.rules.context import Context
from service.rules.matcher import (
    Rule,
    RuleError,
    Trigger,
    check_lexicon_key,
    clause_head,
    follow,
    follow_first,
    forms,
    lemma_key,
    lexicon_set,
    name_span,
    phrase,
)
from service.rules.modality import is_conditional, modality_of, source_of
from service.rules.tense import is_future
from service.rules.text import norm_text

Condition = Callable[[Word, Context], bool]
# the words that open groups after a total ("dont 17 touristes", "– 41 policiers") and that set a bare
# figure beside a fact ("..., 90 000 selon la police"): triggers of the modules' follows-rules
SUBCOUNT_TRIGGER = Trigger("triggers:subcount_marks", frozenset({"PRON", "ADP", "ADV", "SCONJ", "CCONJ", "PUNCT"}))
# (and a counting verb after "en": "..., tandis qu'on en comptait 450 au Guilvinec")
ELLIPTIC_TRIGGER = Trigger("triggers:elliptic_links", frozenset({"PUNCT", "CCONJ", "PRON", "ADP", "SCONJ", "VERB"}))
Builder = Callable[[Rule, Word, Context], "Optional[dict] | list[dict]"]


@dataclass(frozen=True)
class FactType:
    """What a fact module declares (as FACT_TYPE) for the registry (service.rules.registry) to run,
    merge and score its facts. Checked when declared: conditions and builders name real rules and
    conditions, slots are fields of the model."""

    name: str  # the facts' "type"
    model: type[BaseModel]  # its pydantic model in schemas.facts
    rules: tuple[Rule, ...]  # tried in order on each trigger word
    conditions: dict[str, Condition]  # what a rule's `requires` names
    build: Builder  # turns a rule's match into a fact (dict)
    builders: dict[str, Builder] = field(default_factory=dict)  # rule name -> its own builder
    slots: tuple[str, ...] = ()  # the slots a matched fact is scored on
    same_event: Optional[Callable[[dict, dict], bool]] = None  # merge identity; default: same count
    refers_back: Optional[Callable[[dict, list], Optional[dict]]] = None  # a mention pointing back
    shared_slots: tuple[str, ...] = ()  # slots an article states once for all its facts
    # shared slots a fact takes from the facts just before it where the article's facts disagree: one
    # scene goes on ("... à Paris 500 000 personnes selon les organisateurs. La police en compte 80 000")
    carried_on: tuple[str, ...] = ()
    # its facts take place at the event the lead names by its place ("après l'attentat de Londres": a toll's
    # victims), where they name no place and the others name no town (share_slots)
    at_the_event: bool = False
    # types during which a counted fact of this type takes place: it takes their one agreed place and
    # day when it has none (people arrested by the dozen in an article on a protest were arrested where
    # and when it marched)
    during: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()  # lexicon keys of words that make a count this type's
    finish: Optional[Callable[[list, Context], None]] = None  # a pass over the module's facts
    # a state of people (a force, a crowd): its count gives way where the same count is an event that
    # befell them, a toll or an arrest ("cinq soldats ont été tués" is no deployment)
    gives_way: bool = False
    # dated by the event: a statement's day is not its day, and one its sentence does not date took place
    # on the day of the article's lead (Context.date_of); False: the day its sentence gives, the
    # announcement's included (a deployment: "the date attached to the deployment or its announcement")
    event_dated: bool = True
    # its figures add up over a period (a toll, arrests): one whose verb spans a period ("depuis le début
    # du mouvement", "en trois jours") has no day (Context.date_of); a crowd's or a force's has its own
    adds_up: bool = False

    def __post_init__(self):
        where = f"fact type {self.name!r}"
        if self.model.model_fields["type"].default != self.name:
            raise RuleError(f"{where}: its model's type is {self.model.model_fields['type'].default!r}")
        names = [r.name for r in self.rules]
        if len(names) != len(set(names)):
            raise RuleError(f"{where}: rule names repeat")
        fields = set(self.model.model_fields)
        for rule in self.rules:
            missing = set(rule.requires) - set(self.conditions)
            if missing:
                raise RuleError(f"rule {rule.name!r}: no condition {sorted(missing)}")
            if not set(rule.slots) | set(rule.attrs) <= fields:
                raise RuleError(f"rule {rule.name!r}: slots not in {self.model.__name__}")
        if not set(self.builders) <= set(names):
            raise RuleError(f"{where}: builders for no rule {sorted(set(self.builders) - set(names))}")
        if not set(self.slots) | set(self.shared_slots) <= fields:
            raise RuleError(f"{where}: slots not in {self.model.__name__}")
        if not set(self.carried_on) <= set(self.shared_slots):
            raise RuleError(f"{where}: carried_on names slots that are not shared")
        for key in self.claims:
            check_lexicon_key(key, where)

    def find(self, ctx: Context) -> list[dict]:
        """The facts of this type in the document, in text order (one per trigger word at most)."""
        ctx.event_dated, ctx.adds_up = self.event_dated, self.adds_up
        facts = run_rules(self._index, self.conditions, self._build, ctx)
        if self.finish is not None:
            self.finish(facts, ctx)
        return facts

    def _build(self, rule: Rule, trigger: Word, ctx: Context):
        return self.builders.get(rule.name, self.build)(rule, trigger, ctx)

    @cached_property
    def _index(self) -> RuleIndex:
        return RuleIndex(self.rules)


class RuleIndex:
    """A module's rules by trigger form: a word tries only the rules one of its forms triggers, in order."""

    def __init__(self, rules: Sequence[Rule]):
        self._rules = tuple(rules)
        self._by_form: dict[str, tuple[int, ...]] = {}
        for i, rule in enumerate(self._rules):
            for key in rule.trigger.keys:
                self._by_form[key] = self._by_form.get(key, ()) + (i,)
        self.keys = frozenset(self._by_form)  # every trigger form
        self._tried: dict[frozenset[str], tuple[Rule, ...]] = {}  # trigger forms -> their rules (few sets)

    def rules_for(self, word_forms: frozenset[str]) -> tuple[Rule, ...]:
        keys = word_forms & self.keys
        got = self._tried.get(keys)
        if got is None:
            positions = sorted({i for f in keys for i in self._by_form[f]})
            got = self._tried[keys] = tuple(self._rules[i] for i in positions)
        return got


def run_rules(index: RuleIndex, conditions: dict[str, Condition], build: Builder, ctx: Context) -> list[dict]:
    """Each trigger word gives at most one fact: the first rule, in order, that builds one."""
    facts = ctx.found = []  # a rule may read what the module found before in the text
    # most words trigger nothing: one look-up in the union of the triggers skips them
    for word in ctx.words_with(index.keys):
        upos = word.upos
        for rule in index.rules_for(forms(word)):
            if upos not in rule.trigger.upos:
                continue
            # what fact_before(word, ctx) tells, read off the last fact: the module finds them in text order
            if rule.follows and not (facts and facts[-1]["trigger"].start >= word.sentence.start):
                continue
            if all(conditions[c](word, ctx) for c in rule.requires):
                fact = build(rule, word, ctx)
                if fact:
                    facts.extend(fact if isinstance(fact, list) else [fact])
                    break
    return facts


def surnames(fact: dict) -> set[str]:
    """The last words of a fact's persons, lowercased: what tells two mentions of people apart."""
    return {p.split()[-1].lower() for p in fact.get("persons") or [] if p.split()}


def clause_key(word: Word) -> tuple[int, int]:
    """Identifies a clause up to coordination: "mis en examen et écroué" is one clause."""
    head = clause_head(word) or word
    seen = {head.id}
    while head.rel == "conj" and head.parent is not None and head.parent.id not in seen:
        head = head.parent
        seen.add(head.id)
    return word.sentence.start, head.id


def common_fields(rule: Rule, trigger: Word, ctx: Context, evidence: tuple[int, int], article_day: bool = True) -> dict:
    """The fields every fact has; `article_day`: whether the article's day may date it (Context.date_of)."""
    src = ctx.once(source_of, trigger.sentence)  # the same for every fact of the sentence
    head = clause_head(trigger) or trigger
    return {
        "_clause": clause_key(trigger),
        "_head": (trigger.sentence.start, head.id),  # the clause itself, coordination apart
        "rule": rule.name,
        "trigger": ctx.span(trigger.start, trigger.end),
        "evidence": ctx.span(*evidence),
        "modality": modality_of(trigger, src),
        "source": ctx.text[src[0] : src[1]] if src else None,
        "date": ctx.date_of(trigger.sentence, trigger, within=evidence, article_day=article_day),
        **rule.attrs,
    }


def names_of(noun: Word, ctx: Context) -> list[str]:
    """The people's names a noun phrase holds ("l'ancien ministre Paul Martin", "X et Y"), each in its
    longest form in the article."""
    start, end = phrase(noun, keep_members=True)
    names = [ctx.full_name(e.text) for e in ctx.doc.entities if e.label == "PER" and e.start < end and start < e.end]
    if not names and noun.upos == "PROPN" and noun.rel != "nmod":  # the NER missed it (not "le pont Bessières")
        names = [ctx.full_name(ctx.text[slice(*name_span(noun))])]
    return list(dict.fromkeys(names))


def apposed_names(nouns: list[Word], ctx: Context) -> list[str]:
    """The names set beside the nouns in apposition ("Le policier, Jason Whitfield, 36 ans, a été
    inculpé"; "l'administrateur, Marc Verlinden, et son comptable ..."; "un jeune homme de 22 ans, Ilyas
    Benali, a été tué")."""
    names = []
    for noun in nouns:
        if noun.upos == "PROPN" and ctx.entity_at(noun.start, "PER") is not None:
            names += names_of(noun, ctx)  # a parse that made the apposed names a second subject
        for c in noun.children:
            if c.rel == "appos" or c.rel == "flat:name":
                start, end = name_span(c)
                names += [ctx.full_name(e.text) for e in ctx.entities_in(start, end, "PER")]
                if c.upos == "PROPN" and not names and ctx.entity_at(c.start, "PER") is not None:
                    names.append(ctx.full_name(ctx.entity_at(c.start, "PER").text))
        nxt = noun.sentence.word(noun.id + 1)
        if nxt is not None and nxt.text == ",":  # the parse hung the name elsewhere: right after a comma
            after = noun.sentence.word(noun.id + 2)
            e = ctx.entity_at(after.start, "PER") if after is not None else None
            if e is not None:
                names.append(ctx.full_name(e.text))
    return list(dict.fromkeys(names))


def reflexive(w: Word) -> bool:
    """The verb has a reflexive pronoun: "se sont arrêtés devant le siège" (they stopped)."""
    pronouns = lexicon_set("tense:reflexive_pronouns")
    return any(c.upos == "PRON" and c.text.lower() in pronouns for c in w.children)


def is_person(noun: Word, ctx: Context) -> bool:
    """The word names people: a PER entity, a person noun, or a nationality ("deux Français")."""
    if ctx.entities_in(noun.start, noun.end, "PER") or ctx.entity_at(noun.start, "PER") is not None:
        return True
    if forms(noun) & lexicon_set("triggers:person_nouns"):
        return True
    if _aged(noun):
        return True  # "un artisan de 33 ans": whoever has an age is a person
    text = noun.text.lower()
    endings = tuple(lexicon_set("triggers:demonym_endings"))
    return (
        noun.text[:1].isupper()
        and noun.upos in ("NOUN", "PROPN", "ADJ")
        and (text.endswith(endings) or text.endswith("s") and text[:-1].endswith(endings))
        and (
            not ctx.entities_in(noun.start, noun.end, "LOC")
            or noun.upos == "NOUN"
            or any(c.rel in ("det", "nummod") for c in noun.children)
            or ctx.quantity_before(noun) is not None
        )
    )  # NER tags "un Français", "des milliers de Géorgiens" LOC


def _aged(noun: Word) -> bool:
    """The noun is given an age: "un artisan de 33 ans", "un homme âgé de 52 ans"."""
    ages = lexicon_set("triggers:age_units")
    for c in noun.children:
        if c.rel == "amod" and c.lemma.lower() == "âgé":
            c = next((g for g in c.children if g.lemma.lower() in ages), c)
        if (
            c.lemma.lower() in ages
            and any(g.upos == "NUM" for g in c.children)
            and any(g.rel == "case" and g.lemma.lower() == "de" for g in c.children)
        ):
            return True
    return False


def _singular(noun: Word, ctx: Context) -> Optional[Quantity]:
    """One person, named or described without a numeral ("un policier", "le fils", "Jean Dupont"); not a
    group ("un couple", "une famille": how many is not said)."""
    if noun.upos == "PRON" or noun.lemma.lower() in lexicon_set("triggers:collective_people"):
        return None
    if noun.upos in ("DET", "NUM") and noun.lemma.lower() == "un":  # the parser made "Un" the head
        return Quantity(text=noun.text, value=1, min=1, max=1, qualifier="exact", start=noun.start, end=noun.end)
    for c in noun.children:
        if c.rel == "det" and c.lemma.lower() == "un" and c.feat("Number") != "Plur" and c.id < noun.id:
            return Quantity(text=c.text, value=1, min=1, max=1, qualifier="exact", start=c.start, end=c.end)
    if (
        noun.upos == "PROPN"
        and ctx.entity_at(noun.start, "PER") is not None
        or ctx.entities_in(noun.start, noun.end, "PER")
    ):
        return Quantity(text=None, value=1, min=1, max=1, qualifier="exact")
    if (
        noun.feat("Number") == "Sing"
        and noun.upos == "NOUN"
        # "le fils", "son compagnon"
        and any(c.rel == "det" and (c.feat("Definite") == "Def" or c.feat("Poss") == "Yes") for c in noun.children)
        and noun.lemma.lower() not in lexicon_set("triggers:generic_people") | lexicon_set("triggers:gendered_people")
    ):
        return Quantity(text=None, value=1, min=1, max=1, qualifier="exact")
    return None


def _zero(noun: Word) -> Optional[Quantity]:
    """'aucun blessé', 'personne n'a été arrêté': a count of zero, which modality marks negated."""
    neg = load("modality")["negation"]
    if noun.upos == "PRON" and noun.lemma.lower() in neg["pronouns"]:
        return Quantity(text=noun.text, value=0, min=0, max=0, qualifier="exact", start=noun.start, end=noun.end)
    for c in noun.children:
        if c.rel == "det" and c.lemma.lower() in neg["determiners"]:
            return Quantity(text=c.text, value=0, min=0, max=0, qualifier="exact", start=c.start, end=c.end)
    return None


def counted_noun(head: Word, q: Quantity, ctx: Context) -> Word:
    """The noun a count counts when the count itself heads the phrase ("vingtaine" in "une vingtaine
    de manifestants", "cents" in "trois cents personnes"): the noun right after it, else its "de"
    complement, else the head."""
    after = [w for w in head.sentence.words if w.start >= q.end and w.upos in ("NOUN", "PROPN")]
    if after and ctx.quantity_before(after[0]) is q:
        return after[0]
    return follow_first(head, ("nmod*[de]",)) or head


def antecedent_of_relative(word: Word) -> Word:
    """A relative pronoun stands for the noun its clause hangs on ("ce sont 45 personnes qui ont
    perdu la vie"), or, where the parse hung the clause elsewhere, the noun or name right before it,
    over a comma ("le Canada, qui devrait expédier ..."; not a "qui" that asks: "mais qui meurt ?")."""
    if word.upos != "PRON" or word.lemma.lower() not in lexicon_set("triggers:relative_pronouns"):
        return word
    verb = word.parent
    if verb is not None and verb.deprel.startswith("acl") and verb.parent is not None:
        return verb.parent
    prev = word.sentence.word(word.id - 1)
    if prev is not None and prev.text == ",":
        prev = word.sentence.word(word.id - 2)
    if prev is None or prev.upos not in ("NOUN", "PROPN"):
        return word
    while prev.rel == "nmod" and prev.parent is not None and prev.parent.id < prev.id and prev.parent.upos == "NOUN":
        prev = prev.parent  # "son homologue du Tchad, qui ...": the head of the noun phrase
    return prev


def find_count(
    trigger: Word, paths: Iterable[str], ctx: Context, singular: bool = False
) -> tuple[Optional[Quantity], Optional[Word]]:
    """The count of the fact and the noun it counts, looked for along `paths` in order."""
    pronoun = False  # an earlier path reached a subject pronoun: it is who, the later paths are not
    for path in paths:
        if pronoun:
            break
        for noun in follow(trigger, path):
            if path == "agreeing" and not is_person(noun, ctx):
                continue  # the last resort takes people only
            pronoun = pronoun or (
                noun.upos == "PRON"
                and noun.rel.startswith("nsubj")
                and noun.lemma.lower() in lexicon_set("triggers:person_pronouns")
            )
            noun = antecedent_of_relative(noun)
            covering = ctx.quantity_covering(noun)
            if covering is not None and noun.upos == "NOUN":  # "une vingtaine de policiers"
                return covering, counted_noun(noun, covering, ctx)
            q = ctx.quantity_before(noun) or ctx.quantity_after(noun) or _zero(noun)
            if q is not None:
                return q, noun
            if covering is not None:  # a broken parse made the number the head
                return covering, counted_noun(noun, covering, ctx)
            if singular and (is_person(noun, ctx) or noun.upos in ("DET", "NUM")):
                q = _singular(noun, ctx)
                if q is not None:
                    return q, noun
    return None, None


def pronoun_person(trigger: Word, paths: Iterable[str], ctx: Context) -> Optional[str]:
    """The person a pronoun along `paths` stands for ("Il a été tué": the one person just named)."""
    for path in paths:
        for w in follow(trigger, path):
            if w.upos == "PRON":
                return ctx.antecedent(w)
    return None


ONE = Quantity(text=None, value=1, min=1, max=1, qualifier="exact")  # one person, named without a count


def _determined(w: Word) -> bool:
    """A word a tagger read as an adjective or a verb, with a determiner of its own: a noun ("et un
    manifestant", "et un passant")."""
    return w.upos in ("ADJ", "VERB", "AUX") and any(c.rel == "det" for c in w.children)


def noun_label(noun: Optional[Word], exclude: Iterable[str] = (), stop: Optional[Word] = None) -> Optional[str]:
    """Who a counted noun names ("policiers", "soldats maliens"). A generic noun ("personnes") names
    no one, unless an adjective makes it specific ("jeune femme", "personnes âgées")."""
    if (
        noun is None
        or noun.upos not in ("NOUN", "PROPN", "ADJ")
        and not _determined(noun)
        or noun.lemma.lower() in set(exclude)
    ):
        return None
    if noun.upos == "PROPN" and any(c.deprel.startswith("flat") for c in noun.children):
        start, end = name_span(noun)  # a name: the whole of it ("Marie Dupont"), not its first word
        return noun.sentence.text[start - noun.sentence.start : end - noun.sentence.start]
    generic = lexicon_set("triggers:generic_people")
    words = [noun]
    prev = noun.sentence.word(noun.id - 1)
    # "jeune femme"; not "autres personnes", which says no more than "personnes", nor a number a tagger
    # read as an adjective ("neuf Français")
    numbers = lexicon_set("numbers:number_words")
    while (
        prev is not None
        and prev.head == noun.id
        and prev.upos == "ADJ"
        and prev.lemma.lower() not in generic
        and prev.text.lower() not in numbers
    ):
        words.insert(0, prev)
        prev = noun.sentence.word(prev.id - 1)
    nxt = noun.sentence.word(noun.id + 1)
    # "soldats maliens"; not the trigger a tagger read as an adjective ("personnes tuées": `stop`)
    while nxt is not None and nxt.head == noun.id and nxt.upos == "ADJ" and nxt is not stop:
        words.append(nxt)
        nxt = noun.sentence.word(nxt.id + 1)
    if len(words) == 1 and noun.lemma.lower() in generic:
        return None
    text, base = noun.sentence.text, noun.sentence.start
    end = words[-1].end - base
    if (m := _HYPHENED.match(text, end)) is not None and words[-1] is noun:
        end = m.end()  # "sapeur-pompier" split by a tokenizer
    return text[words[0].start - base : end]


_HYPHENED = re.compile(r"(?:-\w+)+")


def fact_before(word: Word, ctx: Context) -> Optional[dict]:
    """The last fact the running module found earlier in the same sentence."""
    start = word.sentence.start
    for f in reversed(ctx.found):  # in text order: the module reads its words in order
        at = f["trigger"].start
        if at < start:
            return None
        if at < word.start:
            return f
    return None


def counted_groups(mark: Word, ctx: Context) -> list[tuple[Quantity, Word]]:
    """The counted groups of people listed right after `mark` ("dont 17 touristes et 2 policiers",
    "– 41 policiers, deux soldats et des civils", "tout comme un Suisse"): each count with its noun,
    in order, until the list ends. A group given only by severity ('dont 12 grièvement') or by a
    generic noun ('dont 3 personnes') ends it."""
    skip = (
        lexicon_set("triggers:severity_words")
        | lexicon_set("triggers:generic_people")
        | lexicon_set("triggers:gendered_people")
    )
    out: list[tuple[Quantity, Word]] = []
    for noun in mark.sentence.words[mark.id : mark.id + 14]:
        if noun.text in (")", "]") or noun.upos == "VERB" and noun.text.lower().endswith("ant"):
            break  # the list is over: "(Gard) lors d'une opération mobilisant 250 policiers"
        if _opens_clause(noun):
            break  # "dont 31 dans la capitale, et onze policiers ont été blessés": another clause
        if noun.upos not in ("NOUN", "PROPN", "ADJ"):
            continue
        q = ctx.quantity_before(noun)
        if q is not None and q.start < mark.end or not is_person(noun, ctx):
            continue  # "dont 66 canons" names no people
        if q is None:  # "un Espagnol": one person, by its article
            q = next(
                (
                    _singular(noun, ctx)
                    for c in noun.children
                    if c.rel == "det" and c.lemma.lower() == "un" and c.id < noun.id
                ),
                None,
            )
        if q is None:
            continue
        if noun.lemma.lower() in skip or noun.text.lower() in skip:
            break
        out.append((q, noun))
        nxt = noun.sentence.word(noun.id + 1)
        while nxt is not None and nxt.upos == "ADJ" and nxt.head == noun.id:  # "soldats maliens,"
            nxt = noun.sentence.word(nxt.id + 1)
        if nxt is None or nxt.lemma.lower() not in ("et", ",") and nxt.upos != "CCONJ":
            break  # "dont 161 civils et 104 putschistes"
    return out


def _opens_clause(noun: Word) -> bool:
    """An auxiliary follows the noun and its complements, with no comma between: the noun is the subject
    of a clause of its own ("et onze membres des forces de l'ordre ont été blessés"), not a group of a
    list ("dont 30 policiers et deux pompiers, ont été blessées")."""
    for w in noun.sentence.words[noun.id : noun.id + 8]:
        if w.upos == "AUX":
            return True
        if w.upos not in ("ADJ", "ADP", "DET", "NOUN", "PROPN"):
            return False
    return False


def _group_count(noun: Word, ctx: Context) -> Optional[Quantity]:
    """The count of a group in a list: its number, or "un" right before it ("un photographe")."""
    q = ctx.quantity_before(noun)
    if q is not None:
        return q
    prev = noun.sentence.word(noun.id - 1)
    if prev is not None and prev.lemma.lower() == "un" and prev.feat("Number") != "Plur" and prev.upos == "DET":
        return Quantity(text=prev.text, value=1, min=1, max=1, qualifier="exact", start=prev.start, end=prev.end)
    return None


def coordinated_groups(noun: Word, ctx: Context, exclude: frozenset[str] = frozenset()) -> list[tuple[Quantity, Word]]:
    """The other counted groups of people listed with `noun`, before or after it ("150 Britanniques, 110
    Suisses et 50 Danois ont perdu la vie"): each count with its noun, read in text order (parsers hang such lists in
    many ways), until a group is not joined by a comma or "et". None whose noun is in `exclude` (the
    trigger nouns of a fact: "13 morts et 182 blessés" are two facts of their own), and not one group set
    off by commas alone, which describes the noun ("Son frère, un Belge de 40 ans, est porté disparu")."""
    out: list[tuple[Quantity, Word]] = []
    words = noun.sentence.words

    def joined_before(q: Quantity) -> Optional[Word]:
        """The counted group right before `q`, joined to it by a comma or "et"."""
        before = [w for w in words if w.end <= q.start]
        if not before or not (before[-1].text == "," or before[-1].upos == "CCONJ"):
            return None
        # over its trailing adjectives and adverbs ("d'une dizaine d'années tout au plus et deux enseignants")
        prev = before[:-1]
        while prev and (
            prev[-1].upos in ("ADJ", "ADV") or (prev[-1].parent is not None and prev[-1].parent.upos == "ADV")
        ):
            prev.pop()
        if not prev or prev[-1].upos not in ("NOUN", "PROPN") or forms(prev[-1]) & exclude:
            return None
        group = prev[-1]
        # "Sept enfants d'une dizaine d'années et deux enseignants": the group, not its complement
        while (
            group.rel == "nmod"
            and group.parent is not None
            and group.parent.id < group.id
            and any(c.rel == "case" for c in group.children)  # a complement, not a list the parse nested
        ):
            group = group.parent
        return group if group.upos in ("NOUN", "PROPN") and not forms(group) & exclude else None

    # "cinq autres": the others are set apart from the groups before them
    q = _group_count(noun, ctx) if noun.lemma.lower() != "autre" else None
    while q is not None and (prev := joined_before(q)) is not None:  # "Deux soldats et trois civils ont ..."
        pq = _group_count(prev, ctx)
        if pq is None or pq.text is None or not is_person(prev, ctx):
            break
        out.insert(0, (pq, prev))
        q = pq
    i = noun.id  # index of the word after `noun`
    after: list[tuple[Quantity, Word]] = []
    joins = []
    while i < len(words):
        while i < len(words) and words[i].upos == "ADJ":  # "soldats maliens,"
            i += 1
        if i < len(words) and words[i].text.lower() == "ainsi":  # "trois passants ainsi qu'un policier"
            i += 1
        if i >= len(words) or not (words[i].text == "," or words[i].upos == "CCONJ" or _joins(words[i])):
            break
        nxt = next((w for w in words[i + 1 : i + 6] if w.upos in ("NOUN", "PROPN") or _determined(w)), None)
        q = _group_count(nxt, ctx) if nxt is not None else None
        if nxt is not None and nxt.lemma.lower() in lexicon_set("triggers:collective_people"):
            break  # "Deux personnes, un couple de retraités": the same people
        if (
            q is None
            or q.text is None
            or q.start < words[i].end
            or norm_text(ctx.text[words[i].end : q.start]).strip() not in ("", "ainsi que", "ainsi qu'")
            or forms(nxt) & exclude
            or not is_person(nxt, ctx)
        ):
            break  # not "cinq civils et ont blessé 17 autres personnes"
        after.append((q, nxt))
        joins.append(words[i].text)
        i = nxt.id
    # one group set off by commas alone describes the noun: "Son frère, un Belge de 40 ans, est porté disparu"
    if joins == [","] and i < len(words) and any(w.text == "," for w in words[i : i + 8]):
        after = []
    return out + after


def _joins(w: Word) -> bool:
    """The "que" of "ainsi que", which joins groups as "et" does."""
    prev = w.sentence.word(w.id - 1)
    return norm_text(w.text) in ("que", "qu'") and prev is not None and prev.text.lower() == "ainsi"


def group_facts(
    total: dict, rule: Rule, mark: Word, ctx: Context, inherit: tuple[str, ...], group_slot: Optional[str] = None
) -> list[dict]:
    """Each counted group listed after `mark` is a fact of its own, with the `inherit` slots of the
    `total` fact it breaks down or sits beside, and the group's name in `group_slot`."""
    out = []
    for q, noun in counted_groups(mark, ctx):
        fact = common_fields(rule, mark, ctx, (q.start if q.text is not None else noun.start, noun.end))
        fact.update({k: total.get(k) for k in inherit}, type=total["type"], count=q)
        if group_slot:
            fact[group_slot] = noun_label(noun)
        fact["date"] = total.get("date") or fact["date"]
        out.append(fact)
    return out


def subcounts(
    rule: Rule, mark: Word, ctx: Context, inherit: tuple[str, ...], group_slot: Optional[str] = None
) -> list[dict]:
    """'19 morts, dont 17 touristes et 2 policiers': each named group inside (or beside) a total
    stated before in the sentence is a fact of its own (see group_facts)."""
    if mark.text.lower() == "ainsi" and not _joins(mark.sentence.word(mark.id + 1) or mark):
        return []  # "ainsi" alone is an adverb: "le bilan s'élève ainsi à 30 morts"
    total = fact_before(mark, ctx)
    if total is None or _count_between(total, mark, ctx):
        return []
    return group_facts(total, rule, mark, ctx, inherit, group_slot)


def _count_between(total: dict, mark: Word, ctx: Context) -> bool:
    """Another count stands between the total and the mark: the groups break that one down ("57 morts
    et plus de 1 200 arrestations, dont 18 journalistes")."""
    q = total.get("count")
    end = q.end if q is not None and q.end is not None else total["trigger"].end
    return any(end <= c.start and c.end <= mark.start for c in ctx.counts_in(mark.sentence)[0])


def among_group(mark: Word) -> Optional[Word]:
    """The noun after "parmi" that names the group ("Parmi les blessés figurent ..."), when the
    sentence goes on to list who is in it (not "parmi eux, 408 ont été arrêtés"); or after the noun a
    verb takes for it ("font partie des victimes")."""
    if mark.upos == "NOUN" and mark.rel != "obj":
        return None  # "une partie des blessés": a share, no membership
    nxt = [
        w
        for w in mark.sentence.words[mark.id : mark.id + 3]
        if w.upos != "DET" and not (mark.upos == "NOUN" and w.upos == "ADP")
    ]
    if not nxt or nxt[0].upos not in ("NOUN", "ADJ", "VERB"):
        return None
    return nxt[0]


def mark_after(noun: Word) -> Optional[Word]:
    """The mark of a list of groups right after a counted noun ("Quatorze personnes, dont trois
    mineurs, ont été interpellées", over a comma; "170 personnes – 41 policiers, ...")."""
    after = [w for w in noun.sentence.words[noun.id : noun.id + 2] if w.text != ","][:1]
    marks = lexicon_set("triggers:describing_relatives") | lexicon_set("triggers:aside_openers")
    return after[0] if after and after[0].lemma.lower() in marks and after[0].id > noun.id else None


def list_before(q: Quantity, ctx: Context, sentence) -> Optional[tuple[Quantity, Word, Word]]:
    """When `q` opens a list of groups inside a total ("80 personnes, dont 30 policiers ...",
    "170 personnes – 41 policiers, ..."), the total's count, its noun and the list's mark."""
    before = [w for w in sentence.words if w.end <= q.start]
    if len(before) < 2 or before[-1].text.lower() not in lexicon_set("triggers:subcount_marks"):
        return None
    mark, rest = before[-1], [w for w in before[:-1] if w.text not in (",",)]
    if not rest or rest[-1].upos not in ("NOUN", "PROPN"):
        return None
    after = sentence.words_between(q.end, sentence.end)[:1]
    if after and after[0].upos in ("AUX", "VERB"):
        return None  # "400 personnes, dont 156 ont été interpellées": the verb tells of the part only
    total = ctx.quantity_before(rest[-1])
    return (total, rest[-1], mark) if total is not None else None


TALLY_SPAN = 6  # words between "le nombre de disparus" and its figure ("s'élève désormais à 21")


def tally(w: Word, ctx: Context) -> tuple[Optional[Word], Optional[Quantity]]:
    """What the tally noun `w` counts (its "de" complement, or for "leur nombre" / "le nombre" the counted
    noun before it in the sentence) and the figure it is given: the first count
    after it, within a few words, behind a link ("le nombre de disparus s'élève désormais à 21"), or a
    count right before it ("porter à 600 le nombre de soldats")."""
    counted = follow(w, "of")
    determiners = [c for c in w.children if c.rel == "det"]
    if (
        not counted
        and any(
            c.feat("Poss") == "Yes"
            # "le nombre" only where a verb carries it to a figure: "portant le nombre à 600"; not "le nombre
            # avancé par les syndicats étant de 10 000", a figure someone claims
            or c.lemma.lower() == "le"
            and w.rel == "obj"
            and w.parent is not None
            and w.parent.lemma.lower() in lexicon_set("triggers:tally_carriers")
            for c in determiners
        )
        and not any(c.rel == "case" for c in w.children)  # "au total" is no tally
    ):
        # "portant à 2 000 leur nombre", "portant le nombre à 600": the counted people named before it in
        # the sentence
        counted = [x for x in w.sentence.words[: w.id - 1] if x.upos == "NOUN" and ctx.quantity_before(x)][-1:]
    if not counted:
        return None, None
    s, links = w.sentence, lexicon_set("triggers:tally_links")

    def linked(q: Quantity) -> bool:
        before = [x for x in s.words if x.end <= q.start and x.upos != "ADV"]  # "dépasserait déjà la cinquantaine"
        return bool(before) and (before[-1].lemma.lower() in links or before[-1].text.lower() in links)

    counts = [q for q in ctx.counts_in(s)[0] if q.text is not None]
    end = max(counted[0].end, w.end)  # after the tally noun and what it counts
    for q in counts:
        if q.start < end:
            continue
        if len(s.words_between(end, q.start)) > TALLY_SPAN or not linked(q):
            break
        return counted[0], q
    before = [q for q in counts if q.end <= w.start]
    if before and len(s.words_between(before[-1].end, w.start)) <= 2 and linked(before[-1]):
        return counted[0], before[-1]
    return counted[0], None


def links_a_count(link: Word, ctx: Context) -> bool:
    """The link word ("dont", ",", "contre"...) comes right before a count: with a fact of the
    running module before it (a `follows` rule), the trigger of an elliptic figure."""
    nxt = link.sentence.word(link.id + 1)
    return nxt is not None and _side_count(nxt, ctx) is not None


def _side_count(word: Word, ctx: Context) -> Optional[Quantity]:
    """The count that starts at `word`, or right after it where it is a range's "de" (", de 100 000 à
    150 000 à Milan")."""
    q = ctx.quantity_at(word)
    if q is None and lemma_key(word) == "de":
        nxt = word.sentence.word(word.id + 1)
        q = ctx.quantity_at(nxt) if nxt is not None else None
        return q if q is not None and q.min != q.max else None
    return q


def _source_in(words: list[Word], marks: frozenset[str]) -> Optional[Word]:
    """The noun a mark of attribution introduces among `words` ("selon la police", "d'après le
    cabinet", whether the parser split "d'après" or not)."""
    for i, w in enumerate(words):
        text = norm_text(w.text)
        split = text == "après" and i > 0 and norm_text(words[i - 1].text + w.text) in marks
        if text in marks or split:
            if w.rel == "case" and w.parent is not None and w.parent.id > w.id:
                return w.parent  # "selon un autre"
            return next((x for x in words[i + 1 :] if x.upos in ("NOUN", "PROPN", "PRON")), None)
    return None


def _counted_again(before: list[Word]) -> bool:
    """The words before a bare count end with a counting verb after the clitic "en": the count is of the
    people just named ("tandis qu'on en comptait 450 au Guilvinec"); a verb that states it, not one
    that hopes or foresees it ("espéraient en compter 10 000", "on en comptera 1 000 en juin")."""
    verb = before[-1]
    return (
        verb.upos == "VERB"
        and verb.feat("VerbForm") == "Fin"
        and not is_future(verb)
        and not is_conditional(verb)
        and verb.lemma.lower() in lexicon_set("triggers:elliptic_links")  # the only verbs among the links
        and any(w.text.lower() == "en" and w.upos == "PRON" for w in before[-4:-1])
    )


def elliptic_counts(
    rule: Rule,
    word: Word,
    ctx: Context,
    inherit: tuple[str, ...],
    only_before: tuple[str, ...] = (),
    source_marks: frozenset[str] = frozenset(),
) -> list[dict]:
    """'106 301 manifestants samedi, dont 8 000 à Paris, contre 282 710 la semaine dernière': a bare
    count right after a fact of this module, in the same sentence, linked to it by a word that
    sets figures side by side, and followed by no noun of its own, counts the same thing. A module may
    take such figures only before the words of the lexicon keys `only_before` ("vingt selon un autre",
    "trois autres dans la ville"; not "cinq autres sont blessées", a figure with a word of its own). Its
    source is its own ("90 000 selon la police", "18 000 pour la préfecture" with "pour" in
    `source_marks`), and so is its place (`location` or `destination`): the name after it, else its place
    noun's phrase ("trois autres dans les communes voisines"), never the total's, and the total's is never
    its own ("9 000 manifestants samedi, dont 2 500 à Nantes": the total is not in Nantes)."""
    total = fact_before(word, ctx)
    q = _side_count(word, ctx)
    if total is None or q is None or total["count"] is None or q.start <= total["count"].end:
        return []
    words = word.sentence.words
    before = [w for w in words if w.end <= q.start]
    after = [w for w in words if w.start >= q.end]
    links, followers = lexicon_set("triggers:elliptic_links"), lexicon_set("triggers:elliptic_followers")
    if len(before) > 1 and lemma_key(before[-1]) == "de" and q.min != q.max:
        before = before[:-1]  # a range's "de": ", de 100 000 à 150 000 à Milan"
    if not before or not (before[-1].text.lower() in links and before[-1].upos != "VERB" or _counted_again(before)):
        return []  # ("sans compter 300 autres": no link)
    # a day right after the figure is its own ("contre 55 000 le 20 avril", "800 samedi")
    dated = any(ctx.in_date(w) for w in after[:2] if w is after[0] or after[0].upos == "DET")
    if (
        after
        and not dated
        and (
            after[0].upos in ("NOUN", "PROPN")
            and after[0].text.lower() not in followers
            or after[0].text.lower() not in followers
            and after[0].upos not in ("ADV", "ADP", "PUNCT")
        )
    ):
        return []
    if only_before and not (
        after
        and any(norm_text(after[0].text) in lexicon_set(k) for k in only_before)
        # ("trois autres dans la ville", not "cinq autres sont blessées": a figure with a word of its own)
        and (len(after) < 2 or after[0].upos == "ADP" or after[1].upos in ("ADP", "PUNCT", "CCONJ"))
    ):
        return []  # a module that takes side figures only before these words
    # the evidence runs to the next punctuation or link: "contre 282 710 au total samedi dernier"
    tail = []
    for w in after[:6]:
        if w.upos == "PUNCT" or w.text.lower() in links:
            break
        tail.append(w)
    end = tail[-1].end if tail else q.end
    fact = common_fields(rule, word, ctx, (q.start, end))
    fact.update({k: total.get(k) for k in inherit}, type=total["type"], count=q)
    # its own source: "600 000 selon les syndicats, 90 000 selon la police, 14 000 d'après un cabinet"
    own_source = _source_in(tail, lexicon_set("modality:reported.prepositions") | source_marks)
    if own_source is not None:
        fact["source"] = ctx.text[slice(*phrase(own_source))]
    # a date inside the side figure ("1 000 samedi") is its own, not the total's
    own_dates = [d for d in ctx.dates if q.start <= d.start and d.end <= end]
    if own_dates and "date" in inherit:
        fact["date"] = own_dates[0].value  # "contre 282 710 samedi dernier": that Saturday, not the total's
    if own_dates and total.get("date") in {d.value for d in own_dates}:
        earlier = [d for d in ctx.dates if total["evidence"].start <= d.start and d.end <= q.start]
        total["date"] = earlier[-1].value if earlier else None
    place_slot = next((k for k in ("location", "destination") if k in inherit), None)  # a crowd's, a force's
    # its own place, right after it ("1 200 à Rouen"; "trois autres dans les communes voisines": the noun
    # phrase when no name is there), never the total's
    own = [w for w in tail if w.text.lower() not in followers or w.upos == "ADP"][:1] or tail[:1]
    if place_slot is not None and own and own[0].text.lower() in lexicon_set("triggers:location_prepositions"):
        loc = ctx.location(word.sentence, own[0])
        if loc is None or ctx.text.find(loc, q.end, word.sentence.end) < 0:
            head = own[0].parent
            loc = None
            places = lexicon_set("triggers:place_nouns") | lexicon_set("triggers:place_heads")
            if head is not None and head.upos == "NOUN" and own[0].rel == "case" and head.lemma.lower() in places:
                loc = ctx.place_phrase(head) or None
        fact[place_slot] = loc
        # the parse hung the side figure's place on the total's verb (the total read from each of its words)
        for f in ctx.found if loc is not None else ():
            if f.get(place_slot) == loc and f["count"] == total["count"]:
                f[place_slot] = None
    return [fact]
