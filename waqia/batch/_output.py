"""The files a run writes, how they are named, and how they are written so that a crash leaves no half file.

Per partition ``NNNNN`` (zero-padded, in input order)::

    events-NNNNN.parquet   one row per event: the spec record flattened, plus the record as JSON
    docs-NNNNN.jsonl.gz    the coded documents, one spec §1 JSON line each
    errors-NNNNN.jsonl     one line per input or document that was not coded
    part-NNNNN.json        the marker, written last: counts, input fingerprint, file checksums

Every file is written to a temporary name in the same folder and renamed into place, so a reader
(or a rerun) sees either the whole file or none. A partition is complete only when its marker exists
and the checksums it lists match the files.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from waqia.batch._partition import ErrorRecord
from waqia.document import Document
from waqia.record import Event

TEMP_SUFFIX = ".tmp"
MANIFEST = "manifest.json"
CLUSTERS = "clusters.parquet"
_KINDS = ("events", "docs", "errors", "part")
_SUFFIX = {"events": ".parquet", "docs": ".jsonl.gz", "errors": ".jsonl", "part": ".json"}


def partition_file(kind: str, number: int) -> str:
    """``events-00007.parquet`` and the like."""
    return f"{kind}-{number:05d}{_SUFFIX[kind]}"


def partition_number(name: str) -> tuple[str, int] | None:
    """The kind and number of a partition file's name, or None for any other file."""
    for kind in _KINDS:
        prefix, suffix = f"{kind}-", _SUFFIX[kind]
        if name.startswith(prefix) and name.endswith(suffix):
            digits = name[len(prefix) : -len(suffix)]
            if digits.isdigit():
                return kind, int(digits)
    return None


_STR = pa.string()
_INT = pa.int64()
_FLOAT = pa.float64()


def _actor_fields(role: str) -> list[pa.Field]:
    return [pa.field(f"{role}_{name}", _STR) for name in ("name", "country", "sector", "text")]


def _count_fields(what: str) -> list[pa.Field]:
    return [pa.field(f"{what}_{name}", _INT) for name in ("best", "low", "high")]


EVENT_SCHEMA = pa.schema(
    [
        pa.field("doc_id", _STR),
        pa.field("doc_index", _INT),  # position of the document in its partition
        pa.field("pub_date", _STR),
        pa.field("source", _STR),
        pa.field("event", _INT),  # position of the event in its document
        pa.field("type", _STR),
        pa.field("mode", _STR),
        pa.field("modality", _STR),
        pa.field("trigger_text", _STR),
        pa.field("trigger_start", _INT),
        pa.field("trigger_end", _INT),
        *_actor_fields("actor1"),
        *_actor_fields("actor2"),
        pa.field("location_name", _STR),
        pa.field("location_country", _STR),
        pa.field("location_admin1", _STR),
        pa.field("location_lat", _FLOAT),
        pa.field("location_lon", _FLOAT),
        pa.field("location_geo_precision", _INT),
        pa.field("location_text", _STR),
        pa.field("location_gazetteer_id", _STR),
        pa.field("date_value", _STR),
        pa.field("date_precision", _INT),
        *_count_fields("fatalities"),
        *_count_fields("injured"),
        pa.field("claim_by", _STR),
        pa.field("claim_kind", _STR),
        pa.field("acled_event_type", _STR),
        pa.field("acled_sub_event_type", _STR),
        pa.field("confidence", _FLOAT),
        pa.field("record", _STR),  # the whole spec §2 record as JSON: nothing is lost by flattening
    ]
)

CLUSTER_SCHEMA = pa.schema(
    [
        pa.field("partition", _INT),
        pa.field("doc_id", _STR),
        pa.field("doc_index", _INT),
        pa.field("event", _INT),
        pa.field("cluster_id", _STR),
    ]
)


def event_row(doc: Document, doc_index: int, index: int, event: Event) -> dict[str, Any]:
    """One Parquet row: the spec record's fields, flattened, with its document's keys."""
    record = event.to_json()
    row: dict[str, Any] = {
        "doc_id": doc.doc_id,
        "doc_index": doc_index,
        "pub_date": doc.pub_date,
        "source": doc.source,
        "event": index,
        "type": event.type,
        "mode": event.mode,
        "modality": event.modality,
        "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "record": json.dumps(record, ensure_ascii=False),
        "confidence": event.confidence,
    }
    for role in ("actor1", "actor2"):
        for name in ("name", "country", "sector", "text"):
            row[f"{role}_{name}"] = (record[role] or {}).get(name)
    for name in ("name", "country", "admin1", "lat", "lon", "geo_precision", "text", "gazetteer_id"):
        row[f"location_{name}"] = (record["location"] or {}).get(name)
    row["date_value"] = (record["date"] or {}).get("value")
    row["date_precision"] = (record["date"] or {}).get("precision")
    for what in ("fatalities", "injured"):
        for name in ("best", "low", "high"):
            row[f"{what}_{name}"] = (record[what] or {}).get(name)
    row["claim_by"] = (record["claim"] or {}).get("by")
    row["claim_kind"] = (record["claim"] or {}).get("kind")
    row["acled_event_type"] = (event.acled or {}).get("event_type")
    row["acled_sub_event_type"] = (event.acled or {}).get("sub_event_type")
    return row


def events_table(rows: Sequence[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=EVENT_SCHEMA)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path next to ``path``; renamed onto it only if the block ends without an error.

    The name is unique per writer, so two workers that code the same partition (a task retried
    after a worker was lost) never write into one temporary file.
    """
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}")
    try:
        yield temp
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def write_parquet(table: pa.Table, path: Path) -> None:
    with atomic_path(path) as temp:
        pq.write_table(table, temp, compression="zstd")


def write_bytes(data: bytes, path: Path) -> None:
    with atomic_path(path) as temp:
        temp.write_bytes(data)


def docs_bytes(docs: Sequence[Document]) -> bytes:
    """The documents as gzipped JSONL; no name or time in the gzip header, so equal runs give equal bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as packed:
        for doc in docs:
            packed.write((json.dumps(doc.to_json(), ensure_ascii=False) + "\n").encode("utf-8"))
    return buffer.getvalue()


def errors_bytes(errors: Sequence[ErrorRecord]) -> bytes:
    return "".join(json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in errors).encode("utf-8")


def write_json(data: dict[str, Any], path: Path) -> None:
    write_bytes((json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode(), path)


def read_json(path: Path) -> dict[str, Any] | None:
    """A JSON object from ``path``, or None when it is missing or unreadable (a marker from a crash)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
