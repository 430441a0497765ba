"""Suffix-edit lemma rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from waqia._errors import DataError
from waqia.models.lemma import Lemmatizer, apply_script, edit_script, load_lemmatizer


def test_edit_scripts() -> None:
    assert edit_script("لڑکے", "لڑکا") == (1, "ا")
    assert edit_script("کریں_گے", "کرنا") == (5, "نا")
    assert edit_script("گیا", "جانا") == (3, "جانا")
    assert edit_script("کتاب", "کتاب") == (0, "")
    assert apply_script("لڑکے", (1, "ا")) == "لڑکا"
    assert apply_script("کے", (2, "")) is None  # would leave nothing


EXAMPLES = [
    ("لڑکے", "NOUN", "لڑکا"),
    ("کمرے", "NOUN", "کمرا"),
    ("بچے", "NOUN", "بچہ"),
    ("کھیلتے", "VERB", "کھیلنا"),
    ("چلتے", "VERB", "چلنا"),
    ("دیکھتے", "VERB", "دیکھنا"),
    ("کی", "ADP", "کا"),
    ("کی", "VERB", "کرنا"),
]


def test_learnt_rules_generalise_by_suffix_and_upos() -> None:
    lemmatizer = Lemmatizer.learn(EXAMPLES, min_count=2)
    assert lemmatizer.lemma("کی", "ADP") == "کا"
    assert lemmatizer.lemma("کی", "VERB") == "کرنا"
    assert lemmatizer.lemma("پڑھتے", "VERB") == "پڑھنا"  # unseen: suffix تے under VERB
    assert lemmatizer.lemma("پڑھتے", "ADJ") == "پڑھتے"  # no rule for ADJ: the form itself
    assert lemmatizer.lemmatize(["لڑکے", "کی"], ["NOUN", "ADP"]) == ["لڑکا", "کا"]


def test_json_round_trip(tmp_path: Path) -> None:
    lemmatizer = Lemmatizer.learn(EXAMPLES, meta={"source": "test"})
    path = tmp_path / "lemma.json"
    lemmatizer.save(path)
    loaded = Lemmatizer.load(path)
    assert loaded == lemmatizer


def test_a_foreign_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(DataError):
        Lemmatizer.load(path)


def test_shipped_rules() -> None:
    lemmatizer = load_lemmatizer()
    assert lemmatizer is load_lemmatizer()  # cached: loaded once per process
    assert lemmatizer.lemma("کے", "ADP") == "کا"
    assert lemmatizer.lemma("گئے", "AUX") == "جانا"
    assert lemmatizer.lemma("دیا", "VERB") == "دینا"
