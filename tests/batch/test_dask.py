"""The Dask engine writes the same bytes as the local engine, on a real two-process LocalCluster."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from waqia.batch import MANIFEST, run_batch

WriteReports = Callable[[Path, int], Path]
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_dask_and_local_write_the_same_files(
    tmp_path: Path, write_reports: WriteReports, scheduler: str
) -> None:
    source = write_reports(tmp_path / "in.jsonl", 24)
    with source.open("a", encoding="utf-8") as handle:
        handle.write("not json at all\n")
    local, dask = tmp_path / "local", tmp_path / "dask"
    links: list[str] = []
    expected = run_batch([source], local, partition_size=5)
    summary = run_batch(
        [source], dask, engine="dask", scheduler=scheduler, partition_size=5, on_dashboard=links.append
    )
    assert summary.workers == 2
    assert len(links) == 1
    assert (summary.coded, summary.events, summary.errors) == (expected.coded, expected.events, 1)
    files = sorted(p.name for p in local.iterdir())
    assert files == sorted(p.name for p in dask.iterdir())
    for name in files:
        if name != MANIFEST:
            assert (local / name).read_bytes() == (dask / name).read_bytes(), name
    manifests = [json.loads((folder / MANIFEST).read_text()) for folder in (local, dask)]
    for manifest in manifests:
        manifest.pop("run")  # how the run went: engine, workers, seconds
    assert manifests[0] == manifests[1]


def test_a_dask_rerun_reuses_every_partition(
    tmp_path: Path, write_reports: WriteReports, scheduler: str
) -> None:
    source = write_reports(tmp_path / "in.jsonl", 6)
    run_batch([source], tmp_path / "out", engine="dask", scheduler=scheduler, partition_size=2)
    again = run_batch([source], tmp_path / "out", engine="dask", scheduler=scheduler, partition_size=2)
    assert again.reused == len(again.partitions) == 3
