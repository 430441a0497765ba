"""Security defaults: headers, no CORS, static files confined to their folder, host checks, and a
500 that tells the client nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from waqia import DataError
from waqia.server import SECURITY_HEADERS, STATIC_DIR, create_app
from waqia.store import Store


@pytest.mark.parametrize("path", ["/", "/api/events", "/api/events/nope", "/static/js/main.js", "/docs"])
def test_security_headers_on_every_answer(client: TestClient, path: str) -> None:
    response = client.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self';" in policy
    assert "http" not in policy  # no remote source of any kind
    assert "unsafe-eval" not in policy


def test_no_page_allows_inline_code_or_styles(client: TestClient) -> None:
    for path in ("/", "/docs", "/api/events"):
        assert "unsafe" not in client.get(path).headers["content-security-policy"]


def test_no_cors(client: TestClient) -> None:
    response = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/api/events",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in preflight.headers


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../etc/passwd",
        "/static/../../../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/static/..%2f..%2f..%2fetc%2fpasswd",
        "/static/%252e%252e/%252e%252e/etc/passwd",
        "/static/....//....//etc/passwd",
        "/static/..\\..\\etc\\passwd",
        "/static/%5c..%5c..%5cetc%5cpasswd",
        "/static//etc/passwd",
        "/static/%00../etc/passwd",
        "/static/../_app.py",
        "/static/%2e%2e/_app.py",
        "/static/",
        "/static/js/",
    ],
)
def test_no_directory_traversal(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404), (path, response.status_code)
    assert "root:" not in response.text
    assert "create_app" not in response.text


def test_static_files_are_served_from_the_package(client: TestClient) -> None:
    response = client.get("/static/js/main.js")
    assert response.status_code == 200
    assert response.content == (STATIC_DIR / "js" / "main.js").read_bytes()
    assert response.headers["content-type"].startswith("text/javascript")


def test_page_and_docs_use_local_assets_only(client: TestClient) -> None:
    for path in ("/", "/docs"):
        html = client.get(path).text
        assert "http://" not in html
        assert "https://" not in html
        assert "<script>" not in html  # no inline script for the CSP to forbid


def test_large_responses_are_compressed(client: TestClient) -> None:
    response = client.get("/static/data/countries.geojson", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["type"] == "FeatureCollection"


def test_loopback_host_check_refuses_other_names(store_url: str) -> None:
    app = create_app(store_url, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/api/health").status_code == 200
        rebound = local.get("/api/health", headers={"Host": "attacker.example"})
        assert rebound.status_code == 400


def test_server_errors_tell_the_client_nothing(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret table name: events_internal at /srv/waqia.db")

    monkeypatch.setattr(Store, "query_events", broken)
    with TestClient(create_app(store_url), raise_server_exceptions=False) as test_client:
        response = test_client.get("/api/events")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal server error"}
    assert "secret" not in response.text
    assert "Traceback" not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"


def test_missing_store_is_an_error_not_a_new_file(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.db"
    with pytest.raises(DataError):
        create_app(str(missing))
    assert not missing.exists()
