"""Event arguments through the whole default pipeline: where an event happened (waqia.acled.event_location),
who it was aimed at, and who says so. Every sentence here is written for the test."""

from __future__ import annotations

import pytest
from event_text import located, pipeline

import waqia
from waqia.record import Event


@pytest.mark.parametrize(
    ("text", "typ", "place"),
    [
        # a consignment, a release and a withdrawal happen where they set out from
        (
            "فوج نے لاہور گیریژن سے بہاولپور کے قحط زدہ دیہات کیلئے خوراک اور امدادی سامان بھجوایا۔",
            "AID",
            "Lahore",
        ),
        ("نیٹو افواج نے افغانستان سے انخلا مکمل کر لیا۔", "RETREAT", "Afghanistan"),
        # a local authority acts where it sits, when the clause names no other place
        ("ملتان پولیس نے دو ملزمان کو گرفتار کر لیا۔", "COERCE", "Multan"),
        ("لاہور کی مقامی عدالت نے دو ملزمان کی ضمانت منظور کر لی۔", "CONCEDE", "Lahore"),
    ],
)
def test_event_location(text: str, typ: str, place: str) -> None:
    assert located(text, typ) == place


def test_an_attack_is_where_the_text_puts_it_not_where_the_police_sit() -> None:
    text = "ملتان پولیس کے مطابق نامعلوم افراد نے خانیوال میں فائرنگ کی۔"
    assert located(text, "ASSAULT") == "Khanewal"


def test_during_the_visit_means_where_the_visit_went() -> None:
    text = (
        "وزیر اعلیٰ کا دورہ ایران\n\nکراچی (نمائندہ) وزیر اعلیٰ نے گزشتہ روز ایران کا دورہ کیا۔ "
        "دورے کے دوران دونوں ممالک نے تجارت بڑھانے پر اتفاق کیا۔"
    )
    agreements = _typed(text, "AGREE")
    assert agreements and agreements[0].location is not None
    assert agreements[0].location.name == "Iran"


def test_an_attribution_covers_the_next_sentence_only() -> None:
    text = (
        "پولیس کے مطابق نامعلوم افراد نے چوکی پر حملہ کیا۔ بعد میں مسلح افراد نے دو اساتذہ کو اغوا کر لیا۔ "
        "ایک اور واقعے میں مظاہرین نے سڑک بند کر کے احتجاج کیا۔"
    )
    events = waqia.extract(text, pipeline=pipeline()).events
    claims = {(e.type, e.mode): e.claim.by if e.claim else None for e in events}
    assert claims == {
        ("ASSAULT", None): "police",
        ("ASSAULT", "abduct"): "police",
        ("PROTEST", "demonstrate"): None,
    }


def test_an_announced_operation_against_a_named_group() -> None:
    text = "جیش الفتح کے خلاف روسی فوج کا آپریشن جلد شروع ہو گا۔"
    (event,) = waqia.extract(text, pipeline=pipeline()).events
    assert (event.type, event.modality) == ("ASSAULT", "reported_future")
    assert event.actor2 is not None and event.actor2.text == "جیش الفتح"


def test_against_an_abstraction_is_no_target() -> None:
    text = "وزیر اعظم نے دہشتگردی کے خلاف کامیاب آپریشن پر فوج کو خراج تحسین پیش کیا۔"
    assert [e.type for e in waqia.extract(text, pipeline=pipeline()).events if e.type == "ASSAULT"] == []


def test_acting_on_information_aims_at_the_people_acted_on() -> None:
    text = "سیکیورٹی فورسز نے خفیہ اطلاعات پر کارروائی کرتے ہوئے دس شدت پسندوں کو ہلاک کر دیا۔"
    (event,) = _typed(text, "ASSAULT")
    assert event.actor2 is not None and event.actor2.sector == "REB"


def test_a_we_will_promise_to_a_named_recipient_is_a_pledge() -> None:
    # the named phrase takes کو: it receives the promise, it does not make it
    text = "اساتذہ کو تمام سہولتیں فراہم کرینگے۔"
    assert [(e.type, e.modality) for e in waqia.extract(text, pipeline=pipeline()).events] == [
        ("AGREE", "asserted")
    ]


def _typed(text: str, typ: str) -> list[Event]:
    """The events of one type the default pipeline finds in ``text``."""
    return [e for e in waqia.extract(text, pipeline=pipeline()).events if e.type == typ]


def _events(text: str, typ: str) -> list[tuple[str, str | None, str | None]]:
    events = waqia.extract(text, pipeline=pipeline(), pub_date="2014-10-01").events
    return [
        (e.trigger.text or "", e.actor1.name if e.actor1 else None, e.location.name if e.location else None)
        for e in events
        if e.type == typ
    ]


def test_two_statements_of_one_speaker_are_two_events() -> None:
    text = (
        "وزیراعظم نواز شریف نے پولیس کی کارکردگی کی تعریف کی۔ "
        "وزیراعظم نواز شریف نے فوج کی قربانیوں کی بھی تعریف کی۔"
    )
    assert [name for _, name, _ in _events(text, "SUPPORT")] == ["Nawaz Sharif", "Nawaz Sharif"]


def test_a_repeated_attack_is_still_one_event() -> None:
    # the speech-act rule leaves acts of force alone: the second sentence tells the same attack
    text = "نامعلوم افراد نے کوئٹہ میں پولیس چوکی پر حملہ کیا۔ چوکی پر دستی بم سے حملہ کیا گیا۔"
    assert len(_events(text, "ASSAULT")) == 1


def test_two_clauses_of_one_sentence_tell_two_acts() -> None:
    text = "وزیراعظم نواز شریف نے میرانشاہ میں بریفنگ میں شرکت کی، جوانوں سے خطاب کیا۔"
    assert len(_events(text, "CONSULT")) == 2
    # one clause with two words for one act stays one event
    assert len(_events("وزیراعظم نواز شریف نے میرانشاہ میں اجلاس میں شرکت کی۔", "CONSULT")) == 1


def test_a_passive_act_of_force_is_done_by_the_force_named_before() -> None:
    text = (
        "وزیراعظم نواز شریف نے پاک فوج کو خراج تحسین پیش کیا۔ "
        "بتایا گیا کہ شمالی وزیرستان میں اب تک دو سو دہشتگردوں کو ہلاک کیا جا چکا ہے۔"
    )
    assert [name for _, name, _ in _events(text, "ASSAULT")] == ["Pakistan Army"]
    # an officer is not the force; an attack on civilians gets no guessed agent
    officer = (
        "وزیراعظم نواز شریف نے جنرل راحیل شریف کو خراج تحسین پیش کیا۔ "
        "بتایا گیا کہ دو سو دہشتگردوں کو ہلاک کیا جا چکا ہے۔"
    )
    assert [name for _, name, _ in _events(officer, "ASSAULT")] == [None]
    civilians = (
        "وزیراعظم نواز شریف نے پاک فوج کو خراج تحسین پیش کیا۔ "
        "بتایا گیا کہ بازار میں دو شہریوں کو ہلاک کر دیا گیا۔"
    )
    assert [name for _, name, _ in _events(civilians, "ASSAULT")] == [None]


def test_where_after_a_place_puts_the_act_there() -> None:
    text = "مظاہروں کا آغاز کراچی سے ہوا، جہاں ہزاروں کارکنوں نے حکومت کے خلاف مظاہرہ کیا۔"
    assert [loc for trigger, _, loc in _events(text, "PROTEST") if trigger.startswith("مظاہرہ")] == [
        "Karachi"
    ]


def test_a_headline_event_told_again_in_the_body_takes_the_body_place() -> None:
    text = (
        "پشاور، کوہاٹ: دستی بم حملے، تین افراد زخمی\n\n"
        "پشاور میں نامعلوم افراد نے دکان پر دستی بم پھینکا۔ "
        "اس کے بعد بازار میں دستی بم حملے سے دو افراد زخمی ہو گئے۔"
    )
    places = {loc for _, _, loc in _events(text, "ASSAULT")}
    assert "Kohat" not in places, _events(text, "ASSAULT")


def test_a_lead_retold_with_its_doer_is_one_event_at_the_doer() -> None:
    text = (
        "کوئٹہ کے علاقے سریاب روڈ پر دستی بم حملہ، دو افراد زخمی ہو گئے۔ "
        "پولیس کے مطابق کوئٹہ کے سریاب روڈ پر نامعلوم موٹر سائیکل سواروں نے ایک دکان پر دستی بم پھینکا۔"
    )
    attacks = _events(text, "ASSAULT")
    assert [trigger for trigger, _, _ in attacks] == ["دستی بم پھینکا"], attacks
    # a country-wide lead ("ملک بھر میں") is a summary, not the same act as one town's
    summary = (
        "ملک بھر میں پولیس کا کریک ڈاؤن جاری ہے۔ لاہور پولیس نے سریاب روڈ پر دس ملزمان کو گرفتار کر لیا۔"
    )
    assert len(_events(summary, "COERCE")) == 2, _events(summary, "COERCE")


def test_a_place_near_the_act_is_not_its_doer() -> None:
    # "کے قریب", "کے باہر" are postpositions of place: the police lines are where, not who
    for text in (
        "پولیس لائنز کے قریب دھماکہ، تین افراد زخمی ہو گئے۔",
        "امریکی سفارتخانے کے باہر دھماکہ، تین افراد زخمی ہو گئے۔",
    ):
        assert [name for _, name, _ in _events(text, "ASSAULT")] == [None], _events(text, "ASSAULT")
    # a border is not an actor either when it is the target of "پر"
    on = waqia.extract("پاک افغان سرحد پر دھماکے سے دو اہلکار زخمی ہو گئے۔", pipeline=pipeline()).events
    assert [e.actor2 for e in on if e.type == "ASSAULT"] == [None]
    # a real genitive agent still is one
    assert [name for _, name, _ in _events("طالبان کا حملہ، تین اہلکار زخمی ہو گئے۔", "ASSAULT")] == [
        "Taliban"
    ]


def test_two_attacks_in_one_sentence_keep_their_own_tolls() -> None:
    text = (
        "کوئٹہ کے جناح روڈ پر فائرنگ کے واقعے میں دو بھائی جاں بحق ہو گئے "
        "جبکہ کوئٹہ کے سبزل روڈ پر فائرنگ سے تین افراد زخمی ہو گئے۔"
    )
    events = _typed(text, "ASSAULT")
    tolls = [
        (e.fatalities.best if e.fatalities else None, e.injured.best if e.injured else None) for e in events
    ]
    assert tolls == [(2, None), (None, 3)], tolls


def test_a_verb_made_into_a_noun_tells_no_act() -> None:
    text = "پولیس نے حملہ کرنے والے دو ملزمان کو گرفتار کر لیا۔"
    assert [e.type for e in waqia.extract(text, pipeline=pipeline()).events] == ["COERCE"]
    # "is about to attack" is still an announced act
    threat = "کمانڈر نے کہا کہ دشمن حملہ کرنے والا ہے۔"
    assert [e.type for e in waqia.extract(threat, pipeline=pipeline()).events if e.type == "ASSAULT"] == [
        "ASSAULT"
    ]


def test_accounts_with_the_same_toll_far_apart_are_one_attack() -> None:
    text = (
        "بورنو میں شدت پسندوں نے گاؤں پر حملہ کر کے 20 افراد کو ہلاک کر دیا۔ "
        "گاؤں کے لوگ خوف زدہ ہیں۔ "
        "حکام نے علاقے میں کرفیو نافذ کر دیا۔ "
        "امدادی کارکن موقع پر پہنچ گئے۔ "
        "بتایا گیا ہے کہ شدت پسندوں نے بورنو کے گاؤں میں گھروں کو آگ لگا دی جس سے 20 افراد ہلاک ہو گئے۔"
    )
    assert len(_events(text, "ASSAULT")) == 1, _events(text, "ASSAULT")
    other = text.replace("جس سے 20 افراد", "جس سے 7 افراد")
    assert len(_events(other, "ASSAULT")) == 2, _events(other, "ASSAULT")


def test_a_bare_plural_speaks_of_acts_in_general() -> None:
    generic = (
        "سینیٹ نے اساتذہ پر حملوں کی مذمت کی۔ مشیر نے کہا کہ ہڑتالوں اور دھرنوں کی وجہ سے کاروبار ٹھپ رہا۔"
    )
    types = [e.type for e in waqia.extract(generic, pipeline=pipeline()).events]
    assert "ASSAULT" not in types and "PROTEST" not in types, types
    # with a toll or a number the plural tells what happened
    toll = "فوج اور شدت پسندوں کے درمیان جھڑپوں میں 12 افراد ہلاک ہو گئے۔"
    assert [e.type for e in waqia.extract(toll, pipeline=pipeline()).events] == ["ASSAULT"]
    counted = "شہر 5 زور دار دھماکوں سے لرز اٹھا۔"
    assert [e.type for e in waqia.extract(counted, pipeline=pipeline()).events] == ["ASSAULT"]


def test_a_statement_is_made_where_its_clause_puts_the_speakers() -> None:
    text = (
        "لاہور (نامہ نگار) کراچی میں ہزاروں تاجروں نے ٹیکس واپس لینے کا مطالبہ کیا۔ "
        "وزیر نے اس مطالبے کو مسترد کر دیا۔"
    )
    assert located(text, "REQUEST") == "Karachi"
    assert located(text, "REJECT") == "Lahore"  # no place in its clause: the dateline's


def test_an_announced_act_without_a_doer_is_the_speakers() -> None:
    text = "وزیر دفاع خواجہ آصف نے کہا ہے کہ شمالی وزیرستان میں فضائی حملے جاری رہیں گے۔"
    attacks = _typed(text, "ASSAULT")
    assert [e.actor1.text if e.actor1 else None for e in attacks] == ["وزیر دفاع خواجہ آصف"]
    # a past act the official only reports is not the official's
    past = "وزیر داخلہ نے بتایا کہ بازار میں دھماکہ ہوا۔"
    attacks = _typed(past, "ASSAULT")
    assert [e.actor1 for e in attacks] == [None]


def test_a_pronoun_subject_is_the_subject_the_story_follows() -> None:
    text = (
        "وزیراعظم نواز شریف نے کہا کہ شہید جوانوں نے وطن کے لیے قربانیاں دی ہیں۔ "
        "انہوں نے جنرل راحیل شریف کی بھی تعریف کی۔"
    )
    support = _typed(text, "SUPPORT")
    # the actor is told by the words that name it
    named = [(e.actor1.text, e.actor1.name) for e in support if e.actor1]
    assert named == [("وزیراعظم نواز شریف", "Nawaz Sharif")]


def test_the_one_on_a_visit_is_its_actor() -> None:
    text = "وزیر خارجہ خواجہ آصف آج کل چین کے دورے پر ہیں۔"
    visits = _typed(text, "CONSULT")
    assert [e.actor1.text if e.actor1 else None for e in visits] == ["وزیر خارجہ خواجہ آصف"]


def test_a_promise_without_a_subject_has_the_last_one_named() -> None:
    text = (
        "وزیراعظم نواز شریف نے بنوں میں متاثرین سے خطاب کیا۔ "
        "ہم آپ کے گھروں کی تعمیر کا جامع منصوبہ بنائیں گے۔"
    )
    pledges = _typed(text, "AGREE")
    assert [e.actor1.name if e.actor1 else None for e in pledges] == ["Nawaz Sharif"], pledges
    # a past act with no subject found is left without a guessed one
    past = "وزیراعظم نواز شریف نے بنوں میں متاثرین سے خطاب کیا۔ بازار میں دکانوں کو آگ لگا دی۔"
    attacks = _typed(past, "ASSAULT")
    assert [e.actor1 for e in attacks] == [None], attacks


def test_a_performative_in_the_present_is_done_by_saying_it() -> None:
    said = "قومی اسمبلی صحافیوں پر تشدد کی شدید مذمت کرتی ہے۔"
    assert [e.type for e in waqia.extract(said, pipeline=pipeline()).events] == ["ACCUSE"]
    # a habit in the passive is still no event, and neither is a habit of force
    habit = "ان کی گلوکاری کو سراہا جاتا ہے۔ پولیس ہر رات گشت کے دوران لوگوں کو گرفتار کرتی ہے۔"
    assert [e.type for e in waqia.extract(habit, pipeline=pipeline()).events] == []


def test_saying_what_should_be_done_is_a_request() -> None:
    text = "وزیراعظم نے کہا کہ تمام صوبوں کو سیلاب زدگان کی بھرپور مدد کرنی چاہیے۔"
    assert "REQUEST" in [e.type for e in waqia.extract(text, pipeline=pipeline()).events]
    statement = "وزیراعظم نے کہا کہ سیلاب سے بہت نقصان ہوا ہے۔"
    assert "REQUEST" not in [e.type for e in waqia.extract(statement, pipeline=pipeline()).events]


def test_an_act_in_the_subjunctive_is_not_done() -> None:
    def modality(text: str) -> list[str]:
        return [e.modality for e in waqia.extract(text, pipeline=pipeline()).events]

    assert modality("کارکن پرامن احتجاج کریں۔") == ["hypothetical"]
    assert modality("پولیس ملزمان کو گرفتار کرے گی۔") == ["reported_future"]
    assert modality("پولیس نے ملزمان کو گرفتار کیا۔") == ["asserted"]


def test_an_act_at_a_list_of_places_is_one_event_per_place() -> None:
    text = "پولیس نے بہاولپور، خانیوال اور ساہیوال میں مظاہرین کو گرفتار کر لیا جس سے دو افراد زخمی ہوئے۔"
    arrests = _events(text, "COERCE")
    assert sorted(loc or "" for _, _, loc in arrests) == ["Bahawalpur", "Khanewal", "Sahiwal"], arrests
    # a statement at a list of places stays one statement
    said = "وزیر نے بہاولپور، خانیوال اور ساہیوال میں سیلاب متاثرین کی مدد کا مطالبہ کیا۔"
    assert len(_events(said, "REQUEST")) == 1


def test_a_place_on_the_border_is_not_the_country_across_it() -> None:
    text = "تربت (نامہ نگار) پاک ایران سرحد پر بم دھماکہ ہوا جس سے دو افراد زخمی ہو گئے۔"
    assert located(text, "ASSAULT") != "Iran"


def test_thousands_demanding_together_are_a_protest_too() -> None:
    text = "کراچی میں بھی 20 ہزار افراد نے مہنگائی کے خاتمے کا مطالبہ کیا۔"
    assert sorted(e.type for e in waqia.extract(text, pipeline=pipeline()).events) == ["PROTEST", "REQUEST"]
    one = "کراچی میں وزیر اعلیٰ نے مہنگائی کے خاتمے کا مطالبہ کیا۔"
    assert [e.type for e in waqia.extract(one, pipeline=pipeline()).events] == ["REQUEST"]


def test_an_infinitive_under_a_postposition_is_the_topic_not_the_act_of_the_subject() -> None:
    topic = "ارکان پارلیمنٹ نے قیدیوں کو رہا کرنے کے فیصلے پر حکومت پر تنقید کی۔"
    releases = _typed(topic, "CONCEDE")
    assert [e.actor1 for e in releases] == [None]
    # "حملہ کرنے کا اعلان کیا": the one who announces it is the one who will do it
    control = "طالبان نے شہر پر حملہ کرنے کا اعلان کیا۔"
    attacks = _typed(control, "ASSAULT")
    assert [e.actor1.name if e.actor1 else None for e in attacks] == ["Taliban"]


def test_a_visit_in_the_headline_is_anchored_where_the_body_tells_it() -> None:
    text = (
        "وزیراعظم نواز شریف کا دورہ چین\n\n"
        "اسلام آباد (نامہ نگار) وزیراعظم نواز شریف نے چین کا تین روزہ دورہ کیا۔"
    )
    visits = _typed(text, "CONSULT")
    assert len(visits) == 1 and visits[0].trigger.start is not None
    assert visits[0].trigger.start > text.index("\n"), visits[0].trigger


def test_summoning_a_meeting_is_the_meeting() -> None:
    text = "وزیراعظم نے قومی سلامتی کمیٹی کا اجلاس کل طلب کر لیا۔"
    assert [(e.type, e.trigger.text) for e in waqia.extract(text, pipeline=pipeline()).events] == [
        ("CONSULT", "اجلاس کل طلب کر لیا")
    ]
    summons = "عدالت نے وزیر داخلہ کو کل طلب کر لیا۔"
    assert [e.type for e in waqia.extract(summons, pipeline=pipeline()).events] == ["REQUEST"]


def test_acts_listed_as_examples_of_a_kind_are_no_events() -> None:
    text = "ان ارکان کے خلاف قتل، اغوا اور قاتلانہ حملہ جیسے سنگین جرائم کے مقدمات ہیں۔"
    assert [e.type for e in waqia.extract(text, pipeline=pipeline()).events if e.type == "ASSAULT"] == []


def test_accounts_of_the_same_number_arrested_are_one_arrest() -> None:
    text = (
        "طالبان کمانڈر سمیت 10 شدت پسند گرفتار\n\n"
        "کابل (اے پی پی) صوبہ قندھار کے ایک گاؤں سے طالبان کمانڈر اور اس کے نو ساتھیوں سمیت "
        "10 شدت پسندوں کو گرفتار کر لیا گیا۔ "
        "ادھر جلال آباد میں فوجی قافلے پر حملے میں پانچ فوجی زخمی ہو گئے۔ "
        "گورنر کے ترجمان نے بتایا کہ پولیس نے رات بھر کے چھاپوں میں دس شدت پسندوں کو گرفتار کر لیا۔"
    )
    arrests = _typed(text, "COERCE")
    assert len(arrests) == 1, [(e.trigger.text, e.location) for e in arrests]
    assert arrests[0].actor1 is not None and arrests[0].trigger.text == "گرفتار کر لیا"


def test_what_was_done_in_an_attack_told_before_is_that_attack() -> None:
    text = (
        "پشاور میں خودکش حملہ آور نے خود کو دھماکے سے اڑا لیا جس سے تین افراد جاں بحق ہو گئے "
        "جبکہ حکام کے مطابق حملہ میں پولیس چوکی کو نشانہ بنایا گیا۔"
    )
    assert len(_events(text, "ASSAULT")) == 1, _events(text, "ASSAULT")


def test_against_whom_is_the_target_not_the_doer() -> None:
    events = waqia.extract("دہشت گردوں کے خلاف فوجی کارروائی جاری ہے۔", pipeline=pipeline()).events
    assert [(e.actor1, e.actor2.text if e.actor2 else None) for e in events] == [(None, "دہشت گردوں")]


def test_an_act_that_ends_is_not_held() -> None:
    ended = (
        "وزیر نے طاہر القادری کے دھرنا ختم کرنے کے فیصلے کا خیر مقدم کیا۔ جاپان سفری پابندیاں ختم کر دے گا۔"
    )
    types = [e.type for e in waqia.extract(ended, pipeline=pipeline()).events]
    assert "PROTEST" not in types and "SANCTION" not in types, types
    held = "تحریک انصاف کے کارکنوں نے پارلیمنٹ کے سامنے دھرنا دیا۔"
    assert [e.type for e in waqia.extract(held, pipeline=pipeline()).events] == ["PROTEST"]


def test_a_statement_in_the_present_without_a_subject_is_the_speakers() -> None:
    text = (
        "وزیراعظم نواز شریف نے متاثرہ علاقوں کا دورہ کیا۔ "
        "انہوں نے کہا کہ وہ امدادی کارکنوں کی ہمت کو سراہتے ہیں۔"
    )
    support = _typed(text, "SUPPORT")
    assert [e.actor1.name if e.actor1 else None for e in support] == ["Nawaz Sharif"], support


def test_what_did_not_happen_is_nowhere_unless_its_sentence_says_where() -> None:
    text = "کوئٹہ (نامہ نگار) پولیس نے شہر میں گشت بڑھا دیا۔ طالبان نے حملہ نہیں کیا۔"
    (attack,) = _typed(text, "ASSAULT")
    assert (attack.modality, attack.location) == ("negated", None)
    placed = "اگر مذاکرات ناکام ہوئے تو طالبان کوئٹہ میں حملہ کریں گے۔"
    assert [(e.modality, e.location.name if e.location else None) for e in _typed(placed, "ASSAULT")] == [
        ("hypothetical", "Quetta")
    ]
