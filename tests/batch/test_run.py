"""`run_batch` with the local engine: the files it writes, the errors file, resuming after a crash."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from waqia.batch import EVENT_SCHEMA, MANIFEST, PartitionSummary, run_batch
from waqia.document import Document

WriteReports = Callable[[Path, int], Path]


def coded_files(out: Path) -> dict[str, bytes]:
    """Every coded output file of a run (not the manifest, which also says how the run went)."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name != MANIFEST}


def docs_of(out: Path) -> list[Document]:
    docs: list[Document] = []
    for path in sorted(out.glob("docs-*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            docs.extend(Document.from_json(json.loads(line)) for line in lines)
    return docs


def test_a_run_writes_partitions_a_manifest_and_clusters(tmp_path: Path, write_reports: WriteReports) -> None:
    source = write_reports(tmp_path / "in.jsonl", 10)
    out = tmp_path / "out"
    summary = run_batch([source], out, partition_size=4)
    assert summary.documents == summary.coded == 10
    assert [p.documents for p in summary.partitions] == [4, 4, 2]
    names = {p.name for p in out.iterdir()}
    for n in range(3):
        assert {f"events-{n:05d}.parquet", f"docs-{n:05d}.jsonl.gz", f"errors-{n:05d}.jsonl"} <= names
        assert f"part-{n:05d}.json" in names
    assert {"manifest.json", "clusters.parquet"} <= names
    table = pq.read_table(out / "events-00000.parquet")
    assert table.schema.equals(EVENT_SCHEMA)
    assert table.num_rows == summary.partitions[0].events > 0
    row = table.slice(0, 1).to_pylist()[0]
    record = json.loads(row["record"])
    assert (row["type"], row["trigger_text"], row["trigger_start"]) == (
        record["type"],
        record["trigger"]["text"],
        record["trigger"]["start"],
    )
    assert row["location_name"] == (record["location"] or {}).get("name")
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["status"] == "complete"
    assert manifest["totals"]["events"] == summary.events
    assert [p["checksum"] for p in manifest["partitions"]] == [p.checksum for p in summary.partitions]
    assert [d.doc_id for d in docs_of(out)] == [f"r{k:04d}" for k in range(10)]


def test_broken_inputs_are_listed_in_the_errors_file(tmp_path: Path, write_reports: WriteReports) -> None:
    source = write_reports(tmp_path / "in.jsonl", 3)
    english = {
        "doc_id": "english",
        "text": "The committee met on Tuesday to discuss the budget.",
        "lang": "en",
    }
    with source.open("a", encoding="utf-8") as handle:
        handle.write("{broken line\n")
        handle.write(json.dumps(english) + "\n")
    out = tmp_path / "out"
    summary = run_batch([source], out, partition_size=10, cluster=False)
    assert (summary.documents, summary.coded, summary.errors) == (4, 3, 2)
    errors = [json.loads(line) for line in (out / "errors-00000.jsonl").read_text().splitlines()]
    assert errors[0] == {
        "source": f"{source}:4",
        "doc_id": None,
        "stage": "read",
        "message": errors[0]["message"],
    }
    assert errors[0]["message"].startswith("not JSON")
    assert errors[1]["source"] == f"{source}:5"
    assert (errors[1]["doc_id"], errors[1]["stage"]) == ("english", "language")
    assert "not Urdu" in errors[1]["message"]
    assert not (out / "clusters.parquet").exists()


def test_a_rerun_codes_only_what_a_crash_left_undone(tmp_path: Path, write_reports: WriteReports) -> None:
    source = write_reports(tmp_path / "in.jsonl", 12)
    clean, out = tmp_path / "clean", tmp_path / "out"
    run_batch([source], clean, partition_size=3)
    run_batch([source], out, partition_size=3)
    # the crash: one partition lost its marker, one has a damaged file, a writer left a temporary file
    (out / "part-00001.json").unlink()
    (out / "events-00002.parquet").write_bytes(b"half a file")
    (out / ".docs-00003.jsonl.gz.0123456789ab.tmp").write_bytes(b"partial")
    coded: list[int] = []

    def record(part: PartitionSummary) -> None:
        if not part.reused:
            coded.append(part.number)

    summary = run_batch([source], out, partition_size=3, progress=record)
    assert sorted(coded) == [1, 2]
    assert summary.reused == 2
    assert coded_files(out) == coded_files(clean)


def test_a_changed_input_is_coded_again_and_stale_partitions_go(
    tmp_path: Path, write_reports: WriteReports
) -> None:
    out = tmp_path / "out"
    run_batch([write_reports(tmp_path / "in.jsonl", 9)], out, partition_size=3)
    summary = run_batch([write_reports(tmp_path / "in.jsonl", 4)], out, partition_size=3)
    assert [(p.number, p.reused) for p in summary.partitions] == [(0, True), (1, False)]
    assert not (out / "events-00002.parquet").exists()
    assert [d.doc_id for d in docs_of(out)] == ["r0000", "r0001", "r0002", "r0003"]


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="engine"):
        run_batch([], tmp_path, engine="spark")
    with pytest.raises(ValueError, match="partition_size"):
        run_batch([], tmp_path, partition_size=0)
