"""Batch coding at archive scale: ``waqia run`` on one machine or a Dask cluster.

    >>> from waqia.batch import run_batch
    >>> summary = run_batch(["archive/"], "out/", engine="dask", workers=8)  # doctest: +SKIP
    >>> summary.coded, summary.events, summary.errors  # doctest: +SKIP

The input is cut into numbered partitions in input order; each is coded into its own files (events
as Parquet, documents as gzipped JSONL, errors as JSONL) and a marker, each written atomically; a
rerun skips the partitions that are complete. Events are then clustered across the whole run into
``clusters.parquet``. Both engines write the same bytes. See ``docs/batch.md``.

Needs the ``dask`` extra (``pip install 'waqia[dask]'``): pyarrow, and ``distributed`` for the Dask engine.
"""

from waqia.batch._clusters import ClusterResult, cluster_run, read_items
from waqia.batch._output import CLUSTER_SCHEMA, CLUSTERS, EVENT_SCHEMA, MANIFEST, partition_file
from waqia.batch._partition import ErrorRecord, Partition, partitions
from waqia.batch._run import DEFAULT_PARTITION_SIZE, ENGINES, RunSummary, run_batch
from waqia.batch._worker import PartitionSummary, PipelineOptions

__all__ = [
    "CLUSTERS",
    "CLUSTER_SCHEMA",
    "DEFAULT_PARTITION_SIZE",
    "ENGINES",
    "EVENT_SCHEMA",
    "MANIFEST",
    "ClusterResult",
    "ErrorRecord",
    "Partition",
    "PartitionSummary",
    "PipelineOptions",
    "RunSummary",
    "cluster_run",
    "partition_file",
    "partitions",
    "read_items",
    "run_batch",
]
