"""A pipeline: an ordered list of plain ``Document -> Document`` stages.

Each stage declares the annotations it ``requires`` and ``provides`` (``"norm"``, ``"sentences"``,
``"tokens"``, ...). :class:`Pipeline` checks the order when it is built, so a pipeline that could
never work fails at construction, not halfway through a night's batch.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from waqia._errors import PipelineError, WaqiaError
from waqia.document import Document

logger = logging.getLogger("waqia")
logger.addHandler(logging.NullHandler())


@runtime_checkable
class Stage(Protocol):
    """A pipeline stage: a callable that annotates a document and returns it."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


@dataclass(frozen=True)
class StageFailure:
    """A document a stage could not process, for batch error reports."""

    doc_id: str
    stage: str
    error: Exception


class Pipeline:
    """Run stages in order. Two pipelines share nothing mutable and can live in one process."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        have: set[str] = set()
        names: set[str] = set()
        for stage in stages:
            if not isinstance(stage, Stage):
                raise PipelineError(f"{stage!r} is not a stage (needs name, requires, provides, __call__)")
            if stage.name in names:
                raise PipelineError(f"two stages are named {stage.name!r}")
            missing = [r for r in stage.requires if r not in have]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {missing}, which no earlier stage provides"
                )
            have.update(stage.provides)
            names.add(stage.name)
        self.stages: tuple[Stage, ...] = tuple(stages)
        self.provides = frozenset(have)

    @property
    def stage_names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
            doc.provided.update(stage.provides)
        return doc

    def pipe(self, docs: Iterable[Document], on_error: str = "raise") -> Iterator[Document | StageFailure]:
        """Process documents one by one.

        ``on_error``: ``"raise"`` re-raises; ``"record"`` yields a :class:`StageFailure` in place of
        the document and goes on. :class:`~waqia.NotUrduError` and other :class:`~waqia.WaqiaError`
        are recorded the same way, so one bad article never stops a batch.
        """
        if on_error not in ("raise", "record"):
            raise ValueError("on_error must be 'raise' or 'record'")
        for doc in docs:
            current = "?"
            try:
                for stage in self.stages:
                    current = stage.name
                    doc = stage(doc)
                    doc.provided.update(stage.provides)
            except Exception as error:  # a bug on one article must not end a night's batch
                if on_error == "raise" or not isinstance(
                    error,
                    WaqiaError | ValueError | LookupError | ArithmeticError | RecursionError | TypeError,
                ):
                    raise
                    raise
                logger.warning("%s: stage %s failed: %s", doc.doc_id, current, error)
                yield StageFailure(doc.doc_id, current, error)
                continue
            yield doc
