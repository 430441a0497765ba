"""False positives on text with no conflict events: code the documents of chosen domains of an
unlabelled corpus (COUNTER's ``domain`` field: sports, showbiz, …) and count the tier-1 asserted
events found there. Every such event is a false positive or, rarely, real violence reported on a
sports or showbiz page; the events are listed so that a person can tell which."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from waqia.document import Document
from waqia.evaluate.events import read_jsonl
from waqia.record import TIER1_TYPES

JsonDict = dict[str, Any]


def tier1_noise(
    corpus: str | os.PathLike[str],
    pipeline: Callable[[Document], Document],
    domains: Iterable[str] = ("sports", "showbiz"),
) -> JsonDict:
    """Tier-1 asserted events per document in the ``domains`` of a JSONL corpus, with each event."""
    wanted = frozenset(domains)
    documents = 0
    found: list[JsonDict] = []
    for record in (r for r in read_jsonl(corpus) if r.get("domain") in wanted):
        doc = pipeline(Document(raw=record["text"], doc_id=record["doc_id"], pub_date=record.get("pub_date")))
        documents += 1
        for event in doc.events:
            if event.type in TIER1_TYPES and event.modality == "asserted":
                found.append(
                    {
                        "doc_id": doc.doc_id,
                        "domain": record.get("domain"),
                        "type": event.type,
                        "mode": event.mode,
                        "trigger": event.trigger.text,
                    }
                )
    return {
        "domains": sorted(wanted),
        "documents": documents,
        "tier1_asserted_events": len(found),
        "per_document": round(len(found) / documents, 4) if documents else None,
        "events": found,
    }
