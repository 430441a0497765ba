"""Fixtures of the server tests: a SQLite store filled with the hand-coded reports of
:mod:`server_corpus` and a TestClient over it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from server_corpus import fill_store

from waqia.server import create_app


@pytest.fixture(scope="session")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return fill_store(tmp_path_factory.mktemp("store") / "events.db")


@pytest.fixture(scope="session")
def client(store_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(store_url), raise_server_exceptions=False) as test_client:
        yield test_client
