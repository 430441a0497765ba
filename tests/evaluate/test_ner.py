"""evaluate_ner on tiny hand-made files: exact-span, typed, micro-averaged scores."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from waqia.evaluate.ner import evaluate_ner, score_entities
from waqia.models.ner import iob_entities

BIO_FILE = """\
احمد\tB-NEP
علی\tI-NEP
نے\tO
لاہور\tB-NEL
میں\tO
کہا\tO

اقوام\tB-NEO
متحدہ\tI-NEO
اور\tO
پاکستان\tB-NEL
۔\tO

ایک\tB-NEN
دن\tO
"""


class FixedTagger:
    """Returns canned tags, keyed by the sentence's first word."""

    def __init__(self, tags: dict[str, list[str]]) -> None:
        self.tags = tags
        self.seen: list[list[str]] = []

    def tag_words(self, words: Sequence[str]) -> list[str]:
        self.seen.append(list(words))
        return self.tags[words[0]]


def _write(tmp_path: Path, text: str, name: str = "gold.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_scores_are_exact_span_and_typed(tmp_path: Path) -> None:
    tagger = FixedTagger(
        {
            # the person is right; لاہور gets the wrong type
            "احمد": ["B-PER", "I-PER", "O", "B-ORG", "O", "O"],
            # the organisation's span is cut short; پاکستان is right
            "اقوام": ["B-ORG", "O", "O", "B-LOC", "O"],
            "ایک": ["B-NUM", "O"],
        }
    )
    result = evaluate_ner(_write(tmp_path, BIO_FILE), tagger)
    assert result["sentences"] == 3 and result["tokens"] == 13 and result["scheme"] == "bio"
    assert tagger.seen[0] == ["احمد", "علی", "نے", "لاہور", "میں", "کہا"]
    per, loc, org = (result["per_type"][t] for t in ("PER", "LOC", "ORG"))
    assert (per["tp"], per["fp"], per["fn"]) == (1, 0, 0)
    assert (loc["tp"], loc["fp"], loc["fn"]) == (1, 0, 1)
    assert (org["tp"], org["fp"], org["fn"]) == (0, 2, 1)
    assert loc["precision"] == 1.0 and loc["recall"] == 0.5 and loc["f1"] == pytest.approx(0.6667)
    micro = result["micro"]
    # NUM is not among the scored types, so its hit counts for nothing
    assert (micro["tp"], micro["fp"], micro["fn"], micro["support"]) == (2, 2, 2, 4)
    assert micro["precision"] == 0.5 and micro["recall"] == 0.5 and micro["f1"] == 0.5


def test_other_types_can_be_scored(tmp_path: Path) -> None:
    tagger = FixedTagger({"احمد": ["O"] * 6, "اقوام": ["O"] * 5, "ایک": ["B-NUM", "O"]})
    result = evaluate_ner(_write(tmp_path, BIO_FILE), tagger, as_types=("NUM",))
    assert result["micro"]["f1"] == 1.0 and result["micro"]["support"] == 1


def test_io_files_merge_adjacent_predictions(tmp_path: Path) -> None:
    # IO tags: "صدر بش" is one PERSON run; a tagger that splits it must not be punished for it
    text = "\ufeffصدر\tPERSON\nبش\tPERSON\nنے\tO\nعراق\tLOCATION\n\n"
    tagger = FixedTagger({"صدر": ["B-PER", "B-PER", "O", "B-LOC"]})
    result = evaluate_ner(_write(tmp_path, text, "io.txt"), tagger)
    assert result["scheme"] == "io"
    assert result["micro"]["tp"] == 2 and result["micro"]["f1"] == 1.0


def test_a_plain_function_is_a_tagger(tmp_path: Path) -> None:
    result = evaluate_ner(_write(tmp_path, BIO_FILE), lambda words: ["O"] * len(words))
    assert result["micro"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "tp": 0,
        "fp": 0,
        "fn": 4,
        "support": 4,
    }


def test_malformed_il_ner_tags_are_repaired(tmp_path: Path) -> None:
    # IL-NER quirks: "-NEL" with no B-/I- prefix, a lone "-", and an unknown type
    text = "ہندوستان\t-NEL\nاور\t-\nنرمل\tB-NIMI\nبھارت\tI-NIMI\n\n"
    result = evaluate_ner(_write(tmp_path, text), lambda words: ["B-LOC", "O", "O", "O"])
    assert result["per_type"]["LOC"]["tp"] == 1 and result["micro"]["fp"] == 0


def test_iob_entities_is_lenient_like_conlleval() -> None:
    assert iob_entities(["I-PER", "I-PER", "O", "B-LOC", "I-ORG"]) == [
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "ORG"),
    ]
    assert iob_entities(["B-PER", "B-PER"]) == [(0, 1, "PER"), (1, 2, "PER")]
    assert iob_entities(["B-PER", "B-PER"], io=True) == [(0, 2, "PER")]


def test_length_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError):
        score_entities([["O", "O"]], [["O"]])
