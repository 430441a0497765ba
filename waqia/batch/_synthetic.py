"""Synthetic event rows for the clustering benchmark: an archive where each real event is told 1–4 times.

Real events are drawn day by day (type, country, province, town, actors, toll); each is reported by
one to four documents (most by two or more), and each report tells it a little differently: a day
earlier or later or undated, only the province, no actor, a slightly different toll, another verb.
A quarter of the documents carry a second event of the same day. The number of reports per day is
fixed (``per_day``), so a larger archive covers more days, as a real one does; blocking then keeps
the work per event constant. Everything is drawn from one seeded generator: the same arguments give
the same rows. Names of towns are invented (``Balochistan town 3``).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from waqia.batch._output import EVENT_SCHEMA, partition_file

_START = dt.date(2015, 1, 1).toordinal()

_TYPES: list[tuple[str, int, list[str | None]]] = [
    ("ASSAULT", 35, ["explosives", "firearms", None]),
    ("COERCE", 15, ["arrest", None]),
    ("PROTEST", 12, ["demonstrate", None]),
    ("ACCUSE", 10, [None]),
    ("CONSULT", 10, [None]),
    ("THREATEN", 5, [None]),
    ("MOBILIZE", 5, [None]),
    ("AGREE", 4, [None]),
    ("SUPPORT", 4, [None]),
]
_TRIGGERS = ["t-a", "t-b", "t-c"]

# country -> (weight, province -> (weight, lat, lon))
_GEOGRAPHY: dict[str, tuple[int, dict[str, tuple[int, float, float]]]] = {
    "PAK": (
        70,
        {
            "Punjab": (30, 31.5, 74.3),
            "Sindh": (20, 24.9, 67.0),
            "Khyber Pakhtunkhwa": (25, 34.0, 71.5),
            "Balochistan": (15, 30.2, 67.0),
            "Islamabad": (6, 33.7, 73.1),
            "Gilgit-Baltistan": (2, 35.9, 74.3),
            "Azad Kashmir": (2, 34.4, 73.5),
        },
    ),
    "AFG": (
        15,
        {
            "Kabul": (40, 34.5, 69.2),
            "Kandahar": (20, 31.6, 65.7),
            "Nangarhar": (20, 34.4, 70.4),
            "Helmand": (20, 31.6, 64.4),
        },
    ),
    "IND": (
        10,
        {"Jammu and Kashmir": (50, 34.1, 74.8), "Delhi": (30, 28.6, 77.2), "Punjab (IN)": (20, 30.9, 75.9)},
    ),
    "IRN": (5, {"Sistan and Baluchestan": (60, 29.5, 60.9), "Tehran": (40, 35.7, 51.4)}),
}
_TOWNS_PER_PROVINCE = 50
_SECTORS = ["GOV", "MIL", "COP", "REB", "UAF", "CVL", "PTY"]


@dataclass
class _Place:
    text: str
    name: str
    country: str
    admin1: str
    lat: float
    lon: float
    precision: int


@dataclass
class _Real:
    key: int
    type: str
    mode: str | None
    day: int
    town: _Place
    province: _Place
    actor1: tuple[str, str, str]
    actor2: tuple[str, str, str] | None
    killed: int | None


class _World:
    def __init__(self, rng: random.Random) -> None:
        self.countries = list(_GEOGRAPHY)
        self.country_weights = [_GEOGRAPHY[c][0] for c in self.countries]
        self.towns: dict[str, list[_Place]] = {}
        self.town_weights = [1.0 / math.sqrt(k + 1) for k in range(_TOWNS_PER_PROVINCE)]  # big cities first
        self.provinces: dict[str, tuple[list[str], list[int]]] = {}
        self.province_place: dict[str, _Place] = {}
        for country, (_w, provinces) in _GEOGRAPHY.items():
            names = list(provinces)
            self.provinces[country] = (names, [provinces[p][0] for p in names])
            for name, (_pw, lat, lon) in provinces.items():
                self.province_place[name] = _Place(name, name, country, name, lat, lon, 3)
                self.towns[name] = [
                    _Place(
                        f"{name} town {k}",
                        f"{name} town {k}",
                        country,
                        name,
                        round(lat + rng.uniform(-1.5, 1.5), 4),
                        round(lon + rng.uniform(-1.5, 1.5), 4),
                        1,
                    )
                    for k in range(_TOWNS_PER_PROVINCE)
                ]

    def real(self, rng: random.Random, key: int, day: int) -> _Real:
        typ, _w, modes = rng.choices(_TYPES, weights=[t[1] for t in _TYPES])[0]
        country = rng.choices(self.countries, weights=self.country_weights)[0]
        names, weights = self.provinces[country]
        province = rng.choices(names, weights=weights)[0]
        town = rng.choices(self.towns[province], weights=self.town_weights)[0]
        actor1 = self._actor(rng, country)
        actor2 = self._actor(rng, country) if rng.random() < 0.6 else None
        killed = None
        if typ == "ASSAULT" and rng.random() < 0.6:
            killed = min(int(rng.paretovariate(1.2)), 300)
        return _Real(
            key, typ, rng.choice(modes), day, town, self.province_place[province], actor1, actor2, killed
        )

    @staticmethod
    def _actor(rng: random.Random, country: str) -> tuple[str, str, str]:
        sector = rng.choice(_SECTORS)
        return (f"{country} {sector} {rng.randrange(8)}", country, sector)


def _report(rng: random.Random, real: _Real, doc_id: str, doc_index: int, event: int) -> dict[str, Any]:
    delay = rng.choice((0, 0, 1, 1, 2))
    place: _Place | None = real.town
    roll = rng.random()
    if roll < 0.15:
        place = real.province  # only the province is told
    elif roll < 0.20:
        place = None
    day: int | None = real.day + rng.choice((0, 0, 0, 0, 0, 0, -1, 1))
    if rng.random() < 0.15:
        day = None  # undated: the publication date stands in
    killed = real.killed
    if killed is not None and rng.random() < 0.2:
        killed = max(0, killed + rng.choice((-1, 1, 2)))
    actor1 = real.actor1 if rng.random() < 0.7 else None
    actor2 = real.actor2 if rng.random() < 0.7 else None
    row: dict[str, Any] = {
        "doc_id": doc_id,
        "doc_index": doc_index,
        "pub_date": dt.date.fromordinal(real.day + delay).isoformat(),
        "source": "synthetic",
        "event": event,
        "type": real.type,
        "mode": real.mode if rng.random() < 0.8 else None,
        "modality": "asserted" if rng.random() < 0.9 else "reported_future",
        "trigger_text": rng.choice(_TRIGGERS),
        "date_value": dt.date.fromordinal(day).isoformat() if day is not None else None,
        "date_precision": 1 if day is not None else None,
        "fatalities_best": killed,
        "record": None,
    }
    for name in ("text", "name", "country", "admin1", "lat", "lon"):
        row[f"location_{name}"] = getattr(place, name) if place is not None else None
    row["location_geo_precision"] = place.precision if place is not None else None
    for role, actor in (("actor1", actor1), ("actor2", actor2)):
        for k, field in enumerate(("name", "country", "sector")):
            row[f"{role}_{field}"] = actor[k] if actor is not None else None
        row[f"{role}_text"] = row[f"{role}_name"]
    return row


def synthetic_rows(count: int, *, seed: int = 0, per_day: int = 300) -> Iterator[tuple[dict[str, Any], int]]:
    """``count`` event rows (events-file columns) and the key of the real event each reports, in
    archive order: day by day, the day's reports shuffled."""
    rng = random.Random(seed)
    world = _World(rng)
    made = 0
    real_key = 0
    doc_number = 0
    day = _START
    while made < count:
        reports: list[_Real] = []
        while len(reports) < per_day:
            real = world.real(rng, real_key, day)
            real_key += 1
            copies = rng.choices((1, 2, 3, 4), weights=(30, 35, 25, 10))[0]
            reports.extend([real] * copies)
        rng.shuffle(reports)
        k = 0
        while k < len(reports) and made < count:
            doc_id = f"syn-{doc_number:08d}"
            told = [reports[k]]
            k += 1
            if k < len(reports) and reports[k].key != told[0].key and rng.random() < 0.25:
                told.append(reports[k])  # a document that tells two events of the day
                k += 1
            for event, real in enumerate(told[: count - made]):
                yield _report(rng, real, doc_id, doc_number, event), real.key
                made += 1
            doc_number += 1
        day += 1


def write_synthetic(
    out_dir: Path, count: int, *, seed: int = 0, per_day: int = 300, partition_events: int = 100_000
) -> tuple[list[tuple[int, int]], list[int]]:
    """Write ``count`` synthetic events as ``events-NNNNN.parquet`` files in ``out_dir``.

    Returns the partitions as (number, documents) pairs for :func:`waqia.batch.cluster_run`, and the
    real event of each row (for scoring the clusters against the truth). ``doc_index`` is numbered
    across the whole archive, so every partition is given 0 documents of offset.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    truth: list[int] = []
    parts: list[tuple[int, int]] = []
    buffer: list[dict[str, Any]] = []

    def flush() -> None:
        number = len(parts)
        table = pa.Table.from_pylist(buffer, schema=EVENT_SCHEMA)
        pq.write_table(table, out_dir / partition_file("events", number), compression="zstd")
        parts.append((number, 0))
        buffer.clear()

    for row, key in synthetic_rows(count, seed=seed, per_day=per_day):
        buffer.append(row)
        truth.append(key)
        if len(buffer) >= partition_events:
            flush()
    if buffer:
        flush()
    return parts, truth
