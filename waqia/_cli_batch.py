"""`waqia run`: batch coding on one machine or a Dask cluster; `bench-batch` and `bench-cluster`.

Registered on the main group by :mod:`waqia.cli`; heavy dependencies are imported inside commands.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from waqia._cli_common import input_options
from waqia._errors import WaqiaError

if TYPE_CHECKING:
    from waqia.batch import PartitionSummary

_INSTALL_HINT = "batch mode needs the dask extra: pip install 'waqia[dask]'"


def _positive_ints(_ctx: click.Context, _param: click.Parameter, value: str) -> list[int]:
    try:
        numbers = [int(part.replace("_", "")) for part in value.split(",") if part.strip()]
    except ValueError:
        raise click.BadParameter("use comma-separated whole numbers, e.g. 10000,100000") from None
    if not numbers or any(n < 1 for n in numbers):
        raise click.BadParameter("use comma-separated whole numbers above 0")
    return numbers


def _unknown_length() -> Iterator[int]:
    """An iterable with no length: the input is streamed, so the number of documents is not known."""
    yield from ()


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[PartitionSummary], None] | None]:
    """A progress bar on stderr counting documents, advanced once per finished partition."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(
        _unknown_length(),
        label="coding",
        show_pos=True,
        file=sys.stderr,
        item_show_func=lambda _: "documents",
    ) as bar:

        def advance(part: PartitionSummary) -> None:
            bar.update(part.documents)

        yield advance


@click.command("run")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", default=None, help="Address of a running Dask scheduler (tcp://HOST:8786).")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Local Dask workers [CPU count].")
@click.option("--partition-size", type=click.IntRange(min=1), default=250, show_default=True)
@input_options
@click.option("--no-cluster", is_flag=True, help="Skip the cross-document clustering pass.")
@click.option("--no-progress", is_flag=True, help="No progress bar (none is drawn when stderr is not a TTY).")
def run_command(
    inputs: tuple[str, ...],
    out_dir: str,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    partition_size: int,
    pub_date: str | None,
    max_bytes: int,
    no_cluster: bool,
    no_progress: bool,
) -> None:
    """Code an archive into OUT partition by partition: events as Parquet, documents as JSONL.

    INPUTS are .txt files, folders and JSONL files (gzipped or not). Rerunning the same command
    skips the partitions already complete. --engine dask codes on a new local Dask cluster of
    --workers processes, or on the cluster at --scheduler. Exit code 1 when some inputs failed
    (see OUT/errors-*.jsonl).
    """
    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    try:
        from waqia._io import ReadOptions
        from waqia.batch import run_batch
    except ImportError as error:
        raise click.ClickException(f"{error}; {_INSTALL_HINT}") from None

    def dashboard(link: str) -> None:
        click.echo(f"Dask dashboard: {link}", err=True)

    with _progress(not no_progress) as progress:
        try:
            summary = run_batch(
                inputs,
                out_dir,
                engine=engine,
                scheduler=scheduler,
                workers=workers,
                partition_size=partition_size,
                read_options=ReadOptions(pub_date=pub_date, max_bytes=max_bytes),
                cluster=not no_cluster,
                progress=progress,
                on_dashboard=dashboard,
            )
        except ImportError as error:
            raise click.ClickException(f"{error}; {_INSTALL_HINT}") from None
        except (OSError, WaqiaError) as error:
            raise click.ClickException(str(error)) from None
    reused = f" ({summary.reused} complete from an earlier run)" if summary.reused else ""
    click.echo(
        f"waqia: {len(summary.partitions)} partition(s){reused}: coded {summary.coded} of "
        f"{summary.documents} document(s), {summary.events} event(s), {summary.errors} error(s) "
        f"in {summary.seconds:.1f} s",
        err=True,
    )
    if summary.clusters is not None:
        click.echo(
            f"waqia: {summary.clusters.clusters} cluster(s), {summary.clusters.shared} told by more than "
            f"one document -> {Path(out_dir) / 'clusters.parquet'}",
            err=True,
        )
    if summary.errors:
        click.echo(f"waqia: errors are listed in {Path(out_dir)}/errors-*.jsonl", err=True)
    sys.exit(1 if summary.errors else 0)


def _work_dir(path: str | None) -> Iterator[Path]:
    if path is not None:
        Path(path).mkdir(parents=True, exist_ok=True)
        yield Path(path)
        return
    with tempfile.TemporaryDirectory(prefix="waqia-bench-") as temp:
        yield Path(temp)


_work_dir_context = contextmanager(_work_dir)


@click.command("bench-batch")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False))
@click.option("--docs", "documents", type=click.IntRange(min=1), default=10_000, show_default=True)
@click.option("--workers", default="1,2", show_default=True, callback=_positive_ints, help="Dask workers.")
@click.option("--partition-size", type=click.IntRange(min=1), default=250, show_default=True)
@click.option("--no-local", is_flag=True, help="Skip the local-engine reference run.")
@click.option("--work-dir", default=None, help="Keep inputs and outputs here (default: a temporary folder).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_batch_command(
    corpus: str,
    documents: int,
    workers: list[int],
    partition_size: int,
    no_local: bool,
    work_dir: str | None,
    as_json: bool,
) -> None:
    """Documents/s of `waqia run` locally and on 1, 2, … Dask workers, on CORPUS repeated to --docs."""
    from waqia.batch._bench import bench_batch

    def show(run: dict[str, Any]) -> None:
        if not as_json:
            click.echo(
                f"{run['engine']:<6}{run['workers']:>3} worker(s): {run['documents']} docs in "
                f"{run['seconds']:.1f} s = {run['docs_per_s']:.1f} docs/s "
                f"({run['docs_per_s_after_startup']:.1f} after {run['startup_seconds']:.1f} s start-up); "
                f"same output: {run['same_output_as_first_run']}"
            )

    with _work_dir_context(work_dir) as folder:
        result = bench_batch(
            Path(corpus),
            folder,
            documents=documents,
            workers=workers,
            partition_size=partition_size,
            local=not no_local,
            report=show,
        )
    if as_json:
        click.echo(json.dumps(result, indent=1))
        return
    for run in result["runs"]:
        if "speedup" in run:
            click.echo(
                f"speed-up of {run['workers']} workers over {workers[0]}: {run['speedup']}x "
                f"({run['speedup_after_startup']}x after start-up)"
            )


@click.command("bench-cluster")
@click.option(
    "--sizes", default="10000,100000,1000000", show_default=True, callback=_positive_ints, help="Events."
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--per-day", type=click.IntRange(min=1), default=300, show_default=True, help="Reports a day.")
@click.option("--work-dir", default=None, help="Where the synthetic events go (default: a temporary folder).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_cluster_command(
    sizes: list[int], seed: int, per_day: int, work_dir: str | None, as_json: bool
) -> None:
    """Time and peak memory of clustering N synthetic events (each real event told 1-4 times)."""
    from waqia.batch._bench import bench_cluster

    def show(row: dict[str, Any]) -> None:
        if not as_json:
            b3 = row["b_cubed"]
            click.echo(
                f"{row['events']:>9} events ({row['days']} days): read {row['read_seconds']:.1f} s + "
                f"cluster {row['cluster_seconds']:.1f} s = {row['us_per_event']:.1f} µs/event; "
                f"peak RSS {row['peak_rss_mb']:.0f} MB; {row['clusters']} clusters for "
                f"{row['true_events']} real events "
                f"(B-cubed P {b3['p']:.3f} R {b3['r']:.3f} F1 {b3['f1']:.3f})"
            )

    with _work_dir_context(work_dir) as folder:
        rows = bench_cluster(sizes, folder, seed=seed, per_day=per_day, report=show)
    if as_json:
        click.echo(json.dumps(rows, indent=1))


COMMANDS: list[click.Command] = [run_command, bench_batch_command, bench_cluster_command]
