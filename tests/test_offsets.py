from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waqia._offsets import OffsetMap, apply_edits


def test_identity_maps_every_offset_to_itself() -> None:
    m = OffsetMap.identity(10)
    assert m.is_identity
    assert m.to_raw(3, 7) == (3, 7)


def test_deletion_inside_a_word_stays_inside_the_raw_span() -> None:
    raw = "ابـب"  # a tatweel between two letters
    norm, m = apply_edits(raw, [(2, 3, "")])
    assert norm == "ابب"
    start, end = m.to_raw(0, len(norm))
    assert raw[start:end] == raw


def test_composition_is_atomic() -> None:
    raw = "ا\u0653ج"  # alef + madda, decomposed
    norm, m = apply_edits(raw, [(0, 2, "آ")])
    assert norm == "آج"
    assert m.to_raw(0, 1) == (0, 2)
    assert m.to_raw(1, 2) == (2, 3)


def test_inserted_space_splits_a_run_together_word() -> None:
    raw = "کیاکہ"
    norm, m = apply_edits(raw, [(3, 3, " ")])
    assert norm == "کیا کہ"
    assert raw[slice(*m.to_raw(0, 3))] == "کیا"
    assert raw[slice(*m.to_raw(4, 6))] == "کہ"


def test_chained_maps_point_back_to_the_first_raw_text() -> None:
    raw = "ابـب کیاکہ"
    norm1, m1 = apply_edits(raw, [(2, 3, "")])
    norm2, m2 = m1.then(norm1, [(7, 7, " ")])
    assert norm2 == "ابب کیا کہ"
    words = [(0, 3), (4, 7), (8, 10)]
    assert [raw[slice(*m2.to_raw(s, e))] for s, e in words] == ["ابـب", "کیا", "کہ"]


def test_edits_must_be_sorted() -> None:
    with pytest.raises(ValueError):
        apply_edits("abcdef", [(3, 4, "x"), (1, 2, "y")])


@st.composite
def edited_texts(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    raw = draw(st.text(alphabet="اب ت\u0653\u0640کہ", max_size=30))
    cuts = sorted(draw(st.lists(st.integers(0, len(raw)), max_size=8)))
    edits = []
    pos = 0
    for i in range(0, len(cuts) - 1, 2):
        start, end = max(cuts[i], pos), cuts[i + 1]
        if start > end:
            continue
        edits.append((start, end, draw(st.text(alphabet="xy ", max_size=3))))
        pos = end + (1 if start == end else 0)
    return raw, [e for e in edits if e[0] <= len(raw)]


@given(edited_texts(), st.data())
def test_chained_maps_are_monotonic_and_in_bounds(
    case: tuple[str, list[tuple[int, int, str]]], data: st.DataObject
) -> None:
    raw, edits = case
    norm, m = apply_edits(raw, edits)
    # a second round of insertions, as the joined-word repair does
    positions = sorted(set(data.draw(st.lists(st.integers(0, len(norm)), max_size=4))))
    norm2, m2 = m.then(norm, [(p, p, " ") for p in positions])
    assert len(norm2) == len(norm) + len(positions)
    previous = (0, 0)
    for i in range(len(norm2) + 1):
        s, e = m2.to_raw(i, i)
        assert 0 <= s <= e <= len(raw)
        for j in range(i, len(norm2) + 1):
            s2, e2 = m2.to_raw(i, j)
            assert 0 <= s2 <= e2 <= len(raw)
        assert s >= previous[0]
        previous = (s, e)
    assert m2.to_raw(0, len(norm2))[1] <= len(raw)


@given(st.text(max_size=40))
def test_untouched_text_maps_exactly(raw: str) -> None:
    norm, m = apply_edits(raw, [])
    assert norm == raw
    for i in range(len(raw) + 1):
        assert m.to_raw(0, i) == (0, i)
