"""The two entry points most users need: :func:`load` a pipeline, :func:`extract` from one text."""

from __future__ import annotations

from waqia.document import Document
from waqia.pipeline import Pipeline, Stage
from waqia.stages.language import LanguageIdentifier
from waqia.stages.normalize import NormalizationConfig, Normalizer
from waqia.stages.segment import Segmenter


def load(
    *,
    normalization: NormalizationConfig | None = None,
    identify_language: bool = True,
) -> Pipeline:
    """Build the default pipeline: language check, normalisation, sentences and tokens.

    Each call builds a new pipeline; pipelines share only immutable tables.
    """
    stages: list[Stage] = []
    if identify_language:
        stages.append(LanguageIdentifier())
    stages.append(Normalizer(normalization))
    stages.append(Segmenter())
    return Pipeline(stages)


def extract(
    text: str | Document,
    *,
    pub_date: str | None = None,
    doc_id: str = "doc",
    pipeline: Pipeline | None = None,
) -> Document:
    """Run the pipeline on one article and return the annotated document.

    Raises :class:`~waqia.NotUrduError` if the text is not Urdu.
    """
    doc = text if isinstance(text, Document) else Document(raw=text, doc_id=doc_id, pub_date=pub_date)
    return (pipeline or load())(doc)
