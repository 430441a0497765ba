"""The event store: coded documents, events, clusters and failures in SQLite or PostgreSQL.

    >>> from waqia.store import open_store, EventQuery
    >>> with open_store("waqia.db") as store:                       # doctest: +SKIP
    ...     page = store.query_events(EventQuery(types=("ASSAULT",), countries=("PAK",)))

See ``docs/store.md`` for the schema, URLs, idempotence and the export formats.
"""

from waqia.store._ingest import IngestReport, ingest
from waqia.store._query import MAX_LIMIT, MAX_OFFSET, EventQuery, Page
from waqia.store._rows import content_hash
from waqia.store._schema import CURRENT_VERSION
from waqia.store._store import DEFAULT_URL, IngestResult, Store, engine_url, open_store

__all__ = [
    "CURRENT_VERSION",
    "DEFAULT_URL",
    "MAX_LIMIT",
    "MAX_OFFSET",
    "EventQuery",
    "IngestReport",
    "IngestResult",
    "Page",
    "Store",
    "content_hash",
    "engine_url",
    "ingest",
    "open_store",
]
