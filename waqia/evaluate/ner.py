"""Entity-level scores of a named-entity tagger on ``token<TAB>tag`` files (IL-NER format).

An entity counts as found only when its span and its type both match the gold entity exactly
(CoNLL-style exact match). Gold files may use BIO tags with the IL-NER codes (``B-NEP``) or the
spelt-out classes of IO files (``PERSON``); both are mapped to waqia's types (PER, LOC, ORG, NUM,
TIME, ART) by :mod:`waqia.models._corpora`. In an IO file two adjacent entities of the same type
cannot be told apart, so the predictions are merged the same way before scoring.

The tagger is given each sentence's gold tokens, as written in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from waqia.models._corpora import file_scheme, read_ner
from waqia.models.ner import iob_entities


@runtime_checkable
class EntityTagger(Protocol):
    """Anything that tags a tokenised sentence with IOB entity tags (``B-PER``, ``I-PER``, ``O``)."""

    def tag_words(self, words: Sequence[str]) -> list[str]: ...


TaggerLike = EntityTagger | Callable[[Sequence[str]], list[str]]


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "support": tp + fn,
    }


def score_entities(
    gold: Sequence[Sequence[str]],
    predicted: Sequence[Sequence[str]],
    *,
    as_types: Sequence[str] = ("PER", "LOC", "ORG"),
    io: bool = False,
) -> dict[str, Any]:
    """P/R/F1 per type and micro-averaged over ``as_types`` for parallel tag sequences."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold sentences but {len(predicted)} predicted")
    counts = {t: [0, 0, 0] for t in as_types}
    for g_tags, p_tags in zip(gold, predicted, strict=True):
        if len(g_tags) != len(p_tags):
            raise ValueError(f"a sentence has {len(g_tags)} gold tags but {len(p_tags)} predicted")
        g = {e for e in iob_entities(g_tags, io=io) if e[2] in counts}
        p = {e for e in iob_entities(p_tags, io=io) if e[2] in counts}
        for e in g & p:
            counts[e[2]][0] += 1
        for e in p - g:
            counts[e[2]][1] += 1
        for e in g - p:
            counts[e[2]][2] += 1
    per_type = {t: _prf(*c) for t, c in counts.items()}
    micro = _prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return {"types": list(as_types), "per_type": per_type, "micro": micro}


def _tag_function(tagger: TaggerLike | None) -> Callable[[Sequence[str]], list[str]]:
    if tagger is None:
        from waqia.stages.entities import EntityRecognizer

        return EntityRecognizer().tag_words
    if isinstance(tagger, EntityTagger):
        return tagger.tag_words
    return tagger


def evaluate_ner(
    path: str | Path,
    tagger: TaggerLike | None = None,
    *,
    as_types: Sequence[str] = ("PER", "LOC", "ORG"),
) -> dict[str, Any]:
    """Score ``tagger`` (default: the shipped entity recogniser) on the gold file at ``path``.

    Returns ``{"file", "scheme", "sentences", "tokens", "types", "per_type", "micro"}``; each score
    is ``{"precision", "recall", "f1", "tp", "fp", "fn", "support"}``.
    """
    tag = _tag_function(tagger)
    scheme = file_scheme(path)
    gold: list[tuple[str, ...]] = []
    predicted: list[list[str]] = []
    tokens = 0
    for sentence in read_ner(path):
        gold.append(sentence.tags)
        predicted.append(list(tag(sentence.words)))
        tokens += len(sentence.words)
    result = score_entities(gold, predicted, as_types=as_types, io=scheme == "io")
    return {"file": str(path), "scheme": scheme, "sentences": len(gold), "tokens": tokens, **result}
