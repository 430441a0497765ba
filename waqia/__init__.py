"""waqia — structured conflict-event data from raw Urdu news.

    >>> import waqia
    >>> nlp = waqia.load()
    >>> doc = nlp(waqia.Document(raw="کوئٹہ میں دھماکہ ہوا۔", pub_date="2014-10-01"))
    >>> [doc.text(s) for s in doc.sentences]
    ['کوئٹہ میں دھماکہ ہوا۔']

Everything not listed in ``__all__`` is private and may change without notice.
"""

from waqia._api import extract, load
from waqia._errors import DataError, InputError, NotUrduError, PipelineError, StoreError, WaqiaError
from waqia._io import ReadOptions, read_documents
from waqia._offsets import OffsetMap
from waqia.cluster import cluster_events
from waqia.document import Document, Sentence, Span, Token
from waqia.pipeline import Pipeline, Stage, StageFailure
from waqia.record import Actor, Claim, Count, DateRef, Event, Place, TextSpan

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Claim",
    "Count",
    "DataError",
    "DateRef",
    "Document",
    "Event",
    "InputError",
    "NotUrduError",
    "OffsetMap",
    "Pipeline",
    "PipelineError",
    "Place",
    "ReadOptions",
    "Sentence",
    "Span",
    "Stage",
    "StageFailure",
    "StoreError",
    "TextSpan",
    "Token",
    "WaqiaError",
    "__version__",
    "cluster_events",
    "extract",
    "load",
    "read_documents",
]
