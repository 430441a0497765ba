"""The store on SQLite and PostgreSQL: writing, idempotence, reading, clusters, failures, migrations."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import sqlalchemy as sa

from waqia import DataError, InputError
from waqia.cluster import cluster_events
from waqia.document import Document
from waqia.store import CURRENT_VERSION, EventQuery, content_hash, engine_url, open_store
from waqia.store._query import SUMMARY_KEYS

INTERFACE_KEYS = {
    "event_id",
    "doc_id",
    "type",
    "mode",
    "modality",
    "date",
    "date_precision",
    "country",
    "admin1",
    "location_name",
    "location_text",
    "lat",
    "lon",
    "geo_precision",
    "actor1_name",
    "actor1_text",
    "actor1_country",
    "actor1_sector",
    "actor2_name",
    "actor2_text",
    "actor2_country",
    "actor2_sector",
    "fatalities",
    "injured",
    "claim_by",
    "claim_kind",
    "acled_event_type",
    "acled_sub_event_type",
    "confidence",
    "cluster_id",
    "trigger_text",
    "source",
    "pub_date",
}


def test_summary_has_exactly_the_interface_keys() -> None:
    assert set(SUMMARY_KEYS) == INTERFACE_KEYS
    assert len(SUMMARY_KEYS) == len(INTERFACE_KEYS)


def test_urls() -> None:
    assert engine_url("some/waqia.db").get_backend_name() == "sqlite"
    assert engine_url("sqlite:///x.db").database == "x.db"
    assert engine_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert engine_url("postgres://u:pw@h:5433/db").drivername == "postgresql+psycopg"
    with pytest.raises(InputError, match="unsupported database 'mysql'"):
        engine_url("mysql://u@h/db")
    with pytest.raises(InputError, match="empty"):
        engine_url("")


def test_export_side_does_not_create_a_missing_file(tmp_path: Any) -> None:
    with pytest.raises(DataError, match="no such store"):
        open_store(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(DataError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "folder.db")


def test_schema_is_migrated_once_and_a_newer_one_is_refused(store_url: str) -> None:
    with open_store(store_url) as store:
        with store.engine.connect() as conn:
            versions = conn.execute(sa.text("SELECT version FROM schema_version")).scalars().all()
        assert versions == list(range(1, CURRENT_VERSION + 1))
    with open_store(store_url) as store, store.engine.begin() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM schema_version")).scalar() == CURRENT_VERSION
        conn.execute(
            sa.text("INSERT INTO schema_version (version, applied_at) VALUES (:v, :t)"),
            {"v": CURRENT_VERSION + 1, "t": "2030-01-01 00:00:00"},
        )
    with pytest.raises(DataError, match="newer than this waqia knows"):
        open_store(store_url)


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Any) -> None:
    with open_store(tmp_path / "w.db") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_documents_and_events_are_stored_once(store_url: str, hand: Any) -> None:
    docs = [
        hand.doc("a", hand.event(killed=2, actor1=hand.GUNMEN, actor2=hand.CIVILIANS), hand.event("PROTEST")),
        hand.doc("b", hand.event("CONSULT", place=hand.KABUL)),
        hand.doc("empty"),
    ]
    with open_store(store_url) as store:
        first = store.add_documents(docs)
        assert (first.documents, first.events, first.skipped, first.replaced) == (3, 3, 0, 0)
        again = store.add_documents(copy.deepcopy(docs))
        assert (again.documents, again.events, again.skipped) == (0, 0, 3)
        assert store.count_documents() == 3
        assert store.count_events() == 3
        assert store.stored_hashes([content_hash(docs[0]), "f" * 64]) == {content_hash(docs[0])}


def test_a_new_text_under_a_stored_doc_id_replaces_it(store_url: str, hand: Any) -> None:
    with open_store(store_url) as store:
        store.add_documents([hand.doc("a", hand.event(), hand.event("PROTEST"))])
        old_ids = {e["event_id"] for e in store.query_events(EventQuery()).items}
        result = store.add_documents([hand.doc("a", hand.event("CONSULT"), text=" (updated)")])
        assert (result.documents, result.replaced) == (1, 1)
        items = store.query_events(EventQuery()).items
        assert [e["type"] for e in items] == ["CONSULT"]
        assert not old_ids & {e["event_id"] for e in items}
        assert store.count_documents() == 1


def test_event_summary_detail_and_document(store_url: str, hand: Any) -> None:
    doc = hand.doc(
        "a",
        hand.event(
            killed=2,
            actor1=hand.GUNMEN,
            actor2=hand.CIVILIANS,
            mode="firearms",
            acled={"event_type": "Violence against civilians", "sub_event_type": "Attack"},
        ),
    )
    with open_store(store_url) as store:
        store.add_documents([doc])
        store.assign_clusters()
        (item,) = store.query_events(EventQuery()).items
        assert item["event_id"] == f"{content_hash(doc)[:12]}-0"
        assert item | {"event_id": None, "cluster_id": None} == {
            "event_id": None,
            "doc_id": "a",
            "type": "ASSAULT",
            "mode": "firearms",
            "modality": "asserted",
            "date": "2024-05-01",
            "date_precision": 1,
            "country": "PAK",
            "admin1": "Balochistan",
            "location_name": "Quetta",
            "location_text": "کوئٹہ",
            "lat": 30.18,
            "lon": 67.0,
            "geo_precision": 1,
            "actor1_name": "unidentified armed men",
            "actor1_text": "نامعلوم مسلح افراد",
            "actor1_country": "PAK",
            "actor1_sector": "UAF",
            "actor2_name": "civilians",
            "actor2_text": "شہری",
            "actor2_country": "PAK",
            "actor2_sector": "CVL",
            "fatalities": 2,
            "injured": None,
            "claim_by": "police",
            "claim_kind": "official",
            "acled_event_type": "Violence against civilians",
            "acled_sub_event_type": "Attack",
            "confidence": 0.9,
            "cluster_id": None,
            "trigger_text": "حملہ",
            "source": "waqia test",
            "pub_date": "2024-05-02",
        }
        assert item["cluster_id"].startswith("c-")
        detail = store.get_event(item["event_id"])
        assert detail is not None
        expected = doc.events[0].to_json() | {"cluster_id": item["cluster_id"]}
        assert detail["record"] == expected
        trigger = detail["record"]["trigger"]
        assert detail["document"]["text"][trigger["start"] : trigger["end"]] == "حملہ"
        assert detail["document"] == {
            "doc_id": "a",
            "text": doc.raw,
            "pub_date": "2024-05-02",
            "source": "waqia test",
            "url": "https://example.test/a",
        }
        assert store.get_event("nope-0") is None
        stored = store.get_document("a")
        assert stored is not None
        assert stored["text"] == doc.raw
        assert stored["title"] == doc.raw.splitlines()[0]
        assert [e["event_id"] for e in stored["events"]] == [item["event_id"]]
        assert store.get_document("nope") is None


def test_event_without_its_own_date_is_dated_by_publication(store_url: str, hand: Any) -> None:
    with open_store(store_url) as store:
        store.add_documents([hand.doc("a", hand.event(day=None), pub_date="2024-06-09")])
        (item,) = store.query_events(EventQuery()).items
        assert (item["date"], item["date_precision"]) == ("2024-06-09", None)
        assert store.query_events(EventQuery(start="2024-06-09", end="2024-06-09")).total == 1


def test_documents_page(store_url: str, hand: Any) -> None:
    with open_store(store_url) as store:
        store.add_documents(
            [
                hand.doc("old", hand.event(), pub_date="2020-01-01"),
                hand.doc("new", hand.event(), hand.event("PROTEST"), pub_date="2024-01-01"),
                hand.doc("undated", pub_date=None),
            ]
        )
        page = store.query_documents(limit=2)
        assert page.total == 3
        assert [(d["doc_id"], d["n_events"], d["pub_date"]) for d in page.items] == [
            ("new", 2, "2024-01-01"),
            ("old", 1, "2020-01-01"),
        ]
        assert [d["doc_id"] for d in store.query_documents(limit=2, offset=2).items] == ["undated"]
        with pytest.raises(InputError, match="limit"):
            store.query_documents(limit=501)
        with pytest.raises(InputError, match="offset"):
            store.query_clusters(offset=-1)


def _cluster_docs(hand: Any) -> list[Document]:
    return [
        hand.doc("d1", hand.event(killed=3, actor1=hand.GUNMEN), hand.event("PROTEST")),
        hand.doc("d2", hand.event(killed=3, actor1=hand.GUNMEN, day="2024-05-02")),
        hand.doc("d3", hand.event(killed=3)),
        hand.doc("d4", hand.event("CONSULT", place=hand.KABUL)),
        hand.doc("d0", hand.event(killed=40, day="2024-05-01")),
    ]


def test_clusters_equal_cluster_events_whatever_the_ingest_order(store_url: str, hand: Any) -> None:
    expected = _cluster_docs(hand)
    cluster_events(sorted(expected, key=lambda d: d.doc_id))
    want = {(d.doc_id, i): e.cluster_id for d in expected for i, e in enumerate(d.events)}
    assert len(set(want.values())) < len(want)  # the data does make a multi-document cluster
    with open_store(store_url) as store:
        for doc in reversed(_cluster_docs(hand)):
            store.add_documents([doc])
        assert store.clusters_stale
        n = store.assign_clusters()
        assert not store.clusters_stale
        got = {
            (e["doc_id"], int(e["event_id"].rsplit("-", 1)[1])): e["cluster_id"]
            for e in store.query_events(EventQuery()).items
        }
        assert got == want
        assert n == len(set(want.values())) == store.query_clusters().total
        top = store.query_clusters(limit=1).items[0]
        members = [k for k, v in want.items() if v == top["cluster_id"]]
        assert top["n_docs"] == len({doc_id for doc_id, _ in members}) == top["n_events"] == 3
        assert top | {"cluster_id": None} == {
            "cluster_id": None,
            "n_events": 3,
            "n_docs": 3,
            "type": "ASSAULT",
            "first_date": "2024-05-01",
            "last_date": "2024-05-02",
            "country": "PAK",
        }
        cluster = store.get_cluster(top["cluster_id"])
        assert cluster is not None
        assert sorted(e["doc_id"] for e in cluster["events"]) == ["d1", "d2", "d3"]
        assert store.query_events(EventQuery(cluster_id=top["cluster_id"])).total == 3
        assert store.get_cluster("c-000000000000") is None
        assert store.assign_clusters() == n  # recomputing changes nothing


def test_counts(store_url: str, hand: Any) -> None:
    with open_store(store_url) as store:
        store.add_documents(
            [
                hand.doc("a", hand.event(), hand.event("PROTEST", day="2024-05-03")),
                hand.doc("b", hand.event(place=hand.KABUL), hand.event(day=None), pub_date=None),
            ]
        )
        q = EventQuery()
        assert store.counts("type", q) == [{"key": "ASSAULT", "count": 3}, {"key": "PROTEST", "count": 1}]
        assert store.counts("country", q) == [{"key": "PAK", "count": 3}, {"key": "AFG", "count": 1}]
        assert store.counts("day", q) == [
            {"key": "2024-05-01", "count": 2},
            {"key": "2024-05-03", "count": 1},
            {"key": None, "count": 1},
        ]
        assert store.counts("day", EventQuery(types=("PROTEST",))) == [{"key": "2024-05-03", "count": 1}]
        with pytest.raises(InputError, match="'day', 'type' or 'country'"):
            store.counts("week", q)  # type: ignore[arg-type]


def test_failures_are_kept_once(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_failure("feed.jsonl:3", "not JSON", "read")
        store.add_failure("feed.jsonl:3", "not JSON", "read")
        store.add_failure("x.txt", "not Urdu", None)
        page = store.query_failures()
        assert page.total == 2
        assert [(f["source"], f["stage"], f["message"]) for f in page.items] == [
            ("feed.jsonl:3", "read", "not JSON"),
            ("x.txt", None, "not Urdu"),
        ]


def test_iter_documents_gives_spec_lines(store_url: str, hand: Any) -> None:
    docs = [hand.doc("a", hand.event(), hand.event("PROTEST")), hand.doc("b"), hand.doc("c", hand.event())]
    docs[0].story_id = "story-1"
    docs[0].extra = {"section": "news"}
    with open_store(store_url) as store:
        store.add_documents(docs)
        store.assign_clusters()
        lines = list(store.iter_documents())
        assert [line["doc_id"] for line in lines] == ["a", "b", "c"]
        back = Document.from_json(lines[0])
        assert back.raw == docs[0].raw
        assert (back.story_id, back.extra) == ("story-1", {"section": "news"})
        assert [e.type for e in back.events] == ["ASSAULT", "PROTEST"]
        assert lines[0]["events"][0] == docs[0].events[0].to_json() | {
            "cluster_id": lines[0]["events"][0]["cluster_id"]
        }
        only = list(store.iter_documents(EventQuery(types=("PROTEST",))))
        assert [(d["doc_id"], [e["type"] for e in d["events"]]) for d in only] == [("a", ["PROTEST"])]


def test_two_writers_storing_the_same_documents(store_url: str, hand: Any) -> None:
    docs = [hand.doc("a", hand.event()), hand.doc("b", hand.event("PROTEST"))]
    with open_store(store_url) as first, open_store(store_url) as second:
        assert second.stored_hashes(content_hash(d) for d in docs) == set()  # both looked: nothing yet
        assert first.add_documents(docs).documents == 2
        late = second.add_documents(copy.deepcopy(docs))  # the second writer arrives after the first
        assert (late.documents, late.skipped, late.replaced) == (0, 2, 0)
        assert second.count_events() == 2
