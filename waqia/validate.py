"""Check spec §1–§2 records (documents with events) and say what is wrong with them.

Stricter than the reference scorer's ``validate``: besides types, modalities and exact span offsets
it checks modes against their type, sectors, claim kinds, country codes, coordinates, precisions,
dates, counts (``low <= best <= high``) and confidence. Used by ``waqia validate`` and by the fuzz
tests, which require every output record to pass.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator
from typing import Any

from waqia.record import CLAIM_KINDS, EVENT_TYPES, MODALITIES, SECTORS

# spec §3: the modes each type may take (types not listed take none)
MODES: dict[str, frozenset[str]] = {
    "ASSAULT": frozenset(
        {
            "aerial",
            "drone",
            "heavy-weapons",
            "firearms",
            "explosives",
            "suicide-attack",
            "targeted",
            "abduct",
            "beat",
            "primitive",
            "destroy",
            "unconventional",
        }
    ),
    "COERCE": frozenset({"arrest", "raid", "curfew", "ban", "seize", "expel"}),
    "MOBILIZE": frozenset({"troops", "exercise", "weapons", "alert"}),
    "PROTEST": frozenset({"demonstrate", "riot", "strike", "sit-in"}),
}
_SPAN_FIELDS = ("trigger", "actor1", "actor2", "location", "date", "fatalities", "injured", "claim")
_ACTOR_GROUPS = frozenset({"IGO", "UNO", "NGO"})
_ALPHA3 = re.compile(r"[A-Z]{3}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)) and math.isfinite(value)


def _iso_date_problem(value: Any) -> str | None:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return f"{value!r} is not YYYY-MM-DD"
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a calendar date"
    return None


def _span_problems(span: Any, text: str, where: str, *, required: bool) -> Iterator[str]:
    if not isinstance(span, dict):
        yield f"{where}: not an object"
        return
    words = span.get("text")
    if words is None:
        if required:
            yield f"{where}: no text"
        if span.get("start") is not None or span.get("end") is not None:
            yield f"{where}: offsets without text"
        return
    if not isinstance(words, str) or not words:
        yield f"{where}: text is not a non-empty string"
        return
    start, end = span.get("start"), span.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not (_is_int(start) and _is_int(end)):
        yield f"{where}: no integer offsets"
    elif not 0 <= start < end <= len(text):
        yield f"{where}: offsets [{start}:{end}] outside the text (length {len(text)})"
    elif text[start:end] != words:
        yield f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {words!r}"


def _actor_problems(actor: dict[str, Any], where: str) -> Iterator[str]:
    country, sector = actor.get("country"), actor.get("sector")
    if country is not None and not (
        isinstance(country, str) and (country in _ACTOR_GROUPS or _ALPHA3.fullmatch(country))
    ):
        yield f"{where}.country {country!r} is not ISO alpha-3, IGO, UNO or NGO"
    if sector is not None and sector not in SECTORS:
        yield f"{where}.sector {sector!r} is not a PLOVER sector"
    if actor.get("name") is not None and not isinstance(actor["name"], str):
        yield f"{where}.name is not a string"


def _place_problems(place: dict[str, Any], where: str) -> Iterator[str]:
    country = place.get("country")
    if country is not None and not (isinstance(country, str) and _ALPHA3.fullmatch(country)):
        yield f"{where}.country {country!r} is not ISO alpha-3"
    lat, lon = place.get("lat"), place.get("lon")
    if (lat is None) != (lon is None):
        yield f"{where}: lat and lon must both be given or both null"
    if lat is not None and not (_is_number(lat) and -90 <= lat <= 90):
        yield f"{where}.lat {lat!r} out of range"
    if lon is not None and not (_is_number(lon) and -180 <= lon <= 180):
        yield f"{where}.lon {lon!r} out of range"
    if place.get("geo_precision") not in (None, 1, 2, 3):
        yield f"{where}.geo_precision {place.get('geo_precision')!r} is not 1, 2 or 3"


def _count_problems(count: dict[str, Any], where: str) -> Iterator[str]:
    values = {key: count.get(key) for key in ("low", "best", "high")}
    for key, value in values.items():
        if value is not None and not (_is_int(value) and value >= 0):
            yield f"{where}.{key} {value!r} is not a non-negative integer"
            return
    low, best, high = values["low"], values["best"], values["high"]
    if low is not None and best is not None and low > best:
        yield f"{where}: low {low} > best {best}"
    if high is not None and best is not None and best > high:
        yield f"{where}: best {best} > high {high}"


def event_problems(event: Any, text: str, where: str = "event") -> list[str]:
    """What is wrong with one event record of a document whose raw text is ``text``."""
    if not isinstance(event, dict):
        return [f"{where}: not an object"]
    problems: list[str] = []
    typ, mode = event.get("type"), event.get("mode")
    if typ not in EVENT_TYPES:
        problems.append(f"{where}: type {typ!r} is not a PLOVER type")
    if mode is not None and mode not in MODES.get(str(typ), frozenset()):
        problems.append(f"{where}: mode {mode!r} does not belong to type {typ!r}")
    if event.get("modality") not in MODALITIES:
        problems.append(f"{where}: modality {event.get('modality')!r}")
    for field in _SPAN_FIELDS:
        value = event.get(field)
        if value is None:
            if field == "trigger":
                problems.append(f"{where}: no trigger")
            continue
        problems.extend(_span_problems(value, text, f"{where}.{field}", required=field == "trigger"))
        if not isinstance(value, dict):
            continue
        if field in ("actor1", "actor2"):
            problems.extend(_actor_problems(value, f"{where}.{field}"))
        elif field == "location":
            problems.extend(_place_problems(value, f"{where}.location"))
        elif field in ("fatalities", "injured"):
            problems.extend(_count_problems(value, f"{where}.{field}"))
        elif field == "date":
            if value.get("value") is not None and (issue := _iso_date_problem(value["value"])):
                problems.append(f"{where}.date.value {issue}")
            if value.get("precision") not in (None, 1, 2, 3):
                problems.append(f"{where}.date.precision {value.get('precision')!r} is not 1, 2 or 3")
        elif field == "claim" and value.get("kind") not in (None, *CLAIM_KINDS):
            problems.append(f"{where}.claim.kind {value.get('kind')!r}")
    also = event.get("also") or []
    if not isinstance(also, list):
        problems.append(f"{where}.also is not a list")
    else:
        for j, actor in enumerate(also):
            problems.extend(_span_problems(actor, text, f"{where}.also[{j}]", required=False))
            if isinstance(actor, dict):
                problems.extend(_actor_problems(actor, f"{where}.also[{j}]"))
    confidence = event.get("confidence")
    if confidence is not None and not (_is_number(confidence) and 0 <= confidence <= 1):
        problems.append(f"{where}.confidence {confidence!r} is not in 0..1")
    acled = event.get("acled")
    if acled is not None and not (
        isinstance(acled, dict) and isinstance(acled.get("event_type"), str) and acled.get("sub_event_type")
    ):
        problems.append(f"{where}.acled must give event_type and sub_event_type")
    return problems


def document_problems(records: Iterable[Any]) -> list[str]:
    """Problems of a sequence of spec §1 documents: ids, dates, and every event."""
    problems: list[str] = []
    seen: set[str] = set()
    for n, doc in enumerate(records, 1):
        if not isinstance(doc, dict):
            problems.append(f"record {n}: not an object")
            continue
        doc_id = doc.get("doc_id")
        if not isinstance(doc_id, str) or not doc_id:
            problems.append(f"record {n}: missing doc_id")
        elif doc_id in seen:
            problems.append(f"record {n}: repeated doc_id {doc_id!r}")
        else:
            seen.add(doc_id)
        text = doc.get("text")
        if not isinstance(text, str):
            problems.append(f"{doc_id}: text is not a string")
            continue
        if doc.get("pub_date") is not None and (issue := _iso_date_problem(doc["pub_date"])):
            problems.append(f"{doc_id}: pub_date {issue}")
        events = doc.get("events", [])
        if not isinstance(events, list):
            problems.append(f"{doc_id}: events is not a list")
            continue
        for i, event in enumerate(events):
            problems.extend(event_problems(event, text, f"{doc_id} event {i}"))
    return problems
