"""POST /api/documents: off without a token, 401 for a missing or wrong one, codes and stores with the
right one. A stand-in pipeline keeps these fast; one test codes with the real pipeline."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from server_corpus import N_EVENTS, WRITE_TOKEN, fill_store

from waqia import InputError
from waqia.document import Document
from waqia.pipeline import Pipeline
from waqia.record import Event, TextSpan
from waqia.server import create_app

NEW_REPORT = {
    "doc_id": "sibi-firing",
    "text": "سبی میں فائرنگ\n\nسبی میں نامعلوم افراد نے فائرنگ کی۔",
    "pub_date": "2024-03-14",
    "source": "Test Urdu",
}


class _MarkTrigger:
    """A stand-in stage: one ASSAULT event on the word فائرنگ of the body."""

    name = "mark"
    requires: frozenset[str] = frozenset()
    provides = frozenset({"events"})

    def __call__(self, doc: Document) -> Document:
        if "ناکام" in doc.raw:
            raise ValueError("this stage cannot read the document")
        start = doc.raw.rindex("فائرنگ")
        doc.events = [Event(type="ASSAULT", trigger=TextSpan("فائرنگ", start, start + 6), confidence=0.5)]
        return doc


def _pipeline() -> Pipeline:
    return Pipeline([_MarkTrigger()])


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[TestClient]:
    url = fill_store(tmp_path / "events.db")
    app = create_app(url, write_token=WRITE_TOKEN, make_pipeline=_pipeline)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_read_only_without_a_token(client: TestClient) -> None:
    response = client.post("/api/documents", json=NEW_REPORT, headers=_bearer(WRITE_TOKEN))
    assert response.status_code == 403
    assert client.get("/api/events").json()["total"] == N_EVENTS
    assert client.get("/api/health").json()["writable"] is False


@pytest.mark.parametrize(
    "headers",
    [
        {},
        _bearer("wrong-token-0123456789abcdef"),
        _bearer(WRITE_TOKEN[:-1]),
        _bearer(WRITE_TOKEN + "x"),
        {"Authorization": WRITE_TOKEN},
        {"Authorization": f"Basic {WRITE_TOKEN}"},
        {"Authorization": "Bearer "},
        {"X-Token": WRITE_TOKEN},
    ],
)
def test_missing_or_wrong_token_is_401(writable: TestClient, headers: dict[str, str]) -> None:
    response = writable.post("/api/documents", json=NEW_REPORT, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert writable.get("/api/events").json()["total"] == N_EVENTS


def test_right_token_codes_and_stores(writable: TestClient) -> None:
    assert writable.get("/api/health").json()["writable"] is True
    response = writable.post("/api/documents", json=NEW_REPORT, headers=_bearer(WRITE_TOKEN))
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["documents"], body["events"], body["skipped"], body["failed"]) == (1, 1, 0, [])
    assert body["clusters"] is not None
    stored = writable.get("/api/documents/sibi-firing").json()
    assert stored["text"] == NEW_REPORT["text"]
    [event] = stored["events"]
    assert event["trigger_text"] == "فائرنگ"
    assert event["date"] == "2024-03-14"  # undated events take the publication date
    assert writable.get("/api/events").json()["total"] == N_EVENTS + 1
    again = writable.post("/api/documents", json=[NEW_REPORT], headers=_bearer(WRITE_TOKEN)).json()
    assert (again["documents"], again["skipped"]) == (0, 1)  # idempotent


def test_failed_documents_are_reported_and_the_rest_stored(writable: TestClient) -> None:
    broken = {**NEW_REPORT, "doc_id": "broken", "text": "ناکام فائرنگ"}
    response = writable.post("/api/documents", json=[NEW_REPORT, broken], headers=_bearer(WRITE_TOKEN))
    body = response.json()
    assert body["documents"] == 1
    assert [(f["doc_id"], f["stage"]) for f in body["failed"]] == [("broken", "mark")]
    assert "cannot read" in body["failed"][0]["message"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"not json", 400),
        (b"\xff\xfe", 400),
        (b"[]", 422),
        (json.dumps({"text": "no id"}).encode(), 422),
        (json.dumps({"doc_id": "x", "text": 5}).encode(), 422),
        (json.dumps({"doc_id": "x", "text": "t", "pub_date": "12/03/2024"}).encode(), 422),
        (json.dumps([NEW_REPORT, NEW_REPORT]).encode(), 422),
        (json.dumps([{**NEW_REPORT, "doc_id": f"d{i}"} for i in range(101)]).encode(), 413),
    ],
)
def test_malformed_bodies(writable: TestClient, body: bytes, status: int) -> None:
    response = writable.post(
        "/api/documents",
        content=body,
        headers={**_bearer(WRITE_TOKEN), "Content-Type": "application/json"},
    )
    assert response.status_code == status, response.text
    assert writable.get("/api/events").json()["total"] == N_EVENTS


def test_body_size_is_bounded(writable: TestClient) -> None:
    huge = json.dumps({**NEW_REPORT, "text": "ا" * (3 * 1024 * 1024)}).encode()  # 6 MB of UTF-8
    response = writable.post(
        "/api/documents", content=huge, headers={**_bearer(WRITE_TOKEN), "Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_short_tokens_are_refused(store_url: str) -> None:
    with pytest.raises(InputError, match="at least 16"):
        create_app(store_url, write_token="short")


def test_the_real_pipeline_codes_a_posted_report(tmp_path: Path) -> None:
    url = fill_store(tmp_path / "events.db")
    with TestClient(create_app(url, write_token=WRITE_TOKEN)) as test_client:
        report = {
            "doc_id": "bannu-attack",
            "text": (
                "بنوں میں پولیس چوکی پر حملہ\n\n"
                "بنوں (نامہ نگار) نامعلوم مسلح افراد نے منگل کی رات پولیس چوکی پر دستی بم سے حملہ کیا"
                " جس میں دو اہلکار جاں بحق ہو گئے۔"
            ),
            "pub_date": "2024-03-13",
        }
        body = test_client.post("/api/documents", json=report, headers=_bearer(WRITE_TOKEN)).json()
        assert body["documents"] == 1
        assert body["events"] >= 1
        events = test_client.get("/api/documents/bannu-attack").json()["events"]
        assert "ASSAULT" in {event["type"] for event in events}
