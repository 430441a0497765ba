"""The UD evaluator: scoring rules on hand-made treebanks, and the real UD Urdu test set."""

from __future__ import annotations

from pathlib import Path

import pytest

from waqia.document import Document, Sentence, Token
from waqia.evaluate.conllu import parse_conllu
from waqia.evaluate.ud import PRF, align, evaluate_sentences, evaluate_ud, ud_raw_text
from waqia.stages.segment import Segmenter

GOLD = parse_conllu(
    "# text = وہ آیا۔\n"
    "1\tوہ\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tآیا\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
    "3\t۔\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "\n"
    "# text = ہم بات_چیت کریں_گے -\n"
    "1\tہم\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tبات_چیت\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "3\tکریں_گے\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "4\t-\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "\n"
    "# text = سب ٹھیک ہے۔\n"
    "1\tسب\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tٹھیک\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "3\tہے\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
    "4\t۔\t_\t_\t_\t_\t_\t_\t_\t_\n"
)


def test_raw_text_is_the_sentence_texts_joined_by_spaces() -> None:
    assert ud_raw_text(GOLD) == "وہ آیا۔ ہم بات_چیت کریں_گے - سب ٹھیک ہے۔"


def test_perfect_segmentation_scores_one() -> None:
    score = evaluate_sentences(GOLD, Segmenter())
    assert score.tokens == PRF(gold=11, system=11, correct=11)
    assert score.sentences == PRF(gold=3, system=3, correct=3)
    assert score.tokens.f1 == 1.0 and score.sentences.precision == 1.0
    assert score.upos is None and score.lemma is None


def whitespace_only(doc: Document) -> Document:
    """A naive system: whitespace tokens, one sentence."""
    tokens: list[Token] = []
    position = 0
    for piece in doc.raw.split(" "):
        tokens.append(Token(position, position + len(piece), piece))
        position += len(piece) + 1
    doc.tokens = tokens
    doc.sentences = [Sentence(0, len(doc.raw), 0, len(tokens))]
    return doc


def test_counts_of_a_naive_system() -> None:
    score = evaluate_sentences(GOLD, whitespace_only)
    # "آیا۔" and "ہے۔" are wrong (each hides two gold tokens); the other 7 whitespace tokens match
    assert score.tokens == PRF(gold=11, system=9, correct=7)
    assert score.sentences == PRF(gold=3, system=1, correct=0)
    assert score.tokens.precision == pytest.approx(7 / 9)
    assert score.tokens.recall == pytest.approx(7 / 11)
    assert score.tokens.f1 == pytest.approx(2 * 7 / 20)
    assert PRF(0, 0, 0).f1 == 0.0


def test_alignment_pairs_matching_tokens() -> None:
    doc = whitespace_only(Document(raw=ud_raw_text(GOLD)))
    alignment = align(GOLD, doc)
    assert alignment.gold_sentences == [(0, 6), (6, 23), (23, 32)]
    assert alignment.matched[0] == (0, 0)
    assert (2, 1) not in alignment.matched


def test_text_and_forms_must_agree() -> None:
    bad = parse_conllu("# text = وہ آیا\n1\tوہ\t_\t_\t_\t_\t_\t_\t_\t_\n2\tگیا\t_\t_\t_\t_\t_\t_\t_\t_\n")
    with pytest.raises(ValueError, match="differ"):
        evaluate_sentences(bad, Segmenter())


@pytest.mark.shared_data
def test_ud_urdu_test_set(shared_data: Path) -> None:
    path = shared_data / "ud_urdu" / "ur_udtb-ud-test.conllu"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    score = evaluate_ud(path, Segmenter())
    assert score.sentences.gold == 535
    assert score.sentences.f1 >= 0.985
    assert score.tokens.f1 >= 0.995
