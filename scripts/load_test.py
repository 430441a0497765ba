"""Load test of `waqia serve`: wrk on loopback against a store of synthetic events, bounded in time.

    .venv/bin/python scripts/load_test.py --out build/load/result.json [--db build/load/store-100k.db]

Fills (or reuses) a SQLite store with the synthetic events of `waqia bench-api`, starts `waqia serve`
on a free loopback port as a subprocess, and runs wrk (``scripts/load_test.lua``) over a realistic
mix of requests: filtered ``/api/events`` pages (the bench-api query mix: types, date ranges,
countries, boxes, text, actors, min_confidence, deep pages, the 500-event map page), event and
document details, ``/api/stats`` and the web page. It counts the answers by status class, reads
wrk's latency percentiles, samples the server's resident memory every second, and writes it all as
JSON. Exit code 0 when every answer was a 2xx and wrk saw no socket error, 1 otherwise, 2 when the
test could not run (no wrk, the server did not start).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from waqia.server._bench import EVENTS_PER_DOCUMENT, fill_synthetic, query_mix
from waqia.server._live import free_port
from waqia.store import EventQuery, Store, open_store

LUA_SCRIPT = Path(__file__).resolve().with_name("load_test.lua")
REPO = Path(__file__).resolve().parents[1]
_RESULT_PREFIX = "WAQIA_LOAD_RESULT "
_START_TIMEOUT_S = 60.0

# Share of each kind of request in the mix (out of 100), roughly what the web map asks for: a list
# page per filter change, a detail per click, the timeline's stats with the same filters.
_MIX = {"events list": 50, "event detail": 20, "stats": 15, "document detail": 5, "web page": 10}


class LoadTestError(Exception):
    """The load test could not run (as opposed to: it ran and the server failed)."""


def _say(message: str) -> None:
    print(f"load_test: {message}", file=sys.stderr, flush=True)


def prepare_store(db: Path, n_events: int, seed: int) -> int:
    """Fill ``db`` with synthetic events unless it already holds exactly that fill; return the count."""
    expected = -(-n_events // EVENTS_PER_DOCUMENT) * EVENTS_PER_DOCUMENT
    db.parent.mkdir(parents=True, exist_ok=True)
    with open_store(db) as store:
        held = store.count_events()
        if held == expected:
            _say(f"reusing {db} ({held} events)")
            return held
        if held:
            raise LoadTestError(f"{db} holds {held} events, not {expected}: give a new --db")
        _say(f"storing {expected} synthetic events in {db} ...")
        began = time.perf_counter()
        stored = fill_synthetic(store, n_events, seed)
        _say(f"stored {stored} events in {time.perf_counter() - began:.0f} s")
        return stored


def _sample_ids(store: Store, rng: random.Random, total: int, n: int) -> tuple[list[str], list[str]]:
    """Event ids and document ids found at ``n`` random places in the store."""
    event_ids: list[str] = []
    doc_ids: list[str] = []
    for _ in range(n):
        page = store.query_events(EventQuery(limit=1, offset=rng.randrange(max(1, min(total, 10_000)))))
        for item in page.items:
            event_ids.append(str(item["event_id"]))
            doc_ids.append(str(item["doc_id"]))
    return event_ids, doc_ids


def request_paths(db: Path, total: int, seed: int, n: int = 1000) -> list[str]:
    """``n`` request paths in the proportions of ``_MIX``, shuffled with ``seed``."""
    rng = random.Random(seed)
    with open_store(db, create=False) as store:
        event_ids, doc_ids = _sample_ids(store, rng, total, 100)
    counts = {kind: n * share // 100 for kind, share in _MIX.items()}
    paths: list[str] = []
    lists = [params for _kind, params in query_mix(counts["events list"], seed)]
    paths += [f"/api/events?{urlencode(params)}" if params else "/api/events" for params in lists]
    stats_filters = [params for _kind, params in query_mix(counts["stats"], seed + 7)]
    for i, params in enumerate(stats_filters):
        kept = {k: v for k, v in params.items() if k not in ("limit", "offset")}
        kept["by"] = ("day", "type", "country")[i % 3]
        paths.append(f"/api/stats?{urlencode(kept)}")
    paths += [f"/api/events/{quote(rng.choice(event_ids))}" for _ in range(counts["event detail"])]
    paths += [f"/api/documents/{quote(rng.choice(doc_ids))}" for _ in range(counts["document detail"])]
    paths += ["/"] * counts["web page"]
    rng.shuffle(paths)
    return paths


def _get_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@contextmanager
def running_server(db: Path, port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`waqia serve` over ``db`` on 127.0.0.1:``port`` while the block runs."""
    command = [sys.executable, "-m", "waqia.cli", "serve", "--db", str(db), "--host", "127.0.0.1"]
    command += ["--port", str(port)]
    with log.open("wb") as log_file:
        server = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, cwd=REPO)
        try:
            deadline = time.monotonic() + _START_TIMEOUT_S
            while True:
                if server.poll() is not None:
                    raise LoadTestError(f"waqia serve exited with {server.returncode}; see {log}")
                try:
                    if _get_status(f"http://127.0.0.1:{port}/api/health") == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise LoadTestError(f"waqia serve did not answer within {_START_TIMEOUT_S:.0f} s")
                time.sleep(0.2)
            yield server
        finally:
            if server.poll() is None:
                server.send_signal(signal.SIGINT)  # uvicorn's graceful shutdown
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()


def resident_kib(pid: int) -> int | None:
    """VmRSS of ``pid`` in KiB, or None when the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


@dataclass
class MemorySampler:
    """Samples a process's VmRSS every ``interval`` seconds in a background thread."""

    pid: int
    interval: float = 1.0
    samples: list[tuple[float, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> MemorySampler:
        began = time.monotonic()

        def sample() -> None:
            while True:
                kib = resident_kib(self.pid)
                if kib is not None:
                    self.samples.append((round(time.monotonic() - began, 2), kib))
                if self._stop.wait(self.interval):
                    return

        self._thread = threading.Thread(target=sample, name="rss-sampler", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        kib = resident_kib(self.pid)
        if kib is not None and self._thread is not None:
            self.samples.append((self.samples[-1][0] + self.interval if self.samples else 0.0, kib))


def run_wrk(wrk: str, base_url: str, paths_file: Path, args: argparse.Namespace) -> dict[str, Any]:
    command = [wrk, f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    command += [f"--timeout={args.timeout}s", "-s", str(LUA_SCRIPT), base_url, "--", str(paths_file)]
    _say(" ".join(command))
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=args.duration + 120, check=False
    )
    if finished.returncode != 0:
        raise LoadTestError(f"wrk exited with {finished.returncode}: {finished.stderr.strip()}")
    for line in finished.stdout.splitlines():
        if line.startswith(_RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line[len(_RESULT_PREFIX) :])
            result["wrk_output"] = finished.stdout
            return result
    raise LoadTestError(f"wrk printed no result line:\n{finished.stdout}\n{finished.stderr}")


def _load_average() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "waqia"], cwd=REPO, capture_output=True, text=True, check=False
    ).stdout.strip()
    return head + (" (with uncommitted changes under waqia/)" if dirty else "")


def summarise(result: dict[str, Any], samples: list[tuple[float, int]]) -> dict[str, Any]:
    latency = {k: round(v / 1000, 2) for k, v in result["latency_us"].items()}
    seconds = result["duration_us"] / 1e6
    rss = [kib for _t, kib in samples] or [0]

    def mib(kib: int) -> float:
        return round(kib / 1024, 1)

    return {
        "requests": result["requests"],
        "seconds": round(seconds, 2),
        "requests_per_second": round(result["requests"] / seconds, 1),
        "latency_ms": latency,
        "status": result["status"],
        "socket_errors": result["errors"],
        "rss_mib": {
            "start": mib(rss[0]),
            # at each quarter of the run: growth that levels off is warm-up, steady growth a leak
            "quarters": [mib(rss[min(len(rss) - 1, len(rss) * q // 4)]) for q in (1, 2, 3)],
            "peak": mib(max(rss)),
            "end": mib(rss[-1]),
            "samples": len(rss),
        },
    }


def print_table(report: dict[str, Any]) -> None:
    s = report["summary"]
    lat, status, rss = s["latency_ms"], s["status"], s["rss_mib"]
    errors, load = s["socket_errors"], report["load_average"]
    rows = [
        ("store", f"{report['events']} events, SQLite ({report['db']})"),
        ("wrk", f"{report['threads']} threads, {report['connections']} connections, {s['seconds']} s"),
        ("requests", f"{s['requests']} ({s['requests_per_second']} req/s)"),
        ("latency ms", f"p50 {lat['p50']}  p95 {lat['p95']}  p99 {lat['p99']}  max {lat['max']}"),
        (
            "status",
            f"2xx {status['2xx']}  3xx {status['3xx']}  4xx {status['4xx']}  5xx {status['5xx']}",
        ),
        ("socket errors", ", ".join(f"{k} {v}" for k, v in errors.items())),
        (
            "server RSS MiB",
            f"start {rss['start']}  at 1/4, 1/2, 3/4 {rss['quarters']}  peak {rss['peak']}  end {rss['end']}",
        ),
        ("load average", f"before {load['before']}  after {load['after']}"),
        ("commit", report["commit"]),
    ]
    for label, value in rows:
        print(f"{label:<15} {value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="Write the results here (JSON).")
    parser.add_argument("--db", type=Path, default=None, help="SQLite store to fill or reuse.")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--duration", type=int, default=60, help="Seconds of load.")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--timeout", type=int, default=10, help="wrk's per-request timeout, seconds.")
    args = parser.parse_args(argv)

    wrk = shutil.which("wrk")
    if wrk is None:
        _say("wrk is not installed (Debian: apt-get install wrk; `make load` does it as root)")
        return 2
    commit = _commit()  # of the code the server will run
    try:
        with tempfile.TemporaryDirectory(prefix="waqia-load-") as scratch:
            db = args.db or Path(scratch) / "store.db"
            total = prepare_store(db, args.events, args.seed)
            paths = request_paths(db, total, args.seed)
            paths_file = Path(scratch) / "paths.txt"
            paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
            port = free_port()
            base_url = f"http://127.0.0.1:{port}"
            with running_server(db, port, Path(scratch) / "serve.log") as server:
                warm_up = sorted(set(paths))
                bad = [(p, code) for p in warm_up if (code := _get_status(base_url + p)) != 200]
                if bad:
                    raise LoadTestError(f"{len(bad)} of the paths do not answer 200, e.g. {bad[:3]}")
                _say(f"warmed up with {len(warm_up)} distinct paths, all 200")
                load_before = _load_average()
                with MemorySampler(server.pid) as memory:
                    result = run_wrk(wrk, base_url, paths_file, args)
                load_after = _load_average()
    except LoadTestError as error:
        _say(str(error))
        return 2
    report = {
        "db": str(args.db) if args.db else "temporary",
        "events": total,
        "threads": args.threads,
        "connections": args.connections,
        "duration_s": args.duration,
        "mix": _MIX,
        "distinct_paths": len(set(paths)),
        "commit": commit,
        "cpus": os.cpu_count(),
        "load_average": {"before": load_before, "after": load_after},
        "summary": summarise(result, memory.samples),
        "rss_kib_samples": memory.samples,
        "wrk_output": result.pop("wrk_output"),
        "wrk": result,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print_table(report)
    print(f"{'results':<15} {args.out}")
    status = report["summary"]["status"]
    failed = sum(v for k, v in status.items() if k != "2xx") + sum(result["errors"].values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
