"""waqia's exceptions.

Everything waqia raises on purpose derives from :class:`WaqiaError`, so a caller can catch one
class. The tree is small on purpose::

    WaqiaError
    ├── InputError            an input could not be read as a document (file, line, reason)
    │   └── NotUrduError      the input reads fine but is not Urdu; it is skipped, not coded
    ├── DataError             a bundled or shared data file is missing or breaks its schema
    ├── PipelineError         stages are in an order that cannot work (a requirement is unmet)
    └── StoreError            the event store cannot be read or written now (a full disk, a
                              read-only file, a lost database connection); what was committed stays

Batch functions never let an :class:`InputError` stop the batch: they report it for the one
document and go on (see :func:`waqia.read_documents`).
"""

from __future__ import annotations

LANGUAGE_NAMES = {
    "ur": "Urdu",
    "fa": "Persian",
    "ar": "Arabic",
    "en": "English",
    "hi": "Hindi",
    "ps": "Pashto",
    "pa": "Punjabi",
}


class WaqiaError(Exception):
    """Base class of every error waqia raises on purpose."""


class InputError(WaqiaError):
    """An input could not be turned into a document.

    ``source`` names the file (or ``<stdin>``), ``line`` the 1-based JSONL line when there is
    one, and ``reason`` says what is wrong in words a person can act on.
    """

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class NotUrduError(InputError):
    """The document is in another language; ``detected`` is its ISO 639-1 code."""

    def __init__(self, source: str, detected: str, confidence: float, line: int | None = None) -> None:
        self.detected = detected
        self.confidence = confidence
        if detected == "und":
            reason = "no text in a language waqia can identify (no letters); skipped"
        else:
            reason = (
                f"not Urdu (looks like {LANGUAGE_NAMES.get(detected, detected)}, p={confidence:.2f}); skipped"
            )
        super().__init__(source, reason, line)


class DataError(WaqiaError):
    """A data file (a language table, a model, the shared data folder) is missing or invalid."""


class PipelineError(WaqiaError):
    """A pipeline was built with stages whose requirements are not met by earlier stages."""


class StoreError(WaqiaError):
    """The event store could not be read or written: ``store`` names it (no password), ``reason``
    is the database's own one-line reason. Earlier committed batches are intact."""

    def __init__(self, store: str, reason: str) -> None:
        super().__init__(f"{store}: {reason}")
        self.store = store
        self.reason = reason
