"""The gazetteer build: name indexing units, and (slow) a reproducible build from the shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from waqia.geo.build import _index_keys, _region_label
from waqia.geo.fold import fold
from waqia.geo.gazetteer import SRC_STRIPPED


def test_admin_words_are_taken_off_as_an_extra_key() -> None:
    keys = dict(_index_keys("ضلع شمالی وزیرستان", False))
    assert keys[fold("ضلع شمالی وزیرستان")] == 0
    assert keys[fold("شمالی وزیرستان")] == SRC_STRIPPED


def test_the_arabic_article_is_optional_in_arab_countries() -> None:
    keys = dict(_index_keys("اللاذقیة", True))
    assert fold("لاذقیہ") in keys


def test_pashto_genitive_is_dropped() -> None:
    keys = dict(_index_keys("د کوټه ولسوالۍ", False))
    assert fold("کوټه") in keys


def test_region_label_prefers_the_form_acled_uses() -> None:
    record = {"name": "Lattakia", "names": {"eng": ["Al Ladhiqiyah", "Latakia Governorate", "Latakia"]}}
    assert _region_label(record) == "Latakia"


@pytest.mark.slow
def test_same_inputs_give_the_same_bytes(shared_data: Path, tmp_path: Path) -> None:
    from waqia.geo.build import build_gazetteer

    first = build_gazetteer(shared_data, tmp_path / "a.sqlite")
    second = build_gazetteer(shared_data, tmp_path / "b.sqlite")
    assert first.sha256 == second.sha256
    assert first.bytes <= 40 * 1024 * 1024
    assert (tmp_path / "a.meta.json").read_bytes() == (tmp_path / "b.meta.json").read_bytes()
