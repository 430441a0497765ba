"""The event store: documents, their events, cross-document clusters and per-document failures in
one SQL database (SQLite by default, PostgreSQL for teams), through SQLAlchemy Core.

Writes are idempotent: a document is identified by the hash of its ``doc_id`` and raw text, so
storing it again changes nothing; a document whose ``doc_id`` is stored with *another* text is an
updated article and replaces the old one (and its events). Every :meth:`Store.add_documents` call is
one transaction, so a crash loses at most the batch being written.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from waqia._errors import DataError, InputError, StoreError
from waqia.cluster import cluster_events
from waqia.document import Document
from waqia.record import Event
from waqia.store._query import (
    EVENT_ORDER,
    FROM_EVENTS,
    SUMMARY_COLUMNS,
    EventQuery,
    Page,
    check_page,
    chunks,
    event_conditions,
    iso,
    summary,
    walk_is_cheaper,
)
from waqia.store._rows import (
    content_hash,
    document_json,
    document_row,
    event_row,
    record_of,
)
from waqia.store._schema import clusters, documents, events, failures, migrate, now, store_state

DEFAULT_URL = "waqia.db"
_LOOKUP_CHUNK = 500  # bound parameters per IN (...) list
_EXPORT_BATCH = 500


@dataclass(frozen=True)
class IngestResult:
    """What one :meth:`Store.add_documents` call did: new ``documents`` and their ``events``,
    documents ``skipped`` because they were stored already, and stored ones ``replaced`` by a new
    text under the same ``doc_id``."""

    documents: int = 0
    events: int = 0
    skipped: int = 0
    replaced: int = 0

    def __add__(self, other: IngestResult) -> IngestResult:
        return IngestResult(
            self.documents + other.documents,
            self.events + other.events,
            self.skipped + other.skipped,
            self.replaced + other.replaced,
        )


def engine_url(url: str | Path) -> sa.URL:
    """The SQLAlchemy URL of a store: a path (or ``sqlite:///path``) is SQLite; ``postgresql://`` and
    ``postgres://`` use the psycopg 3 driver."""
    text = str(url)
    if "://" not in text:
        if not text.strip():
            raise InputError("--db", "empty database URL")
        return sa.URL.create("sqlite", database=str(Path(text).expanduser()))
    try:
        parsed = make_url(text)
    except sa.exc.ArgumentError:
        raise InputError("--db", f"not a database URL: {text!r}") from None
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return parsed
    raise InputError(
        "--db", f"unsupported database {backend!r}: use a file path, sqlite:/// or postgresql://"
    )


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL with synchronous=NORMAL: a committed batch survives a killed process (not a power cut)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def open_store(url: str | Path = DEFAULT_URL, *, create: bool = True) -> Store:
    """Open (and, with ``create``, create) the store at ``url`` and bring its schema up to date.

    Raises :class:`~waqia.InputError` for a URL waqia cannot use and :class:`~waqia.DataError` when
    the database cannot be opened, does not exist (``create=False``) or was written by a newer waqia.
    """
    target = engine_url(url)
    shown = target.render_as_string(hide_password=True)
    if target.get_backend_name() == "sqlite":
        database = target.database or ""
        if database and database != ":memory:":
            if not create and not Path(database).exists():
                raise DataError(f"{shown}: no such store (run `waqia ingest` first)")
            parent = Path(database).parent
            if not parent.is_dir():
                raise DataError(f"{shown}: folder {parent} does not exist")
    engine = sa.create_engine(target)
    if target.get_backend_name() == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    try:
        migrate(engine, shown)
    except sa.exc.SQLAlchemyError as error:
        engine.dispose()
        raise DataError(f"{shown}: cannot open the store: {_first_line(error)}") from None
    except DataError:
        engine.dispose()
        raise
    return Store(engine, shown)


def _first_line(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    return str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__


class Store:
    """A handle on one store. Thread-safe (each call takes a pooled connection); close it when done."""

    def __init__(self, engine: sa.Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _transaction(self) -> AbstractContextManager[sa.Connection]:
        """One transaction; a database failure becomes a :class:`~waqia.StoreError` (one line, no SQL)."""
        return self._database(self.engine.begin)

    def _connection(self) -> AbstractContextManager[sa.Connection]:
        return self._database(self.engine.connect)

    @contextmanager
    def _database(
        self, open_: Callable[[], AbstractContextManager[sa.Connection]]
    ) -> Iterator[sa.Connection]:
        try:
            with open_() as conn:
                yield conn
        except sa.exc.DBAPIError as error:
            raise StoreError(self.url, _first_line(error)) from None

    # ------------------------------------------------------------------------------------ writing

    def stored_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` that are stored already."""
        found: set[str] = set()
        with self._connection() as conn:
            for chunk in chunks(hashes, _LOOKUP_CHUNK):
                rows = conn.execute(
                    sa.select(documents.c.content_hash).where(documents.c.content_hash.in_(chunk))
                )
                found.update(r[0] for r in rows)
        return found

    def add_documents(self, docs: Iterable[Document]) -> IngestResult:
        """Store coded documents and their events in one transaction; skip those stored already."""
        batch = list(docs)
        try:
            return self._add_batch(batch)
        except sa.exc.IntegrityError:
            # another writer stored one of these documents since we looked: look again, once
            return self._add_batch(batch)

    def _add_batch(self, batch: list[Document]) -> IngestResult:
        hashes = [content_hash(doc) for doc in batch]
        stamp = now()
        added = added_events = skipped = replaced = 0
        with self._transaction() as conn:
            known = {
                row.content_hash: row.doc_key
                for chunk in chunks(hashes, _LOOKUP_CHUNK)
                for row in conn.execute(
                    sa.select(documents.c.content_hash, documents.c.doc_key).where(
                        documents.c.content_hash.in_(chunk)
                    )
                )
            }
            for doc, hash_hex in zip(batch, hashes, strict=True):
                if hash_hex in known:
                    skipped += 1
                    continue
                old = conn.execute(
                    sa.select(documents.c.doc_key, documents.c.content_hash).where(
                        documents.c.doc_id == doc.doc_id
                    )
                ).first()
                if old is not None and old.content_hash == hash_hex:  # stored by another writer
                    skipped += 1
                    continue
                if old is not None:  # an updated article: the new text replaces the old
                    conn.execute(sa.delete(events).where(events.c.doc_key == old.doc_key))
                    conn.execute(sa.delete(documents).where(documents.c.doc_key == old.doc_key))
                    replaced += 1
                doc_key = conn.execute(
                    sa.insert(documents)
                    .values(document_row(doc, hash_hex, stamp))
                    .returning(documents.c.doc_key)
                ).scalar_one()
                known[hash_hex] = doc_key
                rows = [event_row(doc, doc_key, hash_hex, i, e) for i, e in enumerate(doc.events)]
                if rows:
                    conn.execute(sa.insert(events), rows)
                added += 1
                added_events += len(rows)
            if added:
                _set_state(conn, "clusters_stale", "1")
        return IngestResult(added, added_events, skipped, replaced)

    def add_failure(self, source: str, message: str, stage: str | None = None) -> None:
        """Record that an input could not be coded; the same failure recorded again is kept once."""
        where = [failures.c.source == source, failures.c.message == message]
        where.append(failures.c.stage.is_(None) if stage is None else failures.c.stage == stage)
        with self._transaction() as conn:
            conn.execute(sa.delete(failures).where(*where))
            conn.execute(sa.insert(failures).values(source=source, stage=stage, message=message, at=now()))

    def query_failures(self, limit: int = 50, offset: int = 0) -> Page:
        check_page(limit, offset)
        with self._connection() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(failures)).scalar_one()
            rows = conn.execute(
                sa.select(failures.c.source, failures.c.stage, failures.c.message, failures.c.at)
                .order_by(failures.c.source, failures.c.failure_key)
                .limit(limit)
                .offset(offset)
            )
            items = [{**r._mapping, "at": r.at.isoformat()} for r in rows]
        return Page(total, limit, offset, items)

    @property
    def clusters_stale(self) -> bool:
        """Whether documents were added since clusters were last assigned."""
        with self._connection() as conn:
            value = conn.execute(
                sa.select(store_state.c.value).where(store_state.c.key == "clusters_stale")
            ).scalar()
        return value == "1"

    def assign_clusters(self) -> int:
        """Recompute every event's ``cluster_id`` with :func:`waqia.cluster_events`; return the number
        of clusters.

        The documents are clustered in ``doc_id`` order, so the result does not depend on the order
        they were ingested in: it equals ``cluster_events(sorted(docs, key=doc_id))``.
        """
        with self._transaction() as conn:
            rows = conn.execute(
                sa.select(
                    events.c.event_id,
                    events.c.doc_key,
                    events.c.type,
                    events.c.date,
                    events.c.country,
                    events.c.cluster_id,
                    events.c.record,
                    documents.c.doc_id,
                    documents.c.pub_date,
                )
                .select_from(FROM_EVENTS)
                .order_by(documents.c.doc_id, events.c.idx)
            ).all()
            docs: list[Document] = []
            for row in rows:
                if not docs or docs[-1].doc_id != row.doc_id:
                    docs.append(Document(raw="", doc_id=row.doc_id, pub_date=iso(row.pub_date)))
                docs[-1].events.append(Event.from_json(json.loads(row.record)))
            cluster_events(docs)
            assigned = [e.cluster_id for doc in docs for e in doc.events]
            changed = [
                {"eid": row.event_id, "cid": cid}
                for row, cid in zip(rows, assigned, strict=True)
                if row.cluster_id != cid
            ]
            if changed:
                conn.execute(
                    sa.update(events)
                    .where(events.c.event_id == sa.bindparam("eid"))
                    .values(cluster_id=sa.bindparam("cid")),
                    changed,
                )
            cluster_rows = _cluster_rows(rows, assigned)
            conn.execute(sa.delete(clusters))
            if cluster_rows:
                conn.execute(sa.insert(clusters), cluster_rows)
            _set_state(conn, "clusters_stale", "0")
        return len(cluster_rows)

    # ------------------------------------------------------------------------------------ reading

    def count_documents(self) -> int:
        with self._connection() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one())

    def count_events(self) -> int:
        with self._connection() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one())

    def query_events(self, q: EventQuery) -> Page:
        """A page of event summaries matching ``q`` and the ``total`` number of matches.

        The page is found in two steps: the ids of the page (in page order, through the indexes
        only where they cover the filters), then the summaries of those ids; so a deep page skips
        ``offset`` index entries rather than ``offset`` joined rows.
        """
        where = event_conditions(q, self.dialect)
        with self._connection() as conn:
            total = int(
                conn.execute(sa.select(sa.func.count()).select_from(events).where(*where)).scalar_one()
            )
            if total <= q.offset:
                return Page(total, q.limit, q.offset, [])
            if self.dialect == "sqlite" and where:
                stored = conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
                if walk_is_cheaper(total, int(stored), q):
                    where = event_conditions(q, self.dialect, walk_order=True)
            page_ids = (
                conn.execute(
                    sa.select(events.c.event_id)
                    .where(*where)
                    .order_by(*EVENT_ORDER)
                    .limit(q.limit)
                    .offset(q.offset)
                )
                .scalars()
                .all()
            )
            rows = conn.execute(
                sa.select(*SUMMARY_COLUMNS).select_from(FROM_EVENTS).where(events.c.event_id.in_(page_ids))
            )
            by_id = {row.event_id: summary(row) for row in rows}
        return Page(total, q.limit, q.offset, [by_id[i] for i in page_ids if i in by_id])

    def iter_events(self, q: EventQuery | None = None) -> Iterator[dict[str, Any]]:
        """Every event ``q`` matches (its limit and offset ignored), in the order of
        :meth:`query_events`: the summary plus ``record`` (spec §2), ``evidence`` and ``url``."""
        where = event_conditions(q or EventQuery(), self.dialect)
        statement = (
            sa.select(*SUMMARY_COLUMNS, events.c.record, events.c.evidence, documents.c.url)
            .select_from(FROM_EVENTS)
            .where(*where)
            .order_by(*EVENT_ORDER)
        )
        with self._connection() as conn:
            result = conn.execution_options(stream_results=True, yield_per=_EXPORT_BATCH).execute(statement)
            for row in result:
                item = summary(row)
                item["record"] = record_of(row.record, row.cluster_id)
                item["evidence"] = row.evidence
                item["url"] = row.url
                yield item

    def iter_documents(self, q: EventQuery | None = None) -> Iterator[dict[str, Any]]:
        """Spec §1 records (``Document.to_json()`` shape) in ``doc_id`` order. Without filters every
        document with all its events; with filters the documents that have a matching event, with
        those events only."""
        where = event_conditions(q or EventQuery(), self.dialect)
        doc_columns = [documents.c[name] for name in ("doc_key", "doc_id", "raw", "lang", "pub_date")]
        doc_columns += [documents.c[name] for name in ("source", "url", "extra")]
        last: str | None = None
        with self._connection() as conn:
            while True:
                statement = sa.select(*doc_columns).order_by(documents.c.doc_id).limit(_EXPORT_BATCH // 5)
                if last is not None:
                    statement = statement.where(documents.c.doc_id > last)
                if where:
                    matching = sa.select(events.c.doc_key).where(*where)
                    statement = statement.where(documents.c.doc_key.in_(matching))
                batch = [dict(r._mapping) for r in conn.execute(statement)]
                if not batch:
                    return
                by_doc: dict[int, list[dict[str, Any]]] = defaultdict(list)
                event_rows = conn.execute(
                    sa.select(events.c.doc_key, events.c.record, events.c.cluster_id)
                    .where(events.c.doc_key.in_([d["doc_key"] for d in batch]), *where)
                    .order_by(events.c.doc_key, events.c.idx)
                )
                for row in event_rows:
                    by_doc[row.doc_key].append(record_of(row.record, row.cluster_id))
                for doc in batch:
                    yield document_json(doc, by_doc.get(doc["doc_key"], []))
                last = batch[-1]["doc_id"]

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        if not isinstance(event_id, str) or len(event_id) > 80:
            return None
        with self._connection() as conn:
            row = conn.execute(
                sa.select(*SUMMARY_COLUMNS, events.c.record, documents.c.raw, documents.c.url)
                .select_from(FROM_EVENTS)
                .where(events.c.event_id == event_id)
            ).first()
        if row is None:
            return None
        out = summary(row)
        out["record"] = record_of(row.record, row.cluster_id)
        out["document"] = {
            "doc_id": row.doc_id,
            "text": row.raw,
            "pub_date": iso(row.pub_date),
            "source": row.source,
            "url": row.url,
        }
        return out

    def query_documents(self, limit: int = 50, offset: int = 0) -> Page:
        check_page(limit, offset)
        c = documents.c
        with self._connection() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one()
            rows = conn.execute(
                sa.select(c.doc_id, c.pub_date, c.source, c.url, c.title, c.n_events)
                .order_by(c.pub_date.desc().nulls_last(), c.doc_id)
                .limit(limit)
                .offset(offset)
            )
            items = [{**r._mapping, "pub_date": iso(r.pub_date)} for r in rows]
        return Page(int(total), limit, offset, items)

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        if not isinstance(doc_id, str) or len(doc_id) > 500:
            return None
        c = documents.c
        with self._connection() as conn:
            row = conn.execute(
                sa.select(
                    c.doc_key, c.doc_id, c.pub_date, c.source, c.url, c.lang, c.title, c.n_events, c.raw
                ).where(c.doc_id == doc_id)
            ).first()
            if row is None:
                return None
            items = [
                summary(r)
                for r in conn.execute(
                    sa.select(*SUMMARY_COLUMNS)
                    .select_from(FROM_EVENTS)
                    .where(events.c.doc_key == row.doc_key)
                    .order_by(events.c.idx)
                )
            ]
        out = {k: v for k, v in row._mapping.items() if k not in ("doc_key", "raw")}
        out["pub_date"] = iso(row.pub_date)
        out["text"] = row.raw
        out["events"] = items
        return out

    def query_clusters(self, limit: int = 50, offset: int = 0) -> Page:
        """Clusters, those reported by most documents first, then the latest."""
        check_page(limit, offset)
        c = clusters.c
        with self._connection() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(clusters)).scalar_one()
            rows = conn.execute(
                sa.select(clusters)
                .order_by(c.n_docs.desc(), c.n_events.desc(), c.last_date.desc().nulls_last(), c.cluster_id)
                .limit(limit)
                .offset(offset)
            )
            items = [_cluster_item(r) for r in rows]
        return Page(int(total), limit, offset, items)

    def get_cluster(self, cluster_id: str) -> dict[str, Any] | None:
        if not isinstance(cluster_id, str) or len(cluster_id) > 64:
            return None
        with self._connection() as conn:
            row = conn.execute(sa.select(clusters).where(clusters.c.cluster_id == cluster_id)).first()
            if row is None:
                return None
            items = [
                summary(r)
                for r in conn.execute(
                    sa.select(*SUMMARY_COLUMNS)
                    .select_from(FROM_EVENTS)
                    .where(events.c.cluster_id == cluster_id)
                    .order_by(*EVENT_ORDER)
                )
            ]
        out = _cluster_item(row)
        out["events"] = items
        return out

    def counts(
        self, by: Literal["day", "type", "country"], q: EventQuery | None = None
    ) -> list[dict[str, Any]]:
        """Matching events per day (date order), per type or per country (most first)."""
        column = {"day": events.c.date, "type": events.c.type, "country": events.c.country}.get(by)
        if column is None:
            raise InputError("by", f"must be 'day', 'type' or 'country', got {by!r}")
        n = sa.func.count().label("n")
        statement = sa.select(column.label("key"), n).where(
            *event_conditions(q or EventQuery(), self.dialect)
        )
        statement = statement.group_by(column)
        if by == "day":
            statement = statement.order_by(column.asc().nulls_last())
        else:
            statement = statement.order_by(n.desc(), column.asc().nulls_last())
        with self._connection() as conn:
            rows = conn.execute(statement).all()
        return [{"key": iso(r.key) if by == "day" else r.key, "count": int(r.n)} for r in rows]


def _cluster_item(row: Any) -> dict[str, Any]:
    out = dict(row._mapping)
    out["first_date"] = iso(out["first_date"])
    out["last_date"] = iso(out["last_date"])
    return out


def _cluster_rows(rows: Sequence[Any], assigned: Sequence[str | None]) -> list[dict[str, Any]]:
    members: dict[str, list[Any]] = defaultdict(list)
    for row, cid in zip(rows, assigned, strict=True):
        if cid is not None:
            members[cid].append(row)
    out = []
    for cid, group in sorted(members.items()):
        dates = [r.date for r in group if r.date is not None]
        countries = Counter(r.country for r in group if r.country)
        out.append(
            {
                "cluster_id": cid,
                "n_events": len(group),
                "n_docs": len({r.doc_key for r in group}),
                "type": group[0].type,
                "first_date": min(dates) if dates else None,
                "last_date": max(dates) if dates else None,
                # most events' country; ties go to the first in alphabetical order
                "country": min(countries, key=lambda c: (-countries[c], c)) if countries else None,
            }
        )
    return out


def _set_state(conn: sa.Connection, key: str, value: str) -> None:
    conn.execute(sa.delete(store_state).where(store_state.c.key == key))
    conn.execute(sa.insert(store_state).values(key=key, value=value))
