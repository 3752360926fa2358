"""What every fact rule needs to know about one parsed document, computed once."""

from __future__ import annotations

import datetime
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import chain
from typing import Optional

from schemas.common import Quantity, Span
from schemas.dates import DateMention
from service.document import Document, EntitySpan, Sentence, Word
from service.lexicon import load
from service.rules.dates import after_backward_cue, anaphoric_date
from service.rules.matcher import (
    clause_head,
    forms,
    lemma_key,
    lexicon_set,
    name_span,
    phrase,
    text_keys,
    written_forms,
)
from service.rules.quantity import find_quantities
from service.rules.text import QUOTE_MARKS, norm_text, quoted_spans

LINKS = load("triggers")["count_links"]
GAP_MARKS = "".join(load("triggers")["count_gap_marks"])
_CAPITAL_PREPOSITIONS = frozenset(load("triggers")["unaccented_prepositions"])


@cache
def _placed_events() -> dict[str, tuple[tuple[str, str], ...]]:
    """placed_events by the noun they begin with: (the rest of the phrase, the phrase), the longest first."""
    out: dict[str, list[tuple[str, str]]] = {}
    for e in lexicon_set("triggers:placed_events"):
        noun, rest = e.split()[0], " ".join(e.split()[1:])
        out.setdefault(noun, []).append((rest, e))
    return {k: tuple(sorted(v, key=lambda p: len(p[1]), reverse=True)) for k, v in out.items()}


def _below(word: Word) -> list[Word]:
    """The words under `word` in its own clause: not those of a clause below it."""
    out, frontier = [], [c for c in word.children if not _opens_a_clause(c)]
    while frontier:
        out += frontier
        frontier = [c for w in frontier for c in w.children if not _opens_a_clause(c)]
    return out


def _opens_a_clause(word: Word) -> bool:
    """The word heads a clause of its own: a relative, an adverbial or a complement clause, a verb's
    conjunct."""
    rel = word.rel.split(":")[0]
    return rel in ("advcl", "ccomp", "xcomp", "acl", "parataxis", "csubj") or (rel == "conj" and word.upos == "VERB")


LEAD_SENTENCES = 2  # a news article's lead, where it says when the event took place


def _over_a_period(trigger: Word, ctx: Context) -> bool:
    """The fact's verb (or the trigger) spans a period: "ont été blessées depuis le début du mouvement",
    "ont péri durant les 22 mois de conflit", "en trois jours", "en 48 heures"; not a word further down
    ("un record depuis le début du mouvement"), nor hours within a day ("pendant trois heures")."""
    starts, units = lexicon_set("dates:period_starts"), lexicon_set("dates:period_units")
    head = clause_head(trigger) or trigger
    hours = lexicon_set("dates:period_hours")
    for c in [*head.children, *trigger.children]:
        lemma = c.lemma.lower()
        if c.rel not in ("obl", "nmod") or not (lemma in starts or lemma in units or lemma in hours):
            continue
        if _after_apposed_noun(c):
            continue  # a noun set off after the clause ("..., un record depuis le début du mouvement")
        case = set().union(*(forms(g) for g in c.children if g.rel == "case"))
        if lemma in starts and case & lexicon_set("dates:period_start_prepositions"):
            # "depuis le début du mouvement"; not "de la manifestation", "de la journée"
            of = [g for g in c.children if g.rel == "nmod"]
            short = lexicon_set("dates:day_long_events") | lexicon_set("dates:day_parts")
            if not any(g.lemma.lower() in short and g.feat("Number") != "Plur" for g in of):
                return True
        numbers = [g for g in c.children if g.rel == "nummod" or g.upos == "NUM"]
        if not numbers or not case & lexicon_set("dates:period_prepositions"):
            continue
        if lemma in units or lemma in hours and any(_number(g, ctx) >= 24 for g in numbers):
            return True
    return False


def _after_apposed_noun(phrase_head: Word) -> bool:
    """The phrase follows right after a noun phrase set off by a comma, with no preposition of its own
    (", un record depuis le début du mouvement"): it completes that noun, wherever the parse hung it;
    not ", selon les autorités, en trois jours"."""
    s = phrase_head.sentence
    first = min([phrase_head.id] + [g.id for g in phrase_head.children if g.upos != "PUNCT"])
    noun = s.word(first - 1) if first > 1 else None
    if noun is None or noun.upos != "NOUN":
        return False
    start = min([noun.id] + [g.id for g in noun.children if g.upos != "PUNCT" and g.id <= noun.id])
    opening = s.word(start)
    return start > 1 and s.word(start - 1).text == "," and opening is not None and opening.upos != "ADP"


def _number(word: Word, ctx: Context) -> int:
    """The value of a number word, 0 when unknown (a count of hours is no count of people: digits read
    as written)."""
    q = ctx.quantity_covering(word)
    return q.value if q is not None else int(word.text) if word.text.isdigit() else 0


def _of_a_place(before: list[Word], heads: str = "triggers:place_heads") -> bool:
    """ "les rues de Tbilissi", "la province (andine) du Gansu": the name is the place the noun before it
    is in."""
    if len(before) < 2 or before[-1].lemma.lower() not in ("de", "du"):
        return False
    for w in reversed(before[:-1]):
        if w.lemma.lower() in lexicon_set(heads):
            return True  # (a head a tagger may call an adjective: "au large de")
        if w.upos != "ADJ":
            return False
    return False


@dataclass
class Context:
    doc: Document
    reference: Optional[datetime.date]
    dates: list[DateMention]
    trigger_keys: frozenset[str]  # what every fact module triggers on
    # what the rules that fire on their own trigger on (not those that follow a fact of their module in
    # the sentence); a sentence with none of these holds no fact, and this scan never builds its words
    lead_keys: frozenset[str]
    found: list = field(default_factory=list)  # facts the running module has built so far
    event_dated: bool = True  # the running module's FactType.event_dated (see date_of)
    adds_up: bool = False  # the running module's FactType.adds_up (see date_of)
    _candidates: list = field(default_factory=list)
    _memo: dict = field(default_factory=dict)
    _days_of_facts: dict = field(default_factory=dict)
    _counts: dict = field(default_factory=dict)
    _entities: list = field(default_factory=list)
    _entity_starts: list = field(default_factory=list)

    def __post_init__(self) -> None:
        # the words some module may trigger on, in the sentences that may hold a fact; each module then
        # picks its own among a few. A sentence's texts and lemmas tell whether it holds a lead word
        # without building its words: most sentences' words are never built
        lemmas, texts = written_forms(self.lead_keys), written_forms(text_keys(self.lead_keys))
        self._candidates = list(
            chain.from_iterable(
                self._having(s.words, self.trigger_keys)
                for s in self.doc.sentences
                if not (lemmas.isdisjoint(s.lemmas) and texts.isdisjoint(s.forms))
            )
        )
        # analyzers give them in order; an institution the NER tags a place is none ("déférés devant la Justice")
        institutions = lexicon_set("triggers:institution_names")
        self._entities = sorted(
            (e for e in self.doc.entities if not (e.label == "LOC" and norm_text(e.text) in institutions)),
            key=lambda e: e.start,
        )
        self._entity_starts = [e.start for e in self._entities]

    def once(self, fn, *args):
        """fn(*args), computed once per document (args compared by identity or value)."""
        key = (fn, *args)
        if key not in self._memo:
            self._memo[key] = fn(*args)
        return self._memo[key]

    def words_with(self, keys: frozenset[str]) -> list[Word]:
        """The words one of whose forms (see matcher.forms) is in `keys` (within trigger_keys), in
        document order."""
        return self._having(self._candidates, keys)

    @staticmethod
    def _having(words: Iterable[Word], keys: frozenset[str]) -> list[Word]:
        # compared in the forms the keys are written in: no word is lowered (see written_forms)
        lemmas, texts = written_forms(keys), written_forms(text_keys(keys))
        return [w for w in words if w.lemma in lemmas or w.text in texts]

    @property
    def text(self) -> str:
        return self.doc.text

    def span(self, start: int, end: int) -> Span:
        return Span(text=self.text[start:end], start=start, end=end)

    # --- counts -------------------------------------------------------------------------
    def counts_in(self, sentence: Sentence) -> tuple[list[Quantity], list[int]]:
        """The counts that begin in `sentence`, in text order, and their start offsets. Found on
        first use: only sentences with a trigger word need them. A number inside a date ("le 4
        janvier") is never a count."""
        got = self._counts.get(sentence)
        if got is None:
            # read from the sentence before: a count the parser cut in two ("UN MILLION | DEUX CENT
            # MILLE") belongs to the sentence it starts in, and is not counted again in pieces
            i = self.doc.index_of(sentence)
            begin = self.doc.sentences[i - 1].start if i > 0 else sentence.start
            found = [
                q
                for q in find_quantities(self.text, begin=begin, stop=sentence.end)
                if q.start >= sentence.start and not any(d.start < q.end and q.start < d.end for d in self.dates)
            ]
            got = self._counts[sentence] = (found, [q.start for q in found])
        return got

    def quantity_before(self, word: Word) -> Optional[Quantity]:
        """The count written right before `word`: "12 morts", "une vingtaine de blessés",
        "plus de 5 000 manifestants", "3 000 jeunes soldats" (one adjective may stand between, and an
        adverb of severity: "deux autres grièvement blessés")."""
        s = word.sentence
        limit = word.start
        prev = s.word(word.id - 1)
        limits: tuple[int, ...] = (limit,)
        if (
            prev is not None
            and prev.upos == "ADV"
            and prev.lemma.lower() in lexicon_set("triggers:severity_words")
            and prev.end <= word.start
        ):
            limits, prev = (limit, prev.start), s.word(prev.id - 1)
        if prev is not None and (prev.upos == "ADJ" or prev.deprel == "amod") and prev.end <= word.start:
            limits = (*limits, prev.start)
        for q in self.counts_in(s)[0]:  # in text order: those that end before the word
            if q.end > word.start:
                break
            for lim in limits:
                gap = norm_text(self.text[q.end : lim]).strip(GAP_MARKS + " \u00a0\u202f")
                if gap == "" or gap in LINKS:
                    return q
        return None

    def range_ends(self, q: Quantity) -> Optional[tuple[Quantity, Quantity]]:
        """The two figures of a range written "X à Y" ("de 4 500 à 5 100"), each a count of its own."""
        text = self.text[q.start : q.end]
        cut = text.find(" à ")
        if cut < 0:
            return None
        # each figure read alone (a text of its own: the document's would be indexed anew for each prefix)
        first = find_quantities(text[:cut], offset=q.start)
        second = find_quantities(text[cut + 3 :], offset=q.start + cut + 3)
        return (first[0], second[0]) if len(first) == 1 and len(second) == 1 else None

    def partitive_before(self, q: Quantity) -> Optional[Quantity]:
        """The part counted out of `q` right before it: "120" in "120 des 700 Casques bleus"."""
        links = lexicon_set("triggers:partitive_links")
        for p in self.counts_in(self.doc.sentence_at(q.start))[0]:
            if p.end <= q.start and p.text is not None and norm_text(self.text[p.end : q.start]) in links:
                return p
        return None

    def quantity_at(self, word: Word) -> Optional[Quantity]:
        """The count that begins where `word` begins."""
        counts, starts = self.counts_in(word.sentence)
        i = bisect_left(starts, word.start)
        return counts[i] if i < len(starts) and starts[i] == word.start else None

    def quantity_covering(self, word: Word) -> Optional[Quantity]:
        """The count whose text includes `word` itself ("vingtaine" in "une vingtaine")."""
        return next((q for q in self.counts_in(word.sentence)[0] if q.start <= word.start and word.end <= q.end), None)

    def quantity_after(self, word: Word) -> Optional[Quantity]:
        """A count in parentheses or after a colon right after `word` ("manifestants (5 000)")."""
        for q in self.counts_in(word.sentence)[0]:
            if q.start >= word.end:
                gap = self.text[word.end : q.start].strip()
                if gap in ("(", ":"):
                    return q
                break
        return None

    # --- entities -----------------------------------------------------------------------
    def entities_in(self, start: int, end: int, label: Optional[str] = None) -> list[EntitySpan]:
        """The entities (of `label`) that lie within [start, end), in text order."""
        out = []
        for e in self._entities[bisect_left(self._entity_starts, start) :]:
            if e.start >= end:
                break
            if e.end <= end and (label is None or e.label == label):
                out.append(e)
        return out

    def entity_at(self, offset: int, label: str) -> Optional[EntitySpan]:
        """The first entity of `label` whose span covers `offset` ("Marie" in "Marie Dupont")."""
        return next(
            (
                e
                for e in self._entities[: bisect_right(self._entity_starts, offset)]
                if e.label == label and offset < e.end
            ),
            None,
        )

    def entities_of(self, sentence: Sentence, label: str) -> list[EntitySpan]:
        return self.entities_in(sentence.start, sentence.end, label)

    def antecedent(self, pronoun: Word) -> Optional[str]:
        """The person a singular subject pronoun stands for ("Il a été tué lors de son arrestation"):
        the one person named before it in its sentence, else in the sentence before; none when two
        people are named there (who is meant is then a guess)."""
        if (
            pronoun.upos != "PRON"
            or pronoun.feat("Number") == "Plur"
            or norm_text(pronoun.text) not in lexicon_set("triggers:person_pronouns")
        ):
            return None
        s = pronoun.sentence
        i = self.doc.index_of(s)
        spans = [(s.start, pronoun.start)] + (
            [(self.doc.sentences[i - 1].start, self.doc.sentences[i - 1].end)] if i > 0 else []
        )
        people = lexicon_set("triggers:person_nouns")
        speakers = {c.start for a in pronoun.ancestors() for c in a.children if c.rel == "nsubj"}
        for start, end in spans:
            found = self.entities_in(start, end, "PER")
            names = {self.full_name(e.text) for e in found}
            if not names:
                continue
            last = max(found, key=lambda e: e.end)
            between = [
                w
                for x in self.doc.sentences
                if x.end > last.end and x.start < pronoun.start
                for w in x.words
                if last.end <= w.start and w.end <= pronoun.start
            ]
            if (
                len(names) > 1
                or last.start in speakers
                or any(
                    w.upos == "NOUN" and w.rel == "nsubj" and (w.lemma.lower() in people or norm_text(w.text) in people)
                    for w in between
                )
            ):
                return None  # two people, the speaker ("X a déclaré qu'il ..."), or "le suspect a ..." in between
            return names.pop()
        return None

    def full_name(self, name: str) -> str:
        """The most complete PER mention in the document that ends like `name` ("Massimov" ->
        "Karim Massimov")."""
        longest = self._longest_names.get(name.split()[-1].lower())
        return longest if longest is not None and len(longest) > len(name) else name

    @cached_property
    def _longest_names(self) -> dict[str, str]:
        """Last word -> the first longest PER mention ending with it."""
        out: dict[str, str] = {}
        for e in self.doc.entities:
            if e.label == "PER" and e.text.split():
                last = e.text.split()[-1].lower()
                if len(e.text) > len(out.get(last, "")):
                    out[last] = e.text
        return out

    def _named_places(self) -> Iterator[EntitySpan]:
        """The document's LOC entities that name places, in text order, read as needed: not a nationality
        the NER tags LOC ("150 Britanniques", "des milliers de Géorgiens", "un Français")."""
        endings = tuple(lexicon_set("triggers:demonym_endings"))
        for e in self._entities:
            if e.label != "LOC":
                continue
            name = e.text.lower()
            before = self.text[max(0, e.start - 5) : e.start].lower().split()
            one = bool(before) and before[-1] in lexicon_set("numbers:article_numbers")
            if not (name.endswith("s") and name.rstrip("s").endswith(endings) or one):
                yield e  # no people in the plural, nor one of them: the counts before it need no reading
                continue
            word = self.word_at(e.start)
            if word is None or not (
                self.quantity_before(word) is not None
                or any(
                    c.rel == "det" and c.lemma.lower() in lexicon_set("triggers:indefinite_determiners")
                    for c in word.children
                )
            ):
                yield e

    def word_at(self, offset: int) -> Optional[Word]:
        """The word that starts at `offset`, if one does."""
        s = self.doc.sentence_at(offset)
        return next((w for w in s.words if w.start == offset), None) if s is not None else None

    @cached_property
    def lead_place(self) -> Optional[str]:
        """The first place the document names; after a country its sentence frames ("En Thaïlande,
        ... mercredi à Bangkok"), the town that sentence names next, the finer."""
        places = self._named_places()
        first = next(places, None)
        if first is None:
            return None
        if self._mark_before(first) in lexicon_set("triggers:country_marks"):
            s = self.doc.sentence_at(first.start)
            towns = lexicon_set("triggers:town_marks")
            for e in places:
                if self.doc.sentence_at(e.start) is not s:
                    break
                if self._mark_before(e) in towns:
                    return e.text
        return first.text

    def _mark_before(self, e: EntitySpan) -> str:
        """The word written before a name, over articles and "de", lowercased ("en" in "En Thaïlande",
        "ville" in "dans la ville de Homs")."""
        s = self.doc.sentence_at(e.start)
        before = [w for w in s.words if w.end <= e.start] if s is not None else []
        while before and (before[-1].upos == "DET" or lemma_key(before[-1]) == "de"):
            before.pop()
        return norm_text(self.text[before[-1].start : before[-1].end]) if before else ""

    @cached_property
    def event_place(self) -> Optional[str]:
        """The place the lead names its event by ("après l'attentat de Londres", "le séisme d'Haïti"): a
        noun of placed_events with a proper name after "de" that is named as a place (_named_as_place).
        The event's facts that name no place took place there."""
        nouns = _placed_events().keys()
        for s in self.doc.sentences[: self._opening_quote + LEAD_SENTENCES]:
            if not self._in_lead(s) or nouns.isdisjoint(x.lower() for x in s.lemmas):
                continue
            for w in s.words:
                if w.upos != "NOUN" or self._event_named(w) is None:
                    continue
                for c in w.children:
                    if (
                        c.rel == "nmod"
                        and c.upos == "PROPN"
                        and c.text[:1].isupper()
                        and any(lemma_key(g) == "de" for g in c.children if g.rel == "case")
                        and self._named_as_place(w, c)
                    ):
                        start, end = name_span(c)
                        return self.text[start:end]
        return None

    def _mentions(self, place: str) -> Iterator[EntitySpan]:
        """The LOC entities that name the place, in text order."""
        return (e for e in self._entities if e.label == "LOC" and self.place_name(e) == place)

    def first_named(self, place: str) -> Optional[int]:
        """Where the article first names the place (a LOC entity), None if it never does."""
        return next((e.start for e in self._mentions(place)), None)

    def named_as_town(self, place: str) -> bool:
        """The article names the place as a town or a country ("à Calais", "en Syrie"), not as a spot in one
        ("sur London Bridge", "dans le quartier de X")."""
        marks = lexicon_set("triggers:town_marks") | lexicon_set("triggers:country_marks")
        return any(self._mark_before(e) in marks for e in self._mentions(place))

    def _named_as_place(self, event: Word, name: Word) -> bool:
        """The NER tags the name a place, or reads the event and its place as one name ("attentat de
        Londres"); not "le cortège de la Manif pour tous", a name of its own."""
        if self.entity_at(name.start, "LOC") is not None:
            return True
        misc = self.entity_at(name.start, "MISC")
        return misc is not None and misc.start <= event.start

    @cached_property
    def place_names(self) -> frozenset[str]:
        """The names of places the document gives (its LOC entities, as place_name writes them)."""
        return frozenset(self.place_name(e) for e in self._entities if e.label == "LOC")

    def place_name(self, e: EntitySpan) -> str:
        """A LOC entity's text without a date the NER ran into ("Guinée samedi")."""
        cut = next((d.start for d in self.dates if e.start < d.start < e.end), e.end)
        return self.text[e.start : cut].strip()

    @cached_property
    def main_place(self) -> Optional[str]:
        """The place the document speaks of most (to read "le pays" / "la région")."""
        places = Counter(e.text for e in self._named_places())
        return places.most_common(1)[0][0] if places else None

    def location(self, sentence: Sentence, near: Word, outside: Optional[tuple[int, int]] = None) -> Optional[str]:
        """A place the sentence attaches the fact to, nearest the trigger (see _places), not within the
        span `outside` (where a module says a place is another thing's)."""
        candidates = self.once(self._places, sentence, clause_head(near))  # every fact of a clause asks
        if outside is not None:
            candidates = [c for c in candidates if not outside[0] <= c[0] < outside[1]]
        # a place in a quotation the fact is not in is someone's words, no place of it ("aux cris de « la
        # France aux Français »")
        if candidates:
            quotes = [(sentence.start + a, sentence.start + b) for a, b in self.once(quoted_spans, sentence.text)]
            candidates = [
                c for c in candidates if not any(a <= c[0] < b and not a <= near.start < b for a, b in quotes)
            ]
        return min(candidates, key=lambda c: abs(c[0] - near.start))[1] if candidates else self._event_place(near)

    def _event_place(self, near: Word) -> Optional[str]:
        """Where the article placed the event that the fact's clause names again by its noun ("Des militaires
        ont tenté un coup d'État en Turquie. [...] Le coup d'État a fait 265 morts": Turquie): the place of
        the nearest sentence before that names it and a place."""
        definite = lexicon_set("triggers:definite_determiners")
        indefinite = lexicon_set("triggers:indefinite_determiners")
        head = clause_head(near) or near
        named_again = [
            (c, event)
            for w in ((near, head) if head is not near else (near,))
            for c in w.children
            if c.upos == "NOUN"
            and c.rel.split(":")[0] in ("nsubj", "obl", "nmod")
            and (event := self._event_named(c)) is not None
            # named again: "le coup d'État", "ces affrontements"; "une marche" is another one, and so is
            # one a complement tells of something new ("le naufrage d'une embarcation")
            and any(d.rel == "det" and d.lemma.lower() in definite for d in c.children)
            and not any(
                d.rel == "nmod" and any(e.rel == "det" and e.lemma.lower() in indefinite for e in d.children)
                for d in c.children
            )
        ]
        for noun, event in named_again:
            lemma = noun.lemma.lower()
            for s in reversed(self.doc.sentences[: self.doc.index_of(noun.sentence)]):
                if lemma not in {x.lower() for x in s.lemmas}:
                    continue
                named = next((w for w in s.words if w.lemma.lower() == lemma and self._event_named(w) == event), None)
                places = self.once(self._places, s, clause_head(named)) if named is not None else []
                if named is not None and places:
                    return min(places, key=lambda c: abs(c[0] - named.start))[1]
        return None

    def _event_named(self, noun: Word) -> Optional[str]:
        """The event of placed_events the noun names, as the lexicon writes it, the longest: "coup d'état"
        (not "coup de filet" nor "coups de feu"), "séisme"."""
        phrases = _placed_events().get(noun.lemma.lower())
        if not phrases:
            return None
        after = norm_text(self.text[noun.end : noun.end + 40])  # the noun itself may be plural
        return next((e for p, e in phrases if not p or after.startswith(p)), None)

    def _places(self, sentence: Sentence, head: Optional[Word]) -> list[tuple[int, str]]:
        """The places of a sentence, (start, text) in text order: LOC entities after "à/dans/en/au" (over
        determiners: "dans toute la France") or a word of places ("près de Chamonix", "les rues de
        Tbilissi"), or a LOC subject of the clause of `head` ("le Kazakhstan a fait 20 morts"), not a
        district of a town ("le quartier des Izards, à Toulouse": Toulouse); when none, place noun
        phrases the NER does not tag ("l'autoroute A7", "le musée des Beaux-Arts"; not an idiom: "sur
        place")."""
        preps = lexicon_set("triggers:location_prepositions")
        capitals = _CAPITAL_PREPOSITIONS

        def preceding(start: int) -> list[Word]:
            before = [w for w in sentence.words if w.end <= start]
            while (
                before
                and (before[-1].upos in ("DET", "ADJ") or before[-1].lemma.lower() == "tout")
                and before[-1].lemma.lower() not in preps
            ):
                before.pop()
            return before

        def after_preposition(before: list[Word]) -> bool:
            return bool(before) and (
                norm_text(before[-1].text) in preps
                or before[-1].lemma.lower() in preps
                or before[-1].text in capitals
                or _of_a_place(before)
            )

        candidates: list[tuple[int, str]] = []
        named = self.entities_of(sentence, "LOC")
        for i, e in enumerate(named):
            if (
                i
                and candidates
                and candidates[-1][0] == named[i - 1].start
                and self._locates(sentence, named[i - 1], e)
            ):
                continue  # "à Kamituga, dans la province du Sud-Kivu": it happened in Kamituga
            first = next((w for w in sentence.words if w.start >= e.start), None)
            subject = (
                first is not None
                and first.rel == "nsubj"
                and head is not None
                and first.head == head.id
                and first.upos != "NOUN"
                and not any(
                    c.rel in ("det", "nummod")
                    and c.upos != "DET"
                    or c.lemma.lower() in lexicon_set("triggers:indefinite_determiners")
                    for c in first.children
                )
                and self.quantity_before(first) is None
            )
            # ("le Kazakhstan a fait 20 morts"; not "trois Belges ont été blessés", "un Français a été tué")
            # a district ("le quartier des Izards, à Toulouse") is not where the news places a fact: its town is
            before = preceding(e.start)
            if (
                (subject or after_preposition(before))
                and not _of_a_place(before, "triggers:district_heads")
                and not self._describes_a_place(before)
            ):
                candidates.append((e.start, self.place_name(e)))
        if candidates:
            return candidates
        places, idioms = lexicon_set("triggers:place_nouns"), lexicon_set("triggers:street_idioms")
        for w in sentence.words:
            # a place noun with nothing of its own is an idiom ("sur place", "en place"), no place; a street
            # with only its article too ("dans la rue")
            own = [c for c in w.children if c.rel not in ("case", "punct")]
            if (
                w.upos == "NOUN"
                and w.lemma.lower() in places
                and own
                and not (w.lemma.lower() in idioms and all(c.rel == "det" for c in own))
                and after_preposition(preceding(w.start))
            ):
                candidates.append((w.start, self.place_phrase(w)))
        return candidates

    def _locates(self, sentence: Sentence, place: EntitySpan, other: EntitySpan) -> bool:
        """`other` only says where `place` lies, set off after it by a comma or a bracket: in brackets
        ("Saint-Louis (Missouri)"), a part of a larger place ("Huancavelica, dans le centre du Pérou"), or
        after a town (a place after "à", "près de", "la ville de") with a locating preposition and at most
        its article or a word of places ("à Hayange, en Moselle", "à Kamituga, dans la province du
        Sud-Kivu"); not a list ("à Lille, à Rouen et à Caen"), not a town in a country ("Au Liban, dans la
        ville de Tyr": Tyr)."""
        gap = self.text[place.end : other.start]
        words = sentence.words_between(place.end, other.start)
        if not gap.strip() or gap.strip()[0] not in ",(" or len(words) > 6:
            return False
        if any(w.upos in ("VERB", "AUX", "NUM", "CCONJ", "PRON") for w in words):
            return False
        inner = [w for w in words if w.upos != "PUNCT"]
        bare = inner[: max([0] + [k + 1 for k, w in enumerate(inner) if w.upos != "DET"])]  # "du" may be "de le"
        if gap.strip() == "(" or _of_a_place(bare, "triggers:part_heads"):
            return True
        return (
            # as written: "Au Liban" is "à" + "le" to some parsers, and no town
            self._mark_before(place) in lexicon_set("triggers:town_marks")
            and bool(inner)
            and inner[0].lemma.lower() in lexicon_set("triggers:locating_prepositions")
            and (len(inner) == 1 or _of_a_place(inner) or inner[-1].upos == "DET")
        )

    def _describes_a_place(self, before: list[Word]) -> bool:
        """The name completes a word of places set off after another place by a comma: "Bichkek, la
        capitale du Kirghizistan" describes Bichkek, which is where it happened."""
        if not _of_a_place(before):
            return False
        rest = [w for w in before[:-2] if w.upos != "DET"]
        return len(rest) > 1 and rest[-1].text == "," and self.entity_at(rest[-2].start, "LOC") is not None

    def place_phrase(self, noun: Word) -> str:
        """A place noun's phrase without its determiner ("le palais présidentiel de Niamey"), up to a day
        or a count the parse hung on it ("dans la rue mercredi des milliers de ...": "rue")."""
        start, end = phrase(noun)
        start = max([start] + [c.end for c in noun.children if c.rel == "det" and c.id < noun.id])
        # its name right after it, which a parse may make an apposition ("la place Malik Asghar")
        end = max([end] + [name_span(c)[1] for c in noun.children if c.rel == "appos" and c.id == noun.id + 1])
        end = self.before_count(noun, self.before_date(noun, end))
        return self.text[start:end].strip()

    def before_date(self, word: Word, end: int) -> int:
        """Where the phrase of `word` ending at `end` stops: before a date the parse hung on it ("la
        police samedi", "dans la rue mercredi")."""
        return min([end] + [d.start for d in self.dates if word.end <= d.start < end])

    def before_place(self, word: Word, end: int) -> int:
        """Where the phrase of `word` ending at `end` stops: before a named place the parse hung on it with
        a preposition of places ("par la police à Rennes": the place is the fact's, not the police's)."""
        preps = lexicon_set("triggers:location_prepositions")
        return min(
            [end]
            + [
                min([c.start] + [g.start for g in c.children if g.id < c.id])
                for c in word.children
                if c.id > word.id
                and any(g.rel == "case" and g.lemma.lower() in preps for g in c.children)
                and self.entity_at(c.start, "LOC") is not None
            ]
        )

    def before_count(self, word: Word, end: int) -> int:
        """Where the phrase of `word` ending at `end` stops: before a count the parse hung on it ("la CGT
        25 000")."""
        return min([end] + [q for q in self.counts_in(word.sentence)[1] if word.end <= q < end])

    def _birth(self, start: int) -> bool:
        """The date is someone's birth ("un homme né en 2002"), no day of the fact."""
        before = self.text[max(0, start - 12) : start].lower().split()
        births = lexicon_set("dates:birth_words")
        return bool(before) and (before[-1] in births or len(before) > 1 and before[-2] in births)

    def in_date(self, word: Word) -> bool:
        """The word is part of a date mention ("écroué mercredi soir": "mercredi" is no object)."""
        return any(d.start <= word.start and word.end <= d.end for d in self.dates)

    # --- dates --------------------------------------------------------------------------
    def date_of(
        self, sentence: Sentence, near: Word, within: Optional[tuple[int, int]] = None, article_day: bool = True
    ) -> Optional[str]:
        """The resolved date of the fact, never the day of a statement ("a annoncé lundi"): the day a "la
        veille" / "deux jours plus tard" the trigger governs points at (_pointed_back), else one stated
        inside its evidence, else the one of its sentence nearest the trigger (day grain first), else the
        day a "la veille" / "deux jours plus tard" of its sentence points at, else the day the article's
        lead reports on, else the day the article says the event took place on (occurrence_day): a slot
        is filled from unambiguous context in the article (docs/conventions.md). A sentence that only
        gives a period's start ("30 morts depuis samedi") leaves the fact undated. For a module not
        event_dated (FactType), a statement's day counts and neither the lead's nor the occurrence's; nor
        do they for a fact whose module says it has a day of its own (`article_day` False)."""
        day = self._pointed_back(near)
        if day is not None:
            return day
        in_sentence = self.dates_in(sentence)
        ds = [d for d in in_sentence if self._of_the_fact(d, self.event_dated)]
        inside = [d for d in ds if within is not None and within[0] <= d.start and d.end <= within[1]]
        ds = inside or ds
        if ds:
            ds.sort(key=lambda d: (d.grain != "day", abs(d.start - near.start)))
            return ds[0].value
        if self.no_day(sentence, near, self.adds_up):
            return None
        # "l'arrestation, la veille, de trois opposants": the day before the last date given
        day = anaphoric_date(self.text, sentence.start, sentence.end, self.dates)
        if day is not None or not self.event_dated or not article_day:
            return day
        return self.lead_day or self.occurrence_day

    def _pointed_back(self, trigger: Word) -> Optional[str]:
        """The day a "la veille" / "deux jours plus tard" that the trigger governs points at ("l'arrestation,
        la veille, de trois opposants", "placés en garde à vue la veille"): the fact's own words date it,
        before any other date of its sentence; so does one its clause governs, unless set off after another
        noun ("ont manifesté contre l'arrestation, la veille, d'un militant"). A phrase the trigger or its
        clause heads, not one within a clause below ("lors de heurts avec des manifestants qui protestaient
        contre la mort, la veille, d'un jeune homme"), nor a period's start ("depuis la veille")."""
        s = trigger.sentence
        if not self.once(self._points_back, s):  # most sentences have none
            return None
        head = clause_head(trigger) or trigger
        own = _below(trigger)
        mine = {w.id for w in own}  # the clause's words hold the trigger's: each is read once, the trigger's first
        for word in own + ([w for w in _below(head) if w.id not in mine] if head is not trigger else []):
            sub = word.subtree()
            first = next((w for w in sub if w.upos not in ("ADP", "PUNCT")), None)
            if first is None or after_backward_cue(self.text, first.start):
                continue
            # set off after another noun, it is that noun's: "contre l'arrestation, la veille, d'un militant"
            comma, noun = s.word(first.id - 1), s.word(first.id - 2)
            if (
                comma is not None
                and comma.text == ","
                and noun is not None
                and noun.upos == "NOUN"
                and noun is not trigger
            ):
                continue
            # the phrase is this word's own: it begins where its words do
            day = anaphoric_date(self.text, first.start, sub[-1].end, self.dates, stop=first.start + 1)
            if day is not None:
                return day
        return None

    def _points_back(self, sentence: Sentence) -> bool:
        return anaphoric_date(self.text, sentence.start, sentence.end, self.dates) is not None

    def no_day(self, sentence: Sentence, near: Word, adds_up: bool) -> bool:
        """The sentence says the fact has no one day: a period ("1 300 morts depuis 2015"; for a module
        that `adds_up`, a verb over a period: "blessés depuis le début du mouvement"), a night from one
        day to the next ("dans la nuit de lundi à mardi")."""
        return sentence.start in self._spanning_sentences or (adds_up and _over_a_period(near, self))

    @cached_property
    def _spanning_sentences(self) -> frozenset[int]:
        """The starts of the sentences with a date that starts a period or a night over two days."""
        return frozenset(
            s.start
            for d in self.dates
            if (self._period_start(d) or self._overnight(d)) and (s := self.doc.sentence_at(d.start)) is not None
        )

    def dates_in(self, sentence: Sentence) -> list[DateMention]:
        """The dates that begin in the sentence, in text order (read once per sentence)."""
        return self.once(self._dates_between, sentence.start, sentence.end)

    def _dates_between(self, start: int, end: int) -> list[DateMention]:
        return [d for d in self.dates if start <= d.start < end]

    def _of_the_fact(self, d: DateMention, event_dated: bool) -> bool:
        """A day that may date a fact: nobody's birth, no period's start ("30 morts depuis samedi": a toll
        of several days), and for a fact dated by the event (FactType.event_dated) no statement's day.
        Read once per day and module kind: every fact of a sentence asks."""
        key = (d.start, event_dated)
        if key not in self._days_of_facts:
            self._days_of_facts[key] = (
                not self._birth(d.start)
                and not self._period_start(d)
                and not self._overnight(d)
                and not (event_dated and self._said_on(d))
            )
        return self._days_of_facts[key]

    def _period_start(self, d: DateMention) -> bool:
        """The day starts a period ("depuis samedi", "depuis le 4 mai": `dates.backward_cues`)."""
        return after_backward_cue(self.text, d.start)

    def _overnight(self, d: DateMention) -> bool:
        """The day starts or ends a night from one day to the next ("dans la nuit de lundi à mardi", "la
        nuit du samedi 4 au dimanche 5 mai"); not "dans la nuit du 4 mai à Rennes"."""
        return d.start in self._overnight_starts

    @cached_property
    def _overnight_starts(self) -> frozenset[int]:
        lowered = self.text.lower()
        if not any(w in lowered for w in lexicon_set("dates:overnight_words")):
            return frozenset()
        nights = [d for d in self.dates if self._night_start(d)]
        return frozenset(
            d.start for d in self.dates if d in nights or any(e.start < d.start <= e.end + 8 for e in nights)
        )

    def _night_start(self, d: DateMention) -> bool:
        """'nuit de' before the day, and 'à'/'au' and another day after it (or within it, where the
        dates read the two days as one range)."""
        nights, links = lexicon_set("dates:overnight_words"), lexicon_set("dates:overnight_links")
        connectors = lexicon_set("dates:overnight_connectors")
        before = self.text[max(0, d.start - 20) : d.start].lower().replace("’", "'").split()
        if len(before) < 2 or before[-2] not in nights or before[-1] not in links:
            return False
        if any(w in connectors for w in d.text.lower().split()):
            return True
        return any(
            0 < e.start - d.end <= 8 and self.text[d.end : e.start].strip().lower() in connectors for e in self.dates
        )

    def _said_on(self, d: DateMention) -> bool:
        """The day is the one something was said or counted on ("a annoncé lundi", "un bilan
        diffusé samedi", "le bilan s'alourdissait dimanche", "le bilan ne cessait de s'alourdir
        dimanche"), not the one it happened on."""
        s = self.doc.sentence_at(d.start)
        inside = s.words_between(d.start, d.end) if s is not None else []
        top = next((w for w in inside if w.parent is None or w.parent not in inside), None)
        if top is None:
            return False
        words, up = lexicon_set("dates:statement_words") | lexicon_set("triggers:reporting_verbs"), top.parent
        if up is None:
            return False
        # the subject of the verb, or of the one it completes ("ne cessait de s'alourdir")
        subjects = [c for v in [up, *([up.parent] if up.rel == "xcomp" and up.parent else [])] for c in v.children]
        return (
            up.lemma.lower() in words
            or (up.rel == "acl" and up.parent is not None and up.parent.lemma.lower() in words)
            or any(c.rel == "nsubj" and c.lemma.lower() in words for c in subjects)
        )

    def _other_day(self, d: DateMention) -> bool:
        """A past thing named by its calendar date ("le coup d'État du 15 juillet"); not the recent event
        named by its weekday ("les heurts de samedi"), nor
        "dans la nuit du 31 décembre", a time of that day."""
        before = self.text[max(0, d.start - 30) : d.start].lower().split()
        if not before:
            return False
        return (
            before[-1] in lexicon_set("dates:other_day_marks")
            and any(ch.isdigit() for ch in d.text)
            and not (len(before) > 1 and before[-2] in lexicon_set("dates:day_parts"))
        )

    @cached_property
    def occurrence_day(self) -> Optional[str]:
        """The day the article says the event took place ("l'accident a eu lieu vendredi 28 juillet",
        "l'explosion, survenue mardi soir"): the first such day, not after the reference."""
        ref = self.reference.isoformat() if self.reference is not None else None
        words, objects = lexicon_set("dates:occurrence_words"), lexicon_set("dates:occurrence_objects")
        for d in self.dates:
            if d.grain != "day" or (ref is not None and d.value > ref) or not self._of_the_fact(d, True):
                continue
            s = self.doc.sentence_at(d.start)
            inside = s.words_between(d.start, d.end) if s is not None else []
            top = next((w for w in inside if w.parent is None or w.parent not in inside), None)
            up = top.parent if top is not None else None
            if up is None:
                continue
            # "survenue mardi", "a eu lieu jeudi"; or "jeudi" hung on "lieu", itself on its verb
            on_verb = up.upos == "VERB" and (
                up.lemma.lower() in words or any(c.lemma.lower() in objects for c in up.children if c.upos == "NOUN")
            )
            on_object = up.lemma.lower() in objects and up.parent is not None and up.parent.upos in ("VERB", "AUX")
            if on_verb or on_object:
                return d.value
        return None

    def _in_lead(self, sentence: Sentence) -> bool:
        """The sentence is one of the article's first LEAD_SENTENCES after a quotation that opens it (a
        pull quote before the lead: « Il est trop tôt. Nous ne savons rien », a déclaré la procureure),
        which is none of them."""
        index = self.doc.index_of(sentence)
        return self._opening_quote <= index < self._opening_quote + LEAD_SENTENCES

    @cached_property
    def _opening_quote(self) -> int:
        """How many sentences the quotation that opens the article spans, with its attribution; 0 when it
        opens with none."""
        head = self.text[:200]
        offset = len(head) - len(head.lstrip())
        if self.text[offset : offset + 1] not in QUOTE_MARKS:
            return 0
        text = self.text[offset:]
        spans = quoted_spans(text)
        end = offset + spans[0][1] if spans and spans[0][0] == 0 else None
        if end is None:
            return 0
        return sum(1 for s in self.doc.sentences if s.start < end)

    @cached_property
    def lead_day(self) -> Optional[str]:
        """The day the article's lead says the event took place: the first day the article gives that
        may date a fact dated by the event, not after the reference and no other thing's day, when it
        stands in the lead; None otherwise (a day first told further on is background)."""
        ref = self.reference.isoformat() if self.reference is not None else None
        for d in self.dates:
            if (
                d.grain == "day"
                and (ref is None or d.value <= ref)
                and self._of_the_fact(d, True)
                and not self._other_day(d)
            ):
                s = self.doc.sentence_at(d.start)
                return d.value if s is not None and self._in_lead(s) else None
        return None
