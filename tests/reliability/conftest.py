"""Fixtures of the fault-injection tests: how many kill rounds to run and with which seed, and a
fresh store on SQLite and on a throwaway PostgreSQL server.

`make test` runs a few rounds with a fixed seed on SQLite; `make fault` also runs the tests marked
slow (PostgreSQL, a real full tmpfs) and sets ``WAQIA_FAULT_ROUNDS`` and a new ``WAQIA_FAULT_SEED``
for a longer randomised run (a failure names its seed, so it can be replayed).

The PostgreSQL server is the one of the store tests: ``tests/store/conftest.py`` is loaded under a
name of its own and its session fixture reused here, so both folders start the server the same way.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from fault_helpers import FaultPlan


def _store_fixtures() -> ModuleType:
    name = "waqia_tests_store_fixtures"
    if name in sys.modules:
        return sys.modules[name]
    path = Path(__file__).resolve().parents[1] / "store" / "conftest.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


postgres_server = _store_fixtures().postgres_server


@pytest.fixture(scope="session")
def fault_plan() -> FaultPlan:
    rounds = int(os.environ.get("WAQIA_FAULT_ROUNDS", "3"))
    seed = int(os.environ.get("WAQIA_FAULT_SEED", "8"))
    return FaultPlan(rounds=rounds, seed=seed)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store URL on each backend (PostgreSQL in `make fault` and `make test-slow`;
    the single-kill test of tests/store covers it in `make test`)."""
    if request.param == "sqlite":
        yield str(tmp_path / "waqia.db")
        return
    server = request.getfixturevalue("postgres_server")
    name = f"waqia_fault_{next(server.databases)}"
    server.admin(f"CREATE DATABASE {name}")
    try:
        yield str(server.url(name))
    finally:
        server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
