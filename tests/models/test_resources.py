"""Resources built at training time: word vectors and clusters from unlabelled text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from waqia._errors import DataError
from waqia.models._resources import actor_names, build_clusters, build_vectors, gazetteer_place_keys


def toy_corpus() -> list[list[str]]:
    # two word classes that share contexts: cities after "میں"-like frames, verbs before "ہے"
    cities = ["لاہور", "کراچی", "پشاور", "کوئٹہ"]
    verbs = ["آیا", "گیا", "بیٹھا", "رکا"]
    sentences = []
    for i in range(40):
        city, verb = cities[i % 4], verbs[(i // 4) % 4]
        sentences.append(["وہ", city, "میں", verb, "ہے"])
        sentences.append(["شہر", city, "بڑا", "ہے"])
    return sentences


def test_vectors_are_deterministic_float16_unit_scale() -> None:
    first = build_vectors(toy_corpus(), seed=3, dim=4, contexts=20)
    again = build_vectors(toy_corpus(), seed=3, dim=4, contexts=20)
    assert first.index == again.index
    assert np.array_equal(first.matrix, again.matrix)
    assert first.matrix.dtype == np.float16 and first.dim == 4
    assert "لاہور" in first.index
    # rows have length sqrt(dim) / 3 before rounding
    norms = np.linalg.norm(first.matrix.astype(np.float32), axis=1)
    assert np.allclose(norms, 2 / 3, atol=0.01)


def test_words_with_the_same_contexts_get_close_vectors() -> None:
    vectors = build_vectors(toy_corpus(), seed=0, dim=4, contexts=20)

    def cosine(a: str, b: str) -> float:
        x = vectors.matrix[vectors.index[a]].astype(np.float32)
        y = vectors.matrix[vectors.index[b]].astype(np.float32)
        return float(x @ y / (np.linalg.norm(x) * np.linalg.norm(y)))

    assert cosine("لاہور", "کراچی") > cosine("لاہور", "گیا")


def test_clusters_are_deterministic_paths() -> None:
    first = build_clusters(toy_corpus(), seed=1, branching=2, depth=2)
    assert first == build_clusters(toy_corpus(), seed=1, branching=2, depth=2)
    path = first["لاہور"]
    assert path[0] == path[1][:1]  # coarse-to-fine prefixes


def toy_gazetteer(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE place (id INTEGER PRIMARY KEY, ref INTEGER, slug TEXT, name TEXT NOT NULL,
            type INTEGER NOT NULL, cc TEXT, admin1 INTEGER, region INTEGER, county INTEGER,
            lat INTEGER, lon INTEGER, pop INTEGER);
        CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, src INTEGER NOT NULL,
            PRIMARY KEY (key, place)) WITHOUT ROWID;
        CREATE TABLE common (key TEXT PRIMARY KEY) WITHOUT ROWID;
        INSERT INTO place VALUES (1, 1, NULL, 'India', 0, 'IND', NULL, NULL, NULL, NULL, NULL, NULL);
        INSERT INTO place VALUES (2, 2, NULL, 'Patna', 4, 'IND', NULL, NULL, NULL, NULL, NULL, 2000000);
        INSERT INTO place VALUES (3, 3, NULL, 'Kam', 4, 'IRN', NULL, NULL, NULL, NULL, NULL, 300);
        INSERT INTO name VALUES ('بھارت', 1, 8), ('پٹنہ', 2, 1), ('کام', 3, 1), ('پتنا', 2, 2),
            ('اب', 3, 4), ('قم', 3, 1);
        INSERT INTO common VALUES ('کام');
        """
    )
    con.commit()
    con.close()
    return path


def test_gazetteer_place_keys_leave_out_common_words_and_foreign_spellings(tmp_path: Path) -> None:
    path = toy_gazetteer(tmp_path / "g.sqlite")
    keys = gazetteer_place_keys(path)
    # 'کام' is flagged common; 'پتنا' is only an Arabic/Persian spelling (src 2)
    assert keys == frozenset({"بھارت", "پٹنہ", "اب", "قم"})
    # frequent words the common table misses are dropped with a frequency list; countries stay
    assert gazetteer_place_keys(path, freq={"اب": 5000, "پٹنہ": 20}) == frozenset({"بھارت", "پٹنہ", "قم"})
    assert gazetteer_place_keys(path, min_population=10_000) == frozenset({"بھارت", "پٹنہ"})


def test_gazetteer_place_keys_need_a_gazetteer(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        gazetteer_place_keys(tmp_path / "missing.sqlite")


def test_actor_names_are_named_actors_given_names_and_titles() -> None:
    entries = actor_names()
    labels = dict(entries)
    assert labels["پاک فوج"] == "ORG"
    assert labels["محمد"] == "PER"
    assert "TITLE" in labels.values()
    # words for kinds of actor are not names
    assert "دہشت گرد" not in labels and "پولیس" not in labels
