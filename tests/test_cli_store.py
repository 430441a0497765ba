"""`waqia ingest` and `waqia export` from the command line: summaries, exit codes, outputs."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from waqia.cli import main
from waqia.export import ACLED_COLUMNS
from waqia.store import open_store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_ingest_then_again_then_export(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(SAMPLES), "--db", db])
    assert first.exit_code == 0, first.output
    with open_store(db) as store:
        n_events = store.count_events()
        n_clusters = store.query_clusters().total
    assert f"stored 6 new document(s) with {n_events} event(s); 0 already stored" in first.output
    assert f"{n_clusters} cluster(s)" in first.output

    again = runner.invoke(main, ["ingest", str(SAMPLES), "--db", db, "--no-progress"])
    assert again.exit_code == 0
    assert "stored 0 new document(s) with 0 event(s); 6 already stored" in again.output

    exported = runner.invoke(main, ["export", "--db", db, "--format", "csv", "--schema", "acled"])
    assert exported.exit_code == 0
    text = exported.stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and list(rows[0]) == [name for name, _ in ACLED_COLUMNS]
    assert all(r["event_type"] and r["country"] == "Pakistan" and r["iso"] == "586" for r in rows)
    assert f"exported {len(rows)} row(s) (acled, csv)" in exported.stderr

    out = tmp_path / "docs.jsonl"
    filtered = runner.invoke(
        main,
        ["export", "--db", db, "--schema", "waqia", "--format", "jsonl", "-o", str(out), "--type", "assault"],
    )
    assert filtered.exit_code == 0, filtered.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines and all(e["type"] == "ASSAULT" for line in lines for e in line["events"])

    parquet = tmp_path / "plover.parquet"
    result = runner.invoke(
        main, ["export", "--db", db, "--schema", "plover", "--format", "parquet", "-o", str(parquet)]
    )
    assert result.exit_code == 0
    assert parquet.read_bytes()[:4] == b"PAR1"


def test_ingest_reports_failed_inputs_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(
        main, ["ingest", str(SAMPLES / "quetta-grenade.txt"), str(tmp_path / "in"), "--db", db]
    )
    assert result.exit_code == 1
    assert "empty.txt: empty document (no text)" in result.stderr
    assert "stored 1 new document(s)" in result.stderr
    assert "1 input(s) failed" in result.stderr
    with open_store(db) as store:
        assert [f["message"] for f in store.query_failures().items] == ["empty document (no text)"]


def test_usage_and_store_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["export", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1
    assert "no such store (run `waqia ingest` first)" in missing.output
    assert not (tmp_path / "none.db").exists()
    db = str(tmp_path / "w.db")
    open_store(db).close()
    for args, message in [
        (["--format", "parquet"], "Parquet is binary"),
        (["--start", "2024-02-30"], "use YYYY-MM-DD"),
        (["--type", "BOMB"], "--type"),
        (["--country", "Pakistan"], "--country"),
        (["--bbox", "80", "0", "70", "10"], "--bbox"),
        (["--min-confidence", "2"], "--min-confidence"),
    ]:
        result = runner.invoke(main, ["export", "--db", db, *args])
        assert result.exit_code == 2, args
        assert message in result.output, args
    bad_url = runner.invoke(main, ["ingest", str(SAMPLES), "--db", "mysql://u@h/db"])
    assert bad_url.exit_code == 2
    assert "unsupported database 'mysql'" in bad_url.output
