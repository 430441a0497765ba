"""A coded document and its events as store rows: the typed summary columns, the search columns and
the spec record. The inverse (rows back to :class:`~waqia.Document`) is :func:`document_from_rows`."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from waqia.document import Document
from waqia.record import Event
from waqia.stages.dates import parse_iso

_TITLE_CHARS = 300


def content_hash(doc: Document) -> str:
    """The identity of a stored document: sha256 of its ``doc_id``, a NUL, and its raw text."""
    return hashlib.sha256(f"{doc.doc_id}\x00{doc.raw}".encode()).hexdigest()


def event_id(hash_hex: str, index: int) -> str:
    """``<first 12 hex of the document's content hash>-<index of the event in the document>``."""
    return f"{hash_hex[:12]}-{index}"


def title_of(raw: str) -> str:
    line = next((ln.strip() for ln in raw.splitlines() if ln.strip()), "")
    return line[:_TITLE_CHARS]


def evidence_of(doc: Document, event: Event) -> str | None:
    """The raw text of the sentence that holds the event's trigger (the trigger alone without one)."""
    start = event.trigger.start
    if start is not None:
        for sentence in doc.sentences:
            if sentence.start <= start < sentence.end:
                return doc.raw[sentence.start : sentence.end]
    return event.trigger.text


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def document_row(doc: Document, hash_hex: str, ingested_at: dt.datetime) -> dict[str, Any]:
    extra = dict(doc.extra)
    if doc.story_id is not None:
        extra["story_id"] = doc.story_id
    return {
        "doc_id": doc.doc_id,
        "content_hash": hash_hex,
        "pub_date": parse_iso(doc.pub_date),
        "source": doc.source,
        "url": doc.url,
        "lang": doc.lang,
        "title": title_of(doc.raw),
        "raw": doc.raw,
        "extra": _dump(extra),
        "n_events": len(doc.events),
        "ingested_at": ingested_at,
    }


def event_row(doc: Document, doc_key: int, hash_hex: str, index: int, event: Event) -> dict[str, Any]:
    own_date = parse_iso(event.date.value) if event.date is not None else None
    loc, a1, a2 = event.location, event.actor1, event.actor2
    record = event.to_json()
    record["cluster_id"] = None
    evidence = evidence_of(doc, event)
    actor_words = [
        a1.name if a1 else None,
        a1.text if a1 else None,
        a2.name if a2 else None,
        a2.text if a2 else None,
    ]
    acled = event.acled or {}
    return {
        "event_id": event_id(hash_hex, index),
        "doc_key": doc_key,
        "idx": index,
        "type": event.type,
        "mode": event.mode,
        "modality": event.modality,
        "date": own_date or parse_iso(doc.pub_date),
        "date_precision": event.date.precision if own_date is not None and event.date else None,
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "location_name": loc.name if loc else None,
        "location_text": loc.text if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "geo_precision": loc.geo_precision if loc else None,
        "actor1_name": a1.name if a1 else None,
        "actor1_text": a1.text if a1 else None,
        "actor1_country": a1.country if a1 else None,
        "actor1_sector": a1.sector if a1 else None,
        "actor2_name": a2.name if a2 else None,
        "actor2_text": a2.text if a2 else None,
        "actor2_country": a2.country if a2 else None,
        "actor2_sector": a2.sector if a2 else None,
        "fatalities": event.fatalities.best if event.fatalities else None,
        "injured": event.injured.best if event.injured else None,
        "claim_by": event.claim.by if event.claim else None,
        "claim_kind": event.claim.kind if event.claim else None,
        "acled_event_type": acled.get("event_type"),
        "acled_sub_event_type": acled.get("sub_event_type"),
        "confidence": event.confidence,
        "cluster_id": None,
        "trigger_text": event.trigger.text,
        "evidence": evidence,
        "actor_search": "\n".join(w for w in actor_words if w).casefold(),
        "text_search": "\n".join(w for w in (event.trigger.text, evidence) if w).casefold(),
        "record": _dump(record),
    }


def record_of(record_text: str, cluster_id: str | None) -> dict[str, Any]:
    """The stored spec record with its current cluster id."""
    record: dict[str, Any] = json.loads(record_text)
    record["cluster_id"] = cluster_id
    return record


def document_json(doc: dict[str, Any], event_records: list[dict[str, Any]]) -> dict[str, Any]:
    """The spec §1 line of a stored document (``Document.to_json()`` shape)."""
    record: dict[str, Any] = {
        "doc_id": doc["doc_id"],
        "text": doc["raw"],
        "lang": doc["lang"] or "ur",
        "pub_date": doc["pub_date"].isoformat() if doc["pub_date"] is not None else None,
        "source": doc["source"],
        "url": doc["url"],
        "events": event_records,
    }
    extra: dict[str, Any] = json.loads(doc["extra"] or "{}")
    story_id = extra.pop("story_id", None)
    if story_id is not None:
        record["story_id"] = story_id
    for key, value in extra.items():
        record.setdefault(key, value)
    return record
