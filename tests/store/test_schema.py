"""Migrations on SQLite and PostgreSQL: a version 1 database is upgraded in place on open, ends up
with the same indexes as a new one, and answers every query as before."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa

from waqia.document import Document
from waqia.store import CURRENT_VERSION, EventQuery, open_store
from waqia.store._schema import MIGRATIONS, query_indexes, schema_version
from waqia.store._store import engine_url

EXPECTED_INDEXES = {
    "sqlite": {"ix_events_newest", "ix_events_place", "ix_events_text_search", "ix_events_actor_search"},
    # the test server runs as a superuser, so pg_trgm can be created
    "postgresql": {
        "ix_events_newest",
        "ix_events_place",
        "ix_events_text_search_trgm",
        "ix_events_actor_search_trgm",
    },
}
QUERIES = [
    EventQuery(),
    EventQuery(types=("ASSAULT", "PROTEST")),
    EventQuery(text="حملہ", limit=3, offset=1),
    EventQuery(actor="police"),
    EventQuery(bbox=(66.0, 29.0, 68.0, 31.0), min_confidence=0.5, start="2024-05-01"),
]


def _docs(hand: Any) -> list[Document]:
    e = hand.event
    return [
        hand.doc(
            f"doc-{i:02d}",
            e("ASSAULT", day=f"2024-05-{1 + i % 9:02d}", actor1=hand.POLICE, confidence=0.3 + i % 7 / 10),
            e("PROTEST", trigger="مظاہرہ", place=hand.KABUL, day=None if i % 5 == 0 else "2024-04-02"),
        )
        for i in range(12)
    ]


def _create_version_1(url: str) -> None:
    """A database as waqia wrote it before migration 2 existed."""
    engine = sa.create_engine(engine_url(url))
    try:
        with engine.begin() as conn:
            schema_version.create(conn)
            version, create = MIGRATIONS[0]
            create(conn)
            conn.execute(
                sa.insert(schema_version).values(version=version, applied_at=dt.datetime(2024, 1, 1))
            )
    finally:
        engine.dispose()


def _versions(url: str) -> list[int]:
    with open_store(url) as store, store.engine.connect() as conn:
        return list(
            conn.execute(sa.select(schema_version.c.version).order_by(schema_version.c.version)).scalars()
        )


def test_a_version_1_database_is_upgraded_on_open(store_url: str, hand: Any) -> None:
    assert CURRENT_VERSION >= 2
    _create_version_1(store_url)
    engine = sa.create_engine(engine_url(store_url))
    with engine.connect() as conn:
        assert query_indexes(conn) == set()
    engine.dispose()
    with open_store(store_url) as upgraded:
        upgraded.add_documents(_docs(hand))
        upgraded.assign_clusters()
        with upgraded.engine.connect() as conn:
            upgraded_indexes = query_indexes(conn)
        upgraded_pages = [upgraded.query_events(q) for q in QUERIES]
    assert _versions(store_url) == list(range(1, CURRENT_VERSION + 1))
    assert upgraded_indexes == EXPECTED_INDEXES[upgraded.dialect]  # as a new database has them
    assert upgraded_pages[0].total == 24
    assert [p.total for p in upgraded_pages[1:]] == [24, 12, 12, 8]


def test_the_indexes_of_each_database(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.connect() as conn:
        names = query_indexes(conn)
    assert names == EXPECTED_INDEXES[store.dialect]


def test_postgresql_without_the_trigram_extension_still_opens(postgres_server: Any, hand: Any) -> None:
    """A user who may create tables but not extensions gets a working store without trigram indexes."""
    server = postgres_server
    name = f"waqia_test_{next(server.databases)}"
    server.admin(f"CREATE DATABASE {name}")
    server.admin("DROP ROLE IF EXISTS waqia_plain")
    server.admin("CREATE ROLE waqia_plain LOGIN")
    try:
        owner_url = server.url(name)
        engine = sa.create_engine(engine_url(owner_url))
        with engine.begin() as conn:  # tables in the public schema, but no CREATE on the database
            conn.execute(sa.text("GRANT USAGE, CREATE ON SCHEMA public TO waqia_plain"))
            conn.execute(sa.text("REVOKE CREATE ON DATABASE " + name + " FROM PUBLIC"))
        engine.dispose()
        url = owner_url.replace("postgres@", "waqia_plain@")
        with open_store(url) as store:
            store.add_documents(_docs(hand))
            assert store.query_events(EventQuery(text="حملہ")).total == 12
            with store.engine.connect() as conn:
                assert query_indexes(conn) == {"ix_events_newest", "ix_events_place"}
                assert not conn.execute(
                    sa.text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
                ).scalar()
    finally:
        server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        server.admin("DROP ROLE IF EXISTS waqia_plain")


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: repr(q)[:40])
def test_queries_are_the_same_before_and_after_the_upgrade(
    store_url: str, hand: Any, query: EventQuery
) -> None:
    """Version 1 indexes only (migration 2's dropped again) and all indexes give the same page."""
    with open_store(store_url) as store:
        store.add_documents(_docs(hand))
        store.assign_clusters()
        with_indexes = store.query_events(query)
        with store.engine.begin() as conn:
            for name in query_indexes(conn):
                conn.execute(sa.text(f"DROP INDEX {name}"))  # test-made names only
            assert query_indexes(conn) == set()
        assert store.query_events(query) == with_indexes
