"""Counts of people: numbers in digits and Urdu words, and the killed and injured they report.

A count phrase is a number (``300``, ``چار سو ترپن``, ``2 ہزار 507``), a vague quantity (``درجنوں``,
``سیکڑوں``, ``کئی``) or either with a modifier (``کم از کم 300``, ``ساٹھ سے زائد``, ``تقریباً 50``).
Its value follows ACLED's conservative rule (``number_words.tsv`` says which reading each word takes):
"dozens" is 12, "hundreds" 100, "more than sixty" 61, "several" has no best figure but at least 2.

A casualty is a count phrase followed, within its clause, by a word that says the people were killed
(ہلاک، جاں بحق، شہید، مارے گئے، لقمہ اجل، دم توڑ) or hurt (زخمی). Several casualty phrases of one kind in a
clause add up ("سیکڑوں اہلکار جاں بحق جبکہ دسیوں دیہاتی ہلاک" = 110). Which event a casualty belongs to
is decided by the event stage.

Plain functions over ``doc.tokens``; every word list is a table in ``waqia/lang/<language>/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from waqia.document import Document, Sentence, Token
from waqia.lang import load_table
from waqia.record import Count
from waqia.stages.normalize import normalize_spelling

KILLED_WORDS = ("ہلاک", "جاں بحق", "جان بحق", "شہید", "لقمہ اجل", "قتل")
INJURED_WORDS = ("زخمی", "ذخمی", "گھائل")
# Verbs of dying that follow the counted noun: "دم توڑ گیا", "مارے گئے", "جانوں سے ہاتھ دھو بیٹھے".
KILLED_PHRASES = ("دم توڑ", "مارے گئے", "مارا گیا", "ماری گئی", "جانوں سے ہاتھ", "جان سے ہاتھ")
# What a number may count instead of people: a count before these is not a casualty figure.
NOT_PEOPLE = frozenset(
    normalize_spelling(w)
    for w in [
        "فیصد",
        "روپے",
        "روپیہ",
        "ڈالر",
        "ٹن",
        "کلو",
        "کلومیٹر",
        "میٹر",
        "فٹ",
        "سال",
        "سالہ",
        "برس",
        "ماہ",
        "مہینے",
        "دن",
        "روز",
        "گھنٹے",
        "گھنٹوں",
        "منٹ",
        "بجے",
        "ووٹ",
        "ووٹوں",
        "نشستوں",
        "نشستیں",
        "رنز",
        "وکٹ",
        "وکٹیں",
        "گول",
        "میگاواٹ",
        "ایکڑ",
        "گاڑیاں",
        "گاڑیوں",
        "مکان",
        "مکانات",
        "گھر",
        "گھروں",
        "دکانیں",
        "ارکان",
        "کمروں",
        "ٹرکوں",
        "مرتبہ",
        "بار",
    ]
)
# Between a count and its casualty word only a clause's own words may stand; these end the search.
_BREAK = frozenset(
    normalize_spelling(w)
    for w in ["۔", "؟", "!", "کہ", "جبکہ", "جب", "تاہم", "لیکن", "مگر", "جس", "جن", "جو"]
)
_MAX_GAP = 8
# The first word of every casualty phrase: a sentence without one has no casualties.
_CASUALTY_CUES = frozenset(
    normalize_spelling(p.split()[0]) for p in (*KILLED_WORDS, *INJURED_WORDS, *KILLED_PHRASES)
)
_POSTPOSITIONS = frozenset(normalize_spelling(w) for w in ["کو", "کے", "کی", "کا", "میں", "سے", "پر", "بھی"])


@dataclass(frozen=True)
class NumberTables:
    units: dict[str, int]
    multipliers: dict[str, int]
    vague: dict[str, int | None]
    modifiers: dict[tuple[str, ...], str]  # words -> at_least | more_than | about | up_to
    ambiguous: frozenset[str]

    longest_modifier: int = 1


@lru_cache(maxsize=4)
def number_tables(language: str = "ur") -> NumberTables:
    table = load_table(language, "number_words", ("word", "value", "kind", "ambiguous"))
    units: dict[str, int] = {}
    multipliers: dict[str, int] = {}
    vague: dict[str, int | None] = {}
    modifiers: dict[tuple[str, ...], str] = {}
    ambiguous: set[str] = set()
    for word, value, kind, amb in table.rows:
        key = normalize_spelling(word)
        if amb == "yes":
            ambiguous.add(key)
        if kind == "unit":
            units[key] = int(value)
        elif kind == "multiplier":
            multipliers[key] = int(value)
        elif kind == "vague":
            vague[key] = None if value == "-" else int(value)
        else:
            modifiers[tuple(key.split())] = kind
    longest = max((len(k) for k in modifiers), default=1)
    return NumberTables(units, multipliers, vague, modifiers, frozenset(ambiguous), longest)


@dataclass(frozen=True)
class CountPhrase:
    """A number in the text: tokens ``start``..``end`` (half-open) and its ACLED reading."""

    start: int
    end: int
    best: int | None
    low: int | None
    high: int | None


@dataclass(frozen=True)
class Casualty:
    """People killed or hurt: ``kind`` is ``killed`` or ``injured``; ``count`` spans the count phrase."""

    kind: str
    count: Count
    tok_start: int  # first token of the count phrase
    tok_end: int  # one past the casualty word


def _digit_value(token: Token) -> int | None:
    value = token.number
    if value is None or value != int(value):
        return None
    return int(value)


def parse_number(
    words: Sequence[str], tokens: Sequence[Token], i: int, tables: NumberTables | None = None
) -> tuple[int | None, int, bool] | None:
    """The number that starts at token ``i``: ``(value, end, vague)``, or None.

    Digits and number words combine with multipliers: ``3 سو`` = 300, ``چار سو ترپن`` = 453,
    ``2 ہزار 507`` = 2507, ``دو درجن`` = 24. A vague word (``درجنوں``) gives its conservative value.
    """
    t = tables or number_tables()
    n = len(words)
    if i >= n:
        return None
    word = words[i]
    if word in t.vague:
        return t.vague[word], i + 1, True
    total = 0
    current: int | None = None
    j = i
    while j < n:
        w = words[j]
        digit = _digit_value(tokens[j])
        if digit is not None and current is None:
            current = digit
        elif w in t.units and current is None:
            if w in t.ambiguous and j == i and not _number_follows(words, j + 1, t):
                break  # بہتر "better", نو "new" alone are not numbers
            current = t.units[w]
        elif w in t.multipliers:
            if w in t.ambiguous and current is None:
                break  # سو alone is "sleep"
            total += (current if current is not None else 1) * t.multipliers[w]
            current = None
        else:
            break
        j += 1
    if j == i:
        return None
    return total + (current or 0), j, False


def is_number_word(word: str, tables: NumberTables | None = None) -> bool:
    """Whether a word is a number: digits ("15ہزار" too), a number word or a vague quantity (درجنوں)."""
    t = tables or number_tables()
    return word[:1].isdigit() or word in t.units or word in t.vague


def _number_follows(words: Sequence[str], j: int, t: NumberTables) -> bool:
    return j < len(words) and (words[j] in t.multipliers or words[j] in t.units)


def count_at(
    words: Sequence[str], tokens: Sequence[Token], i: int, tables: NumberTables | None = None
) -> CountPhrase | None:
    """The count phrase starting at token ``i``, with a modifier before or after the number."""
    t = tables or number_tables()
    start = i
    modifier: str | None = None
    for size in range(t.longest_modifier, 0, -1):
        key = tuple(words[i : i + size])
        if len(key) == size and t.modifiers.get(key) in ("at_least", "about"):
            modifier = t.modifiers[key]
            i += size
            break
    parsed = parse_number(words, tokens, i, t)
    if parsed is None:
        return None
    value, end, vague = parsed
    for size in range(t.longest_modifier, 0, -1):
        key = tuple(words[end : end + size])
        if len(key) == size and t.modifiers.get(key) in ("more_than", "up_to"):
            modifier = t.modifiers[key] if modifier is None or modifier == "about" else modifier
            end += size
            break
    if value is None:  # کئی، متعدد: at least two, no best figure
        return CountPhrase(start, end, None, 2, None)
    if modifier == "at_least":
        return CountPhrase(start, end, value, value, None)
    if modifier == "more_than":
        return CountPhrase(start, end, value + 1, value + 1, None)
    if modifier == "up_to":
        return CountPhrase(start, end, value, None, value)
    del vague  # a vague word already carries its conservative value
    return CountPhrase(start, end, value, None, None)


def _casualty_kind(words: Sequence[str], j: int) -> tuple[str, int] | None:
    """If a casualty word starts at ``j``: its kind and the index after it."""
    for phrase in _phrases(KILLED_PHRASES):
        if tuple(words[j : j + len(phrase)]) == phrase:
            return "killed", j + len(phrase)
    for phrase in _phrases(KILLED_WORDS):
        if tuple(words[j : j + len(phrase)]) == phrase:
            return "killed", j + len(phrase)
    for phrase in _phrases(INJURED_WORDS):
        if tuple(words[j : j + len(phrase)]) == phrase:
            return "injured", j + len(phrase)
    return None


@lru_cache(maxsize=8)
def _phrases(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(dict.fromkeys(tuple(normalize_spelling(w).split()) for w in words))


def find_counts(doc: Document, sentence: Sentence) -> list[CountPhrase]:
    """Every count phrase of a sentence, in text order (token indices are ``doc.tokens`` indices)."""
    tokens = doc.sentence_tokens(sentence)
    words = [t.norm for t in tokens]
    t = number_tables()
    out: list[CountPhrase] = []
    i = 0
    while i < len(words):
        phrase = count_at(words, tokens, i, t)
        if phrase is None:
            i += 1
            continue
        out.append(
            CountPhrase(
                phrase.start + sentence.token_start,
                phrase.end + sentence.token_start,
                phrase.best,
                phrase.low,
                phrase.high,
            )
        )
        i = phrase.end
    return out


def find_casualties(doc: Document, sentence: Sentence) -> list[Casualty]:
    """The killed and injured a sentence reports: count phrase … casualty word, in one clause.

    "7 افراد جاں بحق، 14 زخمی" gives two; "ایک بچہ جاں بحق اور دو راہگیر زخمی" two; a number that counts
    rupees, years or votes is skipped.
    """
    tokens = doc.sentence_tokens(sentence)
    words = [t.norm for t in tokens]
    if not _CASUALTY_CUES.intersection(words):
        return []  # most sentences report no one killed or hurt: skip the number parsing
    offset = sentence.token_start
    counts = find_counts(doc, sentence)
    out: list[Casualty] = []
    used_words: set[int] = set()
    for c in counts:
        start, end = c.start - offset, c.end - offset
        if end < len(words) and words[end] in NOT_PEOPLE:
            continue
        if end + 1 < len(words) and words[end + 1] in NOT_PEOPLE and words[end] in ("کے", "کی"):
            continue
        j = end
        while j < len(words) and j - end <= _MAX_GAP and words[j] not in _BREAK:
            found = _casualty_kind(words, j)
            if found is not None and j not in used_words:
                kind, after = found
                # "20 افراد کو ہلاک کر دیا" is a killing too; "زخمیوں کو" after a count is not a count
                used_words.add(j)
                stop = j if j - end <= 4 else end + 1  # the number and its noun, not a long gap
                while stop - 1 > end and words[stop - 1] in _POSTPOSITIONS:
                    stop -= 1
                first, last = tokens[start], tokens[max(start, min(stop, len(tokens)) - 1)]
                out.append(Casualty(kind, _count(doc, first, last, c), c.start, offset + after))
                break
            if _digit_value(tokens[j]) is not None and j > end:
                break  # another number starts: it will be read on its own
            j += 1
    return out + _pairs(doc, tokens, words, offset, used_words)


_AND = normalize_spelling("اور")


def _pairs(
    doc: Document, tokens: Sequence[Token], words: Sequence[str], offset: int, used: set[int]
) -> list[Casualty]:
    """ "باپ اور بیٹا جاں بحق": two people named without a number are a count of two."""
    people = _person_words()
    out: list[Casualty] = []
    for j in range(3, len(words)):
        found = _casualty_kind(words, j)
        if found is None or j in used or words[j - 2] != _AND:
            continue
        if words[j - 1] in people and words[j - 3] in people:
            count = CountPhrase(offset + j - 3, offset + j, 2, None, None)
            out.append(
                Casualty(
                    found[0],
                    _count(doc, tokens[j - 3], tokens[j - 1], count),
                    offset + j - 3,
                    offset + found[1],
                )
            )
    return out


@lru_cache(maxsize=4)
def _person_words(language: str = "ur") -> frozenset[str]:
    """Nouns for one person (باپ، بیٹا، خاتون), from ``event_words.tsv``'s class "person"."""
    table = load_table(language, "event_words", ("class", "word"))
    return frozenset(normalize_spelling(w) for c, w in table.rows if c == "person")


def _count(doc: Document, first: Token, last: Token, c: CountPhrase) -> Count:
    return Count(
        text=doc.raw[first.start : last.end],
        start=first.start,
        end=last.end,
        best=c.best,
        low=c.low,
        high=c.high,
    )


def sum_counts(doc: Document, counts: Sequence[Count]) -> Count | None:
    """Casualty counts of one kind in one clause, added up (span from the first to the last)."""
    if not counts:
        return None
    if len(counts) == 1:
        return counts[0]
    best = (
        sum(c.best for c in counts if c.best is not None) if any(c.best is not None for c in counts) else None
    )
    lows = [c.low for c in counts if c.low is not None]
    first, last = counts[0], counts[-1]
    start = first.start if first.start is not None else 0
    end = last.end if last.end is not None else start
    return Count(
        text=doc.raw[start:end], start=start, end=end, best=best, low=sum(lows) if lows else None, high=None
    )


class Mention(Protocol):
    """What :func:`attach_casualties` reads and writes of an event being built."""

    type: str
    modality: str
    sentence: int
    heading: bool
    start: int  # first token of the trigger (a ``doc.tokens`` index)
    fatalities: Count | None
    injured: Count | None


def attach_casualties(
    doc: Document, k: int, sentence: Sentence, mentions: Sequence[Mention], *, orphan: bool = False
) -> None:
    """Give the killed and injured of sentence ``k`` to the attack they belong to.

    In a sentence with one asserted attack, its tolls are that attack's; with several, each toll
    belongs to the attack told last before it, when that splits them among several. A sentence with no trigger
    (``orphan``) gives its toll to the one attack told in the two sentences before, if it has none
    yet. A toll of several attacks ("حملوں اور فائرنگ کے واقعات میں") belongs to none of them."""
    casualties = find_casualties(doc, sentence)
    if not casualties or _is_summary(doc, sentence):
        return
    if orphan:
        recent = [d for d in mentions if d.type == "ASSAULT" and k - d.sentence <= 2 and not d.heading]
        if len(recent) == 1:
            _attach(doc, recent[0], casualties, fill_only=True)
        return
    assaults = [d for d in mentions if d.type == "ASSAULT" and d.modality == "asserted"]
    if len(assaults) == 1:
        _attach(doc, assaults[0], casualties)
    elif assaults and all(c.tok_start > min(d.start for d in assaults) for c in casualties):
        # "X پر فائرنگ میں دو جاں بحق جبکہ Y پر فائرنگ سے ایک زخمی": each toll is the attack told before it
        by_attack: dict[int, list[Casualty]] = {}
        for c in casualties:
            k_attack = max(
                (i for i, d in enumerate(assaults) if d.start < c.tok_start), key=lambda i: assaults[i].start
            )
            by_attack.setdefault(k_attack, []).append(c)
        if len(by_attack) > 1:
            for i, own in by_attack.items():
                _attach(doc, assaults[i], own)


_SUMMARY = frozenset(normalize_spelling(w) for w in ["واقعات", "حملوں", "دھماکوں", "مجموعی"])
_DEMONSTRATIVE = frozenset(normalize_spelling(w) for w in ["اس", "ان", "یہ", "انہی", "مذکورہ", "ایسے"])


def _is_summary(doc: Document, sentence: Sentence) -> bool:
    """A toll of several attacks ("حملوں اور فائرنگ کے واقعات میں") belongs to none of them."""
    words = [t.norm for t in doc.sentence_tokens(sentence)]
    return any(w in _SUMMARY for w in words) and not any(w in _DEMONSTRATIVE for w in words)


def _attach(
    doc: Document, draft: Mention, casualties: Sequence[Casualty], *, fill_only: bool = False
) -> None:
    killed = [c.count for c in casualties if c.kind == "killed"]
    injured = [c.count for c in casualties if c.kind == "injured"]
    if killed and (draft.fatalities is None or not fill_only):
        draft.fatalities = sum_counts(doc, killed)
    if injured and (draft.injured is None or not fill_only):
        draft.injured = sum_counts(doc, injured)
