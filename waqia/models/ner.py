"""The named-entity model: a linear-chain CRF over BIO tags of six types.

Types: PER person, LOC location, ORG organisation (the names), and NUM number, TIME date/time, ART
artefact (schemes, publications), kept because the event stage reads counts and dates. Trained by
:func:`waqia.models.train.train_ner` on IL-NER (CC BY 4.0); the model file records its sources,
licences, settings and scores (``meta``).

The model takes *normalised* words (``Token.norm``). A name lexicon is part of the model (its
``LOC``/``ORG``/``PER`` entries fire a gazetteer feature the model learnt to trust); callers can add
names to it, e.g. the project gazetteer's place names, with :meth:`EntityModel.with_names`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources

from waqia.models._linear import ChainTagger, LinearChainModel
from waqia.models.features import PhraseMatcher, fold

DEFAULT_FILE = "ner.npz"
TYPES = ("PER", "LOC", "ORG", "NUM", "TIME", "ART")
NAME_LABELS = ("PER", "LOC", "ORG")


def iob_entities(tags: Sequence[str], *, io: bool = False) -> list[tuple[int, int, str]]:
    """``(start, end, type)`` of every entity in an IOB tag sequence (``end`` exclusive).

    ``I-X`` after ``O`` or after another type starts an entity (lenient, as conlleval); with
    ``io=True`` a ``B-X`` right after an ``X`` entity continues it.
    """
    out: list[tuple[int, int, str]] = []
    start: int | None = None
    current: str | None = None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, etype = tag.partition("-")
        if tag == "O" or not etype:
            prefix, etype = "O", ""
        continues = etype == current and (prefix == "I" or (io and prefix == "B"))
        if continues:
            continue
        if current is not None and start is not None:
            out.append((start, i, current))
        start, current = (i, etype) if prefix != "O" else (None, None)
    return out


class EntityModel(ChainTagger):
    """Tags sentences of normalised words with IOB entity tags. Immutable after construction."""

    @property
    def lexicon_size(self) -> int:
        return len(self._crf.resources.names)

    def tag(self, words: Sequence[str]) -> list[str]:
        """IOB tags (``B-PER``, ``I-PER``, ``O``) for one sentence."""
        return self._crf.tag(words)

    def with_names(self, names: Iterable[tuple[str, str]]) -> EntityModel:
        """A model whose name lexicon also holds ``names``: ``(text, label)``, label in PER/LOC/ORG.

        The weights are shared, not copied. Names are matched on folded, space-separated words, so
        pass them in the spelling of ``Token.norm``.
        """
        phrases = dict(self._crf.resources.names.phrases)
        for text, label in names:
            if label not in NAME_LABELS:
                raise ValueError(f"name label must be one of {NAME_LABELS}, not {label!r}")
            k = tuple(fold(w) for w in text.replace("_", " ").split() if w)
            if k and k not in phrases:
                phrases[k] = label
        res = dataclasses.replace(self._crf.resources, names=PhraseMatcher(phrases))
        crf = LinearChainModel(
            self._crf.labels,
            self._crf.attributes,
            self._crf.weights,
            self._crf.transitions,
            self._crf.spec,
            res,
            self._crf.meta,
        )
        return EntityModel(crf)

    @classmethod
    def load(cls, path: str) -> EntityModel:
        return cls(LinearChainModel.load(path))


@lru_cache(maxsize=4)
def load_entity_model(path: str | None = None) -> EntityModel:
    """The shipped entity model (or the one at ``path``), loaded once per process."""
    if path is None:
        with resources.as_file(resources.files("waqia.models").joinpath("data", DEFAULT_FILE)) as p:
            return EntityModel.load(str(p))
    return EntityModel.load(path)
