"""The run's clustering pass (from the Parquet columns) gives the ids in-memory `cluster_events` gives."""

from __future__ import annotations

import random
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from waqia.batch import CLUSTERS, cluster_run
from waqia.batch._output import event_row, events_table, partition_file, write_parquet
from waqia.cluster import cluster_events
from waqia.document import Document
from waqia.record import Actor, Count, DateRef, Event, Place, TextSpan

PLACES = [
    Place("کوئٹہ", 0, 5, "Quetta", "PAK", "Balochistan", 30.18, 67.0, 1, "g:1"),
    Place("کچلاک", 9, 14, "Kuchlak", "PAK", "Balochistan", 30.4, 66.97, 1, "g:2"),  # 25 km from Quetta
    Place("پشاور", 0, 5, "Peshawar", "PAK", "Khyber Pakhtunkhwa", 34.0, 71.5, 1, "g:3"),
    Place("بلوچستان", 0, 8, "Balochistan", "PAK", "Balochistan", 28.5, 65.0, 3, "g:4"),
    Place("کابل", 0, 4, "Kabul", "AFG", "Kabul", 34.5, 69.2, 1, "g:5"),
    None,
]
ACTORS = [
    None,
    Actor("پولیس", 0, 5, "police", "PAK", "COP"),
    Actor("طالبان", 0, 6, "Tehrik-i-Taliban Pakistan", "PAK", "REB"),
    Actor("اقوام متحدہ", 0, 11, "United Nations", "UNO", None),
]


def random_documents(seed: int, count: int) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for k in range(count):
        doc = Document(
            raw="متن", doc_id=f"d{k:03d}", pub_date=rng.choice([None, f"2024-03-{rng.randint(1, 20):02d}"])
        )
        for _ in range(rng.randint(0, 3)):
            killed = rng.choice([None, 1, 2, 7])
            day = rng.choice([None, f"2024-03-{rng.randint(1, 20):02d}"])
            doc.events.append(
                Event(
                    type=rng.choice(["ASSAULT", "ASSAULT", "COERCE"]),
                    trigger=TextSpan(rng.choice(["حملہ", "دھماکہ"]), 0, 4),
                    mode=rng.choice([None, "explosives"]),
                    modality=rng.choice(["asserted", "asserted", "reported_future"]),
                    location=rng.choice(PLACES),
                    actor1=rng.choice(ACTORS),
                    actor2=rng.choice(ACTORS),
                    date=DateRef(None, value=day, precision=1) if day else None,
                    fatalities=Count(str(killed), best=killed) if killed else None,
                )
            )
        docs.append(doc)
    return docs


def write_partitions(out: Path, docs: list[Document], size: int) -> list[tuple[int, int]]:
    parts = []
    for number, start in enumerate(range(0, len(docs), size)):
        chunk = docs[start : start + size]
        rows = [
            event_row(doc, i, e, event) for i, doc in enumerate(chunk) for e, event in enumerate(doc.events)
        ]
        write_parquet(events_table(rows), out / partition_file("events", number))
        parts.append((number, len(chunk)))
    return parts


@pytest.mark.parametrize("seed", range(12))
def test_the_run_clusters_as_cluster_events_does(tmp_path: Path, seed: int) -> None:
    docs = random_documents(seed, 40 + 7 * seed)
    parts = write_partitions(tmp_path, docs, size=1 + seed)
    window, max_block = (3, 200) if seed % 2 else (2, 6)  # odd seeds: small blocks, split by province
    result = cluster_run(tmp_path, parts, window_days=window, max_block=max_block)
    cluster_events(docs, window_days=window, max_block=max_block)
    expected = [(doc.doc_id, e, event.cluster_id) for doc in docs for e, event in enumerate(doc.events)]
    table = pq.read_table(tmp_path / CLUSTERS).to_pydict()
    assert list(zip(table["doc_id"], table["event"], table["cluster_id"], strict=True)) == expected
    assert result.events == len(expected)
    assert result.clusters == len({c for *_, c in expected})
