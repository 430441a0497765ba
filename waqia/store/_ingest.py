"""Ingest: read inputs, code the documents the store does not hold yet, store them batch by batch.

Idempotent and resumable: every document is looked up by its content hash *before* it is coded, so
a second run codes nothing; each batch is stored in one transaction, so a run killed halfway has
stored whole batches only, and the next run codes the rest. Per-document errors (unreadable input,
not Urdu, a stage that failed) go to the store's failures table and never stop the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from waqia._errors import InputError, NotUrduError
from waqia._io import ReadOptions, read_documents
from waqia.document import Document
from waqia.pipeline import Pipeline, StageFailure
from waqia.store._rows import content_hash
from waqia.store._store import IngestResult, Store

DEFAULT_BATCH = 16


@dataclass(frozen=True)
class IngestReport:
    """What :func:`ingest` did: ``stored`` (new, already stored, replaced), inputs that ``failed``,
    documents skipped as ``not_urdu``, and the number of ``clusters`` (None if not recomputed)."""

    stored: IngestResult
    failed: int
    not_urdu: int
    clusters: int | None

    @property
    def ok(self) -> bool:
        return not self.failed and not self.not_urdu

    def summary(self) -> str:
        s = self.stored
        text = f"stored {s.documents} new document(s) with {s.events} event(s); {s.skipped} already stored"
        if s.replaced:
            text += f"; {s.replaced} replaced by a new text"
        if self.failed:
            text += f"; {self.failed} input(s) failed"
        if self.not_urdu:
            text += f"; {self.not_urdu} skipped (not Urdu)"
        if self.clusters is not None:
            text += f"; {self.clusters} cluster(s)"
        return text


class _Run:
    def __init__(
        self,
        store: Store,
        make_pipeline: Callable[[], Pipeline],
        on_problem: Callable[[str], None],
        on_progress: Callable[[int], None],
    ) -> None:
        self.store = store
        self.make_pipeline = make_pipeline
        self.pipeline: Pipeline | None = None
        self.on_problem = on_problem
        self.on_progress = on_progress
        self.stored = IngestResult()
        self.failed = 0
        self.not_urdu = 0

    def input_error(self, error: InputError) -> None:
        source = f"{error.source}:{error.line}" if error.line is not None else error.source
        self.store.add_failure(source, error.reason, "read")
        self.failed += 1
        self.on_problem(str(error))
        self.on_progress(1)

    def batch(self, docs: Sequence[Document]) -> None:
        known = self.store.stored_hashes(content_hash(d) for d in docs)
        fresh = [d for d in docs if content_hash(d) not in known]
        self.stored += IngestResult(skipped=len(docs) - len(fresh))
        if fresh:
            if self.pipeline is None:  # a run with nothing new never loads the models
                self.pipeline = self.make_pipeline()
            sources = {d.doc_id: str(d.meta.get("input", d.doc_id)) for d in fresh}
            coded: list[Document] = []
            problems: list[StageFailure] = []
            for result in self.pipeline.pipe(fresh, on_error="record"):
                if isinstance(result, StageFailure):
                    problems.append(result)
                else:
                    coded.append(result)
            self.stored += self.store.add_documents(coded)
            for problem in problems:
                self.stage_failure(problem, sources.get(problem.doc_id, problem.doc_id))
        self.on_progress(len(docs))

    def stage_failure(self, problem: StageFailure, source: str) -> None:
        if isinstance(problem.error, NotUrduError):
            self.not_urdu += 1
            self.store.add_failure(source, problem.error.reason, problem.stage)
            self.on_problem(str(problem.error))
            return
        self.failed += 1
        message = f"{type(problem.error).__name__}: {problem.error}"
        self.store.add_failure(source, message, problem.stage)
        self.on_problem(f"{problem.doc_id}: {problem.stage} failed: {problem.error}")


def _ignore(_value: object) -> None:
    return None


def ingest(
    store: Store,
    inputs: Iterable[str | Path],
    options: ReadOptions | None = None,
    *,
    make_pipeline: Callable[[], Pipeline] | None = None,
    batch_size: int = DEFAULT_BATCH,
    cluster: bool = True,
    on_problem: Callable[[str], None] = _ignore,
    on_progress: Callable[[int], None] = _ignore,
) -> IngestReport:
    """Code and store every document of ``inputs`` (files, folders, JSONL, ``-``) not stored yet.

    ``make_pipeline`` builds the pipeline when the first new document needs it (default
    :func:`waqia.load`). ``batch_size`` documents are committed per transaction. With ``cluster``,
    clusters are recomputed at the end when anything was added (or a previous run stopped before
    it got there). ``on_problem`` receives a message per failed input and ``on_progress`` the number
    of inputs dealt with since its last call.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if make_pipeline is None:
        from waqia._api import load

        make_pipeline = load
    run = _Run(store, make_pipeline, on_problem, on_progress)
    pending: list[Document] = []
    for item in read_documents(inputs, options):
        if isinstance(item, InputError):
            run.input_error(item)
            continue
        pending.append(item)
        if len(pending) >= batch_size:
            run.batch(pending)
            pending = []
    if pending:
        run.batch(pending)
    clusters = None
    if cluster and (run.stored.documents or store.clusters_stale):
        clusters = store.assign_clusters()
    return IngestReport(run.stored, run.failed, run.not_urdu, clusters)
