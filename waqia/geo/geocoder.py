"""The Geocoder protocol, the context a place is resolved in, and how candidates are ranked.

A geocoder answers two questions: which places can this (folded) name mean (:meth:`Geocoder.lookup`),
and which of them does the text mean (:meth:`Geocoder.resolve`). The second needs a
:class:`GeoContext`: the countries the document talks about, places already resolved in it, the unit
the text puts the name in ("خیبر ایجنسی کی وادی تیراہ"), the kind of place an admin word names
("صوبہ ادلب"), and the country of the outlet.

Two implementations share the ranking (:class:`BaseGeocoder`): :class:`GazetteerGeocoder` over the
compiled gazetteer, and :class:`InMemoryGeocoder`, a handful of places held in dicts, for tests (in
the spirit of httpx's ``MockTransport``).
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Protocol, runtime_checkable

from waqia.geo.fold import fold, phonetic_key, romanize
from waqia.geo.gazetteer import (
    SRC_CLDR,
    SRC_EXTRA,
    SRC_GEONAMES,
    SRC_OTHER,
    SRC_STRIPPED,
    SRC_URD,
    Candidate,
    Gazetteer,
    load_gazetteer,
)

_TRUSTED = SRC_URD | SRC_EXTRA | SRC_CLDR
# A phonetic match must lie this close to the unit or town the text relates it to (km).
_PARENT_KM = 50.0
_NEAR_KM = 150.0
_ANCHOR_KM = 300.0
# A town this big is matched by its skeleton in any story ("برلن" -> Berlin).
_FAMOUS_POP = 500_000


@dataclass(frozen=True, slots=True)
class GeoContext:
    """What the document says around a place name."""

    countries: Mapping[str, float] = field(default_factory=dict)  # ISO3 -> share of country evidence
    anchors: tuple[Candidate, ...] = ()  # places resolved elsewhere in the document
    parent: Candidate | None = None  # the unit the text puts the place in: "A کی وادی B", "A کے علاقے B"
    near: Candidate | None = None  # "A کے قریب B"
    hint: str | None = None  # what an admin word names: region (صوبہ), county (ضلع), locality (شہر),
    #                          area (علاقہ), valley (وادی, کوہ)
    home_country: str | None = None  # the outlet's country: ties, "ملک" (the country)


@dataclass(frozen=True, slots=True)
class Resolution:
    """The place a name was resolved to, its score, and a short reason for people to read."""

    candidate: Candidate
    score: float
    why: str
    phonetic: bool = False


@runtime_checkable
class Geocoder(Protocol):
    """Finds the places a name can mean and picks the one the text means."""

    def has(self, key: str) -> bool: ...

    def is_common(self, key: str) -> bool: ...

    def lookup(self, key: str, context: GeoContext | None = None) -> Sequence[Candidate]: ...

    def lookup_phonetic(
        self, key: str, countries: Collection[str] | None = None, min_population: int = 0
    ) -> Sequence[Candidate]: ...

    def place(self, place_id: int) -> Candidate | None: ...

    def country(self, iso3: str) -> Candidate | None: ...

    def resolve(
        self, key: str, context: GeoContext, *, surface: str = "", fuzzy: bool = False
    ) -> Resolution | None: ...


# --------------------------------------------------------------------------- ranking


def distance_km(a: Candidate, b: Candidate) -> float | None:
    """Great-circle distance between two places, or None when one has no point."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _ascii(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", name.lower()) if ch.isalpha() and ch.isascii())


def _importance(c: Candidate) -> float:
    if c.type == "country":
        return 10.0
    if c.type in ("region", "area"):
        return 5.5
    if c.type == "county":
        return 3.5
    if c.type in ("locality", "localadmin"):
        return 0.8 * math.log10(c.population + 1)
    return 1.0  # campus, neighbourhood: specific, chosen when the context points at them


def _trust(c: Candidate) -> float:
    if c.src == 0:
        return -1.5  # phonetic match
    bonus = 2.0 if c.src & _TRUSTED else 1.0 if c.src & SRC_GEONAMES else 0.5 if c.src & SRC_OTHER else 0.0
    if c.src & SRC_STRIPPED and not c.src & (_TRUSTED | SRC_GEONAMES | SRC_OTHER) & ~SRC_STRIPPED:
        bonus -= 0.5
    return bonus


def score(c: Candidate, ctx: GeoContext, surface: str = "") -> tuple[float, list[str]]:
    """How well a candidate fits the context; the reasons that added most, for ``why``."""
    s = _importance(c) + _trust(c)
    why: list[str] = []
    if c.src == 0 and surface:
        # among look-alikes, the one whose spelling is closest ("مند": Mand rather than Miandad)
        s += 2.0 * SequenceMatcher(None, romanize(surface), _ascii(c.name)).ratio()
    share = ctx.countries.get(c.country or "", 0.0)
    if share > 0:
        s += 2.0 + 6.0 * share
        why.append(f"{c.country} in document")
    if ctx.home_country and c.country == ctx.home_country:
        s += 1.5
    if ctx.parent is not None:
        d = distance_km(ctx.parent, c)
        if ctx.parent.contains(c):
            s += 8.0
            why.append(f"in {ctx.parent.name}")
        elif d is not None and d <= _PARENT_KM:
            s += 6.0
            why.append(f"{d:.0f} km from {ctx.parent.name}")
        elif ctx.parent.country != c.country:
            s -= 5.0
        else:
            s -= 1.0
    if ctx.near is not None:
        d = distance_km(ctx.near, c)
        if d is not None and d <= _NEAR_KM:
            s += 5.0
            why.append(f"near {ctx.near.name}")
        elif d is not None and d <= 2 * _NEAR_KM:
            s += 2.0
    if ctx.anchors:
        # the unit or town the text relates the place to already counted above
        related = {r.place_id for r in (ctx.parent, ctx.near) if r is not None}
        dists = [
            d
            for a in ctx.anchors
            if a.place_id != c.place_id
            and a.place_id not in related
            and (d := distance_km(a, c)) is not None
            and a.type != "country"
        ]
        if dists:
            d = min(dists)
            if d <= 30:
                s += 3.0
            elif d <= 100:
                s += 2.0
            elif d <= _ANCHOR_KM:
                s += 1.0
            if d <= _ANCHOR_KM:
                why.append(f"{d:.0f} km from another place in the text")
    if ctx.hint is not None:
        if ctx.hint == c.type:
            s += 6.0 if c.type in ("region", "county") else 3.0
            why.append(f"admin word says {ctx.hint}")
        elif ctx.hint in ("area", "valley") and c.type in ("locality", "county", "area"):
            s += 2.0
    return s, why


class BaseGeocoder:
    """The ranking shared by every geocoder; subclasses supply the lookups."""

    def has(self, key: str) -> bool:
        raise NotImplementedError

    def is_common(self, key: str) -> bool:
        raise NotImplementedError

    def lookup(self, key: str, context: GeoContext | None = None) -> Sequence[Candidate]:
        raise NotImplementedError

    def lookup_phonetic(
        self, key: str, countries: Collection[str] | None = None, min_population: int = 0
    ) -> Sequence[Candidate]:
        raise NotImplementedError

    def place(self, place_id: int) -> Candidate | None:
        raise NotImplementedError

    def country(self, iso3: str) -> Candidate | None:
        raise NotImplementedError

    def resolve(
        self, key: str, context: GeoContext, *, surface: str = "", fuzzy: bool = False
    ) -> Resolution | None:
        """The best place for a folded name in a context, or None.

        A country name always means the country ("روس" is Russia, never a town called Ross).
        With ``fuzzy``, names the gazetteer lacks or holds only as obscure villages are also
        matched by their consonant skeleton, but only in the countries the context names and
        within reach of the unit or town the text relates them to.
        """
        cands = list(self.lookup(key, context))
        countries = [c for c in cands if c.type == "country"]
        if countries:
            best = max(countries, key=lambda c: (c.src & _TRUSTED != 0, c.population, -c.place_id))
            return Resolution(best, 100.0, "country name")
        weak = all(c.population < 10000 and not c.src & _TRUSTED for c in cands)
        phonetic = False
        if fuzzy and weak and (surface or key):
            extra = self._phonetic_candidates(surface or key, context)
            phonetic = bool(extra) and not cands
            cands.extend(extra)
        if not cands:
            return None
        ranked = sorted(
            ((score(c, context, surface or key), c) for c in cands), key=lambda t: (-t[0][0], t[1].place_id)
        )
        (best_score, why), best = ranked[0]
        if phonetic and context.parent is None and context.near is None:
            # "برلن" is Berlin wherever the story is: a famous namesake beats small look-alikes
            famous = [c for c in cands if c.population >= _FAMOUS_POP]
            if famous and best.population < _FAMOUS_POP:
                best = max(famous, key=lambda c: (c.population, -c.place_id))
                why = ["a famous place of that name"]
        best = self._prefer_city(best, cands, context)
        reason = "; ".join(why[:3]) or ("only candidate" if len(cands) == 1 else "most important")
        if best.src == 0:
            reason = f"sounds like {best.name}; {reason}"
            phonetic = True
        return Resolution(best, best_score, reason, phonetic)

    def _phonetic_candidates(self, surface: str, ctx: GeoContext) -> list[Candidate]:
        pkey = phonetic_key(surface)
        if len(pkey) < 2:
            return []
        allowed = {c for c, share in ctx.countries.items() if share > 0}
        if ctx.home_country:
            allowed.add(ctx.home_country)
        if ctx.parent is not None and ctx.parent.country:
            allowed.add(ctx.parent.country)
        out: list[Candidate] = []
        found = {c.place_id: c for c in self.lookup_phonetic(pkey, min_population=_FAMOUS_POP)}
        if allowed:
            found.update((c.place_id, c) for c in self.lookup_phonetic(pkey, allowed))
        for c in sorted(found.values(), key=lambda c: c.place_id):
            if c.type == "country":
                continue
            if ctx.parent is not None:
                d = distance_km(ctx.parent, c)
                if not (ctx.parent.contains(c) or (d is not None and d <= _PARENT_KM)):
                    continue
            elif ctx.near is not None:
                d = distance_km(ctx.near, c)
                if d is None or d > _NEAR_KM:
                    continue
            elif c.population >= _FAMOUS_POP:
                pass  # "برلن" is Berlin wherever the story is
            elif c.country not in allowed:
                continue
            elif len(pkey) < 4 and not _close_to_anchor(c, ctx.anchors):
                continue  # a short skeleton matches half the villages of a country
            out.append(c)
        return out

    def _prefer_city(self, best: Candidate, cands: list[Candidate], ctx: GeoContext) -> Candidate:
        # "حلب" alone is the city of Aleppo: a province and a town inside it with one name mean the
        # town unless an admin word says province or district.
        if best.type not in ("region", "county") or ctx.hint in ("region", "county", "area", "valley"):
            return best
        towns = [
            c
            for c in cands
            if c.type == "locality"
            and best.contains(c)
            and c.population >= 1000
            and c.country == best.country
        ]
        if towns:
            return max(towns, key=lambda c: (c.population, -c.place_id))
        return best


def _close_to_anchor(c: Candidate, anchors: Iterable[Candidate]) -> bool:
    for a in anchors:
        if a.type == "country":
            continue
        d = distance_km(a, c)
        if d is not None and d <= _NEAR_KM:
            return True
    return False


class GazetteerGeocoder(BaseGeocoder):
    """The geocoder over the compiled gazetteer (default: the packaged one)."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()

    def has(self, key: str) -> bool:
        return self.gazetteer.has(key)

    def is_common(self, key: str) -> bool:
        return self.gazetteer.is_common(key)

    def lookup(self, key: str, context: GeoContext | None = None) -> Sequence[Candidate]:
        return self.gazetteer.lookup(key)

    def lookup_phonetic(
        self, key: str, countries: Collection[str] | None = None, min_population: int = 0
    ) -> Sequence[Candidate]:
        return self.gazetteer.lookup_phonetic(key, countries, min_population)

    def place(self, place_id: int) -> Candidate | None:
        return self.gazetteer.place(place_id)

    def country(self, iso3: str) -> Candidate | None:
        return self.gazetteer.country(iso3)


class InMemoryGeocoder(BaseGeocoder):
    """A geocoder over a few places given in code, for tests and examples.

    >>> russia = Candidate(1, "test:ru", "Russia", "country", "RUS", None, 60.0, 90.0, 144_000_000,
    ...                    None, None)
    >>> geo = InMemoryGeocoder([(["روس"], russia)])
    >>> geo.resolve(fold("روس"), GeoContext()).candidate.name
    'Russia'
    """

    def __init__(
        self,
        places: Iterable[tuple[Sequence[str], Candidate]],
        common: Iterable[str] = (),
        src: int = SRC_URD,
    ) -> None:
        self._names: dict[str, list[Candidate]] = defaultdict(list)
        self._phon: dict[str, list[Candidate]] = defaultdict(list)
        self._by_id: dict[int, Candidate] = {}
        for names, cand in places:
            self._by_id[cand.place_id] = cand
            for name in names:
                self._names[fold(name)].append(_with_src(cand, src))
            for label in [cand.name, *names]:
                self._phon[phonetic_key(label)].append(cand)
        self._common = frozenset(fold(w) for w in common)

    def has(self, key: str) -> bool:
        return key in self._names

    def is_common(self, key: str) -> bool:
        return key in self._common

    def lookup(self, key: str, context: GeoContext | None = None) -> Sequence[Candidate]:
        return tuple(self._names.get(key, ()))

    def lookup_phonetic(
        self, key: str, countries: Collection[str] | None = None, min_population: int = 0
    ) -> Sequence[Candidate]:
        found = {
            c.place_id: c
            for c in self._phon.get(key, ())
            if (countries is None or c.country in countries) and c.population >= min_population
        }
        return tuple(_with_src(c, 0) for c in found.values())

    def place(self, place_id: int) -> Candidate | None:
        return self._by_id.get(place_id)

    def country(self, iso3: str) -> Candidate | None:
        for c in self._by_id.values():
            if c.type == "country" and c.country == iso3:
                return c
        return None


def _with_src(c: Candidate, src: int) -> Candidate:
    return Candidate(
        c.place_id,
        c.gid,
        c.name,
        c.type,
        c.country,
        c.admin1,
        c.lat,
        c.lon,
        c.population,
        c.region_id,
        c.county_id,
        src,
    )


# --------------------------------------------------------------------------- checks the stage uses


def agrees(hint: str, placetype: str) -> bool:
    """Whether an admin word ("ریاست" region, "شہر" town) fits a placetype."""
    if hint in ("area", "valley"):
        return True
    if hint == "locality":
        return placetype in ("locality", "localadmin", "neighbourhood")
    return hint == placetype or (hint == "region" and placetype == "area")


def close_to(c: Candidate, anchors: Sequence[Candidate], km: float = 150.0) -> bool:
    return any((d := distance_km(a, c)) is not None and d <= km for a in anchors if a.place_id != c.place_id)


def consistent(parent: Candidate, child: Candidate) -> bool:
    """Whether a place can lie in (or at) the unit or town the text puts it in."""
    if parent.contains(child) or parent.place_id == child.place_id:
        return True
    d = distance_km(parent, child)
    if d is not None:
        return d <= (100.0 if parent.type in ("locality", "localadmin", "county") else 400.0)
    return parent.country == child.country


def same_onset(key: str, latin: str) -> bool:
    """Whether an Arabic-script name and a Latin one start with the same consonant class.

    GeoNames alternate names hold some odd entries ("مشق", exercise, for Damascus); a real
    transliteration starts like the name it renders. The Arabic article is ignored.
    """
    a = phonetic_key(key[2:] if key.startswith("ال") and len(key) > 4 else key)
    b = phonetic_key(latin)
    return bool(a) and bool(b) and a[0] == b[0]
