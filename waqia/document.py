"""The one document model: raw text, normalised text, and spans that point into the raw text.

A :class:`Document` is what every pipeline stage reads and writes. It holds the article exactly as
published (``raw``), the normalised text the stages match against (``norm``), and the
:class:`~waqia._offsets.OffsetMap` between them. Sentences, tokens and every later annotation are
stored with *raw* offsets, so ``doc.raw[span.start:span.end]`` is always the exact source text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from waqia._offsets import OffsetMap
from waqia.record import Event

_NUMBER = re.compile(r"\d+(?:[.,٫]\d+)*")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the raw text: ``raw[start:end]``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")

    def text_in(self, doc: Document) -> str:
        return doc.raw[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(slots=True)
class Token:
    """A word or punctuation mark. ``start``/``end`` are raw offsets; ``norm`` is its normalised form.

    Later stages fill ``pos``, ``lemma`` and ``ent`` (IOB entity tag); they stay ``None`` until then.
    """

    start: int
    end: int
    norm: str
    space_after: bool = True
    pos: str | None = None
    lemma: str | None = None
    ent: str | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def is_number(self) -> bool:
        return _NUMBER.fullmatch(self.norm) is not None

    @property
    def number(self) -> float | None:
        """The value of a token written in digits (ASCII, Urdu ۰–۹ or Arabic-Indic ٠–٩), else None.

        Normalisation maps every digit to ASCII in ``norm``, so the raw text keeps its own digits.
        """
        if not self.is_number:
            return None
        text = self.norm.replace("٫", ".")
        if "," in text:  # thousands separators: 1,000 ; a decimal comma is not used in Urdu news
            text = text.replace(",", "")
        try:
            value = float(text)
        except ValueError:
            return None
        # a run of thousands of digits is no quantity a news story reports (and overflows int())
        return value if value < 1e15 else None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its raw span and the half-open range of its tokens in ``doc.tokens``."""

    start: int
    end: int
    token_start: int
    token_end: int
    is_heading: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(slots=True)
class Document:
    """An article and everything the pipeline has found in it."""

    raw: str
    doc_id: str = "doc"
    lang: str = "ur"
    pub_date: str | None = None
    source: str | None = None
    url: str | None = None
    story_id: str | None = None
    norm: str = ""
    offsets: OffsetMap = field(default_factory=lambda: OffsetMap.identity(0))
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # stage name -> facts it recorded (language score, timings); never needed to rebuild the spans
    meta: dict[str, Any] = field(default_factory=dict)
    # fields of the input record that the spec does not define, kept so output loses nothing
    extra: dict[str, Any] = field(default_factory=dict)
    # names of the annotations stages have provided ("norm", "sentences", "tokens", ...)
    provided: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if not self.norm and not self.provided:
            self.norm = self.raw
            self.offsets = OffsetMap.identity(len(self.raw))

    # ------------------------------------------------------------------ spans

    def text(self, span: Span | Token | Sentence) -> str:
        return self.raw[span.start : span.end]

    def raw_span(self, norm_start: int, norm_end: int) -> Span:
        """The raw span of the normalised span ``norm[norm_start:norm_end]``."""
        start, end = self.offsets.to_raw(norm_start, norm_end)
        return Span(start, end)

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        return self.tokens[sentence.token_start : sentence.token_end]

    def iter_sentences(self) -> Iterator[tuple[Sentence, list[Token]]]:
        for sentence in self.sentences:
            yield sentence, self.sentence_tokens(sentence)

    # ------------------------------------------------------------------ JSON (spec §1)

    def to_json(self) -> dict[str, Any]:
        """The spec §1 record: the document fields and its events (spec §2)."""
        record: dict[str, Any] = {
            "doc_id": self.doc_id,
            "text": self.raw,
            "lang": self.lang,
            "pub_date": self.pub_date,
            "source": self.source,
            "url": self.url,
            "events": [event.to_json() for event in self.events],
        }
        if self.story_id is not None:
            record["story_id"] = self.story_id
        for key, value in self.extra.items():
            record.setdefault(key, value)
        return record

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> Document:
        """Build a document from a spec §1 record. Raises ``ValueError`` on a malformed record."""
        if not isinstance(record, dict):
            raise ValueError(f"a document must be a JSON object, not {type(record).__name__}")
        text = record.get("text")
        if not isinstance(text, str):
            raise ValueError("field 'text' must be a string")
        doc_id = record.get("doc_id")
        if not isinstance(doc_id, str) or not doc_id:
            raise ValueError("field 'doc_id' must be a non-empty string")
        for name in ("lang", "pub_date", "source", "url", "story_id"):
            if record.get(name) is not None and not isinstance(record[name], str):
                raise ValueError(f"field {name!r} must be a string or null")
        pub_date = record.get("pub_date")
        if pub_date is not None and not _DATE.fullmatch(pub_date):
            raise ValueError(f"field 'pub_date' must be YYYY-MM-DD, got {pub_date!r}")
        events_json = record.get("events")
        if events_json is None:
            events_json = []
        if not isinstance(events_json, list):
            raise ValueError("field 'events' must be a list")
        known = {"doc_id", "text", "lang", "pub_date", "source", "url", "events", "story_id"}
        return cls(
            raw=text,
            doc_id=doc_id,
            lang=record.get("lang") or "ur",
            pub_date=pub_date,
            source=record.get("source"),
            url=record.get("url"),
            story_id=record.get("story_id"),
            events=[Event.from_json(e) for e in events_json],
            extra={k: v for k, v in record.items() if k not in known},
        )


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
