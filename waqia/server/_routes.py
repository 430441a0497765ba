"""The read-only JSON API: events, documents, clusters, counts and health.

Handlers are plain functions (FastAPI runs them in its thread pool; the store is thread-safe) and
return :class:`JSONResponse` directly: the store gives JSON-able dicts, so no second encoding pass.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path
from fastapi.responses import JSONResponse

from waqia import __version__
from waqia.server._params import EventFilters, Limit, Offset, event_filters
from waqia.store import Page, Store

MAX_ID_CHARS = 500
_Responses = dict[int | str, dict[str, Any]]
_NOT_FOUND: _Responses = {404: {"description": "No such id."}}
_INVALID: _Responses = {422: {"description": "A parameter is out of bounds or not valid."}}


def _page(page: Page) -> JSONResponse:
    return JSONResponse(
        {"total": page.total, "limit": page.limit, "offset": page.offset, "items": page.items}
    )


def _found(item: dict[str, Any] | None, what: str) -> JSONResponse:
    if item is None:
        raise HTTPException(status_code=404, detail=f"no such {what}")
    return JSONResponse(item)


Filters = Annotated[EventFilters, Depends(event_filters)]


def api_router(store: Store, *, writable: bool) -> APIRouter:
    """The routes under ``/api``, reading from ``store``."""
    router = APIRouter(prefix="/api")

    @router.get("/health", tags=["meta"], summary="Is the server up and the store readable?")
    def health() -> JSONResponse:
        store.query_documents(limit=1)  # a failing store is a 500, not a healthy answer
        return JSONResponse(
            {"status": "ok", "version": __version__, "store": store.dialect, "writable": writable}
        )

    @router.get("/events", tags=["events"], summary="Events matching the filters", responses=_INVALID)
    def list_events(filters: Filters, limit: Limit = 100, offset: Offset = 0) -> JSONResponse:
        """A page of event summaries, newest first, with the ``total`` number of matches.

        All filters combine with AND; list filters (type, mode, country, modality) accept repeated
        parameters or comma-separated values.
        """
        return _page(store.query_events(filters.query(limit, offset)))

    @router.get(
        "/events/{event_id}",
        tags=["events"],
        summary="One event with its evidence and source text",
        responses={**_NOT_FOUND, **_INVALID},
    )
    def get_event(event_id: Annotated[str, Path(max_length=MAX_ID_CHARS)]) -> JSONResponse:
        """The event summary plus ``record`` (the full spec §2 record: every field with its words and
        their raw start/end offsets) and ``document`` (doc_id, raw ``text``, pub_date, source, url)."""
        return _found(store.get_event(event_id), "event")

    @router.get("/documents", tags=["documents"], summary="Stored documents", responses=_INVALID)
    def list_documents(limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
        return _page(store.query_documents(limit=limit, offset=offset))

    @router.get(
        "/documents/{doc_id:path}",
        tags=["documents"],
        summary="One document: its text and event summaries",
        responses={**_NOT_FOUND, **_INVALID},
    )
    def get_document(doc_id: Annotated[str, Path(max_length=MAX_ID_CHARS)]) -> JSONResponse:
        return _found(store.get_document(doc_id), "document")

    @router.get("/clusters", tags=["clusters"], summary="Clusters of events", responses=_INVALID)
    def list_clusters(limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
        """The same real-world event reported by several documents; most-reported first."""
        return _page(store.query_clusters(limit=limit, offset=offset))

    @router.get(
        "/clusters/{cluster_id}",
        tags=["clusters"],
        summary="One cluster and its events",
        responses={**_NOT_FOUND, **_INVALID},
    )
    def get_cluster(cluster_id: Annotated[str, Path(max_length=64)]) -> JSONResponse:
        return _found(store.get_cluster(cluster_id), "cluster")

    @router.get("/stats", tags=["events"], summary="Counts of matching events", responses=_INVALID)
    def stats(filters: Filters, by: Literal["day", "type", "country"] = "day") -> JSONResponse:
        """``[{"key": ..., "count": n}]`` per day (date order; undated events under a null key), per
        type or per country (most first)."""
        return JSONResponse(store.counts(by, filters.query()))

    return router
