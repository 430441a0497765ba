"""`waqia serve`: the JSON API and the offline web map; `waqia bench-api`: its latency on a large store.

Registered on the main group by :mod:`waqia.cli`; heavy dependencies are imported inside commands.
Exit codes: 0 done, 1 the store could not be opened, 2 the command line was wrong.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from waqia._errors import DataError, InputError

if TYPE_CHECKING:
    from fastapi import FastAPI

    from waqia.server._bench import Latency

_LOOPBACK_NAMES = ("127.0.0.1", "localhost")


def _say(message: str) -> None:
    click.echo(f"waqia: {message}", err=True)


def _token_from(variable: str | None) -> str | None:
    if variable is None:
        return None
    token = os.environ.get(variable, "").strip()
    if not token:
        raise click.BadParameter(
            f"the environment variable {variable} is not set or empty", param_hint="--write-token-env"
        )
    return token


def _app(db: str, token: str | None, host: str) -> FastAPI:
    from waqia.server import create_app

    # A loopback server answers only to loopback names, so a web page cannot reach it through a
    # rebound DNS name; on other interfaces the names are not known in advance.
    allowed = list(_LOOPBACK_NAMES) if host in _LOOPBACK_NAMES else None
    try:
        return create_app(db, write_token=token, allowed_hosts=allowed)
    except InputError as error:
        hint = "--write-token-env" if error.source == "write token" else "--db"
        raise click.BadParameter(error.reason, param_hint=hint) from None
    except DataError as error:
        raise click.ClickException(str(error)) from None


@click.command()
@click.option(
    "--db",
    default="waqia.db",
    show_default=True,
    help="The store: a SQLite file or postgresql://user@host/db.",
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Interface to listen on (0.0.0.0: every one)."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--write-token-env",
    metavar="VAR",
    help="Accept POST /api/documents from clients that send the token held in this environment "
    "variable (at least 16 characters). Without it the server is read-only.",
)
def serve(db: str, host: str, port: int, write_token_env: str | None) -> None:
    """Serve the JSON API (/api, docs at /docs) and the web map (/) over a store."""
    import uvicorn

    token = _token_from(write_token_env)
    app = _app(db, token, host)
    if host not in _LOOPBACK_NAMES:
        _say(f"listening on {host}: anyone who can reach this machine can read the store")
    mode = "read-write (bearer token)" if token else "read-only"
    _say(f"serving {db} ({mode}) at http://{'127.0.0.1' if host == '0.0.0.0' else host}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)


def _show(label: str, latency: Latency) -> None:
    click.echo(
        f"  {label:<28} n={latency.n:<4} p50={latency.p50:7.1f}  p95={latency.p95:7.1f}  "
        f"p99={latency.p99:7.1f}  max={latency.max:7.1f} ms"
    )


@click.command("bench-api")
@click.option("--db", default=None, help="An empty store to fill (default: a temporary SQLite file).")
@click.option("--events", "n_events", default=100_000, show_default=True, type=click.IntRange(1, 5_000_000))
@click.option("--queries", "n_queries", default=390, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--seed", default=0, show_default=True)
def bench_api(db: str | None, n_events: int, n_queries: int, seed: int) -> None:
    """Fill an empty store with synthetic events, serve it on loopback and time filtered /api/events
    queries (one at a time, after a warm-up). Prints p50/p95/p99 latency in milliseconds."""
    import time

    from waqia.server import create_app
    from waqia.server._bench import EVENTS_PER_DOCUMENT, fill_synthetic, time_queries
    from waqia.server._live import serving
    from waqia.store import open_store

    with tempfile.TemporaryDirectory(prefix="waqia-bench-") as scratch:
        url = db or str(Path(scratch) / "bench.db")
        try:
            store = open_store(url)
        except InputError as error:
            raise click.BadParameter(error.reason, param_hint="--db") from None
        except DataError as error:
            raise click.ClickException(str(error)) from None
        with store:
            if store.count_documents():
                raise click.BadParameter("the store is not empty; give a new one", param_hint="--db")
            began = time.perf_counter()
            with click.progressbar(
                length=-(-n_events // EVENTS_PER_DOCUMENT),
                label="storing synthetic documents",
                file=sys.stderr,
            ) as bar:
                stored = fill_synthetic(store, n_events, seed, on_progress=bar.update)
            _say(f"stored {stored} events in {time.perf_counter() - began:.1f} s ({store.dialect})")
        with serving(create_app(url)) as base_url:
            result = time_queries(base_url, n_queries, seed)
    click.echo(f"/api/events over HTTP on loopback, {result.events} events in the store:")
    _show("all queries", result.overall)
    for kind, latency in result.by_kind.items():
        _show(kind, latency)
    _show("/api/stats?by=day (timeline)", result.stats)


COMMANDS: list[click.Command] = [serve, bench_api]
