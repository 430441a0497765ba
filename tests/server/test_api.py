"""The JSON API over a real SQLite store filled with the hand-coded reports of conftest."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from server_corpus import N_EVENTS, QUETTA, event_ids


def _types(client: TestClient, **params: Any) -> list[str]:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return sorted(item["type"] for item in response.json()["items"])


def test_events_newest_first_with_total(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == N_EVENTS
    assert (body["limit"], body["offset"]) == (100, 0)
    dates = [item["date"] for item in body["items"]]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == "2024-03-13"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"start": "2024-03-11"}, ["ASSAULT", "PROTEST", "PROTEST", "REQUEST", "THREATEN"]),
        ({"end": "2024-03-10"}, ["COERCE", "CONSULT"]),
        ({"start": "2024-03-11", "end": "2024-03-11"}, ["PROTEST", "THREATEN"]),
        ({"type": "PROTEST"}, ["PROTEST", "PROTEST"]),
        ({"type": "ASSAULT,COERCE"}, ["ASSAULT", "COERCE"]),
        ({"type": ["ASSAULT", "CONSULT"]}, ["ASSAULT", "CONSULT"]),
        ({"type": "assault"}, ["ASSAULT"]),
        ({"mode": "strike"}, ["PROTEST"]),
        ({"country": "AFG"}, ["CONSULT"]),
        ({"country": "afg"}, ["CONSULT"]),
        ({"admin1": "Balochistan"}, ["ASSAULT"]),
        ({"actor": "police"}, ["ASSAULT", "COERCE"]),
        ({"actor": "ٹرانسپورٹرز"}, ["PROTEST", "THREATEN"]),
        ({"q": "گندم"}, ["PROTEST"]),
        ({"q": "نشانہ"}, ["ASSAULT"]),
        ({"bbox": "66,24,68,31"}, ["ASSAULT", "PROTEST", "THREATEN"]),
        ({"modality": "threatened"}, ["PROTEST"]),
        ({"modality": "asserted", "type": "PROTEST"}, ["PROTEST"]),
        ({"min_confidence": "0.85"}, ["ASSAULT", "COERCE", "PROTEST"]),
        ({"type": "ASSAULT", "country": "AFG"}, []),
    ],
)
def test_every_filter(client: TestClient, params: dict[str, Any], expected: list[str]) -> None:
    assert _types(client, **params) == expected


def test_cluster_filter_and_cluster_endpoints(client: TestClient) -> None:
    clusters = client.get("/api/clusters").json()
    assert clusters["total"] == N_EVENTS  # every hand-coded event is its own story
    first = clusters["items"][0]["cluster_id"]
    detail = client.get(f"/api/clusters/{first}").json()
    assert detail["cluster_id"] == first
    assert [e["event_id"] for e in detail["events"]] == event_ids(client, cluster=first)
    assert client.get("/api/clusters/c-000000000000").status_code == 404


def test_paging(client: TestClient) -> None:
    everything = event_ids(client)
    assert event_ids(client, limit=3) == everything[:3]
    assert event_ids(client, limit=3, offset=3) == everything[3:6]
    assert event_ids(client, offset=100_000) == []


def test_event_detail_has_record_spans_and_text(client: TestClient) -> None:
    [event_id] = event_ids(client, type="ASSAULT")
    detail = client.get(f"/api/events/{event_id}").json()
    assert detail["event_id"] == event_id
    assert detail["location_name"] == "Quetta"
    assert detail["fatalities"] == 3
    document = detail["document"]
    assert document["text"] == QUETTA
    assert document["doc_id"] == "quetta-blast"
    record = detail["record"]
    for field in ("trigger", "actor1", "actor2", "location", "date", "fatalities", "injured", "claim"):
        span = record[field]
        assert document["text"][span["start"] : span["end"]] == span["text"], field
    assert record["actor1"]["name"] == "unidentified armed men"


def test_documents(client: TestClient) -> None:
    page = client.get("/api/documents", params={"limit": 2}).json()
    assert page["total"] == 5
    assert [item["doc_id"] for item in page["items"]] == ["lahore-protest", "quetta-blast"]
    assert page["items"][0]["n_events"] == 2
    document = client.get("/api/documents/lahore-protest").json()
    assert document["text"].startswith("لاہور میں کسانوں کا احتجاج")
    assert [e["type"] for e in document["events"]] == ["PROTEST", "REQUEST"]


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("type", {"PROTEST": 2, "ASSAULT": 1, "COERCE": 1, "CONSULT": 1, "REQUEST": 1, "THREATEN": 1}),
        ("country", {"PAK": 5, "AFG": 1, None: 1}),
        ("day", {"2024-03-08": 1, "2024-03-10": 1, "2024-03-11": 2, "2024-03-12": 1, "2024-03-13": 2}),
    ],
)
def test_stats(client: TestClient, by: str, expected: dict[str | None, int]) -> None:
    rows = client.get("/api/stats", params={"by": by}).json()
    assert {row["key"]: row["count"] for row in rows} == expected


def test_stats_take_the_filters(client: TestClient) -> None:
    rows = client.get("/api/stats", params={"by": "day", "type": "PROTEST"}).json()
    assert rows == [{"key": "2024-03-11", "count": 1}, {"key": "2024-03-13", "count": 1}]


@pytest.mark.parametrize(
    "path",
    [
        "/api/events/nope-0",
        "/api/events/" + "a" * 90,
        "/api/documents/nope",
        "/api/documents/a/b/c",
        "/api/clusters/nope",
        "/api/nothing-here",
    ],
)
def test_unknown_ids_are_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("params", "culprit"),
    [
        ({"limit": 501}, "limit"),
        ({"limit": 0}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 100_001}, "offset"),
        ({"start": "2024-13-01"}, "start"),
        ({"start": "yesterday"}, "start"),
        ({"start": "2024-03-12", "end": "2024-03-01"}, "end"),
        ({"type": "BOMBING"}, "type"),
        ({"mode": "Bad Mode!"}, "mode"),
        ({"country": "PAKISTAN"}, "country"),
        ({"modality": "probably"}, "modality"),
        ({"min_confidence": "1.5"}, "min_confidence"),
        ({"min_confidence": "-0.1"}, "min_confidence"),
        ({"min_confidence": "nan"}, "min_confidence"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "10,0,0,10"}, "bbox"),
        ({"bbox": "0,-100,10,10"}, "bbox"),
        ({"bbox": "nan,0,10,10"}, "bbox"),
        ({"q": "x" * 201}, "q"),
        ({"actor": "x" * 201}, "actor"),
        ({"cluster": "c 1"}, "cluster"),
        ({"type": ",".join(["ASSAULT"] * 51)}, "type"),
    ],
)
def test_invalid_parameters_are_422_naming_the_parameter(
    client: TestClient, params: dict[str, Any], culprit: str
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422, response.text
    assert culprit in [error["loc"][-1] for error in response.json()["detail"]]


def test_stats_needs_a_known_grouping(client: TestClient) -> None:
    assert client.get("/api/stats", params={"by": "actor"}).status_code == 422
    assert client.get("/api/documents", params={"limit": 501}).status_code == 422
    assert client.get("/api/clusters", params={"offset": -5}).status_code == 422


INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE events; --",
    '" OR 1=1 --',
    "%' OR 1=1 --",
    "1) UNION SELECT * FROM documents --",
    "\\'; SELECT sqlite_version(); --",
    "ASSAULT' --",
    "%",
    "_",
]
TEXT_PARAMETERS = ["q", "actor", "admin1", "cluster", "type", "mode", "country", "modality", "bbox", "start"]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("name", TEXT_PARAMETERS)
def test_sql_injection_strings_match_nothing_and_break_nothing(
    client: TestClient, name: str, value: str
) -> None:
    response = client.get("/api/events", params={name: value})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 200:
        assert response.json()["total"] == 0  # taken as words to look for, and not found
    assert client.get("/api/events").json()["total"] == N_EVENTS


@pytest.mark.parametrize("value", INJECTIONS)
def test_sql_injection_strings_in_ids_and_stats(client: TestClient, value: str) -> None:
    for path in ("/api/events/", "/api/documents/", "/api/clusters/"):
        assert client.get(path + value).status_code in (404, 422)
    for by in ("day", "type", "country"):
        response = client.get("/api/stats", params={"by": by, "q": value})
        assert response.status_code == 200
        assert response.json() == []
    assert client.get("/api/stats", params={"by": value}).status_code == 422
    assert client.get("/api/documents", params={"limit": value}).status_code == 422


def test_health_and_openapi(client: TestClient) -> None:
    health = client.get("/api/health").json()
    assert health == {"status": "ok", "version": health["version"], "store": "sqlite", "writable": False}
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/stats", "/api/documents"} <= set(schema["paths"])
    names = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"start", "end", "type", "country", "bbox", "q", "min_confidence", "limit", "offset"} <= names
