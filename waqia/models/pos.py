"""The part-of-speech model: a linear-chain CRF over the 17 Universal POS tags.

Trained by :func:`waqia.models.train.train_pos` on the UD Urdu-UDTB dev split, the only split
available here (CC BY-NC-SA 4.0, so the model is too), with a hand-written closed-class table,
Makhzan word frequencies and name statistics from IL-NER as extra knowledge. Takes normalised words
(``Token.norm``); see ``meta`` for sources, settings and scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from waqia.models._linear import ChainTagger, LinearChainModel

DEFAULT_FILE = "pos.npz"


class PosModel(ChainTagger):
    """Tags sentences of normalised words with UPOS. Immutable after construction."""

    def tag(self, words: Sequence[str]) -> list[str]:
        return self._crf.tag(words)

    @classmethod
    def load(cls, path: str) -> PosModel:
        return cls(LinearChainModel.load(path))


@lru_cache(maxsize=4)
def load_pos_model(path: str | None = None) -> PosModel:
    """The shipped UPOS model (or the one at ``path``), loaded once per process."""
    if path is None:
        with resources.as_file(resources.files("waqia.models").joinpath("data", DEFAULT_FILE)) as p:
            return PosModel.load(str(p))
    return PosModel.load(path)
