"""Dates resolved against the publication date. Every input is written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from waqia.document import Document
from waqia.pipeline import Pipeline
from waqia.stages.dates import dateline, dateline_end, find_dates, reference_date, resolve_weekday
from waqia.stages.normalize import Normalizer
from waqia.stages.segment import Segmenter

PREPARE = Pipeline([Normalizer(), Segmenter()])


def dates(text: str, pub_date: str | None, *, future: bool = False) -> list[tuple[str, str | None, int]]:
    doc = PREPARE(Document(raw=text, pub_date=pub_date))
    ref = reference_date(doc)
    out = []
    for sentence in doc.sentences:
        for m in find_dates(doc, sentence, ref, future=future):
            out.append((doc.raw[doc.tokens[m.start].start : doc.tokens[m.end - 1].end], m.value, m.precision))
    return out


def test_weekday_before_the_publication_day() -> None:
    # 2014-10-14 is a Tuesday: Sunday is the 12th
    assert dates("حملہ اتوار کے دن ہوا۔", "2014-10-14") == [("اتوار", "2014-10-12", 1)]
    assert dates("پولیس نے بدھ کی صبح چھاپہ مارا۔", "2014-10-15") == [("بدھ", "2014-10-15", 1)]


def test_weekday_in_the_future() -> None:
    assert dates("کانفرنس منگل سے شروع ہو گی۔", "2014-09-22", future=True) == [("منگل", "2014-09-23", 1)]


def test_resolve_weekday() -> None:
    tuesday = dt.date(2014, 10, 14)
    assert resolve_weekday(tuesday, 6) == dt.date(2014, 10, 12)
    assert resolve_weekday(tuesday, 1) == tuesday
    assert resolve_weekday(tuesday, 4, future=True) == dt.date(2014, 10, 17)


def test_a_weekday_needs_a_case_word() -> None:
    # پیر is also "saint", ہفتہ also "week"
    assert dates("پیر صاحب نے دعا کی۔", "2014-10-14") == []
    assert dates("ہفتہ وار اجلاس ہوا۔", "2014-10-14") == []


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("یہ واقعہ گزشتہ روز پیش آیا۔", "2014-10-13", 1),
        ("گذشتہ رات فائرنگ ہوئی۔", "2014-10-13", 1),
        ("آج اجلاس ہوا۔", "2014-10-14", 1),
        ("دو روز قبل اجلاس ہوا۔", None, 1),
        ("انہیں 2 روز قبل رہا کیا گیا تھا۔", "2014-10-12", 1),
        ("اجلاس آئندہ ہفتے ہو گا۔", "2014-10-20", 2),
        ("گزشتہ ماہ سو افراد گرفتار ہوئے۔", "2014-09-15", 3),
        ("جولائی میں بھی گرفتاریاں ہوئیں۔", "2014-07-15", 3),
        ("رواں سال مئی میں حملہ ہوا۔", "2014-05-15", 3),
        ("فوج رواں برس کے آخر تک واپس جائے گی۔", "2014-12-31", 3),
        ("فوج نے 22 مئی کو اقتدار سنبھالا۔", "2014-05-22", 1),
        ("معاہدہ 15 ستمبر 2013ء کو ہوا۔", "2013-09-15", 1),
        ("یکم دسمبر کو ہڑتال ہو گی۔", "2013-12-01", 1),
    ],
)
def test_relative_and_absolute_dates(text: str, value: str | None, precision: int) -> None:
    found = dates(text, "2014-10-14")
    if value is None:  # "دو" written as a word is not read as an "ago" number
        assert all(v != "2014-10-12" for _, v, _ in found)
        return
    assert [(v, p) for _, v, p in found] == [(value, precision)]


def test_month_only_is_the_15th_with_precision_3() -> None:
    assert dates("اگست میں مظاہرے ہوئے۔", "2014-10-14") == [("اگست", "2014-08-15", 3)]


def test_march_the_protest_is_not_a_month() -> None:
    assert dates("تحریک نے لانگ مارچ شروع کیا۔", "2014-10-14") == []


def test_kal_as_total_is_not_a_date() -> None:
    assert dates("کل تعداد سو ہو گئی۔", "2014-10-14") == []
    assert dates("کل رات دھماکہ ہوا۔", "2014-10-14") == [("کل", "2014-10-13", 1)]


def test_no_publication_date_leaves_relative_dates_unresolved() -> None:
    assert dates("حملہ اتوار کو ہوا۔", None) == [("اتوار", None, 1)]


def test_dateline_is_the_reference_date() -> None:
    text = "بیجنگ۔ 26 ستمبر (اے پی پی) چین میں جمعہ کو دھماکہ ہوا۔"
    doc = PREPARE(Document(raw=text, pub_date="2014-09-27"))
    line = dateline(doc)
    assert line is not None and line.value == "2014-09-26"
    assert reference_date(doc) == dt.date(2014, 9, 26)
    sentence, end = dateline_end(doc)
    assert sentence == 0 and doc.tokens[end - 1].norm == ")"
