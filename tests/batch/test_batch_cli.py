"""`waqia run` on the command line: summary, exit codes, refused option combinations."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from waqia.cli import main

WriteReports = Callable[[Path, int], Path]


def test_run_reports_and_exits_1_when_an_input_failed(tmp_path: Path, write_reports: WriteReports) -> None:
    source = write_reports(tmp_path / "in.jsonl", 4)
    with source.open("a", encoding="utf-8") as handle:
        handle.write("{oops\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(source), "--out", str(out), "--partition-size", "2"])
    assert result.exit_code == 1
    assert "coded 4 of 4 document(s)" in result.output
    assert "1 error(s)" in result.output
    assert json.loads((out / "manifest.json").read_text())["totals"]["errors"] == 1


def test_a_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", "x.txt", "--out", str(tmp_path), "--scheduler", "tcp://h:8786"])
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.output


def test_bench_cluster_sizes_must_be_numbers() -> None:
    result = CliRunner().invoke(main, ["bench-cluster", "--sizes", "10k"])
    assert result.exit_code == 2
    assert "comma-separated whole numbers" in result.output
