"""From a parsed document to facts, dates and entities: one stage per job, in order."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from pydantic import TypeAdapter

from schemas.dates import DateMention
from schemas.entities import Entity
from schemas.facts import Fact
from service.document import Document
from service.rules import arrest, casualties, crowd, troops
from service.rules.context import Context
from service.rules.dates import find_dates
from service.rules.merge import merge
from service.rules.tense import tense_reader

FACT_MODULES = (arrest, casualties, troops, crowd)
TRIGGER_KEYS = frozenset().union(*(r.trigger.keys for m in FACT_MODULES for r in m.RULES))
LEAD_KEYS = frozenset().union(*(r.trigger.keys for m in FACT_MODULES for r in m.RULES if not r.follows))
_FACTS = TypeAdapter(list[Fact])
_ENTITIES = TypeAdapter(list[Entity])          # one validation call for the list: faster than one per item


@dataclass
class Extraction:
    facts: list
    dates: list[DateMention]
    entities: list[Entity]


# Slots that an article states once for all its facts of a type: where the accident or the protest
# took place, who sends the forces. Arrests are left alone: people are often arrested elsewhere.
SHARED_SLOTS = {"casualties": ("location",), "crowd": ("location",), "troops": ("actor",)}


def share_slots(facts: list[dict]) -> list[dict]:
    """When all the facts of a type that fill a shared slot agree on it, the others take it too;
    when they differ, nothing is guessed."""
    for t, slots in SHARED_SLOTS.items():
        same = [f for f in facts if f["type"] == t]
        for slot in slots:
            values = {f[slot] for f in same if f.get(slot)}
            if len(values) == 1:
                for f in same:
                    f[slot] = f.get(slot) or next(iter(values))
    return facts


def extract(doc: Document, reference: datetime.date | None) -> Extraction:
    dates = find_dates(doc.text, reference, tense_at=tense_reader(doc))
    ctx = Context(doc=doc, reference=reference, dates=dates, trigger_keys=TRIGGER_KEYS, lead_keys=LEAD_KEYS)
    raw = [f for module in FACT_MODULES for f in module.extract(ctx)]
    for f in raw:
        if f.get("count") is not None and f["count"].value == 0:
            f["modality"] = "negated"      # "aucun soldat n'est mort", "personne n'a été arrêté"
    facts = _FACTS.validate_python(share_slots(merge(raw)))
    entities = _ENTITIES.validate_python([
        {"text": e.text, "label": e.label, "start": e.start, "end": e.end,
         "canonical": ctx.full_name(e.text) if e.label == "PER" else None} for e in doc.entities])
    return Extraction(facts=facts, dates=dates, entities=entities)
