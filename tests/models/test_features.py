"""Feature extraction: spelling keys, phrase matching, inflection probes, shared templates."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from waqia.models.features import (
    FeatureExtractor,
    FeatureSpec,
    PhraseMatcher,
    Resources,
    WordVectors,
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


def test_entity_hints_become_features_of_the_word_and_its_neighbours() -> None:
    extractor = FeatureExtractor(FeatureSpec("pos", hint_window=1), Resources())
    feats = extractor.sentence_features(["عمران", "خان", "نے"], ["B-PER", "I-PER", "O"])
    assert {"h0=B-PER", "h0t=PER", "h1=I-PER"} <= set(feats[0])
    assert "h-1t=PER" in feats[2] and not any(f.startswith("h0") for f in feats[2])
    # a spec without hints ignores them
    plain = FeatureExtractor(FeatureSpec("pos"), Resources())
    assert not any(f.startswith("h") for f in plain.sentence_features(["عمران"], ["B-PER"])[0])


def test_sentence_values_add_word_vectors_at_their_offsets() -> None:
    vectors = WordVectors({"کوئٹہ": 0}, np.array([[0.5, -0.25]], dtype=np.float16))
    extractor = FeatureExtractor(FeatureSpec("ner", vector_window=1), Resources(vectors=vectors))
    values = extractor.sentence_values(["کوئٹہ", "میں"])
    assert values[0]["v0:0"] == 0.5 and values[0]["v0:1"] == -0.25
    assert values[1]["v-1:1"] == -0.25 and "v0:0" not in values[1]  # میں has no vector
    assert values[0]["bias"] == 1.0 and values[0]["w=کوئٹہ"] == 1.0


def place_extractor(*, enabled: bool = True) -> FeatureExtractor:
    # gazetteer keys have no spaces: "نئی دہلی" is one key, as waqia.geo.fold writes it
    from waqia.geo.fold import fold as place_key

    known = frozenset({place_key("پٹنہ"), place_key("نئی دہلی")})
    spec = FeatureSpec("pos", prefixes=0, suffixes=0, context_suffixes=0, window=1, known_places=enabled)
    return FeatureExtractor(spec, Resources(known_places=known))


def test_known_place_word_feature_reaches_its_neighbours() -> None:
    feats = place_extractor().sentence_features(["وہ", "پٹنہ", "گیا"])
    assert "kp" in feats[1]
    assert "1kp" in feats[0] and "-1kp" in feats[2]
    assert not any(f.endswith("kp") for f in feats[0] if f != "1kp")


def test_known_two_word_place_marks_its_first_and_last_word() -> None:
    feats = place_extractor().sentence_features(["وہ", "نئی", "دہلی", "گیا"])
    assert "kb=B" in feats[1] and "kb=E" in feats[2]
    assert not any(f.startswith("kb=") for f in feats[0] + feats[3])
    # neither word alone is a place
    assert "kp" not in feats[1] and "kp" not in feats[2]


def test_known_places_need_the_spec_flag_and_letters() -> None:
    off = place_extractor(enabled=False).sentence_features(["نئی", "دہلی", "پٹنہ"])
    assert not any(f == "kp" or f.startswith("kb=") for feats in off for f in feats)
    # a sign between the words breaks the name; punctuation is never a place
    feats = place_extractor().sentence_features(["نئی", "۔", "دہلی"])
    assert not any(f.startswith("kb=") for token in feats for f in token)


def test_spec_round_trip_keeps_known_places_flag() -> None:
    spec = FeatureSpec("pos", known_places=True)
    assert FeatureSpec.from_json(spec.to_json()) == spec
    assert not FeatureSpec.from_json({"kind": "pos"}).known_places


def test_join_place_keys_agrees_with_the_gazetteer_fold() -> None:
    from waqia.geo.fold import fold as place_key
    from waqia.models.features import join_place_keys

    for first, second in (("نئی", "دہلی"), ("دلے", "والا"), ("ڈیرہ", "غازی"), ("بڑے", "شہر")):
        assert join_place_keys(place_key(first), place_key(second)) == place_key(f"{first} {second}")


def test_spec_without_known_places_writes_no_key() -> None:
    # models trained without the feature keep their stored spec (and file) unchanged
    assert "known_places" not in FeatureSpec("pos").to_json()
