"""EventQuery: every filter on both databases, the order and paging, and the validation of values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from waqia import InputError
from waqia.record import Actor, Place
from waqia.store import EventQuery, Store, open_store
from waqia.store._query import walk_is_cheaper

LAHORE = Place(
    text="لاہور", name="Lahore", country="PAK", admin1="Punjab", lat=31.55, lon=74.35, geo_precision=1
)
TALIBAN = Actor(text="طالبان", name="Tehrik-i-Taliban Pakistan", country="PAK", sector="REB")


@pytest.fixture
def store(store_url: str, hand: Any) -> Iterator[Store]:
    """One event per document; the document id names what is special about the event."""
    e = hand.event
    docs = [
        hand.doc("quetta-attack", e(killed=2, actor1=hand.GUNMEN, mode="firearms", confidence=0.95)),
        hand.doc("kabul-talks", e("CONSULT", trigger="ملاقات", place=hand.KABUL, day="2024-04-10")),
        hand.doc("lahore-protest", e("PROTEST", place=LAHORE, day="2024-05-20", mode="demonstrate")),
        hand.doc("taliban-threat", e("THREATEN", actor1=TALIBAN, modality="threatened", confidence=0.5)),
        hand.doc("police-arrest", e("COERCE", actor1=hand.POLICE, mode="arrest", day="2024-03-01")),
        hand.doc("nowhere", e("ACCUSE", trigger="الزام", place=None, day=None), pub_date=None),
    ]
    with open_store(store_url) as opened:
        opened.add_documents(docs)
        opened.assign_clusters()
        yield opened


def ids(store: Store, **fields: Any) -> list[str]:
    return [item["doc_id"] for item in store.query_events(EventQuery(**fields)).items]


def test_every_filter(store: Store) -> None:
    everything = ids(store)
    assert everything == [
        "lahore-protest",  # 2024-05-20
        *sorted(["quetta-attack", "taliban-threat"], key=lambda d: store_id(store, d)),  # 2024-05-01
        "kabul-talks",  # 2024-04-10
        "police-arrest",  # 2024-03-01
        "nowhere",  # no date at all: last
    ]
    assert set(ids(store, start=dt.date(2024, 5, 1))) == {"lahore-protest", "quetta-attack", "taliban-threat"}
    assert set(ids(store, end="2024-04-10")) == {"kabul-talks", "police-arrest"}
    assert ids(store, start="2024-04-01", end="2024-04-30") == ["kabul-talks"]
    assert set(ids(store, types=("CONSULT", "COERCE"))) == {"kabul-talks", "police-arrest"}
    assert ids(store, modes=("arrest",)) == ["police-arrest"]
    assert ids(store, countries=("afg",)) == ["kabul-talks"]
    assert ids(store, admin1="Punjab") == ["lahore-protest"]
    assert ids(store, actor="TALIBAN") == ["taliban-threat"]  # English name, any case
    assert ids(store, actor="مسلح") == ["quetta-attack"]  # the Urdu words
    assert ids(store, text="ملاقات") == ["kabul-talks"]  # the trigger
    assert ids(store, text="nowhere") == ["nowhere"]  # the evidence sentence
    assert ids(store, text="%") == []  # LIKE wildcards are plain characters
    assert ids(store, bbox=(73.0, 30.0, 75.0, 32.0)) == ["lahore-protest"]
    assert set(ids(store, bbox=(60.0, 25.0, 80.0, 40.0))) == set(everything) - {"nowhere"}
    assert ids(store, modality=("threatened",)) == ["taliban-threat"]
    assert ids(store, min_confidence=0.95) == ["quetta-attack"]
    cluster = store.query_events(EventQuery(types=("PROTEST",))).items[0]["cluster_id"]
    assert ids(store, cluster_id=cluster) == ["lahore-protest"]
    assert ids(store, types=("ASSAULT",), countries=("AFG",)) == []


def store_id(store: Store, doc_id: str) -> str:
    doc = store.get_document(doc_id)
    assert doc is not None
    return str(doc["events"][0]["event_id"])


def test_paging(store: Store) -> None:
    everything = ids(store)
    page = store.query_events(EventQuery(limit=2, offset=1))
    assert (page.total, page.limit, page.offset) == (6, 2, 1)
    assert [i["doc_id"] for i in page.items] == everything[1:3]
    assert store.query_events(EventQuery(offset=6)).items == []


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"limit": 0}, "limit", "from 1 to 500"),
        ({"limit": 501}, "limit", "from 1 to 500"),
        ({"limit": True}, "limit", "from 1 to 500"),
        ({"offset": -1}, "offset", "from 0 to 100000"),
        ({"offset": 100_001}, "offset", "from 0 to 100000"),
        ({"start": "2024-13-01"}, "start", "YYYY-MM-DD"),
        ({"end": 20240101}, "end", "YYYY-MM-DD"),
        ({"start": "2024-05-02", "end": "2024-05-01"}, "end", "before start"),
        ({"types": ("BOMB",)}, "types", "not PLOVER event types: BOMB"),
        ({"types": ("ASSAULT",) * 51}, "types", "at most 50"),
        ({"modes": ("fire arms",)}, "modes", "lower-case words"),
        ({"countries": ("PK",)}, "countries", "alpha-3"),
        ({"countries": ("",)}, "countries", "non-empty"),
        ({"admin1": "  "}, "admin1", "non-empty"),
        ({"actor": "x" * 201}, "actor", "at most 200"),
        ({"text": 5}, "text", "non-empty string"),
        ({"bbox": (1.0, 2.0, 3.0)}, "bbox", "min_lon, min_lat"),
        ({"bbox": (10.0, 0.0, 5.0, 1.0)}, "bbox", "min_lon <= max_lon"),
        ({"bbox": (0.0, -91.0, 1.0, 1.0)}, "bbox", "-90 <= min_lat"),
        ({"bbox": (0.0, 0.0, float("nan"), 1.0)}, "bbox", "finite"),
        ({"cluster_id": "c-1; DROP TABLE events"}, "cluster_id", "not a cluster id"),
        ({"modality": ("maybe",)}, "modality", "not one of"),
        ({"min_confidence": 1.5}, "min_confidence", "between 0 and 1"),
        ({"min_confidence": "high"}, "min_confidence", "finite number"),
    ],
)
def test_bad_values_are_refused(fields: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        EventQuery(**fields)
    assert caught.value.source == field


def test_values_are_normalised() -> None:
    q = EventQuery(start="2024-01-02", types=["ASSAULT"], countries=["pak"], bbox=[1, 2, 3, 4], actor=" x ")
    assert q.start == dt.date(2024, 1, 2)
    assert q.types == ("ASSAULT",)
    assert q.countries == ("PAK",)
    assert q.bbox == (1.0, 2.0, 3.0, 4.0)
    assert q.actor == "x"
    assert hash(q) == hash(
        EventQuery(
            start=dt.date(2024, 1, 2),
            types=("ASSAULT",),
            countries=("PAK",),
            bbox=(1.0, 2.0, 3.0, 4.0),
            actor="x",
        )
    )


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"types": ("ASSAULT", "PROTEST")},
        {"countries": ("PAK",), "min_confidence": 0.6},
        {"bbox": (60.0, 25.0, 80.0, 40.0), "limit": 2, "offset": 1},
        {"actor": "police", "text": "حملہ"},
        {"modality": ("asserted",), "start": "2024-04-01", "limit": 1, "offset": 1},
    ],
)
def test_walking_the_date_order_gives_the_same_page(
    store: Store, monkeypatch: pytest.MonkeyPatch, fields: dict[str, Any]
) -> None:
    """Whichever way the store finds a page (walking the page order or sorting every match, which
    only SQLite is told), the page is the same."""
    q = EventQuery(**fields)
    pages = []
    for walk in (True, False):
        monkeypatch.setattr("waqia.store._store.walk_is_cheaper", lambda *_args, walk=walk: walk)
        pages.append(store.query_events(q))
    assert pages[0] == pages[1]
    assert pages[0].total >= len(pages[0].items) > 0


def test_walk_is_cheaper_when_matches_are_many() -> None:
    page = EventQuery(limit=100)
    assert walk_is_cheaper(40_000, 100_000, page)  # a page is ~250 rows away along the date order
    assert not walk_is_cheaper(500, 100_000, page)  # 500 matches sort faster than 20 000 rows walk
    assert not walk_is_cheaper(40_000, 100_000, EventQuery(limit=500, offset=100_000))
    assert not walk_is_cheaper(0, 100_000, page)
