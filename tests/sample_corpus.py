"""The project's own invented sample articles as a test corpus (importable from every test folder:
pytest puts ``tests/`` on the path for its conftest)."""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def write_corpus(folder: Path, copies: int) -> int:
    """The sample articles, ``copies`` times over, each copy made distinct by a last line; returns the
    number of files written."""
    folder.mkdir()
    n = 0
    for k in range(copies):
        for sample in sorted(SAMPLES.glob("*.txt")):
            text = sample.read_text(encoding="utf-8") + f"\n\nنمائندہ {k}"
            (folder / f"{k:03d}-{sample.name}").write_text(text, encoding="utf-8")
            n += 1
    return n
