#!/usr/bin/env python3
"""Build the derived normalisation tables in ``waqia/lang/ur/``.

    python scripts/build_lexicon.py [--data DIR] [--out DIR] [--max-words 60000] [--min-count 3]

Writes three tables (everything else in that folder is written by hand):

``presentation_forms.tsv``
    Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) → Urdu letters, from the Unicode
    compatibility decomposition (NFKC) of each form, then the one-to-one map ``char_map.tsv`` and the
    single-letter rows of ``compose.tsv``. Needs no data folder.
``words.tsv``
    The most frequent words of the Makhzan word-frequency list (MIT), each put through the
    normaliser's character rules (NFC first: Makhzan is decomposed), counts of words that become the
    same merged.
``joined_words.tsv``
    urduhack's ``WORDS_SPACE`` joined → spaced table (MIT, Copyright (c) 2018 Urdu Hack), without its
    known bad entries (value minus spaces ≠ key, reversed entries, no-ops) and without entries whose
    joined form is a frequent word or whose parts are not words.

The source files are read from the shared data folder (``--data``, default
``waqia._data.data_dir()``) and are never copied: only these derived tables are shipped. The
character rules come from the tables already in ``--out``'s package copy (``waqia/lang/ur``), so
run this after editing ``char_map.tsv``, ``compose.tsv``, ``marks.tsv`` or ``aspirates.tsv``.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from waqia._data import data_dir
from waqia.lang import load_table
from waqia.stages.normalize import _PROTECT_COUNT, NormalizationConfig, normalize_spelling

REPO = Path(__file__).resolve().parent.parent
LANGUAGE = "ur"
BUILD_COMMAND = "python scripts/build_lexicon.py"
# A joined form at least this frequent in Makhzan is a word or a chosen spelling: the normaliser's
# own threshold, so the two cannot drift apart.
PROTECT_COUNT = _PROTECT_COUNT

MAKHZAN_NOTICE = (
    "Makhzan word frequencies (github.com/zeerakahmed/makhzan, stats/wordFrequency,\n"
    "commit 194e5f3a8d4b9dce3e479f82edbbacad90689b64), MIT licence,\n"
    "Copyright (c) Maḵẖzan contributors (github.com/zeerakahmed/makhzan)."
)
URDUHACK_NOTICE = (
    "urduhack WORDS_SPACE (github.com/urduhack/urduhack, urduhack/tokenization/words.py,\n"
    "commit f7f0aa26ef516ce7907429dff0863577190beca7), MIT licence, Copyright (c) 2018 Urdu Hack."
)
MIT_TEXT = """\
MIT License
Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:
The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.
THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""

_SPELLING = NormalizationConfig(repair_joined_words=False)


def spell(text: str) -> str:
    """The normaliser's character rules, Arabic heh decided by rule (the word list is being built)."""
    return normalize_spelling(unicodedata.normalize("NFC", text), _SPELLING, use_lexicon=False)


def codepoints(text: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in text)


def write_table(path: Path, comment: str, header: Iterable[str], rows: Iterable[Iterable[str]]) -> int:
    lines = [f"# {line}".rstrip() for line in comment.strip("\n").split("\n")]
    lines.append("\t".join(header))
    count = 0
    for row in rows:
        cells = list(row)
        if any("\t" in c or "\n" in c for c in cells):
            raise ValueError(f"cell with a tab or newline in {cells!r}")
        lines.append("\t".join(cells))
        count += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


# ------------------------------------------------------------------------------ presentation forms


def presentation_form_rows() -> list[tuple[str, str, str, str]]:
    one_for_one = {
        char: replacement
        for char, replacement, _ in load_table(LANGUAGE, "char_map", ("char", "replacement", "comment")).rows
    }
    singles = {
        seq: composed
        for seq, composed, _ in load_table(LANGUAGE, "compose", ("sequence", "composed", "comment")).rows
        if len(seq) == 1
    }
    rows = []
    for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        form = chr(cp)
        name = unicodedata.name(form, "")
        decomposed = unicodedata.normalize("NFKC", form)
        if not name or decomposed == form:
            continue  # unassigned, or no decomposition (﷽, the tail fragment, the BOM)
        letters = decomposed.strip(" \u0640")
        if not letters:
            continue
        if all(unicodedata.category(c) == "Mn" for c in letters):
            kind = "mark"  # an isolated harakah (U+FE70…, U+FC5E…): a diacritic, spacing form
        elif " " in letters:
            continue  # ﷺ and ﷻ stand for whole phrases: left as the symbols they are
        elif 0xFDF0 <= cp <= 0xFDFC:
            kind = "word"  # ﷲ, the rial sign: one word in one character
        elif len(letters) == 1:
            kind = "letter"
        else:
            kind = "ligature"
        mapped = "".join(singles.get(c, one_for_one.get(c, c)) for c in letters)
        rows.append((codepoints(form), codepoints(mapped), kind, name))
    return rows


PRESENTATION_COMMENT = f"""\
Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) and what the normaliser writes for them.
Generated by `{BUILD_COMMAND}` from Unicode {unicodedata.unidata_version} (Python's unicodedata): the
NFKC decomposition of each form, then char_map.tsv and the one-letter rows of compose.tsv. So initial
and medial yeh (ﻳ ﻴ) become ی U+06CC, not ے, and lam-alef (ﻻ) becomes two letters لا.
Arabic heh forms (ﻩ ﻪ ﻫ ﻬ) stay Arabic heh U+0647 here: the normaliser then decides ہ or ھ from the
neighbouring letters and the word list (aspirates.tsv), since a medial heh can be either.
kind: letter, ligature (several letters), word (ﷲ, the rial sign), mark (an isolated harakah:
deleted with the diacritics, kept otherwise). ﷺ ﷻ (whole phrases) and forms without a
decomposition are not listed and are left as they are. Do not edit by hand."""


# ------------------------------------------------------------------------------ words


def word_counts(makhzan: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    with makhzan.open(encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != ["word", "count"]:
            raise SystemExit(f"{makhzan}: unexpected header {header}")
        for line in f:
            word, count = line.rstrip("\n").split("\t")
            spelt = spell(word)
            # words with a ZWNJ (میں‌نے) become two and are left out: crediting their pieces would
            # list scraps such as ئے from ہو‌ئے
            if spelt and all(_is_letter(c) for c in spelt):
                counts[spelt] += int(count)
    return counts


def _is_letter(char: str) -> bool:
    return unicodedata.category(char) == "Lo" and "\u0600" <= char <= "\u06ff"


# ------------------------------------------------------------------------------ joined words


def joined_rows(
    words_space: Path, counts: Counter[str], kept: set[str]
) -> tuple[list[tuple[str, str]], Counter[str]]:
    source = json.loads(words_space.read_text(encoding="utf-8"))
    function_words = set(load_table(LANGUAGE, "function_words", ("word", "classes")).column("word"))
    dropped: Counter[str] = Counter()
    rows: dict[str, str] = {}
    for key, value in source.items():
        key, value = key.strip(), " ".join(value.split())
        if " " in key:
            dropped["reversed or spaced key"] += 1
            continue
        if value.replace(" ", "") != key:
            dropped["value minus spaces is not the key"] += 1
            continue
        if " " not in value:
            dropped["no-op"] += 1
            continue
        joined, parts = spell(key), spell(value).split()
        if counts[joined] >= PROTECT_COUNT:
            dropped["joined form is a frequent word"] += 1
            continue
        if any(len(p) < 2 or (p not in kept and p not in function_words) for p in parts):
            dropped["a part is not a known word"] += 1
            continue
        rows[joined] = " ".join(parts)
    return sorted(rows.items()), dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=None, help="shared data folder (default: waqia's data_dir())"
    )
    parser.add_argument("--out", type=Path, default=REPO / "waqia" / "lang" / LANGUAGE)
    parser.add_argument("--max-words", type=int, default=60_000)
    parser.add_argument("--min-count", type=int, default=PROTECT_COUNT)
    args = parser.parse_args(argv)
    data = data_dir(args.data)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    n = write_table(
        out / "presentation_forms.tsv",
        PRESENTATION_COMMENT,
        ("form", "replacement", "kind", "name"),
        presentation_form_rows(),
    )
    print(f"presentation_forms.tsv: {n} rows")
    load_table.cache_clear()  # the character rules below must see the table just written

    counts = word_counts(data / "lexicon" / "makhzan" / "wordFrequency.tsv")
    ranked = [
        (w, c) for w, c in sorted(counts.items(), key=lambda wc: (-wc[1], wc[0])) if c >= args.min_count
    ]
    ranked = ranked[: args.max_words]
    comment = f"""\
The {len(ranked):,} most frequent words of Makhzan (about 6.3 million words of edited Urdu), with
their counts, each normalised by the character rules of waqia/stages/normalize.py (NFC first: the
source is decomposed) and counts of words that became the same merged; words seen fewer than
{args.min_count} times are left out. Used to choose ہ or ھ for Arabic heh, and by the joined-word
repair: a word listed here at least {PROTECT_COUNT} times is never split.
Generated by `{BUILD_COMMAND}` from {MAKHZAN_NOTICE.replace(chr(10), " ")}
{MIT_TEXT}"""
    n = write_table(out / "words.tsv", comment, ("word", "count"), ((w, str(c)) for w, c in ranked))
    print(f"words.tsv: {n} words, {(out / 'words.tsv').stat().st_size:,} bytes")

    rows, dropped = joined_rows(
        data / "lexicon" / "urduhack" / "words_space.json", counts, {w for w, _ in ranked}
    )
    comment = f"""\
Words run together by a missing space → the words (joined → split), for the joined-word repair.
Derived from {URDUHACK_NOTICE.replace(chr(10), " ")}
Generated by `{BUILD_COMMAND}`: entries normalised like words.tsv; left out are entries whose
value minus spaces is not the key, reversed and no-op entries, entries whose joined form is a
frequent word in words.tsv (ہوگا, پرامن) and entries with a part that is not a word.
{MIT_TEXT}"""
    n = write_table(out / "joined_words.tsv", comment, ("joined", "split"), rows)
    print(f"joined_words.tsv: {n} entries; left out: {dict(dropped)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
