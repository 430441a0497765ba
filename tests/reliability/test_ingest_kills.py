"""`waqia ingest` killed with SIGKILL at random points, round after round, then run to the end: every
document is stored exactly once, the events equal those of a clean ingest, and the store passes its
integrity checks after every single kill."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fault_helpers import (
    WAQIA,
    FaultPlan,
    Round,
    kill_rounds,
    log_rounds,
    snapshot,
    store_problems,
    stored_documents,
)
from sample_corpus import write_corpus

from waqia import load
from waqia.pipeline import Pipeline
from waqia.store import ingest, open_store

BATCH_SIZE = 2


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return load()


@pytest.fixture(scope="module")
def corpus(
    tmp_path_factory: pytest.TempPathFactory, fault_plan: FaultPlan, pipeline: Pipeline
) -> tuple[Path, int, list[tuple[Any, ...]]]:
    """The corpus (large enough that the rounds never reach its end), its size, and a clean ingest of it."""
    folder = tmp_path_factory.mktemp("ingest-kills") / "corpus"
    total = write_corpus(folder, copies=6 * fault_plan.rounds)
    with open_store(folder.parent / "clean.db") as clean:
        ingest(clean, [folder], make_pipeline=lambda: pipeline)
        assert clean.count_documents() == total
        return folder, total, snapshot(clean)


def test_ingest_killed_at_random_points_stores_every_document_once(
    store_url: str,
    corpus: tuple[Path, int, list[tuple[Any, ...]]],
    fault_plan: FaultPlan,
    pipeline: Pipeline,
) -> None:
    folder, total, clean = corpus
    backend = "sqlite" if "://" not in store_url else "postgresql"
    command = [*WAQIA, "ingest", str(folder), "--db", store_url, "--batch-size", str(BATCH_SIZE)]
    command.append("--no-progress")

    def healthy(done: Round) -> None:
        problems = store_problems(store_url)
        assert not problems, f"after {done} ({fault_plan}): {problems}"
        assert done.progress_at_kill >= done.progress_before  # nothing committed was lost

    rounds = kill_rounds(
        command,
        lambda: stored_documents(store_url),
        fault_plan,
        fault_plan.rng(f"ingest-{backend}"),
        max_delay=2.5,
        max_step=2 * BATCH_SIZE,
        after_each=healthy,
    )
    log_rounds(f"ingest {backend}", rounds)
    assert sum(r.killed for r in rounds) * 2 >= len(rounds), f"too few rounds were real kills: {rounds}"
    # a fast machine may store the whole corpus in a round before its kill; the resume below then
    # has nothing to add, and the kills that landed (asserted above) were still checked one by one
    stored_before = stored_documents(store_url)

    with open_store(store_url) as resumed:
        report = ingest(resumed, [folder], make_pipeline=lambda: pipeline)
        assert (report.stored.documents, report.stored.skipped) == (total - stored_before, stored_before)
        assert report.ok
        assert resumed.count_documents() == total
        assert resumed.query_failures().total == 0
        assert snapshot(resumed) == clean, f"events differ from a clean ingest ({fault_plan})"
    assert not store_problems(store_url)
