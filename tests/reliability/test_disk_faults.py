"""A full disk or an unwritable place under `waqia ingest --db` and `waqia run --out`: the command
stops with an error, the store stays sound (integrity check, every document whole), no partial file
is left visible, and a rerun with room completes and equals a clean run.

A full disk is simulated portably with a file-size limit (``RLIMIT_FSIZE``, set in the child before
it starts; Python ignores SIGXFSZ, so writes fail with EFBIG); as root, where mounting works, also
with a real small tmpfs (ENOSPC), grown afterwards for the rerun. A read-only folder needs a process
that permissions apply to: as root the command runs under ``setpriv`` without CAP_DAC_OVERRIDE.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fault_helpers import (
    WAQIA,
    assert_same_outputs,
    assert_whole_files,
    snapshot,
    store_problems,
    stored_documents,
    visible_files,
)
from sample_corpus import write_corpus

from waqia import load
from waqia.batch import MANIFEST, run_batch
from waqia.pipeline import Pipeline
from waqia.store import ingest, open_store

PARTITION_SIZE = 3
CITIES = ["مردان", "سکھر", "چمن", "ایبٹ آباد"]
REPORT = "{city} میں پولیس نے ناکے پر {k} مشتبہ افراد کو حراست میں لے لیا۔"
# The last partition holds long garbled feeds (the report's words in a random order), which gzip
# cannot shrink much: its files are the largest, so a file-size limit can fall between partitions.
GARBLE_WORDS = 9000


def run_args(source: Path, out: Path) -> list[str]:
    return ["run", str(source), "--out", str(out), "--partition-size", str(PARTITION_SIZE), "--no-progress"]


def waqia(
    args: list[str], *, file_size_limit: int | None = None, unprivileged: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run a waqia command; optionally under a file-size limit, or (as root) without the capability
    that lets root write anywhere."""

    def limit() -> None:
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    prefix: list[str] = []
    if unprivileged and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("root without setpriv (util-linux) writes into read-only folders")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
    return subprocess.run(
        [*prefix, *WAQIA, *args], capture_output=True, text=True, timeout=300, preexec_fn=limit, check=False
    )


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return load()


# ------------------------------------------------------------------------------------ the store


@pytest.fixture(scope="module")
def corpus(
    tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline
) -> tuple[Path, list[tuple[Any, ...]]]:
    folder = tmp_path_factory.mktemp("disk-ingest") / "corpus"
    total = write_corpus(folder, copies=10)
    with open_store(folder.parent / "clean.db") as clean:
        ingest(clean, [folder], make_pipeline=lambda: pipeline)
        assert clean.count_documents() == total
        return folder, snapshot(clean)


def _empty_store(path: Path) -> int:
    """Create the store (schema only) and return the size of its file."""
    open_store(path).close()
    return path.stat().st_size


def _resume_equals_clean(db: Path, folder: Path, clean: list[tuple[Any, ...]], pipeline: Pipeline) -> None:
    with open_store(db) as store:
        report = ingest(store, [folder], make_pipeline=lambda: pipeline)
        assert report.ok
        assert snapshot(store) == clean
    assert not store_problems(str(db))


@pytest.fixture(scope="module")
def full_disk_ingest(
    tmp_path_factory: pytest.TempPathFactory, corpus: tuple[Path, list[tuple[Any, ...]]]
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """`waqia ingest` under a file-size limit that the write-ahead log reaches after a few batches."""
    folder, _clean = corpus
    db = tmp_path_factory.mktemp("full-disk") / "waqia.db"
    room = _empty_store(db) + 150_000
    args = ["ingest", str(folder), "--db", str(db), "--batch-size", "2", "--no-progress"]
    return db, waqia(args, file_size_limit=room)


def test_ingest_onto_a_full_disk_keeps_the_store_sound_and_resumes(
    full_disk_ingest: tuple[Path, subprocess.CompletedProcess[str]],
    corpus: tuple[Path, list[tuple[Any, ...]]],
    pipeline: Pipeline,
) -> None:
    folder, clean = corpus
    db, result = full_disk_ingest
    assert result.returncode == 1
    assert "File too large" in result.stderr or "disk I/O error" in result.stderr
    stored = stored_documents(str(db))
    assert 0 < stored < len(clean), "the limit must stop the run midway"
    assert not store_problems(str(db))
    _resume_equals_clean(db, folder, clean, pipeline)


@pytest.mark.parametrize("fault", ["full disk", "read-only store"])
def test_ingest_store_write_errors_are_one_clear_line(
    tmp_path: Path,
    corpus: tuple[Path, list[tuple[Any, ...]]],
    full_disk_ingest: tuple[Path, subprocess.CompletedProcess[str]],
    fault: str,
) -> None:
    if fault == "full disk":
        db, result = full_disk_ingest
    else:
        db = tmp_path / "waqia.db"
        _empty_store(db)
        db.chmod(0o444)
        result = waqia(["ingest", str(corpus[0]), "--db", str(db), "--no-progress"], unprivileged=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "INSERT" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"waqia: cannot write to the store sqlite:///{db}"), line
    assert "rerunning the same command resumes" in line


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 400 KiB tmpfs (root only, where mounting is allowed); ``grow`` gives it room afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; the file-size-limit tests cover this case")
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=400k,mode=0755", "waqia-fault", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, check=False)


def grow(mount: Path) -> None:
    subprocess.run(["mount", "-o", "remount,size=64m", str(mount)], check=True, capture_output=True)


@pytest.mark.slow
def test_ingest_onto_a_really_full_disk_keeps_the_store_sound_and_resumes(
    small_disk: Path, corpus: tuple[Path, list[tuple[Any, ...]]], pipeline: Pipeline
) -> None:
    folder, clean = corpus
    db = small_disk / "waqia.db"
    result = waqia(["ingest", str(folder), "--db", str(db), "--batch-size", "2", "--no-progress"])
    assert result.returncode == 1
    assert "database or disk is full" in result.stderr and "Traceback" not in result.stderr
    assert 0 < stored_documents(str(db)) < len(clean)
    assert not store_problems(str(db))
    grow(small_disk)
    _resume_equals_clean(db, folder, clean, pipeline)


# --------------------------------------------------------------------------------- batch output


def write_reports(path: Path, count: int, garbled_from: int) -> Path:
    rng = random.Random(5)
    vocabulary = sorted(set(" ".join([*CITIES, REPORT.format(city="", k="")]).split())) + list("0123456789")
    lines = []
    for k in range(count):
        text = REPORT.format(city=CITIES[k % len(CITIES)], k=k + 2)
        if k >= garbled_from:
            words = [rng.choice(vocabulary) for _ in range(GARBLE_WORDS)]
            text = " ".join(" ".join(words[i : i + 12]) + "۔" for i in range(0, len(words), 12))
        line = {"doc_id": f"f{k:03d}", "text": text, "pub_date": "2024-06-03"}
        lines.append(json.dumps(line, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Fifteen reports (five partitions, the last one garbled) and a clean run's output folder."""
    folder = tmp_path_factory.mktemp("disk-run")
    source = write_reports(folder / "reports.jsonl", 15, garbled_from=12)
    run_batch([source], folder / "clean", partition_size=PARTITION_SIZE)
    return source, folder / "clean"


def test_run_hitting_a_file_size_limit_leaves_whole_files_and_resumes(
    tmp_path: Path, reports: tuple[Path, Path]
) -> None:
    source, clean = reports
    early = [p.stat().st_size for p in clean.iterdir() if p.name.split("-")[-1][:5] in ("00000", "00001")]
    late = [p.stat().st_size for p in clean.iterdir() if p.name.split("-")[-1][:5] == "00004"]
    room = max(early) + 1024
    assert max(late) > room, "the last partition must not fit"
    out = tmp_path / "out"
    result = waqia(run_args(source, out), file_size_limit=room)
    assert result.returncode == 1
    assert "File too large" in result.stderr and "Traceback" not in result.stderr
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left
    assert_whole_files(out)
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["status"] == "running"
    assert "part-00000.json" in visible_files(out)

    resumed = run_batch([source], out, partition_size=PARTITION_SIZE)
    assert resumed.reused >= 1
    assert_same_outputs(clean, out)


@pytest.mark.slow
def test_run_onto_a_really_full_disk_leaves_whole_files_and_resumes(
    small_disk: Path, reports: tuple[Path, Path]
) -> None:
    source, clean = reports
    ballast = small_disk / "ballast"
    ballast.write_bytes(b"\0" * (400 * 1024 - 60_000))  # leave room for the first partitions only
    out = small_disk / "out"
    result = waqia(run_args(source, out))
    assert result.returncode == 1
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert_whole_files(out)
    grow(small_disk)
    run_batch([source], out, partition_size=PARTITION_SIZE)
    assert_same_outputs(clean, out)


@pytest.mark.parametrize("where", ["a read-only folder", "a new folder in a read-only one", "a file"])
def test_run_into_an_unwritable_place_is_a_clear_error(
    tmp_path: Path, reports: tuple[Path, Path], where: str
) -> None:
    source, _clean = reports
    locked = tmp_path / "locked"
    locked.mkdir()
    target = {"a read-only folder": locked, "a new folder in a read-only one": locked / "out"}.get(
        where, source / "out"
    )
    locked.chmod(0o555)
    try:
        result = waqia(run_args(source, target), unprivileged=True)
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    expected = "Not a directory" if where == "a file" else "Permission denied"
    assert result.stderr.startswith("Error: ") and expected in result.stderr, result.stderr
    assert list(locked.iterdir()) == []
