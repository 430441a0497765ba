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

This module holds the stage, resolution and the places it builds; steps 1, 2 and 4, the admin words
and the relations between mentions are in :mod:`waqia.stages._place_mentions`, step 3 and "A کے
قریب B میں" in :mod:`waqia.stages._place_cues`, the evidence for everyday words in
:mod:`waqia.stages._place_evidence`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from waqia.document import Document
from waqia.geo.fold import fold, join_keys, phonetic_key
from waqia.geo.gazetteer import Candidate
from waqia.geo.geocoder import (
    GazetteerGeocoder,
    Geocoder,
    GeoContext,
    Resolution,
    close_to,
    consistent,
    distance_km,
    score,
)
from waqia.geo.lexicon import place_tables
from waqia.record import Place
from waqia.stages._place_cues import CueFinder
from waqia.stages._place_evidence import TRUSTED, EverydayEvidence
from waqia.stages._place_mentions import MentionFinder, PlaceMention, barriers, note_admin, town_of
from waqia.stages.dates import dateline_end

__all__ = ["GeoAnalysis", "PlaceMention", "PlaceResolver", "make_place", "resolver_for"]


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
        self._mentions = MentionFinder(self.tables, self.geocoder)
        self._cues = CueFinder(self.tables, self.geocoder)
        self._evidence = EverydayEvidence(self.tables, self.geocoder, home_country)

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
        barrier = barriers(doc, folds)
        mentions = self._mentions.country_words(folds, [])
        mentions = self._mentions.gazetteer_matches(folds, barrier, mentions)
        mentions = self._mentions.ner_mentions(doc, folds, mentions)
        norms = [t.norm for t in doc.tokens]
        mentions = self._cues.add_cues(folds, norms, barrier, mentions)
        mentions = self._cues.add_near(folds, norms, barrier, mentions)
        mentions.sort(key=lambda m: m.tok_start)
        starts = [m.tok_start for m in mentions]
        for m in mentions:
            self._mentions.extend(m, folds, barrier, mentions, starts)
        self._mentions.relate(mentions, folds, barrier)
        demonym_countries = Counter(self.tables.demonyms[f] for f in folds if f in self.tables.demonyms)
        self._evidence.flag(mentions, folds)
        # pass 1: each mention on its own, the ambiguous ones only after the rest give evidence
        plain = GeoContext(countries=_shares(demonym_countries), home_country=self.home_country)
        for m in mentions:
            if not m.flagged:
                m.resolution = self._resolve(m, plain, mentions)
        mentions = self._evidence.filter_flagged(
            mentions, folds, demonym_countries, doc.tokens, _dateline(doc)
        )
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
            note_admin(m, *_kind_hint(self.tables.admin[folds[m.core_start]]))
            m.core_start += 1
        while m.core_end - m.core_start > 1 and folds[m.core_end - 1] in self.tables.admin:
            note_admin(m, *_kind_hint(self.tables.admin[folds[m.core_end - 1]]))
            m.core_end -= 1
        m.key = join_keys(folds[m.core_start : m.core_end])
        self._mentions.relate_span(m, analysis.mentions, analysis.folds, analysis.barrier)
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
            sub = self._mentions.gazetteer_matches(folds[m.core_start : m.core_end], set(), [])
            if sub:
                longest = max(sub, key=lambda s: s.core_end - s.core_start)
                res = self.geocoder.resolve(longest.key, ctx, surface=longest.key)
                if res is not None and not (
                    res.candidate.src & TRUSTED and ctx.countries.get(res.candidate.country or "", 0) > 0
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
        if res is not None and m.part and not res.candidate.src & TRUSTED:
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
            and (
                # a look-alike abroad ("میسیا شہر" -> Mosul in a story about Bulgaria): a name the
                # gazetteer lacks is more likely than a place in a country the story never names
                ctx.countries.get(res.candidate.country or "", 0.0) <= 0
                or self._sounds_ambiguous(m.key, res.candidate, ctx)
            )
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
        town = town_of(m.near_ref)
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
        near = town_of(m.near_ref)
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


_NEAR_PATTERN_KM = 150.0
_SAME_PLACE_KM = 25.0
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
