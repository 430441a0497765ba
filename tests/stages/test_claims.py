"""Claims (who says so) and modality (how sure the text is). Every input is written for the test."""

from __future__ import annotations

import pytest

from waqia.document import Document
from waqia.pipeline import Pipeline
from waqia.stages.claims import find_claims, modality_of, not_an_act, pledge_clauses
from waqia.stages.normalize import Normalizer, normalize_spelling
from waqia.stages.segment import Segmenter

PREPARE = Pipeline([Normalizer(), Segmenter()])


def claims(text: str) -> list[tuple[str | None, str | None, str | None]]:
    doc = PREPARE(Document(raw=text))
    return [(m.claim.text, m.claim.kind, m.claim.by) for s in doc.sentences for m in find_claims(doc, s)]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("پولیس کے مطابق دھماکہ ہوا۔", ("پولیس کے مطابق", "official", "police")),
        ("باخبر ذرائع کے مطابق اجلاس ہوا۔", ("باخبر ذرائع کے مطابق", "anonymous", "informed sources")),
        ("ذرائع کا کہنا ہے کہ حملہ ہوا۔", ("ذرائع کا کہنا ہے", "anonymous", "sources")),
        ("ذرائع ابلاغ کے مطابق سیلاب آیا۔", ("ذرائع ابلاغ کے مطابق", "media", "media reports")),
        ("عینی شاہدین کے مطابق فائرنگ ہوئی۔", ("عینی شاہدین کے مطابق", "witness", "witnesses")),
        ("آئی ایس پی آر نے بتایا کہ آپریشن جاری ہے۔", ("آئی ایس پی آر نے بتایا", "official", "ISPR")),
        ("طالبان کے ترجمان نے ذمہ داری قبول کی۔", ("طالبان کے ترجمان نے ذمہ داری قبول", "party", "Taliban")),
        ("وزیر خارجہ نے کہا کہ مذاکرات ہوں گے۔", ("وزیر خارجہ نے کہا", "official", None)),
    ],
)
def test_claim_kinds(text: str, claim: tuple[str, str, str | None]) -> None:
    assert claims(text) == [claim]


def test_a_frame_without_a_source_is_no_claim() -> None:
    assert claims("کے مطابق دھماکہ ہوا۔") == []


def words(text: str) -> list[str]:
    return [normalize_spelling(w) for w in text.split()]


@pytest.mark.parametrize(
    ("text", "trigger", "verbs", "modality"),
    [
        ("فوج نے حملہ کیا", (2, 3), (3, 4), "asserted"),
        ("فوج حملہ کرے گی", (1, 2), (2, 4), "reported_future"),
        ("فوج حملے کرینگے", (1, 2), (2, 3), "reported_future"),
        ("آپریشن شروع ہونے والا ہے", (0, 1), (1, 5), "reported_future"),
        ("فوج نے حملہ نہیں کیا", (2, 3), (4, 5), "negated"),
        ("اگر فوج نے حملہ کیا", (3, 4), (4, 5), "hypothetical"),
        ("فوج حملہ کر سکتی ہے", (1, 2), (2, 5), "hypothetical"),
        ("نہ صرف حملہ کیا بلکہ", (2, 3), (3, 4), "asserted"),
    ],
)
def test_modality_of_verb_groups(
    text: str, trigger: tuple[int, int], verbs: tuple[int, int], modality: str
) -> None:
    assert modality_of(words(text), trigger, verbs, 0, verbal=True) == modality


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("حملے کی دھمکی دی", "threatened"),
        ("حملے کی تردید کی", "negated"),
        ("جنگ بندی کا اعلان کیا", "reported_future"),
    ],
)
def test_modality_of_what_follows_a_noun(text: str, modality: str) -> None:
    assert modality_of(words(text), (0, 1), (1, 1), 0, verbal=False) == modality


def test_not_an_act() -> None:
    w = words("متاثرین کی مدد کے لئے")
    assert not_an_act(w, 2, 3, [], "AID")
    w = words("پولیس چوکی پر حملہ کے الزام میں گرفتار")
    assert not_an_act(w, 3, 4, [], "ASSAULT")
    w = words("کارروائیاں کرنے میں مشکلات")
    assert not_an_act(w, 0, 2, w[1:2], "ASSAULT")
    w = words("فوج تعینات کی جاتی ہے")
    assert not_an_act(w, 1, 5, w[2:5], "MOBILIZE")
    w = words("فوج نے حملہ کیا")
    assert not not_an_act(w, 2, 4, w[3:4], "ASSAULT")


def test_pledges() -> None:
    w = words("حکومت ان کی دیکھ بھال کرے گی")
    clauses = pledge_clauses(w, lambda i: w[i] == normalize_spelling("گی"))
    assert clauses == [(0, 7, 6, True)]
    w = words("بادشاہ منظوری دیں گے")
    assert pledge_clauses(w, lambda i: w[i] == normalize_spelling("گے"), frozenset({0})) == []
    w = words("اگر حکومت مدد کرے گی")
    assert pledge_clauses(w, lambda i: w[i] == normalize_spelling("گی")) == []
