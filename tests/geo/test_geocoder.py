"""Ranking with a fake geocoder: what context does to the choice between namesakes."""

from __future__ import annotations

from waqia.geo.fold import fold
from waqia.geo.gazetteer import Candidate
from waqia.geo.geocoder import GazetteerGeocoder, Geocoder, GeoContext, InMemoryGeocoder


def place(
    pid: int,
    name: str,
    ptype: str,
    country: str,
    lat: float,
    lon: float,
    pop: int = 0,
    region: int | None = None,
    county: int | None = None,
) -> Candidate:
    return Candidate(pid, f"test:{pid}", name, ptype, country, None, lat, lon, pop, region, county)


RUSSIA = place(1, "Russia", "country", "RUS", 60.0, 90.0, 144_000_000)
ROSS = place(2, "Ross", "locality", "USA", 39.0, -120.0, 3_000)
IDLIB_PROVINCE = place(3, "Idlib", "region", "SYR", 35.8, 36.7, 1_500_000, region=3)
IDLIB_TOWN = place(4, "Idlib", "locality", "SYR", 35.93, 36.63, 128_000, region=3)
KHYBER = place(5, "Khyber", "county", "PAK", 33.99, 71.21, county=5)
TIRAH_PK = place(6, "Tirah", "locality", "PAK", 34.1, 71.1, county=5)
TIRAH_EG = place(7, "Tirah", "locality", "EGY", 30.0, 31.0)
TURBAT = place(8, "Turbat", "locality", "PAK", 25.99, 63.05, 75_000)
MAND_FAR = place(9, "Mand", "locality", "PAK", 32.28, 74.51)
MAND_NEAR = place(10, "Mand", "locality", "PAK", 26.15, 62.01)

GEO = InMemoryGeocoder(
    [
        (["روس"], RUSSIA),
        (["روس"], ROSS),
        (["ادلب"], IDLIB_PROVINCE),
        (["ادلب"], IDLIB_TOWN),
        (["خیبر ایجنسی"], KHYBER),
        (["وادی تیراہ", "تیراہ"], TIRAH_PK),
        (["وادی تیراہ"], TIRAH_EG),
        (["تربت"], TURBAT),
        ([], MAND_FAR),
        ([], MAND_NEAR),
    ]
)


def test_both_geocoders_follow_the_protocol() -> None:
    assert isinstance(GEO, Geocoder)
    assert isinstance(GazetteerGeocoder(), Geocoder)


def test_a_country_name_never_means_a_town() -> None:
    res = GEO.resolve(fold("روس"), GeoContext(countries={"USA": 1.0}))
    assert res is not None and res.candidate.place_id == RUSSIA.place_id


def test_a_province_and_its_capital() -> None:
    town = GEO.resolve(fold("ادلب"), GeoContext())
    province = GEO.resolve(fold("ادلب"), GeoContext(hint="region"))
    assert town is not None and town.candidate.place_id == IDLIB_TOWN.place_id
    assert province is not None and province.candidate.place_id == IDLIB_PROVINCE.place_id


def test_the_unit_the_text_names_picks_the_namesake() -> None:
    res = GEO.resolve(fold("وادی تیراہ"), GeoContext(parent=KHYBER))
    assert res is not None and res.candidate.place_id == TIRAH_PK.place_id


def test_a_name_the_gazetteer_lacks_is_matched_by_sound_near_its_reference() -> None:
    res = GEO.resolve(fold("مند"), GeoContext(countries={"PAK": 1.0}, near=TURBAT), surface="مند", fuzzy=True)
    assert res is not None and res.candidate.place_id == MAND_NEAR.place_id and res.phonetic


def test_no_sound_match_without_context() -> None:
    assert GEO.resolve(fold("مند"), GeoContext(), surface="مند", fuzzy=True) is None
