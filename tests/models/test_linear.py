"""The array CRF: Viterbi decoding, file round trip, no pickle."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from waqia._errors import DataError
from waqia.models._linear import LinearChainModel
from waqia.models.features import FeatureSpec, PhraseMatcher, Resources, WordVectors, vector_feature


def tiny_model() -> LinearChainModel:
    labels = ("O", "B-LOC", "I-LOC")
    attributes = {"bias": 0, "w=لاہور": 1, "w=آباد": 2, "-1w=اسلام": 3, "w=اسلام": 4}
    weights = np.zeros((len(attributes) + 1, 3), dtype=np.float32)
    weights[0] = [1.0, 0.0, 0.0]  # O by default
    weights[1] = [0.0, 3.0, 0.0]
    weights[2] = [0.0, 0.5, 0.5]
    weights[3] = [0.0, 0.0, 2.0]
    weights[4] = [0.0, 2.0, 0.0]
    transitions = np.zeros((3, 3), dtype=np.float32)
    transitions[0, 2] = -5.0  # I-LOC never follows O
    spec = FeatureSpec("ner", window=1, prefixes=0, suffixes=0, context_suffixes=0, pairs=False)
    resources = Resources(freq={"لاہور": 30}, names=PhraseMatcher.from_entries([("لاہور", "LOC")]))
    return LinearChainModel(labels, attributes, weights, transitions, spec, resources, {"note": "tiny"})


def test_viterbi_uses_emissions_and_transitions() -> None:
    model = tiny_model()
    assert model.tag(["لاہور", "میں"]) == ["B-LOC", "O"]
    assert model.tag(["اسلام", "آباد", "میں"]) == ["B-LOC", "I-LOC", "O"]
    assert model.tag([]) == []


def test_viterbi_matches_brute_force() -> None:
    model = tiny_model()
    rng = np.random.default_rng(0)
    scores = rng.normal(size=(4, 3)).astype(np.float32)
    best = max(
        ((a, b, c, d) for a in range(3) for b in range(3) for c in range(3) for d in range(3)),
        key=lambda p: (
            sum(scores[i, p[i]] for i in range(4)) + sum(model.transitions[p[i], p[i + 1]] for i in range(3))
        ),
    )
    assert model.viterbi(scores) == list(best)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    model = tiny_model()
    path = tmp_path / "tiny.npz"
    model.save(path)
    loaded = LinearChainModel.load(path)
    assert loaded.labels == model.labels
    assert loaded.meta == {"note": "tiny"}
    assert loaded.resources.freq == {"لاہور": 30}
    assert len(loaded.resources.names) == 1
    for words in (["لاہور", "میں"], ["اسلام", "آباد"], ["x"]):
        assert loaded.tag(words) == model.tag(words)
    with np.load(path, allow_pickle=False) as data:  # plain arrays only
        assert data["weights"].dtype == np.float32


def test_a_broken_file_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.npz"
    path.write_bytes(b"not a zip")
    with pytest.raises(DataError):
        LinearChainModel.load(path)


def vector_model() -> LinearChainModel:
    """Two labels; the only evidence for ``B-LOC`` is dimension 0 of a word's (or its neighbour's) vector."""
    labels = ("O", "B-LOC")
    attributes = {"bias": 0, vector_feature(0, 0): 1, vector_feature(1, 0): 2, "h0t=LOC": 3}
    weights = np.zeros((len(attributes) + 1, 2), dtype=np.float32)
    weights[0] = [1.0, 0.0]
    weights[1] = [0.0, 4.0]  # own vector, dimension 0
    weights[2] = [0.0, -4.0]  # the next word's vector, dimension 0
    weights[3] = [0.0, 0.5]
    matrix = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float16)
    vectors = WordVectors({"کوئٹہ": 0, "گیا": 1}, matrix)
    spec = FeatureSpec(
        "ner",
        window=0,
        prefixes=0,
        suffixes=0,
        context_suffixes=0,
        pairs=False,
        vector_window=1,
        hint_window=0,
    )
    return LinearChainModel(
        labels, attributes, weights, np.zeros((2, 2), np.float32), spec, Resources(vectors=vectors)
    )


def test_vector_features_score_each_offset() -> None:
    model = vector_model()
    scores = model.emissions(["کوئٹہ", "گیا"])
    # own vector [1, 0] gives +4 to B-LOC; the next word's vector has 0 in dimension 0
    assert scores[0].tolist() == [1.0, 4.0]
    # word 2: own vector [0, 1]; its predecessor is at offset -1, which has no block weights
    assert scores[1].tolist() == [1.0, 0.0]
    # a known word followed by the vector word: the next word's dimension 0 counts against B-LOC
    assert model.emissions(["گیا", "کوئٹہ"])[0].tolist() == [1.0, -4.0]
    assert model.tag(["کوئٹہ"]) == ["B-LOC"] and model.tag(["نامعلوم"]) == ["O"]


def test_hints_add_their_features() -> None:
    model = vector_model()
    without = model.emissions(["گیا"])
    with_hint = model.emissions(["گیا"], ["B-LOC"])
    assert (with_hint - without).tolist() == [[0.0, 0.5]]


def test_vectors_survive_the_file_round_trip(tmp_path: Path) -> None:
    model = vector_model()
    path = tmp_path / "vectors.npz"
    model.save(path)
    loaded = LinearChainModel.load(path)
    assert loaded.spec == model.spec
    assert dict(loaded.resources.vectors.index) == {"کوئٹہ": 0, "گیا": 1}
    assert loaded.resources.vectors.matrix.dtype == np.float16
    for words in (["کوئٹہ", "گیا"], ["گیا", "کوئٹہ"], ["x"]):
        assert np.array_equal(loaded.emissions(words), model.emissions(words))


def test_known_places_survive_the_file_round_trip(tmp_path: Path) -> None:
    labels = ("NOUN", "PROPN")
    attributes = {"bias": 0, "kp": 1, "kb=B": 2}
    weights = np.zeros((len(attributes) + 1, 2), dtype=np.float32)
    weights[0] = [1.0, 0.0]
    weights[1] = [0.0, 3.0]
    weights[2] = [0.0, 3.0]
    spec = FeatureSpec("pos", window=0, prefixes=0, suffixes=0, pairs=False, known_places=True)
    resources = Resources(known_places=frozenset({"پٹنہ", "نییدہلی"}))
    model = LinearChainModel(labels, attributes, weights, np.zeros((2, 2), np.float32), spec, resources)
    path = tmp_path / "places.npz"
    model.save(path)
    loaded = LinearChainModel.load(path)
    assert loaded.resources.known_places == frozenset({"پٹنہ", "نییدہلی"})
    assert loaded.tag(["پٹنہ"]) == ["PROPN"] and loaded.tag(["کتاب"]) == ["NOUN"]
    assert loaded.tag(["نئی", "دہلی"])[0] == "PROPN"
