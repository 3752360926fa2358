"""Facts: what the text states, with the evidence to check it."""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union, get_args

from pydantic import BaseModel, ConfigDict, Field

from schemas.common import Quantity, Span

Modality = Literal["asserted", "reported", "negated", "hypothetical"]
CasualtyKind = Literal["killed", "injured", "missing"]


class FactBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    evidence: Span = Field(description="The clause that states the fact (first or clearest mention).")
    evidences: list[Span] = Field(
        default_factory=list, description="Every mention of this same fact, the evidence first."
    )
    trigger: Span = Field(description="The word that signals the fact ('arrêté', 'morts', 'déployés').")
    modality: Modality = Field(
        "asserted",
        description="asserted; reported (conditional or attributed: 'aurait fait 10 morts'); "
        "negated ('aucun blessé'); hypothetical ('pourrait', 'si').",
    )
    source: Optional[str] = Field(None, description="Who the figure is attributed to ('la police').")
    date: Optional[str] = Field(None, description="ISO date of the event when the text attaches one.")
    location: Optional[str] = None
    rule: str = Field(description="Name of the extraction rule that produced the fact.")


class ArrestFact(FactBase):
    type: Literal["arrest"] = "arrest"
    persons: Optional[list[str]] = Field(None, description="Names of the people arrested, most complete form.")
    count: Optional[Quantity] = None
    agent: Optional[str] = Field(None, description="Who made the arrest.")
    charge: Optional[str] = Field(None, description="The accusation ('trahison').")


class CasualtiesFact(FactBase):
    type: Literal["casualties"] = "casualties"
    kind: CasualtyKind
    count: Quantity
    victims: Optional[str] = Field(None, description="Who the victims are ('policiers', 'civils').")
    latest: Optional[bool] = Field(
        None,
        description="When the text gives successive tolls of one kind ('bilan provisoire', "
        "'s'est alourdi'): true on the most recent, false on the earlier ones.",
    )


class TroopsFact(FactBase):
    type: Literal["troops"] = "troops"
    count: Quantity
    actor: Optional[str] = Field(None, description="Who sends the force ('Moscou').")
    organization: Optional[str] = Field(None, description="Alliance or body ('OTSC').")
    destination: Optional[str] = None


class CrowdFact(FactBase):
    type: Literal["crowd"] = "crowd"
    count: Quantity


# every fact type, each declared by a rule module of service/rules/facts/ (its registry checks both agree);
# the union is spelled out for type checkers, and FACT_MODELS read from it
Fact = Annotated[Union[ArrestFact, CasualtiesFact, TroopsFact, CrowdFact], Field(discriminator="type")]
FACT_MODELS: tuple[type[FactBase], ...] = get_args(get_args(Fact)[0])
