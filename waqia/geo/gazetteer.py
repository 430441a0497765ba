"""Read the compiled gazetteer (``waqia/geo/data/gazetteer.sqlite``, built by :mod:`waqia.geo.build`).

The file is opened read-only and immutable: SQLite then takes no locks and reads pages on demand,
so opening costs about a millisecond and memory grows only with what is looked up. One
:class:`Gazetteer` can serve every pipeline in the process (:func:`load_gazetteer` caches it).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from waqia._errors import DataError

PLACETYPES = ("country", "region", "county", "localadmin", "locality", "campus", "neighbourhood", "area")

# name.src bits: where a name came from (Urdu and hand-kept names are the most trustworthy)
SRC_URD = 1  # WOF Urdu name
SRC_OTHER = 2  # WOF Arabic / Persian / Pashto name
SRC_GEONAMES = 4  # GeoNames alternate name
SRC_CLDR = 8  # CLDR Urdu country name
SRC_EXTRA = 16  # waqia/lang/ur/places_extra.tsv
SRC_STRIPPED = 32  # the name without its admin word ("ضلع", "محافظة") or Arabic article


def encode_gid(gid: str) -> tuple[int | None, str | None]:
    """``wof:123`` -> (123, None); ``geonames:45`` -> (-45, None); ``waqia:x`` -> (None, "x")."""
    prefix, _, rest = gid.partition(":")
    if prefix == "wof":
        return int(rest), None
    if prefix == "geonames":
        return -int(rest), None
    return None, rest


def decode_gid(ref: int | None, slug: str | None) -> str:
    if ref is None:
        return f"waqia:{slug}"
    return f"wof:{ref}" if ref > 0 else f"geonames:{-ref}"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to, with what the gazetteer knows about it."""

    place_id: int
    gid: str
    name: str
    type: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    region_id: int | None
    county_id: int | None
    src: int = 0  # how the looked-up key is attached to this place (SRC_* bits); 0 = phonetic match

    @property
    def precision(self) -> int:
        """ACLED geo-precision of the place itself: 1 town, 2 district/valley, 3 province or larger."""
        if self.type in ("country", "region", "area"):
            return 3
        if self.type == "county":
            return 2
        return 1

    def contains(self, other: Candidate) -> bool:
        """True when ``other`` lies inside this unit (by the WOF hierarchy, or country for countries)."""
        if self.type == "country":
            return other.country == self.country and other.place_id != self.place_id
        return self.place_id in (other.region_id, other.county_id) and other.place_id != self.place_id


def default_path() -> Path:
    return Path(str(resources.files("waqia.geo").joinpath("data", "gazetteer.sqlite")))


_PLACE_COLUMNS = "p.id, p.ref, p.slug, p.name, p.type, p.cc, a.name, p.lat, p.lon, p.pop, p.region, p.county"
_ADMIN1_JOIN = "LEFT JOIN admin1 a ON a.id = p.admin1"
_PLACE_FROM = f"place p {_ADMIN1_JOIN}"


class Gazetteer:
    """The compiled gazetteer: folded-name and phonetic lookups, places by id, build metadata."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        if not self.path.is_file():
            raise DataError(
                f"gazetteer not found at {self.path}; build it with waqia.geo.build.build_gazetteer()"
            )
        uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
        # immutable read-only: no locking, safe to share between threads for reads
        self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            rows = self._con.execute("SELECT key, value FROM meta").fetchall()
        except sqlite3.DatabaseError as error:
            raise DataError(f"{self.path} is not a waqia gazetteer: {error}") from error
        self.meta: dict[str, Any] = {k: json.loads(v) for k, v in rows}
        self._lookup = lru_cache(maxsize=32768)(self._lookup_uncached)
        self._has = lru_cache(maxsize=131072)(self._has_uncached)
        self._place = lru_cache(maxsize=8192)(self._place_uncached)
        self._common: frozenset[str] = frozenset(r[0] for r in self._con.execute("SELECT key FROM common"))
        self._country_index: dict[str, Candidate] | None = None

    def close(self) -> None:
        self._con.close()

    # ------------------------------------------------------------------ lookups

    def has(self, key: str) -> bool:
        """Whether any place has this folded name."""
        return self._has(key)

    def lookup(self, key: str) -> tuple[Candidate, ...]:
        """Every place with this folded name (see :func:`waqia.geo.fold.fold`)."""
        return self._lookup(key)

    def lookup_phonetic(
        self, key: str, countries: Collection[str] | None = None, min_population: int = 0, limit: int = 2000
    ) -> tuple[Candidate, ...]:
        """Places whose name has this consonant skeleton (:func:`waqia.geo.fold.phonetic_key`),
        optionally only in the given countries (ISO3) or from a population up."""
        sql = (
            f"SELECT {_PLACE_COLUMNS} FROM phon n JOIN place p ON p.id = n.place {_ADMIN1_JOIN} "
            "WHERE n.key = ?"
        )
        args: list[Any] = [key]
        if countries is not None:
            codes = sorted(countries)
            sql += f" AND p.cc IN ({', '.join('?' * len(codes))})"
            args.extend(codes)
        if min_population:
            sql += " AND p.pop >= ?"
            args.append(min_population)
        rows = self._con.execute(sql + " LIMIT ?", (*args, limit)).fetchall()
        return tuple(self._candidate(row, 0) for row in rows)

    def is_common(self, key: str) -> bool:
        """Whether the key is also a frequent Urdu word (it then needs context to count as a place)."""
        return key in self._common

    def place(self, place_id: int) -> Candidate | None:
        return self._place(place_id)

    def country(self, iso3: str) -> Candidate | None:
        return self._countries().get(iso3)

    def _countries(self) -> dict[str, Candidate]:
        """Every country by alpha-3, read in one pass the first time one is asked for: the place
        table has no index on type, so a query per country scans it each time."""
        if self._country_index is None:
            index: dict[str, Candidate] = {}
            for row in self._con.execute(f"SELECT {_PLACE_COLUMNS} FROM {_PLACE_FROM} WHERE p.type = 0"):
                candidate = self._candidate(row, 0)
                if candidate.country is not None:
                    index.setdefault(candidate.country, candidate)
            self._country_index = index
        return self._country_index

    def get(self, gid: str) -> Candidate | None:
        """A place by its gazetteer id (``wof:…``, ``geonames:…``, ``waqia:…``). Not indexed: slow."""
        ref, slug = encode_gid(gid)
        if ref is not None:
            row = self._con.execute(
                f"SELECT {_PLACE_COLUMNS} FROM {_PLACE_FROM} WHERE p.ref = ?", (ref,)
            ).fetchone()
        else:
            row = self._con.execute(
                f"SELECT {_PLACE_COLUMNS} FROM {_PLACE_FROM} WHERE p.slug = ?", (slug,)
            ).fetchone()
        return self._candidate(row, 0) if row else None

    def __len__(self) -> int:
        return int(self._con.execute("SELECT count(*) FROM place").fetchone()[0])

    # ------------------------------------------------------------------ internals

    def _has_uncached(self, key: str) -> bool:
        return self._con.execute("SELECT 1 FROM name WHERE key = ? LIMIT 1", (key,)).fetchone() is not None

    def _lookup_uncached(self, key: str) -> tuple[Candidate, ...]:
        rows = self._con.execute(
            f"SELECT {_PLACE_COLUMNS}, n.src FROM name n JOIN place p ON p.id = n.place {_ADMIN1_JOIN} "
            "WHERE n.key = ?",
            (key,),
        ).fetchall()
        return tuple(self._candidate(row[:-1], row[-1]) for row in rows)

    def _place_uncached(self, place_id: int) -> Candidate | None:
        row = self._con.execute(
            f"SELECT {_PLACE_COLUMNS} FROM {_PLACE_FROM} WHERE p.id = ?", (place_id,)
        ).fetchone()
        return self._candidate(row, 0) if row else None

    @staticmethod
    def _candidate(row: tuple[Any, ...], src: int) -> Candidate:
        pid, ref, slug, name, ptype, cc, admin1, lat, lon, pop, region, county = row
        return Candidate(
            place_id=pid,
            gid=decode_gid(ref, slug),
            name=name,
            type=PLACETYPES[ptype],
            country=cc,
            admin1=admin1,
            lat=lat / 100000 if lat is not None else None,
            lon=lon / 100000 if lon is not None else None,
            population=pop or 0,
            region_id=region,
            county_id=county,
            src=src,
        )


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """The gazetteer at ``path`` (default: the packaged one), opened once per process."""
    return Gazetteer(path)
