"""The two entry points most users need: :func:`load` a pipeline, :func:`extract` from one text."""

from __future__ import annotations

from waqia.document import Document
from waqia.pipeline import Pipeline, Stage
from waqia.stages.actors import ActorResolver
from waqia.stages.events import EventExtractor
from waqia.stages.language import LanguageIdentifier
from waqia.stages.normalize import NormalizationConfig, Normalizer
from waqia.stages.places import PlaceResolver
from waqia.stages.segment import Segmenter


def load(
    *,
    normalization: NormalizationConfig | None = None,
    identify_language: bool = True,
    events: bool = True,
    tagging: bool = False,
    home_country: str | None = "PAK",
) -> Pipeline:
    """Build the default pipeline: language check, normalisation, sentences and tokens, then (with
    ``events``) places, actors and events.

    ``tagging`` adds the trained part-of-speech/lemma tagger and named-entity recogniser after the
    segmenter (off by default: the event stage does not use them yet, and the NER model is below
    its accuracy target). ``home_country`` is the country assumed for places and actors the text
    does not place (the default suits Pakistani news). Each call builds a new pipeline; pipelines
    share only immutable tables. Cross-document clusters need the whole batch: see
    :func:`waqia.cluster_events`.
    """
    stages: list[Stage] = []
    if identify_language:
        stages.append(LanguageIdentifier())
    stages.append(Normalizer(normalization))
    stages.append(Segmenter())
    if tagging:
        from waqia.stages.entities import EntityRecognizer
        from waqia.stages.tag import Tagger

        stages.extend([Tagger(), EntityRecognizer()])
    if events:
        places = PlaceResolver(home_country=home_country or "PAK")
        stages.extend([places, ActorResolver(places=places, home_country=home_country), EventExtractor()])
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
