"""The BiLSTM tagger: numpy inference against the PyTorch forward pass, batching, file round trip."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from waqia.models._linear import LinearChainModel
from waqia.models._neural import NeuralTagger, NeuralVocab, char_ids
from waqia.models.features import FeatureSpec, Resources, WordVectors
from waqia.models.pos import PosModel

LABELS = ("NOUN", "PROPN", "ADP", "AUX", "PUNCT")
SENTENCES = [["علی", "کتاب", "میں", "ہے", "۔"], ["کتابیں", "ہیں"], ["علی", "کتاب", "ہے"]]
HINTS = [["B-PER", "O", "O", "O", "O"], ["O", "O"], ["B-PER", "O", "O"]]
GOLD = [["PROPN", "NOUN", "ADP", "AUX", "PUNCT"], ["NOUN", "AUX"], ["PROPN", "NOUN", "AUX"]]
# unseen words, an over-long word, an unseen entity tag, a one-word sentence
UNSEEN = [["علی", "نئی", "کتابیں", "میں"], ["کتاب"], ["ب" * 30, "ہے"]]
UNSEEN_HINTS = [["B-PER", "O", "O", "B-LOC"], ["O"], ["O", "O"]]


def resources() -> Resources:
    vectors = np.random.default_rng(0).standard_normal((2, 5)).astype(np.float16)
    return Resources(
        freq={"کتاب": 50, "کتابیں": 5},
        closed_class={"میں": "ADP"},
        name_ratio={"علی": "h"},
        vectors=WordVectors({"کتاب": 0, "میں": 1}, vectors),
    )


def _training() -> Any:
    """The training module, which needs torch (the ``train`` extra): skipped without it, except in CI,
    where the numpy forward pass must be checked against torch's."""
    try:
        from waqia.models import _neural_train
    except ImportError as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs torch for the tagger tests: {error}")
        pytest.skip(f"torch is not installed: {error}")
    return _neural_train


def trained(seeds: int = 2) -> tuple[Any, NeuralVocab, dict[str, npt.NDArray[Any]], list[dict[str, Any]]]:
    training = _training()
    settings = training.NeuralSettings(epochs=30, hidden=16, char_filters=8, char_dim=4, word_dim=4)
    res = resources()
    vocab = training.build_vocab(SENTENCES, HINTS, res, settings)
    nets = [
        training.train_network(SENTENCES, GOLD, HINTS, res, LABELS, vocab, settings, seed)
        for seed in range(seeds)
    ]
    arrays = {f"nn{s}_{name}": value for s, net in enumerate(nets) for name, value in net.items()}
    return settings, vocab, arrays, nets


def test_char_ids_keep_both_ends_of_long_words() -> None:
    chars = {"a": 2, "b": 3, "z": 4}
    assert char_ids("ab", chars, 4) == [2, 3]
    assert char_ids("aaqqzz", chars, 4) == [2, 2, 4, 4]  # q unknown → 1 would sit in the middle
    assert char_ids("aq", chars, 4) == [2, 1]


def test_numpy_forward_matches_torch() -> None:
    training = _training()
    settings, vocab, arrays, nets = trained()
    res = resources()
    tagger = NeuralTagger(LABELS, vocab, arrays, res, seeds=len(nets))
    got = tagger.log_probs(UNSEEN, UNSEEN_HINTS)
    for words, hints, logp in zip(UNSEEN, UNSEEN_HINTS, got, strict=True):
        reference = np.mean(
            [training.torch_log_probs(n, words, hints, vocab, res, len(LABELS), settings) for n in nets],
            axis=0,
        )
        assert logp.shape == (len(words), len(LABELS))
        np.testing.assert_allclose(logp, reference, atol=1e-5)
        assert (logp <= 0).all()  # a mean of log-probabilities over the networks


def test_batching_does_not_change_the_output() -> None:
    _, vocab, arrays, nets = trained()
    tagger = NeuralTagger(LABELS, vocab, arrays, resources(), seeds=len(nets))
    together = tagger.log_probs([*UNSEEN, []], [*UNSEEN_HINTS, []], batch_size=2)
    for words, hints, logp in zip(UNSEEN, UNSEEN_HINTS, together[:-1], strict=True):
        np.testing.assert_allclose(tagger.log_probs([words], [hints])[0], logp, atol=1e-6)
    assert together[-1].shape == (0, len(LABELS))


def test_training_is_deterministic() -> None:
    _, _, first, _ = trained(seeds=1)
    _, _, second, _ = trained(seeds=1)
    assert first.keys() == second.keys()
    for name, value in first.items():
        assert np.array_equal(value, second[name]), name


def crf(res: Resources) -> LinearChainModel:
    attributes = {"bias": 0}
    weights = np.zeros((2, len(LABELS)), dtype=np.float32)
    weights[0, 0] = 0.1  # NOUN unless the network says otherwise
    transitions = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
    spec = FeatureSpec("pos", window=1, prefixes=0, suffixes=0, context_suffixes=0, pairs=False)
    return LinearChainModel(LABELS, attributes, weights, transitions, spec, res, {})


def test_pos_model_file_round_trip(tmp_path: Path) -> None:
    _, vocab, arrays, nets = trained()
    res = resources()
    model = PosModel(
        crf(res), neural=NeuralTagger(LABELS, vocab, arrays, res, seeds=len(nets)), neural_weight=5.0
    )
    stored = dict(arrays)
    stored["nn_vocab"] = np.frombuffer(json.dumps(vocab.to_json()).encode("utf-8"), np.uint8)
    model.crf.meta = {"neural": {"weight": 5.0, "seeds": len(nets)}}
    path = tmp_path / "pos.npz"
    model.crf.save(path, stored)
    loaded = PosModel.load(str(path))
    assert loaded.neural is not None and loaded.neural.vocab == vocab
    expected = model.tag_many(SENTENCES + UNSEEN)
    assert loaded.tag_many(SENTENCES + UNSEEN) == expected
    assert [model.tag(s) for s in SENTENCES + UNSEEN] == expected
    # the network learnt the training sentences; the bare CRF would say NOUN everywhere
    assert expected[0] != ["NOUN"] * 5
    assert PosModel(crf(res)).tag(SENTENCES[0]) == ["NOUN"] * 5


def test_known_places_mark_the_name_ratio_category() -> None:
    from waqia.models._neural import word_categories

    plain = Resources(name_ratio={"پٹنہ": "h"})
    with_places = Resources(name_ratio={"پٹنہ": "h"}, known_places=frozenset({"پٹنہ"}))
    assert word_categories("پٹنہ", plain)["nr"] == "h"
    assert word_categories("پٹنہ", with_places)["nr"] == "hp"
    assert word_categories("کتاب", with_places)["nr"] == "u"
    assert word_categories("۔", Resources(known_places=frozenset({"۔"})))["nr"] == "u"
