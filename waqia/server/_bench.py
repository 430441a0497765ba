"""`waqia bench-api`: fill an empty store with synthetic events, then time filtered queries against a
live server on loopback.

The synthetic documents are short invented Urdu reports built from a few templates; every event's
spans point at its own words, so the rows look like real ones to the store (search columns,
evidence, offsets). They are stored through :meth:`Store.add_documents`, like `waqia ingest` does.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from waqia.document import Document, Sentence
from waqia.record import Actor, Count, DateRef, Event, Place, TextSpan
from waqia.store import Store

EVENTS_PER_DOCUMENT = 4
_DOCS_PER_BATCH = 500
_START = dt.date(2022, 1, 1)
_DAYS = 730

# (Urdu name, English name, country, admin1, lat, lon)
_PLACES = [
    ("کوئٹہ", "Quetta", "PAK", "Balochistan", 30.184, 67.001),
    ("پشاور", "Peshawar", "PAK", "Khyber Pakhtunkhwa", 34.008, 71.578),
    ("لاہور", "Lahore", "PAK", "Punjab", 31.558, 74.351),
    ("کراچی", "Karachi", "PAK", "Sindh", 24.861, 67.010),
    ("اسلام آباد", "Islamabad", "PAK", "Islamabad", 33.721, 73.043),
    ("بنوں", "Bannu", "PAK", "Khyber Pakhtunkhwa", 32.986, 70.604),
    ("گوادر", "Gwadar", "PAK", "Balochistan", 25.122, 62.325),
    ("کابل", "Kabul", "AFG", "Kabul", 34.528, 69.172),
    ("قندھار", "Kandahar", "AFG", "Kandahar", 31.613, 65.710),
    ("سری نگر", "Srinagar", "IND", "Jammu and Kashmir", 34.084, 74.797),
    ("زاہدان", "Zahedan", "IRN", "Sistan and Baluchestan", 29.496, 60.863),
]
# (type, mode, trigger words, ACLED type and sub-type or None)
_ACTIONS = [
    (
        "ASSAULT",
        "explosives",
        "بم دھماکہ کیا",
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ),
    ("ASSAULT", "firearms", "فائرنگ کی", ("Violence against civilians", "Attack")),
    ("ASSAULT", "aerial", "فضائی حملہ کیا", ("Explosions/Remote violence", "Air/drone strike")),
    ("COERCE", "arrest", "گرفتار کر لیا", ("Strategic developments", "Arrests")),
    ("PROTEST", "demonstrate", "مظاہرہ کیا", ("Protests", "Peaceful protest")),
    ("PROTEST", "strike", "ہڑتال کی", ("Protests", "Peaceful protest")),
    ("THREATEN", None, "دھمکی دی", None),
    ("ACCUSE", None, "مذمت کی", None),
    ("REQUEST", None, "مطالبہ کیا", None),
    ("CONSULT", None, "ملاقات کی", None),
    ("AGREE", None, "اتفاق کیا", None),
    ("MOBILIZE", "troops", "فوج تعینات کی", ("Strategic developments", "Other")),
]
# (Urdu words, English name, sector)
_ACTORS = [
    ("نامعلوم مسلح افراد", "unidentified armed men", "UAF"),
    ("پولیس", "police", "COP"),
    ("سیکیورٹی فورسز", "security forces", "MIL"),
    ("شدت پسندوں", "militants", "REB"),
    ("مظاہرین", "protesters", "CVL"),
    ("حکومت", "government", "GOV"),
    ("تاجروں", "traders", "BUS"),
    ("طلبہ", "students", "EDU"),
]
_NUMBERS = [("ایک", 1), ("دو", 2), ("تین", 3), ("پانچ", 5), ("سات", 7), ("دس", 10), ("بارہ", 12)]


class _Writer:
    """Builds one synthetic article, keeping the raw offsets of what it writes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, words: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(words)
        self.length += len(words)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


def _synthetic_document(index: int, rng: random.Random) -> Document:
    writer = _Writer()
    day = _START + dt.timedelta(days=rng.randrange(_DAYS))
    writer.add(f"خبر نمبر {index}\n\n")
    events: list[Event] = []
    sentences: list[Sentence] = []
    for _ in range(EVENTS_PER_DOCUMENT):
        place_ur, place_en, country, admin1, lat, lon = rng.choice(_PLACES)
        kind, mode, trigger_words, acled = rng.choice(_ACTIONS)
        actor_ur, actor_en, sector = rng.choice(_ACTORS)
        sentence_start = writer.length
        place_at = writer.add(place_ur)
        writer.add(" میں ")
        actor_at = writer.add(actor_ur)
        writer.add(" نے ")
        trigger_at = writer.add(trigger_words)
        fatalities = None
        if kind == "ASSAULT":
            number_ur, number = rng.choice(_NUMBERS)
            writer.add(" جس میں ")
            count_at = writer.add(f"{number_ur} افراد")
            writer.add(" ہلاک ہو گئے")
            fatalities = Count(writer.parts[-2], *count_at, best=number)
        writer.add("۔ ")
        sentences.append(Sentence(sentence_start, writer.length, 0, 0))
        events.append(
            Event(
                type=kind,
                mode=mode,
                trigger=TextSpan(trigger_words, *trigger_at),
                actor1=Actor(actor_ur, *actor_at, name=actor_en, country=country, sector=sector),
                location=Place(
                    place_ur,
                    *place_at,
                    name=place_en,
                    country=country,
                    admin1=admin1,
                    lat=round(lat + rng.uniform(-0.3, 0.3), 4),
                    lon=round(lon + rng.uniform(-0.3, 0.3), 4),
                    geo_precision=rng.choice((1, 2)),
                ),
                date=DateRef(
                    None, value=(day - dt.timedelta(days=rng.randrange(3))).isoformat(), precision=1
                ),
                fatalities=fatalities,
                acled={"event_type": acled[0], "sub_event_type": acled[1]} if acled else None,
                confidence=round(rng.uniform(0.3, 1.0), 2),
            )
        )
    doc = Document(
        raw=writer.text(), doc_id=f"synthetic-{index:07d}", pub_date=day.isoformat(), source="bench"
    )
    doc.sentences = sentences
    doc.events = events
    return doc


def fill_synthetic(
    store: Store, n_events: int, seed: int = 0, on_progress: Callable[[int], None] | None = None
) -> int:
    """Store synthetic documents holding ``n_events`` events (rounded up to whole documents); return
    the number of events stored."""
    rng = random.Random(seed)
    n_docs = -(-n_events // EVENTS_PER_DOCUMENT)
    stored = 0
    for first in range(0, n_docs, _DOCS_PER_BATCH):
        batch = [_synthetic_document(i, rng) for i in range(first, min(first + _DOCS_PER_BATCH, n_docs))]
        stored += store.add_documents(batch).events
        if on_progress is not None:
            on_progress(len(batch))
    return stored


def query_mix(n: int, seed: int = 0) -> Iterator[tuple[str, dict[str, Any]]]:
    """``n`` filtered ``/api/events`` queries as (kind, params), the kinds in turn."""
    rng = random.Random(seed + 1)

    def window() -> dict[str, Any]:
        start = _START + dt.timedelta(days=rng.randrange(_DAYS - 30))
        return {
            "start": start.isoformat(),
            "end": (start + dt.timedelta(days=rng.choice((7, 30)))).isoformat(),
        }

    def box() -> dict[str, Any]:
        _ur, _en, _country, _admin1, lat, lon = rng.choice(_PLACES)
        return {"bbox": f"{lon - 1:.2f},{lat - 1:.2f},{lon + 1:.2f},{lat + 1:.2f}"}

    makers: list[tuple[str, Callable[[], dict[str, Any]]]] = [
        ("none", lambda: {}),
        ("date range", window),
        ("type", lambda: {"type": ",".join(rng.sample([a[0] for a in _ACTIONS], 2))}),
        ("country", lambda: {"country": rng.choice(["PAK", "AFG", "IND", "IRN"])}),
        ("bbox", box),
        ("text", lambda: {"q": rng.choice(_ACTIONS)[2].split()[0]}),
        ("actor", lambda: {"actor": rng.choice(_ACTORS)[1].split()[0]}),
        ("min_confidence", lambda: {"min_confidence": rng.choice((0.5, 0.8, 0.9))}),
        ("type+country+dates", lambda: {"type": "ASSAULT", "country": "PAK", **window()}),
        ("bbox+min_confidence+dates", lambda: {**box(), "min_confidence": 0.7, **window()}),
        ("text+type", lambda: {"q": "حملہ", "type": "ASSAULT"}),
        ("map page (limit 500)", lambda: {"limit": 500, "type": "ASSAULT"}),
        ("deep page", lambda: {"offset": rng.randrange(1000, 20_000), "limit": 100}),
    ]
    for i in range(n):
        kind, make = makers[i % len(makers)]
        yield kind, make()


@dataclass(frozen=True)
class Latency:
    """Milliseconds per request: percentiles over ``n`` timed requests."""

    n: int
    p50: float
    p95: float
    p99: float
    max: float

    @classmethod
    def of(cls, samples: list[float]) -> Latency:
        ordered = sorted(samples)
        if len(ordered) == 1:
            only = ordered[0]
            return cls(1, only, only, only, only)
        cuts = statistics.quantiles(ordered, n=100, method="inclusive")
        return cls(len(ordered), statistics.median(ordered), cuts[94], cuts[98], ordered[-1])


@dataclass(frozen=True)
class BenchResult:
    events: int
    overall: Latency
    by_kind: dict[str, Latency]
    stats: Latency


def time_queries(base_url: str, n_queries: int, seed: int = 0, warmup: int = 20) -> BenchResult:
    """Issue the query mix one request at a time over HTTP and time each round trip."""
    samples: dict[str, list[float]] = {}
    stats_samples: list[float] = []
    with httpx.Client(base_url=base_url, timeout=60.0) as client:
        total = client.get("/api/events", params={"limit": 1}).json()["total"]
        for _kind, params in query_mix(warmup, seed + 99):
            client.get("/api/events", params=params).raise_for_status()
        for kind, params in query_mix(n_queries, seed):
            began = time.perf_counter()
            response = client.get("/api/events", params=params)
            elapsed = (time.perf_counter() - began) * 1000
            response.raise_for_status()
            samples.setdefault(kind, []).append(elapsed)
            if kind in ("date range", "type", "country"):  # what the timeline asks with the same filters
                began = time.perf_counter()
                client.get("/api/stats", params={**params, "by": "day"}).raise_for_status()
                stats_samples.append((time.perf_counter() - began) * 1000)
    every = [value for values in samples.values() for value in values]
    return BenchResult(
        events=int(total),
        overall=Latency.of(every),
        by_kind={kind: Latency.of(values) for kind, values in samples.items()},
        stats=Latency.of(stats_samples),
    )
