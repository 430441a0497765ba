"""Throughput and memory of each pipeline stage on a corpus (``waqia bench``).

Stages run one after another over the whole corpus, so each stage's time is its own. A second,
separate pass measures each stage's peak Python heap with :mod:`tracemalloc` (which slows code
down, so it never overlaps the timing pass). The process's peak resident memory is reported too.
"""

from __future__ import annotations

import os
import resource
import sys
import time
import tracemalloc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from waqia._errors import InputError, WaqiaError
from waqia._io import ReadOptions, read_documents
from waqia.document import Document
from waqia.pipeline import Pipeline, Stage

# The stages whose combined speed is the "preprocessing" figure (normalise + segment + tokenise).
PREPROCESSING = ("normalize", "segment")


@dataclass
class StageFigures:
    name: str
    seconds: float
    docs_per_s: float
    words_per_s: float
    mb_per_s: float
    peak_heap_mb: float | None = None


@dataclass
class BenchResult:
    corpus: str
    documents: int
    words: int
    megabytes: float
    failed: int
    stages: list[StageFigures] = field(default_factory=list)
    total_seconds: float = 0.0
    preprocessing_mb_per_s: float = 0.0
    peak_rss_mb: float = 0.0
    pinned_cpu: int | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _fresh(docs: Sequence[Document]) -> list[Document]:
    return [
        Document(raw=d.raw, doc_id=d.doc_id, pub_date=d.pub_date, source=d.source, story_id=d.story_id)
        for d in docs
    ]


def _run_stage(stage: Stage, docs: list[Document]) -> tuple[list[Document], int]:
    """Run one stage over every document: the documents that came through, and how many failed."""
    survivors: list[Document] = []
    failures = 0
    for doc in docs:
        try:
            survivors.append(stage(doc))
        except WaqiaError:
            failures += 1
            continue
        survivors[-1].provided.update(stage.provides)
    return survivors, failures


@contextmanager
def _one_core(pin: bool) -> Iterator[int | None]:
    """Run on one CPU (the figures are per core) and give the caller its affinity back after."""
    if not pin or not hasattr(os, "sched_setaffinity"):
        yield None
        return
    previous = os.sched_getaffinity(0)
    cpu = min(previous)
    os.sched_setaffinity(0, {cpu})
    try:
        yield cpu
    finally:
        os.sched_setaffinity(0, previous)


def _peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def run_benchmark(
    corpus: str | Path,
    pipeline: Pipeline,
    *,
    limit: int | None = None,
    repeat: int = 1,
    measure_memory: bool = True,
    pin_core: bool = True,
) -> BenchResult:
    """Time every stage of ``pipeline`` over the documents of ``corpus`` (JSONL or a folder).

    ``repeat`` > 1 multiplies the corpus (for a steadier figure on a small corpus).
    """
    with _one_core(pin_core) as pinned:
        docs: list[Document] = []
        failed = 0
        for item in read_documents([corpus], ReadOptions()):
            if isinstance(item, InputError):
                failed += 1
            else:
                docs.append(item)
            if limit is not None and len(docs) >= limit:
                break
        docs = docs * max(1, repeat)
        nbytes = sum(len(d.raw.encode("utf-8")) for d in docs)
        words = sum(len(d.raw.split()) for d in docs)
        megabytes = nbytes / 1_000_000
        result = BenchResult(str(corpus), len(docs), words, round(megabytes, 3), failed, pinned_cpu=pinned)

        # timing pass
        current = _fresh(docs)
        for stage in pipeline.stages:
            started = time.perf_counter()
            current, failures = _run_stage(stage, current)
            elapsed = time.perf_counter() - started
            result.failed += failures
            safe = max(elapsed, 1e-9)
            result.stages.append(
                StageFigures(
                    stage.name,
                    round(elapsed, 4),
                    round(len(docs) / safe, 1),
                    round(words / safe, 1),
                    round(megabytes / safe, 3),
                )
            )
        result.total_seconds = round(sum(s.seconds for s in result.stages), 4)
        pre = sum(s.seconds for s in result.stages if s.name in PREPROCESSING)
        result.preprocessing_mb_per_s = round(megabytes / pre, 3) if pre else 0.0

        if measure_memory:
            current = _fresh(docs)
            tracemalloc.start()
            try:
                for stage, figures in zip(pipeline.stages, result.stages, strict=True):
                    tracemalloc.reset_peak()
                    base = tracemalloc.get_traced_memory()[0]
                    current, _ = _run_stage(stage, current)
                    figures.peak_heap_mb = round((tracemalloc.get_traced_memory()[1] - base) / 2**20, 2)
            finally:
                tracemalloc.stop()
        result.peak_rss_mb = round(_peak_rss_mb(), 1)
        return result
