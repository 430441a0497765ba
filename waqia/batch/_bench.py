"""Benchmarks of batch coding (documents/s by number of workers) and of clustering at scale (time and
peak memory by number of events). Speed is measured here, never in tests."""

from __future__ import annotations

import json
import math
import resource
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from waqia.batch._clusters import read_items
from waqia.batch._output import CLUSTERS, partition_file
from waqia.batch._run import run_batch
from waqia.batch._synthetic import write_synthetic
from waqia.cluster import cluster_items


def repeat_corpus(corpus: Path, documents: int, out_dir: Path, per_file: int = 1000) -> list[Path]:
    """Write the first ``documents`` documents of ``corpus`` repeated as often as needed, each copy
    with its own ``doc_id`` (``<id>#<copy>``), as JSONL files of ``per_file`` documents."""
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        raise ValueError(f"{corpus} holds no documents")
    out_dir.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    batch: list[str] = []

    def flush() -> None:
        path = out_dir / f"corpus-{len(files):03d}.jsonl"
        path.write_text("".join(batch), encoding="utf-8")
        files.append(path)
        batch.clear()

    for k in range(documents):
        copy, line = divmod(k, len(lines))
        record = json.loads(lines[line])
        record["doc_id"] = f"{record.get('doc_id', line)}#{copy}"
        batch.append(json.dumps(record, ensure_ascii=False) + "\n")
        if len(batch) == per_file:
            flush()
    if batch:
        flush()
    return files


def _same_files(a: Path, b: Path) -> bool:
    """The coded output of two runs (every partition file and the clusters) is the same, byte for byte."""
    names = sorted(p.name for p in a.iterdir() if p.name.endswith((".parquet", ".jsonl.gz", ".jsonl")))
    other = sorted(p.name for p in b.iterdir() if p.name.endswith((".parquet", ".jsonl.gz", ".jsonl")))
    return names == other and all((a / n).read_bytes() == (b / n).read_bytes() for n in names)


def bench_batch(
    corpus: Path,
    work_dir: Path,
    *,
    documents: int = 10_000,
    workers: Sequence[int] = (1, 2),
    partition_size: int = 250,
    local: bool = True,
    report: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Code ``documents`` documents of ``corpus`` (repeated) with the local engine and with Dask on
    each number of ``workers``; documents/s of each, speed-up over the first Dask run, same output."""
    inputs = repeat_corpus(corpus, documents, work_dir / "input")
    runs: list[dict[str, Any]] = []
    engines = ([("local", 1)] if local else []) + [("dask", n) for n in workers]
    reference: Path | None = None
    for engine, count in engines:
        out = work_dir / f"out-{engine}-{count}"
        summary = run_batch(inputs, out, engine=engine, workers=count, partition_size=partition_size)
        coding = summary.coding_seconds
        steady = max(coding - summary.startup_seconds, 1e-9)
        run = {
            "engine": engine,
            "workers": summary.workers,
            "documents": summary.documents,
            "coded": summary.coded,
            "events": summary.events,
            "seconds": round(coding, 2),
            "startup_seconds": round(summary.startup_seconds, 2),
            "docs_per_s": round(summary.documents / coding, 1),
            "docs_per_s_after_startup": round(summary.documents / steady, 1),
            "same_output_as_first_run": True if reference is None else _same_files(reference, out),
        }
        reference = reference or out
        runs.append(run)
        if report is not None:
            report(run)
    dask_runs = [r for r in runs if r["engine"] == "dask"]
    result: dict[str, Any] = {"corpus": str(corpus), "documents": documents, "runs": runs}
    if len(dask_runs) > 1:
        base = dask_runs[0]
        for r in dask_runs[1:]:
            r["speedup"] = round(r["docs_per_s"] / base["docs_per_s"], 2)
            r["speedup_after_startup"] = round(
                r["docs_per_s_after_startup"] / base["docs_per_s_after_startup"], 2
            )
    return result


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _cluster_in_child(out_dir: str, partitions: list[tuple[int, int]]) -> dict[str, Any]:
    """Read and cluster in a fresh process, so its peak memory is the clustering's alone."""
    started = time.perf_counter()
    items, _where = read_items(Path(out_dir), partitions)
    read = time.perf_counter() - started
    names = cluster_items(items)
    clustered = time.perf_counter() - started - read
    return {"read_seconds": read, "cluster_seconds": clustered, "peak_rss_mb": _peak_rss_mb(), "names": names}


def b_cubed(predicted: Sequence[str], truth: Sequence[int]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of predicted clusters against the true ones."""
    both = Counter(zip(predicted, truth, strict=True))
    pred_size, true_size = Counter(predicted), Counter(truth)
    p = sum(n * n / pred_size[c] for (c, _t), n in both.items()) / len(predicted)
    r = sum(n * n / true_size[t] for (_c, t), n in both.items()) / len(predicted)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def bench_cluster(
    sizes: Sequence[int],
    work_dir: Path,
    *,
    seed: int = 0,
    per_day: int = 300,
    report: Callable[[dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """For each size: synthetic events written as a run's events files, then read and clustered in a
    fresh process; seconds, microseconds per event, peak resident memory, B-cubed against the truth."""
    results: list[dict[str, Any]] = []
    for size in sizes:
        folder = work_dir / f"events-{size}"
        parts, truth = write_synthetic(folder, size, seed=seed, per_day=per_day)
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            child = pool.submit(_cluster_in_child, str(folder), parts).result()
        names = child.pop("names")
        seconds = child["read_seconds"] + child["cluster_seconds"]
        row = {
            "events": size,
            "days": math.ceil(size / per_day),
            "read_seconds": round(child["read_seconds"], 2),
            "cluster_seconds": round(child["cluster_seconds"], 2),
            "seconds": round(seconds, 2),
            "us_per_event": round(seconds / size * 1e6, 1),
            "peak_rss_mb": round(child["peak_rss_mb"], 1),
            "clusters": len(set(names)),
            "true_events": len(set(truth)),
            "b_cubed": b_cubed(names, truth),
        }
        results.append(row)
        if report is not None:
            report(row)
        for number, _ in parts:
            (folder / partition_file("events", number)).unlink(missing_ok=True)
        (folder / CLUSTERS).unlink(missing_ok=True)
    return results
