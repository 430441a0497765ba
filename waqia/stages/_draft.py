"""An event while it is being built (:class:`Draft`), the actor mentions of a document in text order, and
the small word classes the event modules share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from waqia.document import Document
from waqia.record import Actor, Count, DateRef, Place, TextSpan
from waqia.stages._wordclasses import wordset as _words
from waqia.stages.normalize import normalize_spelling as _n
from waqia.stages.triggers import Match

PRONOUNS = _words("انہوں انھوں انہون انھون اس ان وہ انہیں انھیں انہی یہ ہم")
DEMONSTRATIVE = _words("اس ان یہ انہی مذکورہ ایسے")
IN = _n("میں")


@dataclass(frozen=True)
class SortedActors:
    """The actor stage's mentions sorted by start, so a sentence finds its own by bisection
    instead of scanning the whole document."""

    actors: list[Actor]
    starts: list[int]

    @classmethod
    def of(cls, doc: Document) -> SortedActors:
        actors = sorted(
            (a for a in doc.meta.get("actors", []) if isinstance(a, Actor) and a.start is not None),
            key=lambda a: a.start or 0,
        )
        return cls(actors, [a.start or 0 for a in actors])


@dataclass
class Draft:
    """An event while it is being built: token ranges are ``doc.tokens`` indices."""

    match: Match
    sentence: int  # index in doc.sentences
    start: int
    end: int
    type: str
    mode: str | None
    modality: str
    heading: bool
    anaphoric: bool  # "اس حملے", "ان حملوں": a mention of an event told before
    actor1: Actor | None = None
    actor2: Actor | None = None
    also: list[Actor] = field(default_factory=list)
    location: Place | None = None
    date: DateRef | None = None
    own_date: bool = False
    fatalities: Count | None = None
    injured: Count | None = None
    claim: Any = None
    grenade: bool = False
    conf: float = 0.5
    trigger: TextSpan | None = None
    absorbed_body: bool = False
    own_location: bool = False  # the place stands in the trigger's own sentence
    own_actor: bool = False  # the trigger's own clause names who acted
    site: frozenset[str] = frozenset()  # words of the "X پر" / "X میں" phrase before the trigger
    clause: int = 0  # which clause of its sentence (counted at "،" and "جبکہ")
    more_places: list[Place] = field(default_factory=list)  # the rest of a listed locative
    patients: int | None = None  # how many people the act was done to ("10 شدت پسندوں کو گرفتار")


Spans = tuple[tuple[int, int], ...]


def identified(actor: Actor | None) -> bool:
    return actor is not None and (actor.name, actor.country, actor.sector) != (None, None, None)
