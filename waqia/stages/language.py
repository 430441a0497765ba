"""Language identification: code Urdu, skip everything else with a clear reason.

Uses langid.py's model (offline, bundled with the package) restricted to the languages an Urdu news
feed actually mixes in: Persian and Arabic share the script, English and Hindi share the stories.
Script evidence decides the cases langid cannot: too little text to judge, or letters only Urdu
uses (ٹ ڈ ڑ ں ے) in a text langid finds ambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from waqia._errors import NotUrduError
from waqia.document import Document

CANDIDATES = ("ur", "fa", "ar", "en", "hi", "ps", "pa")
# Letters Urdu uses and Persian and Arabic do not: retroflexes, nun ghunna, yeh barree.
_URDU_ONLY = re.compile(r"[\u0679\u0688\u0691\u06BA\u06D2\u06C1\u06BE]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LETTER = re.compile(r"[^\W\d_]")
_SAMPLE_CHARS = 4000


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # loading the model takes most of a second: once per process, and only when first needed
    from langid.langid import LanguageIdentifier, model

    identifier = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    return identifier


@dataclass(frozen=True)
class LanguageGuess:
    lang: str
    confidence: float
    method: str


def identify(text: str, *, min_letters: int = 25) -> LanguageGuess:
    """Guess the language of ``text`` (ISO 639-1)."""
    sample = text[:_SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    arabic = len(_ARABIC_SCRIPT.findall(sample))
    urdu_only = len(_URDU_ONLY.findall(sample))
    if letters == 0:
        return LanguageGuess("und", 0.0, "no letters")
    if letters < min_letters:
        # too short for a statistical guess: the script has to decide
        if arabic / letters >= 0.5:
            return LanguageGuess("ur", 0.5, "script (short text)")
        return LanguageGuess("und", 0.0, "script (short text)")
    lang, prob = _identifier().classify(sample)
    if lang != "ur" and lang in ("fa", "ar", "ps", "pa") and urdu_only / max(arabic, 1) > 0.04:
        # langid can waver on Urdu typed with Arabic letters; Urdu-only letters in quantity settle it
        return LanguageGuess("ur", float(prob), "script (Urdu-only letters)")
    return LanguageGuess(str(lang), float(prob), "langid")


class LanguageIdentifier:
    """Stage: records the detected language; raises :class:`NotUrduError` for anything else."""

    name = "language"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("language",)

    def __init__(self, expected: str = "ur", *, min_confidence: float = 0.5) -> None:
        self.expected = expected
        self.min_confidence = min_confidence

    def __call__(self, doc: Document) -> Document:
        guess = identify(doc.raw)
        doc.meta["language"] = {
            "lang": guess.lang,
            "confidence": round(guess.confidence, 4),
            "method": guess.method,
        }
        if guess.lang != self.expected and guess.confidence >= self.min_confidence:
            raise NotUrduError(doc.meta.get("input", doc.doc_id), guess.lang, guess.confidence)
        if guess.lang == "und":
            raise NotUrduError(doc.meta.get("input", doc.doc_id), guess.lang, guess.confidence)
        doc.lang = self.expected
        return doc
