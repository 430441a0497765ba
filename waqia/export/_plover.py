"""Stored events as PLOVER records (one JSON object per event) and the flat waqia event table.

A PLOVER record names the event (``id``, ``date``, ``event_type``, ``mode``, ``context``), its
``actor`` and ``recipient`` (English name, Urdu words, country, sector), where it happened
(``location``), the outlet (``source``), who the text says reports it (``claim``), the toll, and the
Urdu ``text`` that is the evidence. ``context`` holds the PLOVER contexts the actors' sectors imply
(``military``, ``legal``, ``refugee``, ...); waqia does not code the other contexts.
"""

from __future__ import annotations

from typing import Any

from waqia.store._query import SUMMARY_KEYS

_SECTOR_CONTEXT = {
    "MIL": "military",
    "SPY": "intelligence",
    "JUD": "legal",
    "LEG": "political_institutions",
    "REF": "refugee",
    "PTY": "election",
    "MED": "health",
    "EDU": "education",
    "LAB": "labor",
}

PLOVER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"),
    ("date", "date"),
    ("date_precision", "int"),
    ("event_type", "string"),
    ("mode", "string"),
    ("modality", "string"),
    ("context", "string"),
    ("actor", "string"),
    ("actor_text", "string"),
    ("actor_country", "string"),
    ("actor_sector", "string"),
    ("actor_also", "string"),
    ("recipient", "string"),
    ("recipient_text", "string"),
    ("recipient_country", "string"),
    ("recipient_sector", "string"),
    ("location_name", "string"),
    ("location_text", "string"),
    ("location_country", "string"),
    ("location_admin1", "string"),
    ("location_lat", "float"),
    ("location_lon", "float"),
    ("location_geo_precision", "int"),
    ("fatalities", "int"),
    ("injured", "int"),
    ("source", "string"),
    ("url", "string"),
    ("claim_by", "string"),
    ("claim_kind", "string"),
    ("claim_text", "string"),
    ("trigger", "string"),
    ("text", "string"),
    ("confidence", "float"),
    ("cluster_id", "string"),
    ("doc_id", "string"),
)

_TYPES = {
    "date": "date",
    "pub_date": "date",
    "date_precision": "int",
    "lat": "float",
    "lon": "float",
    "geo_precision": "int",
    "fatalities": "int",
    "injured": "int",
    "confidence": "float",
}
WAQIA_COLUMNS: tuple[tuple[str, str], ...] = (
    *((key, _TYPES.get(key, "string")) for key in SUMMARY_KEYS),
    ("evidence", "string"),
    ("url", "string"),
)


def _context(item: dict[str, Any]) -> list[str]:
    found = {_SECTOR_CONTEXT.get(item[f"{side}_sector"] or "") for side in ("actor1", "actor2")}
    return sorted(c for c in found if c)


def plover_record(item: dict[str, Any]) -> dict[str, Any]:
    """The PLOVER record of a stored event (:meth:`waqia.store.Store.iter_events` item)."""
    record = item["record"]
    location = record.get("location")
    claim = record.get("claim")
    return {
        "id": item["event_id"],
        "date": item["date"],
        "date_precision": item["date_precision"],
        "event_type": item["type"],
        "mode": item["mode"],
        "modality": item["modality"],
        "context": _context(item),
        "actor": item["actor1_name"],
        "actor_text": item["actor1_text"],
        "actor_country": item["actor1_country"],
        "actor_sector": item["actor1_sector"],
        "actor_also": [a.get("name") or a.get("text") for a in record.get("also") or []],
        "recipient": item["actor2_name"],
        "recipient_text": item["actor2_text"],
        "recipient_country": item["actor2_country"],
        "recipient_sector": item["actor2_sector"],
        "location": None
        if location is None
        else {
            "name": location.get("name"),
            "text": location.get("text"),
            "country": location.get("country"),
            "admin1": location.get("admin1"),
            "lat": location.get("lat"),
            "lon": location.get("lon"),
            "geo_precision": location.get("geo_precision"),
        },
        "fatalities": item["fatalities"],
        "injured": item["injured"],
        "source": item["source"],
        "url": item["url"],
        "claim": None
        if claim is None
        else {"by": claim.get("by"), "kind": claim.get("kind"), "text": claim.get("text")},
        "trigger": item["trigger_text"],
        "text": item["evidence"],
        "confidence": item["confidence"],
        "cluster_id": item["cluster_id"],
        "doc_id": item["doc_id"],
    }


def flat_plover(record: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER record as one flat row (lists joined with "; ", objects spread into columns)."""
    out = {k: v for k, v in record.items() if k not in ("location", "claim", "context", "actor_also")}
    out["context"] = "; ".join(record["context"]) or None
    out["actor_also"] = "; ".join(a for a in record["actor_also"] if a) or None
    location = record["location"] or {}
    for key in ("name", "text", "country", "admin1", "lat", "lon", "geo_precision"):
        out[f"location_{key}"] = location.get(key)
    claim = record["claim"] or {}
    for key in ("by", "kind", "text"):
        out[f"claim_{key}"] = claim.get(key)
    return out


def waqia_row(item: dict[str, Any]) -> dict[str, Any]:
    """The flat waqia event table: the event summary, its evidence sentence and the article URL."""
    return {key: item[key] for key, _ in WAQIA_COLUMNS}
