"""A real crash: `waqia run` killed with SIGKILL halfway, then run again, codes every document once."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from waqia.batch import MANIFEST

WriteReports = Callable[[Path, int], Path]


def run_command(source: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "waqia.cli", "run", str(source), "--out", str(out), "--partition-size", "3"]


def test_a_killed_run_resumes_and_codes_every_document_exactly_once(
    tmp_path: Path, write_reports: WriteReports
) -> None:
    count, size = 120, 3
    source = write_reports(tmp_path / "in.jsonl", count)
    out = tmp_path / "out"
    first = subprocess.Popen(run_command(source, out), stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 180
    while len(list(out.glob("part-*.json"))) < 3 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    assert first.returncode == -signal.SIGKILL  # it was killed, not finished
    done_before = len(list(out.glob("part-*.json")))
    assert 3 <= done_before < count // size
    assert json.loads((out / MANIFEST).read_text())["status"] == "running"

    second = subprocess.run(run_command(source, out), capture_output=True, text=True, check=False)
    assert second.returncode == 0, second.stderr
    assert f"({done_before} complete from an earlier run)" in second.stderr
    doc_ids: list[str] = []
    for path in sorted(out.glob("docs-*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            doc_ids.extend(json.loads(line)["doc_id"] for line in lines)
    assert doc_ids == [f"r{k:04d}" for k in range(count)]  # each once, in input order
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["status"] == "complete"
    assert manifest["totals"]["coded"] == count
    assert not list(out.glob(".*.tmp"))
