"""Schema checks for the language tables in waqia/lang/ur.

Every table must load (a header, the same number of cells in every row). The normalisation tables
must also have the columns the normaliser reads and no key twice.
"""

from __future__ import annotations

import unicodedata
from importlib import resources

import pytest

from waqia.lang import load_table

LANGUAGE = "ur"

# table → (columns, the columns that together must be unique)
NORMALISATION_TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "presentation_forms": (("form", "replacement", "kind", "name"), ("form",)),
    "char_map": (("char", "replacement", "comment"), ("char",)),
    "compose": (("sequence", "composed", "comment"), ("sequence",)),
    "marks": (("first", "last", "comment"), ("first",)),
    "invisibles": (("first", "last", "action", "comment"), ("first",)),
    "aspirates": (("letter", "example"), ("letter",)),
    "function_words": (("word", "classes"), ("word",)),
    "number_suffixes": (("suffix", "comment"), ("suffix",)),
    "unsplittable": (("word", "comment"), ("word",)),
    "words": (("word", "count"), ("word",)),
    "joined_words": (("joined", "split"), ("joined",)),
    "bound_suffixes": (("suffix", "after", "comment"), ("suffix",)),
    # read by the segmenter
    "sentence_final": (("form", "kind"), ("form", "kind")),
    "abbreviations": (("abbreviation", "kind"), ("abbreviation",)),
    "datelines": (("word", "kind"), ("word", "kind")),
    "compound_names": (("word",), ("word",)),
}


def _all_tables() -> list[str]:
    folder = resources.files("waqia.lang").joinpath(LANGUAGE)
    return sorted(p.name[: -len(".tsv")] for p in folder.iterdir() if p.name.endswith(".tsv"))


def test_the_normalisation_tables_exist() -> None:
    assert set(NORMALISATION_TABLES) <= set(_all_tables())


@pytest.mark.parametrize("name", _all_tables())
def test_every_table_loads(name: str) -> None:
    table = load_table(LANGUAGE, name)
    assert table.columns and all(c for c in table.columns)
    assert all(len(row) == len(table.columns) for row in table.rows)


@pytest.mark.parametrize("name", sorted(NORMALISATION_TABLES))
def test_normalisation_table_schema(name: str) -> None:
    columns, key = NORMALISATION_TABLES[name]
    table = load_table(LANGUAGE, name, columns)  # raises DataError on another header
    assert table.rows, f"{name}.tsv is empty"
    indexes = [columns.index(k) for k in key]
    keys = [tuple(row[i] for i in indexes) for row in table.rows]
    duplicates = _dupes(keys)
    assert not duplicates, f"{name}.tsv repeats {duplicates[:5]}"
    assert all(all(k) for k in keys), f"{name}.tsv has an empty key"


def _dupes(keys: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for k in keys:
        if k in seen:
            out.append(k)
        seen.add(k)
    return out


def test_char_map_is_one_for_one() -> None:
    for char, replacement, _ in load_table(LANGUAGE, "char_map", NORMALISATION_TABLES["char_map"][0]).rows:
        assert len(char) == 1 and len(replacement) == 1, (char, replacement)


def test_ranges_are_ordered_and_disjoint() -> None:
    for name in ("marks", "invisibles"):
        rows = load_table(LANGUAGE, name, NORMALISATION_TABLES[name][0]).rows
        spans = sorted((ord(r[0]), ord(r[1])) for r in rows)
        assert all(a <= b for a, b in spans)
        assert all(spans[i][1] < spans[i + 1][0] for i in range(len(spans) - 1)), name
    actions = set(load_table(LANGUAGE, "invisibles", NORMALISATION_TABLES["invisibles"][0]).column("action"))
    assert actions <= {"delete", "space"}


def test_marks_are_combining_marks() -> None:
    for first, last, _ in load_table(LANGUAGE, "marks", NORMALISATION_TABLES["marks"][0]).rows:
        for cp in range(ord(first), ord(last) + 1):
            assert unicodedata.category(chr(cp)) == "Mn", f"U+{cp:04X}"


def test_presentation_forms_kinds_and_yeh() -> None:
    table = load_table(LANGUAGE, "presentation_forms", NORMALISATION_TABLES["presentation_forms"][0])
    rows = {row[0]: row for row in table.rows}
    assert {row[2] for row in table.rows} <= {"letter", "ligature", "word", "mark"}
    assert all("\ufb50" <= form <= "\ufdff" or "\ufe70" <= form <= "\ufeff" for form in rows)
    assert rows["\ufef3"][1] == "ی" and rows["\ufef4"][1] == "ی"  # initial/medial yeh: not ے
    assert rows["\ufefb"][1] == "لا"  # lam-alef: two letters
    assert rows["\ufeec"][1] == "\u0647"  # medial heh: left to the context rule


def test_words_are_normalised_and_sorted() -> None:
    rows = load_table(LANGUAGE, "words", NORMALISATION_TABLES["words"][0]).rows
    counts = [int(c) for _, c in rows]
    assert counts == sorted(counts, reverse=True) and min(counts) >= 3
    arabic_forms = set("يىكة\u0647") | {chr(c) for c in range(0x064B, 0x0660)}
    assert not [w for w, _ in rows if set(w) & arabic_forms][:5]


def test_joined_words_only_insert_spaces() -> None:
    for joined, split in load_table(LANGUAGE, "joined_words", NORMALISATION_TABLES["joined_words"][0]).rows:
        assert " " in split and split.replace(" ", "") == joined, (joined, split)


def test_function_word_classes() -> None:
    known = {"genitive", "postposition", "compound", "auxiliary", "particle", "pronoun", "stem", "agentive",
             "light", "ending"}  # fmt: skip
    for word, classes in load_table(
        LANGUAGE, "function_words", NORMALISATION_TABLES["function_words"][0]
    ).rows:
        assert set(classes.split(",")) <= known, (word, classes)
