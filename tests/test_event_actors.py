"""Who acted (actor1) and on whom (actor2), through the whole default pipeline: coordination, pronouns,
dropped subjects, headline genitives and the phrase that names a group's members. Every sentence here
is written for the test."""

from __future__ import annotations

from event_text import events_of, the_one


def _name(actor: object) -> str | None:
    return getattr(actor, "name", None)


def test_the_first_of_two_genitive_doers_is_the_actor() -> None:
    event = the_one("طالبان اور القاعدہ کی حالیہ کارروائیوں میں دس فوجی ہلاک ہو گئے۔", "ASSAULT")
    assert _name(event.actor1) == "Taliban"
    assert [a.name for a in event.also] == ["al-Qaeda"]


def test_a_clash_between_two_sides_has_one_on_each_side() -> None:
    event = the_one("پولیس اور مظاہرین کے درمیان شدید جھڑپ میں پانچ افراد زخمی ہو گئے۔", "ASSAULT")
    assert _name(event.actor1) == "Pakistani police"
    assert _name(event.actor2) == "protesters"


def test_a_pronoun_actor_is_told_by_the_words_that_name_it() -> None:
    text = "وزیر خارجہ نے کہا کہ انہوں نے امریکی سفیر سے ملاقات کی ہے۔"
    event = the_one(text, "CONSULT")
    assert event.actor1 is not None and event.actor1.text == "وزیر خارجہ"
    assert event.actor1.start == 0


def test_the_pronoun_spelled_with_a_full_noon_is_a_pronoun() -> None:
    text = "وزیر خارجہ نے کہا کہ انہون نے امریکی سفیر سے ملاقات کی ہے۔"
    event = the_one(text, "CONSULT")
    assert event.actor1 is not None and event.actor1.text == "وزیر خارجہ"


def test_a_pronoun_after_and_points_to_the_subject_of_the_clause_before() -> None:
    text = "امریکی حکام قیدی کی صحت کے بارے میں فکر مند تھے اور انہوں نے طالبان سے معاہدہ کیا۔"
    event = the_one(text, "AGREE")
    assert event.actor1 is not None and event.actor1.text == "امریکی حکام"
    assert _name(event.actor2) == "Taliban"


def test_i_in_a_long_quotation_is_its_speaker() -> None:
    text = (
        "وزیراعظم نواز شریف نے جوانوں سے خطاب کرتے ہوئے کہا کہ فوج نے بڑی قربانیاں دی ہیں۔ "
        "قوم اپنے شہیدوں کو نہیں بھولے گی۔ ہمارے جوان ملک کا فخر ہیں۔ "
        "میں پوری قوم کی طرف سے جوانوں کو مبارکباد دیتا ہوں۔"
    )
    assert _name(the_one(text, "SUPPORT").actor1) == "Nawaz Sharif"


def test_the_one_who_arrives_on_a_visit_made_it() -> None:
    event = the_one("وزیر داخلہ چوہدری نثار علی خان ایک روزہ دورے پر گزشتہ روز کوئٹہ پہنچے۔", "CONSULT")
    assert _name(event.actor1) == "Chaudhry Nisar Ali Khan"


def test_a_headline_visit_is_made_by_its_genitive() -> None:
    text = (
        "وزیراعلیٰ پنجاب شہباز شریف کا سیلاب زدہ علاقوں کا دورہ\n\n"
        "لاہور (نمائندہ خصوصی) وزیراعلیٰ نے متاثرین میں امدادی سامان تقسیم کیا۔"
    )
    visits = [e for e in events_of(text) if e.type == "CONSULT"]
    assert visits and _name(visits[0].actor1) == "Shehbaz Sharif"
    assert visits[0].actor2 is None  # the doer is not also the one visited


def test_a_headline_genitive_is_not_the_doer_of_an_attack() -> None:
    # "دہشتگردوں کا ٹھکانہ تباہ": the genitive of a destroyed thing is its owner, the target
    text = "دہشت گردوں کا مرکز تباہ\n\nپشاور (نمائندہ) سیکیورٹی فورسز نے کارروائی کی۔"
    for event in events_of(text):
        assert _name(event.actor1) != "militants", event.trigger.text


def test_members_of_a_group_are_named_with_the_group() -> None:
    event = the_one("تحریک انصاف کے کارکنوں نے پولیس پر پتھراؤ کیا۔", "ASSAULT")
    assert event.actor1 is not None and event.actor1.text == "تحریک انصاف کے کارکنوں"
    assert event.actor1.name == "Pakistan Tehreek-e-Insaf activists"


def test_having_done_shares_the_subject_of_the_main_verb() -> None:
    event = the_one("پولیس نے ملزم کے خلاف مقدمہ درج کر کے تفتیش شروع کر دی۔", "ACCUSE")
    assert _name(event.actor1) == "Pakistani police"


def test_an_operation_named_as_the_time_of_an_arrest_is_no_second_event() -> None:
    events = events_of("افغان فورسز نے خصوصی آپریشن کے دوران دس شدت پسندوں کو گرفتار کر لیا۔")
    assert [e.type for e in events] == ["COERCE"]
    assert _name(events[0].actor1) == "Afghan National Security Forces"


def test_a_comma_joins_actors_not_a_clause_and_an_actor() -> None:
    text = "شہر میں کئی روز سے بجلی بند رہی، طالبان نے پولیس چوکی پر حملہ کیا۔"
    event = the_one(text, "ASSAULT")
    assert event.actor1 is not None and event.actor1.text == "طالبان"
    assert event.also == []


def test_an_on_the_part_of_after_the_act_is_not_its_doer() -> None:
    text = "بازار میں مظاہرین پر فائرنگ کی گئی اور بعد میں پولیس کی جانب سے بیان جاری کیا گیا۔"
    event = the_one(text, "ASSAULT")
    assert _name(event.actor1) != "Pakistani police"


def test_what_an_official_says_will_be_done_is_done_by_the_officials_side() -> None:
    text = (
        "امریکی صدر بارک اوباما نے کہا ہے کہ امریکا اپنے اتحادیوں کا ساتھ دے گا۔ "
        "اگر ضرورت پڑی تو سفارتکاروں کو تحفظ فراہم کیا جائے گا۔"
    )
    event = the_one(text, "AID")
    assert _name(event.actor1) == "Barack Obama"
    # a past act the official only reports is not the official's
    past = (
        "امریکی صدر بارک اوباما نے کہا ہے کہ امریکا اپنے اتحادیوں کا ساتھ دے گا۔ "
        "سفارتکاروں کو تحفظ فراہم کیا گیا۔"
    )
    assert the_one(past, "AID").actor1 is None
