"""The place stage on hand-written Urdu, against the shipped gazetteer (and a fake geocoder)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from waqia.document import Document, Token
from waqia.geo.gazetteer import Candidate
from waqia.geo.geocoder import InMemoryGeocoder
from waqia.pipeline import Pipeline
from waqia.record import Place
from waqia.stages.places import PlaceMention, PlaceResolver

_WORD = re.compile(r"[^\s،۔,.]+|[،۔,.]")


def doc_of(text: str, tags: dict[str, str] | None = None) -> Document:
    """A document tokenised by whitespace and punctuation; ``tags`` gives NER tags by word."""
    doc = Document(raw=text)
    doc.tokens = [
        Token(m.start(), m.end(), m.group(), ent=(tags or {}).get(m.group())) for m in _WORD.finditer(text)
    ]
    return doc


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver()


def places(resolver: PlaceResolver, text: str) -> list[PlaceMention]:
    return resolver.find(doc_of(text))


def test_russia_is_the_country_not_a_town_called_ross(resolver: PlaceResolver) -> None:
    (m,) = places(resolver, "روس نے شام میں فضائی حملے کیے۔")[:1]
    assert m.place is not None
    assert (m.place.name, m.place.country, m.place.geo_precision) == ("Russia", "RUS", 3)


def test_sham_is_syria_before_a_state_noun(resolver: PlaceResolver) -> None:
    found = places(resolver, "شام کے صدر نے ملاقات کی۔")
    assert [m.place.country for m in found if m.place] == ["SYR"]


def test_sham_is_the_evening_after_a_weekday(resolver: PlaceResolver) -> None:
    assert places(resolver, "منگل کی شام بازار میں رش تھا۔") == []
    assert places(resolver, "وہ آج شام پانچ بجے آئیں گے۔") == []


def test_tirah_valley_in_khyber_agency(resolver: PlaceResolver) -> None:
    found = places(resolver, "خیبر ایجنسی کی وادی تیراہ میں دھماکہ ہوا۔")
    tirah = next(m for m in found if m.place and m.place.name == "Tirah")
    assert tirah.place is not None and tirah.place.country == "PAK"
    assert tirah.place.geo_precision == 2  # a valley: the area around the place
    assert tirah.parent is not None and tirah.parent.place is not None
    assert tirah.parent.place.name == "Khyber"


def test_idlib_province(resolver: PlaceResolver) -> None:
    (m,) = places(resolver, "روسی طیاروں نے صوبہ ادلب میں بمباری کی۔")
    assert m.place is not None and m.place.text == "صوبہ ادلب"
    assert (m.place.name, m.place.country, m.place.geo_precision) == ("Idlib", "SYR", 3)
    assert m.resolution is not None and m.resolution.candidate.type == "region"


def test_miran_shah_with_and_without_a_space(resolver: PlaceResolver) -> None:
    a = places(resolver, "میران شاہ میں کرفیو نافذ کر دیا گیا۔")
    b = places(resolver, "میرانشاہ میں کرفیو نافذ کر دیا گیا۔")
    assert a[0].place is not None and b[0].place is not None
    assert a[0].place.gazetteer_id == b[0].place.gazetteer_id
    assert a[0].place.name == "Miran Shah" and a[0].place.geo_precision == 1


def test_a_name_ending_in_wala_is_a_place_but_a_participle_is_not(resolver: PlaceResolver) -> None:
    split = places(resolver, "کبیر والا میں جلسہ ہوا۔")
    joined = places(resolver, "کبیروالا میں جلسہ ہوا۔")
    assert split and joined and split[0].place is not None and joined[0].place is not None
    assert split[0].place.gazetteer_id == joined[0].place.gazetteer_id
    # "جانے والا" (the one going) is a participle, whatever village is spelled like it
    assert not [m for m in places(resolver, "شہر جانے والا قافلہ روک لیا گیا۔") if m.place is not None]


def test_a_direction_makes_it_a_part_of_the_place(resolver: PlaceResolver) -> None:
    (m,) = places(resolver, "جنوبی حلب میں جھڑپیں ہوئیں۔")
    assert m.place is not None and m.place.name == "Aleppo" and m.place.geo_precision == 2


def test_everyday_words_are_not_places(resolver: PlaceResolver) -> None:
    assert places(resolver, "ملک بہت اچھا کہنا ہے کہ کام جاری ہے۔") == []
    assert places(resolver, "پاکستان نے سیمی فائنل میں کیچ چھوڑ دیا۔")[0].place.name == "Pakistan"  # type: ignore[union-attr]
    assert len(places(resolver, "پاکستان نے سیمی فائنل میں کیچ چھوڑ دیا۔")) == 1


def test_surnames_are_not_places(resolver: PlaceResolver) -> None:
    assert [m.place.name for m in places(resolver, "وہاب ریاض نے لاہور میں کہا۔") if m.place] == ["Lahore"]


def test_the_country_word_means_the_story_country(resolver: PlaceResolver) -> None:
    (m,) = places(resolver, "ملک بھر میں احتجاج کیا گیا۔")
    assert m.place is not None and m.place.country == "PAK" and m.place.geo_precision == 3


def test_raw_offsets_point_at_the_words(resolver: PlaceResolver) -> None:
    text = "کل رات کوئٹہ کے علاقے سریاب روڈ پر فائرنگ ہوئی۔"
    for m in places(resolver, text):
        assert m.place is not None and m.place.start is not None and m.place.end is not None
        assert text[m.place.start : m.place.end] == m.place.text


def test_a_part_of_a_town_is_the_town(resolver: PlaceResolver) -> None:
    doc = doc_of("کوئٹہ کے علاقے زرغون روڈ پر رات گئے دستی بم پھینکا گیا۔")
    start = doc.raw.index("زرغون")
    found = resolver.resolve_span(doc, start, start + len("زرغون روڈ"))
    assert found is not None and found.place is not None and found.place.name == "Quetta"


def test_a_span_naming_no_place_falls_back_to_the_country(resolver: PlaceResolver) -> None:
    doc = doc_of("لاہور اور اسلام آباد سمیت ملک کے مختلف شہروں میں گرفتاریاں ہوئیں۔")
    start = doc.raw.index("ملک")
    found = resolver.resolve_span(doc, start, start + len("ملک کے مختلف شہروں"))
    assert found is not None and found.place is not None
    assert (found.place.country, found.place.geo_precision) == ("PAK", 3)


def test_ner_locations_are_resolved_by_sound(resolver: PlaceResolver) -> None:
    text = "عراق کے شمالی شہر ارابیل میں امریکی اہلکار تعینات ہیں۔"
    found = resolver.find(doc_of(text, {"ارابیل": "B-LOC"}))
    erbil = [m for m in found if m.place and m.place.name == "Erbil"]
    assert erbil and erbil[0].place is not None and erbil[0].place.country == "IRQ"


def test_stage_in_a_pipeline_fills_meta_places() -> None:
    class Tokens:
        name = "tokens"
        requires: tuple[str, ...] = ()
        provides: tuple[str, ...] = ("tokens",)

        def __call__(self, doc: Document) -> Document:
            return doc_of(doc.raw)

    doc = Pipeline([Tokens(), PlaceResolver()])(Document(raw="پشاور میں دھماکہ ہوا۔"))
    assert [p.name for p in doc.meta["places"]] == ["Peshawar"]
    assert all(isinstance(p, Place) for p in doc.meta["places"])


def test_the_stage_works_with_a_fake_geocoder() -> None:
    town = Candidate(1, "test:1", "Testabad", "locality", "PAK", "Punjab", 31.0, 74.0, 200_000, None, None)
    stage = PlaceResolver(InMemoryGeocoder([(["ٹیسٹ آباد"], town)]))
    doc = stage(doc_of("ٹیسٹ آباد میں جلسہ ہوا۔"))
    (p,) = doc.meta["places"]
    assert (p.name, p.country, p.admin1, p.gazetteer_id, p.text) == (
        "Testabad",
        "PAK",
        "Punjab",
        "test:1",
        "ٹیسٹ آباد",
    )


def test_an_everyday_word_after_a_genitive_is_not_a_village_in_that_place() -> None:
    """ "ادلب کا دورہ" is a visit to Idlib; Ad Durah, a village in Idlib, must not be found."""
    from waqia.geo import describe_places

    found = [row["text"] for row in describe_places("وزیر دفاع نے صوبہ ادلب کا دورہ کیا۔")]
    assert found == ["صوبہ ادلب"]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("برلن میں ہزاروں افراد نے جنگ کے خلاف مظاہرہ کیا۔", "Berlin", "DEU"),
        ("پیرس میں پولیس نے مظاہرین پر آنسو گیس پھینکی۔", "Paris", "FRA"),
        ("ممبئی میں ایک عمارت میں دھماکا ہوا۔", "Mumbai", "IND"),
        ("بیجنگ میں دونوں وزرائے خارجہ کی ملاقات ہوئی۔", "Beijing", "CHN"),
        ("کولکتہ میں طلبہ نے ریلی نکالی۔", "Kolkata", "IND"),
        ("شنگھائی میں تجارتی نمائش شروع ہوئی۔", "Shanghai", "CHN"),
        ("برمنگھم میں پاکستانی برادری نے جلوس نکالا۔", "Birmingham", "GBR"),
        ("دبئی میں اجلاس ختم ہو گیا۔", "Dubai", "ARE"),
        ("تاشقند میں سربراہی کانفرنس ہوئی۔", "Tashkent", "UZB"),
    ],
)
def test_world_cities_in_urdu_spelling(resolver: PlaceResolver, text: str, name: str, country: str) -> None:
    (m,) = places(resolver, text)
    assert m.place is not None
    assert (m.place.name, m.place.country, m.place.geo_precision) == (name, country, 1)


def test_indian_and_chinese_provinces_are_regions(resolver: PlaceResolver) -> None:
    found = [m.place for m in places(resolver, "سنکیانگ اور مہاراشٹر میں سیکیورٹی سخت کر دی گئی۔") if m.place]
    assert [(p.name, p.country, p.admin1) for p in found] == [
        ("Xinjiang", "CHN", "Xinjiang"),
        ("Maharashtra", "IND", "Maharashtra"),
    ]


def test_a_state_and_its_city_both_resolve(resolver: PlaceResolver) -> None:
    found = [m.place for m in places(resolver, "ٹیکساس کے شہر ڈیلس میں فائرنگ ہوئی۔") if m.place]
    assert [(p.name, p.country) for p in found] == [("Texas", "USA"), ("Dallas", "USA")]


def test_spellings_left_out_as_everyday_words_are_not_places(resolver: PlaceResolver) -> None:
    # "روم" is also "room", "ملیشیا" is "militia", "کانگو وائرس" is a fever, "بہار" is spring
    assert places(resolver, "کنٹرول روم میں اجلاس ہوا۔") == []
    assert places(resolver, "ملیشیا کے جنگجوؤں نے چوکی پر حملہ کیا۔") == []
    assert places(resolver, "کانگو وائرس سے ایک مریض جاں بحق ہو گیا۔") == []
    assert places(resolver, "موسم بہار میں میلہ لگا۔") == []


def test_sarhad_alone_is_a_border_not_the_old_name_of_the_province(resolver: PlaceResolver) -> None:
    found = [m.place.name for m in places(resolver, "پاک افغان سرحد پر فائرنگ ہوئی۔") if m.place]
    assert "Khyber Pakhtunkhwa" not in found, found
    found = [m.place.name for m in places(resolver, "صوبہ سرحد کے وزیر اعلیٰ نے اجلاس بلایا۔") if m.place]
    assert found == ["Khyber Pakhtunkhwa"], found


def test_a_name_joined_by_wa_is_one_place(resolver: PlaceResolver) -> None:
    found = [
        (m.place.name, m.tok_end - m.tok_start)
        for m in places(resolver, "جموں و کشمیر میں فائرنگ ہوئی۔")
        if m.place
    ]
    assert found == [("Kashmir", 3)], found


# ---------------------------------------------------------------------- places the gazetteer lacks


def _found(resolver: PlaceResolver, text: str) -> list[Place]:
    return [m.place for m in places(resolver, text) if m.place is not None]


def test_a_town_the_gazetteer_lacks_is_kept_without_coordinates(resolver: PlaceResolver) -> None:
    found = _found(resolver, "بیجنگ سے خبر ہے کہ قصبہ ژیپگ میں سیلاب آیا۔")
    town = found[-1]
    assert (town.text, town.name, town.country, town.geo_precision) == ("قصبہ ژیپگ", "ژیپگ", "CHN", 1)
    assert (town.lat, town.lon, town.gazetteer_id, town.admin1) == (None, None, None, None)


def test_a_county_the_gazetteer_lacks_is_precision_two(resolver: PlaceResolver) -> None:
    found = _found(resolver, "بیجنگ کے حکام نے بتایا کہ ژونگزان کاؤنٹی میں زلزلہ آیا۔")
    assert [(p.text, p.country, p.geo_precision, p.lat) for p in found[1:]] == [
        ("ژونگزان کاؤنٹی", "CHN", 2, None)
    ]


def test_an_unknown_place_takes_the_country_the_text_gives_it(resolver: PlaceResolver) -> None:
    # a demonym before the admin word, else the place named last in the sentence
    found = _found(resolver, "امریکہ کے بارے میں برطانوی شہر ژیلفرڈ میں جلسہ ہوا۔")
    assert [(p.name, p.country) for p in found] == [("United States", "USA"), ("ژیلفرڈ", "GBR")]
    found = _found(resolver, "جاپان نے کہا کہ شمالی کوریا نے ساحلی شہر ژونسن سے میزائل داغا۔")
    assert (found[-1].text, found[-1].country) == ("شہر ژونسن", "PRK")


def test_everyday_words_next_to_an_admin_word_are_not_places(resolver: PlaceResolver) -> None:
    for text in (
        "بلغاریہ میں بارش سے شہر متاثر ہوا۔",  # the city was affected
        "بلغاریہ میں اہل علاقہ نے احتجاج کیا۔",  # the people of the area
        "بلغاریہ کا 90 فیصد علاقہ شرپسندوں سے پاک ہے۔",  # a plural noun
        "بلغاریہ میں شہر ودیہات میں بارش ہوئی۔",  # "و" run into "دیہات"
        "بلغاریہ کی خبر رساں ایجنسی نے بتایا۔",  # a news agency
        "کیبنٹ ڈویژن نے بلغاریہ کے بارے میں اعلان کیا۔",  # a government department
    ):
        assert [p.name for p in _found(resolver, text)] == ["Bulgaria"], text


def test_an_admin_word_with_a_place_on_one_side_belongs_to_it(resolver: PlaceResolver) -> None:
    found = _found(resolver, "پاکستان سے ملحقہ صوبے خوست میں اسٹیڈیم بنے گا۔")
    assert [(p.text, p.country) for p in found] == [("پاکستان", "PAK"), ("صوبے خوست", "AFG")]


def test_a_look_alike_abroad_is_not_the_place(resolver: PlaceResolver) -> None:
    # "موصلا" sounds like Mosul, but the story is in Bulgaria: a Bulgarian town the gazetteer lacks
    found = _found(resolver, "بلغاریہ میں بارشوں سے موصلا شہر میں پانی داخل ہوا۔")
    assert [(p.text, p.name, p.country, p.lat) for p in found[1:]] == [("موصلا شہر", "موصلا", "BGR", None)]


def test_a_look_alike_many_towns_share_is_none_of_them(resolver: PlaceResolver) -> None:
    # three Chinese towns are spelled Longshan; the consonants alone cannot pick one
    found = _found(resolver, "بیجنگ کے حکام کے مطابق ژی لنگ شان کاؤنٹی میں زلزلہ آیا۔")
    county = found[-1]
    assert county.text.endswith("لنگ شان کاؤنٹی") and county.lat is None and county.country == "CHN"


def test_a_place_near_a_town_from_the_gazetteer(resolver: PlaceResolver) -> None:
    found = _found(resolver, "تربت کے قریب مند میں فائرنگ ہوئی۔")
    assert [(p.name, p.country, p.geo_precision) for p in found] == [("Turbat", "PAK", 1), ("Mand", "PAK", 1)]


def test_a_place_near_a_town_the_gazetteer_lacks(resolver: PlaceResolver) -> None:
    found = _found(resolver, "تربت کے قریب ژگرک میں فائرنگ ہوئی۔")
    near = found[-1]
    assert (near.text, near.country, near.admin1, near.geo_precision) == ("ژگرک", "PAK", "Balochistan", 2)
    assert near.lat is None and near.gazetteer_id is None
    # measured from a country, not a town: nothing is known of where it is
    assert [p.name for p in _found(resolver, "ایران کے قریب ژگرک میں فائرنگ ہوئی۔")] == ["Iran"]


@pytest.mark.parametrize(
    "text",
    [
        "تربت کے قریب جنگل میں فائرنگ ہوئی۔",
        "تربت کے قریب ایک گاؤں میں فائرنگ ہوئی۔",
        "تربت کے قریب واقع چوکی پر فائرنگ ہوئی۔",
        "تربت کے قریب سڑک پر فائرنگ ہوئی۔",
        "تربت کے قریب نہر میں لاش ملی۔",
    ],
)
def test_everyday_words_near_a_town_are_not_places(resolver: PlaceResolver, text: str) -> None:
    assert [p.name for p in _found(resolver, text)] == ["Turbat"]


def test_a_span_over_an_unknown_place_keeps_it(resolver: PlaceResolver) -> None:
    doc = doc_of("بیجنگ سے خبر ہے کہ قصبہ ژیپگ میں سیلاب آیا۔")
    start = doc.raw.index("قصبہ")
    found = resolver.resolve_span(doc, start, start + len("قصبہ ژیپگ"))
    assert found is not None and found.place is not None
    assert (found.place.name, found.place.country, found.place.lat) == ("ژیپگ", "CHN", None)


def test_unknown_places_go_through_the_whole_pipeline(tmp_path: Path) -> None:
    """Events, clusters, JSON, validation, the table report, the store and the ACLED export all take
    a place without coordinates."""
    from waqia import load
    from waqia.cluster import cluster_events
    from waqia.export import export_rows
    from waqia.report import format_table
    from waqia.store import open_store
    from waqia.validate import document_problems

    text = (
        "چین میں چاقو سے حملہ، چار بچے ہلاک\n\n"
        "بیجنگ ۔ 3 مارچ (اے پی پی) چین کے قصبہ ژیپگ میں بازار کے قریب ایک مسلح شخص کے حملے میں"
        " چار بچے ہلاک ہو گئے۔"
    )
    doc = load(identify_language=False)(Document(raw=text, doc_id="t1", pub_date="2015-03-03"))
    unknown = [p for p in doc.meta["places"] if p.name == "ژیپگ"]
    assert unknown and unknown[0].lat is None and unknown[0].country == "CHN"
    assert any(e.location is not None and e.location.lat is None for e in doc.events)
    cluster_events([doc])
    assert Document.from_json(doc.to_json()).to_json() == doc.to_json()
    assert document_problems([doc.to_json()]) == []
    assert "ژیپگ" in format_table([doc])
    store = open_store(tmp_path / "events.db")
    store.add_documents([doc])
    _, rows = export_rows(store, "acled", "csv", all_events=True)
    located = [r for r in rows if r["location"] == "ژیپگ"]
    assert located and located[0]["latitude"] is None and located[0]["iso"] is not None
