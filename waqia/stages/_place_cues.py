"""Names the gazetteer lacks: after a word that announces a place, and in "A کے قریب B میں".

:class:`CueFinder` finds them ("قصبہ پگ شان", "X کاؤنٹی", "تربت کے علاقہ ردیگ", "تربت کے قریب مند
میں") and holds the tests a word must pass to be (part of) such a name: not a function word, a
number, a demonym or an everyday word ("شہر متاثر ہوا" is "the city was affected").
"""

from __future__ import annotations

from waqia.geo.fold import join_keys
from waqia.geo.geocoder import Geocoder
from waqia.geo.lexicon import PlaceTables
from waqia.stages._place_evidence import plausible
from waqia.stages._place_mentions import PlaceMention, is_function, note_admin

# A cue name is never a word Makhzan counts this often (the line the gazetteer build draws for
# names that need context: about the 15,000 most frequent words). After "A کے قریب", without a
# word that announces a place, the line is far lower: "نہر" (canal, 44) and "ناکے" (checkpoint,
# 20) stand there more often than any village the gazetteer lacks.
_CUE_EVERYDAY = 50
_VERY_COMMON = 1000
_NEAR_EVERYDAY = 10


class CueFinder:
    """Finds the place names the gazetteer lacks where a word in the text announces a place."""

    def __init__(self, tables: PlaceTables, geocoder: Geocoder) -> None:
        self.tables = tables
        self.geocoder = geocoder

    def add_cues(
        self, folds: list[str], norms: list[str], barrier: set[int], mentions: list[PlaceMention]
    ) -> list[PlaceMention]:
        """Names next to a word that announces a place: "قصبہ پگ شان", "X کاؤنٹی", "تربت کے علاقہ ردیگ".

        The name is one or two words, none of them an everyday word (:meth:`_name_word`: "شہر
        متاثر ہوا" is "the city was affected"). Next to a unit word, a word the gazetteer holds only
        as a doubtful name ("شان" is glory, and a village in Liechtenstein) may be part of a longer
        name, which then replaces it ("لنگ شان کاؤنٹی"); alone it stays the gazetteer mention it was.
        A word that may stand on either side ("شہر", "ضلع") and already has a place on one side
        belongs to it ("ملحقہ صوبے خوست", "سیلابی ریلا ضلع ملتان").
        """
        t = self.tables
        owner = {i: m for m in mentions for i in range(m.tok_start, m.tok_end)}
        absorbed: set[int] = set()
        n = len(folds)

        def absorbable(i: int) -> bool:
            m = owner.get(i)
            # a doubtful gazetteer word may be part of a longer name, unless it is among the
            # thousand most frequent words ("سب سے زیادہ میسیا شہر": not "زیادہ میسیا")
            return (
                m is not None
                and m.source == "gazetteer"
                and m.tok_end - m.tok_start == 1
                and self._weak(m.key)
                and not self._everyday(folds[i], _VERY_COMMON)
                and folds[i] not in t.closed_class
            )

        def usable(i: int, unit: bool) -> bool:
            if not 0 <= i < n:
                return False
            if i in owner:
                return unit and absorbable(i)
            return self._name_word(folds, norms, i, _CUE_EVERYDAY)

        def name_from(first: int, step: int, unit: bool) -> list[int]:
            words: list[int] = []
            k = first
            # the cue word and the name, and the words of the name, stay within one sentence
            while len(words) < 2 and usable(k, unit) and (k if step > 0 else k + 1) not in barrier:
                words.append(k)
                k += step
            if all(k in owner and self._everyday(folds[k], _CUE_EVERYDAY) for k in words):
                return []  # everyday words the gazetteer also holds as obscure names: no name here
            if len(words) == 1 and words[0] in owner:
                return []  # one gazetteer word: the gazetteer mention stands, with its admin word
            return sorted(words)

        found: list[PlaceMention] = []
        for i, f in enumerate(folds):
            kind, position, hint = t.admin.get(f, ("", "", ""))
            if kind != "unit" and kind != "part":
                continue
            unit = kind == "unit"
            if position == "both" and any(k in owner and not absorbable(k) for k in (i - 1, i + 1)):
                continue
            words: list[int] = []
            if position in ("before", "both"):
                words = name_from(i + 1, 1, unit)
            if not words and position in ("after", "both"):
                words = name_from(i - 1, -1, unit)
            if not words:
                continue
            lo, hi = words[0], words[-1] + 1
            # the cue word is the mention's from the start: a doubtful word on its other side
            # ("ساحلی شہر ژونسن") must not take it
            m = PlaceMention(min(lo, i), max(hi, i + 1), lo, hi, join_keys(folds[lo:hi]), "cue")
            note_admin(m, kind, hint)
            before = folds[i - 1] if i > 0 else ""
            # "تربت کے علاقہ ردیگ" is a place; "اہل علاقہ", "90 فیصد علاقہ" are not
            m.announced = (
                unit and t.has_cue(f, "announce") and (hint != "area" or t.has_cue(before, "genitive"))
            )
            if lo > i and before in t.demonyms:
                m.country_hint = t.demonyms[before]  # "برطانوی شہر X": a British town
            for k in range(lo, hi):
                if k in owner:
                    absorbed.add(id(owner[k]))
                owner[k] = m
            found.append(m)
        return [m for m in mentions if id(m) not in absorbed] + found

    def add_near(
        self, folds: list[str], norms: list[str], barrier: set[int], mentions: list[PlaceMention]
    ) -> list[PlaceMention]:
        """ "تربت کے قریب مند میں": one or two words between "A کے قریب" and "میں"/"پر" name a place.

        Only words that are not everyday words ("کے قریب جنگل میں", "کے قریب ایک گاؤں میں" are not
        places; without a word that announces a place the line is far lower than after one);
        resolution later needs A to be a town (``PlaceResolver._resolve_near``). A word the gazetteer already
        found there is marked instead of duplicated.
        """
        t = self.tables
        owner = {i: m for m in mentions for i in range(m.tok_start, m.tok_end)}
        n = len(folds)
        found: list[PlaceMention] = []
        for a in mentions:
            k = a.tok_end
            if not (
                k + 2 < n
                and t.has_cue(folds[k], "genitive")
                and t.admin.get(folds[k + 1], ("",))[0] == "near"
                and not barrier.intersection(range(k, k + 3))
            ):
                continue
            lo = k + 2
            for hi in (lo + 1, lo + 2):
                if hi >= n or hi in barrier or not self._near_word(folds, norms, hi - 1):
                    break
                if not t.has_cue(folds[hi], "locative"):
                    continue
                owners = {id(owner[j]): owner[j] for j in range(lo, hi) if j in owner}
                if not owners:
                    found.append(
                        PlaceMention(lo, hi, lo, hi, join_keys(folds[lo:hi]), "near", near_pattern=True)
                    )
                elif len(owners) == 1:
                    (b,) = owners.values()
                    if b.source == "gazetteer" and (b.tok_start, b.tok_end) == (lo, hi):
                        b.near_pattern = True
                break
        return mentions + found

    def _near_word(self, folds: list[str], norms: list[str], i: int) -> bool:
        """Whether word ``i`` after "A کے قریب" can be (part of) a place name."""
        t = self.tables
        f = folds[i]
        vetoes = t.ambiguous.get(f)
        if vetoes is not None:  # "مند" is a town, but not in "ضرورت مند"
            after = folds[i + 1] if i + 1 < len(folds) else ""
            return not (set(folds[max(0, i - 2) : i]) & vetoes[0] or after in vetoes[1])
        return f not in t.given_names and self._name_word(folds, norms, i, _NEAR_EVERYDAY)

    def _name_word(self, folds: list[str], norms: list[str], i: int, threshold: int) -> bool:
        """Whether a word the gazetteer does not hold can be (part of) a place's name.

        Not a function, closed-class or verb word, a number, a demonym, an everyday word (as
        frequent in Makhzan as ``threshold``), a plural or verb form ending in a nasal ("شرپسندوں",
        "جھڑپیں"), nor a conjunction run into the next word ("ودیہات": و دیہات, "اورمظفرگڑھ").
        """
        t = self.tables
        f = folds[i]
        if not f or is_function(self.tables, f) or f.isdigit() or f in t.demonyms or f in t.closed_class:
            return False
        if self._everyday(f, threshold) or norms[i].endswith(("وں", "یں")):
            return False
        for conjunction in ("و", "اور"):
            rest = f[len(conjunction) :]
            if (
                f.startswith(conjunction)
                and len(rest) > 1
                and (self._everyday(rest, _CUE_EVERYDAY) or self.geocoder.has(rest))
            ):
                return False
        return True

    def _everyday(self, key: str, threshold: int) -> bool:
        """Whether a word is an everyday word: as frequent in Makhzan as ``threshold``, and not a
        place name the hand-kept table of ambiguous names lists ("مند": -ful, and a town)."""
        return self.tables.count(key) >= threshold and key not in self.tables.ambiguous

    def _weak(self, key: str) -> bool:
        """Whether a one-word gazetteer name needs evidence to count (``EverydayEvidence.flag``)."""
        return (
            key in self.tables.ambiguous or self.geocoder.is_common(key) or not plausible(self.geocoder, key)
        )
