"""Event extraction: triggers, case frames, modality, merging, and the event tables' schemas.

Every Urdu input here is written for the test. The documents run through the project's normaliser and
segmenter and the event stage only (no place or actor stage), so the tests pin down what the event
stage does by itself; actor names and places are tested where those stages live.
"""

from __future__ import annotations

import pytest

from waqia.document import Document
from waqia.lang import load_table
from waqia.pipeline import Pipeline, Stage
from waqia.record import EVENT_TYPES, Event, Place
from waqia.stages.claims import verb_lexicon
from waqia.stages.events import EventExtractor
from waqia.stages.normalize import Normalizer, normalize_spelling
from waqia.stages.segment import Segmenter
from waqia.stages.triggers import match_sentence, trigger_lexicon
from waqia.validate import MODES as SPEC_MODES

PIPELINE = Pipeline([Normalizer(), Segmenter(), EventExtractor()])


def extract(text: str, pub_date: str | None = "2014-10-14", places: list[Place] | None = None) -> list[Event]:
    doc = Document(raw=text, pub_date=pub_date)
    if places is not None:
        doc.meta["places"] = places
    return PIPELINE(doc).events


def types(text: str) -> list[str]:
    return [e.type for e in extract(text)]


def only(text: str, typ: str) -> Event:
    events = [e for e in extract(text) if e.type == typ]
    assert len(events) == 1, [(e.type, e.trigger.text) for e in extract(text)]
    return events[0]


# ----------------------------------------------------------------------------- the stage


def test_is_a_stage() -> None:
    stage = EventExtractor()
    assert isinstance(stage, Stage)
    assert stage.name == "events"
    assert "tokens" in stage.requires
    assert stage.provides == ("events",)


def test_trigger_spans_are_raw_offsets() -> None:
    text = "پولیس نے ملزم کو گرفتار کر لیا۔"
    event = only(text, "COERCE")
    assert event.trigger.start is not None and event.trigger.end is not None
    assert text[event.trigger.start : event.trigger.end] == event.trigger.text
    assert event.trigger.text is not None and event.trigger.text.startswith("گرفتار")


# ----------------------------------------------------------------------------- triggers per type


@pytest.mark.parametrize(
    ("text", "typ", "mode"),
    [
        ("طیاروں نے شدت پسندوں کے ٹھکانوں پر شدید بمباری کی۔", "ASSAULT", "aerial"),
        ("نامعلوم افراد نے گاڑی پر فائرنگ کی۔", "ASSAULT", "firearms"),
        ("بازار میں خودکش دھماکہ ہوا۔", "ASSAULT", "suicide-attack"),
        ("سرحدی علاقے میں گولہ باری کی گئی۔", "ASSAULT", "heavy-weapons"),
        ("مسلح افراد نے تاجر کو اغوا کر لیا۔", "ASSAULT", "abduct"),
        ("پولیس نے تین ملزموں کو گرفتار کر لیا۔", "COERCE", "arrest"),
        ("فورسز نے گاؤں میں چھاپہ مارا۔", "COERCE", "raid"),
        ("حکومت نے شہر میں کرفیو نافذ کر دیا۔", "COERCE", "curfew"),
        ("سرحد پر اضافی فوج تعینات کر دی گئی۔", "MOBILIZE", "troops"),
        ("دونوں ممالک نے مشترکہ جنگی مشق کی۔", "MOBILIZE", "exercise"),
        ("تاجروں نے ٹیکس کے خلاف ہڑتال کی۔", "PROTEST", "strike"),
        ("کارکنوں نے پارلیمنٹ کے سامنے دھرنا دیا۔", "PROTEST", "sit-in"),
        ("طلبہ نے فیسوں میں اضافے کے خلاف احتجاج کیا۔", "PROTEST", "demonstrate"),
    ],
)
def test_tier1_triggers(text: str, typ: str, mode: str) -> None:
    event = only(text, typ)
    assert event.mode == mode


@pytest.mark.parametrize(
    ("text", "typ"),
    [
        ("تنظیم نے حکومت کو سنگین نتائج کی دھمکی دی۔", "THREATEN"),
        ("وزیر نے اپوزیشن پر دھاندلی کا الزام عائد کیا۔", "ACCUSE"),
        ("صدر نے دھماکے کی شدید مذمت کی۔", "ACCUSE"),
        ("تاجروں نے حکومت سے ٹیکس کم کرنے کا مطالبہ کیا۔", "REQUEST"),
        ("عدالت نے درخواست مسترد کر دی۔", "REJECT"),
        ("وزیر خارجہ نے اپنے ہم منصب سے ملاقات کی۔", "CONSULT"),
        ("دونوں ممالک کے درمیان مذاکرات ہوئے۔", "CONSULT"),
        ("فریقین نے جنگ بندی پر اتفاق کیا۔", "AGREE"),
        ("وزیراعظم نے پولیس کی کارکردگی کو سراہا۔", "SUPPORT"),
        ("چین نے سیلاب زدگان کے لئے امداد بھیجی۔", "AID"),
        ("یورپی یونین نے روس پر نئی پابندیاں عائد کر دیں۔", "SANCTION"),
        ("حکام نے قیدیوں کو رہا کر دیا۔", "CONCEDE"),
        ("غیر ملکی افواج کا انخلا مکمل ہو گیا۔", "RETREAT"),
    ],
)
def test_tier2_triggers(text: str, typ: str) -> None:
    assert typ in types(text)


def test_light_verb_in_any_inflection_and_with_words_between() -> None:
    for verb in ("حملہ کیا", "حملے کئے", "حملہ کر دیا", "حملہ نہیں کیا", "حملے کریں گے", "حملہ بھی کیا"):
        assert "ASSAULT" in types(f"شدت پسندوں نے چوکی پر {verb}۔"), verb


def test_a_light_verb_of_another_kind_blocks_the_trigger() -> None:
    # "تباہ ہو گئیں" (were destroyed, by a flood) is no attack; "تباہ کر دیا" is
    assert "ASSAULT" not in types("بارش سے فصلیں تباہ ہو گئیں۔")
    assert "ASSAULT" in types("شدت پسندوں نے سکول کی عمارت تباہ کر دی۔")


def test_display_is_not_a_protest() -> None:
    assert "PROTEST" not in types("ٹیم نے فائنل میں شاندار کارکردگی کا مظاہرہ کیا۔")
    assert "PROTEST" in types("شہریوں نے پانی کی قلت کے خلاف مظاہرہ کیا۔")


def test_accidents_are_not_attacks() -> None:
    assert "ASSAULT" not in types("فیکٹری میں گیس سلنڈر کا دھماکہ ہوا۔")


def test_purposes_and_charges_are_not_events() -> None:
    assert "ASSAULT" not in types("پولیس نے سرکاری عمارت پر حملے کے الزام میں دو افراد کو گرفتار کر لیا۔")
    assert "AID" not in types("حکومت متاثرین کی مدد کیلئے فنڈ قائم کرے گی۔")


def test_match_sentence_prefers_the_longest_pattern() -> None:
    words = [normalize_spelling(w) for w in ["بازار", "میں", "خودکش", "حملہ", "ہوا"]]
    matches = match_sentence(words)
    assert [(m.rule.type, m.rule.mode) for m in matches] == [("ASSAULT", "suicide-attack")]


# ----------------------------------------------------------------------------- case frames


def test_ergative_ne_is_the_actor_and_ko_the_target() -> None:
    event = only("پولیس نے تین ڈاکوؤں کو گرفتار کر لیا۔", "COERCE")
    assert event.actor1 is not None and event.actor1.text == "پولیس"
    assert event.actor2 is not None and event.actor2.text is not None and "ڈاکوؤں" in event.actor2.text


def test_par_is_the_target_of_an_attack() -> None:
    event = only("شدت پسندوں نے پولیس چوکی پر حملہ کیا۔", "ASSAULT")
    assert event.actor1 is not None and event.actor1.text == "شدت پسندوں"
    assert event.actor2 is not None and event.actor2.text is not None and "چوکی" in event.actor2.text


def test_ke_khilaf_is_the_target() -> None:
    event = only("طلبہ نے حکومت کے خلاف احتجاج کیا۔", "PROTEST")
    assert event.actor2 is not None and event.actor2.text == "حکومت"


def test_thikanon_par_names_the_target_group() -> None:
    event = only("طیاروں نے القاعدہ کے ٹھکانوں پر بمباری کی۔", "ASSAULT")
    assert event.actor2 is not None and event.actor2.text == "القاعدہ"


def test_passive_has_no_ergative_actor() -> None:
    event = only("اجلاس کے بعد چار ملزموں کو گرفتار کر لیا گیا۔", "COERCE")
    assert event.actor1 is None
    assert event.actor2 is not None and event.actor2.text is not None and "ملزموں" in event.actor2.text


def test_nishana_banaya_gaya_is_a_passive_attack() -> None:
    event = only("قافلے کو نشانہ بنایا گیا۔", "ASSAULT")
    assert event.actor1 is None
    assert event.actor2 is not None and event.actor2.text == "قافلے"


def test_coordinated_actors_first_named_first() -> None:
    event = only("پولیس اور رینجرز نے ملزم کو گرفتار کر لیا۔", "COERCE")
    assert event.actor1 is not None and event.actor1.text == "پولیس"
    assert [a.text for a in event.also] == ["رینجرز"]


def test_genitive_agent_of_a_nominal_trigger() -> None:
    event = only("شدت پسندوں کا حملہ، پانچ افراد ہلاک", "ASSAULT")
    assert event.actor1 is not None and event.actor1.text == "شدت پسندوں"


def test_partner_of_a_meeting() -> None:
    event = only("وزیر اعظم نے امریکی سفیر سے ملاقات کی۔", "CONSULT")
    assert event.actor2 is not None and event.actor2.text is not None and "سفیر" in event.actor2.text


# ----------------------------------------------------------------------------- modality


@pytest.mark.parametrize(
    ("text", "typ", "modality"),
    [
        ("فوج نے شدت پسندوں کے ٹھکانوں پر حملہ کیا۔", "ASSAULT", "asserted"),
        ("فوج شدت پسندوں کے ٹھکانوں پر حملے کرے گی۔", "ASSAULT", "reported_future"),
        ("فوج شدت پسندوں کے خلاف آپریشن شروع کرنے والی ہے۔", "ASSAULT", "reported_future"),
        ("تنظیم نے شہر پر حملے کی دھمکی دی۔", "ASSAULT", "threatened"),
        ("اگر مذاکرات ناکام ہوئے تو فوج حملہ کرے گی۔", "ASSAULT", "hypothetical"),
        ("تنظیم نے کہا کہ اس نے حملہ نہیں کیا۔", "ASSAULT", "negated"),
        ("ترجمان نے حملے کی تردید کی۔", "ASSAULT", "negated"),
    ],
)
def test_modality(text: str, typ: str, modality: str) -> None:
    assert only(text, typ).modality == modality


def test_a_threat_and_a_pledge_are_themselves_asserted() -> None:
    assert only("تنظیم نے شہر پر حملے کی دھمکی دی۔", "THREATEN").modality == "asserted"
    pledge = only("وزیر اعظم نے کہا کہ حکومت متاثرین کی دیکھ بھال کرے گی۔", "AGREE")
    assert pledge.modality == "asserted"


# ----------------------------------------------------------------------------- counts, dates, claims


def test_fatalities_and_injured_attach_to_the_attack() -> None:
    event = only("بازار میں بم دھماکہ، کم از کم 12 افراد ہلاک اور 30 زخمی ہو گئے۔", "ASSAULT")
    assert event.fatalities is not None and (event.fatalities.best, event.fatalities.low) == (12, 12)
    assert event.injured is not None and event.injured.best == 30


def test_a_toll_of_several_attacks_belongs_to_none() -> None:
    events = extract("شہر میں فائرنگ اور دستی بم حملوں کے واقعات میں 7 افراد جاں بحق ہو گئے۔")
    assert all(e.fatalities is None for e in events)


def test_toll_in_the_next_sentence_belongs_to_the_attack_before() -> None:
    event = only("نامعلوم افراد نے مسافر بس پر فائرنگ کی۔ واقعے میں درجنوں افراد ہلاک ہو گئے۔", "ASSAULT")
    assert event.fatalities is not None and event.fatalities.best == 12


def test_relative_date_and_pub_date_fallback() -> None:
    # 2014-10-14 is a Tuesday: "اتوار کو" is the Sunday before
    event = only("پولیس نے اتوار کو چار ملزموں کو گرفتار کر لیا۔", "COERCE")
    assert event.date is not None and (event.date.value, event.date.precision) == ("2014-10-12", 1)
    plain = only("پولیس نے چار ملزموں کو گرفتار کر لیا۔", "COERCE")
    assert plain.date is not None and plain.date.text is None
    assert (plain.date.value, plain.date.precision) == ("2014-10-14", 2)


def test_claim_of_the_sentence() -> None:
    event = only("پولیس کے مطابق نامعلوم افراد نے دکان پر فائرنگ کی۔", "ASSAULT")
    assert event.claim is not None and event.claim.kind == "official" and event.claim.by == "police"


def test_acled_view_for_an_asserted_grenade_attack() -> None:
    event = only("نامعلوم افراد نے دکان پر دستی بم پھینکا۔", "ASSAULT")
    assert event.acled == {"event_type": "Explosions/Remote violence", "sub_event_type": "Grenade"}
    future = only("تنظیم نے کہا کہ وہ دستی بم سے حملہ کرے گی۔", "ASSAULT")
    assert future.acled is None


def test_location_is_the_locative_place_not_the_actor() -> None:
    text = "روس کے طیاروں نے ادلب میں بمباری کی۔"
    places = [
        Place(text="روس", start=0, end=3, name="Russia", country="RUS", geo_precision=3),
        Place(
            text="ادلب",
            start=text.index("ادلب"),
            end=text.index("ادلب") + 4,
            name="Idlib",
            country="SYR",
            admin1="Idlib",
            geo_precision=1,
        ),
    ]
    (event,) = extract(text, places=places)
    assert event.location is not None and event.location.name == "Idlib"


# ----------------------------------------------------------------------------- one event per real event


def test_headline_and_lead_are_one_event() -> None:
    text = "پشاور میں خودکش حملہ، 5 افراد جاں بحق\n\nپشاور میں ایک خودکش حملے میں 5 افراد جاں بحق ہو گئے۔"
    events = [e for e in extract(text) if e.type == "ASSAULT"]
    assert len(events) == 1
    assert events[0].fatalities is not None and events[0].fatalities.best == 5


def test_a_later_mention_adds_its_details() -> None:
    text = "نامعلوم افراد نے پولیس چوکی پر حملہ کیا۔ اس حملے میں دو اہلکار شہید ہو گئے۔"
    events = [e for e in extract(text) if e.type == "ASSAULT"]
    assert len(events) == 1
    assert events[0].fatalities is not None and events[0].fatalities.best == 2


def test_attacks_on_different_streets_stay_apart() -> None:
    text = "مسجد روڈ پر دستی بم حملہ ہوا۔ بعد میں ریلوے روڈ پر فائرنگ کے واقعے میں دو افراد جاں بحق ہو گئے۔"
    assert len([e for e in extract(text) if e.type == "ASSAULT"]) == 2


# ----------------------------------------------------------------------------- table schemas

TABLES: dict[str, tuple[str, ...]] = {
    "triggers": ("type", "mode", "pattern", "verbs", "alone", "conf", "context"),
    "verbs": ("lemma", "class", "forms", "role"),
    "event_words": ("class", "word"),
    "case_markers": ("marker", "role", "types", "strength"),
    "claim_cues": ("phrase", "role", "kind", "by"),
    "modality": ("cue", "modality", "scope"),
    "mode_cues": ("cue", "mode", "grenade"),
    "number_words": ("word", "value", "kind", "ambiguous"),
    "dates": ("word", "kind", "value"),
}
MODES = frozenset().union(*SPEC_MODES.values())  # every mode of spec §3


@pytest.mark.parametrize("name", sorted(TABLES))
def test_table_loads_with_its_header(name: str) -> None:
    table = load_table("ur", name, TABLES[name])
    assert table.rows, name
    assert all(all(cell.strip() for cell in row) for row in table.rows), name


def test_triggers_table_values() -> None:
    lemmas = set(verb_lexicon().lemmas)
    classes = {c for c, _ in load_table("ur", "event_words", TABLES["event_words"]).rows}
    for typ, mode, pattern, verbs, alone, conf, context in load_table(
        "ur", "triggers", TABLES["triggers"]
    ).rows:
        assert typ in EVENT_TYPES
        assert mode == "-" or mode in SPEC_MODES.get(typ, ()), (typ, mode)
        assert alone in ("yes", "no")
        assert 0.0 < float(conf) <= 1.0
        for spec in verbs.split("|") if verbs != "-" else []:
            assert normalize_spelling(spec.split()[-1]) in lemmas, spec
        for word in pattern.split():
            if word.startswith("@"):
                assert normalize_spelling(word.split("|")[0][1:]) in lemmas, word
        for item in context.split(";") if context != "-" else []:
            key, _, value = item.partition("=")
            assert key in ("prev!", "next!", "sent!", "sent", "next", "near!", "story!"), key
            for cell in value.split("|"):
                assert not cell.startswith("@") or cell[1:] in classes, cell
    assert trigger_lexicon().index


def test_other_tables_values() -> None:
    for _, kind, value in load_table("ur", "dates", TABLES["dates"]).rows:
        assert kind in (
            "month",
            "hijri",
            "weekday",
            "day",
            "week",
            "month_rel",
            "year_rel",
            "ago",
            "ordinal",
            "end",
        )
        int(value)
    for _, value, kind, ambiguous in load_table("ur", "number_words", TABLES["number_words"]).rows:
        assert kind in ("unit", "multiplier", "vague", "at_least", "more_than", "about", "up_to")
        assert value == "-" or int(value) > 0
        assert ambiguous in ("yes", "no")
    for _, modality, scope in load_table("ur", "modality", TABLES["modality"]).rows:
        assert modality in ("reported_future", "threatened", "hypothetical", "negated")
        assert scope in ("verb", "suffix", "after", "before")
    for _, role, kind, _by in load_table("ur", "claim_cues", TABLES["claim_cues"]).rows:
        assert role in ("frame", "alone", "source")
        assert kind == "-" or kind in ("official", "anonymous", "media", "witness", "party")
    for _, mode, grenade in load_table("ur", "mode_cues", TABLES["mode_cues"]).rows:
        assert mode in MODES and grenade in ("yes", "no")
    for _, role, types_, strength in load_table("ur", "case_markers", TABLES["case_markers"]).rows:
        assert role in ("actor1", "actor2", "partner", "location", "genitive", "subject")
        assert types_ == "*" or all(t in EVENT_TYPES for t in types_.split("|"))
        assert 0.0 < float(strength) <= 1.0
    for lemma, cls, _forms, role in load_table("ur", "verbs", TABLES["verbs"]).rows:
        assert lemma.endswith("نا") and cls in ("c", "v", "x") and role in ("light", "vector", "aux", "full")


def test_an_arrest_dated_to_another_month_is_another_event() -> None:
    text = "پولیس نے دس افراد کو گرفتار کر لیا۔ اس سے قبل جولائی میں بیس افراد کو گرفتار کیا گیا تھا۔"
    arrests = [e for e in extract(text, pub_date="2014-09-01") if e.type == "COERCE"]
    assert [e.date.value if e.date else None for e in arrests] == ["2014-09-01", "2014-07-15"]


def test_later_mentions_of_the_same_day_are_one_event() -> None:
    text = "پولیس نے دس افراد کو گرفتار کر لیا۔ گرفتار کیے گئے افراد کو منگل کو عدالت میں پیش کیا گیا۔"
    assert len([e for e in extract(text, pub_date="2014-09-03") if e.type == "COERCE"]) == 1


def test_an_order_to_do_a_named_act_is_that_act() -> None:
    assert types("عدالت نے ملزمان کو رہا کرنے کا حکم دیا۔") == ["CONCEDE"]
    assert "REQUEST" in types("وزیر اعظم نے حکام کو سڑکیں صاف کرنے کا حکم دیا۔")


def test_what_someone_is_charged_with_is_no_event() -> None:
    text = "عدالت نے سرکاری املاک پر حملہ اور توڑ پھوڑ کے الزام میں گرفتار دس کارکنوں کو رہا کر دیا۔"
    assert "ASSAULT" not in types(text)


def test_after_killing_refers_to_the_killing_told_before() -> None:
    text = (
        "نامعلوم شخص نے مدرسے کے دروازے پر تین طالب علموں کو قتل کر دیا۔ "
        "قاتل طالب علموں کو قتل کرنے کے بعد موٹر سائیکل پر بھاگ نکلا۔"
    )
    assert len([e for e in extract(text) if e.type == "ASSAULT"]) == 1
