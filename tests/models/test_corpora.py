"""Reading the NER corpora and repairing their tags."""

from __future__ import annotations

from pathlib import Path

from waqia.models._corpora import file_scheme, normalise_tags, read_ner
from waqia.models.train import drop_entity_free_blocks


def test_tags_map_to_waqia_types() -> None:
    words = ["a", "b", "c", "d"]
    assert normalise_tags(["B-NEP", "I-NEP", "O", "B-NETI"], words) == ["B-PER", "I-PER", "O", "B-TIME"]
    assert normalise_tags(["PERSON", "PERSON", "LOCATION", "O"], words) == ["B-PER", "I-PER", "B-LOC", "O"]
    # IL-NER's malformed tags: a lone "-", "-NEL" continuing or starting, "-NEL" on punctuation
    assert normalise_tags(["B-NEL", "-NEL", "-", "-NEL"], words) == ["B-LOC", "I-LOC", "O", "B-LOC"]
    assert normalise_tags(["B-NEL", "-NEL"], ["x", "،"]) == ["B-LOC", "O"]
    assert normalise_tags(["O", "I-NEO"], ["x", "y"]) == ["O", "B-ORG"]


def test_read_ner_drops_numbering_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "io.txt"
    path.write_text("\ufeff۱۔\tTIME\nآگرہ\tLOCATION\nمیں\tO\n\n۲۔\tO\nتاج\tO\n", encoding="utf-8")
    sentences = list(read_ner(path))
    assert [s.words for s in sentences] == [("آگرہ", "میں"), ("تاج",)]
    assert sentences[0].tags == ("B-LOC", "O")
    assert file_scheme(path) == "io"


def test_entity_free_blocks_are_dropped() -> None:
    from waqia.models._corpora import NerSentence

    entity = NerSentence(("x",), ("B-LOC",))
    empty = NerSentence(("y",), ("O",))
    sentences = [entity, empty, empty, entity, *([empty] * 5), entity]
    kept = drop_entity_free_blocks(sentences, 3)
    assert kept == [entity, empty, empty, entity, entity]
    assert drop_entity_free_blocks(sentences, 0) == sentences
