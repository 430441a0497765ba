"""Actor resolution on hand-written Urdu phrases."""

from __future__ import annotations

import re

import pytest

from waqia.document import Document, Token
from waqia.lang import load_table
from waqia.record import SECTORS
from waqia.stages.actors import (
    ActorContext,
    ActorMatch,
    ActorResolver,
    describe_actors,
    load_actor_dictionary,
    resolve_actor,
)

_WORD = re.compile(r"[^\s،۔,.]+|[،۔,.]")


def doc_of(text: str) -> Document:
    doc = Document(raw=text)
    doc.tokens = [Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    return doc


def test_russian_warplanes_are_the_russian_military() -> None:
    match = resolve_actor("روسی جنگی طیاروں")
    assert match is not None and (match.country, match.sector) == ("RUS", "MIL")
    assert match.name == "Russian Armed Forces"


def test_a_named_minister_is_the_person() -> None:
    match = resolve_actor("روسی وزیر دفاع سرگئی شوینکو")
    assert match is not None
    assert (match.name, match.country, match.sector) == ("Sergei Shoigu", "RUS", "GOV")


def test_an_office_is_its_holder_when_the_story_names_them() -> None:
    shoigu = load_actor_dictionary().entries["شوینکو"][0]
    with_holder = resolve_actor("روس کے وزیر دفاع", ActorContext(persons=(shoigu,)))
    without = resolve_actor("روس کے وزیر دفاع")
    assert with_holder is not None and with_holder.name == "Sergei Shoigu"
    assert without is not None and (without.name, without.country, without.sector) == (
        "Russian Minister of Defence",
        "RUS",
        "GOV",
    )


def test_unidentified_gunmen() -> None:
    match = resolve_actor("نامعلوم مسلح افراد", ActorContext(country="PAK"))
    assert match is not None and match.sector == "UAF" and match.country == "PAK"


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        ("پاک فوج", "PAK", "MIL"),
        ("پاکستانی فوج", "PAK", "MIL"),
        ("افغان پولیس", "AFG", "COP"),
        ("آئی ایس پی آر", "PAK", "MIL"),
        ("آئی ایس آئی", "PAK", "SPY"),
        ("کالعدم تحریک طالبان", "PAK", "REB"),
        ("القاعدہ", None, "REB"),
        ("بشار الاسد", "SYR", "GOV"),
        ("پیوٹن", "RUS", "GOV"),
        ("3 دہشت گردوں", "PAK", "REB"),
        ("عام شہری", "PAK", "CVL"),
        ("اقوام متحدہ", "UNO", "GOV"),
    ],
)
def test_dictionary_entries(phrase: str, country: str | None, sector: str) -> None:
    match = resolve_actor(phrase, ActorContext(country="PAK"))
    assert match is not None and (match.country, match.sector) == (country, sector)


def test_police_take_the_country_of_the_story() -> None:
    assert resolve_actor("پولیس", ActorContext(country="PAK")) == ActorMatch(
        "Pakistani police",
        "PAK",
        "COP",
        "noun",
        "noun: پولیس; country from the story (PAK)",
        load_actor_dictionary().entries["پولیس"][0],
    )
    doc = doc_of("لاہور میں پولیس نے دو ملزمان کو گرفتار کر لیا۔")
    start = doc.raw.index("پولیس")
    context = ActorContext.for_document(doc).at(start, start + len("پولیس"))
    match = resolve_actor("پولیس", context)
    assert match is not None and (match.country, match.sector) == ("PAK", "COP")


def test_a_pronoun_is_the_last_person_named() -> None:
    obama = resolve_actor("باراک اوباما")
    match = resolve_actor("انہوں", ActorContext(previous=obama))
    assert match is not None and match.name == "Barack Obama" and match.kind == "pronoun"
    assert resolve_actor("انہوں") is None


def test_attackers_in_a_story_about_one_group_are_that_group() -> None:
    boko = load_actor_dictionary().entries["بوکوحرام"][0]
    match = resolve_actor("حملہ آوروں", ActorContext(country="NGA", groups=(boko,)))
    assert match is not None and match.name == "Boko Haram"
    lone = resolve_actor("حملہ آوروں", ActorContext(country="NGA"))
    assert lone is not None and lone.sector == "UAF"


def test_a_country_acting_is_its_government_or_in_war_its_military() -> None:
    ctx = ActorContext(geocoder=ActorContext.for_document(doc_of("روس")).geocoder)
    gov = resolve_actor("روس", ctx)
    assert gov is not None and (gov.country, gov.sector) == ("RUS", "GOV")
    mil = resolve_actor("روس", ActorContext(geocoder=ctx.geocoder, military=True))
    assert mil is not None and (mil.country, mil.sector) == ("RUS", "MIL")


def test_the_stage_finds_actor_mentions() -> None:
    doc = ActorResolver()(doc_of("روسی وزیر دفاع سرگئی شوینکو نے دمشق میں بشار اسد سے ملاقات کی۔"))
    actors = doc.meta["actors"]
    assert [(a.name, a.country, a.sector) for a in actors] == [
        ("Sergei Shoigu", "RUS", "GOV"),
        ("Bashar al-Assad", "SYR", "GOV"),
    ]
    assert all(doc.raw[a.start : a.end] == a.text for a in actors)


def test_describe_actors_explains_itself() -> None:
    (row,) = describe_actors("پاک فوج نے آپریشن شروع کر دیا۔")
    assert row["name"] == "Pakistan Army" and row["why"].startswith("organisation")


def test_actor_table_schema() -> None:
    table = load_table("ur", "actors", ("alias", "name", "country", "sector", "kind", "role"))
    kinds = {"person", "organisation", "group", "party", "office", "noun", "member", "modifier"}
    for alias, name, country, sector, kind, _ in table.rows:
        assert alias and name, (alias, name)
        assert kind in kinds, (alias, kind)
        assert sector == "-" or sector in SECTORS, (alias, sector)
        assert country in ("-", "*", "IGO", "UNO", "NGO") or (len(country) == 3 and country.isupper()), alias


def test_a_phrase_headed_by_a_thing_is_no_actor() -> None:
    # "secret information", "the Indian position": an adjective of an actor on a thing
    assert resolve_actor("خفیہ اطلاعات") is None
    assert resolve_actor("بھارتی موقف") is None
    assert resolve_actor("خفیہ ادارے") is not None


def test_an_adjective_alone_names_nobody() -> None:
    assert resolve_actor("سیکورٹی") is None  # "سیکورٹی کے معاملات": security matters
    match = resolve_actor("سیکورٹی اہلکاروں")
    assert match is not None and match.sector in ("MIL", "COP")
    soldier = resolve_actor("فوجی")  # also a noun: a soldier
    assert soldier is not None and soldier.sector == "MIL"
