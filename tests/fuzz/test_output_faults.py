"""Faults on the output side: a full disk, a file-size limit, a folder that cannot be written.
Each gives one clear message and a non-zero exit, and never leaves a corrupt or partial file."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
WAQIA = [sys.executable, "-m", "waqia.cli"]


def _run(args: list[str], *, file_size_limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        [*WAQIA, *args], capture_output=True, text=True, timeout=120, preexec_fn=limit, check=False
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk_is_a_clear_error() -> None:
    result = _run(["extract", str(SAMPLES), "-o", "/dev/full"])
    assert result.returncode != 0
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    assert Path("/dev/full").is_char_device()  # written to, never replaced


def test_hitting_a_file_size_limit_leaves_the_old_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    out.write_text("previous run\n", encoding="utf-8")
    result = _run(["extract", str(SAMPLES), "-o", str(out)], file_size_limit=2_000)
    assert result.returncode != 0
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == "previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl"]  # no partial file left


def test_an_output_folder_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("x", encoding="utf-8")
    result = _run(["extract", str(SAMPLES), "-o", str(tmp_path / "report.txt" / "events.jsonl")])
    assert result.returncode != 0
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_a_read_only_folder(tmp_path: Path) -> None:
    prefix: list[str] = []
    if os.geteuid() == 0:  # root writes anywhere unless it gives up the capabilities that allow it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("root without setpriv (util-linux) writes into read-only folders")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = subprocess.run(
            [*prefix, *WAQIA, "extract", str(SAMPLES), "-o", str(folder / "events.jsonl")],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        folder.chmod(0o755)
    assert result.returncode != 0
    assert "Permission denied" in result.stderr and "Traceback" not in result.stderr
    assert list(folder.iterdir()) == []
