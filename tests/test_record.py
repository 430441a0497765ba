from __future__ import annotations

import json
from pathlib import Path

import pytest

from waqia.document import Document
from waqia.record import Actor, Count, Event, TextSpan


def test_event_round_trip_keeps_every_field() -> None:
    event = Event(
        type="ASSAULT",
        mode="aerial",
        trigger=TextSpan("بمباری کی", 10, 19),
        actor1=Actor("روسی طیاروں", 0, 9, name="Russian Armed Forces", country="RUS", sector="MIL"),
        fatalities=Count("کم از کم 300", 30, 42, best=300, low=300),
        confidence=0.8,
    )
    again = Event.from_json(json.loads(json.dumps(event.to_json())))
    assert again == event


@pytest.mark.parametrize(
    "bad",
    [
        {"type": "PARTY", "trigger": {"text": "x"}},
        {"type": "ASSAULT", "trigger": {"text": "x"}, "modality": "maybe"},
        {"type": "ASSAULT"},
        {"type": "ASSAULT", "trigger": {"text": "x"}, "fatalities": {"text": "x", "best": "3"}},
        {"type": "ASSAULT", "trigger": {"text": "x"}, "actor1": {"text": "x", "sector": "ARMY"}},
        {"type": "ASSAULT", "trigger": {"text": "x"}, "confidence": 2},
    ],
)
def test_invalid_events_are_rejected(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Event.from_json(bad)


def test_document_json_round_trip_keeps_unknown_fields() -> None:
    record = {
        "doc_id": "a",
        "text": "متن",
        "lang": "ur",
        "pub_date": "2014-10-01",
        "source": None,
        "url": None,
        "events": [],
        "domain": "national",
    }
    assert Document.from_json(record).to_json() == record


@pytest.mark.parametrize(
    "bad",
    [
        [],
        {"text": "x"},
        {"doc_id": "a"},
        {"doc_id": "a", "text": 3},
        {"doc_id": "a", "text": "x", "pub_date": "1 Oct 2014"},
        {"doc_id": "a", "text": "x", "events": {}},
    ],
)
def test_malformed_documents_are_rejected(bad: object) -> None:
    with pytest.raises(ValueError):
        Document.from_json(bad)  # type: ignore[arg-type]


@pytest.mark.shared_data
def test_gold_dev_set_round_trips(shared_data: Path) -> None:
    """Every gold record reads into the model and writes back the same (bar extractor-only nulls)."""
    with (shared_data / "gold" / "dev.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    assert records
    for record in records:
        out = Document.from_json(record).to_json()
        assert out["text"] == record["text"]
        assert len(out["events"]) == len(record["events"])
        for given_event, written in zip(record["events"], out["events"], strict=True):
            for key, value in given_event.items():
                if isinstance(value, dict):
                    assert {k: v for k, v in written[key].items() if k in value} == value
                else:
                    assert written[key] == value
