from __future__ import annotations

import pytest

from waqia._errors import NotUrduError, PipelineError
from waqia.document import Document
from waqia.pipeline import Pipeline, StageFailure


class _Stage:
    def __init__(
        self, name: str, requires: tuple[str, ...], provides: tuple[str, ...], fail_on: str | None = None
    ) -> None:
        self.name, self.requires, self.provides, self.fail_on = name, requires, provides, fail_on

    def __call__(self, doc: Document) -> Document:
        if doc.doc_id == self.fail_on:
            raise NotUrduError(doc.doc_id, "en", 0.99)
        doc.meta.setdefault("order", []).append(self.name)
        return doc


def test_stages_run_in_order_and_record_what_they_provide() -> None:
    pipeline = Pipeline([_Stage("a", (), ("x",)), _Stage("b", ("x",), ("y",))])
    doc = pipeline(Document(raw="متن"))
    assert doc.meta["order"] == ["a", "b"]
    assert {"x", "y"} <= doc.provided
    assert pipeline.provides == {"x", "y"}


def test_unmet_requirement_fails_when_the_pipeline_is_built() -> None:
    with pytest.raises(PipelineError, match="requires"):
        Pipeline([_Stage("b", ("x",), ("y",)), _Stage("a", (), ("x",))])


def test_duplicate_names_and_non_stages_are_rejected() -> None:
    with pytest.raises(PipelineError):
        Pipeline([_Stage("a", (), ()), _Stage("a", (), ())])
    with pytest.raises(PipelineError):
        Pipeline([lambda doc: doc])  # type: ignore[list-item]


def test_pipe_records_a_failure_and_goes_on() -> None:
    pipeline = Pipeline([_Stage("a", (), ("x",), fail_on="bad")])
    docs = [
        Document(raw="ایک", doc_id="one"),
        Document(raw="دو", doc_id="bad"),
        Document(raw="تین", doc_id="three"),
    ]
    results = list(pipeline.pipe(docs, on_error="record"))
    assert [r.doc_id for r in results] == ["one", "bad", "three"]
    assert isinstance(results[1], StageFailure) and results[1].stage == "a"
    with pytest.raises(NotUrduError):
        list(pipeline.pipe(docs))


def test_two_pipelines_share_no_state() -> None:
    first = Pipeline([_Stage("a", (), ("x",))])
    second = Pipeline([_Stage("b", (), ("y",))])
    assert first(Document(raw="x")).meta["order"] == ["a"]
    assert second(Document(raw="x")).meta["order"] == ["b"]
