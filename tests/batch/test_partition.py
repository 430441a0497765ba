"""Cutting the input into partitions: sizes, numbering, unreadable inputs, fingerprints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from waqia._io import ReadOptions
from waqia.batch import partitions

WriteReports = Callable[[Path, int], Path]


def test_partitions_hold_size_documents_in_input_order(tmp_path: Path, write_reports: WriteReports) -> None:
    source = write_reports(tmp_path / "in.jsonl", 7)
    parts = list(partitions([source], ReadOptions(), 3))
    assert [p.number for p in parts] == [0, 1, 2]
    assert [[d.doc_id for d in p.documents] for p in parts] == [
        ["r0000", "r0001", "r0002"],
        ["r0003", "r0004", "r0005"],
        ["r0006"],
    ]


def test_an_unreadable_line_rides_with_the_open_partition(
    tmp_path: Path, write_reports: WriteReports
) -> None:
    source = write_reports(tmp_path / "in.jsonl", 4)
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    source.write_text("".join([*lines[:2], "{not json\n", *lines[2:]]), encoding="utf-8")
    parts = list(partitions([source], ReadOptions(), 2))
    assert [len(p.documents) for p in parts] == [2, 2]
    assert parts[0].read_errors == []
    (error,) = parts[1].read_errors
    assert (error.source, error.doc_id, error.stage) == (f"{source}:3", None, "read")
    assert error.message.startswith("not JSON")


def test_trailing_errors_make_a_partition_of_their_own(tmp_path: Path, write_reports: WriteReports) -> None:
    source = write_reports(tmp_path / "in.jsonl", 2)
    parts = list(partitions([source, tmp_path / "missing.txt"], ReadOptions(), 2))
    assert len(parts) == 2
    assert parts[1].documents == []
    assert parts[1].read_errors[0].message == "no such file or folder"


def test_the_fingerprint_follows_the_content(tmp_path: Path, write_reports: WriteReports) -> None:
    source = write_reports(tmp_path / "in.jsonl", 2)
    first = next(partitions([source], ReadOptions(), 2)).digest()
    assert next(partitions([source], ReadOptions(), 2)).digest() == first
    assert next(partitions([source], ReadOptions(pub_date="2020-01-01"), 2)).digest() == first  # JSONL dated
    source.write_text(source.read_text(encoding="utf-8").replace("پولیس", "فوج"), encoding="utf-8")
    assert next(partitions([source], ReadOptions(), 2)).digest() != first
