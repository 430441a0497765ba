"""Where an event happened (waqia.acled.event_location and the location choice when mentions merge),
through the whole default pipeline. Every sentence here is written for the test."""

from __future__ import annotations

from event_text import events_of, located


def test_from_belongs_to_the_noun_after_a_genitive() -> None:
    # "ملتان کے سیلاب سے متاثرہ": the سے is the flood's ("affected by"), not "from Multan"
    text = "فوج نے کراچی سے ملتان کے سیلاب سے متاثرہ خاندانوں کے لئے امدادی سامان بھجوایا۔"
    assert located(text, "AID") == "Karachi"


def test_from_a_site_inside_a_town_is_from_the_town() -> None:
    # "کوئٹہ چھاؤنی کے امدادی کیمپ سے": the camp lies in Quetta
    text = "فوج نے کوئٹہ چھاؤنی کے امدادی کیمپ سے سبی کے سیلاب سے متاثرہ لوگوں کے لئے امدادی سامان بھجوایا۔"
    assert located(text, "AID") == "Quetta"


def test_a_later_mention_names_the_province_inside_the_country() -> None:
    # the headline says only the country; the body, telling the same attack, names the province
    text = (
        "افغانستان میں طالبان کا حملہ، 12 افراد ہلاک\n\n"
        "کابل (نمائندہ) افغانستان میں طالبان نے حملہ کرکے 12 افراد کو ہلاک کردیا۔ "
        "حکام کے مطابق افغانستان کے جنوبی صوبے ہلمند میں طالبان نے ایک چوکی پر حملہ کیا "
        "جس میں 12 افراد ہلاک ہوگئے۔"
    )
    assert located(text, "ASSAULT") == "Helmand"


_TOUR = (
    "وزیراعظم کا سیلاب زدہ علاقوں کا دورہ\n\n"
    "لاہور (نمائندہ) وزیراعظم نے کہا ہے کہ حکومت متاثرین کی مدد جاری رکھے گی۔ "
    "اتوار کو ضلع قصور کے زیر آب دیہات کے دورہ کے موقع پر کسانوں سے بات چیت کرتے ہوئے "
    "وزیراعظم نے کہا کہ یہ مشکل گھڑی ہے۔ انہوں نے امدادی کارکنوں کی خدمات کو سراہا۔"
)


def test_a_visit_to_a_districts_areas_is_a_visit_to_the_district() -> None:
    assert located(_TOUR, "CONSULT") == "Kasur"


def test_a_speech_framed_by_a_visit_is_made_where_the_visit_went() -> None:
    # the lead says the speaker spoke on the visit: his statements are made there, not at the dateline
    assert located(_TOUR, "SUPPORT") == "Kasur"


def test_a_visit_told_inside_what_is_said_is_not_where_the_speaker_is() -> None:
    text = (
        "اسلام آباد (نمائندہ) چینی سفیر نے کہا ہے کہ وزیراعظم کے دورہ چین کے دوران دونوں ملکوں میں "
        "تعاون بڑھا ہے۔ انہوں نے پاکستان کی کوششوں کو سراہا۔"
    )
    assert located(text, "SUPPORT") == "Islamabad"


def test_there_is_the_place_named_last_before_it() -> None:
    text = (
        "حکومت نے کہا کہ اگلے سال عراق سے فوج واپس بلا لی جائے گی۔ "
        "تاہم دو ہزار فوجی بدستور وہاں تعینات رہیں گے۔"
    )
    assert located(text, "MOBILIZE") == "Iraq"


def test_a_retelling_placed_only_by_the_sentences_before_keeps_the_events_own_place() -> None:
    # the third sentence tells the arrest again and names who made it; its only place is the one the
    # sentence before it gives to another event, so the arrest stays where the lead put it
    text = (
        "8 شدت پسند گرفتار\n\n"
        "کابل (نمائندہ) افغان صوبے ہلمند میں ایک کمانڈر اور اس کے ساتھیوں سمیت "
        "8 شدت پسندوں کو گرفتار کر لیا گیا۔ "
        "جبکہ صوبے کنڑ کے شہر اسد آباد میں ایک قافلے پر حملے میں تین فوجی زخمی ہوگئے۔ "
        "گورنر کے ترجمان کے مطابق پولیس نے رات بھر کے چھاپوں میں ایک کمانڈر سمیت "
        "آٹھ شدت پسندوں کو گرفتار کر لیا۔"
    )
    assert located(text, "COERCE") == "Helmand"


def test_a_visit_to_a_list_of_places_is_placed_at_the_first() -> None:
    text = "وزیراعلیٰ نے اتوار کو پنڈی بھٹیاں اور جلال پور بھٹیاں کے ڈوبے ہوئے دیہات کا دورہ کیا۔"
    assert located(text, "CONSULT") == "Pindi Bhattian"


_OPERATION_BRIEFING = (
    "وزیراعظم کا دورہ، آپریشن پر بریفنگ\n\n"
    "پاراچنار (نمائندہ) وزیراعظم نے اورکزئی ایجنسی میں جاری فوجی آپریشن پر بریفنگ میں شرکت کی۔ "
    "قبل ازیں کور کمانڈر نے پاراچنار آمد پر وزیراعظم کا استقبال کیا۔ "
    "انہیں بتایا گیا کہ اب تک دو سو شدت پسندوں کو ہلاک کیا جا چکا ہے۔"
)


def test_the_acts_of_an_operation_happen_in_its_theatre_not_where_it_is_briefed() -> None:
    # the dateline and the arrival put the visitor in Parachinar; the fighting is in Orakzai
    assert located(_OPERATION_BRIEFING, "ASSAULT") == "Orakzai"


def test_a_surgeons_operation_has_no_theatre() -> None:
    # no armed forces in the sentence of "آپریشن": the attack stays at the dateline
    text = (
        "ملتان (نمائندہ) نشتر ہسپتال میں ڈاکٹروں نے بچے کا کامیاب آپریشن کیا۔ "
        "ادھر نامعلوم افراد نے ایک دکاندار کو فائرنگ کر کے ہلاک کر دیا۔"
    )
    assert located(text, "ASSAULT") == "Multan"


def test_what_a_briefing_about_a_visit_tells_happened_on_the_visit() -> None:
    text = (
        "اسلام آباد (نمائندہ) چینی سفیر نے کہا ہے کہ دونوں ملک تعاون بڑھائیں گے۔ "
        "انہوں نے کہا کہ چین پاکستان کا دوست ہے۔ "
        "ہفتہ وار بریفنگ میں وزیراعظم کے دورہ چین کے بارے میں ایک سوال پر ترجمان نے کہا کہ "
        "دونوں ملکوں نے تجارت بڑھانے کے پانچ معاہدوں پر دستخط کئے۔"
    )
    assert located(text, "AGREE") == "China"


def test_a_meeting_about_a_visit_to_come_is_held_at_home() -> None:
    text = "لاہور (نمائندہ) وزیراعظم کے دورہ چین کے بارے میں وزیراعلیٰ کی صدارت میں اجلاس ہوا۔"
    assert located(text, "CONSULT") == "Lahore"


def test_the_storys_history_is_placed_in_its_country_not_at_the_dateline() -> None:
    # "واضح رہے کہ": background told today from the capital; only its country is known
    text = (
        "قاہرہ (نمائندہ) مصر کی پارلیمان نے نئے وزیراعظم کی منظوری دے دی۔ "
        "واضح رہے کہ فوج نے گزشتہ سال حکومت کا تختہ الٹ کر اقتدار پر قبضہ کرلیا تھا۔"
    )
    assert located(text, "COERCE") == "Egypt"


def test_a_headline_item_with_no_place_does_not_take_the_place_of_another_item() -> None:
    # "میرانشاہ آمد" is the visitor's arrival; the militants were killed in the theatre
    text = (
        "شمالی وزیرستان میں جاری آپریشن پر بریفنگ، میرانشاہ آمد پر وزیراعظم کا استقبال، سو شدت پسند ہلاک\n\n"
        "میرانشاہ (نمائندہ) وزیراعظم نے فوجی افسروں سے خطاب کیا۔"
    )
    assert located(text, "ASSAULT") == "North Waziristan"


def test_a_country_before_a_town_in_it_is_no_list_of_places() -> None:
    # "نائیجیریا، بورنو": the country, then the town; one attack, not one per place
    text = "نائیجیریا، مائدوگوری شہر پر مسلح افراد کا حملہ، بیس افراد ہلاک"
    events = [e for e in events_of(text) if e.type == "ASSAULT"]
    assert [e.location.name for e in events if e.location] == ["Maiduguri"]


def test_a_headline_statement_item_shares_the_headlines_place() -> None:
    # a headline's items with no place of their own are placed where the headline puts its news
    text = (
        "ریگا میں پاکستان اور لٹویا کے درمیان مشاورت، دونوں ملکوں نے مفاہمت کی یادداشت پر دستخط کئے\n\n"
        "اسلام آباد (نمائندہ) دفتر خارجہ نے کہا ہے کہ مشاورت کامیاب رہی۔"
    )
    assert located(text, "AGREE") == "Riga"


def test_the_incident_is_placed_where_a_later_sentence_says_it_happened() -> None:
    text = (
        "لاہور (نمائندہ) پاکستان میں نامعلوم افراد نے فائرنگ کر کے تین افراد کو ہلاک کر دیا۔ "
        "پولیس کے مطابق یہ واقعہ ضلع قصور میں پیش آیا۔"
    )
    assert located(text, "ASSAULT") == "Kasur"


def test_an_incident_sentence_does_not_reach_past_three_sentences() -> None:
    text = (
        "کراچی (نمائندہ) نامعلوم افراد نے فائرنگ کر کے تین افراد کو ہلاک کر دیا۔ "
        "مقتولین کی لاشیں ہسپتال پہنچا دی گئیں۔ ورثاء نے احتجاج کیا۔ "
        "شہر میں سکیورٹی سخت کر دی گئی۔ بازار بند رہے۔ "
        "ادھر ایک اور حادثہ ضلع قصور میں پیش آیا۔"
    )
    assert located(text, "ASSAULT") == "Karachi"


def test_a_speech_on_an_occasion_is_made_where_the_occasion_was() -> None:
    # "اس موقع پر": the speech was made at the camp visited in Bannu, not at the dateline
    text = (
        "اسلام آباد (نمائندہ) وزیراعظم نے کابینہ کے اجلاس کی صدارت کی۔\n\n"
        "بعد ازاں وزیراعظم نے بنوں میں متاثرین کے کیمپ کا دورہ کیا۔ "
        "اس موقع پر کیمپ کے مکینوں سے خطاب کرتے ہوئے وزیراعظم نے کہا کہ "
        "آپ جلد گھروں کو لوٹیں گے۔ "
        "ہم آپ کے گھروں کی تعمیر کا منصوبہ بنائیں گے۔"
    )
    events = [e for e in events_of(text) if e.trigger.text and "منصوبہ" in e.trigger.text]
    assert [e.location.name for e in events if e.location] == ["Bannu"]


def test_a_provinces_house_in_the_capital_is_not_the_province() -> None:
    text = (
        "اسلام آباد (نمائندہ) وفاقی وزیر نے پنجاب ہاؤس میں کسان تنظیموں کے نمائندوں سے خطاب کرتے ہوئے "
        "حکومت سے مطالبہ کیا کہ کسانوں کو سبسڈی دی جائے۔"
    )
    assert located(text, "REQUEST") == "Islamabad"
