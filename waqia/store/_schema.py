"""The store's tables, and the migrations that bring a database up to the current schema.

One schema for SQLite and PostgreSQL (SQLAlchemy Core types only, no dialect extras). Migrations are
numbered functions in :data:`MIGRATIONS`, applied in order on open, each in its own transaction, and
recorded in the ``schema_version`` table. A database written by a newer waqia (a version above the
last migration known here) is refused rather than misread.

Migration 1 creates the tables exactly as this module defines them. A later change adds a migration
that alters the tables (``ALTER TABLE ... ADD COLUMN``) and updates the definitions below to match,
so a new database and an upgraded one end up alike. Indexes added later are created by their own
migration (on a new database too), so the table definitions here stay those of migration 1.

Migration 2 adds the indexes that make filtered pages fast (see ``docs/store.md``, "Query
performance"): ``ix_events_newest``, the page order itself (newest first, undated last), and
indexes for the substring filters: on SQLite plain indexes on the two search columns (a count scans
the small index instead of the wide rows), on PostgreSQL trigram GIN indexes (``pg_trgm``) when the
extension can be created, else none (the filters still work, by scanning).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa

from waqia._errors import DataError

# the PostgreSQL extension behind the substring indexes; trusted since PostgreSQL 13, so a
# database owner may create it without being a superuser
_TRIGRAM_EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm"

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("applied_at", sa.DateTime, nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("doc_key", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(500), nullable=False, unique=True),
    # sha256 of doc_id NUL raw text: the identity that makes ingest idempotent
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("pub_date", sa.Date),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("lang", sa.String(16)),
    sa.Column("title", sa.Text),
    sa.Column("raw", sa.Text, nullable=False),
    # the spec §1 fields the store has no column for (story_id, unknown input fields), as JSON
    sa.Column("extra", sa.Text, nullable=False),
    sa.Column("n_events", sa.Integer, nullable=False),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
)
sa.Index("ix_documents_order", documents.c.pub_date, documents.c.doc_id)

events = sa.Table(
    "events",
    metadata,
    sa.Column("event_id", sa.String(80), primary_key=True),
    sa.Column(
        "doc_key",
        sa.Integer,
        sa.ForeignKey("documents.doc_key", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("mode", sa.String(32)),
    sa.Column("modality", sa.String(24), nullable=False),
    # the event's own date, else the publication date (as waqia.cluster dates it)
    sa.Column("date", sa.Date),
    sa.Column("date_precision", sa.Integer),
    sa.Column("country", sa.String(8)),
    sa.Column("admin1", sa.Text),
    sa.Column("location_name", sa.Text),
    sa.Column("location_text", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("actor1_name", sa.Text),
    sa.Column("actor1_text", sa.Text),
    sa.Column("actor1_country", sa.String(8)),
    sa.Column("actor1_sector", sa.String(8)),
    sa.Column("actor2_name", sa.Text),
    sa.Column("actor2_text", sa.Text),
    sa.Column("actor2_country", sa.String(8)),
    sa.Column("actor2_sector", sa.String(8)),
    sa.Column("fatalities", sa.Integer),
    sa.Column("injured", sa.Integer),
    sa.Column("claim_by", sa.Text),
    sa.Column("claim_kind", sa.String(16)),
    sa.Column("acled_event_type", sa.Text),
    sa.Column("acled_sub_event_type", sa.Text),
    sa.Column("confidence", sa.Float),
    sa.Column("cluster_id", sa.String(64)),
    sa.Column("trigger_text", sa.Text),
    # the sentence that holds the trigger: ACLED notes and the text filter read it
    sa.Column("evidence", sa.Text),
    # casefolded actor names and words, and trigger + evidence, so substring filters behave the same
    # on both databases (SQLite's LIKE folds ASCII case only, PostgreSQL's folds none)
    sa.Column("actor_search", sa.Text, nullable=False),
    sa.Column("text_search", sa.Text, nullable=False),
    # the spec §2 record with cluster_id left null: the cluster_id column is the one truth
    sa.Column("record", sa.Text, nullable=False),
)
sa.Index("ix_events_doc", events.c.doc_key, events.c.idx, unique=True)
sa.Index("ix_events_order", events.c.date, events.c.event_id)
sa.Index("ix_events_type", events.c.type, events.c.date)
sa.Index("ix_events_country", events.c.country, events.c.date)
sa.Index("ix_events_admin1", events.c.admin1)
sa.Index("ix_events_cluster", events.c.cluster_id)
sa.Index("ix_events_latlon", events.c.lat, events.c.lon)
sa.Index("ix_events_confidence", events.c.confidence)
sa.Index("ix_events_modality", events.c.modality)

clusters = sa.Table(
    "clusters",
    metadata,
    sa.Column("cluster_id", sa.String(64), primary_key=True),
    sa.Column("n_events", sa.Integer, nullable=False),
    sa.Column("n_docs", sa.Integer, nullable=False),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("first_date", sa.Date),
    sa.Column("last_date", sa.Date),
    sa.Column("country", sa.String(8)),
)
sa.Index("ix_clusters_order", clusters.c.n_docs, clusters.c.last_date)

failures = sa.Table(
    "failures",
    metadata,
    sa.Column("failure_key", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("stage", sa.String(64)),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
)
sa.Index("ix_failures_source", failures.c.source)

# key/value facts about the store as a whole ("clusters_stale")
store_state = sa.Table(
    "store_state",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)


def _create_v1(conn: sa.Connection) -> None:
    metadata.create_all(conn, tables=[documents, events, clusters, failures, store_state])


def _query_indexes(dialect: str, with_trigrams: bool) -> list[sa.Index]:
    """Migration 2's indexes, built on a copy of the events table so that the module's table
    definitions (migration 1's) stay as they are."""
    table = events.to_metadata(sa.MetaData())
    c = table.c
    # a map window with dates and a minimum confidence is counted from this index alone
    place = sa.Index("ix_events_place", c.lat, c.lon, c.date, c.confidence)
    if dialect == "postgresql":
        # PostgreSQL sorts NULL first in a descending index unless told; the pages put them last
        out = [sa.Index("ix_events_newest", c.date.desc().nulls_last(), c.event_id), place]
        if with_trigrams:
            out += [
                sa.Index(
                    f"ix_events_{name}_trgm",
                    c[name],
                    postgresql_using="gin",
                    postgresql_ops={name: "gin_trgm_ops"},
                )
                for name in ("text_search", "actor_search")
            ]
        return out
    # SQLite: a descending index already keeps NULL last, and it knows no NULLS LAST in an index
    return [
        sa.Index("ix_events_newest", c.date.desc(), c.event_id),
        place,
        sa.Index("ix_events_text_search", c.text_search),
        sa.Index("ix_events_actor_search", c.actor_search),
    ]


def _trigrams_available(conn: sa.Connection) -> bool:
    """Create ``pg_trgm`` if this user may; without it the substring filters scan (still correct)."""
    try:
        with conn.begin_nested():
            conn.execute(sa.text(_TRIGRAM_EXTENSION))
    except sa.exc.DBAPIError:  # not installed, or no right to create extensions here
        return False
    return True


def _add_query_indexes(conn: sa.Connection) -> None:
    dialect = conn.dialect.name
    with_trigrams = dialect == "postgresql" and _trigrams_available(conn)
    for index in _query_indexes(dialect, with_trigrams):
        index.create(conn, checkfirst=True)


def query_indexes(conn: sa.Connection) -> set[str]:
    """The names of migration 2's indexes present in the database (for tests and diagnostics)."""
    present = {str(ix["name"]) for ix in sa.inspect(conn).get_indexes("events")}
    wanted = {ix.name for ix in _query_indexes(conn.dialect.name, with_trigrams=True)}
    return {str(name) for name in wanted & present}


Migration = Callable[[sa.Connection], None]
MIGRATIONS: tuple[tuple[int, Migration], ...] = ((1, _create_v1), (2, _add_query_indexes))
CURRENT_VERSION = MIGRATIONS[-1][0]


def now() -> dt.datetime:
    """The time stamps the store writes: UTC, without a time zone (the same on both databases)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def stored_version(conn: sa.Connection) -> int:
    version = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
    return int(version or 0)


def migrate(engine: sa.Engine, where: str) -> int:
    """Bring the database up to :data:`CURRENT_VERSION`; return the version it had before."""
    with engine.begin() as conn:
        schema_version.create(conn, checkfirst=True)
        before = stored_version(conn)
    if before > CURRENT_VERSION:
        raise DataError(
            f"{where}: the store has schema version {before}, newer than this waqia knows "
            f"({CURRENT_VERSION}); upgrade waqia"
        )
    for version, step in MIGRATIONS:
        if version <= before:
            continue
        with engine.begin() as conn:
            if stored_version(conn) >= version:  # another process migrated first
                continue
            step(conn)
            conn.execute(sa.insert(schema_version).values(version=version, applied_at=now()))
    return before
