"""UPOS and lemma accuracy of a tagger on a CoNLL-U treebank, with the gold tokenisation.

The tagger gets each sentence's gold word forms (syntactic words, as the treebank splits them) and
returns a UPOS tag and a lemma for each. Accuracy is the share of words whose tag (lemma) equals the
gold one exactly; words whose gold value is ``_`` are left out of that count. Lemmas are also scored
spelling-insensitively (``accuracy_folded``: both sides through :func:`~waqia.models.features.fold`),
because UD Urdu writes non-final ے for ی (``دےنا``) where waqia's lemmas use standard spelling.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from waqia.evaluate.conllu import read_conllu
from waqia.models.features import fold


@runtime_checkable
class WordTagger(Protocol):
    """Anything that gives ``(upos, lemma)`` for each word of a tokenised sentence."""

    def tag_words(self, words: Sequence[str]) -> list[tuple[str, str]]: ...


TaggerLike = WordTagger | Callable[[Sequence[str]], list[tuple[str, str]]]


def _tag_function(tagger: TaggerLike | None) -> Callable[[Sequence[str]], list[tuple[str, str]]]:
    if tagger is None:
        from waqia.stages.tag import Tagger

        return Tagger().tag_words
    if isinstance(tagger, WordTagger):
        return tagger.tag_words
    return tagger


def _accuracy(right: int, total: int) -> float:
    return round(100 * right / total, 2) if total else 0.0


def evaluate_tagging(conllu_path: str | Path, tagger: TaggerLike | None = None) -> dict[str, Any]:
    """Score ``tagger`` (default: the shipped tagger and lemmatiser) on ``conllu_path``.

    Returns ``{"file", "sentences", "words", "upos": {"accuracy", "correct", "total", "per_tag",
    "confusions"}, "lemma": {"accuracy", "correct", "total"}}``. Accuracies are percentages.
    ``per_tag`` maps each gold UPOS to its recall; ``confusions`` lists the 10 most frequent
    ``(gold, predicted, count)`` errors.
    """
    sentences = read_conllu(conllu_path)
    tag = _tag_function(tagger)
    upos_ok = upos_total = lemma_ok = lemma_folded_ok = lemma_total = 0
    gold_count: Counter[str] = Counter()
    right_count: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    for sentence in sentences:
        words = [w.form for w in sentence.words]
        if not words:
            continue
        predicted = tag(words)
        if len(predicted) != len(words):
            raise ValueError(f"tagger returned {len(predicted)} tags for {len(words)} words")
        for word, (upos, lemma) in zip(sentence.words, predicted, strict=True):
            if word.upos != "_":
                upos_total += 1
                gold_count[word.upos] += 1
                if upos == word.upos:
                    upos_ok += 1
                    right_count[word.upos] += 1
                else:
                    confusions[(word.upos, upos)] += 1
            if word.lemma != "_":
                lemma_total += 1
                lemma_ok += lemma == word.lemma
                lemma_folded_ok += fold(lemma) == fold(word.lemma)
    return {
        "file": str(conllu_path),
        "sentences": len(sentences),
        "words": sum(len(s.words) for s in sentences),
        "upos": {
            "accuracy": _accuracy(upos_ok, upos_total),
            "correct": upos_ok,
            "total": upos_total,
            "per_tag": {t: _accuracy(right_count[t], n) for t, n in sorted(gold_count.items())},
            "confusions": [[g, p, n] for (g, p), n in confusions.most_common(10)],
        },
        "lemma": {
            "accuracy": _accuracy(lemma_ok, lemma_total),
            "correct": lemma_ok,
            "total": lemma_total,
            "accuracy_folded": _accuracy(lemma_folded_ok, lemma_total),
            "correct_folded": lemma_folded_ok,
        },
    }
