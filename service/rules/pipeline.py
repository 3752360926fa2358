"""From a parsed document to facts, dates and entities: one stage per job, in order."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Optional

from pydantic import TypeAdapter

from schemas.dates import DateMention
from schemas.entities import Entity
from schemas.facts import Fact
from service.document import Document
from service.rules.context import Context
from service.rules.dates import find_dates
from service.rules.matcher import lexicon_set
from service.rules.merge import merge
from service.rules.registry import FACT_TYPES, LEAD_KEYS, SIDE_RULES, TRIGGER_KEYS
from service.rules.tense import tense_reader

_FACTS = TypeAdapter(list[Fact])
_ENTITIES = TypeAdapter(list[Entity])  # one validation call for the list: faster than one per item


@dataclass
class Extraction:
    facts: list
    dates: list[DateMention]
    entities: list[Entity]


def share_slots(facts: list[dict], ctx: Context) -> list[dict]:
    """Slots that an article states once for all its facts of a type (FactType.shared_slots: where the
    accident or the protest took place, who sends the forces and where): when all the facts of the type
    that fill one agree on it ("le Kenya" and "Kenya" agree), the others take it too; when they differ,
    nothing is guessed (a place noun phrase, "la place Malik Asghar", does not differ from the one named
    place) but for the slots a type carries on (FactType.carried_on: a crowd takes the place of the scene
    just before it, _place_just_before). Where the lead names its event by its place ("après l'attentat de
    Londres"), a fact of a type at the event (FactType.at_the_event) without a place took place there
    (Context.event_place), unless the others name a town ("à Calais"), not a spot ("sur London Bridge").
    A place no fact of the type states is the first place the article names (its lead says where it
    happened). A fact of a past year ("En 2008, une marche avait réuni ...") is left out of the place's
    sharing: it neither gives its place nor takes the article's. Then a fact of several people without a
    place or a day takes the one place or day the facts of its FactType.during agree on (a hundred people
    arrested in an article on a march: the march's town and day; a side figure's place is its own)."""
    for t in FACT_TYPES.values():
        of_type = [f for f in facts if f["type"] == t.name]
        for slot in t.shared_slots:
            earlier = [f for f in of_type if slot == "location" and _of_a_past_year(f.get("date"), ctx.reference)]
            same = [f for f in of_type if f not in earlier]
            values = _one_name_each({f[slot] for f in same if f.get(slot) and f["rule"] not in SIDE_RULES})
            if slot == "location" and len(values) > 1:
                # a place the NER does not name ("la place Malik Asghar") lies in the named one: no other place
                values = {v for v in values if v in ctx.place_names} or values
            if (
                slot == "location"
                and t.at_the_event
                and not all(f.get(slot) for f in same)
                and ctx.event_place is not None
                and not any(ctx.named_as_town(v) for v in values)
            ):
                values = {ctx.event_place}  # the lead names the event by its place: facts without one took place there
            if not values and slot == "location" and not any(f.get(slot) for f in same):
                values = {ctx.lead_place} - {None} - {f.get(slot) for f in earlier}
            if len(values) == 1:
                for f in same:
                    f[slot] = f.get(slot) or _shared_place_for(f, next(iter(values)), slot in t.carried_on, ctx)
            elif slot in t.carried_on:
                for f in same:
                    if not f.get(slot):
                        f[slot] = _place_just_before(f, same, ctx)
    for t in FACT_TYPES.values():
        # the event: stated, not foreseen nor of a past year ("les syndicats espèrent réunir 10 000
        # personnes samedi prochain", "En 2019, une manifestation avait réuni ...")
        events = [
            f
            for f in facts
            if f["type"] in t.during
            and f["rule"] not in SIDE_RULES
            and f["modality"] in ("asserted", "reported")
            and not _of_a_past_year(f.get("date"), ctx.reference)
            and not (ctx.reference is not None and (f.get("date") or "") > ctx.reference.isoformat())
        ]
        for slot in ("location", "date"):
            values = {f[slot] for f in events if f.get(slot)}
            if len(values) != 1:
                continue
            for f in facts:
                if (
                    f["type"] == t.name
                    and not f.get(slot)
                    # several people: counted, or named ("parmi les personnes arrêtées figurent X et Y")
                    and (f["count"].value > 1 if f.get("count") is not None else len(f.get("persons") or []) > 1)
                    and not (slot == "date" and _said_undated(f, ctx, t.adds_up))
                ):
                    f[slot] = next(iter(values))
    return facts


def _shared_place_for(fact: dict, value: str, carried: bool, ctx: Context) -> str:
    """The one place the facts agree on, unless, for a type whose place is `carried` on from the scene
    before (a crowd), the article names it only after this fact while its lead named another place before
    it: then the lead's ("les enseignants ont défilé à Dakar. La police a compté 6 000 marcheurs [...]. Des
    marches similaires ont rassemblé 2 000 personnes à Thiès": 6 000 at Dakar). A toll's lead may name where
    someone spoke ("Le ministre a réagi depuis Paris").)"""
    lead = ctx.lead_place
    if not carried or lead is None or lead == value:
        return value
    first, lead_first = ctx.first_named(value), ctx.first_named(lead)
    at = fact["trigger"].start
    return lead if first is not None and lead_first is not None and lead_first < at < first else value


def _place_just_before(fact: dict, others: list[dict], ctx: Context) -> Optional[str]:
    """Where the article's facts name several places, the one place the facts of the fact's own sentence
    or of the sentence before it name before it: the article goes on about the same scene ("Le cortège a
    rassemblé à Paris 500 000 personnes selon les organisateurs. La préfecture, elle, en compte 80 000")."""
    at = _sentence_number(fact, ctx)
    if at is None:
        return None
    values = _one_name_each(
        {
            f["location"]
            for f in others
            if f.get("location")
            and f["rule"] not in SIDE_RULES
            and f["trigger"].start < fact["trigger"].start
            and _sentence_number(f, ctx) in (at - 1, at)
        }
    )
    return next(iter(values)) if len(values) == 1 else None


def _sentence_number(fact: dict, ctx: Context) -> Optional[int]:
    """Where the fact's trigger stands among the document's sentences (the fact holds its span, not its word)."""
    s = ctx.doc.sentence_at(fact["trigger"].start)
    return ctx.doc.index_of(s) if s is not None else None


def _said_undated(fact: dict, ctx: Context, adds_up: bool) -> bool:
    """The fact's sentence says it has no one day ("37 manifestants arrêtés depuis vendredi", "dans la
    nuit de dimanche à lundi"): Context.no_day, as its module reads it."""
    word = ctx.word_at(fact["trigger"].start)
    return word is not None and ctx.no_day(word.sentence, word, adds_up)


def _of_a_past_year(date: str | None, reference: datetime.date | None) -> bool:
    """The fact is dated by a year before the reference's ("en 2015"), or by a month or day of a past
    year at least two months before it (not "dans la nuit du 31 décembre" read on 2 January)."""
    if not date or reference is None or date.startswith("--") or int(date[:4]) >= reference.year:
        return False
    if len(date) == 4:
        return True
    months = (reference.year - int(date[:4])) * 12 + reference.month - int(date[5:7])
    return months >= 2


def _one_name_each(values: set[str]) -> set[str]:
    """The values, each name once: "le Kenya" and "Kenya" name one sender (the form with its article
    kept); "La Nouvelle-Orléans" and "Orléans" are two places."""
    articles = lexicon_set("triggers:name_articles")

    def restates(longer: str, shorter: str) -> bool:
        head, _, rest = longer.lower().partition(" ")
        return (
            rest == shorter.lower()
            and head in articles
            or any(longer.lower() == a + shorter.lower() for a in articles if a.endswith(("'", "’")))
        )

    return {v for v in values if not any(restates(w, v) for w in values if w != v)}


def _one_event_per_count(facts: list[dict]) -> list[dict]:
    """A count of people is one fact: a force's or a crowd's (FactType.gives_way) that is also the
    count of a toll or an arrest is left to the event ("cinq soldats ont été tués")."""
    events = {
        (f["count"].start, f["count"].end)
        for f in facts
        if not FACT_TYPES[f["type"]].gives_way
        and f.get("count") is not None
        and f["count"].start is not None
        and f["modality"] in ("asserted", "reported")
    }
    return [
        f
        for f in facts
        if not (
            FACT_TYPES[f["type"]].gives_way
            and f.get("count") is not None
            and (f["count"].start, f["count"].end) in events
        )
    ]


def extract_document(doc: Document, reference: datetime.date | None) -> Extraction:
    dates = find_dates(doc.text, reference, tense_at=tense_reader(doc))
    ctx = Context(doc=doc, reference=reference, dates=dates, trigger_keys=TRIGGER_KEYS, lead_keys=LEAD_KEYS)
    raw = _one_event_per_count([f for t in FACT_TYPES.values() for f in t.find(ctx)])
    for f in raw:
        if f.get("count") is not None and f["count"].value == 0:
            f["modality"] = "negated"  # "aucun soldat n'est mort", "personne n'a été arrêté"
    facts = _FACTS.validate_python(share_slots(merge(raw), ctx))
    entities = _ENTITIES.validate_python(
        [
            {
                "text": e.text,
                "label": e.label,
                "start": e.start,
                "end": e.end,
                "canonical": ctx.full_name(e.text) if e.label == "PER" else None,
            }
            for e in doc.entities
        ]
    )
    return Extraction(facts=facts, dates=dates, entities=entities)
