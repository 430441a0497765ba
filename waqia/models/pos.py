"""The part-of-speech model: a linear-chain CRF over the Universal POS tags, plus a BiLSTM.

Trained by :func:`waqia.models.train.train_pos` on the UD Urdu-UDTB dev split, the only split
available here (CC BY-NC-SA 4.0, so the model is too), with a hand-written closed-class table,
Makhzan word frequencies, name statistics from IL-NER and word vectors learnt from unlabelled
IL-NER and UD text as extra knowledge. Takes normalised words (``Token.norm``); see ``meta`` for
sources, settings and scores.

A model trained with *hint* features (``spec.hint_window >= 0``) also reads the entity model's tags
for the same sentence: they mark the words of names, which UD tags PROPN. The entity model is the
shipped one unless another is passed.

A model file may also hold a small BiLSTM tagger (:mod:`waqia.models._neural`, ``nn_*`` arrays).
Its log-probabilities, times ``meta["neural"]["weight"]``, are added to the CRF's emission scores
before Viterbi decoding with the CRF's transitions: the CRF brings the sparse lexical features, the
network character shapes and dense context, and the sum beats both (docs/models.md).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from waqia._errors import DataError
from waqia.models._linear import ChainTagger, LinearChainModel
from waqia.models._neural import NeuralTagger, NeuralVocab
from waqia.models.ner import EntityModel, load_entity_model

DEFAULT_FILE = "pos.npz"


class PosModel(ChainTagger):
    """Tags sentences of normalised words with UPOS. Immutable after construction."""

    def __init__(
        self,
        crf: LinearChainModel,
        entity_model: EntityModel | None = None,
        neural: NeuralTagger | None = None,
        neural_weight: float = 0.0,
    ) -> None:
        super().__init__(crf)
        self._entity_model = entity_model
        if neural is not None and neural.labels != crf.labels:
            raise DataError("the neural tagger's labels differ from the CRF's")
        self._neural = neural
        self._neural_weight = neural_weight

    @property
    def uses_entities(self) -> bool:
        return self._crf.spec.hint_window >= 0

    @property
    def entity_model(self) -> EntityModel:
        return self._entity_model if self._entity_model is not None else load_entity_model()

    @property
    def crf(self) -> LinearChainModel:
        return self._crf

    @property
    def neural(self) -> NeuralTagger | None:
        return self._neural

    def tag(self, words: Sequence[str]) -> list[str]:
        return self.tag_many([words])[0]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tags of several sentences; the neural part runs them in batches, which is faster."""
        entity_model = self.entity_model if self.uses_entities else None
        hints = [entity_model.tag(w) if entity_model is not None and w else ["O"] * len(w) for w in sentences]
        scores = [
            self._crf.emissions(w, h if entity_model is not None else None) if w else None
            for w, h in zip(sentences, hints, strict=True)
        ]
        if self._neural is not None and self._neural_weight:
            for k, logp in enumerate(self._neural.log_probs(sentences, hints)):
                score = scores[k]
                if score is not None:
                    score += self._neural_weight * logp
        labels = self._crf.labels
        return [[labels[i] for i in self._crf.viterbi(s)] if s is not None else [] for s in scores]

    @classmethod
    def load(cls, path: str, entity_model: EntityModel | None = None) -> PosModel:
        crf = LinearChainModel.load(path)
        neural_meta = crf.meta.get("neural")
        if not neural_meta:
            return cls(crf, entity_model)
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {name: np.asarray(data[name]) for name in data.files if name.startswith("nn")}
        except (OSError, ValueError) as error:
            raise DataError(f"cannot read model file {path}: {error}") from error
        neural = neural_from_arrays(crf, arrays, neural_meta)
        return cls(crf, entity_model, neural, float(neural_meta["weight"]))


def neural_from_arrays(
    crf: LinearChainModel, arrays: Mapping[str, npt.NDArray[Any]], neural_meta: Mapping[str, Any]
) -> NeuralTagger:
    """The BiLSTM stored next to ``crf`` (``nn_vocab`` plus ``nn{seed}_*`` weight arrays)."""
    if "nn_vocab" not in arrays:
        raise DataError("model file has neural settings but no nn_vocab entry")
    vocab = NeuralVocab.from_json(json.loads(bytes(arrays["nn_vocab"].tobytes()).decode("utf-8")))
    weights = {k: v for k, v in arrays.items() if k != "nn_vocab"}
    return NeuralTagger(crf.labels, vocab, weights, crf.resources, seeds=int(neural_meta["seeds"]))


@lru_cache(maxsize=4)
def load_pos_model(path: str | None = None) -> PosModel:
    """The shipped UPOS model (or the one at ``path``), loaded once per process."""
    if path is None:
        with resources.as_file(resources.files("waqia.models").joinpath("data", DEFAULT_FILE)) as p:
            return PosModel.load(str(p))
    return PosModel.load(path)
