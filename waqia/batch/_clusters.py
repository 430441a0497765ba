"""The cross-document pass of a run: cluster every event of every partition, write ``clusters.parquet``.

It runs in the client after all partitions are coded, reading only the columns clustering needs
from the events files in partition order, so it sees the events in the order
:func:`waqia.cluster_events` would see the whole batch, and gives the same cluster ids. The
partition files keep ``cluster_id`` null: a cluster is a fact about the whole run, and keeping it in
one file of its own means a partition never has to be rewritten once it is complete.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from waqia.batch._output import CLUSTER_SCHEMA, CLUSTERS, partition_file, write_parquet
from waqia.cluster import ClusterItem, cluster_items, make_item
from waqia.record import Actor, Place

_COLUMNS = [
    "doc_id",
    "doc_index",
    "pub_date",
    "event",
    "type",
    "mode",
    "modality",
    "trigger_text",
    "location_text",
    "location_name",
    "location_country",
    "location_admin1",
    "location_lat",
    "location_lon",
    "location_geo_precision",
    "actor1_name",
    "actor1_country",
    "actor1_sector",
    "actor2_name",
    "actor2_country",
    "actor2_sector",
    "fatalities_best",
    "date_value",
]


_PLACE_FIELDS = ("text", "name", "country", "admin1", "lat", "lon", "geo_precision")


@dataclass
class ClusterResult:
    events: int
    clusters: int  # distinct cluster ids
    shared: int  # clusters that hold events of more than one document


class _Interned:
    """One object per distinct place, actor and string: a million events name a few thousand places."""

    def __init__(self) -> None:
        self.places: dict[tuple[Any, ...], Place] = {}
        self.actors: dict[tuple[Any, ...], Actor] = {}
        self.strings: dict[str, str] = {}

    def text(self, value: str | None) -> str | None:
        return None if value is None else self.strings.setdefault(value, value)

    def place(self, key: tuple[Any, ...]) -> Place | None:
        # every field null reads as no place: the extractor never writes a place without its words
        if all(v is None for v in key):
            return None
        found = self.places.get(key)
        if found is None:
            text, name, country, admin1, lat, lon, precision = key
            found = Place(text, None, None, name, country, admin1, lat, lon, precision)
            self.places[key] = found
        return found

    def actor(self, key: tuple[Any, ...]) -> Actor | None:
        if all(v is None for v in key):
            return None
        found = self.actors.get(key)
        if found is None:
            found = Actor(None, None, None, *key)
            self.actors[key] = found
        return found


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    table = pq.read_table(path, columns=_COLUMNS)
    columns = {name: table.column(name).to_pylist() for name in _COLUMNS}
    for k in range(table.num_rows):
        yield {name: values[k] for name, values in columns.items()}


def read_items(
    out_dir: Path, partitions: Sequence[tuple[int, int]]
) -> tuple[list[ClusterItem], list[tuple[int, int]]]:
    """The cluster items of every event in ``partitions`` ((number, documents) pairs, in order),
    and the partition and document position of each."""
    interned = _Interned()
    items: list[ClusterItem] = []
    where: list[tuple[int, int]] = []
    first_doc = 0  # documents are numbered across the run, so two partitions never share one
    for number, documents in partitions:
        for row in _rows(out_dir / partition_file("events", number)):
            location = interned.place(tuple(row[f"location_{n}"] for n in _PLACE_FIELDS))
            items.append(
                make_item(
                    first_doc + row["doc_index"],
                    row["event"],
                    row["doc_id"],
                    type=interned.text(row["type"]) or "",
                    mode=interned.text(row["mode"]),
                    modality=interned.text(row["modality"]) or "asserted",
                    trigger=interned.text(row["trigger_text"]),
                    location=location,
                    actor1=interned.actor(tuple(row[f"actor1_{n}"] for n in ("name", "country", "sector"))),
                    actor2=interned.actor(tuple(row[f"actor2_{n}"] for n in ("name", "country", "sector"))),
                    killed=row["fatalities_best"],
                    date_value=row["date_value"],
                    pub_date=row["pub_date"],
                )
            )
            where.append((number, row["doc_index"]))
        first_doc += documents
    return items, where


def cluster_run(
    out_dir: Path, partitions: Sequence[tuple[int, int]], *, window_days: int = 3, max_block: int = 200
) -> ClusterResult:
    """Cluster the events of ``partitions`` and write ``clusters.parquet`` (atomically)."""
    items, where = read_items(out_dir, partitions)
    names = cluster_items(items, window_days=window_days, max_block=max_block)
    table = pa.Table.from_pydict(
        {
            "partition": [number for number, _ in where],
            "doc_id": [item.doc_id for item in items],
            "doc_index": [doc_index for _, doc_index in where],
            "event": [item.index for item in items],
            "cluster_id": names,
        },
        schema=CLUSTER_SCHEMA,
    )
    write_parquet(table, out_dir / CLUSTERS)
    first_document: dict[str, int] = {}  # a cluster's first document, or -1 once it has two
    for item, name in zip(items, names, strict=True):
        if first_document.setdefault(name, item.doc) != item.doc:
            first_document[name] = -1
    shared = sum(1 for doc in first_document.values() if doc == -1)
    return ClusterResult(len(items), len(first_document), shared)
