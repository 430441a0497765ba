"""A whole run: partitions coded by an engine, resumed where an earlier run stopped, then clustered.

Both engines code the same partitions with the same function and the clusters are computed from the
files once every partition is written, so ``--engine local`` and ``--engine dask`` write the same
bytes. A rerun skips every partition whose marker matches its input and options and whose files
match their checksums; a crash leaves at most temporary files, which the next run deletes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from waqia._io import ReadOptions, sha256_of
from waqia.batch._clusters import ClusterResult, cluster_run
from waqia.batch._output import (
    CLUSTERS,
    MANIFEST,
    TEMP_SUFFIX,
    partition_number,
    write_json,
)
from waqia.batch._partition import Partition, partitions
from waqia.batch._worker import PartitionSummary, PipelineOptions, code_partition, completed, warm_up

ENGINES = ("local", "dask")
DEFAULT_PARTITION_SIZE = 250


@dataclass
class RunSummary:
    """What a run did: every partition (coded now or reused), the clusters, the time it took."""

    out_dir: Path
    engine: str
    workers: int
    partitions: list[PartitionSummary] = field(default_factory=list)
    clusters: ClusterResult | None = None
    seconds: float = 0.0
    coding_seconds: float = 0.0  # reading and coding the partitions, without the cluster pass
    startup_seconds: float = 0.0  # of coding_seconds: starting the cluster and loading the pipeline

    @property
    def documents(self) -> int:
        return sum(p.documents for p in self.partitions)

    @property
    def coded(self) -> int:
        return sum(p.coded for p in self.partitions)

    @property
    def events(self) -> int:
        return sum(p.events for p in self.partitions)

    @property
    def errors(self) -> int:
        return sum(p.errors for p in self.partitions)

    @property
    def reused(self) -> int:
        return sum(1 for p in self.partitions if p.reused)


def _discard_temporaries(out_dir: Path) -> None:
    for path in out_dir.glob(f".*{TEMP_SUFFIX}"):
        path.unlink(missing_ok=True)


def _discard_stale(out_dir: Path, count: int) -> None:
    """Partition files numbered past the end of this run's input: left by a run over a longer input."""
    for path in out_dir.iterdir():
        parsed = partition_number(path.name)
        if parsed is not None and parsed[1] >= count:
            path.unlink(missing_ok=True)


def _todo(
    parts: Iterable[Partition], out_dir: Path, options_digest: str
) -> Iterator[Partition | PartitionSummary]:
    """Each partition, or its summary when an earlier run completed it with this input and these options."""
    for partition in parts:
        earlier = completed(out_dir, partition.number)
        if (
            earlier is not None
            and earlier.input_digest == partition.digest()
            and earlier.options_digest == options_digest
        ):
            yield earlier
        else:
            yield partition


def _manifest(
    inputs: Sequence[str],
    read_options: ReadOptions,
    pipeline_options: PipelineOptions,
    partition_size: int,
    summary: RunSummary,
    *,
    complete: bool,
    window_days: int,
    max_block: int,
) -> dict[str, Any]:
    from waqia import __version__

    out: dict[str, Any] = {
        "status": "complete" if complete else "running",
        "waqia_version": __version__,
        "inputs": list(inputs),
        "options": {
            "partition_size": partition_size,
            "pub_date": read_options.pub_date,
            "max_bytes": read_options.max_bytes,
            "pipeline": asdict(pipeline_options),
            "cluster_window_days": window_days,
            "cluster_max_block": max_block,
        },
        "options_digest": pipeline_options.digest(),
        # how this run was executed: the only part that may differ between engines
        "run": {"engine": summary.engine, "workers": summary.workers, "seconds": round(summary.seconds, 3)},
    }
    if complete:
        out["partitions"] = [p.to_json() for p in summary.partitions]
        out["totals"] = {
            "partitions": len(summary.partitions),
            "documents": summary.documents,
            "coded": summary.coded,
            "events": summary.events,
            "errors": summary.errors,
        }
        if summary.clusters is not None:
            out["clusters"] = {
                "file": CLUSTERS,
                "sha256": sha256_of(summary.out_dir / CLUSTERS),
                **asdict(summary.clusters),
            }
    return out


def run_batch(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    read_options: ReadOptions | None = None,
    pipeline_options: PipelineOptions | None = None,
    cluster: bool = True,
    window_days: int = 3,
    max_block: int = 200,
    progress: Callable[[PartitionSummary], None] | None = None,
    on_dashboard: Callable[[str], None] | None = None,
) -> RunSummary:
    """Code ``inputs`` (``.txt`` files, folders, JSONL, gzipped or not) into ``out_dir`` by partitions.

    ``engine="local"`` codes the partitions one after another in this process; ``engine="dask"``
    codes them on the Dask cluster at ``scheduler``, or on a new ``LocalCluster`` of ``workers``
    processes (default: one per CPU). Partitions already complete in ``out_dir`` are not coded again.
    ``progress`` is called once per partition as it finishes; ``on_dashboard`` with the Dask
    dashboard's address when a cluster is used. With ``cluster`` the events of the whole run are
    clustered across documents into ``clusters.parquet``. Unreadable inputs and documents that fail
    are written to the errors files and never stop the run.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    names = [str(item) for item in inputs]
    read_options = read_options or ReadOptions()
    pipeline_options = pipeline_options or PipelineOptions()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _discard_temporaries(out)
    started = time.perf_counter()
    count = (workers or os.cpu_count() or 1) if engine == "dask" else 1
    summary = RunSummary(out, engine, count)

    def manifest(complete: bool) -> dict[str, Any]:
        return _manifest(
            names,
            read_options,
            pipeline_options,
            partition_size,
            summary,
            complete=complete,
            window_days=window_days,
            max_block=max_block,
        )

    write_json(manifest(False), out / MANIFEST)

    def done(part: PartitionSummary) -> None:
        summary.partitions.append(part)
        if progress is not None:
            progress(part)

    digest = pipeline_options.digest()
    todo = _todo(partitions(names, read_options, partition_size), out, digest)
    if engine == "local":
        pipeline = pipeline_options.build()
        warm_up(pipeline)
        summary.startup_seconds = time.perf_counter() - started
        for item in todo:
            done(item if isinstance(item, PartitionSummary) else code_partition(item, out, pipeline, digest))
    else:
        from waqia.batch._dask import dask_client, register_pipeline, run_on_dask, worker_count

        with dask_client(scheduler, count) as client:
            summary.workers = worker_count(client)
            if on_dashboard is not None:
                on_dashboard(client.dashboard_link)
            register_pipeline(client, pipeline_options)
            summary.startup_seconds = time.perf_counter() - started
            run_on_dask(client, todo, out, pipeline_options, done)
    summary.partitions.sort(key=lambda p: p.number)
    _discard_stale(out, len(summary.partitions))
    summary.coding_seconds = time.perf_counter() - started
    if cluster:
        summary.clusters = cluster_run(
            out,
            [(p.number, p.documents) for p in summary.partitions],
            window_days=window_days,
            max_block=max_block,
        )
    else:
        (out / CLUSTERS).unlink(missing_ok=True)
    summary.seconds = time.perf_counter() - started
    write_json(manifest(True), out / MANIFEST)
    return summary
