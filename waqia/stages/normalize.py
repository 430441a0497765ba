"""Urdu normalisation: the text the later stages match against, tied back to the raw text.

``doc.raw`` is never changed. :class:`Normalizer` builds ``doc.norm`` and an
:class:`~waqia._offsets.OffsetMap` from it back to ``doc.raw``, in three passes:

1. **Edits that change the length** (the only ones the offset map has to record): Arabic
   presentation forms → letters (a lam-alef ligature is two letters); letter + combining mark →
   composed letter (ا + ٓ → آ); diacritics, tatweel and invisible formatting characters deleted.
   A deleted mark is merged into the edit of the letter it sits on ("letter + marks" → "letter"), so
   a word's raw span still contains its marks.
2. **One-for-one replacements**, which keep every offset: Arabic letters → Urdu letters (ي → ی,
   ك → ک), Arabic heh ه → ہ or ھ by context and word list, digits → ASCII, odd spaces → space.
3. **Joined-word repair**: spaces inserted where a space was left out (کیاکہ → کیا کہ,
   لئے137 → لئے 137), only ever inserting spaces and never splitting a word the lexicon knows.

Everything language-specific is a table in ``waqia/lang/<language>/`` (see its README.md). The
rare characters that need an edit are found with one compiled character class, so the cost on
clean text is a single regex scan plus a few ``str`` methods.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Literal

from waqia._errors import DataError
from waqia._offsets import Edit, OffsetMap, apply_edits
from waqia.document import Document
from waqia.lang import load_table

ZwnjPolicy = Literal["keep", "remove", "space"]

ZWNJ = "\u200c"
TATWEEL = "\u0640"
ARABIC_HEH = "\u0647"
HEH_GOAL = "\u06c1"  # ہ
HEH_DOACHASHMEE = "\u06be"  # ھ, the aspiration letter

# Arabic-script letters that make up words (no digits, punctuation, tatweel or marks).
_LETTER_CLASS = (
    "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f"
)
_LETTERS = frozenset(
    chr(c)
    for c in [
        *range(0x0621, 0x063B),
        *range(0x0641, 0x064B),
        0x066E,
        0x066F,
        *range(0x0671, 0x06D4),
        0x06D5,
        0x06EE,
        0x06EF,
        0x06FA,
        0x06FB,
        0x06FC,
        0x06FF,
        *range(0x0750, 0x0780),
    ]
)
# Letters after which a missing space cannot be seen: ے and ں never occur inside a correctly
# spelt word, so a letter after them is almost certainly the start of the next word ...
_STRONG_BOUNDARY = frozenset("ےں")
# ... while after these right-joining letters a word may simply continue (دیکھا, کاروبار).
_WEAK_BOUNDARY = frozenset("اآأإدڈذرڑزژوؤءۃ")

# A token the word list has at least this often is a word (ہوگا, پرامن) and is not split, unless it
# is a joined misspelling: a split that needs no risky rule and whose rarest part is more than
# 1/_RARE_JOIN times as frequent (Makhzan has اورعوام 12 times, عوام thousands of times).
_PROTECT_COUNT = 3
_RARE_JOIN = 0.05
# A part that is not a function word must be listed this often (words.tsv holds counts >= 3).
_PART_COUNT = 3
# ... and, right after a function word at a right-joining letter, this often (پرائر, پردیپ);
# before نے, half as often (جے وردنے, راہانے are names).
_CONTENT_AFTER_FUNCTION = 100
# A listed form this frequent that differs only in the last letter makes a token an inflected word.
_INFLECTION_COUNT = 10
_INFLECTIONS = ("", "ا", "ی", "ے")
# Endings of verb forms beside the oblique infinitive in -نے (ہرانے: ہرانا, ہرایا).
_VERB_ENDINGS = ("نا", "تا", "تے", "تی", "یا")
_FUTURE = frozenset(("گا", "گی", "گے"))
# Letters no word begins with: a split never leaves one at the start of a part (دےئے, لوگوں).
_NON_INITIAL = frozenset("ںھےۂۃئ")


@dataclass(frozen=True)
class NormalizationConfig:
    """How to normalise.

    ``zwnj`` defaults to ``"space"``: in Urdu the zero-width non-joiner is typed as an invisible
    word separator after a joining letter (Makhzan spells میں‌نے, انہوں‌نے, کریں‌گے with it; COUNTER
    has چھوڑیں‌گے), not as a morpheme joiner inside a word as in Persian. So it becomes a space,
    except where the next letter cannot begin a word (ں ھ ے ئ: لوگو‌ں, ہو‌ئے are one word) or a
    space is next to it anyway, where it is removed. ``"remove"`` deletes every ZWNJ; ``"keep"`` leaves it.
    """

    remove_diacritics: bool = True
    zwnj: ZwnjPolicy = "space"
    repair_joined_words: bool = True
    language: str = "ur"

    def __post_init__(self) -> None:
        if self.zwnj not in ("keep", "remove", "space"):
            raise ValueError(f"zwnj must be 'keep', 'remove' or 'space', not {self.zwnj!r}")


# ---------------------------------------------------------------------------------------- tables


def _code_ranges(
    language: str, name: str, columns: tuple[str, ...]
) -> list[tuple[str, str, tuple[str, ...]]]:
    """Rows of a ``first``/``last`` range table as (first char, last char, other cells)."""
    out = []
    for row in load_table(language, name, columns).rows:
        if len(row[0]) != 1 or len(row[1]) != 1 or row[0] > row[1]:
            raise DataError(f"{language}/{name}.tsv: bad range {row[0]!r}..{row[1]!r}")
        out.append((row[0], row[1], row[2:]))
    return out


def _expand(first: str, last: str) -> list[str]:
    return [chr(c) for c in range(ord(first), ord(last) + 1)]


@dataclass(frozen=True)
class _CharTables:
    """Everything pass 1 and 2 need, compiled for one configuration."""

    special: re.Pattern[str]  # one character class: every character that may need an edit
    units: dict[str, str]  # character replaced on its own: presentation form, ۓ, ۀ
    compose: dict[tuple[str, str], str]  # (base letter, combining character) → composed letter(s)
    composers: frozenset[str]  # second characters of `compose`
    drop: frozenset[str]  # deleted and merged into the preceding character's edit
    marks: frozenset[str]  # all combining marks (kept when diacritics are kept)
    base_map: dict[int, str]  # one-to-one map applied to a base before the `compose` lookup
    translate: dict[int, str]  # pass 2: one-to-one replacements
    needs_translate: re.Pattern[str]  # any key of `translate`: most texts have none, translate is slow
    aspirates: frozenset[str]
    zwnj: ZwnjPolicy
    word_chars: frozenset[str]
    word_with_marks: re.Pattern[str]  # a word when diacritics are kept


@lru_cache(maxsize=16)
def _char_tables(language: str, remove_diacritics: bool, zwnj: ZwnjPolicy) -> _CharTables:
    char_map = {
        row[0]: row[1] for row in load_table(language, "char_map", ("char", "replacement", "comment")).rows
    }
    for char, replacement in char_map.items():
        if len(char) != 1 or len(replacement) != 1:
            raise DataError(f"{language}/char_map.tsv: {char!r} → {replacement!r} is not one-to-one")
    translate = {ord(k): v for k, v in char_map.items()}

    marks = frozenset(
        c
        for first, last, _ in _code_ranges(language, "marks", ("first", "last", "comment"))
        for c in _expand(first, last)
    )
    invisible_delete: set[str] = set()
    for first, last, (action, _comment) in _code_ranges(
        language, "invisibles", ("first", "last", "action", "comment")
    ):
        if action == "space":
            translate.update((ord(c), " ") for c in _expand(first, last))
        elif action == "delete":
            invisible_delete.update(_expand(first, last))
        else:
            raise DataError(f"{language}/invisibles.tsv: unknown action {action!r}")

    units: dict[str, str] = {}
    mark_forms: set[str] = set()
    for form, replacement, kind, _name in load_table(
        language, "presentation_forms", ("form", "replacement", "kind", "name")
    ).rows:
        if kind == "mark":
            mark_forms.add(form)  # an isolated harakah: a diacritic written as a spacing character
        else:
            units[form] = replacement
    if remove_diacritics:  # a few ligatures carry a mark (ذٰ): without it, or pass 1 is not idempotent
        units = {form: "".join(c for c in rep if c not in marks) for form, rep in units.items()}

    compose: dict[tuple[str, str], str] = {}
    for sequence, composed, _comment in load_table(
        language, "compose", ("sequence", "composed", "comment")
    ).rows:
        if len(sequence) == 1:
            units[sequence] = composed
        elif len(sequence) == 2:
            compose[(sequence[0], sequence[1])] = composed
        else:
            raise DataError(f"{language}/compose.tsv: sequence {sequence!r} must have 1 or 2 characters")
    composers = frozenset(second for _, second in compose)

    drop = {TATWEEL, *invisible_delete}
    if remove_diacritics:
        drop |= marks | mark_forms
    if zwnj == "remove":
        drop.add(ZWNJ)
    if zwnj == "space":
        translate[ord(ZWNJ)] = " "
    special = set(units) | composers | drop
    if zwnj == "space":
        special.add(ZWNJ)
    aspirates = frozenset(load_table(language, "aspirates", ("letter", "example")).column("letter"))
    return _CharTables(
        special=re.compile("[" + "".join(re.escape(c) for c in sorted(special)) + "]+"),
        units=units,
        compose=compose,
        composers=composers,
        drop=frozenset(drop),
        marks=marks,
        base_map={ord(k): v for k, v in char_map.items()},
        translate=translate,
        needs_translate=re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(translate)) + "]"),
        aspirates=aspirates,
        zwnj=zwnj,
        word_chars=_LETTERS | marks,
        word_with_marks=re.compile(f"[{_LETTER_CLASS}" + "".join(re.escape(m) for m in sorted(marks)) + "]+"),
    )


@dataclass(frozen=True)
class _Lexicon:
    """The word list and the function-word classes the heh choice and the word repair consult."""

    counts: dict[str, int]
    joined: dict[str, tuple[str, ...]]
    classes: dict[str, frozenset[str]]
    number_suffixes: frozenset[str]
    unsplittable: frozenset[str]
    # suffix -> letters its stem must end with ("" for any): suffixes that stay on their word
    bound_suffixes: tuple[tuple[str, str], ...]
    # words pass 3 can skip without a look: listed words that are not to be split
    safe: frozenset[str]

    def count(self, word: str) -> int:
        return self.counts.get(word, 0)

    def is_function(self, word: str) -> bool:
        return word in self.classes

    def has_class(self, word: str, cls: str) -> bool:
        return cls in self.classes.get(word, ())


@lru_cache(maxsize=4)
def _lexicon(language: str) -> _Lexicon:
    counts = {w: int(c) for w, c in load_table(language, "words", ("word", "count")).rows}
    joined = {j: tuple(s.split()) for j, s in load_table(language, "joined_words", ("joined", "split")).rows}
    classes = {
        w: frozenset(c.split(","))
        for w, c in load_table(language, "function_words", ("word", "classes")).rows
    }
    suffixes = frozenset(load_table(language, "number_suffixes", ("suffix", "comment")).column("suffix"))
    unsplittable = frozenset(load_table(language, "unsplittable", ("word", "comment")).column("word"))
    bound = tuple(
        sorted(
            (
                (s, after)
                for s, after, _ in load_table(language, "bound_suffixes", ("suffix", "after", "comment")).rows
            ),
            key=lambda pair: -len(pair[0]),
        )
    )
    lexicon = _Lexicon(counts, joined, classes, suffixes, unsplittable, bound, frozenset())
    safe = frozenset(w for w, c in counts.items() if c >= _PROTECT_COUNT and _split_once(w, lexicon) is None)
    return _Lexicon(counts, joined, classes, suffixes, unsplittable, bound, safe | unsplittable)


# ---------------------------------------------------------------------------------------- pass 1


def _length_edits(raw: str, t: _CharTables) -> list[Edit]:
    """Pass 1: the edits that change the text's length, in raw offsets, sorted and disjoint."""
    edits: list[Edit] = []
    units, compose, composers, drop = t.units, t.compose, t.composers, t.drop
    for match in t.special.finditer(raw):
        for i in range(match.start(), match.end()):
            char = raw[i]
            if char in units:
                edits.append((i, i + 1, units[char]))
                continue
            if char == ZWNJ and t.zwnj == "space":
                # a separator next to whitespace, at an edge, or before a letter that cannot start a
                # word is dropped; any other ZWNJ becomes a space in pass 2
                before = raw[i - 1] if i else " "
                after = raw[i + 1] if i + 1 < len(raw) else " "
                if before.isspace() or after.isspace() or after in _NON_INITIAL or after == ZWNJ:
                    edits.append((i, i + 1, ""))
                continue
            # `char` attaches to the unit before it: the previous edit if it ends here, else the raw
            # character before it (a space or nothing when the mark is stray)
            if edits and edits[-1][1] == i:
                start, _, base = edits.pop()
            elif i:
                start, base = i - 1, raw[i - 1]
            else:
                start, base = i, ""
            if char in composers and base:
                key = (base[-1].translate(t.base_map), char)
                if key in compose:
                    edits.append((start, i + 1, base[:-1] + compose[key]))
                    continue
            if char in drop:
                edits.append((start, i + 1, base))
            else:  # a mark that is kept, or a composer that composed nothing
                edits.append((start, i + 1, base + char))
    # marks that were kept leave edits that change nothing: the offset map need not see them
    return [e for e in edits if raw[e[0] : e[1]] != e[2]]


# ---------------------------------------------------------------------------------------- pass 2


def _heh_options(word: str, aspirates: frozenset[str], marks: frozenset[str]) -> list[tuple[int, str, str]]:
    """For each Arabic heh in ``word``: (index, letter the rule picks, the other possible letter)."""
    out = []
    letters = [(i, c) for i, c in enumerate(word) if c not in marks]
    for k, (i, c) in enumerate(letters):
        if c != ARABIC_HEH:
            continue
        after_aspirate = k > 0 and letters[k - 1][1] in aspirates
        final = k == len(letters) - 1
        if after_aspirate and not final:
            out.append((i, HEH_DOACHASHMEE, HEH_GOAL))
        elif after_aspirate:
            out.append((i, HEH_GOAL, HEH_DOACHASHMEE))  # ساته is ساتھ: the word list can say so
        else:
            out.append((i, HEH_GOAL, HEH_GOAL))
    return out


@lru_cache(maxsize=8192)
def _resolve_heh_word(word: str, language: str, use_lexicon: bool, remove_diacritics: bool) -> str:
    """``word`` with each Arabic heh made ہ or ھ: by rule, unless another choice is a more frequent
    listed word (کها: the rule says کھا "eat", the word list prefers کہا "said")."""
    t = _char_tables(language, remove_diacritics, "keep")
    options = _heh_options(word, t.aspirates, t.marks)
    chars = list(word)
    for i, rule, _ in options:
        chars[i] = rule
    by_rule = "".join(chars)
    ambiguous = [o for o in options if o[1] != o[2]]
    if not use_lexicon or not ambiguous or len(ambiguous) > 6:
        return by_rule
    lexicon = _lexicon(language)
    strip = {ord(m): None for m in t.marks}
    best, best_count = by_rule, lexicon.count(by_rule.translate(strip))
    for choice in product(*[(rule, other) for _, rule, other in ambiguous]):
        for (i, _, _), letter in zip(ambiguous, choice, strict=True):
            chars[i] = letter
        candidate = "".join(chars)
        count = lexicon.count(candidate.translate(strip))
        if count > best_count:
            best, best_count = candidate, count
    return best


def _resolve_heh(text: str, t: _CharTables, language: str, use_lexicon: bool, remove_diacritics: bool) -> str:
    """Pass 2b: every word with an Arabic heh, with each heh made ہ or ھ (same length)."""
    pieces: list[str] = []
    pos = 0
    word_chars = t.word_chars
    i = text.find(ARABIC_HEH)
    while i >= 0:
        start = i
        while start > pos and text[start - 1] in word_chars:
            start -= 1
        end = i + 1
        while end < len(text) and text[end] in word_chars:
            end += 1
        pieces.append(text[pos:start])
        pieces.append(_resolve_heh_word(text[start:end], language, use_lexicon, remove_diacritics))
        pos = end
        i = text.find(ARABIC_HEH, pos)
    pieces.append(text[pos:])
    return "".join(pieces)


# ---------------------------------------------------------------------------------------- pass 3

_WORD = re.compile(f"[{_LETTER_CLASS}]+")
_DIGIT_THEN_LETTER = re.compile(f"[0-9](?=[{_LETTER_CLASS}])")
_LETTER_THEN_DIGIT = re.compile(f"[{_LETTER_CLASS}](?=[0-9])")


def _conventional_split(word: str, lexicon: _Lexicon) -> tuple[str, ...] | None:
    """Joined spellings that news writers use on purpose but that are two words: a pronoun stem and
    a genitive (اسکے → اس کے, انکو → ان کو) and کی + a compound-postposition noun (کیلئے → کی لئے,
    کیخلاف → کی خلاف; the ے of کے cannot join, so writers use ی). Split even when frequent."""
    for i in (2, 3):
        head, tail = word[:i], word[i:]
        if tail and lexicon.has_class(head, "stem") and (lexicon.has_class(tail, "genitive") or tail == "کو"):
            return head, tail
    if word.startswith("کی") and lexicon.has_class(word[2:], "compound"):
        return "کی", word[2:]
    return None


def _is_function(word: str, lexicon: _Lexicon) -> bool:
    # a conventional joined spelling (کیساتھ) behaves as the function words it is made of
    return lexicon.is_function(word) or _conventional_split(word, lexicon) is not None


def _inflects(word: str, lexicon: _Lexicon) -> bool:
    """Whether ``word`` looks like an inflected form of a listed word (ساؤتھی ~ ساؤتھ, سراہی ~
    سراہا): such a token is a word, not two."""
    stem = word[:-1]
    return any(
        lexicon.count(stem + ending) >= _INFLECTION_COUNT for ending in _INFLECTIONS if stem + ending != word
    )


def _weak_split_ok(word: str, head: str, first: str, lexicon: _Lexicon) -> tuple[bool, bool]:
    """Whether ``word`` may be split as ``head`` + ``first`` + ... after a right-joining letter, and
    whether that split is of the risky kind that must leave a listed word alone.

    Such a letter also ends many syllables inside words, so the split needs a function word beside
    it and evidence that the token is not one word.
    """
    head_function, first_function = _is_function(head, lexicon), _is_function(first, lexicon)
    if head_function and first_function:
        # two function words: a verb chain is safe (کردیا, ہوگئی, گیاتھا, تھاکہ, ہوکر, کرکے);
        # another pair may be a word (تھانے, گانے, کونے, کراس), so only an unlisted token is split
        if lexicon.has_class(first, "ending"):
            return False, False
        head_classes, first_classes = (
            lexicon.classes.get(head, frozenset()),
            lexicon.classes.get(first, frozenset()),
        )
        chain = bool(head_classes & {"light", "auxiliary"}) and (
            bool(first_classes & {"auxiliary", "particle"})
            or ("light" in head_classes and first in ("کے", "کر"))
        )
        return True, not chain
    if first_function:
        # a word, then a postposition or auxiliary (سربیاکے, بتایاکہ); the function word must not
        # also be a common word ending (میران, سراہی, فکریہ: -ان, -ہی, -یہ), and the token must not
        # be a verb form (ہرانے ~ ہرانا, ہرایا: -نے is also the oblique infinitive and ends names,
        # جے وردنے) or an inflection of a listed word
        if len(head) < 3 or lexicon.count(head) < _PART_COUNT or lexicon.has_class(first, "ending"):
            return False, False
        if first in _FUTURE and head[-1] not in "وؤ":
            return False, False  # the future follows a subjunctive (کرو گے), never -ا or -ر (گاماگے)
        if first == "نے" and (
            lexicon.count(head) < _CONTENT_AFTER_FUNCTION // 2
            or any(lexicon.count(head + e) >= _PART_COUNT for e in _VERB_ENDINGS)
        ):
            return False, False
        return not _inflects(word, lexicon), False
    if head_function and not lexicon.classes.get(head, frozenset()) & {"auxiliary", "light", "pronoun"}:
        # a postposition or particle, then a word (اورچین, کاحصہ); کو, کا, پر, تو also begin many
        # words (کوآپریشن, کارواں, پرامید), so the word after must be common and the token unlisted
        return len(first) >= 3 and lexicon.count(first) >= _CONTENT_AFTER_FUNCTION, True
    return False, False


def _rule_split(word: str, lexicon: _Lexicon, depth: int = 0) -> tuple[tuple[str, ...], float, bool] | None:
    """The best split of ``word`` at letters after which a space can go missing: its parts, a
    score, and whether it is of a kind that must leave a listed word alone.

    Fewer parts win (کرنےاسلام is کرنے اسلام, not کر نے اسلام); then splits at ے/ں; then the more
    frequent parts.
    """
    best: tuple[tuple[str, ...], float, bool] | None = None
    for i in range(2, len(word) - 1):
        head, rest = word[:i], word[i:]
        strong = head[-1] in _STRONG_BOUNDARY
        if (not strong and head[-1] not in _WEAK_BOUNDARY) or rest[0] in _NON_INITIAL:
            continue
        if not (_is_function(head, lexicon) or (len(head) > 2 and lexicon.count(head) >= _PART_COUNT)):
            continue
        tail: tuple[str, ...]
        risky = False
        if _is_function(rest, lexicon) or (len(rest) > 2 and lexicon.count(rest) >= _PART_COUNT):
            tail, tail_score = (rest,), math.log1p(lexicon.count(rest)) - 100.0
        elif depth < 2 and (sub := _rule_split(rest, lexicon, depth + 1)) is not None:
            tail, tail_score, risky = sub
        else:
            continue
        if not strong:
            ok, weak_risky = _weak_split_ok(word, head, tail[0], lexicon)
            if not ok:
                continue
            risky = risky or weak_risky
        score = tail_score - 100.0 + (10.0 if strong else 0.0) + math.log1p(lexicon.count(head))
        if best is None or score > best[1]:
            best = ((head, *tail), score, risky)
    return best


def _bound_suffix(word: str, lexicon: _Lexicon) -> str | None:
    """The suffix that ends ``word`` and belongs to it (جائےگا: -گا), if any."""
    for suffix, after in lexicon.bound_suffixes:
        stem = word[: -len(suffix)]
        if len(stem) >= 2 and word.endswith(suffix) and (not after or stem[-1] in after):
            return suffix
    return None


def _split_once(word: str, lexicon: _Lexicon) -> tuple[str, ...] | None:
    """How to split the token ``word`` (letters only) at the top level, or None."""
    suffix = _bound_suffix(word, lexicon)
    if suffix is not None:
        # repair the stem only, and give the suffix back to its last part (ہوجائےگا → ہو جائےگا)
        stem_parts = _split_once(word[: -len(suffix)], lexicon)
        if stem_parts is None or len(stem_parts) < 2:
            return None
        return (*stem_parts[:-1], stem_parts[-1] + suffix)
    conventional = _conventional_split(word, lexicon)
    if conventional is not None:
        return conventional
    if len(word) < 4 or lexicon.is_function(word) or word in lexicon.unsplittable:
        return None
    listed = lexicon.joined.get(word)
    if listed is not None:
        return listed
    found = _rule_split(word, lexicon)
    if found is None:
        return None
    parts, _, risky = found
    count = lexicon.count(word)
    if count >= _PROTECT_COUNT and (
        risky or count >= _RARE_JOIN * min(lexicon.count(p) for p in _flatten(parts, lexicon))
    ):
        # a listed word, unless it is a joined misspelling that is rare next to its parts (Makhzan
        # has اورعوام 12 times, next to عوام thousands of times)
        return None
    return parts


def _flatten(parts: tuple[str, ...], lexicon: _Lexicon) -> list[str]:
    """``parts`` split down to words (ہوگیا|تھا → ہو|گیا|تھا): a part may be a joined form too."""
    out: list[str] = []
    for part in parts:
        sub = _split_once(part, lexicon)
        out.extend(_flatten(sub, lexicon) if sub is not None and len(sub) > 1 else (part,))
    return out


@lru_cache(maxsize=65536)
def _split_word(word: str, language: str) -> tuple[str, ...] | None:
    """How to split the token ``word`` (letters only), or None to leave it alone.

    Every part is split again until nothing changes, so normalising twice gives the same text.
    """
    parts = _split_once(word, _lexicon(language))
    if parts is None or len(parts) < 2:
        return None
    return tuple(piece for part in parts for piece in (_split_word(part, language) or (part,)))


def _space_points(
    text: str,
    language: str,
    lexicon: _Lexicon,
    strip: dict[int, None] | None,
    word_with_marks: re.Pattern[str],
    word_chars: frozenset[str],
) -> list[int]:
    """Pass 3: offsets in ``text`` where a space goes between words run together.

    ``strip`` deletes the combining marks when diacritics are kept in ``text``: words are looked
    up without them, and a space goes after the marks of the letter it follows.
    """
    points: set[int] = set()
    word_re, chars = (_WORD, _LETTERS) if strip is None else (word_with_marks, word_chars)

    def split_token(word: str, start: int) -> None:
        parts = _split_word(word if strip is None else word.translate(strip), language)
        if parts is not None:
            points.update(start + o for o in _split_points(word, parts, strip))

    # letters right after a number first: 2014ء, 1435ھ, 10ویں keep their suffix, 80بالز becomes
    # 80 بالز and 0ءکیاکہ becomes 0ء کیا کہ; the token to repair is what follows the suffix
    after_number: set[int] = set()
    for match in _DIGIT_THEN_LETTER.finditer(text):
        run = word_re.match(text, match.end())
        if run is None:
            continue
        after_number.add(run.start())
        letters = run.group()
        suffix = next((x for x in lexicon.number_suffixes if letters.startswith(x)), "")
        if suffix != letters:
            points.add(run.start() + len(suffix))
            split_token(letters[len(suffix) :], run.start() + len(suffix))
    # every other token: set arithmetic in C first, so only the few words the lexicon does not
    # vouch for reach Python
    for word in set(word_re.findall(text)) - lexicon.safe:
        parts = _split_word(word if strip is None else word.translate(strip), language)
        if parts is None:
            continue
        offsets = _split_points(word, parts, strip)
        end = 0
        while (start := text.find(word, end)) >= 0:
            end = start + len(word)
            # whole words only: the same letters inside a longer word are another word
            if (
                (start == 0 or text[start - 1] not in chars)
                and (end == len(text) or text[end] not in chars)
                and start not in after_number
            ):
                points.update(start + o for o in offsets)
    for match in _LETTER_THEN_DIGIT.finditer(text):
        points.add(match.end())
    return sorted(points)


def _split_points(word: str, parts: tuple[str, ...], strip: dict[int, None] | None) -> list[int]:
    """Offsets in ``word`` where spaces go so that it reads as ``parts``."""
    letters_before: list[int] = []
    total = 0
    for part in parts[:-1]:
        total += len(part)
        letters_before.append(total)
    if strip is None:
        return letters_before
    points, seen = [], 0
    wanted = iter(letters_before)
    target = next(wanted, None)
    for i, char in enumerate(word):
        if ord(char) in strip:
            continue
        if seen == target:
            points.append(i)
            target = next(wanted, None)
        seen += 1
    return points


# ---------------------------------------------------------------------------------------- the stage


class Normalizer:
    """Stage: sets ``doc.norm`` and ``doc.offsets`` (norm → raw). ``doc.raw`` is left alone.

    An instance holds its compiled tables; tables and word lists are loaded once per process and
    shared by every instance with the same language.
    """

    name = "normalize"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("norm",)

    def __init__(self, config: NormalizationConfig | None = None) -> None:
        self.config = config if config is not None else NormalizationConfig()
        language = self.config.language
        self._tables = _char_tables(language, self.config.remove_diacritics, self.config.zwnj)
        self._lexicon = _lexicon(language)
        self._strip = None if self.config.remove_diacritics else {ord(m): None for m in self._tables.marks}

    def __repr__(self) -> str:
        return f"Normalizer({self.config!r})"

    def normalize(self, text: str) -> tuple[str, OffsetMap]:
        """The normalised text and the map from it back to ``text``."""
        t, config = self._tables, self.config
        edits = _length_edits(text, t)
        norm = _one_for_one(_apply_plain(text, edits) if edits else text, t, config, use_lexicon=True)
        points: list[int] = []
        if config.repair_joined_words:
            points = _space_points(
                norm, config.language, self._lexicon, self._strip, t.word_with_marks, t.word_chars
            )
        if points:
            # one apply_edits over the raw text for all three passes: pass 2 keeps lengths, so only
            # the spans and lengths of the edits matter to the map, and composing maps costs more
            edits = _with_spaces(edits, norm, points)
            norm = _apply_plain(norm, [(p, p, " ") for p in points])
        offsets = apply_edits(text, edits)[1] if edits else OffsetMap.identity(len(text))
        return norm, offsets

    def __call__(self, doc: Document) -> Document:
        doc.norm, doc.offsets = self.normalize(doc.raw)
        return doc


def _one_for_one(text: str, t: _CharTables, config: NormalizationConfig, *, use_lexicon: bool) -> str:
    """Pass 2: the replacements that keep every offset."""
    if t.needs_translate.search(text):
        text = text.translate(t.translate)
    if ARABIC_HEH in text:
        text = _resolve_heh(text, t, config.language, use_lexicon, config.remove_diacritics)
    return text


def _with_spaces(edits: list[Edit], norm: str, points: list[int]) -> list[Edit]:
    """Pass-1 edits (raw offsets) plus a space at each of ``points`` (offsets in ``norm``, the text
    after passes 1 and 2), as one sorted list of raw edits with the same lengths.

    A space that falls inside the replacement of a pass-1 edit (between the two letters of a
    lam-alef ligature) goes into that replacement, which keeps its raw span.
    """
    out: list[Edit] = []
    shift = 0  # norm offset minus raw offset, outside edits
    k, n = 0, len(points)
    for raw_start, raw_end, replacement in edits:
        norm_start = raw_start + shift
        norm_end = norm_start + len(replacement)
        while k < n and points[k] <= norm_start:
            out.append((points[k] - shift, points[k] - shift, " "))
            k += 1
        inner = []
        while k < n and points[k] < norm_end:
            inner.append(points[k])
            k += 1
        piece = norm[norm_start:norm_end]
        if inner:
            piece = _apply_plain(piece, [(p - norm_start, p - norm_start, " ") for p in inner])
        out.append((raw_start, raw_end, piece))
        shift += len(replacement) - (raw_end - raw_start)
    out.extend((p - shift, p - shift, " ") for p in points[k:])
    return out


def _apply_plain(text: str, edits: list[Edit]) -> str:
    pieces, pos = [], 0
    for start, end, replacement in edits:
        pieces.append(text[pos:start])
        pieces.append(replacement)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


@lru_cache(maxsize=8)
def _normalizer(config: NormalizationConfig) -> Normalizer:
    return Normalizer(config)


def normalize(text: str, config: NormalizationConfig | None = None) -> tuple[str, OffsetMap]:
    """Normalise ``text``: the normalised text and an :class:`OffsetMap` from it back to ``text``."""
    return _normalizer(config if config is not None else NormalizationConfig()).normalize(text)


def normalize_spelling(
    text: str, config: NormalizationConfig | None = None, *, use_lexicon: bool = True
) -> str:
    """Character normalisation only: no offsets, no joined-word repair.

    Anything matched against ``doc.norm`` (a word list, gazetteer names) must go through this
    first. ``use_lexicon=False`` decides Arabic heh by rule alone and needs no word list; the
    lexicon build uses it, since it is what builds the word list.
    """
    config = config if config is not None else NormalizationConfig()
    t = _char_tables(config.language, config.remove_diacritics, config.zwnj)
    edits = _length_edits(text, t)
    if edits:
        text = _apply_plain(text, edits)
    return _one_for_one(text, t, config, use_lexicon=use_lexicon)
