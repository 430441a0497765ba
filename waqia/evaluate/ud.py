"""Score sentence segmentation and tokenisation against a UD treebank, as CoNLL 2018 did.

The shared task gave systems the raw text of the test set and scored what came back:

1. the raw text is the treebank's ``# text`` lines joined by single spaces into one text, with no
   line breaks, so no sentence boundary is given away;
2. the pipeline segments and tokenises that text;
3. system and gold tokens are aligned on characters with all whitespace removed: a token is a
   span of the whitespace-free text, the gold spans coming from the concatenated FORMs (of the
   surface tokens: a multiword token counts once, with its own FORM);
4. a token is correct when its span equals a gold token's span; a sentence is correct when its span
   (its first token's start to its last token's end) equals a gold sentence's span.

Precision, recall and F1 are then plain counts. UPOS and lemma accuracy over aligned tokens will be
added as the optional :attr:`UDScore.upos` and :attr:`UDScore.lemma` fields.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from waqia.document import Document
from waqia.evaluate.conllu import ConlluSentence, read_conllu

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts for one kind of unit, and the precision, recall and F1 they give."""

    gold: int
    system: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.gold + self.system
        return 2 * self.correct / total if total else 0.0

    def to_json(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold": self.gold,
            "system": self.system,
            "correct": self.correct,
        }

    def __str__(self) -> str:
        return (
            f"P {100 * self.precision:.2f} R {100 * self.recall:.2f} F1 {100 * self.f1:.2f} "
            f"(gold {self.gold}, system {self.system}, correct {self.correct})"
        )


@dataclass(frozen=True, slots=True)
class UDScore:
    """Scores of one run. ``upos`` and ``lemma`` stay ``None`` until tagging is scored."""

    sentences: PRF
    tokens: PRF
    upos: PRF | None = None
    lemma: PRF | None = None

    def to_json(self) -> dict[str, dict[str, float | int]]:
        out = {"sentences": self.sentences.to_json(), "tokens": self.tokens.to_json()}
        for name in ("upos", "lemma"):
            figures = getattr(self, name)
            if figures is not None:
                out[name] = figures.to_json()
        return out


@dataclass(frozen=True, slots=True)
class Alignment:
    """Gold and system units as spans of the whitespace-free text, and the tokens both have.

    ``matched`` pairs the index of a gold token (in reading order over the treebank) with the index
    of the system token in ``doc.tokens`` that has the same span: what tagging accuracy is read from.
    """

    gold_tokens: list[Span]
    system_tokens: list[Span]
    gold_sentences: list[Span]
    system_sentences: list[Span]
    matched: list[tuple[int, int]]


def ud_raw_text(sentences: Sequence[ConlluSentence]) -> str:
    """The evaluation input: every sentence's ``# text`` joined by single spaces.

    A sentence without ``# text`` is rebuilt from its surface tokens and their ``SpaceAfter``.
    """
    texts: list[str] = []
    for sentence in sentences:
        text = sentence.text
        if text is None:
            text = "".join(form + (" " if space else "") for form, space in sentence.surface_tokens())
        texts.append(text.strip())
    return " ".join(texts)


def align(sentences: Sequence[ConlluSentence], doc: Document) -> Alignment:
    """Align the gold ``sentences`` with the pipeline's output ``doc`` (made from their raw text).

    Raises ``ValueError`` if the gold FORMs and the raw text disagree once whitespace is removed
    (a treebank whose ``# text`` does not match its tokens cannot be scored this way).
    """
    gold_tokens: list[Span] = []
    gold_sentences: list[Span] = []
    pieces: list[str] = []
    position = 0
    for sentence in sentences:
        first = position
        for form, _ in sentence.surface_tokens():
            chars = "".join(form.split())
            if not chars:
                continue
            pieces.append(chars)
            gold_tokens.append((position, position + len(chars)))
            position += len(chars)
        if position > first:
            gold_sentences.append((first, position))
    gold_chars = "".join(pieces)
    raw = doc.raw
    system_chars = "".join(raw.split())
    if gold_chars != system_chars:
        at = next(
            (i for i, (a, b) in enumerate(zip(gold_chars, system_chars, strict=False)) if a != b),
            min(len(gold_chars), len(system_chars)),
        )
        raise ValueError(
            f"gold tokens and raw text differ at non-space character {at}: "
            f"gold {gold_chars[at : at + 20]!r}, text {system_chars[at : at + 20]!r}"
        )
    # index[p] = number of non-whitespace characters in raw[:p]
    index = [0, *accumulate(0 if c.isspace() else 1 for c in raw)]
    system_tokens = [(index[t.start], index[t.end]) for t in doc.tokens]
    system_sentences = [(index[s.start], index[s.end]) for s in doc.sentences if s.end > s.start]
    gold_index = {span: i for i, span in enumerate(gold_tokens)}
    matched = [(gold_index[span], i) for i, span in enumerate(system_tokens) if span in gold_index]
    return Alignment(gold_tokens, system_tokens, gold_sentences, system_sentences, matched)


def score_alignment(alignment: Alignment) -> UDScore:
    tokens = PRF(
        gold=len(alignment.gold_tokens),
        system=sum(1 for s, e in alignment.system_tokens if e > s),
        correct=len(alignment.matched),
    )
    gold_sentences = set(alignment.gold_sentences)
    sentences = PRF(
        gold=len(alignment.gold_sentences),
        system=len(alignment.system_sentences),
        correct=sum(1 for span in set(alignment.system_sentences) if span in gold_sentences),
    )
    return UDScore(sentences=sentences, tokens=tokens)


def evaluate_sentences(
    sentences: Sequence[ConlluSentence], pipeline: Callable[[Document], Document], doc_id: str = "ud"
) -> UDScore:
    """Run ``pipeline`` on the raw text of ``sentences`` and score its sentences and tokens."""
    doc = pipeline(Document(raw=ud_raw_text(sentences), doc_id=doc_id))
    return score_alignment(align(sentences, doc))


def evaluate_ud(conllu_path: str | Path, pipeline: Callable[[Document], Document]) -> UDScore:
    """Score ``pipeline`` (any ``Document -> Document`` callable) on a CoNLL-U treebank file."""
    path = Path(conllu_path)
    return evaluate_sentences(read_conllu(path), pipeline, doc_id=path.stem)
