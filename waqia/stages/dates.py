"""Dates in Urdu news text, resolved against the publication date.

What is recognised (word lists in ``waqia/lang/<language>/dates.tsv``):

- a day and a month, with or without a year: ``22 مئی``, ``یکم دسمبر``, ``15 ستمبر 2014ء`` (precision 1);
- a month alone: ``جولائی میں``, ``رواں سال جولائی`` — the 15th, precision 3 (the dev-set convention);
- a weekday with a case word: ``اتوار کو``, ``بدھ کی صبح``, ``جمعہ کے روز`` — the last such day on or
  before the reference date ("اتوار کے دن" in an article of a Tuesday is the Sunday before), or the next
  one when the clause speaks of the future (``منگل سے شروع ہونے والی``);
- relative days, weeks, months and years: ``گزشتہ روز``, ``آج``, ``2 روز قبل`` (precision 1),
  ``آئندہ ہفتے`` (the Monday of next week, precision 2), ``گزشتہ ماہ`` (the 15th, precision 3),
  ``رواں برس کے آخر`` (31 December, precision 3).

The reference date is the date of the agency dateline when the article has one (``کوئٹہ۔یکم اکتوبر``:
the day it was written), else ``pub_date``. Hijri months are recognised but not converted: a date we
cannot compute is left unresolved rather than guessed. Plain functions; no global state.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from waqia.document import Document, Sentence, Token
from waqia.lang import load_table
from waqia.stages.normalize import normalize_spelling

# A weekday name is a date only with one of these after it (پیر is also "saint", ہفتہ "week").
_WEEKDAY_CASE = frozenset(normalize_spelling(w) for w in ("کو", "کے", "کی", "سے", "کا"))
_WEEKDAY_NEXT = frozenset(
    normalize_spelling(w) for w in ("روز", "دن", "صبح", "شام", "رات", "سہ", "دوپہر", "شب")
)
_NOT_AFTER_MONTH = frozenset(normalize_spelling(w) for w in ("لانگ", "آزادی", "انقلاب", "ملین", "امن"))
_YEAR_MARK = frozenset(normalize_spelling(w) for w in ("ء", "کو", "میں", "سے", "تک"))
# "کل" is "yesterday"/"tomorrow" but also "total": it counts only before one of these.
_KAL_NEXT = frozenset(normalize_spelling(w) for w in ("رات", "صبح", "شام", "کو", "سے", "دوپہر", "سہ"))
_KAL = normalize_spelling("کل")


@dataclass(frozen=True)
class DateTables:
    words: dict[tuple[str, ...], tuple[str, int]]  # words -> (kind, value)
    longest: int
    first_words: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def date_tables(language: str = "ur") -> DateTables:
    table = load_table(language, "dates", ("word", "kind", "value"))
    words: dict[tuple[str, ...], tuple[str, int]] = {}
    for word, kind, value in table.rows:
        words.setdefault(tuple(normalize_spelling(word).split()), (kind, int(value)))
    firsts = frozenset(k[0] for k in words) | {_KAL}
    return DateTables(words, max(len(k) for k in words), firsts)


@dataclass(frozen=True)
class DateMention:
    """A date in the text: tokens ``start``..``end`` (``doc.tokens`` indices), its value and precision."""

    start: int
    end: int
    value: str | None
    precision: int
    kind: str  # date | month | weekday | relative | dateline
    day_exact: bool = True  # the text names the day (not only a week or month)


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def resolve_weekday(reference: dt.date, weekday: int, *, future: bool = False) -> dt.date:
    """The last ``weekday`` (0 = Monday) on or before ``reference``, or the next on or after it."""
    if future:
        return reference + dt.timedelta(days=(weekday - reference.weekday()) % 7)
    return reference - dt.timedelta(days=(reference.weekday() - weekday) % 7)


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + (day.month - 1) + months
    return index // 12, index % 12 + 1


def _digit(token: Token) -> int | None:
    value = token.number
    return int(value) if value is not None and value == int(value) else None


def _year_for(month: int, day: int, reference: dt.date | None, future: bool) -> int | None:
    """The year of a day-and-month without one: the nearest that is not after the reference (past)."""
    if reference is None:
        return None
    year = reference.year
    try:
        candidate = dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
    except ValueError:
        return None
    if not future and candidate > reference + dt.timedelta(days=7):
        return year - 1
    if future and candidate < reference - dt.timedelta(days=7):
        return year + 1
    return year


def _iso(year: int | None, month: int, day: int) -> str | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, min(day, calendar.monthrange(year, month)[1])).isoformat()
    except ValueError:
        return None


def find_dates_in(
    tokens: Sequence[Token],
    offset: int,
    reference: dt.date | None,
    *,
    future: bool = False,
    tables: DateTables | None = None,
) -> list[DateMention]:
    """Date mentions in a run of tokens (``offset`` = index of ``tokens[0]`` in ``doc.tokens``)."""
    t = tables or date_tables()
    words = [tok.norm for tok in tokens]
    if not any(w in t.first_words or tok.is_number for w, tok in zip(words, tokens, strict=True)):
        return []  # no date word and no number: nothing to read
    n = len(words)
    out: list[DateMention] = []
    i = 0
    while i < n:
        found = _date_at(words, tokens, i, reference, future, t)
        if found is None:
            i += 1
            continue
        end, value, precision, kind, exact = found
        out.append(DateMention(offset + i, offset + end, value, precision, kind, exact))
        i = end
    return out


def _lookup(words: Sequence[str], i: int, t: DateTables) -> tuple[str, int, int] | None:
    for size in range(t.longest, 0, -1):
        key = tuple(words[i : i + size])
        if len(key) == size and key in t.words:
            kind, value = t.words[key]
            return kind, value, i + size
    return None


def _date_at(
    words: Sequence[str], tokens: Sequence[Token], i: int, ref: dt.date | None, future: bool, t: DateTables
) -> tuple[int, str | None, int, str, bool] | None:
    n = len(words)
    day = _digit(tokens[i])
    entry = _lookup(words, i, t)
    if entry is not None and entry[0] == "ordinal":
        day, after_day = entry[1], entry[2]
    else:
        after_day = i + 1
    # day + month (+ year)
    if day is not None and 1 <= day <= 31 and after_day < n:
        month = _lookup(words, after_day, t)
        if month is not None and month[0] in ("month", "hijri"):
            end = month[2]
            year = None
            if end < n and (y := _digit(tokens[end])) is not None and 1900 <= y <= 2100:
                year, end = y, end + 1
                if end < n and words[end] == normalize_spelling("ء"):
                    end += 1
            if month[0] == "hijri":
                return end, None, 1, "date", True
            year = year or _year_for(month[1], day, ref, future)
            return end, _iso(year, month[1], day), 1, "date", True
    if words[i] == _KAL:
        if i + 1 >= n or words[i + 1] not in _KAL_NEXT:
            return None  # کل is also "total"
        entry = ("day", 1 if future else -1, i + 1)
    if entry is None:
        return None
    kind, value, end = entry
    if kind in ("month", "hijri"):
        return _month_only(words, tokens, i, end, kind, value, ref, future)
    if kind == "weekday":
        prev_today = i > 0 and words[i - 1] == normalize_spelling("آج")
        nxt = words[end] if end < n else ""
        if nxt not in _WEEKDAY_CASE and nxt not in _WEEKDAY_NEXT and not prev_today:
            return None
        if ref is None:
            return end, None, 1, "weekday", True
        return end, resolve_weekday(ref, value, future=future).isoformat(), 1, "weekday", True
    if kind == "day":
        if ref is None:
            return end, None, 1, "relative", True
        return end, (ref + dt.timedelta(days=value)).isoformat(), 1, "relative", True
    if kind == "week":
        if ref is None:
            return end, None, 2, "relative", False
        if value == 0:
            return end, ref.isoformat(), 2, "relative", False
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=value)
        return end, monday.isoformat(), 2, "relative", False
    if kind == "month_rel":
        if ref is None:
            return end, None, 3, "relative", False
        shifted_year, shifted_month = _shift_month(ref, value)
        return _with_end(words, end, shifted_year, shifted_month, 15)
    if kind == "year_rel":
        following = _lookup(words, end, t) if end < n else None
        if ref is None:
            return None
        in_year = ref.year + value
        if following is not None and following[0] == "month":
            return following[2], _iso(in_year, following[1], 15), 3, "month", False
        if following is not None and following[0] == "end":
            return following[2], _iso(in_year, 12, 31), 3, "relative", False
        if (
            end + 1 < n
            and words[end] == normalize_spelling("کے")
            and (e := _lookup(words, end + 1, t)) is not None
            and e[0] == "end"
        ):
            return e[2], _iso(in_year, 12, 31), 3, "relative", False
        return None  # a year alone does not date an event
    if kind == "ago":
        return None  # read with the number before it
    return None


def _with_end(
    words: Sequence[str], end: int, year: int, month: int, day: int
) -> tuple[int, str | None, int, str, bool]:
    t = date_tables()
    if end + 1 < len(words) and words[end] == normalize_spelling("کے"):
        e = _lookup(words, end + 1, t)
        if e is not None and e[0] == "end":
            return e[2], _iso(year, month, 31), 3, "relative", False
    return end, _iso(year, month, day), 3, "month", False


def _month_only(
    words: Sequence[str],
    tokens: Sequence[Token],
    i: int,
    end: int,
    kind: str,
    month: int,
    ref: dt.date | None,
    future: bool,
) -> tuple[int, str | None, int, str, bool] | None:
    n = len(words)
    year = None
    if end < n and (y := _digit(tokens[end])) is not None and 1900 <= y <= 2100:
        year, end = y, end + 1
        if end < n and words[end] == normalize_spelling("ء"):
            end += 1
    elif i > 0 and words[i - 1] in _NOT_AFTER_MONTH:
        return None
    elif normalize_spelling("مارچ") == words[i] and (end >= n or words[end] not in _YEAR_MARK):
        return None  # مارچ is also a protest march
    if kind == "hijri":
        return end, None, 3, "month", False
    if year is None:
        year = _year_for(month, 15, ref, future)
    return end, _iso(year, month, 15), 3, "month", False


def _ago(
    words: Sequence[str],
    tokens: Sequence[Token],
    mentions: list[DateMention],
    offset: int,
    ref: dt.date | None,
    t: DateTables,
) -> list[DateMention]:
    """ "2 روز قبل", "تین ہفتے پہلے": a number, a unit and "ago"."""
    out = list(mentions)
    for i in range(len(words) - 2):
        n = _digit(tokens[i])
        if n is None or n > 400:
            continue
        entry = _lookup(words, i + 1, t)
        if entry is None or entry[0] != "ago" or ref is None:
            continue
        days = n * entry[1]
        precision = 1 if entry[1] == 1 else (2 if entry[1] == 7 else 3)
        value = (ref - dt.timedelta(days=days)).isoformat()
        out.append(DateMention(offset + i, offset + entry[2], value, precision, "relative", precision == 1))
    return sorted(out, key=lambda m: m.start)


def find_dates(
    doc: Document, sentence: Sentence, reference: dt.date | None, *, future: bool = False
) -> list[DateMention]:
    """Every date mention of a sentence, resolved against ``reference`` (see :func:`reference_date`)."""
    tokens = doc.sentence_tokens(sentence)
    t = date_tables()
    mentions = find_dates_in(tokens, sentence.token_start, reference, future=future, tables=t)
    return _ago([tok.norm for tok in tokens], tokens, mentions, sentence.token_start, reference, t)


def dateline(doc: Document) -> DateMention | None:
    """The date of the agency dateline (``کوئٹہ۔یکم اکتوبر (اے پی پی)``) at the front of the body."""
    pub = parse_iso(doc.pub_date)
    for sentence in doc.sentences:
        if sentence.is_heading:
            continue
        tokens = doc.sentence_tokens(sentence)[:10]
        for m in find_dates_in(tokens, sentence.token_start, pub):
            if m.kind == "date":
                return DateMention(m.start, m.end, m.value, m.precision, "dateline")
        return None
    return None


def reference_date(doc: Document) -> dt.date | None:
    """The day the article was written: its dateline's date when that is not after ``pub_date``."""
    pub = parse_iso(doc.pub_date)
    line = dateline(doc)
    written = parse_iso(line.value) if line is not None else None
    if written is not None and (pub is None or dt.timedelta(0) <= pub - written <= dt.timedelta(days=3)):
        return written
    return pub


def dateline_end(doc: Document) -> tuple[int, int]:
    """(sentence index, token index after the dateline) of the first body sentence, or (-1, 0)."""
    for k, sentence in enumerate(doc.sentences):
        if sentence.is_heading:
            continue
        tokens = doc.sentence_tokens(sentence)[:16]
        words = [t.norm for t in tokens]
        if "(" in words and ")" in words[words.index("(") :]:
            close = words.index(")", words.index("("))
            if close <= 14:
                return k, sentence.token_start + close + 1
        for i, w in enumerate(words[:8]):
            if (
                w
                and set(w) <= set("۔-—.")
                and i <= 6
                and (
                    len(w) > 1
                    or (i + 1 < len(words) and set(words[i + 1]) <= set("۔-—."))
                    or any(t.is_number for t in tokens[i + 1 : i + 3])
                )
            ):
                return k, sentence.token_start + i + 1
        return -1, 0
    return -1, 0


def story_day(dates: Sequence[DateMention], ref: dt.date | None) -> DateMention | None:
    """The day the story's news happened: a day-exact date within a week before the reference."""
    for d in dates:
        value = parse_iso(d.value)
        if value is None or not d.day_exact or ref is None:
            continue
        if dt.timedelta(0) <= ref - value <= dt.timedelta(days=7):
            return d
    return None


def in_dateline(doc: Document, sentence: Sentence, d: DateMention) -> bool:
    """A date right before the dateline's "(" or right after its separator: the day of writing."""
    words = [t.norm for t in doc.tokens[d.end : min(d.end + 2, sentence.token_end)]]
    return "(" in words or (d.start > sentence.token_start and doc.tokens[d.start - 1].norm in ("۔", "-"))
