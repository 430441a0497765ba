"""Killing a command at random points, round after round; the health checks of what it leaves; and
the comparisons with a clean run (a store's events, an output folder's files).

A round starts the command and kills it (SIGKILL, its whole process group) in one of two ways,
chosen by a seeded random generator:

- ``delay``: after a random time from start, wherever the process happens to be (loading models,
  reading, coding, committing, clustering), including before it has written anything;
- ``progress``: as soon as its visible progress (documents stored, partitions written) has moved
  on by a random step, plus a random few milliseconds, which lands in or next to the next write.

If the command finishes before the kill, the round says so; the tests require most rounds to have
been real kills.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import closing, suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import sqlalchemy as sa

# re-exported for the fault tests
from waqia.batch import MANIFEST
from waqia.store import EventQuery, Store

WAQIA = [sys.executable, "-m", "waqia.cli"]
_ROUND_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class FaultPlan:
    rounds: int
    seed: int

    def rng(self, salt: str) -> random.Random:
        return random.Random(f"{self.seed}:{salt}")

    def __str__(self) -> str:
        return f"WAQIA_FAULT_SEED={self.seed} WAQIA_FAULT_ROUNDS={self.rounds}"


@dataclass(frozen=True)
class Round:
    mode: str  # "delay" or "progress"
    killed: bool  # False: the command finished before the kill came
    progress_before: int
    progress_at_kill: int
    seconds: float


def kill_rounds(
    command: Sequence[str],
    progress: Callable[[], int],
    plan: FaultPlan,
    rng: random.Random,
    *,
    max_delay: float,
    max_step: int,
    after_each: Callable[[Round], None],
) -> list[Round]:
    """Run ``command`` ``plan.rounds`` times, killing it at a random point each time; call
    ``after_each`` once the killed process is gone (the health checks)."""
    done: list[Round] = []
    for _ in range(plan.rounds):
        mode = rng.choice(("delay", "progress"))
        delay = rng.uniform(0.0, max_delay)
        step = rng.randint(1, max_step)
        settle = rng.uniform(0.0, 0.05)
        before = progress()
        began = time.monotonic()
        process = subprocess.Popen(
            list(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        try:
            deadline = began + _ROUND_TIMEOUT_S
            if mode == "delay":
                with suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=delay)
            else:
                while process.poll() is None and progress() < before + step and time.monotonic() < deadline:
                    time.sleep(0.005)
                time.sleep(settle)
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
        finally:
            process.wait(timeout=60)
        killed = process.returncode == -signal.SIGKILL
        assert killed or process.returncode in (0, 1), f"{command} exited with {process.returncode}"
        record = Round(mode, killed, before, progress(), round(time.monotonic() - began, 2))
        after_each(record)
        done.append(record)
    return done


def log_rounds(what: str, rounds: Sequence[Round]) -> None:
    """Append the rounds to the JSON-lines file named by ``WAQIA_FAULT_LOG``, if set (`make fault`
    sums them up for docs/reliability.md)."""
    target = os.environ.get("WAQIA_FAULT_LOG")
    if target:
        with open(target, "a", encoding="utf-8") as log:
            for item in rounds:
                log.write(json.dumps({"what": what, **asdict(item)}) + "\n")


def sqlalchemy_url(url: str) -> str:
    if "://" not in url:
        return f"sqlite:///{url}"
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def scalar(url: str, sql: str, default: int = 0) -> int:
    """One number from the store at ``url``; ``default`` when its tables do not exist yet."""
    engine = sa.create_engine(sqlalchemy_url(url))
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text(sql)).scalar_one())
    except sa.exc.SQLAlchemyError:
        return default
    finally:
        engine.dispose()


def stored_documents(url: str) -> int:
    return scalar(url, "SELECT count(*) FROM documents")


# Each query lists what must never exist, whatever point a writer was killed at.
_NEVER = {
    "a doc_id stored twice": "SELECT doc_id FROM documents GROUP BY doc_id HAVING count(*) > 1",
    "a text stored twice": "SELECT content_hash FROM documents GROUP BY content_hash HAVING count(*) > 1",
    "a document with some of its events": (
        "SELECT d.doc_id FROM documents d LEFT JOIN events e ON e.doc_key = d.doc_key "
        "GROUP BY d.doc_key, d.doc_id, d.n_events HAVING count(e.event_id) <> d.n_events"
    ),
    "an event without its document": (
        "SELECT e.event_id FROM events e LEFT JOIN documents d ON d.doc_key = e.doc_key "
        "WHERE d.doc_key IS NULL"
    ),
}


def store_problems(url: str) -> dict[str, list[str]]:
    """What is wrong with the store at ``url``: empty when every invariant holds. On SQLite this
    includes ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``."""
    found: dict[str, list[str]] = {}
    if "://" not in url:
        if not Path(url).exists():
            return found
        with closing(sqlite3.connect(url)) as conn:
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if integrity != ["ok"]:
                found["integrity_check"] = integrity
            foreign = [repr(row) for row in conn.execute("PRAGMA foreign_key_check")]
            if foreign:
                found["foreign_key_check"] = foreign
    engine = sa.create_engine(sqlalchemy_url(url))
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("documents"):
                return found
            for problem, sql in _NEVER.items():
                rows = [str(row[0]) for row in conn.execute(sa.text(sql))]
                if rows:
                    found[problem] = rows[:5]
    finally:
        engine.dispose()
    return found


def visible_files(folder: Path) -> list[str]:
    """The names a reader of the folder sees (temporary files are hidden, their names start with a dot)."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def snapshot(store: Store) -> list[tuple[Any, ...]]:
    """Every stored event with its document, record and cluster: what a clean ingest must equal."""
    return sorted(
        (item["doc_id"], item["event_id"], item["cluster_id"], str(item["record"]))
        for item in store.iter_events(EventQuery())
    )


def assert_whole_files(out: Path) -> None:
    """Every visible file can be read to its end: nothing half-written is in sight."""
    for name in visible_files(out):
        path = out / name
        if name.endswith(".parquet"):
            pq.read_table(path)
        elif name.endswith(".gz"):
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                for line in lines:
                    json.loads(line)
        elif name.endswith(".jsonl"):
            for line in path.read_text(encoding="utf-8").splitlines():
                json.loads(line)
        elif name.endswith(".json"):
            json.loads(path.read_text(encoding="utf-8"))


def assert_same_outputs(clean: Path, out: Path) -> None:
    """Byte for byte the files of a clean run; the manifest may differ only in how the run went."""
    assert visible_files(out) == visible_files(clean)
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
    for name in visible_files(clean):
        if name == MANIFEST:
            ours, theirs = (json.loads((d / name).read_text(encoding="utf-8")) for d in (out, clean))
            assert {**ours, "run": None} == {**theirs, "run": None}
        else:
            assert (out / name).read_bytes() == (clean / name).read_bytes(), name
