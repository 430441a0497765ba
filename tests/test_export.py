"""Exports: the ACLED-style table (values, not only columns), PLOVER and waqia records; CSV, JSONL and
Parquet round trips. Documents and events are built by hand and stored in a SQLite store."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from waqia.document import Document, Sentence
from waqia.export import (
    ACLED_COLUMNS,
    PLOVER_COLUMNS,
    WAQIA_COLUMNS,
    country_info,
    disorder_type,
    export_rows,
    inter_code,
    interaction,
    write_export,
)
from waqia.record import Actor, Claim, Count, DateRef, Event, Place, TextSpan
from waqia.store import EventQuery, Store, open_store

QUETTA = Place(
    text="کوئٹہ", name="Quetta", country="PAK", admin1="Balochistan", lat=30.18, lon=67.0, geo_precision=1
)
GUNMEN = Actor(text="نامعلوم مسلح افراد", name="unidentified armed men", country="PAK", sector="UAF")
SHOPKEEPERS = Actor(text="دکاندار", name="civilians", country="PAK", sector="CVL")
BIKERS = Actor(text="موٹر سائیکل سوار", name="motorcyclists", country="PAK", sector="UAF")
ARMY = Actor(text="فوج", name="Pakistani Army", country="PAK", sector="MIL")
TTP = Actor(text="طالبان", name="Tehrik-i-Taliban Pakistan", country="PAK", sector="REB")

SENTENCE = "کوئٹہ میں نامعلوم مسلح افراد نے دکاندار پر فائرنگ کی جس سے دو افراد ہلاک ہو گئے۔"


def _doc(doc_id: str, raw: str, events: list[Event], pub_date: str = "2024-05-02") -> Document:
    doc = Document(
        raw=raw, doc_id=doc_id, pub_date=pub_date, source="Daily Test", url=f"https://example.test/{doc_id}"
    )
    doc.sentences = [Sentence(0, len(raw), 0, 0)]
    doc.events = events
    return doc


def _span(raw: str, words: str) -> tuple[int, int]:
    start = raw.index(words)
    return start, start + len(words)


def _attack() -> Document:
    raw = SENTENCE
    trigger = TextSpan("فائرنگ کی", *_span(raw, "فائرنگ کی"))
    event = Event(
        type="ASSAULT",
        mode="firearms",
        trigger=trigger,
        actor1=GUNMEN,
        actor2=SHOPKEEPERS,
        also=[BIKERS],
        location=QUETTA,
        date=DateRef("منگل", value="2024-04-30", precision=1),
        fatalities=Count("دو افراد", best=2),
        injured=Count("نو", best=9),
        claim=Claim("پولیس کے مطابق", by="police", kind="official"),
        acled={"event_type": "Violence against civilians", "sub_event_type": "Attack"},
        confidence=0.92,
    )
    return _doc("attack", raw, [event])


def _others() -> list[Document]:
    raw = "فوج اور طالبان میں جھڑپ۔"
    battle = Event(
        type="ASSAULT",
        mode="firearms",
        trigger=TextSpan("جھڑپ", *_span(raw, "جھڑپ")),
        actor1=ARMY,
        actor2=TTP,
        location=QUETTA,
        acled={"event_type": "Battles", "sub_event_type": "Armed clash"},
        confidence=0.8,
    )
    talks = Event(
        type="CONSULT", trigger=TextSpan("ملاقات", 0, 6), actor1=ARMY, location=QUETTA, confidence=0.7
    )
    return [_doc("battle", raw, [battle]), _doc("talks", "ملاقات ہوئی۔", [talks], pub_date="2024-03-01")]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "w.db") as opened:
        opened.add_documents([_attack(), *_others()])
        opened.assign_clusters()
        yield opened


def _acled(store: Store, **options: Any) -> list[dict[str, Any]]:
    return list(export_rows(store, "acled", "csv", **options)[1])


def test_acled_row_values(store: Store) -> None:
    rows = {row["doc_id"]: row for row in _acled(store)}
    assert set(rows) == {"attack", "battle"}  # ACLED would not code the talks
    attack = rows["attack"]
    assert list(attack) == [name for name, _ in ACLED_COLUMNS]
    event_id = store.query_events(EventQuery(types=("ASSAULT",), text="دکاندار")).items[0]["event_id"]
    assert attack == {
        "event_id_cnty": f"PAK-{event_id}",
        "event_date": "2024-04-30",
        "year": 2024,
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "unidentified armed men",
        "assoc_actor_1": "motorcyclists",
        "inter1": 3,
        "actor2": "civilians",
        "inter2": 7,
        "interaction": 37,
        "civilian_targeting": "Civilian targeting",
        "iso": 586,
        "country": "Pakistan",
        "admin1": "Balochistan",
        "location": "Quetta",
        "latitude": 30.18,
        "longitude": 67.0,
        "geo_precision": 1,
        "source": "Daily Test",
        "notes": f"{SENTENCE} [trigger: فائرنگ کی]",
        "fatalities": 2,
        "tags": "injured=9",
        "claim": "police",
        "claim_kind": "official",
        "modality": "asserted",
        "confidence": 0.92,
        "cluster_id": attack["cluster_id"],
        "doc_id": "attack",
    }
    assert attack["cluster_id"].startswith("c-")
    battle = rows["battle"]
    assert (battle["inter1"], battle["inter2"], battle["interaction"]) == (1, 2, 12)
    assert (battle["civilian_targeting"], battle["fatalities"], battle["tags"]) == (None, 0, None)
    # no date of its own: the publication date, known to about a week
    assert (battle["event_date"], battle["time_precision"]) == ("2024-05-02", 2)
    everything = _acled(store, all_events=True)
    talks = next(r for r in everything if r["doc_id"] == "talks")
    assert (talks["event_type"], talks["disorder_type"], talks["inter1"]) == (None, None, 1)


@pytest.mark.parametrize(
    ("sector", "country", "where", "acting", "event_type", "code"),
    [
        ("MIL", "PAK", "PAK", True, "Battles", 1),
        ("COP", "PAK", "PAK", False, "Violence against civilians", 1),
        ("MIL", "USA", "AFG", True, "Explosions/Remote violence", 8),  # foreign forces
        ("GOV", "UNO", "PAK", False, None, 8),
        ("REB", "PAK", "PAK", True, "Battles", 2),
        ("UAF", "PAK", "PAK", True, "Violence against civilians", 3),
        ("PTY", "PAK", "PAK", True, "Violence against civilians", 3),
        ("PTY", "PAK", "PAK", False, "Violence against civilians", 7),
        ("CVL", "PAK", "PAK", False, "Violence against civilians", 7),
        ("JRN", "PAK", "PAK", False, "Violence against civilians", 7),
        ("LAB", "PAK", "PAK", True, "Protests", 6),
        ("CVL", "PAK", "PAK", True, "Riots", 5),
        ("COP", "PAK", "PAK", True, "Riots", 1),
        (None, None, "PAK", False, "Battles", 0),
    ],
)
def test_inter_codes(
    sector: str | None, country: str | None, where: str, acting: bool, event_type: str | None, code: int
) -> None:
    assert inter_code(sector, country, where, acting=acting, event_type=event_type) == code


def test_interaction_and_disorder_type() -> None:
    assert interaction(7, 1) == 17
    assert interaction(6, 0) == 60
    assert interaction(0, 2) == 20
    assert interaction(0, 0) is None
    assert disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert (
        disorder_type("Protests", "Excessive force against protesters")
        == "Political violence; Demonstrations"
    )
    assert disorder_type("Riots", "Violent demonstration") == "Demonstrations"
    assert disorder_type("Riots", "Mob violence") == "Political violence"
    assert disorder_type("Explosions/Remote violence", "Grenade") == "Political violence"
    assert disorder_type("Strategic developments", "Arrests") == "Strategic developments"
    assert disorder_type(None, None) is None
    assert country_info("AFG") == (4, "Afghanistan")
    assert country_info("XKX") == (None, "Kosovo")  # no ISO number
    assert country_info(None) == (None, None)


def test_acled_csv_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    assert write_export(store, out, schema="acled", fmt="csv") == 2
    data = out.read_bytes()
    assert data.startswith(b"event_id_cnty,event_date,year,")  # no byte-order mark
    assert not (tmp_path / "acled.csv.partial").exists()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    expected = _acled(store)
    assert [list(r) for r in rows] == [[name for name, _ in ACLED_COLUMNS]] * 2
    for got, want in zip(rows, expected, strict=True):
        assert got == {k: "" if v is None else str(v) for k, v in want.items()}


def test_parquet_round_trip_with_typed_schema(store: Store, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "acled.parquet"
    assert write_export(store, out, schema="acled", fmt="parquet") == 2
    table = pq.read_table(out)
    types = {f.name: f.type for f in table.schema}
    assert list(types) == [name for name, _ in ACLED_COLUMNS]
    assert (types["event_date"], types["iso"], types["latitude"], types["notes"]) == (
        pa.date32(),
        pa.int64(),
        pa.float64(),
        pa.string(),
    )
    expected = _acled(store)
    for row in expected:
        row["event_date"] = dt.date.fromisoformat(row["event_date"])
    assert table.to_pylist() == expected
    empty = tmp_path / "none.parquet"
    assert (
        write_export(store, empty, schema="waqia", fmt="parquet", query=EventQuery(countries=("NOR",))) == 0
    )
    assert pq.read_table(empty).schema.names == [name for name, _ in WAQIA_COLUMNS]


def test_plover_records(store: Store) -> None:
    _, records = export_rows(store, "plover", "jsonl", EventQuery(text="دکاندار"))
    (record,) = list(records)
    assert record | {"id": None, "cluster_id": None} == {
        "id": None,
        "date": "2024-04-30",
        "date_precision": 1,
        "event_type": "ASSAULT",
        "mode": "firearms",
        "modality": "asserted",
        "context": [],
        "actor": "unidentified armed men",
        "actor_text": "نامعلوم مسلح افراد",
        "actor_country": "PAK",
        "actor_sector": "UAF",
        "actor_also": ["motorcyclists"],
        "recipient": "civilians",
        "recipient_text": "دکاندار",
        "recipient_country": "PAK",
        "recipient_sector": "CVL",
        "location": {
            "name": "Quetta",
            "text": "کوئٹہ",
            "country": "PAK",
            "admin1": "Balochistan",
            "lat": 30.18,
            "lon": 67.0,
            "geo_precision": 1,
        },
        "fatalities": 2,
        "injured": 9,
        "source": "Daily Test",
        "url": "https://example.test/attack",
        "claim": {"by": "police", "kind": "official", "text": "پولیس کے مطابق"},
        "trigger": "فائرنگ کی",
        "text": SENTENCE,
        "confidence": 0.92,
        "cluster_id": None,
        "doc_id": "attack",
    }
    columns, flat = export_rows(store, "plover", "csv", EventQuery(types=("ASSAULT",), modes=("firearms",)))
    assert columns == PLOVER_COLUMNS
    battle = next(r for r in flat if r["doc_id"] == "battle")
    assert set(battle) == {name for name, _ in PLOVER_COLUMNS}
    assert (battle["context"], battle["location_name"], battle["claim_by"]) == ("military", "Quetta", None)


def test_waqia_jsonl_is_the_spec_document_line(store: Store) -> None:
    buffer = io.BytesIO()
    assert write_export(store, buffer, schema="waqia", fmt="jsonl") == 3
    lines = [json.loads(line) for line in buffer.getvalue().decode("utf-8").splitlines()]
    docs = [Document.from_json(line) for line in lines]
    assert [d.doc_id for d in docs] == ["attack", "battle", "talks"]
    original = _attack()
    assert docs[0].raw == original.raw
    want = original.events[0].to_json() | {"cluster_id": lines[0]["events"][0]["cluster_id"]}
    assert lines[0]["events"][0] == want
    trigger = lines[0]["events"][0]["trigger"]
    assert docs[0].raw[trigger["start"] : trigger["end"]] == "فائرنگ کی"


def test_waqia_csv_is_the_event_table(store: Store) -> None:
    buffer = io.BytesIO()
    assert write_export(store, buffer, schema="waqia", fmt="csv", query=EventQuery(types=("CONSULT",))) == 1
    (row,) = list(csv.DictReader(io.StringIO(buffer.getvalue().decode("utf-8"))))
    assert list(row) == [name for name, _ in WAQIA_COLUMNS]
    assert (row["type"], row["date"], row["actor1_name"], row["evidence"]) == (
        "CONSULT",
        "2024-03-01",
        "Pakistani Army",
        "ملاقات ہوئی۔",
    )


def test_parquet_without_pyarrow_says_what_to_install(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'waqia\[parquet\]'"):
        write_export(store, tmp_path / "x.parquet", schema="acled", fmt="parquet")
    assert not (tmp_path / "x.parquet").exists()


def test_unknown_schema_or_format(store: Store) -> None:
    from waqia import InputError

    with pytest.raises(InputError, match="schema"):
        export_rows(store, "ucdp", "csv")
    with pytest.raises(InputError, match="format"):
        export_rows(store, "acled", "xlsx")
