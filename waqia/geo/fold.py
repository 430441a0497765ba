"""Lookup keys: place and actor names folded so that spelling variants meet.

This is *not* the text normaliser (``waqia.stages.normalize`` owns ``doc.norm``). A key is only ever
compared with another key, so it may throw away far more than a normaliser could: every diacritic,
the difference between Urdu, Arabic, Persian and Pashto letter shapes, all three hehs, the hamza,
ZWNJ, spaces and punctuation. "میران شاہ", "میرانشاہ" and "ميران شاه" all give one key.

A second, much coarser key, :func:`phonetic_key`, maps Arabic-script *and* Latin names onto one
consonant skeleton ("ردیگ" and "Radeg" both give ``rdg``). It collides a lot, so the geocoder uses
it only as a last resort and only with context that narrows the candidates to a region.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Marks and invisible characters that never distinguish two names.
_DROP = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"  # Arabic/Urdu diacritics
    "\u0640"  # tatweel
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff"  # ZW(N)J, bidi controls, BOM
    "\u0621"  # a bare hamza is written or left out at will ("ایشیاء" / "ایشیا")
)
_DROP_RE = re.compile(f"[{_DROP}]")

# One letter for each group of shapes that Urdu, Arabic, Persian and Pashto spellings swap.
_LETTERS = {
    "ی": "يىېۍێۓئٸ",
    "ک": "كڪػؼ",
    "گ": "ګڴ",
    "ہ": "هھةۃۀۂە",
    "ا": "أإآٱٲٳ",
    "و": "ؤۆۇۈۋ",
    "ٹ": "ټ",
    "ڈ": "ډ",
    "ڑ": "ړ",
    "ش": "ښ",
    "ژ": "ږ",
    "ز": "ځ",
    "س": "څ",
    "ن": "ڼں",
    "0": "٠۰",
    "1": "١۱",
    "2": "٢۲",
    "3": "٣۳",
    "4": "٤۴",
    "5": "٥۵",
    "6": "٦۶",
    "7": "٧۷",
    "8": "٨۸",
    "9": "٩۹",
}
_TABLE = {ord(src): dst for dst, sources in _LETTERS.items() for src in sources}
_NOT_WORD = re.compile(r"[\W_]+")


_YEH_BARREE = "\u06d2"
_INNER_YEH_BARREE = re.compile(f"{_YEH_BARREE}(?=.)")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The lookup key of a name: letters and digits only, variants merged, no spaces.

    Yeh barree (ے) is merged with ی except at the very end of the key: final ے is grammar in Urdu
    ("چلے" went, "چلی" Chile), while inside a name ("دلے والا" / "دلےوالا") it is spelling.

    >>> fold("میران شاہ") == fold("ميرانشاه")
    True
    """
    text = unicodedata.normalize("NFKC", text)
    text = _DROP_RE.sub("", text).translate(_TABLE).lower()
    return join_keys([_NOT_WORD.sub("", text)])


def join_keys(parts: list[str] | tuple[str, ...]) -> str:
    """The key of several folded words read as one name: ``fold(" ".join(words))``."""
    return _INNER_YEH_BARREE.sub("ی", "".join(parts))


def fold_words(text: str) -> list[str]:
    """The folded keys of the whitespace-separated words of ``text`` (empty words dropped)."""
    return [key for key in (fold(word) for word in text.split()) if key]


def is_arabic_script(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in text)


# --------------------------------------------------------------------------- phonetic skeleton

# Arabic-script letter (after fold) -> consonant class; letters not listed carry no consonant.
_AR_CLASS = {
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ٹ": "t",
    "ط": "t",
    "ث": "s",
    "س": "s",
    "ص": "s",
    "ش": "s",
    "ج": "j",
    "چ": "c",
    "خ": "k",
    "ق": "k",
    "ک": "k",
    "غ": "g",
    "گ": "g",
    "د": "d",
    "ڈ": "d",
    "ذ": "z",
    "ز": "z",
    "ژ": "z",
    "ض": "z",
    "ظ": "z",
    "ر": "r",
    "ڑ": "r",
    "ف": "f",
    "ل": "l",
    "م": "m",
    "ن": "n",
}
_LATIN_DIGRAPHS = (
    ("sh", "s"),
    ("ch", "c"),
    ("kh", "k"),
    ("gh", "g"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("zh", "z"),
    ("ts", "s"),
    ("ck", "k"),
    ("x", "ks"),
    ("q", "k"),
    ("v", "w"),
)
_LATIN_CLASS = {c: c for c in "bpstjcgdzrflmnkwy"}
_LATIN_CLASS["c"] = "k"  # a lone c (after "ch" became "C") is hard: Damascus, Cuba


def _dedupe(classes: list[str]) -> str:
    out: list[str] = []
    for c in classes:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=65536)
def phonetic_key(text: str) -> str:
    """A consonant skeleton shared by Arabic-script and Latin spellings of one name.

    Vowel letters are dropped, except و and ی where they stand for consonants (first letter, or
    after alef/another vowel letter), which is also where Latin writes w and y.
    """
    if is_arabic_script(text):
        key = fold(text)
        classes: list[str] = []
        prev = ""
        for i, ch in enumerate(key):
            if ch in "وی":
                consonantal = i == 0 or prev in "اوی"
                if consonantal:
                    classes.append("w" if ch == "و" else "y")
            elif ch in _AR_CLASS:
                classes.append(_AR_CLASS[ch])
            prev = ch
        return _dedupe(classes)
    latin = unicodedata.normalize("NFKD", text)
    latin = "".join(ch for ch in latin if not unicodedata.combining(ch)).lower()
    latin = re.sub(r"[^a-z]", "", latin)
    for src, dst in _LATIN_DIGRAPHS:
        latin = latin.replace(src, dst.upper() if dst == "c" else dst)
    classes = []
    for i, ch in enumerate(latin):
        if ch == "C":
            classes.append("c")
        elif ch in "wy":
            # consonantal w/y stand before a vowel
            if i + 1 < len(latin) and latin[i + 1] in "aeiou":
                classes.append(ch)
        elif ch in _LATIN_CLASS:
            classes.append(_LATIN_CLASS[ch])
    return _dedupe(classes)


# A rough Latin spelling of an Arabic-script name, only to compare look-alike candidates.
_ROMAN = {
    "ا": "a",
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ٹ": "t",
    "ث": "s",
    "ج": "j",
    "چ": "ch",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ڈ": "d",
    "ذ": "z",
    "ر": "r",
    "ڑ": "r",
    "ز": "z",
    "ژ": "zh",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "z",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ک": "k",
    "گ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "و": "o",
    "ہ": "h",
    "ی": "i",
}


def romanize(text: str) -> str:
    """ "مند" -> "mnd", "میانوالی" -> "mianoali": consonants and long vowels, nothing more."""
    return "".join(_ROMAN.get(ch, ch if ch.isascii() else "") for ch in fold(text))
