"""The Dask engine: partitions coded on the workers of a ``distributed`` cluster, a few at a time.

The client reads the input and cuts partitions (:mod:`waqia.batch._partition`), sends each to a
worker, and never has more than ``2 × workers`` partitions in flight, so the client's memory stays
bounded however large the archive. Workers write their partition's files into the output folder
themselves, so that folder must be one every worker sees (a local disk for a ``LocalCluster``, a
shared volume on a real cluster).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from waqia.batch._partition import Partition
from waqia.batch._worker import PartitionSummary, PipelineOptions, code_partition, warm_up
from waqia.pipeline import Pipeline


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline once when a worker starts and keeps it for every partition it codes.

    This per-worker cache is the one piece of mutable state the batch code keeps outside a call: it
    belongs to the worker (Dask owns its lifetime and builds it again on a restarted worker), and it is
    what makes the models and gazetteer load once per worker instead of once per partition.
    """

    def __init__(self, options: PipelineOptions) -> None:
        self.options = options
        self.pipeline: Pipeline | None = None

    def setup(self, worker: Any) -> None:
        self.pipeline = self.options.build()
        warm_up(self.pipeline)


def plugin_name(options: PipelineOptions) -> str:
    """One plugin per set of options, so two runs with different options can share a cluster."""
    return f"waqia-pipeline-{options.digest()}"


def code_on_worker(partition: Partition, out_dir: str, name: str, options_digest: str) -> PartitionSummary:
    """The task a worker runs: code one partition with the worker's cached pipeline."""
    plugin = get_worker().plugins[name]
    if not isinstance(plugin, PipelinePlugin):
        raise TypeError(f"worker plugin {name!r} is not a waqia pipeline plugin")
    if plugin.pipeline is None:  # setup runs before any task; this only guards a misuse
        plugin.pipeline = plugin.options.build()
    return code_partition(partition, out_dir, plugin.pipeline, options_digest)


@contextmanager
def dask_client(scheduler: str | None, workers: int | None) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a new local cluster of ``workers`` processes."""
    if scheduler is not None:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers or 1, threads_per_worker=1, processes=True
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


def worker_count(client: Client) -> int:
    return len(client.scheduler_info().get("workers", {}))


def register_pipeline(client: Client, options: PipelineOptions) -> None:
    """Load the pipeline on every worker (and on every worker that joins later)."""
    client.register_plugin(PipelinePlugin(options), name=plugin_name(options))


def run_on_dask(
    client: Client,
    todo: Iterable[Partition | PartitionSummary],
    out_dir: Path,
    options: PipelineOptions,
    done: Callable[[PartitionSummary], None],
) -> None:
    """Code the partitions of ``todo`` on the cluster; a summary in ``todo`` is a partition already done.

    Needs :func:`register_pipeline` first. ``done`` is called for every partition as it finishes.
    """
    name = plugin_name(options)
    window = max(2, 2 * worker_count(client))  # enough to keep every worker busy, few enough to bound memory
    running = as_completed()  # type: ignore[no-untyped-call]
    for item in todo:
        if isinstance(item, PartitionSummary):
            done(item)
            continue
        while running.count() >= window:  # type: ignore[no-untyped-call]
            done(next(running).result())
        future = client.submit(code_on_worker, item, str(out_dir), name, options.digest(), pure=False)
        running.add(future)  # type: ignore[no-untyped-call]
    for future in running:
        done(future.result())
