"""Shared fixtures. Real articles and corpora are read from the shared data folder, never copied here.

Tests that need it use the ``shared_data`` fixture: in CI (``CI`` set) a missing folder fails the run
loudly; elsewhere those tests are skipped with the reason.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from waqia._data import data_dir
from waqia._errors import DataError


@pytest.fixture(scope="session")
def shared_data() -> Path:
    try:
        return data_dir()
    except DataError as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the shared data folder: {error}")
        pytest.skip(f"shared data folder not available: {error}")
