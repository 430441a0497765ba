"""Resources built at training time: word vectors and clusters from unlabelled text."""

from __future__ import annotations

import numpy as np

from waqia.models._resources import build_clusters, build_vectors


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
