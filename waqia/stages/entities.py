"""Stage: named entities (people, places, organisations, numbers, dates).

Fills ``Token.ent`` with IOB tags (``B-PER``, ``I-PER``, ``O``) from ``Token.norm`` with the shipped
CRF entity model (:mod:`waqia.models.ner`), and lists the entity spans in ``doc.meta["entities"]``
as ``{"label", "start", "end", "text"}`` with *raw* offsets (``doc.raw[start:end] == text``).

``names`` adds entries to the model's name lexicon (for instance the gazetteer's place names);
``types`` keeps only some entity types (default: all six: PER LOC ORG NUM TIME ART).
The model loads lazily, once per process, on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Any

from waqia.document import Document
from waqia.models.features import normalise_token
from waqia.models.ner import TYPES, EntityModel, iob_entities, load_entity_model
from waqia.stages.tag import sentence_chunks


class EntityRecognizer:
    """Stage ``entities``: IOB entity tags on tokens and entity spans in ``doc.meta["entities"]``."""

    name = "entities"
    requires: tuple[str, ...] = ("tokens",)
    provides: tuple[str, ...] = ("entities",)

    def __init__(
        self,
        model: EntityModel | None = None,
        *,
        names: Iterable[tuple[str, str]] | None = None,
        types: Sequence[str] = TYPES,
    ) -> None:
        self._model = model
        self._names = tuple(names) if names is not None else ()
        self.types = frozenset(types)

    @cached_property
    def model(self) -> EntityModel:
        base = self._model if self._model is not None else load_entity_model()
        # built once per stage, on first use; the weights are shared with the cached model
        return base.with_names(self._names) if self._names else base

    def _keep(self, tags: list[str]) -> list[str]:
        if len(self.types) == len(TYPES):
            return tags
        return [t if t == "O" or t[2:] in self.types else "O" for t in tags]

    def tag_normalised(self, words: Sequence[str]) -> list[str]:
        return self._keep(self.model.tag(words))

    def tag_words(self, words: Sequence[str]) -> list[str]:
        """IOB tags for one sentence of raw words (normalised here first, as the pipeline does)."""
        return self.tag_normalised([normalise_token(w) for w in words])

    def __call__(self, doc: Document) -> Document:
        spans: list[dict[str, Any]] = []
        for tokens in sentence_chunks(doc):
            tags = self.tag_normalised([t.norm for t in tokens])
            for token, tag in zip(tokens, tags, strict=True):
                token.ent = tag
            for start, end, label in iob_entities(tags):
                first, last = tokens[start], tokens[end - 1]
                spans.append(
                    {
                        "label": label,
                        "start": first.start,
                        "end": last.end,
                        "text": doc.raw[first.start : last.end],
                    }
                )
        doc.meta["entities"] = spans
        return doc
