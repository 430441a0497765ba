"""Coding one partition: the function every engine runs, in-process or on a Dask worker.

It takes the pipeline as an argument instead of building one, so the (slow) models and gazetteer
are loaded once per process by the engine, never once per partition.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from waqia._api import load
from waqia._errors import InputError
from waqia._io import sha256_of
from waqia.batch._output import (
    docs_bytes,
    errors_bytes,
    event_row,
    events_table,
    partition_file,
    read_json,
    write_bytes,
    write_json,
    write_parquet,
)
from waqia.batch._partition import ErrorRecord, Partition
from waqia.document import Document
from waqia.pipeline import Pipeline, StageFailure


@dataclass(frozen=True)
class PipelineOptions:
    """The options of :func:`waqia.load` a run uses; part of what makes two runs' outputs comparable."""

    identify_language: bool = True
    tagging: bool = False
    home_country: str | None = "PAK"

    def build(self) -> Pipeline:
        return load(
            identify_language=self.identify_language, tagging=self.tagging, home_country=self.home_country
        )

    def digest(self) -> str:
        from waqia import __version__

        text = json.dumps({"waqia": __version__, **asdict(self)}, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class PartitionSummary:
    """What one partition holds once coded; the content of its marker file ``part-NNNNN.json``."""

    number: int
    input_digest: str
    options_digest: str
    documents: int  # documents read into the partition
    coded: int  # documents coded (the rest are in the errors file)
    events: int
    errors: int  # lines of the errors file: unreadable inputs and documents that failed
    files: dict[str, str] = field(default_factory=dict)  # file name -> sha256
    reused: bool = False  # complete from an earlier run, not coded again

    @property
    def checksum(self) -> str:
        """One checksum for the partition: over its files' names and checksums."""
        text = "".join(f"{name}\x00{digest}\n" for name, digest in sorted(self.files.items()))
        return hashlib.sha256(text.encode()).hexdigest()

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("reused")
        out["checksum"] = self.checksum
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PartitionSummary:
        files = data["files"]
        if not isinstance(files, dict):
            raise ValueError("files must be an object")
        return cls(
            number=int(data["number"]),
            input_digest=str(data["input_digest"]),
            options_digest=str(data["options_digest"]),
            documents=int(data["documents"]),
            coded=int(data["coded"]),
            events=int(data["events"]),
            errors=int(data["errors"]),
            files={str(k): str(v) for k, v in files.items()},
        )


# invented for warming up: a place, an actor, a count and a verb, so every lazily loaded table loads
_WARM_UP_TEXT = "کوئٹہ میں پولیس نے دو افراد کو گرفتار کر لیا۔"


def warm_up(pipeline: Pipeline) -> None:
    """Code one short text, so the tables stages load on first use are loaded before timing starts."""
    next(pipeline.pipe([Document(raw=_WARM_UP_TEXT, doc_id="warm-up", pub_date="2020-01-01")], "record"))


def _failure(doc: Document, failure: StageFailure) -> ErrorRecord:
    error = failure.error
    message = error.reason if isinstance(error, InputError) else f"{type(error).__name__}: {error}"
    source, line = str(doc.meta.get("input", doc.doc_id)), doc.meta.get("input_line")
    where = f"{source}:{line}" if line is not None else source
    return ErrorRecord(where, failure.doc_id, failure.stage, message)


def code_partition(
    partition: Partition, out_dir: str | Path, pipeline: Pipeline, options_digest: str
) -> PartitionSummary:
    """Code every document of ``partition`` and write its files and then its marker, each atomically."""
    out = Path(out_dir)
    coded: list[Document] = []
    rows: list[dict[str, Any]] = []
    errors = list(partition.read_errors)
    for doc_index, doc in enumerate(partition.documents):
        result = next(pipeline.pipe([doc], on_error="record"))
        if isinstance(result, StageFailure):
            errors.append(_failure(doc, result))
            continue
        coded.append(result)
        rows.extend(event_row(result, doc_index, i, event) for i, event in enumerate(result.events))
    summary = PartitionSummary(
        number=partition.number,
        input_digest=partition.digest(),
        options_digest=options_digest,
        documents=len(partition.documents),
        coded=len(coded),
        events=len(rows),
        errors=len(errors),
    )
    events_name = partition_file("events", partition.number)
    docs_name = partition_file("docs", partition.number)
    errors_name = partition_file("errors", partition.number)
    write_parquet(events_table(rows), out / events_name)
    write_bytes(docs_bytes(coded), out / docs_name)
    write_bytes(errors_bytes(errors), out / errors_name)
    summary.files = {name: sha256_of(out / name) for name in (events_name, docs_name, errors_name)}
    write_json(summary.to_json(), out / partition_file("part", partition.number))
    return summary


def completed(out_dir: Path, number: int) -> PartitionSummary | None:
    """The summary of partition ``number`` if an earlier run completed it and its files are intact."""
    marker = read_json(out_dir / partition_file("part", number))
    if marker is None:
        return None
    try:
        summary = PartitionSummary.from_json(marker)
    except (KeyError, TypeError, ValueError):
        return None
    for name, digest in summary.files.items():
        path = out_dir / name
        if not path.is_file() or sha256_of(path) != digest:
            return None
    summary.reused = True
    return summary
