"""Language knowledge as data: one folder per language, TSV tables with a declared schema.

Every table is a UTF-8 TSV file under ``waqia/lang/<code>/``: ``#`` lines are comments, the first
other line is the header, and the loader checks the header against the columns the caller expects,
so a misspelt or reordered column fails loudly at load time rather than silently at match time.

Invisible or confusable characters (ZWNJ, combining marks, presentation forms) are written in cells
as ``U+XXXX`` code points separated by spaces, e.g. ``U+0627 U+0653``; :func:`decode_cell` turns
such a cell into text. A second language is a new folder with the same table names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from waqia._errors import DataError

_CODEPOINTS = re.compile(r"^(U\+[0-9A-Fa-f]{4,6})( U\+[0-9A-Fa-f]{4,6})*$")


def decode_cell(cell: str) -> str:
    """``"U+0627 U+0653"`` → the two characters; any other cell is returned as written."""
    if _CODEPOINTS.match(cell):
        return "".join(chr(int(cp[2:], 16)) for cp in cell.split())
    return cell


@dataclass(frozen=True)
class Table:
    """A loaded table: its column names and rows (each a tuple of decoded cells)."""

    language: str
    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def column(self, name: str) -> list[str]:
        i = self.columns.index(name)
        return [row[i] for row in self.rows]

    def as_dicts(self) -> list[dict[str, str]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def available_languages() -> list[str]:
    root = resources.files(__package__)
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))


@lru_cache(maxsize=64)
def load_table(language: str, name: str, columns: Sequence[str] | None = None) -> Table:
    """Load ``waqia/lang/<language>/<name>.tsv`` and check its header against ``columns``.

    Cached: tables are immutable, so every pipeline in the process shares one copy.
    """
    path = resources.files(__package__).joinpath(language, f"{name}.tsv")
    if not path.is_file():
        raise DataError(f"no table {name!r} for language {language!r} (looked for {path})")
    text = path.read_text(encoding="utf-8")
    header: tuple[str, ...] | None = None
    rows: list[tuple[str, ...]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = tuple(line.split("\t"))
        if header is None:
            header = cells
            if columns is not None and tuple(columns) != header:
                raise DataError(
                    f"{language}/{name}.tsv: header {list(header)} is not the expected {list(columns)}"
                )
            continue
        if len(cells) != len(header):
            raise DataError(
                f"{language}/{name}.tsv:{number}: {len(cells)} cells, the header has {len(header)}"
            )
        rows.append(tuple(decode_cell(c) for c in cells))
    if header is None:
        raise DataError(f"{language}/{name}.tsv has no header line")
    return Table(language, name, header, tuple(rows))
