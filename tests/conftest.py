"""Shared fixtures. Real articles and corpora are read from the shared data folder, never copied here.

Tests that need it use the ``shared_data`` fixture: in CI (``CI`` set) a missing folder fails the run
loudly; elsewhere those tests are skipped with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from waqia._data import data_dir
from waqia._errors import DataError
from waqia.document import Document, Sentence, Token

# `make test` runs each property a modest number of times; `make fuzz` selects the long profile.
settings.register_profile("default", max_examples=60)
settings.register_profile("long", max_examples=4000)
settings.load_profile(os.environ.get("WAQIA_HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    try:
        return data_dir()
    except DataError as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the shared data folder: {error}")
        pytest.skip(f"shared data folder not available: {error}")


Tokenised = Callable[[str], Document]


@pytest.fixture
def tokenised() -> Tokenised:
    """Build a document whose tokens are the space-separated words of a text, as one sentence,
    without running the normaliser or segmenter (for testing later stages on their own)."""

    def build(raw: str) -> Document:
        doc = Document(raw=raw)
        start = 0
        for word in raw.split(" "):
            doc.tokens.append(Token(start, start + len(word), word))
            start += len(word) + 1
        doc.sentences.append(Sentence(0, len(raw), 0, len(doc.tokens)))
        doc.provided.update({"norm", "sentences", "tokens"})
        return doc

    return build
