"""Store fixtures: every store test runs on SQLite and on a real throwaway PostgreSQL server.

The server is started once per session from the Debian ``postgresql`` binaries: ``initdb`` into a
temporary folder, ``pg_ctl start`` with its unix socket in that folder, no TCP listener, ``fsync``
off; each test gets a database of its own. As root the binaries run as the ``postgres`` user
(``initdb`` refuses root). Without the binaries the PostgreSQL half is skipped, unless ``CI`` is set.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from waqia.document import Document, Sentence
from waqia.record import Actor, Claim, Count, DateRef, Event, Place, TextSpan


@dataclass(frozen=True)
class PostgresServer:
    socket_dir: str
    port: int
    databases: itertools.count[int]

    def url(self, database: str) -> str:
        return f"postgresql://postgres@/{database}?host={self.socket_dir}&port={self.port}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host=self.socket_dir, port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]  # test-made names only


def _bindir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bindir = _bindir()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs PostgreSQL (initdb, pg_ctl): run scripts/system-deps.sh")
        pytest.skip("PostgreSQL binaries not installed (scripts/system-deps.sh installs them)")
    root = Path(tempfile.mkdtemp(prefix="waqia-pg-"))
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(root, "postgres", "postgres")
    data = root / "data"
    port = _free_port()

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], cwd=root, check=True, capture_output=True, timeout=120)

    try:
        run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        options = f"-p {port} -k {root} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-o", options, "start")
        yield PostgresServer(str(root), port, itertools.count())
    except subprocess.CalledProcessError as error:
        pytest.fail(f"could not start PostgreSQL: {error.stderr.decode(errors='replace')}")
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                cwd=root,
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store URL on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "waqia.db")
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"waqia_test_{next(server.databases)}"
    server.admin(f"CREATE DATABASE {name}")
    try:
        yield server.url(name)
    finally:
        server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# ------------------------------------------------------------------------------- hand-built data


class Handmade:
    """Places, actors, events and documents built by hand (the ``hand`` fixture)."""

    QUETTA = Place(
        text="کوئٹہ",
        name="Quetta",
        country="PAK",
        admin1="Balochistan",
        lat=30.18,
        lon=67.0,
        geo_precision=1,
    )
    KABUL = Place(
        text="کابل", name="Kabul", country="AFG", admin1="Kabul", lat=34.53, lon=69.17, geo_precision=1
    )
    POLICE = Actor(text="پولیس", name="Pakistani police", country="PAK", sector="COP")
    GUNMEN = Actor(text="نامعلوم مسلح افراد", name="unidentified armed men", country="PAK", sector="UAF")
    CIVILIANS = Actor(text="شہری", name="civilians", country="PAK", sector="CVL")

    @staticmethod
    def event(
        typ: str = "ASSAULT",
        *,
        trigger: str = "حملہ",
        place: Place | None = QUETTA,
        day: str | None = "2024-05-01",
        killed: int | None = None,
        actor1: Actor | None = None,
        actor2: Actor | None = None,
        mode: str | None = None,
        modality: str = "asserted",
        confidence: float = 0.9,
        acled: dict[str, str] | None = None,
    ) -> Event:
        return Event(
            type=typ,
            trigger=TextSpan(trigger),
            mode=mode,
            modality=modality,
            actor1=actor1,
            actor2=actor2,
            location=place,
            date=DateRef(None, value=day, precision=1) if day else None,
            fatalities=Count("افراد", best=killed) if killed is not None else None,
            claim=Claim("پولیس کے مطابق", by="police", kind="official") if killed else None,
            acled=acled,
            confidence=confidence,
        )

    @staticmethod
    def doc(doc_id: str, *events: Event, pub_date: str | None = "2024-05-02", text: str = "") -> Document:
        """A document with one sentence per event, which opens with the event's trigger words."""
        sentences = [f"{e.trigger.text} {doc_id}{text} {i}۔" for i, e in enumerate(events)] or [f"{doc_id}۔"]
        doc = Document(
            raw="\n".join(sentences),
            doc_id=doc_id,
            pub_date=pub_date,
            source="waqia test",
            url=f"https://example.test/{doc_id}",
        )
        start = 0
        for i, sentence in enumerate(sentences):
            doc.sentences.append(Sentence(start, start + len(sentence), 0, 0))
            if i < len(events):
                words = events[i].trigger.text or ""
                events[i].trigger = TextSpan(words, start, start + len(words))
            start += len(sentence) + 1
        doc.events = list(events)
        return doc


@pytest.fixture
def hand() -> type[Handmade]:
    return Handmade
