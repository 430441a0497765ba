from __future__ import annotations

import pytest

from waqia.geo.fold import fold, join_keys, phonetic_key, romanize


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("میران شاہ", "میرانشاہ"),  # spaces
        ("میران شاہ", "ميران شاه"),  # Arabic yeh and heh
        ("کراچی", "كراچي"),  # Arabic kaf and yeh
        ("معرۃ النعمان", "معرة النعمان"),  # teh marbuta
        ("بھکر", "بهكر"),  # heh doachashmee and Arabic heh
        ("اسلام\u200cآباد", "اسلام آباد"),  # ZWNJ
        ("اَلٰہ آباد", "الہ آباد"),  # diacritics, superscript alef
        ("ایشیاء", "ایشیا"),  # a bare hamza
        ("آباد", "اباد"),  # alef madda
        ("دلے والا", "دلےوالا"),  # yeh barree inside a name
    ],
)
def test_spelling_variants_meet(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_final_yeh_barree_stays_apart() -> None:
    # "چلے" (went) is not Chile ("چلی")
    assert fold("چلے") != fold("چلی")


def test_join_keys_reads_words_as_one_name() -> None:
    assert join_keys([fold("دلے"), fold("والا")]) == fold("دلے والا")


def test_fold_drops_punctuation_and_lowercases_latin() -> None:
    assert fold("«پشاور»،") == fold("پشاور")
    assert fold("New-York") == "newyork"


@pytest.mark.parametrize(
    ("urdu", "latin"),
    [
        ("ردیگ", "Radeg"),
        ("مند", "Mand"),
        ("دلے والا", "Dullewala"),
        ("اربیل", "Erbil"),
        ("لنگ شان", "Lingshan"),
        ("میرانشاہ", "Miranshah"),
        ("کھاریاں", "Kharian"),
    ],
)
def test_phonetic_key_meets_latin_spellings(urdu: str, latin: str) -> None:
    assert phonetic_key(urdu) == phonetic_key(latin)


def test_romanize_is_rough_latin() -> None:
    assert romanize("مند") == "mnd"
