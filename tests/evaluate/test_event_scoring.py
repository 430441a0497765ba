"""The event scorer agrees with the reference scorer, and the evaluation runs end to end.

The reference scorer is loaded from the shared folder (never copied); the gold documents are read
from there too. Predictions come from the project's own pipeline, run on the gold texts only.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from waqia.document import Document
from waqia.evaluate.events import evaluate_events, input_documents, match_events, predict, score_events
from waqia.pipeline import Pipeline
from waqia.stages.events import EventExtractor
from waqia.stages.normalize import Normalizer
from waqia.stages.segment import Segmenter


def _reference(shared_data: Path) -> ModuleType:
    path = shared_data.parent / "tools" / "score_events.py"
    if not path.is_file():
        pytest.skip(f"reference scorer not found at {path}")
    spec = importlib.util.spec_from_file_location("reference_score_events", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold(shared_data: Path) -> list[dict[str, Any]]:
    path = shared_data / "gold" / "dev.jsonl"
    if not path.is_file():
        pytest.skip(f"gold dev set not found at {path}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _pipeline() -> Pipeline:
    stages: list[Any] = [Normalizer(), Segmenter()]
    try:
        from waqia.stages.places import PlaceResolver

        stages.append(PlaceResolver())
    except ImportError:  # the scorer agreement does not depend on the place stage
        pass
    stages.append(EventExtractor())
    return Pipeline(stages)


@pytest.mark.shared_data
def test_agrees_with_the_reference_scorer_on_the_dev_set(shared_data: Path) -> None:
    reference = _reference(shared_data)
    gold = _gold(shared_data)
    predicted = [d.to_json() for d in predict(gold, _pipeline())]
    ours = score_events(gold, predicted)
    theirs = reference.score(gold, predicted)
    assert ours == theirs
    assert ours["events"]["all"]["pred"] > 0


@pytest.mark.shared_data
def test_agrees_on_gold_against_itself_and_on_nothing(shared_data: Path) -> None:
    reference = _reference(shared_data)
    gold = _gold(shared_data)
    assert score_events(gold, gold) == reference.score(gold, gold)
    assert score_events(gold, gold)["events"]["all"]["f1"] == 1.0
    empty = [{"doc_id": g["doc_id"], "events": []} for g in gold[:5]]
    assert score_events(gold, empty) == reference.score(gold, empty)


@pytest.mark.shared_data
def test_the_pipeline_never_sees_the_gold_events(shared_data: Path) -> None:
    gold = _gold(shared_data)
    assert all(not d.events for d in input_documents(gold))


@pytest.mark.shared_data
def test_evaluate_events_runs(shared_data: Path) -> None:
    result = evaluate_events(shared_data / "gold" / "dev.jsonl", _pipeline())
    assert result["documents"] == len(_gold(shared_data))
    assert result["missing_predictions"] == []


def _event(typ: str, start: int, end: int, text: str) -> dict[str, Any]:
    return {
        "type": typ,
        "modality": "asserted",
        "trigger": {"text": text[start:end], "start": start, "end": end},
    }


def test_matching_is_one_to_one_with_overlap_first() -> None:
    text = "پہلا جملہ۔ دوسرا جملہ حملہ اور حملہ۔"
    gold = [_event("ASSAULT", 22, 26, text), _event("ASSAULT", 30, 34, text)]
    pred = [_event("ASSAULT", 30, 34, text), _event("ASSAULT", 11, 16, text)]
    pairs = dict(match_events(pred, gold, text))
    assert pairs == {0: 1, 1: 0}
    result = score_events([{"doc_id": "x", "text": text, "events": gold}], [{"doc_id": "x", "events": pred}])
    assert result["events"]["all"]["f1"] == 1.0


def test_documents_are_accepted_as_predictions() -> None:
    text = "پولیس نے ملزم کو گرفتار کر لیا۔"
    doc = _pipeline()(Document(raw=text, doc_id="x"))
    gold = [{"doc_id": "x", "text": text, "events": [_event("COERCE", 9, 16, text)]}]
    assert score_events(gold, [doc])["events"]["all"]["matched"] == 1
