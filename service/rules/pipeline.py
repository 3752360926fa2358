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
from service.rules.quantity import find_quantities
from service.rules.tense import tense_reader

FACT_MODULES = (arrest, casualties, troops, crowd)
_FACTS = TypeAdapter(list[Fact])


@dataclass
class Extraction:
    facts: list
    dates: list[DateMention]
    entities: list[Entity]


def share_place(facts: list[dict]) -> list[dict]:
    """An article that places all its located tolls (or crowds) in the same place places the others
    there too ("the same accident"); when the places differ, nothing is guessed. Arrests are left
    alone: people are often arrested elsewhere than where the events happened."""
    for t in ("casualties", "crowd"):
        same = [f for f in facts if f["type"] == t and "location" in f]
        places = {f["location"] for f in same if f["location"]}
        if len(places) == 1:
            for f in same:
                f["location"] = f["location"] or next(iter(places))
    return facts


def extract(doc: Document, reference: datetime.date | None) -> Extraction:
    dates = find_dates(doc.text, reference, tense_at=tense_reader(doc))
    # a number inside a date ("le 4 janvier") is never a count
    quantities = [q for q in find_quantities(doc.text)
                  if not any(d.start < q.end and q.start < d.end for d in dates)]
    ctx = Context(doc=doc, reference=reference, quantities=quantities, dates=dates)
    raw = [f for module in FACT_MODULES for f in module.extract(ctx)]
    for f in raw:
        if f.get("count") is not None and f["count"].value == 0:
            f["modality"] = "negated"      # "aucun soldat n'est mort", "personne n'a été arrêté"
    facts = _FACTS.validate_python(share_place(merge(raw)))
    entities = [Entity(text=e.text, label=e.label, start=e.start, end=e.end,
                       canonical=ctx.full_name(e.text) if e.label == "PER" else None) for e in doc.entities]
    return Extraction(facts=facts, dates=dates, entities=entities)
