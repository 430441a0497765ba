"""`waqia ingest` and `waqia export`: the event store from the command line.

Registered on the main group by :mod:`waqia.cli`; heavy dependencies are imported inside commands.
Exit codes as for ``extract``: 0 every input was stored, 1 some inputs failed (named on stderr and
kept in the store's failures table) or the store could not be opened, 2 the command line was wrong.
"""

from __future__ import annotations

import gzip
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from waqia._cli_common import Failure, check_date, input_options
from waqia._errors import DataError, InputError, StoreError
from waqia._io import JSONL_SUFFIXES, TEXT_SUFFIXES, ReadOptions

if TYPE_CHECKING:
    from waqia.store import EventQuery, Store

_DB_HELP = "The store: a SQLite file path (created if missing) or postgresql://user@host/db."


def _say(message: str) -> None:
    click.echo(f"waqia: {message}", err=True)


def _open(db: str, *, create: bool) -> Store:
    from waqia.store import open_store

    try:
        return open_store(db, create=create)
    except InputError as error:
        raise click.BadParameter(error.reason, param_hint="--db") from None
    except DataError as error:
        raise click.ClickException(str(error)) from None


def _count_inputs(paths: tuple[str, ...]) -> int | None:
    """How many documents the inputs hold (JSONL lines, text files), for the progress bar; None when
    unknown (stdin)."""
    total = 0
    for item in paths:
        if item == "-":
            return None
        path = Path(item)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.name.endswith(JSONL_SUFFIXES):
                total += _count_lines(file)
            elif file.name.endswith(TEXT_SUFFIXES) or not path.is_dir():
                total += 1
    return total


def _count_lines(path: Path) -> int:
    opener: Callable[..., Any] = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 1  # read_documents reports it


@contextmanager
def _progress(paths: tuple[str, ...], show: bool) -> Iterator[Callable[[int], None]]:
    length = _count_inputs(paths) if show else None
    if length is None:
        yield lambda _n: None
        return
    with click.progressbar(length=length, label="ingesting", file=sys.stderr) as bar:
        yield bar.update


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="waqia.db", show_default=True, envvar="WAQIA_DB", help=_DB_HELP)
@input_options
@click.option(
    "--batch-size",
    type=click.IntRange(1, 10_000),
    default=16,
    show_default=True,
    help="Documents committed per transaction (a crash loses at most one batch).",
)
@click.option("--no-progress", is_flag=True, help="No progress bar (it is shown only on a terminal).")
def ingest(
    paths: tuple[str, ...],
    db: str,
    pub_date: str | None,
    max_bytes: int,
    batch_size: int,
    no_progress: bool,
) -> None:
    """Code articles and store documents, events and clusters; skip what is stored already.

    PATHS are .txt files, folders, JSONL documents (spec §1) or - for stdin. Re-running is safe and
    fast: documents are matched by a hash of doc_id and text before they are coded, and each batch
    is committed on its own, so an interrupted run resumes where it stopped.
    """
    from waqia.store import ingest as ingest_documents

    store = _open(db, create=True)
    show = not no_progress and sys.stderr.isatty()
    try:
        with _progress(paths, show) as advance:
            report = ingest_documents(
                store,
                paths,
                ReadOptions(pub_date=pub_date, max_bytes=max_bytes),
                batch_size=batch_size,
                on_problem=_say,
                on_progress=advance,
            )
    except StoreError as error:
        raise Failure(
            f"cannot write to the store {error}; the batches committed before are kept, "
            "and rerunning the same command resumes"
        ) from None
    finally:
        store.close()
    _say(report.summary())
    sys.exit(0 if report.ok else 1)


# EventQuery field -> export option
_OPTION_OF = {"types": "type", "modes": "mode", "countries": "country", "cluster_id": "cluster"}


def _query_from(options: dict[str, Any]) -> EventQuery:
    from waqia.store import EventQuery

    bbox = options["bbox"]
    try:
        return EventQuery(
            start=options["start"],
            end=options["end"],
            types=tuple(t.upper() for t in options["types"]),
            modes=options["modes"],
            countries=options["countries"],
            admin1=options["admin1"],
            actor=options["actor"],
            text=options["text"],
            bbox=tuple(bbox) if bbox else None,
            cluster_id=options["cluster_id"],
            modality=options["modality"],
            min_confidence=options["min_confidence"],
        )
    except InputError as error:
        option = _OPTION_OF.get(error.source, error.source.replace("_", "-"))
        raise click.BadParameter(error.reason, param_hint=f"--{option}") from None


@click.command()
@click.option("--db", default="waqia.db", show_default=True, envvar="WAQIA_DB", help=_DB_HELP)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv", show_default=True
)
@click.option("--schema", type=click.Choice(["acled", "plover", "waqia"]), default="acled", show_default=True)
@click.option("-o", "--output", default=None, help="Write here (default stdout; Parquet needs a file).")
@click.option("--start", default=None, callback=check_date, help="First event date (YYYY-MM-DD).")
@click.option("--end", default=None, callback=check_date, help="Last event date (YYYY-MM-DD).")
@click.option("--type", "types", multiple=True, help="PLOVER event type (repeatable).")
@click.option("--mode", "modes", multiple=True, help="PLOVER mode (repeatable).")
@click.option("--country", "countries", multiple=True, help="Location country, alpha-3 (repeatable).")
@click.option("--admin1", default=None, help="First-level division (English name).")
@click.option("--actor", default=None, help="Substring of an actor's name or words.")
@click.option("--text", default=None, help="Substring of the trigger or evidence sentence.")
@click.option(
    "--bbox",
    type=(float, float, float, float),
    default=None,
    metavar="MIN_LON MIN_LAT MAX_LON MAX_LAT",
    help="Bounding box of the event location.",
)
@click.option("--cluster", "cluster_id", default=None, help="Events of one cluster.")
@click.option("--modality", multiple=True, help="asserted, reported_future, ... (repeatable).")
@click.option("--min-confidence", type=float, default=None, help="Lowest extractor confidence.")
@click.option("--all-events", is_flag=True, help="acled: also events ACLED would not code.")
def export(db: str, fmt: str, schema: str, output: str | None, all_events: bool, **filters: Any) -> None:
    """Export stored events: an ACLED-style table, PLOVER records, or waqia's own records."""
    from waqia.export import write_export

    query = _query_from(filters)
    if fmt == "parquet" and output in (None, "-"):
        raise click.UsageError("Parquet is binary: give a file with -o")
    store = _open(db, create=False)
    try:
        target = sys.stdout.buffer if output in (None, "-") else output
        assert target is not None
        count = write_export(store, target, schema=schema, fmt=fmt, query=query, all_events=all_events)
    except ModuleNotFoundError as error:
        raise click.ClickException(str(error)) from None
    except StoreError as error:
        raise Failure(f"cannot read the store {error}") from None
    except BrokenPipeError:  # `waqia export | head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        sys.exit(0)
    except OSError as error:
        raise Failure(f"cannot write {output}: {error.strerror or error}") from None
    finally:
        store.close()
    _say(
        f"exported {count} row(s) ({schema}, {fmt})" + (f" to {output}" if output not in (None, "-") else "")
    )


COMMANDS: list[click.Command] = [ingest, export]
