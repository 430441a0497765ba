"""The event record of the spec (``shared/spec/events.md`` §2), with exact JSON round trips.

Every field that comes from the text is a :class:`TextSpan` (the exact words and their raw offsets)
or a subclass that adds what was resolved from them: an :class:`Actor`, a :class:`Place`, a
:class:`DateRef`, a :class:`Count`, a :class:`Claim`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Self, TypeVar

EVENT_TYPES = frozenset(
    {
        "ASSAULT",
        "COERCE",
        "MOBILIZE",
        "PROTEST",
        "THREATEN",
        "ACCUSE",
        "REQUEST",
        "REJECT",
        "CONSULT",
        "AGREE",
        "SUPPORT",
        "COOPERATE",
        "AID",
        "SANCTION",
        "CONCEDE",
        "RETREAT",
    }
)
TIER1_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "THREATEN"})
MODALITIES = frozenset({"asserted", "reported_future", "threatened", "hypothetical", "negated"})
CLAIM_KINDS = frozenset({"official", "anonymous", "media", "witness", "party"})
SECTORS = frozenset(
    {
        "GOV",
        "MIL",
        "COP",
        "SPY",
        "REB",
        "UAF",
        "PTY",
        "OPP",
        "CVL",
        "JRN",
        "MED",
        "REL",
        "EDU",
        "BUS",
        "LAB",
        "REF",
        "CRM",
        "JUD",
        "LEG",
        "ELI",
        "SOC",
        "UNK",
    }
)


_S = TypeVar("_S", bound="TextSpan")


def _opt_int(value: Any, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an integer or null, got {value!r}")
    return value


def _opt_str(value: Any, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string or null, got {value!r}")
    return value


def _opt_float(value: Any, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number or null, got {value!r}")
    return float(value)


@dataclass(slots=True)
class TextSpan:
    """Words of the document: ``text`` and, when known, raw ``start``/``end`` (end exclusive)."""

    text: str | None
    start: int | None = None
    end: int | None = None

    _extra_fields: ClassVar[tuple[str, ...]] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text}
        for name in self._extra_fields:
            out[name] = getattr(self, name)
        if self.start is not None and self.end is not None:
            out["start"] = self.start
            out["end"] = self.end
        return out

    @classmethod
    def _span_kwargs(cls, data: dict[str, Any], where: str) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise ValueError(f"{where} must be an object, got {type(data).__name__}")
        return {
            "text": _opt_str(data.get("text"), f"{where}.text"),
            "start": _opt_int(data.get("start"), f"{where}.start"),
            "end": _opt_int(data.get("end"), f"{where}.end"),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], where: str = "span") -> Self:
        return cls(**cls._span_kwargs(data, where))


@dataclass(slots=True)
class Actor(TextSpan):
    name: str | None = None
    country: str | None = None
    sector: str | None = None

    _extra_fields: ClassVar[tuple[str, ...]] = ("name", "country", "sector")

    @classmethod
    def from_json(cls, data: dict[str, Any], where: str = "actor") -> Self:
        kwargs = cls._span_kwargs(data, where)
        sector = _opt_str(data.get("sector"), f"{where}.sector")
        if sector is not None and sector not in SECTORS:
            raise ValueError(f"{where}.sector {sector!r} is not a PLOVER sector")
        return cls(
            **kwargs,
            name=_opt_str(data.get("name"), f"{where}.name"),
            country=_opt_str(data.get("country"), f"{where}.country"),
            sector=sector,
        )


@dataclass(slots=True)
class Place(TextSpan):
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    gazetteer_id: str | None = None

    _extra_fields: ClassVar[tuple[str, ...]] = (
        "name",
        "country",
        "admin1",
        "lat",
        "lon",
        "geo_precision",
        "gazetteer_id",
    )

    @classmethod
    def from_json(cls, data: dict[str, Any], where: str = "location") -> Self:
        kwargs = cls._span_kwargs(data, where)
        precision = _opt_int(data.get("geo_precision"), f"{where}.geo_precision")
        if precision is not None and precision not in (1, 2, 3):
            raise ValueError(f"{where}.geo_precision must be 1, 2 or 3")
        return cls(
            **kwargs,
            name=_opt_str(data.get("name"), f"{where}.name"),
            country=_opt_str(data.get("country"), f"{where}.country"),
            admin1=_opt_str(data.get("admin1"), f"{where}.admin1"),
            lat=_opt_float(data.get("lat"), f"{where}.lat"),
            lon=_opt_float(data.get("lon"), f"{where}.lon"),
            geo_precision=precision,
            gazetteer_id=_opt_str(data.get("gazetteer_id"), f"{where}.gazetteer_id"),
        )


@dataclass(slots=True)
class DateRef(TextSpan):
    value: str | None = None
    precision: int | None = None

    _extra_fields: ClassVar[tuple[str, ...]] = ("value", "precision")

    @classmethod
    def from_json(cls, data: dict[str, Any], where: str = "date") -> Self:
        kwargs = cls._span_kwargs(data, where)
        precision = _opt_int(data.get("precision"), f"{where}.precision")
        if precision is not None and precision not in (1, 2, 3):
            raise ValueError(f"{where}.precision must be 1, 2 or 3")
        return cls(**kwargs, value=_opt_str(data.get("value"), f"{where}.value"), precision=precision)


@dataclass(slots=True)
class Count(TextSpan):
    best: int | None = None
    low: int | None = None
    high: int | None = None

    _extra_fields: ClassVar[tuple[str, ...]] = ("best", "low", "high")

    @classmethod
    def from_json(cls, data: dict[str, Any], where: str = "count") -> Self:
        kwargs = cls._span_kwargs(data, where)
        return cls(
            **kwargs,
            best=_opt_int(data.get("best"), f"{where}.best"),
            low=_opt_int(data.get("low"), f"{where}.low"),
            high=_opt_int(data.get("high"), f"{where}.high"),
        )


@dataclass(slots=True)
class Claim(TextSpan):
    by: str | None = None
    kind: str | None = None

    _extra_fields: ClassVar[tuple[str, ...]] = ("by", "kind")

    @classmethod
    def from_json(cls, data: dict[str, Any], where: str = "claim") -> Self:
        kwargs = cls._span_kwargs(data, where)
        kind = _opt_str(data.get("kind"), f"{where}.kind")
        if kind is not None and kind not in CLAIM_KINDS:
            raise ValueError(f"{where}.kind {kind!r} is not one of {sorted(CLAIM_KINDS)}")
        return cls(**kwargs, by=_opt_str(data.get("by"), f"{where}.by"), kind=kind)


@dataclass(slots=True)
class Event:
    """One event record (spec §2)."""

    type: str
    trigger: TextSpan
    modality: str = "asserted"
    mode: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    also: list[Actor] = field(default_factory=list)
    location: Place | None = None
    date: DateRef | None = None
    fatalities: Count | None = None
    injured: Count | None = None
    claim: Claim | None = None
    acled: dict[str, str] | None = None
    confidence: float | None = None
    cluster_id: str | None = None

    def __post_init__(self) -> None:
        if self.type not in EVENT_TYPES:
            raise ValueError(f"event type {self.type!r} is not a PLOVER type")
        if self.modality not in MODALITIES:
            raise ValueError(f"modality {self.modality!r} is not one of {sorted(MODALITIES)}")
        if self.confidence is not None and not 0.0 <= self.confidence <= 1.0:
            raise ValueError("confidence must be between 0 and 1")

    @property
    def tier(self) -> int:
        return 1 if self.type in TIER1_TYPES else 2

    def to_json(self) -> dict[str, Any]:
        def opt(value: TextSpan | None) -> dict[str, Any] | None:
            return value.to_json() if value is not None else None

        out: dict[str, Any] = {
            "type": self.type,
            "mode": self.mode,
            "modality": self.modality,
            "trigger": self.trigger.to_json(),
            "actor1": opt(self.actor1),
            "actor2": opt(self.actor2),
        }
        if self.also:
            out["also"] = [actor.to_json() for actor in self.also]
        out.update(
            {
                "location": opt(self.location),
                "date": opt(self.date),
                "fatalities": opt(self.fatalities),
                "injured": opt(self.injured),
                "claim": opt(self.claim),
                "acled": self.acled,
                "confidence": self.confidence,
                "cluster_id": self.cluster_id,
            }
        )
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        if not isinstance(data, dict):
            raise ValueError("an event must be a JSON object")
        trigger = data.get("trigger")
        if not isinstance(trigger, dict):
            raise ValueError("an event needs a trigger span")

        def opt(kind: type[_S], name: str) -> _S | None:
            value = data.get(name)
            return kind.from_json(value, name) if value is not None else None

        acled = data.get("acled")
        if acled is not None and not isinstance(acled, dict):
            raise ValueError("acled must be an object or null")
        also = data.get("also") or []
        if not isinstance(also, list):
            raise ValueError("also must be a list of actors")
        return cls(
            type=str(data.get("type")),
            mode=_opt_str(data.get("mode"), "mode"),
            modality=str(data.get("modality") or "asserted"),
            trigger=TextSpan.from_json(trigger, "trigger"),
            actor1=opt(Actor, "actor1"),
            actor2=opt(Actor, "actor2"),
            also=[Actor.from_json(a, "also") for a in also],
            location=opt(Place, "location"),
            date=opt(DateRef, "date"),
            fatalities=opt(Count, "fatalities"),
            injured=opt(Count, "injured"),
            claim=opt(Claim, "claim"),
            acled=acled,
            confidence=_opt_float(data.get("confidence"), "confidence"),
            cluster_id=_opt_str(data.get("cluster_id"), "cluster_id"),
        )
