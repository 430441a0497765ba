"""Measure place and actor resolution against the gold events (``data/gold/dev.jsonl``).

Both measures take the gold spans as given and ask only the resolution question: for each gold
``location`` (resp. ``actor1``/``actor2``/``also``) span, resolve its text in its document and compare
with the gold record.

- places: the share whose country is right, and, over gold places with coordinates, the share
  resolved within 25 km (and the median error);
- actors: over gold actors with a canonical name, the share whose country is right and whose sector
  is right (``null`` equals ``null``).

Run as ``waqia evaluate places`` / ``waqia evaluate actors`` (wired by the CLI), or call
:func:`evaluate_places` / :func:`evaluate_actors`.
"""

from __future__ import annotations

import json
import math
import os
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from waqia._data import data_dir
from waqia.document import Document
from waqia.geo.textprep import prepare

_WITHIN_KM = 25.0


def default_gold_path() -> Path:
    return data_dir() / "gold" / "dev.jsonl"


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class _GoldSpan:
    doc: Document
    record: dict[str, Any]
    start: int
    end: int


def _documents(gold_path: str | os.PathLike[str] | None) -> Iterator[tuple[Document, dict[str, Any]]]:
    path = Path(gold_path) if gold_path is not None else default_gold_path()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            doc = Document(
                raw=record["text"],
                doc_id=record["doc_id"],
                pub_date=record.get("pub_date"),
                source=record.get("source"),
            )
            yield prepare(doc), record


def _span(doc: Document, item: dict[str, Any], event: dict[str, Any]) -> tuple[int, int] | None:
    """The raw offsets of a gold span; without offsets, its first occurrence near the trigger (spec §2)."""
    if item.get("start") is not None and item.get("end") is not None:
        return int(item["start"]), int(item["end"])
    text = item.get("text")
    if not text:
        return None
    trigger = event.get("trigger") or {}
    anchor = trigger.get("start") or 0
    sentence_start = max(doc.raw.rfind("۔", 0, anchor), doc.raw.rfind("\n", 0, anchor)) + 1
    found = doc.raw.find(text, sentence_start)
    if found < 0:
        found = doc.raw.find(text)
    return (found, found + len(text)) if found >= 0 else None


def evaluate_places(
    gold_path: str | os.PathLike[str] | None = None,
    *,
    home_country: str | None = "PAK",
    details: bool = False,
) -> dict[str, Any]:
    """Resolve every gold location span in its document and score it against the gold place.

    Returns ``{"locations", "country_accuracy", "with_coords", "within_25km", "median_km",
    "unique_spans", ...}`` and, with ``details``, one row per gold location (``failures`` always
    lists the wrong ones).
    """
    from waqia.stages.places import resolver_for

    resolver = resolver_for(home_country=home_country)
    rows: list[dict[str, Any]] = []
    for doc, record in _documents(gold_path):
        analysis = resolver.analyse(doc)
        cache: dict[tuple[int, int], Any] = {}
        for event in record.get("events", []):
            gold = event.get("location")
            if not gold:
                continue
            span = _span(doc, gold, event)
            if span is None:
                continue
            if span not in cache:
                cache[span] = resolver.resolve_span(doc, span[0], span[1], analysis)
            found = cache[span]
            place = found.place if found is not None else None
            row: dict[str, Any] = {
                "doc_id": doc.doc_id,
                "text": gold.get("text"),
                "start": span[0],
                "gold": {k: gold.get(k) for k in ("name", "country", "admin1", "lat", "lon")},
                "found": None
                if place is None
                else {
                    "name": place.name,
                    "country": place.country,
                    "admin1": place.admin1,
                    "lat": place.lat,
                    "lon": place.lon,
                    "precision": place.geo_precision,
                    "gazetteer_id": place.gazetteer_id,
                },
                "why": found.why if found is not None else "",
                "country_ok": place is not None and place.country == gold.get("country"),
                "km": None,
            }
            if gold.get("lat") is not None and gold.get("lon") is not None:
                if place is not None and place.lat is not None and place.lon is not None:
                    row["km"] = round(_haversine(gold["lat"], gold["lon"], place.lat, place.lon), 1)
                else:
                    row["km"] = math.inf
            rows.append(row)
    with_coords = [r for r in rows if r["km"] is not None]
    finite = [r["km"] for r in with_coords if r["km"] != math.inf]
    unique = {(r["doc_id"], r["start"]): r for r in rows}
    result: dict[str, Any] = {
        "locations": len(rows),
        "country_accuracy": _share(sum(r["country_ok"] for r in rows), len(rows)),
        "with_coords": len(with_coords),
        "within_25km": _share(sum(r["km"] <= _WITHIN_KM for r in with_coords), len(with_coords)),
        "median_km": round(statistics.median(finite), 1) if finite else None,
        "unique_spans": len(unique),
        "unique_country_accuracy": _share(sum(r["country_ok"] for r in unique.values()), len(unique)),
        "unique_within_25km": _share(
            sum(r["km"] is not None and r["km"] <= _WITHIN_KM for r in unique.values()),
            sum(r["km"] is not None for r in unique.values()),
        ),
        "failures": [
            _jsonable(r)
            for r in unique.values()
            if not r["country_ok"] or (r["km"] is not None and r["km"] > _WITHIN_KM)
        ],
    }
    if details:
        result["rows"] = [_jsonable(r) for r in rows]
    return result


def evaluate_actors(
    gold_path: str | os.PathLike[str] | None = None,
    *,
    home_country: str | None = "PAK",
    details: bool = False,
) -> dict[str, Any]:
    """Resolve every gold actor span (``actor1``, ``actor2``, ``also``) that has a canonical name.

    Returns ``{"actors", "country_accuracy", "sector_accuracy", "both_accuracy", ...}``; ``failures``
    lists the wrong ones, ``rows`` (with ``details``) all of them.
    """
    from waqia.stages.actors import ActorContext, resolve_actor
    from waqia.stages.places import resolver_for

    places = resolver_for(home_country=home_country)
    rows: list[dict[str, Any]] = []
    for doc, record in _documents(gold_path):
        doc_context = ActorContext.for_document(doc, places=places, home_country=home_country)
        for event in record.get("events", []):
            actors = [event.get("actor1"), event.get("actor2"), *(event.get("also") or [])]
            for gold in actors:
                if not gold or not gold.get("name"):
                    continue
                span = _span(doc, gold, event)
                if span is None:
                    continue
                context = doc_context.at(span[0], span[1])
                match = resolve_actor(_norm_of(doc, span[0], span[1]), context)
                row = {
                    "doc_id": doc.doc_id,
                    "text": gold.get("text"),
                    "start": span[0],
                    "gold": {k: gold.get(k) for k in ("name", "country", "sector")},
                    "found": None
                    if match is None
                    else {"name": match.name, "country": match.country, "sector": match.sector},
                    "why": match.why if match is not None else "",
                    "country_ok": (match.country if match else None) == gold.get("country"),
                    "sector_ok": (match.sector if match else None) == gold.get("sector"),
                }
                rows.append(row)
    n = len(rows)
    result: dict[str, Any] = {
        "actors": n,
        "country_accuracy": _share(sum(r["country_ok"] for r in rows), n),
        "sector_accuracy": _share(sum(r["sector_ok"] for r in rows), n),
        "both_accuracy": _share(sum(r["country_ok"] and r["sector_ok"] for r in rows), n),
        "failures": [r for r in rows if not (r["country_ok"] and r["sector_ok"])],
    }
    if details:
        result["rows"] = rows
    return result


def _norm_of(doc: Document, start: int, end: int) -> str:
    """The normalised text of a raw span: the tokens inside it, else the raw text."""
    words = [t.norm for t in doc.tokens if t.start < end and start < t.end]
    return " ".join(words) if words else doc.raw[start:end]


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    if out.get("km") == math.inf:
        out["km"] = None
        out["no_coordinates"] = True
    return out
