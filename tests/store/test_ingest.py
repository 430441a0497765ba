"""Ingest: idempotent, resumable after kill -9, failures stored instead of stopping the run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sample_corpus import SAMPLES, write_corpus

from waqia import Document, load
from waqia.pipeline import Pipeline, StageFailure
from waqia.store import EventQuery, Store, ingest, open_store


def _no_pipeline() -> Pipeline:
    raise AssertionError("nothing new to code, so no pipeline should be built")


class _Recording(Pipeline):
    """The default pipeline, noting which documents it is given."""

    def __init__(self, coded: list[str]) -> None:
        super().__init__(load().stages)
        self.coded = coded

    def pipe(self, docs: Iterable[Document], on_error: str = "raise") -> Iterator[Document | StageFailure]:
        def noted() -> Iterator[Document]:
            for doc in docs:
                self.coded.append(doc.doc_id)
                yield doc

        return super().pipe(noted(), on_error)


def _snapshot(store: Store) -> list[tuple[Any, ...]]:
    """Every stored event with its document, record and cluster (what a clean ingest must equal)."""
    return sorted(
        (item["doc_id"], item["event_id"], item["cluster_id"], str(item["record"]))
        for item in store.iter_events(EventQuery())
    )


def test_ingest_twice_adds_nothing_the_second_time(store_url: str, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "english.txt").write_text("The weather was fine and nothing happened at all today.", "utf-8")
    (tmp_path / "broken.jsonl").write_text('{"doc_id": "x", "text": 5}\n', encoding="utf-8")
    inputs = [SAMPLES, tmp_path]
    problems: list[str] = []
    with open_store(store_url) as store:
        first = ingest(store, inputs, on_problem=problems.append)
        assert (first.stored.documents, first.stored.skipped) == (6, 0)
        assert first.stored.events == store.count_events() > 0
        assert (first.failed, first.not_urdu) == (2, 1)
        assert first.clusters == len(store.query_clusters(limit=500).items) > 0
        assert len(problems) == 3
        failures = store.query_failures().items
        assert sorted((f["source"].rsplit("/", 1)[-1], f["stage"]) for f in failures) == [
            ("broken.jsonl:1", "read"),
            ("empty.txt", "read"),
            ("english.txt", "language"),
        ]
        before = _snapshot(store)
        coded: list[str] = []
        second = ingest(store, inputs, make_pipeline=lambda: _Recording(coded))
        assert (second.stored.documents, second.stored.events, second.stored.skipped) == (0, 0, 6)
        assert coded == ["english"]  # only what failed is tried again
        assert (second.failed, second.not_urdu) == (2, 1)
        assert second.clusters is None  # nothing new: clusters are not recomputed
        assert _snapshot(store) == before
        assert store.query_failures().total == 3  # the same failures are not recorded twice


def test_clusters_are_recomputed_when_a_run_stopped_before_them(store_url: str) -> None:
    with open_store(store_url) as store:
        pipeline = load()
        store.add_documents(
            [pipeline(doc) for doc in _read(SAMPLES / "quetta-grenade.txt")]  # stored, not clustered
        )
        assert store.clusters_stale
        report = ingest(store, [SAMPLES / "quetta-grenade.txt"], make_pipeline=_no_pipeline)
        assert report.stored.skipped == 1
        assert report.clusters == store.count_events()
        assert all(e["cluster_id"] for e in store.query_events(EventQuery()).items)


def _read(path: Path) -> list[Any]:
    from waqia import read_documents

    return list(read_documents([path]))


def _stored(url: str) -> int:
    engine = sa.create_engine(url if "://" in url else f"sqlite:///{url}")
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one())
    except sa.exc.SQLAlchemyError:
        return 0  # not created yet
    finally:
        engine.dispose()


def _waqia(*args: str) -> list[str]:
    return [sys.executable, "-m", "waqia.cli", *args]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, list[tuple[Any, ...]]]:
    """The corpus of the kill test, its size, and what a clean ingest of it stores."""
    folder = tmp_path_factory.mktemp("kill") / "corpus"
    # large enough that a loaded machine cannot store all of it between two polls of the killer
    total = write_corpus(folder, copies=24)
    with open_store(folder.parent / "clean.db") as clean:
        ingest(clean, [folder])
        assert clean.count_documents() == total
        return folder, total, _snapshot(clean)


def test_kill_midway_then_rerun_loses_and_duplicates_nothing(
    store_url: str, corpus: tuple[Path, int, list[tuple[Any, ...]]]
) -> None:
    folder, total, clean = corpus
    pg_url = store_url.replace("postgresql://", "postgresql+psycopg://")
    command = _waqia("ingest", str(folder), "--db", store_url, "--batch-size", "2", "--no-progress")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while _stored(pg_url) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    killed_at = _stored(pg_url)
    assert process.returncode == -signal.SIGKILL
    assert 2 <= killed_at < total, "the run must die with some, not all, documents stored"

    with open_store(store_url) as resumed:
        report = ingest(resumed, [folder])
        assert (report.stored.documents, report.stored.skipped) == (total - killed_at, killed_at)
        assert resumed.count_documents() == total
        with resumed.engine.connect() as conn:
            per_doc = conn.execute(sa.text("SELECT doc_id, count(*) FROM documents GROUP BY doc_id")).all()
        assert len(per_doc) == total and {n for _, n in per_doc} == {1}
        assert _snapshot(resumed) == clean


@pytest.mark.parametrize("batch_size", [0, -1])
def test_batch_size_must_be_positive(tmp_path: Path, batch_size: int) -> None:
    with open_store(tmp_path / "w.db") as store, pytest.raises(ValueError, match="batch_size"):
        ingest(store, [SAMPLES], batch_size=batch_size)
