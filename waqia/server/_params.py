"""Query parameters of the event endpoints, checked and bounded before they reach the store.

FastAPI checks types and ranges (a bad value is a 422 before any handler runs); the
:class:`~waqia.store.EventQuery` built from them checks the vocabularies (PLOVER types, modalities,
alpha-3 codes) and raises :class:`~waqia.InputError`, which the app also answers with a 422.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query

from waqia._errors import InputError
from waqia.store import MAX_LIMIT, MAX_OFFSET, EventQuery

MAX_LIST_ITEMS = 50
MAX_ITEM_CHARS = 64
MAX_TEXT_CHARS = 200

# EventQuery's field names -> the query parameters they come from, to name the culprit in a 422
PARAMETER_OF_FIELD = {
    "types": "type",
    "modes": "mode",
    "countries": "country",
    "cluster_id": "cluster",
    "text": "q",
}


def _listed(values: list[str] | None, name: str) -> tuple[str, ...]:
    """Repeated parameters and comma lists alike: ``type=A&type=B`` or ``type=A,B``."""
    if not values:
        return ()
    items = tuple(item.strip() for value in values for item in value.split(",") if item.strip())
    if len(items) > MAX_LIST_ITEMS:
        raise InputError(name, f"at most {MAX_LIST_ITEMS} values, got {len(items)}")
    for item in items:
        if len(item) > MAX_ITEM_CHARS:
            raise InputError(name, f"values are at most {MAX_ITEM_CHARS} characters")
    return items


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` as four finite numbers (the store checks the ranges)."""
    if text is None or not text.strip():
        return None
    parts = text.split(",")
    if len(parts) != 4:
        raise InputError("bbox", "must be four numbers: min_lon,min_lat,max_lon,max_lat")
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        raise InputError("bbox", "must be four numbers: min_lon,min_lat,max_lon,max_lat") from None
    if not all(math.isfinite(number) for number in numbers):
        raise InputError("bbox", "must be four finite numbers")
    return (numbers[0], numbers[1], numbers[2], numbers[3])


@dataclass(frozen=True)
class EventFilters:
    """The filters of one request, before paging is added."""

    fields: dict[str, Any]

    def query(self, limit: int = 100, offset: int = 0) -> EventQuery:
        return EventQuery(**self.fields, limit=limit, offset=offset)


def _optional_text(value: str | None) -> str | None:
    return value if value is not None and value.strip() else None


def event_filters(
    start: Annotated[dt.date | None, Query(description="First event date (YYYY-MM-DD), inclusive.")] = None,
    end: Annotated[dt.date | None, Query(description="Last event date (YYYY-MM-DD), inclusive.")] = None,
    type_: Annotated[
        list[str] | None,
        Query(
            alias="type",
            max_length=MAX_LIST_ITEMS,
            description="PLOVER event type(s), repeated or comma-separated: ASSAULT,PROTEST.",
        ),
    ] = None,
    mode: Annotated[
        list[str] | None,
        Query(max_length=MAX_LIST_ITEMS, description="PLOVER mode(s), e.g. explosives, firearms."),
    ] = None,
    country: Annotated[
        list[str] | None,
        Query(max_length=MAX_LIST_ITEMS, description="ISO 3166-1 alpha-3 code(s) of the event's place."),
    ] = None,
    admin1: Annotated[
        str | None, Query(max_length=MAX_TEXT_CHARS, description="First-level division, e.g. Balochistan.")
    ] = None,
    actor: Annotated[
        str | None,
        Query(
            max_length=MAX_TEXT_CHARS,
            description="Part of an actor's English name or Urdu words (case-insensitive).",
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=MAX_TEXT_CHARS, description="Words of the trigger or its sentence."),
    ] = None,
    bbox: Annotated[
        str | None,
        Query(max_length=120, description="Bounding box: min_lon,min_lat,max_lon,max_lat."),
    ] = None,
    cluster: Annotated[
        str | None, Query(max_length=64, description="Cluster id: the same event in several documents.")
    ] = None,
    modality: Annotated[
        list[str] | None,
        Query(
            max_length=MAX_LIST_ITEMS,
            description="asserted, reported_future, threatened, hypothetical, negated.",
        ),
    ] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0.0, le=1.0, description="Smallest extractor confidence, 0..1.")
    ] = None,
) -> EventFilters:
    return EventFilters(
        {
            "start": start,
            "end": end,
            "types": tuple(item.upper() for item in _listed(type_, "type")),
            "modes": _listed(mode, "mode"),
            "countries": _listed(country, "country"),
            "admin1": _optional_text(admin1),
            "actor": _optional_text(actor),
            "text": _optional_text(q),
            "bbox": parse_bbox(bbox),
            "cluster_id": _optional_text(cluster),
            "modality": _listed(modality, "modality"),
            "min_confidence": min_confidence,
        }
    )


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, 1..{MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"Items to skip, 0..{MAX_OFFSET}.")]
