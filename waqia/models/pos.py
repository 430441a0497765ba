"""The part-of-speech model: a linear-chain CRF over the 17 Universal POS tags.

Trained by :func:`waqia.models.train.train_pos` on the UD Urdu-UDTB dev split, the only split
available here (CC BY-NC-SA 4.0, so the model is too), with a hand-written closed-class table,
Makhzan word frequencies, name statistics from IL-NER and word vectors learnt from unlabelled
IL-NER and UD text as extra knowledge. Takes normalised words (``Token.norm``); see ``meta`` for
sources, settings and scores.

A model trained with *hint* features (``spec.hint_window >= 0``) also reads the entity model's tags
for the same sentence: they mark the words of names, which UD tags PROPN. The entity model is the
shipped one unless another is passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from waqia.models._linear import ChainTagger, LinearChainModel
from waqia.models.ner import EntityModel, load_entity_model

DEFAULT_FILE = "pos.npz"


class PosModel(ChainTagger):
    """Tags sentences of normalised words with UPOS. Immutable after construction."""

    def __init__(self, crf: LinearChainModel, entity_model: EntityModel | None = None) -> None:
        super().__init__(crf)
        self._entity_model = entity_model

    @property
    def uses_entities(self) -> bool:
        return self._crf.spec.hint_window >= 0

    @property
    def entity_model(self) -> EntityModel:
        return self._entity_model if self._entity_model is not None else load_entity_model()

    def tag(self, words: Sequence[str]) -> list[str]:
        hints = self.entity_model.tag(words) if self.uses_entities and words else None
        return self._crf.tag(words, hints)

    @classmethod
    def load(cls, path: str, entity_model: EntityModel | None = None) -> PosModel:
        return cls(LinearChainModel.load(path), entity_model)


@lru_cache(maxsize=4)
def load_pos_model(path: str | None = None) -> PosModel:
    """The shipped UPOS model (or the one at ``path``), loaded once per process."""
    if path is None:
        with resources.as_file(resources.files("waqia.models").joinpath("data", DEFAULT_FILE)) as p:
            return PosModel.load(str(p))
    return PosModel.load(path)
