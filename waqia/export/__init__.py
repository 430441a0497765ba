"""Exports from the event store: an ACLED-style table, PLOVER records, or waqia's own records, as
CSV, JSONL or Parquet.

    >>> from waqia.store import open_store, EventQuery
    >>> from waqia.export import write_export
    >>> with open_store("waqia.db", create=False) as store:              # doctest: +SKIP
    ...     write_export(store, "acled.csv", schema="acled", fmt="csv", query=EventQuery(countries=("PAK",)))

Schemas (``docs/store.md`` lists every column):

- ``acled``: one row per event ACLED would code (an ACLED view, spec §4); ``all_events`` adds the
  other events with empty ACLED types;
- ``plover``: one PLOVER record per event (JSONL keeps ``location`` and ``claim`` as objects; CSV and
  Parquet flatten them into ``location_*``/``claim_*`` columns);
- ``waqia``: JSONL is the spec §1 document line (``Document.to_json()``, events with their spans);
  CSV and Parquet are the flat event table (the store's event summary plus the evidence sentence).

CSV is UTF-8 without a byte-order mark, one header row, empty cells for nulls. Parquet (needs
pyarrow: ``pip install 'waqia[parquet]'``) has an explicit typed schema: dates as ``date32``, counts
and codes as ``int64``, coordinates and confidence as ``float64``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from waqia._errors import InputError
from waqia.export._acled import ACLED_COLUMNS, acled_row, country_info, disorder_type, inter_code, interaction
from waqia.export._plover import PLOVER_COLUMNS, WAQIA_COLUMNS, flat_plover, plover_record, waqia_row
from waqia.store import EventQuery, Store

SCHEMAS = ("acled", "plover", "waqia")
FORMATS = ("csv", "jsonl", "parquet")
_PARQUET_BATCH = 5000

Columns = tuple[tuple[str, str], ...]

__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "PLOVER_COLUMNS",
    "SCHEMAS",
    "WAQIA_COLUMNS",
    "acled_row",
    "country_info",
    "disorder_type",
    "export_rows",
    "inter_code",
    "interaction",
    "plover_record",
    "write_export",
]


def export_rows(
    store: Store,
    schema: str,
    fmt: str,
    query: EventQuery | None = None,
    *,
    all_events: bool = False,
) -> tuple[Columns | None, Iterator[dict[str, Any]]]:
    """The columns (None for nested JSON records) and rows of an export, streamed from the store."""
    if schema not in SCHEMAS:
        raise InputError("schema", f"must be one of {', '.join(SCHEMAS)}, got {schema!r}")
    if fmt not in FORMATS:
        raise InputError("format", f"must be one of {', '.join(FORMATS)}, got {fmt!r}")
    flat = fmt != "jsonl"
    if schema == "acled":
        items = store.iter_events(query)
        rows = (acled_row(i) for i in items if all_events or i["acled_event_type"] is not None)
        return ACLED_COLUMNS, rows
    if schema == "plover":
        records = (plover_record(i) for i in store.iter_events(query))
        if flat:
            return PLOVER_COLUMNS, (flat_plover(r) for r in records)
        return None, records
    if flat:
        return WAQIA_COLUMNS, (waqia_row(i) for i in store.iter_events(query))
    return None, store.iter_documents(query)


def write_export(
    store: Store,
    out: str | Path | IO[bytes],
    *,
    schema: str,
    fmt: str,
    query: EventQuery | None = None,
    all_events: bool = False,
) -> int:
    """Write an export to a file (written whole or not at all) or a binary stream; return the rows."""
    columns, rows = export_rows(store, schema, fmt, query, all_events=all_events)
    if fmt == "parquet":
        _require_pyarrow()
    if isinstance(out, str | Path):
        target = Path(out)
        partial = target.with_name(target.name + ".partial")
        try:
            with partial.open("wb") as handle:
                count = _write(rows, columns, fmt, handle)
            partial.replace(target)  # readers never see half a file
        finally:
            partial.unlink(missing_ok=True)
        return count
    return _write(rows, columns, fmt, out)


def _write(rows: Iterator[dict[str, Any]], columns: Columns | None, fmt: str, handle: IO[bytes]) -> int:
    if fmt == "parquet":
        assert columns is not None
        return _write_parquet(rows, columns, handle)
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    try:
        if fmt == "jsonl":
            count = _write_jsonl(rows, text)
        else:
            assert columns is not None
            count = _write_csv(rows, columns, text)
        text.flush()
    finally:
        text.detach()  # the caller owns the stream
    return count


def _write_jsonl(rows: Iterable[dict[str, Any]], text: IO[str]) -> int:
    count = 0
    for row in rows:
        text.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _write_csv(rows: Iterable[dict[str, Any]], columns: Columns, text: IO[str]) -> int:
    names = [name for name, _ in columns]
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(names)
    count = 0
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in names])
        count += 1
    return count


def _require_pyarrow() -> None:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError as error:
        raise ModuleNotFoundError(
            "Parquet export needs pyarrow: pip install 'waqia[parquet]'", name="pyarrow"
        ) from error


def _write_parquet(rows: Iterator[dict[str, Any]], columns: Columns, handle: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32()}
    schema = pa.schema([pa.field(name, kinds[kind]) for name, kind in columns])
    dates = [name for name, kind in columns if kind == "date"]
    count = 0
    with pq.ParquetWriter(handle, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            for name in dates:
                if row.get(name) is not None:
                    row[name] = dt.date.fromisoformat(row[name])
            batch.append(row)
            if len(batch) == _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
