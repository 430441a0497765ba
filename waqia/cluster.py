"""The same real event, told more than once: in one document (mentions) and across documents (clusters).

In one document (:func:`merge_mentions`)
    A headline and the lead, "اس حملے میں ..." after "حملہ کیا", a toll two sentences later: these are
    mentions of one event. A later mention of the same type is merged into the earlier one when it
    points back (a demonstrative), when the earlier one is the headline's and the places agree, or
    when it is close and names the same actors or none; it adds the fields it has and the first
    mention lacks (the first mention keeps its trigger). Different places or different named actors
    keep events apart (three attacks on three roads of one city are three events).

Across documents (:func:`cluster_events`)
    Events of a batch of documents get a ``cluster_id``: events that report the same real event share
    it. Candidates are found by blocking, never by comparing all pairs: an event is compared only with
    events of the same type and country whose date falls in the same or a neighbouring window
    (``window_days``); a block larger than ``max_block`` is split again by first-level division. Pairs
    are scored (same place, same actors, same toll, same day) and joined greedily, best first, with
    union-find; two events of one document never end up in one cluster. Ties are broken by document
    and event order, so the result does not depend on dict or thread order. The cost is linear in the
    number of events times the block size.

At archive scale (:func:`cluster_items`)
    The same scoring and joining runs on :class:`ClusterItem` records, which hold only the fields
    clustering reads (type, mode, trigger words, place, actors, toll, day), so a million events are
    clustered without a million documents in memory. The cheap tests (day window, mode, places)
    run on arrays for a whole block at once, so the exact scorer sees only pairs that can score;
    pairs are kept as three packed columns; nothing grows faster than the number of events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from array import array
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from waqia.document import Document
from waqia.record import Actor, Event, Place
from waqia.stages.dates import parse_iso

if TYPE_CHECKING:
    from waqia.stages._draft import Draft

# sentences: a repeated mention further away is a new event unless it points back
_MERGE_WINDOW = 3
_NEAR_KM = 30.0
# a visit or a meeting the headline names, even with who made it, is told in full where the body
# tells it (who met whom, where): the event is anchored there
_TOLD_IN_BODY = frozenset({"CONSULT"})
# statements: each one told is an act of its own, not a repeated mention of an earlier one
_SPEECH_ACTS = frozenset({"SUPPORT", "ACCUSE", "REQUEST", "REJECT"})


# ------------------------------------------------------------------------------- one document


def _place_key(p: Place | None) -> str | None:
    if p is None:
        return None
    return (p.name or p.text or "").casefold() or None


def places_agree(a: Place | None, b: Place | None) -> bool:
    """Two places that can be one place: either unknown, the same name, or one inside the other's unit."""
    if a is None or b is None:
        return True
    if _place_key(a) == _place_key(b):
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if None not in (a.lat, a.lon, b.lat, b.lon) and _km(a, b) <= _NEAR_KM:
        return True  # "تربت کے علاقہ ردیگ" and "تربت": a village and its town
    whole = [p for p in (a, b) if is_whole_country(p)]
    if whole:  # a whole country holds every place in it, its provinces too
        other = b if whole[0] is a else a
        return whole[0].country is not None and whole[0].country == other.country
    coarse = [p for p in (a, b) if (p.geo_precision or 3) == 3]
    if len(coarse) == 1:  # a province holds its towns
        other = b if coarse[0] is a else a
        return coarse[0].admin1 == other.admin1
    return False


def is_whole_country(p: Place) -> bool:
    """Whether ``p`` stands for a whole country: coarsest precision and no first-level division."""
    return (p.geo_precision or 3) == 3 and p.admin1 is None


def _detail(p: Place) -> int:
    """How coarse a place is: 1 a town, 2 near a town or a district, 3 a province, 4 a whole country.
    A later mention that names a finer place inside the merged event's place says more precisely
    where it happened ("نائیجیریا میں حملہ", then "صوبے بورنو میں")."""
    return 4 if is_whole_country(p) else p.geo_precision or 3


def finer_within(finer: Place, coarse: Place) -> bool:
    """Whether ``finer`` names a smaller place that can lie inside ``coarse``."""
    return _detail(finer) < _detail(coarse) and places_agree(coarse, finer)


def _km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = (math.radians(v or 0.0) for v in (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _actor_key(a: Actor | None) -> str | None:
    return (a.name or "").casefold() or None if a is not None else None


def actors_agree(a: Actor | None, b: Actor | None) -> bool:
    """Two actors that can be one: either unknown, the same name, or the same country and sector."""
    ka, kb = _actor_key(a), _actor_key(b)
    if ka is None or kb is None or ka == kb:
        return True
    assert a is not None and b is not None
    return bool(
        a.country
        and a.country == b.country
        and (a.sector is None or b.sector is None or a.sector == b.sector)
    )


def _modes_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _antecedent(out: Sequence[Draft], d: Draft) -> Draft | None:
    same = [
        e
        for e in out
        if e.type == d.type and e.modality == d.modality and (d.anaphoric or _modes_agree(e.mode, d.mode))
    ]
    if not same:
        return None
    if d.anaphoric:
        return same[-1]  # "اس حملے", "اس ملاقات میں": the event told last
    if d.type in _SPEECH_ACTS and d.match.verbal and not d.heading:
        return None  # each "تعریف کی", "مطالبہ کیا" is a statement of its own
    agree = [
        e
        for e in same
        if _own_places_agree(e, d)
        and actors_agree(e.actor1, d.actor1)
        and actors_agree(e.actor2, d.actor2)
        and _dates_agree(e, d)
        and _sites_agree(e, d)
        and not (e.sentence == d.sentence and e.clause != d.clause)
    ]
    if not agree:
        return None
    heading = [e for e in agree if e.heading and not d.heading and not e.absorbed_body]
    if heading:
        return heading[0]
    close = agree[-1]
    if _retold(close, d):
        return close
    same_toll = [e for e in agree if _same_toll(e, d) or _same_patients(e, d)]
    if same_toll:
        return same_toll[-1]
    if d.own_location and not close.own_location and not close.heading and d.own_actor:
        return None  # a new account, with its own actor and place
    if not d.match.verbal:
        return close  # a bare noun ("دورہ", "آپریشن") names an event told before
    if d.sentence - close.sentence > _MERGE_WINDOW:
        return None
    if d.actor1 is None or _actor_key(close.actor1) == _actor_key(d.actor1):
        return close
    return None


def _same_toll(a: Draft, b: Draft) -> bool:
    """Two accounts that give the same number of dead ("20 افراد ہلاک") at places that can be one
    place tell one attack."""
    return (
        places_agree(a.location, b.location)
        and a.fatalities is not None
        and b.fatalities is not None
        and a.fatalities.best is not None
        and a.fatalities.best >= 2  # one dead is too common a figure to tell attacks apart
        and a.fatalities.best == b.fatalities.best
    )


def _same_patients(a: Draft, b: Draft) -> bool:
    """Two accounts of arrests of the same number of people ("10 شدت پسند گرفتار", "دس شدت پسندوں کو
    گرفتار کر لیا") at places that can be one place tell one arrest."""
    return (
        a.type == "COERCE"
        and _own_places_agree(a, b)
        and a.patients is not None
        and a.patients >= 2
        and a.patients == b.patients
        and actors_agree(a.actor2, b.actor2)
    )


def _retold(first: Draft, later: Draft) -> bool:
    """The lead tells an act without its doer ("زرغون روڈ پر دستی بم حملہ، متعدد افراد زخمی"), the next
    sentence tells it again at the same place and says who did it: one event, told where the doer is
    named."""
    return (
        not first.heading
        and first.actor1 is None
        and later.actor1 is not None
        and later.own_actor
        and later.sentence - first.sentence == 1
        and not later.anaphoric
        and first.own_location
        and later.own_location
        and first.location is not None
        and (first.location.geo_precision or 3) < 3  # a town, not "the country's cities"
    )


def _own_places_agree(a: Draft, b: Draft) -> bool:
    """Only places a mention's own sentence gives can tell two events apart."""
    if not a.own_location or not b.own_location:
        return True  # a headline with no place of its own has only the dateline's
    return places_agree(a.location, b.location)


def _sites_agree(a: Draft, b: Draft) -> bool:
    """ "سریاب روڈ پر" and "جوائنٹ روڈ پر": accounts that name different sites are different events."""
    return not a.site or not b.site or bool(a.site & b.site)


def _dates_agree(a: Draft, b: Draft) -> bool:
    """Events the text dates to different days are different events; a date known only to the week
    or the month agrees with the days it covers ("جولائی میں" is not the 14th of October)."""
    if not (a.own_date or b.own_date) or a.date is None or b.date is None:
        return True
    if a.date.value == b.date.value:
        return True
    first, second = parse_iso(a.date.value), parse_iso(b.date.value)
    if first is None or second is None:
        return True
    if a.own_date and b.own_date:
        precision = max(a.date.precision or 1, b.date.precision or 1)
        if precision == 1:
            return False  # two days the text names
    else:  # one mention is dated by the story: only a date weeks away from it is another event
        precision = (a.date.precision if a.own_date else b.date.precision) or 1
    if precision >= 3:
        return (first.year, first.month) == (second.year, second.month)
    return abs((first - second).days) <= 7


def _absorb(target: Draft, d: Draft, *, body_trigger: bool) -> None:
    move = False
    if target.heading and not d.heading:
        target.absorbed_body = True  # a headline event absorbs the first body mention only
        move = body_trigger and (not target.own_actor or target.type in _TOLD_IN_BODY)
    elif _retold(target, d) or (
        _same_patients(target, d) and target.actor1 is None and d.own_actor and d.actor1 is not None
    ):
        move = True  # the account that says who did it anchors the event
    if move:
        # the trigger sits at the first mention that says who acted (a headline without an actor
        # is a summary of the lead)
        target.trigger, target.start, target.end = d.trigger, d.start, d.end
        target.sentence, target.heading, target.match = d.sentence, False, d.match
        target.own_actor = d.own_actor
        target.actor1 = d.actor1 or target.actor1
        target.actor2 = d.actor2 or target.actor2
        # the body says where the act it tells happened, unless only a place told before stands
        # for it and the event already has one of its own
        if d.location is not None and (d.own_location or not target.own_location):
            target.location, target.own_location = d.location, d.own_location
            target.more_places = d.more_places
    target.site = target.site | d.site
    for name in ("actor1", "actor2", "location", "claim", "fatalities", "injured"):
        if getattr(target, name) is None and getattr(d, name) is not None:
            setattr(target, name, getattr(d, name))
    if d.own_location and not target.own_location and d.location is not None:
        target.location, target.own_location = d.location, True
    if not target.also and d.also:
        target.also = d.also
    if d.own_date and not target.own_date:
        target.date, target.own_date = d.date, True
    if target.location is not None and d.location is not None and finer_within(d.location, target.location):
        target.location = d.location
    if target.mode is None and d.mode is not None:
        target.mode, target.grenade = d.mode, d.grenade
    target.conf = min(0.99, max(target.conf, d.conf) + 0.03)


def merge_mentions(drafts: Sequence[Draft], *, body_trigger: bool = True) -> list[Draft]:
    """Merge the mentions of one real event in one document into its first mention (text order).

    With ``body_trigger`` an event told in the headline and again in the body takes its trigger
    from the body (where the full clause is) when the headline does not say who acted, and a visit
    or meeting always does; otherwise the headline's words stay the trigger.
    """
    out: list[Draft] = []
    for d in drafts:
        target = _antecedent(out, d)
        if target is None:
            out.append(d)
        else:
            _absorb(target, d, body_trigger=body_trigger)
    return out


def one_per_type(drafts: list[Draft]) -> list[Draft]:
    """Triggers of one type in one clause are one event unless they name different actors; the
    verbal one with an actor stands for it ("دستی بم سے حملہ کیا": the attack, not the grenade).
    Two clauses of one sentence tell two acts ("بریفنگ میں شرکت کی، جوانوں سے خطاب کیا")."""
    out: list[Draft] = []
    for d in drafts:
        k = next((i for i, o in enumerate(out) if o.type == d.type and o.clause == d.clause), None)
        if k is None:
            out.append(d)
            continue
        same = out[k]
        if (
            d.actor1 is not None
            and same.actor1 is not None
            and d.actor1.name
            and same.actor1.name
            and d.actor1.name != same.actor1.name
        ):
            out.append(d)
            continue
        if (d.match.verbal, d.actor1 is not None) > (same.match.verbal, same.actor1 is not None):
            out[k], same, d = d, d, same
            if same.mode is None and d.mode is not None:
                same.mode, same.grenade = d.mode, d.grenade
        for name in ("actor1", "actor2", "location", "date", "claim"):
            if getattr(same, name) is None and getattr(d, name) is not None:
                setattr(same, name, getattr(d, name))
        same.site = same.site | d.site
    return out


# ------------------------------------------------------------------------------- many documents


@dataclass(slots=True)
class ClusterItem:
    """What cross-document clustering reads from one event, and nothing more.

    Small on purpose: a million of them fit in memory, so an archive can be clustered from its
    Parquet columns (:mod:`waqia.batch`) without rebuilding documents. ``doc`` is the position of
    the event's document in the batch and ``index`` its position in the document; both break ties.
    """

    doc: int
    index: int
    doc_id: str
    type: str
    mode: str | None
    modality: str
    trigger: str | None
    location: Place | None
    actor1: Actor | None
    actor2: Actor | None
    killed: int | None
    day: int | None  # proleptic ordinal of the event's date, else of the publication date
    country: str  # the block's country: the place's, else an actor's, else "?"


def make_item(
    doc: int,
    index: int,
    doc_id: str,
    *,
    type: str,
    mode: str | None,
    modality: str,
    trigger: str | None,
    location: Place | None,
    actor1: Actor | None,
    actor2: Actor | None,
    killed: int | None,
    date_value: str | None,
    pub_date: str | None,
) -> ClusterItem:
    """A :class:`ClusterItem` from an event's fields, dated and placed as :func:`cluster_events` does."""
    return ClusterItem(
        doc,
        index,
        doc_id,
        type,
        mode,
        modality,
        trigger,
        location,
        actor1,
        actor2,
        killed,
        _day(date_value or pub_date),
        _country(location, actor1, actor2),
    )


def event_item(doc: int, index: int, doc_id: str, event: Event, pub_date: str | None) -> ClusterItem:
    """The :class:`ClusterItem` of an event of a document."""
    return make_item(
        doc,
        index,
        doc_id,
        type=event.type,
        mode=event.mode,
        modality=event.modality,
        trigger=event.trigger.text,
        location=event.location,
        actor1=event.actor1,
        actor2=event.actor2,
        killed=event.fatalities.best if event.fatalities else None,
        date_value=event.date.value if event.date is not None else None,
        pub_date=pub_date,
    )


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).toordinal()
    except ValueError:
        return None


def _country(*where: Place | Actor | None) -> str:
    for value in (w.country if w is not None else None for w in where):
        if value and value not in ("IGO", "UNO", "NGO"):
            return value
    return "?"


def _score(a: ClusterItem, b: ClusterItem, window: int) -> float | None:
    """How alike two events are, or None when they cannot be one event."""
    if a.type != b.type or not _modes_agree(a.mode, b.mode):
        return None
    if a.day is not None and b.day is not None and abs(a.day - b.day) > window:
        return None
    if not places_agree(a.location, b.location):
        return None
    if not actors_agree(a.actor1, b.actor1) or not actors_agree(a.actor2, b.actor2):
        return None
    fa, fb = a.killed, b.killed
    if fa is not None and fb is not None and abs(fa - fb) > max(2, 0.5 * max(fa, fb)):
        return None
    score = 0.0
    if _place_key(a.location) and _place_key(a.location) == _place_key(b.location):
        score += 3.0
    if _actor_key(a.actor1) and _actor_key(a.actor1) == _actor_key(b.actor1):
        score += 2.0
    if _actor_key(a.actor2) and _actor_key(a.actor2) == _actor_key(b.actor2):
        score += 2.0
    if fa is not None and fa == fb:
        score += 2.0
    if a.mode is not None and a.mode == b.mode:
        score += 0.5
    if (a.trigger or "") and a.trigger == b.trigger:
        score += 1.0
    if a.modality == b.modality:
        score += 0.5
    if a.day is not None and a.day == b.day:
        score += 0.5
    return score if score >= 2.0 else None


_BlockKey = tuple[str, str, int]  # type, country, date bucket (-1: undated)


def _bucket(item: ClusterItem, window: int) -> int:
    return item.day // window if item.day is not None else -1


def _blocks(
    items: Sequence[ClusterItem], window: int, max_block: int
) -> Iterator[tuple[_BlockKey, list[int]]]:
    """Positions of items that may hold the same event: type, country and date window (and admin1).

    Keys come in sorted order, so a block meets again only pairs of the block just before it.
    """
    keyed: dict[_BlockKey, list[int]] = defaultdict(list)
    for k, item in enumerate(items):
        keyed[(item.type, item.country, _bucket(item, window))].append(k)
    for key in sorted(keyed):
        typ, country, bucket = key
        neighbours = list(keyed[key])
        if bucket >= 0:
            neighbours += keyed.get((typ, country, bucket + 1), [])
        if len(neighbours) <= max_block:
            yield key, neighbours
            continue
        by_admin: dict[str, list[int]] = defaultdict(list)
        for k in neighbours:
            loc = items[k].location
            by_admin[(loc.admin1 or loc.name or "?") if loc else "?"].append(k)
        for group in by_admin.values():
            for start in range(0, len(group), max_block):
                yield key, group[start : start + max_block]


_Ints = npt.NDArray[np.int64]
_Bools = npt.NDArray[np.bool_]


class _Pairs:
    """Candidate pairs of a block, with the cheap half of :func:`_score`'s tests done on arrays.

    Day window, mode and place agreement are :func:`_score`'s own conditions, tested here for all
    pairs of a block at once so that :func:`_score` (the costly, exact part) sees only pairs that can
    still score; the pairs that score are therefore the same. Whether two places agree is computed
    once per pair of place objects: an archive's events share a few thousand of them
    (:mod:`waqia.batch` reads one object per distinct place).
    """

    _LIMIT = 1_000_000  # remembered place pairs; forgotten all at once beyond this

    def __init__(self, items: Sequence[ClusterItem], window: int) -> None:
        n = len(items)
        self.window = window
        self.docs = np.fromiter((it.doc for it in items), np.int64, n)
        self.days = np.fromiter((it.day if it.day is not None else 0 for it in items), np.int64, n)
        self.buckets = np.fromiter((_bucket(it, window) for it in items), np.int64, n)
        codes: dict[str | None, int] = {None: -1}
        self.modes = np.fromiter((codes.setdefault(it.mode, len(codes)) for it in items), np.int64, n)
        place_codes: dict[int, int] = {}
        self.places: list[Place] = []
        for item in items:
            if item.location is not None and id(item.location) not in place_codes:
                place_codes[id(item.location)] = len(self.places)
                self.places.append(item.location)
        self.place_ids = np.fromiter(
            (place_codes[id(it.location)] if it.location is not None else -1 for it in items), np.int64, n
        )
        self.agree: dict[int, bool] = {}
        # for items of the bucket after a block's own: the chunk of the block they were in, so the
        # next block skips the pairs it already met (-1: not met)
        self.chunk = np.full(n, -1, np.int64)
        self._triangles: dict[int, tuple[_Ints, _Ints]] = {}

    def candidates(self, block: list[int], bucket: int, chunk: int) -> Iterator[tuple[int, int]]:
        """Pairs (a, b), a < b, of ``block`` not met before that pass the cheap tests."""
        m = len(block)
        if m < 2:
            self._carry(block, bucket, chunk)
            return
        if m not in self._triangles:
            self._triangles[m] = np.triu_indices(m, 1)
        xs, ys = self._triangles[m]
        positions = np.asarray(block, dtype=np.int64)
        a = np.minimum(positions[xs], positions[ys])
        b = np.maximum(positions[xs], positions[ys])
        keep = self.docs[a] != self.docs[b]
        if bucket >= 0:
            met = (
                (self.buckets[a] == bucket)
                & (self.buckets[b] == bucket)
                & (self.chunk[a] >= 0)
                & (self.chunk[a] == self.chunk[b])
            )
            keep &= ~met
            keep &= np.abs(self.days[a] - self.days[b]) <= self.window
        ma, mb = self.modes[a], self.modes[b]
        keep &= (ma < 0) | (mb < 0) | (ma == mb)
        a, b = a[keep], b[keep]
        keep = self._places_agree(self.place_ids[a], self.place_ids[b])
        self._carry(block, bucket, chunk)
        yield from zip(a[keep].tolist(), b[keep].tolist(), strict=True)

    def _carry(self, block: list[int], bucket: int, chunk: int) -> None:
        if bucket >= 0:
            positions = np.asarray(block, dtype=np.int64)
            self.chunk[positions[self.buckets[positions] == bucket + 1]] = chunk

    def _places_agree(self, pa: _Ints, pb: _Ints) -> _Bools:
        known: _Bools = (pa < 0) | (pb < 0) | (pa == pb)
        if known.all():
            return known
        stride = len(self.places)
        keys = pa * stride + pb
        unknown = np.unique(keys[~known])
        answers = np.empty(len(unknown), dtype=bool)
        for k, key in enumerate(unknown.tolist()):
            agree = self.agree.get(key)
            if agree is None:
                if len(self.agree) >= self._LIMIT:
                    self.agree.clear()
                first, second = divmod(key, stride)
                agree = self.agree[key] = places_agree(self.places[first], self.places[second])
            answers[k] = agree
        result = known.copy()
        result[~known] = answers[np.searchsorted(unknown, keys[~known])]
        return result


def _scored_pairs(
    items: Sequence[ClusterItem], window: int, max_block: int
) -> tuple[array[float], array[int], array[int]]:
    """Every candidate pair that scores, as three compact columns (score, first, second)."""
    scores: array[float] = array("d")
    firsts: array[int] = array("q")
    seconds: array[int] = array("q")
    pairs = _Pairs(items, window)
    # A block holds its own bucket and the next one, so a pair of the next bucket is met twice: by
    # this block and by the next (in the same chunk when the block was split). The next block skips
    # the pairs whose two items were in one chunk of this one: what the batch code remembers is one
    # number per item, never a set of pairs.
    for chunk, ((_type, _country, bucket), block) in enumerate(_blocks(items, window, max_block)):
        for a, b in pairs.candidates(block, bucket, chunk):
            score = _score(items[a], items[b], window)
            if score is not None:
                scores.append(score)
                firsts.append(a)
                seconds.append(b)
    return scores, firsts, seconds


def cluster_items(items: Sequence[ClusterItem], *, window_days: int = 3, max_block: int = 200) -> list[str]:
    """The ``cluster_id`` of every item, in order: the scoring and joining :func:`cluster_events` does.

    Pairs are joined greedily, best score first (ties by position), with union-find; two events of
    one document never end up in one cluster. Memory is linear in the number of items and scored pairs.
    """
    scores, firsts, seconds = _scored_pairs(items, window_days, max_block)
    order = np.lexsort(
        (
            np.frombuffer(seconds, dtype=np.int64),
            np.frombuffer(firsts, dtype=np.int64),
            -np.frombuffer(scores, dtype=np.float64),
        )
    )
    parent = list(range(len(items)))
    # the documents of each cluster with more than one event; a lone event's is its own document
    members: dict[int, set[int]] = {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def documents(root: int) -> set[int]:
        return members.get(root) or {items[root].doc}

    for k in order.tolist():
        ra, rb = find(firsts[k]), find(seconds[k])
        if ra == rb:
            continue
        docs_a, docs_b = documents(ra), documents(rb)
        if not docs_a.isdisjoint(docs_b):
            continue  # two events of one document are two events
        parent[rb] = ra
        # the smaller set goes into the larger, so long chains of merges stay O(n log n)
        larger, smaller = (docs_a, docs_b) if len(docs_a) >= len(docs_b) else (docs_b, docs_a)
        larger |= smaller
        members[ra] = larger
        members.pop(rb, None)
    names: dict[int, str] = {}
    out: list[str] = []
    for k in range(len(items)):
        root = find(k)
        if root not in names:
            names[root] = _cluster_name(items[root])
        out.append(names[root])
    return out


def cluster_events(docs: Sequence[Document], *, window_days: int = 3, max_block: int = 200) -> None:
    """Give every event of ``docs`` a ``cluster_id``; the same real event in several documents shares one.

    Deterministic for a given input order of documents; works on any number of documents.
    """
    items = [
        event_item(di, ei, doc.doc_id, event, doc.pub_date)
        for di, doc in enumerate(docs)
        for ei, event in enumerate(doc.events)
    ]
    names = iter(cluster_items(items, window_days=window_days, max_block=max_block))
    for doc in docs:
        for event in doc.events:
            event.cluster_id = next(names)


def _cluster_name(root: ClusterItem) -> str:
    digest = hashlib.sha1(f"{root.doc_id}\x00{root.index}".encode()).hexdigest()[:12]
    return f"c-{digest}"


def clusters_of(docs: Sequence[Document]) -> dict[str, list[tuple[str, int]]]:
    """cluster_id -> (doc_id, event index) members, for inspection and tests."""
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for doc in docs:
        for i, event in enumerate(doc.events):
            if event.cluster_id is not None:
                out[event.cluster_id].append((doc.doc_id, i))
    return dict(out)
