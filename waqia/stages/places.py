"""Stage: find the places an article names and resolve each to a gazetteer entry, in context.

How a mention is found (over tokens, on folded keys, so spelling variants meet):

1. gazetteer names over token n-grams, longest first ("شمالی وزیرستان" before "وزیرستان");
2. spans the NER stage tagged as locations (``B-LOC``/``I-LOC`` and the like in ``Token.ent``);
3. names the gazetteer lacks after a word that announces a place ("قصبہ X", "X کاؤنٹی");
4. "ملک بھر", "ملک کے مختلف شہروں": the country of the story.

Admin words next to a name join the mention and say what kind of place it is ("صوبہ ادلب" is the
province); "A کی وادی B" and "A کے علاقے B" put B inside A; "A کے قریب B" puts B near A.

Names that are also everyday words ("شام" evening/Syria, "پیر" Monday) count only with evidence:
an admin word, a state noun after them ("شام کے صدر"), another mention of the same country, or an NER
tag; a veto word next to them ("منگل کی شام") rules them out.

Resolution runs twice: first each mention alone, then again with what the first pass found (the
countries the document talks about and the places it names, for proximity). Results are
``waqia.record.Place`` objects in ``doc.meta["places"]``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from waqia.document import Document, Token
from waqia.geo.fold import fold, join_keys, phonetic_key
from waqia.geo.gazetteer import SRC_CLDR, SRC_EXTRA, SRC_GEONAMES, SRC_URD, Candidate
from waqia.geo.geocoder import (
    GazetteerGeocoder,
    Geocoder,
    GeoContext,
    Resolution,
    agrees,
    close_to,
    consistent,
    distance_km,
    same_onset,
    score,
)
from waqia.geo.lexicon import place_tables
from waqia.record import Place
from waqia.stages.dates import dateline_end

_LOC_TAGS = frozenset({"LOC", "GPE", "NEL", "LOCATION", "FAC"})
_AND_WA = fold("و")  # the conjunction inside a name: "جموں و کشمیر"
_MAX_WORDS = 6
_UNITS = ("country", "region", "county", "area")
_TRUSTED = SRC_URD | SRC_EXTRA | SRC_CLDR
# How far (in tokens) another mention's start can lie from a mention and still touch the admin
# words around it: far more than any mention is long.
_NEIGHBOURHOOD = 64


@dataclass
class PlaceMention:
    """A place named in the text: token range (with admin words), the name's own range, and the result."""

    tok_start: int
    tok_end: int
    core_start: int
    core_end: int
    key: str
    source: str  # gazetteer | ner | cue | country-word
    hint: str | None = None
    direction: bool = False
    near_word: bool = False  # "X کے قریب": the place meant is near X
    part: bool = False  # "X روڈ": a part of X
    parent: PlaceMention | None = None  # the mention the text puts this one in
    near_ref: PlaceMention | None = None  # the mention this one is near
    as_country: bool = False  # "شام کے صدر"
    flagged: bool = False  # also an everyday word
    announced: bool = False  # a cue word that makes it surely a place ("قصبہ X"): kept unresolved
    near_pattern: bool = False  # "A کے قریب B میں": B is a place near the town A
    country_hint: str | None = None  # "برطانوی شہر X": the country a demonym gives a cue name
    resolution: Resolution | None = None
    place: Place | None = None
    why: str = ""
    rule: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class GeoAnalysis:
    """What :meth:`PlaceResolver.analyse` found: the mentions and the document's geography."""

    mentions: list[PlaceMention]
    folds: list[str]
    barrier: set[int]
    context: GeoContext  # countries named (shares) and places resolved (anchors), home country
    main_country: str | None


def _start(m: PlaceMention) -> int:
    return m.place.start if m.place is not None and m.place.start is not None else 0


def _end(m: PlaceMention) -> int:
    return m.place.end if m.place is not None and m.place.end is not None else 0


def _kind_hint(entry: tuple[str, str, str]) -> tuple[str, str]:
    return entry[0], entry[2]


@dataclass(frozen=True)
class _Adjacency:
    """Mentions indexed by the token they start at and the token they end at."""

    starting: dict[int, list[PlaceMention]]
    ending: dict[int, list[PlaceMention]]

    @classmethod
    def of(cls, mentions: Sequence[PlaceMention]) -> _Adjacency:
        starting: defaultdict[int, list[PlaceMention]] = defaultdict(list)
        ending: defaultdict[int, list[PlaceMention]] = defaultdict(list)
        for m in mentions:
            starting[m.tok_start].append(m)
            ending[m.tok_end].append(m)
        return cls(dict(starting), dict(ending))


class PlaceResolver:
    """Stage: ``doc.meta["places"]`` = the places the text names, as :class:`~waqia.record.Place`.

    ``home_country`` (ISO3) is the outlet's country: "ملک" (the country) means it when the story
    names no other, and it breaks ties. Pass ``geocoder`` to use another gazetteer or a fake.
    """

    name = "places"
    requires: tuple[str, ...] = ("tokens",)
    provides: tuple[str, ...] = ("places",)

    def __init__(
        self, geocoder: Geocoder | None = None, *, home_country: str | None = "PAK", language: str = "ur"
    ) -> None:
        self.geocoder: Geocoder = geocoder if geocoder is not None else GazetteerGeocoder()
        self.home_country = home_country
        self.tables = place_tables(language)

    def __call__(self, doc: Document) -> Document:
        doc.meta["places"] = [m.place for m in self.find(doc) if m.place is not None]
        return doc

    # ------------------------------------------------------------------ finding

    def find(self, doc: Document) -> list[PlaceMention]:
        """Every place mention in ``doc`` (which must have tokens), resolved, in text order."""
        return self.analyse(doc).mentions

    def analyse(self, doc: Document) -> GeoAnalysis:
        """The mentions of ``doc`` and what they say about the whole document."""
        folds = [fold(t.norm) for t in doc.tokens]
        barrier = self._barriers(doc, folds)
        mentions = self._add_country_word(folds, [])
        mentions = self._gazetteer_matches(folds, barrier, mentions)
        mentions = self._add_ner(doc, folds, mentions)
        norms = [t.norm for t in doc.tokens]
        mentions = self._add_cues(folds, norms, barrier, mentions)
        mentions = self._add_near(folds, norms, barrier, mentions)
        mentions.sort(key=lambda m: m.tok_start)
        starts = [m.tok_start for m in mentions]
        for m in mentions:
            self._extend(m, folds, barrier, mentions, starts)
        self._relate(mentions, folds, barrier)
        demonym_countries = Counter(self.tables.demonyms[f] for f in folds if f in self.tables.demonyms)
        self._flag(mentions, folds)
        # pass 1: each mention on its own, the ambiguous ones only after the rest give evidence
        plain = GeoContext(countries=_shares(demonym_countries), home_country=self.home_country)
        for m in mentions:
            if not m.flagged:
                m.resolution = self._resolve(m, plain, mentions)
        mentions = self._filter_flagged(mentions, folds, demonym_countries, doc.tokens, _dateline(doc))
        kept = {id(m) for m in mentions}
        for m in mentions:
            if m.parent is not None and id(m.parent) not in kept:
                m.parent = None
            if m.near_ref is not None and id(m.near_ref) not in kept:
                m.near_ref = None
        for m in mentions:
            if m.flagged:
                m.resolution = self._resolve(m, plain, mentions)
        # pass 2: with the countries and places the whole document names
        countries = Counter(demonym_countries)
        for m in mentions:
            if m.resolution is not None and m.resolution.candidate.country and m.source != "country-word":
                countries[m.resolution.candidate.country] += 2
        # each distinct place once: a place named twice is no more evidence of where the story is,
        # and a long document must not compare every mention with every other
        anchors = tuple(
            {
                m.resolution.candidate.place_id: m.resolution.candidate
                for m in mentions
                if m.resolution is not None and m.resolution.candidate.type != "country"
            }.values()
        )
        context = GeoContext(countries=_shares(countries), home_country=self.home_country)
        story_country = countries.most_common(1)[0][0] if countries else None
        main = story_country or self.home_country
        for m in mentions:
            own = tuple(
                a for a in anchors if m.resolution is None or a.place_id != m.resolution.candidate.place_id
            )
            m.resolution = self._resolve(m, replace(context, anchors=own), mentions, main_country=main)
        sentence_starts = sorted(sentence.token_start for sentence in doc.sentences)
        for i, m in enumerate(mentions):
            if m.resolution is None and m.announced and m.country_hint is None:
                m.country_hint = _country_before(mentions[:i], m, sentence_starts)
            m.place = self._place(doc, m, story_country)
        found = [m for m in mentions if m.place is not None]
        return GeoAnalysis(
            found, folds, barrier, context=replace(context, anchors=anchors), main_country=main
        )

    # ------------------------------------------------------------------ a given span

    def resolve_span(
        self, doc: Document, start: int, end: int, analysis: GeoAnalysis | None = None
    ) -> PlaceMention | None:
        """Resolve the words ``doc.raw[start:end]`` as a place, in the document's context.

        For a span another stage chose (an event's location): a mention found inside it is used
        as it is; otherwise the span's own words are looked up (exactly, then by sound), a part of
        a town ("سریاب روڈ") falls back to the town the text puts it in or named last, and a span
        that names no place at all ("ملک کے مختلف شہروں") to the country of the story.
        """
        analysis = analysis if analysis is not None else self.analyse(doc)
        text = doc.raw[start:end]
        inside = [
            m
            for m in analysis.mentions
            if m.place is not None
            and m.place.start is not None
            and m.place.end is not None
            and m.place.start < end
            and start < m.place.end
        ]
        if inside:
            best = max(inside, key=lambda m: (min(end, _end(m)) - max(start, _start(m)), -_start(m)))
            assert best.place is not None
            span = PlaceMention(
                best.tok_start,
                best.tok_end,
                best.core_start,
                best.core_end,
                best.key,
                best.source,
                direction=best.direction,
                resolution=best.resolution,
            )
            direction = best.direction or self._has_direction(text)
            precision = max(best.place.geo_precision or 1, 2 if direction else 1)
            if best.resolution is not None:
                span.place = make_place(text, start, end, best.resolution.candidate, precision)
            else:  # a place the gazetteer lacks: as it was found, without coordinates
                span.place = replace(best.place, text=text, start=start, end=end, geo_precision=precision)
            span.why = f"mention in span: {best.why}"
            return span
        tok = [i for i, t in enumerate(doc.tokens) if t.start < end and start < t.end]
        if not tok:
            return None
        m = PlaceMention(tok[0], tok[-1] + 1, tok[0], tok[-1] + 1, "", "span")
        folds = analysis.folds
        # admin words at the edges say what the span is; the rest is the name
        while m.core_end - m.core_start > 1 and folds[m.core_start] in self.tables.admin:
            self._note(m, *_kind_hint(self.tables.admin[folds[m.core_start]]))
            m.core_start += 1
        while m.core_end - m.core_start > 1 and folds[m.core_end - 1] in self.tables.admin:
            self._note(m, *_kind_hint(self.tables.admin[folds[m.core_end - 1]]))
            m.core_end -= 1
        m.key = join_keys(folds[m.core_start : m.core_end])
        self._relate_span(m, analysis)
        ctx = analysis.context
        res: Resolution | None = None
        if self.tables.has_cue(folds[m.core_start], "country"):
            res = self._resolve(
                replace(m, source="country-word"), ctx, analysis.mentions, main_country=analysis.main_country
            )
        if res is None and m.key:
            res = self._resolve(m, ctx, analysis.mentions)
            if res is None and m.key.startswith("ال") and len(m.key) > 4:
                res = self._resolve(replace(m, key=m.key[2:]), ctx, analysis.mentions)
        if res is None:
            # the longest known name inside the span ("کوٹ لکھپت جیل")
            sub = self._gazetteer_matches(folds[m.core_start : m.core_end], set(), [])
            if sub:
                longest = max(sub, key=lambda s: s.core_end - s.core_start)
                res = self.geocoder.resolve(longest.key, ctx, surface=longest.key)
                if res is not None and not (
                    res.candidate.src & _TRUSTED and ctx.countries.get(res.candidate.country or "", 0) > 0
                ):
                    res = None  # a stray word inside the span ("قصبہ پگ شان" -> "شان")
        if res is None:
            town = self._town_before(m, analysis.mentions)
            if town is not None:
                res = Resolution(
                    town.candidate, town.score, f"a part of the town named before it, {town.candidate.name}"
                )
        if res is None and analysis.main_country:
            country = self.geocoder.country(analysis.main_country)
            if country is not None:
                res = Resolution(country, 0.0, "nothing known: the country of the story")
        if res is None:
            return None
        m.resolution = res
        precision = res.candidate.precision if res.why != "nothing known: the country of the story" else 3
        if m.direction or m.near_word or m.hint == "valley" or self._has_direction(text):
            precision = max(precision, 2)
        m.place = make_place(text, start, end, res.candidate, precision)
        m.why = m.rule or _why(m)
        return m

    def _has_direction(self, text: str) -> bool:
        return any(self.tables.admin.get(fold(w), ("",))[0] == "direction" for w in text.split())

    def _relate_span(self, m: PlaceMention, analysis: GeoAnalysis) -> None:
        """The unit or town just before the span that the text puts it in or near."""
        folds = analysis.folds
        for a in reversed(analysis.mentions):
            if a.tok_end > m.tok_start:
                continue
            words = folds[a.tok_end : m.tok_start]
            if len(words) > 5 or any(k in analysis.barrier for k in range(a.tok_end + 1, m.tok_start + 1)):
                return
            if words and all(self.tables.has_cue(w, "link") or w in self.tables.admin for w in words):
                if any(self.tables.admin.get(w, ("",))[0] == "near" for w in words):
                    m.near_ref = a
                elif any(self.tables.has_cue(w, "genitive") for w in words):
                    m.parent = a
            return

    def _barriers(self, doc: Document, folds: list[str]) -> set[int]:
        # an n-gram never spans a sentence start or a punctuation token
        starts = {s.token_start for s in doc.sentences}
        return starts | {i for i, f in enumerate(folds) if not f}

    def _is_function(self, key: str) -> bool:
        kinds = self.tables.cues.get(key, frozenset())
        return "function" in kinds or "link" in kinds or key in self.tables.admin

    def _gazetteer_matches(
        self, folds: list[str], barrier: set[int], mentions: list[PlaceMention]
    ) -> list[PlaceMention]:
        t = self.tables
        out = list(mentions)
        taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
        i, n = 0, len(folds)
        while i < n:
            if i in taken:
                i += 1
                continue
            found = 0
            for length in range(min(_MAX_WORDS, n - i), 0, -1) if folds[i] else ():
                last = folds[i + length - 1]
                if not last or any(j in barrier or j in taken for j in range(i + 1, i + length)):
                    continue
                if length == 1 and (self._is_function(last) or last in t.demonyms):
                    continue  # "افغان" is an adjective; the country is "افغانستان"
                if length > 1 and (
                    t.has_cue(folds[i], "function")
                    or (t.has_cue(last, "function") and not t.has_cue(last, "suffix"))
                    or (t.has_cue(last, "function") and folds[i + length - 2].endswith("نے"))
                ):
                    # "والا" ends names too ("دلے والا"), but after an infinitive ("جانے والا") it
                    # makes a participle
                    continue
                if length > 1 and any(
                    len(f) <= 2 and not t.has_cue(f, "letter") and not (f == _AND_WA and 0 < k < length - 1)
                    for k, f in enumerate(folds[i : i + length])
                ):
                    continue  # "حا صل", "پاکستا ن": a word broken by a stray space ("جموں و کشمیر" is a name)
                key = join_keys(folds[i : i + length])
                if len(key) >= 2 and self.geocoder.has(key):
                    found = length
                    break
            # a person, armed group or party named here ("بشار اسد", "القاعدہ") is not a place
            skip = max(
                (
                    length
                    for length in range(min(4, n - i), 0, -1)
                    if join_keys(folds[i : i + length]) in t.not_places
                ),
                default=0,
            )
            if skip >= found > 0 or (skip and not found):
                i += skip
                continue
            if found:
                m = PlaceMention(i, i + found, i, i + found, join_keys(folds[i : i + found]), "gazetteer")
                # a name indexed with its admin word ("ضلع شمالی وزیرستان"): the word still says what it is
                while m.core_end - m.core_start > 1 and t.admin.get(folds[m.core_start], ("",))[0] == "unit":
                    self._note(m, "unit", t.admin[folds[m.core_start]][2])
                    m.core_start += 1
                while (
                    m.core_end - m.core_start > 1 and t.admin.get(folds[m.core_end - 1], ("",))[0] == "unit"
                ):
                    self._note(m, "unit", t.admin[folds[m.core_end - 1]][2])
                    m.core_end -= 1
                out.append(m)
                i += found
            else:
                i += 1
        return out

    def _add_ner(self, doc: Document, folds: list[str], mentions: list[PlaceMention]) -> list[PlaceMention]:
        taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
        i = 0
        while i < len(doc.tokens):
            tag = doc.tokens[i].ent or ""
            if tag[:2] in ("B-", "I-") and tag[2:] in _LOC_TAGS:
                j = i + 1
                while j < len(doc.tokens) and (doc.tokens[j].ent or "") == f"I-{tag[2:]}":
                    j += 1
                if not taken.intersection(range(i, j)):
                    key = join_keys(folds[i:j])
                    if key:
                        mentions.append(PlaceMention(i, j, i, j, key, "ner"))
                i = j
            else:
                i += 1
        return mentions

    def _add_cues(
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
            self._note(m, kind, hint)
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

    def _add_near(
        self, folds: list[str], norms: list[str], barrier: set[int], mentions: list[PlaceMention]
    ) -> list[PlaceMention]:
        """ "تربت کے قریب مند میں": one or two words between "A کے قریب" and "میں"/"پر" name a place.

        Only words that are not everyday words ("کے قریب جنگل میں", "کے قریب ایک گاؤں میں" are not
        places; without a word that announces a place the line is far lower than after one);
        resolution later needs A to be a town (:meth:`_resolve_near`). A word the gazetteer already
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
        if not f or self._is_function(f) or f.isdigit() or f in t.demonyms or f in t.closed_class:
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
        """Whether a one-word gazetteer name needs evidence to count (:meth:`_flag` would flag it)."""
        return key in self.tables.ambiguous or self.geocoder.is_common(key) or not self._plausible(key)

    def _add_country_word(self, folds: list[str], mentions: list[PlaceMention]) -> list[PlaceMention]:
        taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
        t = self.tables
        for i, f in enumerate(folds):
            if i in taken or not t.has_cue(f, "country"):
                continue
            nxt = folds[i + 1] if i + 1 < len(folds) else ""
            end = 0
            if t.has_cue(nxt, "nationwide"):
                end = i + 2
            elif t.has_cue(nxt, "genitive"):
                j = i + 2
                while j < len(folds) and t.has_cue(folds[j], "quantifier"):
                    j += 1
                if j < len(folds) and t.has_cue(folds[j], "parts"):
                    end = j + 1
            if end:
                mentions.append(PlaceMention(i, end, i, i + 1, f, "country-word"))
        return mentions

    def _extend(
        self,
        m: PlaceMention,
        folds: list[str],
        barrier: set[int],
        mentions: list[PlaceMention],
        starts: list[int],
    ) -> None:
        """Take admin words next to the name into the mention, and note what they say.

        ``mentions`` are sorted by their start (``starts``, taken before any was extended); only
        the mentions near ``m`` can block it, so only those are looked at, which keeps a long
        document linear.
        """
        lo = bisect_left(starts, m.tok_start - _NEIGHBOURHOOD)
        hi = bisect_right(starts, m.tok_end + _NEIGHBOURHOOD)
        occupied = {i for o in mentions[lo:hi] if o is not m for i in range(o.tok_start, o.tok_end)}
        # words before: up to two tokens (a direction may precede an admin word: "جنوبی صوبے")
        while True:
            hit = self._admin_at(folds, m.tok_start, backwards=True)
            if (
                hit is None
                or m.tok_start in barrier
                or any(i in occupied for i in range(hit[0], m.tok_start))
            ):
                break
            start, (kind, position, hint) = hit
            if position not in ("before", "both"):
                break
            m.tok_start = start
            self._note(m, kind, hint)
        while True:
            hit = self._admin_at(folds, m.tok_end, backwards=False)
            if hit is None or hit[0] in barrier or any(i in occupied for i in range(m.tok_end, hit[0])):
                break
            end, (kind, position, hint) = hit
            if position not in ("after", "both") or kind in ("direction",):
                break
            if kind == "near":
                m.near_word = True  # "X کے قریب": the span stays X; the event is near it
                break
            m.tok_end = end
            self._note(m, kind, hint)

    def _admin_at(
        self, folds: list[str], pos: int, backwards: bool
    ) -> tuple[int, tuple[str, str, str]] | None:
        """An admin word (one or two tokens) ending at ``pos`` (backwards) or starting there."""
        for length in (2, 1):
            lo, hi = (pos - length, pos) if backwards else (pos, pos + length)
            if lo < 0 or hi > len(folds) or not all(folds[lo:hi]):
                continue
            entry = self.tables.admin.get(join_keys(folds[lo:hi]))
            if entry is not None:
                return (lo if backwards else hi), entry
        if not backwards and pos + 1 < len(folds) and self.tables.has_cue(folds[pos], "genitive"):
            # "X کے قریب": a near word after the genitive
            entry = self.tables.admin.get(folds[pos + 1])
            if entry is not None and entry[0] == "near":
                return pos + 2, entry
        return None

    @staticmethod
    def _note(m: PlaceMention, kind: str, hint: str) -> None:
        if kind == "unit":
            m.hint = m.hint or hint
        elif kind == "direction":
            m.direction = True
        elif kind == "part":
            m.part = True
        elif kind == "near":
            m.near_word = True

    def _relate(self, mentions: list[PlaceMention], folds: list[str], barrier: set[int]) -> None:
        """ "A کی وادی B", "A کے علاقے B", "A صوبے کے شرق میں واقع B": B is in A; "A کے قریب B": near."""
        for j, m in enumerate(mentions):
            for i in range(j - 1, -1, -1):
                a = mentions[i]
                gap = range(a.tok_end, m.tok_start)
                if len(gap) > 5 or any(k in barrier for k in range(a.tok_end + 1, m.tok_start + 1)):
                    break
                words = [folds[k] for k in gap]
                if not words or not all(
                    self.tables.has_cue(w, "link") or w in self.tables.admin for w in words
                ):
                    break
                if a.near_word or any(self.tables.admin.get(w, ("",))[0] == "near" for w in words):
                    m.near_ref = a
                    a.near_word = False  # A is the reference point, B the place meant
                elif any(self.tables.has_cue(w, "genitive") for w in words):
                    m.parent = a
                break

    # ------------------------------------------------------------------ evidence for everyday words

    def _flag(self, mentions: list[PlaceMention], folds: list[str]) -> None:
        """Mark the mentions that need evidence: everyday words, surnames, obscure villages."""
        t = self.tables
        for m in mentions:
            if m.source != "gazetteer":
                continue
            single = m.core_end - m.core_start == 1
            prev = folds[m.core_start - 1] if m.core_start > 0 else ""
            first = folds[m.core_start]
            last = folds[m.core_end - 1]
            if m.hint is None and (
                (single and prev in t.given_names)  # "وہاب ریاض", "محمد اصغر": a person
                or (not single and first in t.given_names and not t.has_cue(last, "suffix"))  # "عامر خان"
                or (single and (prev.isdigit() or t.has_cue(prev, "number")))  # "5 واں": not a place
            ):
                m.extra["surname"] = "1"
            if not self._plausible(m.key):
                m.extra["obscure"] = "1"
            if single and (m.key in t.ambiguous or self.geocoder.is_common(m.key)):
                m.extra["common"] = "1"
            if single and self._small(m.key):
                m.extra["small"] = "1"
            m.flagged = bool(m.extra)
            nxt = folds[m.tok_end : m.tok_end + 3]
            if (
                len(nxt) >= 2
                and t.has_cue(nxt[0], "genitive")
                and (t.has_cue(nxt[1], "state") or t.has_cue("".join(nxt[1:3]), "state"))
            ):
                m.as_country = True

    def _plausible(self, key: str) -> bool:
        """Whether a name is one Urdu news would use for a place without further evidence.

        WOF and GeoNames also carry the Arabic and Persian names of thousands of villages, and many
        of these are everyday Urdu words (قریبی, دھمکی, نصب); GeoNames even files a few odd words
        under big cities. Only Urdu, hand-kept and CLDR names, and the GeoNames names of cities of a
        million or more that start like the city's Latin name, count on their own.
        """
        return any(
            c.src & _TRUSTED
            or (c.src & SRC_GEONAMES and c.population >= 1_000_000 and same_onset(key, c.name))
            for c in self.geocoder.lookup(key)
        )

    def _small(self, key: str) -> bool:
        """Whether every place with this one-word name is a foreign village or small town.

        Thousands of villages abroad carry an Urdu name that is also a person's name or a word
        ("سچن", "واپڈا", "شبنم"); a story that means one names its country, or names it with an
        admin word, in a list of places, or near other places. Villages of the home country are
        what its news reports, so they are not held back.
        """
        return all(
            c.type in ("locality", "localadmin", "neighbourhood")
            and c.population < _SMALL_POP
            and not c.src & SRC_EXTRA
            and c.country != self.home_country
            for c in self.geocoder.lookup(key)
        )

    def _in_list(self, m: PlaceMention, unflagged: _Adjacency, tokens: Sequence[Token]) -> bool:
        """Whether the mention stands in a list with another place: "سعودی عرب اور ترکی"."""
        before = [o for o in unflagged.ending.get(m.tok_start - 1, ()) if o is not m]
        if before and self._is_coordination(tokens[m.tok_start - 1]):
            return True
        after = [o for o in unflagged.starting.get(m.tok_end + 1, ()) if o is not m]
        return bool(after) and self._is_coordination(tokens[m.tok_end])

    def _is_coordination(self, token: Token) -> bool:
        return token.norm.strip() in ("،", ",", "؛") or self.tables.has_cue(fold(token.norm), "coordination")

    def _filter_flagged(
        self,
        mentions: list[PlaceMention],
        folds: list[str],
        demonyms: Counter[str],
        tokens: Sequence[Token] = (),
        dateline: tuple[int, int] = (0, 0),
    ) -> list[PlaceMention]:
        """Keep a flagged mention only with evidence; say which in ``rule``."""
        settled = [m for m in mentions if not m.flagged and m.resolution is not None]
        supported = set(demonyms) | {m.resolution.candidate.country for m in settled if m.resolution}
        anchors = [
            m.resolution.candidate
            for m in settled
            if m.resolution is not None and m.resolution.candidate.type != "country"
        ]
        unflagged = _Adjacency.of([m for m in mentions if not m.flagged])
        keep: list[PlaceMention] = []
        for m in mentions:
            if not m.flagged:
                keep.append(m)
                continue
            vetoes = self.tables.ambiguous.get(m.key)
            if vetoes is not None:
                before = set(folds[max(0, m.core_start - 2) : m.core_start])
                after = folds[m.core_end] if m.core_end < len(folds) else ""
                if before & vetoes[0] or after in vetoes[1] or (after.isdigit() and "0" in vetoes[1]):
                    continue
            cands = list(self.geocoder.lookup(m.key))
            parent = m.parent.resolution if m.parent is not None and not m.parent.flagged else None
            evidence = ""
            if (
                m.hint is not None
                and m.tok_start < m.core_start
                and (
                    not (m.extra.get("common") or m.extra.get("obscure"))
                    or any(agrees(m.hint, c.type) for c in cands)
                )
            ):
                evidence = "an admin word names it"
            elif (
                parent is not None
                # "ادلب کا دورہ" is a visit to Idlib, not a village in it: an everyday word
                # needs an admin word (handled above) as well as a parent
                and not m.extra.get("common")
                and any(consistent(parent.candidate, c) for c in cands)
            ):
                evidence = f"the text puts it in {parent.candidate.name}"
            elif m.as_country and any(c.type == "country" for c in cands):
                evidence = "a state noun follows"
            elif (
                self._in_list(m, unflagged, tokens)
                and not m.extra.get("surname")
                and any(
                    c.type in ("country", "region")
                    or (c.population >= 100_000 and not m.extra.get("common"))
                    or (m.extra.get("small") and not m.extra.get("common") and close_to(c, anchors, _NEAR_KM))
                    for c in cands
                )
            ):
                evidence = "it stands in a list of places"
            elif (
                m.key in self.tables.ambiguous
                and not m.extra.get("surname")
                and any(c.type == "country" and c.country in supported for c in cands)
            ):
                evidence = "the document names the country"
            elif (
                not m.extra.get("surname")
                and not m.extra.get("common")
                and any(
                    c.country in supported
                    and (
                        (m.extra.get("small") and not m.extra.get("obscure"))
                        or (c.population >= 100_000 and same_onset(m.key, c.name))
                    )
                    for c in cands
                )
            ):
                evidence = "in a country the document names"
            elif (
                not m.extra.get("surname")
                and not m.extra.get("common")
                and any(close_to(c, anchors, _NEAR_KM) for c in cands if c.src & _TRUSTED)
            ):
                evidence = "near another place the text names"
            elif m.near_pattern and (town := _town(m.near_ref)) is not None:
                evidence = f"the text puts it near {town.name}"
            elif (
                m.tok_start == dateline[0] < m.tok_end < dateline[1]
                and not m.extra.get("surname")
                and any(
                    c.type == "locality" and c.population >= _DATELINE_POP and c.country in supported
                    for c in cands
                )
            ):
                # "صوفیہ ۔ 5 اگست (اے پی پی)": a name alone that opens the dateline is the city
                # the story was filed from, not the given name it also is; a city of a country
                # the story names ("کنگسٹن" of a West Indies tour is not the Canadian one)
                evidence = "it opens the dateline"
            if evidence:
                m.rule = f"{_FLAG_WORDS[next(iter(m.extra))]}, but {evidence}"
                keep.append(m)
        return keep

    # ------------------------------------------------------------------ resolving

    def _resolve(
        self, m: PlaceMention, ctx: GeoContext, mentions: list[PlaceMention], main_country: str | None = None
    ) -> Resolution | None:
        parent = m.parent.resolution if m.parent is not None else None
        near = m.near_ref.resolution if m.near_ref is not None else None
        ctx = replace(
            ctx,
            hint=m.hint,
            parent=parent.candidate if parent else None,
            near=near.candidate if near else None,
        )
        if m.near_pattern and (m.source == "near" or m.flagged):
            return self._resolve_near(m, ctx)
        if m.source == "country-word":
            iso3 = main_country or self.home_country
            country = self.geocoder.country(iso3) if iso3 else None
            return Resolution(country, 50.0, "'the country' of the story") if country else None
        # a street or building ("سریاب روڈ") is named after anything: only a trusted name counts,
        # never a look-alike; otherwise it is a part of the town around it
        fuzzy = m.source != "gazetteer" and not m.part
        res = self.geocoder.resolve(m.key, ctx, surface=m.key, fuzzy=fuzzy)
        if res is not None and m.part and not res.candidate.src & _TRUSTED:
            res = None
        if res is not None and parent is not None and not consistent(parent.candidate, res.candidate):
            res = None  # "کوئٹہ کے علاقے زرغون": not an Afghan village of that name
        if res is None and (m.part or m.hint == "area" or parent is not None) and m.source != "gazetteer":
            # "کوئٹہ کے علاقے زرغون روڈ": a part of a town the gazetteer does not list -> the town;
            # with no town named with it, the last town the text named before it
            town = parent or (self._town_before(m, mentions) if m.part and m.source == "span" else None)
            if town is not None and town.candidate.type == "country" and m.announced:
                return None  # "چین کے قصبہ X": a Chinese town the gazetteer lacks, not all of China
            if town is not None:
                return Resolution(town.candidate, town.score, f"a part of {town.candidate.name}")
        if (
            res is not None
            and res.phonetic
            and m.source in ("cue", "ner")
            and parent is None
            and near is None
            and ctx.countries.get(res.candidate.country or "", 0.0) <= 0
        ):
            # a look-alike abroad ("میسیا شہر" -> Mosul in a story about Bulgaria): a name the
            # gazetteer lacks is more likely than a place in a country the story never names
            return None
        if (
            res is not None
            and res.phonetic
            and m.source in ("cue", "ner")
            and parent is None
            and near is None
            and self._sounds_ambiguous(m.key, res.candidate, ctx)
        ):
            return None
        return res

    def _sounds_ambiguous(self, key: str, best: Candidate, ctx: GeoContext) -> bool:
        """Whether other places of the country sound the same and nothing in the text picks one.

        A consonant skeleton says little about a foreign name ("لنگ شان" sounds like three towns
        called Longshan, and is none of them); a look-alike counts then only near another place
        the text names."""
        country = {best.country} if best.country else None
        others = [
            c
            for c in self.geocoder.lookup_phonetic(phonetic_key(key), country)
            if c.place_id != best.place_id
            and c.type != "country"
            and not best.contains(c)
            and not c.contains(best)
            and ((d := distance_km(best, c)) is None or d > _SAME_PLACE_KM)
        ]
        return bool(others) and not close_to(best, ctx.anchors, _NEAR_PATTERN_KM)

    def _resolve_near(self, m: PlaceMention, ctx: GeoContext) -> Resolution | None:
        """ "A کے قریب B میں": a place of B's name (or sound) in A's country, within reach of A."""
        town = _town(m.near_ref)
        if town is None or town.country is None:
            return None
        sounds = self.geocoder.lookup_phonetic(phonetic_key(m.key), {town.country})
        cands = [*self.geocoder.lookup(m.key), *sounds]
        close = [
            c
            for c in cands
            if c.country == town.country
            and c.type != "country"
            and c.place_id != town.place_id
            and (d := distance_km(town, c)) is not None
            and d <= _NEAR_PATTERN_KM
        ]
        if not close:
            return None
        ctx = replace(ctx, near=town)
        best = max(close, key=lambda c: (score(c, ctx, m.key)[0], -c.place_id))
        sound = "sounds like " if best.src == 0 else ""
        why = f"{sound}{best.name}, near {town.name}"
        return Resolution(best, score(best, ctx, m.key)[0], why, best.src == 0)

    @staticmethod
    def _town_before(m: PlaceMention, mentions: list[PlaceMention]) -> Resolution | None:
        for other in reversed([o for o in mentions if o.tok_end <= m.tok_start]):
            res = other.resolution
            if res is not None and res.candidate.type in ("locality", "localadmin") and not other.part:
                return res
        return None

    def _place(self, doc: Document, m: PlaceMention, story_country: str | None = None) -> Place | None:
        if m.resolution is None:
            return self._unknown_place(doc, m, story_country)
        c = m.resolution.candidate
        precision = c.precision
        if m.direction or m.near_word or m.hint == "valley":
            precision = max(precision, 2)  # a part of it, near it, the valley or mountain around it
        if m.source == "country-word":
            precision = 3
        m.why = m.rule or _why(m)
        start, end = doc.tokens[m.tok_start].start, doc.tokens[m.tok_end - 1].end
        return make_place(doc.raw[start:end], start, end, c, precision)

    def _unknown_place(self, doc: Document, m: PlaceMention, story_country: str | None) -> Place | None:
        """A place the gazetteer lacks, where the text leaves no doubt that it is one: after a word
        that announces a place ("قصبہ پگ شان") or "A کے قریب B میں" with A a town. It keeps its Urdu
        name and gets the country (and province) the text gives it, never coordinates."""
        near = _town(m.near_ref)
        parent = m.parent.resolution.candidate if m.parent and m.parent.resolution else None
        if m.near_pattern and near is not None:
            country, admin1, precision = near.country, near.admin1, 2  # ACLED: near a town
            m.why = f"a place the gazetteer lacks, near {near.name}"
        elif m.source == "cue" and m.announced and not m.part:
            given = near or parent
            country = given.country if given is not None else m.country_hint or story_country
            admin1 = near.admin1 if near is not None else None
            precision = _UNKNOWN_PRECISION.get(m.hint or "", 2)
            m.why = f"a place the gazetteer lacks (admin word: {m.hint}); country from the text: {country}"
        else:
            return None
        tokens = doc.tokens
        start, end = tokens[m.tok_start].start, tokens[m.tok_end - 1].end
        name = doc.raw[tokens[m.core_start].start : tokens[m.core_end - 1].end]
        return Place(
            text=doc.raw[start:end],
            start=start,
            end=end,
            name=name,
            country=country,
            admin1=admin1,
            geo_precision=precision,
        )


def _country_before(
    before: Sequence[PlaceMention], m: PlaceMention, sentence_starts: list[int]
) -> str | None:
    """The country of the place named last before ``m`` in its sentence ("شمالی کوریا نے بندرگاہی
    شہر X سے": a North Korean town, whichever country the story names most)."""
    k = bisect_right(sentence_starts, m.tok_start) - 1
    first = sentence_starts[k] if k >= 0 else 0
    for other in reversed(before):
        if other.tok_start < first:
            break
        if other.resolution is not None and other.resolution.candidate.country:
            return other.resolution.candidate.country
    return None


def _dateline(doc: Document) -> tuple[int, int]:
    """(first token, token after the end) of the dateline ("صوفیہ ۔ 5 اگست (اے پی پی)"), or (0, 0)."""
    sentence, end = dateline_end(doc)
    return (doc.sentences[sentence].token_start, end) if sentence >= 0 else (0, 0)


def _town(m: PlaceMention | None) -> Candidate | None:
    """The town or district a mention resolved to ("تربت کے قریب": measured from Turbat), or None."""
    if m is None or m.resolution is None or m.resolution.candidate.type not in _TOWNS:
        return None
    return m.resolution.candidate


def make_place(text: str, start: int | None, end: int | None, c: Candidate, precision: int) -> Place:
    """A :class:`~waqia.record.Place` for a resolved candidate."""
    admin1 = None if c.type == "country" else c.admin1
    return Place(
        text=text,
        start=start,
        end=end,
        name=c.name,
        country=c.country,
        admin1=admin1,
        lat=c.lat,
        lon=c.lon,
        geo_precision=precision,
        gazetteer_id=c.gid,
    )


def _why(m: PlaceMention) -> str:
    assert m.resolution is not None
    parts = [
        {
            "gazetteer": "gazetteer name",
            "ner": "NER location",
            "cue": "after an admin word",
            "country-word": "'the country'",
            "span": "given span",
        }[m.source]
    ]
    if m.hint:
        parts.append(f"admin word: {m.hint}")
    if m.direction:
        parts.append("a part of it (direction)")
    if m.near_word:
        parts.append("near it")
    parts.append(m.resolution.why)
    return "; ".join(p for p in parts if p)


_FLAG_WORDS = {
    "surname": "after a given name",
    "obscure": "a rare name",
    "common": "an everyday word",
    "small": "a village",
}
_SMALL_POP = 50_000
_NEAR_KM = 100.0
_NEAR_PATTERN_KM = 150.0
_DATELINE_POP = 100_000  # datelines name cities
_SAME_PLACE_KM = 25.0
_TOWNS = ("locality", "localadmin", "county")
# A cue name is never a word Makhzan counts this often (the line the gazetteer build draws for
# names that need context: about the 15,000 most frequent words). After "A کے قریب", without a
# word that announces a place, the line is far lower: "نہر" (canal, 44) and "ناکے" (checkpoint,
# 20) stand there more often than any village the gazetteer lacks.
_CUE_EVERYDAY = 50
_VERY_COMMON = 1000
_NEAR_EVERYDAY = 10
# ACLED precision of a place known only by the word that announces it
_UNKNOWN_PRECISION = {"locality": 1, "county": 2, "area": 2, "valley": 2, "region": 3}


def _shares(counts: Counter[str]) -> dict[str, float]:
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()} if total else {}


def resolver_for(geocoder: Geocoder | None = None, home_country: str | None = "PAK") -> PlaceResolver:
    """A cached resolver for the packaged gazetteer (or a new one for another geocoder)."""
    if geocoder is None:
        return _default_resolver(home_country)
    return PlaceResolver(geocoder, home_country=home_country)


@lru_cache(maxsize=4)
def _default_resolver(home_country: str | None) -> PlaceResolver:
    return PlaceResolver(home_country=home_country)
