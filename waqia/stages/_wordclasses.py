"""Closed classes of Urdu words that several event stages test tokens against.

Each set holds normalised forms (through :func:`~waqia.stages.normalize.normalize_spelling`), so it
can be compared with ``Token.norm`` directly. Kept in one place so that the event and claim stages
cannot drift apart on what counts as an auxiliary or a clause boundary.
"""

from __future__ import annotations

from functools import lru_cache

from waqia._errors import DataError
from waqia.lang import load_table
from waqia.stages.normalize import normalize_spelling


def wordset(text: str) -> frozenset[str]:
    """The normalised forms of the space-separated words of ``text``."""
    return frozenset(normalize_spelling(w) for w in text.split())


# auxiliaries, participles and the future suffix-words that follow a verb stem
AUX = wordset("ہے ہیں تھا تھی تھے ہوں گا گی گے والا والی والے ہوئے ہوئی ہوا کے")
COPULA = wordset("ہے ہیں تھا تھی تھے")
# words after which a new clause starts: punctuation that ends a sentence, conjunctions, relatives
HARD_BOUNDARY = wordset("۔ ؟ ! کہ جبکہ تاہم لیکن مگر بلکہ تاکہ کیونکہ جس جن جنہوں جنہیں جو جہاں")
# punctuation a phrase or clause ends at
PUNCT = wordset("۔ ، ؛ : ؟ ! ( ) ‘ ’ “ ” \" ' - . ,")
# words a noun phrase does not run across: case markers, verbs, conjunctions, speech and time words
NP_STOP = (
    PUNCT
    | HARD_BOUNDARY
    | wordset(
        "لئے لیے خاطر نے کو سے پر میں تک اور ہے ہیں تھا تھی تھے گیا گئی گئے کیا کئے کیے ہوا ہوئے "
        "بعد دوران بھی ہی "
        "مطابق کہنا کہا بتایا جانب طرف ذریعے باعث نتیجے نتیجہ وقت روز دن صبح شام رات"
    )
)
GENITIVE = wordset("کا کی کے")
# the passive auxiliary جانا in its forms
PASSIVE = wordset(
    "گیا گئی گئے گئیں جا جائے جائیں جاتا جاتی جاتے جائیگا جائیگی جائینگے جائےگا جائےگی "
    "جاچکا جاچکی جاچکے جارہا جارہی جارہے"
)
# "X جاری ہے / جاری رہیں گے": X goes on
ONGOING = normalize_spelling("جاری")


@lru_cache(maxsize=4)
def town_parts(language: str = "ur") -> frozenset[str]:
    """Words for a part of a town (روڈ، چوک، بازار، کیمپ، جیل), from the geocoder's admin-word table:
    a street a target stands on, a camp an aid convoy sets out from."""
    try:
        table = load_table(language, "admin_words", ("word", "kind", "position", "hint"))
    except DataError:  # the table belongs to the place stage; without it there are no parts
        return frozenset()
    return frozenset(normalize_spelling(word) for word, kind, _pos, _hint in table.rows if kind == "part")
