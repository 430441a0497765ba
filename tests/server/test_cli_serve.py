"""`waqia serve` (uvicorn replaced by a recorder) and `waqia bench-api` on a small store; the built
static folder matches its sources."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient
from server_corpus import WRITE_TOKEN

from waqia.cli import main
from waqia.server import STATIC_DIR


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    calls: dict[str, Any] = {}

    def record(app: FastAPI, **options: Any) -> None:
        calls["app"] = app
        calls.update(options)

    monkeypatch.setattr(uvicorn, "run", record)
    return calls


def test_serve_defaults_to_loopback_and_read_only(store_url: str, served: dict[str, Any]) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", store_url])
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"]) == ("127.0.0.1", 8000)
    assert "read-only" in result.output
    with TestClient(served["app"], base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/health").json()["writable"] is False
        assert client.get("/api/health", headers={"Host": "rebound.example"}).status_code == 400


def test_serve_takes_the_write_token_from_the_environment(
    store_url: str, served: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WAQIA_TEST_TOKEN", WRITE_TOKEN)
    result = CliRunner().invoke(main, ["serve", "--db", store_url, "--write-token-env", "WAQIA_TEST_TOKEN"])
    assert result.exit_code == 0, result.output
    assert WRITE_TOKEN not in result.output
    with TestClient(served["app"], base_url="http://localhost:8000") as client:
        assert client.get("/api/health").json()["writable"] is True
        assert (
            client.post("/api/documents", json={}, headers={"Authorization": "Bearer nope"}).status_code
            == 401
        )


def test_serve_on_all_interfaces_warns_and_accepts_any_host(store_url: str, served: dict[str, Any]) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", store_url, "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "anyone who can reach this machine" in result.output
    assert (served["host"], served["port"]) == ("0.0.0.0", 8123)
    with TestClient(served["app"], base_url="http://waqia.lan:8123") as client:
        assert client.get("/api/health").status_code == 200


@pytest.mark.parametrize(
    ("arguments", "environment", "message"),
    [
        (["--write-token-env", "WAQIA_UNSET_VARIABLE"], {}, "not set or empty"),
        (["--write-token-env", "WAQIA_SHORT"], {"WAQIA_SHORT": "short"}, "at least 16"),
        (["--port", "70000"], {}, "70000"),
    ],
)
def test_serve_usage_errors(
    store_url: str,
    served: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    arguments: list[str],
    environment: dict[str, str],
    message: str,
) -> None:
    monkeypatch.delenv("WAQIA_UNSET_VARIABLE", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, ["serve", "--db", store_url, *arguments])
    assert result.exit_code == 2
    assert message in result.output
    assert "app" not in served


def test_serve_a_missing_store(tmp_path: Path, served: dict[str, Any]) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such store" in result.output
    assert not (tmp_path / "none.db").exists()


def test_bench_api_reports_percentiles() -> None:
    result = CliRunner().invoke(main, ["bench-api", "--events", "200", "--queries", "26"])
    assert result.exit_code == 0, result.output
    assert "200 events in the store" in result.output
    for label in ("all queries", "bbox", "text", "date range", "/api/stats?by=day"):
        assert label in result.output
    assert "p95=" in result.output


def test_bench_api_refuses_a_store_that_holds_data(store_url: str) -> None:
    result = CliRunner().invoke(main, ["bench-api", "--db", store_url, "--events", "10"])
    assert result.exit_code == 2
    assert "not empty" in result.output


def test_every_file_a_page_loads_is_in_the_package() -> None:
    """The pages' own files and the vendored ones `npm run build` writes (static/vendor, static/data):
    a reference to a file that was not built or not committed fails here."""
    for page in ("index.html", "docs.html"):
        html = (STATIC_DIR / page).read_text(encoding="utf-8")
        referenced = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
        assert referenced, page
        for relative in referenced:
            assert (STATIC_DIR / relative).is_file(), f"{page} loads {relative}: run `npm run build` in web/"
    modules = sorted((STATIC_DIR / "js").glob("*.js"))
    for module in modules:
        for imported in re.findall(r'from "\./([^"]+)"', module.read_text(encoding="utf-8")):
            assert (STATIC_DIR / "js" / imported).is_file(), f"{module.name} imports {imported}"
    assert (STATIC_DIR / "data" / "countries.geojson").is_file()
