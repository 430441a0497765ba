"""Tokenisation and sentence segmentation. Every input here is written for the test."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from waqia._offsets import OffsetMap, apply_edits
from waqia.document import Document
from waqia.pipeline import Stage
from waqia.stages.normalize import NormalizationConfig, Normalizer
from waqia.stages.segment import Segmenter

SEGMENTER = Segmenter()


def run(text: str) -> Document:
    return SEGMENTER(Document(raw=text))


def tokens(text: str) -> list[str]:
    doc = run(text)
    return [doc.raw[t.start : t.end] for t in doc.tokens]


def sentences(text: str) -> list[str]:
    doc = run(text)
    return [doc.raw[s.start : s.end] for s in doc.sentences]


# ----------------------------------------------------------------------------- the stage


def test_is_a_stage() -> None:
    assert isinstance(SEGMENTER, Stage)
    assert SEGMENTER.name == "segment"
    assert SEGMENTER.requires == ("norm",)
    assert set(SEGMENTER.provides) == {"sentences", "tokens"}


def test_empty_and_blank_text() -> None:
    for text in ("", "   ", "\n\n\t "):
        doc = run(text)
        assert doc.tokens == []
        assert doc.sentences == []


# ----------------------------------------------------------------------------- tokens


def test_punctuation_is_split_off() -> None:
    assert tokens("وہ آیا، بیٹھا؛ پھر (چپ) رہا؟") == [
        "وہ",
        "آیا",
        "،",
        "بیٹھا",
        "؛",
        "پھر",
        "(",
        "چپ",
        ")",
        "رہا",
        "؟",
    ]
    assert tokens("کتاب«نئی»ہے: ہاں!") == ["کتاب", "«", "نئی", "»", "ہے", ":", "ہاں", "!"]
    assert tokens("اس نے کہا ’’ٹھیک‘‘ اور “ہاں” بھی") == [
        "اس",
        "نے",
        "کہا",
        "’’",
        "ٹھیک",
        "‘‘",
        "اور",
        "“",
        "ہاں",
        "”",
        "بھی",
    ]


def test_two_apostrophes_are_one_quote_token() -> None:
    assert tokens("اخبار نے'' خاص خبر'' چھاپی") == ["اخبار", "نے", "''", "خاص", "خبر", "''", "چھاپی"]


def test_full_stop_is_split_off_and_spaces_recorded() -> None:
    doc = run("بارش ہوئی۔ سب خوش تھے")
    assert [t.norm for t in doc.tokens] == ["بارش", "ہوئی", "۔", "سب", "خوش", "تھے"]
    assert [t.space_after for t in doc.tokens] == [True, False, True, True, True, False]


def test_numbers_glued_to_words_are_split() -> None:
    assert tokens("اس نے80بالز میں 24.3 اوورز") == ["اس", "نے", "80", "بالز", "میں", "24.3", "اوورز"]
    assert tokens("قیمت۱۲۰روپے") == ["قیمت", "۱۲۰", "روپے"]
    assert tokens("2014ء میں 25ویں بار") == ["2014", "ء", "میں", "25", "ویں", "بار"]


def test_numbers_keep_their_separators() -> None:
    assert tokens("1,000 افراد، 4:10 بجے، 15/10/2014 کو") == [
        "1,000",
        "افراد",
        "،",
        "4:10",
        "بجے",
        "،",
        "15/10/2014",
        "کو",
    ]
    assert tokens("بیس,تیس") == ["بیس", ",", "تیس"]
    assert tokens("5,12 اور 3.") == ["5", ",", "12", "اور", "3", "."]


def test_hyphenated_names_and_scores_are_one_token() -> None:
    assert tokens("ایس-300 میزائل اور F-16 طیارے") == ["ایس-300", "میزائل", "اور", "F-16", "طیارے"]
    assert tokens("میچ 6-3 سے جیتا، 2013-14 کا سال") == [
        "میچ",
        "6-3",
        "سے",
        "جیتا",
        "،",
        "2013-14",
        "کا",
        "سال",
    ]


def test_free_standing_dash_is_a_token() -> None:
    assert tokens("لاہور - کراچی") == ["لاہور", "-", "کراچی"]
    assert tokens("دن -- رات") == ["دن", "--", "رات"]


def test_hyphen_after_a_clause_final_word_is_a_dash() -> None:
    assert tokens("کھیل ختم ہو گیا ہے-اب آرام ہے") == [
        "کھیل",
        "ختم",
        "ہو",
        "گیا",
        "ہے",
        "-",
        "اب",
        "آرام",
        "ہے",
    ]
    assert sentences("کھیل ختم ہو گیا ہے-اب آرام ہے") == ["کھیل ختم ہو گیا ہے-", "اب آرام ہے"]


def test_underscore_joined_words_are_one_token() -> None:
    assert tokens("ہم بات_چیت کریں_گے") == ["ہم", "بات_چیت", "کریں_گے"]


def test_urls_emails_and_latin_words() -> None:
    assert tokens("دیکھیں https://example.org/a?b=1. یا www.example.com پر") == [
        "دیکھیں",
        "https://example.org/a?b=1",
        ".",
        "یا",
        "www.example.com",
        "پر",
    ]
    assert tokens("لکھیں info@example.org پر") == ["لکھیں", "info@example.org", "پر"]
    assert tokens("کمپنی Water Filter Bed بنے گا") == ["کمپنی", "Water", "Filter", "Bed", "بنے", "گا"]


def test_latin_abbreviations_keep_their_period() -> None:
    assert tokens("Dr. Smith اور U.S. حکام") == ["Dr.", "Smith", "اور", "U.S.", "حکام"]
    assert tokens("گروپ A. میں") == ["گروپ", "A.", "میں"]
    assert tokens("عہدہ P.D ملا") == ["عہدہ", "P.D", "ملا"]
    assert sentences("Mr. Brown نے کہا۔ سب ٹھیک ہے") == ["Mr. Brown نے کہا۔", "سب ٹھیک ہے"]


def test_other_scripts_stay_whole_words() -> None:
    assert tokens("लिखा हुआ ہندی") == ["लिखा", "हुआ", "ہندی"]


def test_runs_of_full_stops_are_one_token() -> None:
    assert tokens("اچھا؟! ہاں... نہیں۔۔۔ ٹھیک") == ["اچھا", "؟!", "ہاں", "...", "نہیں", "۔۔۔", "ٹھیک"]


# ----------------------------------------------------------------------------- sentences


def test_sentence_ends() -> None:
    assert sentences("بارش ہوئی۔ سڑکیں بند ہیں؟ ہاں! اب سب ٹھیک ہے") == [
        "بارش ہوئی۔",
        "سڑکیں بند ہیں؟",
        "ہاں!",
        "اب سب ٹھیک ہے",
    ]
    assert sentences("جلسہ ہوا۔لوگ آئے۔") == ["جلسہ ہوا۔", "لوگ آئے۔"]
    assert sentences("He came. وہ بھی آ گیا ہے") == ["He came.", "وہ بھی آ گیا ہے"]


def test_sentence_token_ranges_and_spans() -> None:
    doc = run("بارش ہوئی۔ سب خوش تھے۔")
    first, second = doc.sentences
    assert (first.token_start, first.token_end, second.token_start, second.token_end) == (0, 3, 3, 7)
    assert doc.raw[first.start : first.end] == "بارش ہوئی۔"
    assert not first.is_heading


def test_decimal_point_is_not_a_sentence_end() -> None:
    assert sentences("ہدف 24.3 اوورز میں پورا ہوا۔ ٹیم جیت گئی۔") == [
        "ہدف 24.3 اوورز میں پورا ہوا۔",
        "ٹیم جیت گئی۔",
    ]


def test_line_breaks_end_sentences() -> None:
    assert sentences("پہلی سطر\nدوسری سطر۔ اور جملہ\r\nتیسری") == [
        "پہلی سطر",
        "دوسری سطر۔",
        "اور جملہ",
        "تیسری",
    ]


def test_ellipsis_ends_a_sentence_only_at_a_line_end() -> None:
    assert sentences("وہ سوچتا رہا... پھر بولا۔") == ["وہ سوچتا رہا... پھر بولا۔"]
    assert sentences("وہ سوچتا رہا… پھر بولا") == ["وہ سوچتا رہا… پھر بولا"]
    assert sentences("وہ سوچتا رہا...\nپھر بولا") == ["وہ سوچتا رہا...", "پھر بولا"]


def test_closing_quote_and_bracket_belong_to_the_sentence_before() -> None:
    assert sentences("اس نے کہا ’’ہم جیتیں گے۔‘‘ پھر وہ چلا گیا۔") == [
        "اس نے کہا ’’ہم جیتیں گے۔‘‘",
        "پھر وہ چلا گیا۔",
    ]
    assert sentences("انہوں نے لکھا (یہ آخری بار ہے۔) اور رک گئے۔") == [
        "انہوں نے لکھا (یہ آخری بار ہے۔)",
        "اور رک گئے۔",
    ]
    assert sentences("اس نے کہا''ٹھیک ہے۔'' سب مان گئے") == ["اس نے کہا''ٹھیک ہے۔''", "سب مان گئے"]


def test_sentences_inside_a_quotation_are_split() -> None:
    assert sentences("اس نے کہا ’’ہم جیتیں گے۔ ہم لڑیں گے۔‘‘ سب نے سنا۔") == [
        "اس نے کہا ’’ہم جیتیں گے۔",
        "ہم لڑیں گے۔‘‘",
        "سب نے سنا۔",
    ]


def test_quote_glued_on_both_sides_opens_the_next_sentence() -> None:
    assert sentences("اس نے کہا۔’’ہم آئیں گے‘‘ اور چلا گیا۔") == ["اس نے کہا۔", "’’ہم آئیں گے‘‘ اور چلا گیا۔"]


def test_dash_after_a_clause_final_word_ends_a_sentence() -> None:
    assert sentences("اسکول کی حالت خراب ہے - ہر سال یہی ہوتا ہے -") == [
        "اسکول کی حالت خراب ہے -",
        "ہر سال یہی ہوتا ہے -",
    ]
    assert sentences("کام مکمل کیا گیا - اب جشن ہوگا") == ["کام مکمل کیا گیا -", "اب جشن ہوگا"]
    assert sentences("وہ آئیں_گے - سب تیار ہیں") == ["وہ آئیں_گے -", "سب تیار ہیں"]


def test_dash_elsewhere_is_not_a_sentence_end() -> None:
    assert sentences("سال 2001 - 2002 میں اور بی جے پی - شیو سینا اتحاد بنا") == [
        "سال 2001 - 2002 میں اور بی جے پی - شیو سینا اتحاد بنا",
    ]
    assert sentences("الوقت - شام کی حکومت نے کہا ہے کہ مذاکرات ہوں گے۔") == [
        "الوقت - شام کی حکومت نے کہا ہے کہ مذاکرات ہوں گے۔",
    ]


@pytest.mark.parametrize(
    "dateline",
    [
        "ڈھاکہ ۔ یکم دسمبر (اے پی پی)",
        "خیبر ایجنسی۔ 15 اکتوبر (اے پی پی)",
        "کوئٹہ۔یکم اکتوبر(اے پی پی)",
        "اسلام آباد (آن لائن)",
        "لاہور(نمائندہ خصوصی)",
        "اسلام آباد۔۔۔۔۔",
        "پشاور ۔ 3 جون",
        "کراچی۔ (نامہ نگار)",
        "سکھر + لاڑکانہ ۔ 12 مئی (ثناء نیوز)",
        "الوقت -",
    ],
)
def test_dateline_is_the_start_of_the_first_sentence(dateline: str) -> None:
    body = "شہر میں بارش سے نظام زندگی متاثر ہوا۔ کئی سڑکیں بند رہیں۔"
    assert sentences(f"{dateline} {body}") == [
        f"{dateline} شہر میں بارش سے نظام زندگی متاثر ہوا۔",
        "کئی سڑکیں بند رہیں۔",
    ]
    # after a headline too: the body's first paragraph starts with the dateline
    found = sentences(f"شہر میں بارش\n\n{dateline} {body}")
    assert found[1].startswith(dateline)
    assert found[1].endswith("متاثر ہوا۔")


def test_dateline_after_a_single_line_break() -> None:
    assert sentences("سرخی یہاں\nپشاور ۔ 3 جون (اے پی پی) بارش ہوئی۔ سب ٹھیک ہے") == [
        "سرخی یہاں",
        "پشاور ۔ 3 جون (اے پی پی) بارش ہوئی۔",
        "سب ٹھیک ہے",
    ]


def test_a_short_sentence_before_a_date_is_not_a_dateline() -> None:
    assert sentences("پولیس نے کہا۔ یکم اکتوبر کو دھماکہ ہوا۔") == [
        "پولیس نے کہا۔",
        "یکم اکتوبر کو دھماکہ ہوا۔",
    ]
    assert sentences("جلسہ ہو گیا۔ 5 اگست کو اگلا ہوگا۔") == ["جلسہ ہو گیا۔", "5 اگست کو اگلا ہوگا۔"]


def test_dateline_only_at_a_paragraph_start() -> None:
    assert sentences("وہ گھر گئے۔ کراچی۔ 3 جون کو واپس آئے۔") == [
        "وہ گھر گئے۔",
        "کراچی۔",
        "3 جون کو واپس آئے۔",
    ]


def test_urdu_abbreviations_spelt_initials_and_compound_names() -> None:
    assert sentences("یہ 300 ق۔م کی بات ہے۔ اب نہیں۔") == ["یہ 300 ق۔م کی بات ہے۔", "اب نہیں۔"]
    assert sentences("متعلقہ ایس۔ایچ۔او نے مقدمہ درج کیا۔ تفتیش جاری ہے۔") == [
        "متعلقہ ایس۔ایچ۔او نے مقدمہ درج کیا۔",
        "تفتیش جاری ہے۔",
    ]
    assert sentences("ڈی۔ آئی۔ جی نے دورہ کیا۔ سب حاضر تھے۔") == ["ڈی۔ آئی۔ جی نے دورہ کیا۔", "سب حاضر تھے۔"]
    assert sentences("پاک۔چین دوستی اور ہند۔ امریکہ تعلقات پر بات ہوئی۔ سب متفق تھے۔") == [
        "پاک۔چین دوستی اور ہند۔ امریکہ تعلقات پر بات ہوئی۔",
        "سب متفق تھے۔",
    ]
    # a letter name before a full stop, with an ordinary sentence after it, still ends the sentence
    assert sentences("نتیجہ گریڈ بی۔ اگلے سال بہتر ہوگا۔") == ["نتیجہ گریڈ بی۔", "اگلے سال بہتر ہوگا۔"]


# ----------------------------------------------------------------------------- headings


def test_headline_is_its_own_heading_sentence() -> None:
    doc = run("سیلاب سے دس دیہات زیر آب\n\nملتان ۔ 4 اگست (اے پی پی) دریا میں طغیانی آ گئی۔ لوگ محفوظ ہیں۔")
    found = [(doc.raw[s.start : s.end], s.is_heading) for s in doc.sentences]
    assert found == [
        ("سیلاب سے دس دیہات زیر آب", True),
        ("ملتان ۔ 4 اگست (اے پی پی) دریا میں طغیانی آ گئی۔", False),
        ("لوگ محفوظ ہیں۔", False),
    ]


def test_headline_with_a_full_stop_and_an_attribution() -> None:
    doc = run("ہم اگلا میچ جیتیں گے۔ کپتان احمد\n\nکپتان نے کہا کہ ٹیم تیار ہے۔")
    found = [(doc.raw[s.start : s.end], s.is_heading) for s in doc.sentences]
    assert found == [("ہم اگلا میچ جیتیں گے۔ کپتان احمد", True), ("کپتان نے کہا کہ ٹیم تیار ہے۔", False)]


def test_long_headline_running_into_its_lead_is_split_but_stays_heading() -> None:
    doc = run("بجلی کا بحران شدید ہو گیا۔ کئی شہروں میں دس گھنٹے لوڈ شیڈنگ کی گئی\n\nتفصیل یہ ہے۔")
    assert [(doc.raw[s.start : s.end], s.is_heading) for s in doc.sentences] == [
        ("بجلی کا بحران شدید ہو گیا۔", True),
        ("کئی شہروں میں دس گھنٹے لوڈ شیڈنگ کی گئی", True),
        ("تفصیل یہ ہے۔", False),
    ]


def test_unpunctuated_line_before_a_blank_line_is_a_heading() -> None:
    doc = run("پہلا پیراگراف یہ ہے۔\n\nذیلی سرخی\n\nدوسرا پیراگراف یہ ہے۔")
    assert [s.is_heading for s in doc.sentences] == [True, True, False]
    doc = run("پہلا پیراگراف یہ ہے۔\nدوسری سطر ہے۔\n\nذیلی سرخی\nمتن جاری ہے۔")
    assert [s.is_heading for s in doc.sentences] == [False, False, False, False]


def test_no_heading_without_a_blank_line() -> None:
    assert not any(s.is_heading for s in run("ایک جملہ ہے۔ دوسرا جملہ ہے۔").sentences)
    assert not any(s.is_heading for s in run("سرخی\nمتن یہ ہے۔").sentences)


def test_short_sign_off_stays_with_the_last_sentence() -> None:
    assert sentences("حکومت نے نئی پالیسی کا اعلان کیا۔ وزیر اطلاعات") == [
        "حکومت نے نئی پالیسی کا اعلان کیا۔ وزیر اطلاعات"
    ]
    assert sentences("اجلاس ختم ہوا۔ (ع ا)") == ["اجلاس ختم ہوا۔ (ع ا)"]
    # a short clause of its own is still a sentence
    assert sentences("اجلاس ختم ہوا۔ اب یہ ہے") == ["اجلاس ختم ہوا۔", "اب یہ ہے"]


# ----------------------------------------------------------------------------- normalised text


def test_spans_map_back_to_raw_through_the_offset_map() -> None:
    raw = "جنگ  بندی کااعلان ہوا ـ ۱۲ افراد ہلاک۔"
    # what a normaliser might do: insert a missing space, drop a tatweel, turn digits to ASCII
    edits = [(12, 12, " "), (22, 23, ""), (24, 26, "12")]
    norm, offsets = apply_edits(raw, edits)
    doc = Document(raw=raw, norm=norm, offsets=offsets, provided={"norm"})
    SEGMENTER(doc)
    pairs = [(t.norm, raw[t.start : t.end]) for t in doc.tokens]
    assert pairs == [
        ("جنگ", "جنگ"),
        ("بندی", "بندی"),
        ("کا", "کا"),
        ("اعلان", "اعلان"),
        ("ہوا", "ہوا"),
        ("ـ", "ـ"),
        ("12", "۱۲"),
        ("افراد", "افراد"),
        ("ہلاک", "ہلاک"),
        ("۔", "۔"),
    ]
    assert [t.space_after for t in doc.tokens][2:4] == [False, True]
    assert doc.sentences[0].start == 0 and doc.sentences[0].end == len(raw)


def test_characters_the_normaliser_deleted_stay_covered() -> None:
    raw = "کتاب ـ اچھی ـہے"
    norm, offsets = apply_edits(raw, [(5, 6, ""), (12, 13, "")])
    doc = SEGMENTER(Document(raw=raw, norm=norm, offsets=offsets, provided={"norm"}))
    assert [raw[t.start : t.end] for t in doc.tokens] == ["کتاب", "ـ", "اچھی", "ـہے"]


def test_identity_map_with_one_for_one_replacements() -> None:
    # a normaliser may turn a ZWNJ into a space without an offset edit: the ZWNJ must stay covered
    raw = "وہ جائیں\u200cگے"
    doc = Document(raw=raw, norm="وہ جائیں گے", offsets=OffsetMap.identity(len(raw)), provided={"norm"})
    SEGMENTER(doc)
    assert [raw[t.start : t.end] for t in doc.tokens] == ["وہ", "جائیں\u200c", "گے"]
    assert [t.norm for t in doc.tokens] == ["وہ", "جائیں", "گے"]


# ----------------------------------------------------------------------------- properties

# pieces rather than characters, so multi-character units (dateline words, ہے, "\r\n") turn up
URDU_HEAVY = st.lists(
    st.sampled_from(
        list("ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیےآۓؤئ")
        + list("۔،؛؟!?.,:;'\"()[]«»‘’“”-–—_/@%ـ")
        + list("0123456789۰۱۲۳۴۵۶۷۸۹٫٬")
        + list("abcXYZ")
        + ["\u064b", "\u0650", "\u0670", "\u200c", "\u200f", "\ufeff", "\u00ad"]
        + [" ", " ", " ", "\n", "\n\n", "\t", "\u00a0", "\u2029", "\r\n", "\x1c"]
        + ["اے پی پی", "ہے", "ہیں", "یکم", "اکتوبر", "ق", "ایس", "پاک", "http://x.y", "Mr.", "U.S."]
    ),
    max_size=120,
).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=200), URDU_HEAVY)


def check_invariants(doc: Document) -> None:
    raw = doc.raw
    covered = bytearray(len(raw))
    prev_end = 0
    for token in doc.tokens:
        assert 0 <= token.start < token.end <= len(raw)
        text = raw[token.start : token.end]
        assert text and text == text.strip()
        assert token.start >= prev_end
        assert token.norm
        assert token.space_after == raw[token.end : token.end + 1].isspace()
        prev_end = token.end
        covered[token.start : token.end] = b"\x01" * (token.end - token.start)
    assert all(covered[i] or c.isspace() for i, c in enumerate(raw))
    expected = 0
    for sentence in doc.sentences:
        assert sentence.token_start == expected
        assert sentence.token_end > sentence.token_start
        expected = sentence.token_end
        assert 0 <= sentence.start <= sentence.end <= len(raw)
        assert sentence.start == doc.tokens[sentence.token_start].start
        assert sentence.end == doc.tokens[sentence.token_end - 1].end
    assert expected == len(doc.tokens)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_invariants_on_any_text(text: str) -> None:
    check_invariants(run(text))


@st.composite
def edited_text(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    raw = draw(URDU_HEAVY)
    raw_edits = draw(
        st.lists(
            st.tuples(
                st.integers(0, len(raw)),
                st.integers(0, 3),
                st.sampled_from(["", " ", "x", "ی", "12", "۔", " ک"]),
            ),
            max_size=8,
        )
    )
    edits: list[tuple[int, int, str]] = []
    cursor = 0
    for start, length, replacement in sorted(raw_edits):
        if start < cursor:
            continue
        end = min(len(raw), start + length)
        edits.append((start, end, replacement))
        cursor = end if end > start else start + 1
    return raw, edits


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(edited_text())
def test_invariants_with_any_offset_map(case: tuple[str, list[tuple[int, int, str]]]) -> None:
    raw, edits = case
    norm, offsets = apply_edits(raw, edits)
    doc = Document(raw=raw, norm=norm, offsets=offsets, provided={"norm"})
    check_invariants(SEGMENTER(doc))


NORMALIZERS = [
    Normalizer(NormalizationConfig(remove_diacritics=remove, zwnj=zwnj, repair_joined_words=repair))
    for remove in (True, False)
    for zwnj in ("space", "remove", "keep")
    for repair in (True, False)
]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT, st.sampled_from(NORMALIZERS))
def test_invariants_after_every_normalisation_rule(text: str, normalizer: Normalizer) -> None:
    """The property the whole pipeline promises: every span is an exact slice of the raw text."""
    doc = SEGMENTER(normalizer(Document(raw=text)))
    check_invariants(doc)
    for token in doc.tokens:
        # the token's normalised form is what the normaliser made of exactly that raw slice
        assert token.norm.strip()


def test_invariants_after_the_normaliser() -> None:
    normalize = pytest.importorskip("waqia.stages.normalize")
    text = "کوئٹہ۔یکم اکتوبر(اے پی پی)دھماکےمیں۳افراد زخمی ہوگئے۔ پولیس نےکہاکہ تحقیقات جاری ہیں‌گی\n\nختم"
    doc = SEGMENTER(normalize.Normalizer()(Document(raw=text)))
    check_invariants(doc)
    assert doc.raw[doc.sentences[0].start : doc.sentences[0].end].startswith("کوئٹہ۔یکم اکتوبر")
