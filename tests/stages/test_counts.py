"""Counts of people in digits and Urdu number words, with ACLED's conservative readings."""

from __future__ import annotations

import pytest

from waqia.document import Document
from waqia.pipeline import Pipeline
from waqia.stages.counts import find_casualties, find_counts, sum_counts
from waqia.stages.normalize import Normalizer
from waqia.stages.segment import Segmenter

PREPARE = Pipeline([Normalizer(), Segmenter()])


def counts(text: str) -> list[tuple[int | None, int | None, int | None]]:
    doc = PREPARE(Document(raw=text))
    return [(c.best, c.low, c.high) for s in doc.sentences for c in find_counts(doc, s)]


def casualties(text: str) -> list[tuple[str, str | None, int | None, int | None]]:
    doc = PREPARE(Document(raw=text))
    return [
        (c.kind, c.count.text, c.count.best, c.count.low)
        for s in doc.sentences
        for c in find_casualties(doc, s)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("پانچ", (5, None, None)),
        ("چار سو ترپن", (453, None, None)),
        ("ایک ہزار", (1000, None, None)),
        ("2 ہزار 507", (2507, None, None)),
        ("3 سو", (300, None, None)),
        ("دو درجن", (24, None, None)),
        ("6 لاکھ", (600000, None, None)),
        ("1,200", (1200, None, None)),
        ("۳۰۰", (300, None, None)),
    ],
)
def test_numbers(text: str, expected: tuple[int | None, int | None, int | None]) -> None:
    assert counts(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("درجنوں", (12, None, None)),
        ("سیکڑوں", (100, None, None)),
        ("سینکڑوں", (100, None, None)),
        ("ہزاروں", (1000, None, None)),
        ("دسیوں", (10, None, None)),
        ("کئی", (None, 2, None)),
        ("متعدد", (None, 2, None)),
        ("کم از کم 300", (300, 300, None)),
        ("ساٹھ سے زائد", (61, 61, None)),
        ("100 سے زیادہ", (101, 101, None)),
        ("تقریباً 50", (50, None, None)),
        ("50 تک", (50, None, 50)),
    ],
)
def test_conservative_readings(text: str, expected: tuple[int | None, int | None, int | None]) -> None:
    assert counts(text) == [expected]


def test_ambiguous_number_words_need_a_number_beside_them() -> None:
    assert counts("حالات بہتر ہو گئے") == []
    assert counts("نو منتخب حکومت") == []


def test_killed_and_injured() -> None:
    assert casualties("دھماکے میں 7 افراد جاں بحق اور 14 زخمی ہو گئے۔") == [
        ("killed", "7 افراد", 7, None),
        ("injured", "14", 14, None),
    ]
    assert casualties("ایک بچہ جاں بحق ہو گیا جبکہ تین مزدور زخمی ہوئے۔") == [
        ("killed", "ایک بچہ", 1, None),
        ("injured", "تین مزدور", 3, None),
    ]
    assert casualties("حملے میں درجنوں شہری مارے گئے۔") == [("killed", "درجنوں شہری", 12, None)]


def test_numbers_that_count_no_people() -> None:
    assert casualties("150 روپے کا نقصان ہوا اور 5 سال بعد وہ ہلاک ہو گیا۔") == []


def test_tolls_of_one_clause_add_up() -> None:
    doc = PREPARE(Document(raw="جھڑپ میں سیکڑوں اہلکار جاں بحق جبکہ دسیوں دیہاتی ہلاک ہو گئے۔"))
    killed = [c.count for c in find_casualties(doc, doc.sentences[0]) if c.kind == "killed"]
    total = sum_counts(doc, killed)
    assert total is not None and total.best == 110
    assert total.text == doc.raw[total.start : total.end]


def test_two_people_named_without_a_number_are_two() -> None:
    assert casualties("ڈکیتی کی واردات میں باپ اور بیٹا جاں بحق ہو گئے۔") == [
        ("killed", "باپ اور بیٹا", 2, None)
    ]


def test_a_killing_verb_counts() -> None:
    assert casualties("حملہ آور نے 4 طلبہ کو قتل کر دیا۔") == [("killed", "4 طلبہ", 4, None)]
