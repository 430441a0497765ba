"""``POST /api/documents``: code spec §1 documents and store them, for holders of the write token.

Off unless the app was given a token (403). The token is checked before the body is read (401 on a
missing or wrong one, compared in constant time); the body is bounded in bytes and in documents.
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from waqia._errors import InputError, NotUrduError
from waqia.document import Document
from waqia.pipeline import Pipeline, StageFailure
from waqia.store import Store, content_hash

MAX_BODY_BYTES = 5 * 1024 * 1024
MAX_DOCUMENTS = 100
MIN_TOKEN_CHARS = 16


def check_token(token: str | None) -> None:
    """Refuse write tokens too short to resist guessing."""
    if token is not None and len(token) < MIN_TOKEN_CHARS:
        raise InputError("write token", f"must be at least {MIN_TOKEN_CHARS} characters")


class _Coder:
    """Codes and stores documents; the pipeline is built on the first write and shared under a lock
    (stages are not promised to be thread-safe)."""

    def __init__(self, store: Store, make_pipeline: Callable[[], Pipeline]) -> None:
        self.store = store
        self.make_pipeline = make_pipeline
        self.pipeline: Pipeline | None = None
        self.lock = threading.Lock()

    def code_and_store(self, docs: list[Document]) -> dict[str, Any]:
        known = self.store.stored_hashes(content_hash(doc) for doc in docs)
        fresh = [doc for doc in docs if content_hash(doc) not in known]
        coded: list[Document] = []
        failed: list[dict[str, str]] = []
        if fresh:
            with self.lock:
                if self.pipeline is None:
                    self.pipeline = self.make_pipeline()
                results = list(self.pipeline.pipe(fresh, on_error="record"))
            for result in results:
                if isinstance(result, StageFailure):
                    message = (
                        result.error.reason
                        if isinstance(result.error, NotUrduError)
                        else f"{type(result.error).__name__}: {result.error}"
                    )
                    self.store.add_failure(result.doc_id, message, result.stage)
                    failed.append({"doc_id": result.doc_id, "stage": result.stage, "message": message})
                else:
                    coded.append(result)
        stored = self.store.add_documents(coded)
        clusters = self.store.assign_clusters() if stored.documents else None
        return {
            "documents": stored.documents,
            "events": stored.events,
            "skipped": stored.skipped + len(docs) - len(fresh),
            "replaced": stored.replaced,
            "failed": failed,
            "clusters": clusters,
        }


def _authorised(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        return False
    return hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8"))


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
        raise HTTPException(status_code=413, detail=f"the body is larger than {MAX_BODY_BYTES} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY_BYTES:
            raise HTTPException(status_code=413, detail=f"the body is larger than {MAX_BODY_BYTES} bytes")
    return bytes(body)


def _documents(body: bytes) -> list[Document]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise HTTPException(status_code=400, detail="the body is not JSON") from None
    records = data if isinstance(data, list) else [data]
    if not records:
        raise HTTPException(status_code=422, detail="no documents in the body")
    if len(records) > MAX_DOCUMENTS:
        raise HTTPException(status_code=413, detail=f"at most {MAX_DOCUMENTS} documents per request")
    docs: list[Document] = []
    seen: set[str] = set()
    for index, record in enumerate(records):
        try:
            doc = Document.from_json(record)
        except ValueError as error:
            raise HTTPException(status_code=422, detail=f"document {index}: {error}") from None
        if doc.doc_id in seen:
            raise HTTPException(status_code=422, detail=f"document {index}: doc_id {doc.doc_id!r} repeats")
        seen.add(doc.doc_id)
        docs.append(doc)
    return docs


def write_router(store: Store, token: str | None, make_pipeline: Callable[[], Pipeline]) -> APIRouter:
    router = APIRouter(prefix="/api")
    coder = _Coder(store, make_pipeline)

    @router.post(
        "/documents",
        tags=["documents"],
        summary="Code and store documents (needs the write token)",
        responses={
            401: {"description": "Missing or wrong bearer token."},
            403: {"description": "The server is read-only (no write token configured)."},
            413: {"description": "Body over 5 MB or over 100 documents."},
            422: {"description": "A document breaks spec §1."},
        },
    )
    async def add_documents(request: Request) -> JSONResponse:
        """Body: one spec §1 document (``doc_id``, ``text``, optional ``pub_date``, ``source``,
        ``url``) or a list of them. Each is coded by the default pipeline and stored; a document
        stored already is skipped. Send ``Authorization: Bearer <token>``."""
        if token is None:
            raise HTTPException(
                status_code=403,
                detail="the server is read-only: start it with --write-token-env to accept documents",
            )
        if not _authorised(request, token):
            raise HTTPException(
                status_code=401,
                detail="a valid bearer token is needed",
                headers={"WWW-Authenticate": "Bearer"},
            )
        docs = _documents(await _read_body(request))
        return JSONResponse(await run_in_threadpool(coder.code_and_store, docs))

    return router
