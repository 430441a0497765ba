"""Feature extraction: spelling keys, phrase matching, inflection probes, shared templates."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from waqia.models.features import (
    FeatureExtractor,
    FeatureSpec,
    PhraseMatcher,
    Resources,
    fold,
    paradigm,
    shape,
    standard_spelling,
)


def test_fold_maps_variant_spellings_to_one_key() -> None:
    assert fold("مےں") == fold("میں") == "میں"  # UD's non-final yeh barree
    assert fold("اےک") == "ایک"
    assert fold("يوجنا") == "یوجنا"  # Arabic yeh
    assert fold("كتاب") == "کتاب"  # Arabic kaf
    assert fold("بهی") == "بھی"  # Arabic heh after an aspirating consonant
    assert fold("اعلیٰ") == "اعلی"  # superscript alef
    assert fold("۱۹۹۲ء") == "1992ء"
    assert fold("ہوۓ") == "ہوئے"
    assert fold("\u0627\u0653ج") == "آج"  # decomposed alef madda
    assert fold("CCIs") == "ccis"


def test_final_yeh_barree_stays() -> None:
    assert fold("کے") == "کے"
    assert fold("سرمایہ_کاروں") == "سرمایہ_کاروں"
    assert standard_spelling("دےنا") == "دینا" and standard_spelling("دے") == "دے"


@given(st.text(alphabet="ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنوہھءیےۓئؤۂيكه\u064b\u0650\u0670 _۱2", max_size=12))
def test_fold_is_idempotent(word: str) -> None:
    assert fold(fold(word)) == fold(word)


def test_shape() -> None:
    assert shape("12.5") == "d.d"
    assert shape("پاکستان") == "a"
    assert shape("AI") == "x"
    assert shape("۔") == "۔"


def test_phrase_matcher_prefers_the_longest_phrase() -> None:
    matcher = PhraseMatcher.from_entries([("وزیر", "TITLE"), ("وزیر اعظم", "TITLE"), ("اسلام آباد", "LOC")])
    words = [fold(w) for w in ["وزیر", "اعظم", "اسلام", "آباد", "میں"]]
    assert matcher.match(words) == ["TITLE:B", "TITLE:I", "LOC:B", "LOC:I", None]
    assert matcher.match(["وزیر", "خارجہ"]) == ["TITLE:B", None]


def test_phrase_matcher_joins_labels_of_ambiguous_phrases() -> None:
    matcher = PhraseMatcher.from_entries([("ایجنسی", "ORG_END"), ("ایجنسی", "LOC_END")])
    assert matcher.match(["ایجنسی"]) == ["LOC_END+ORG_END:B"]


def test_paradigm_probes_sister_forms() -> None:
    freq = {"اچھا": 10, "اچھی": 10, "اچھے": 10, "ترقیوں": 5, "انسان": 50, "کرنا": 9}
    assert paradigm("اچھا", freq) == "ie"
    assert paradigm("ترقی", freq) == "n"
    assert paradigm("انسانی", freq) == "s"
    assert paradigm("کر", freq) == ""  # too short to probe
    assert paradigm("کرتا", freq) == ""  # کرتنا is not a word; the stem is کرت


def test_neighbours_features_carry_their_offset() -> None:
    extractor = FeatureExtractor(
        FeatureSpec("ner"), Resources(cues=PhraseMatcher.from_entries([("صدر", "TITLE")]))
    )
    feats = extractor.sentence_features(["صدر", "زرداری", "نے"])
    assert "w=زرداری" in feats[1]
    assert "-1w=صدر" in feats[1] and "1w=نے" in feats[1]
    assert "q-1=TITLE:B" in feats[1]  # the title one word to the left
    assert "-1w=<s>" in feats[0] and "2w=</s>" in feats[1]
    assert all(f[0] == "bias" for f in feats)
