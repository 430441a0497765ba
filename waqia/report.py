"""Human-readable summaries of coded documents (the CLI's ``--format table``)."""

from __future__ import annotations

from collections.abc import Iterable

from waqia.document import Document
from waqia.record import Actor, Count, Event, TextSpan


def _actor(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    label = actor.name or "?"
    extras = "/".join(x for x in (actor.country, actor.sector) if x)
    if extras:
        label += f" ({extras})"
    return f"{label} «{actor.text}»" if actor.text else label


def _span(span: TextSpan | None) -> str:
    return f"«{span.text}»" if span is not None and span.text else "-"


def _count(count: Count | None) -> str:
    if count is None or count.best is None:
        return "-"
    return str(count.best) if count.low in (None, count.best) else f"{count.best} (≥{count.low})"


def event_row(event: Event) -> list[str]:
    kind = event.type + (f"/{event.mode}" if event.mode else "")
    place = "-"
    if event.location is not None:
        loc = event.location
        place = ", ".join(x for x in (loc.name, loc.country) if x) or "?"
        place += f" {_span(loc)}"
    date = event.date.value if event.date is not None and event.date.value else "-"
    claim = "-"
    if event.claim is not None:
        claim = f"{event.claim.by or '?'} [{event.claim.kind or '?'}]"
    return [
        kind,
        event.modality,
        _actor(event.actor1),
        _actor(event.actor2),
        place,
        date or "-",
        _count(event.fatalities),
        claim,
        _span(event.trigger),
    ]


HEADER = ["type", "modality", "actor1", "actor2", "place", "date", "killed", "says who", "trigger"]


def format_table(docs: Iterable[Document]) -> str:
    """One block per document: a summary line, then a row per event (English beside the Urdu)."""
    lines: list[str] = []
    for doc in docs:
        lang = doc.meta.get("language", {})
        summary = (
            f"{doc.doc_id}  pub_date={doc.pub_date or '?'}  lang={lang.get('lang', doc.lang)}"
            f"  sentences={len(doc.sentences)}  tokens={len(doc.tokens)}  events={len(doc.events)}"
        )
        lines.append(summary)
        if doc.sentences:
            headline = doc.text(doc.sentences[0]).replace("\n", " ")
            lines.append(f"  first sentence: {headline[:160]}")
        if doc.events:
            lines.append("  " + " | ".join(HEADER))
            for event in doc.events:
                lines.append("  " + " | ".join(event_row(event)))
        lines.append("")
    return "\n".join(lines)
