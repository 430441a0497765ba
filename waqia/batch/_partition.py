"""Cutting the input stream into numbered partitions of documents, without reading it all first.

Partitions are cut in input order by :func:`partitions`: a partition closes as soon as it holds
``size`` documents; an input that could not be read rides with the partition that is open when it is
met. The same inputs and options therefore always give the same partitions, whichever engine codes
them, which is what makes reruns resumable and engines interchangeable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from waqia._errors import InputError
from waqia._io import ReadOptions, read_documents
from waqia.document import Document


@dataclass(frozen=True)
class ErrorRecord:
    """One document (or input) that was not coded: where it came from, which step failed and why."""

    source: str
    doc_id: str | None
    stage: str
    message: str

    def to_json(self) -> dict[str, str | None]:
        return {"source": self.source, "doc_id": self.doc_id, "stage": self.stage, "message": self.message}

    @classmethod
    def of_input(cls, error: InputError) -> ErrorRecord:
        where = f"{error.source}:{error.line}" if error.line is not None else error.source
        return cls(where, None, "read", error.reason)


@dataclass
class Partition:
    """Documents ``number`` × size … onwards, in input order, and the unreadable inputs met among them."""

    number: int
    documents: list[Document] = field(default_factory=list)
    read_errors: list[ErrorRecord] = field(default_factory=list)

    def digest(self) -> str:
        """A fingerprint of what this partition holds: a rerun recodes it when the input changed."""
        h = hashlib.sha256()
        for doc in self.documents:
            for value in (doc.doc_id, doc.pub_date, doc.source, doc.url, doc.story_id, doc.raw):
                h.update((value if value is not None else "\x00null").encode("utf-8", "surrogatepass"))
                h.update(b"\x1f")
            h.update(b"\x1e")
        for error in self.read_errors:
            h.update(repr(error.to_json()).encode())
        return h.hexdigest()


def partitions(inputs: Iterable[str | Path], options: ReadOptions, size: int) -> Iterator[Partition]:
    """Yield partitions of at most ``size`` documents, numbered from 0 in input order.

    Only one partition is held at a time; :func:`~waqia.read_documents` holds one input file.
    """
    if size < 1:
        raise ValueError("a partition holds at least one document")
    current = Partition(0)
    for item in read_documents(inputs, options):
        if isinstance(item, InputError):
            current.read_errors.append(ErrorRecord.of_input(item))
            continue
        current.documents.append(item)
        if len(current.documents) == size:
            yield current
            current = Partition(current.number + 1)
    if current.documents or current.read_errors:
        yield current
