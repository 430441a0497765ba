"""The entities stage on hand-built documents, with the shipped model (no retraining)."""

from __future__ import annotations

from collections.abc import Callable

from waqia.document import Document
from waqia.stages.entities import EntityRecognizer


def spans(doc: Document) -> list[tuple[str, str]]:
    return [(e["label"], e["text"]) for e in doc.meta["entities"]]


def test_people_places_and_organisations(tokenised: Callable[[str], Document]) -> None:
    raw = "وزیر اعظم نواز شریف نے لاہور میں کہا کہ اقوام متحدہ نے پاکستان کی مدد کی ۔"
    doc = EntityRecognizer()(tokenised(raw))
    found = spans(doc)
    assert ("PER", "نواز شریف") in found
    assert ("LOC", "لاہور") in found
    assert ("ORG", "اقوام متحدہ") in found
    assert ("LOC", "پاکستان") in found
    tags = [t.ent for t in doc.tokens]
    assert tags[2:4] == ["B-PER", "I-PER"]
    assert all(tag is not None for tag in tags)


def test_spans_are_raw_offsets(tokenised: Callable[[str], Document]) -> None:
    raw = "کراچی میں 12 افراد ہلاک ہو گئے ۔"
    doc = EntityRecognizer()(tokenised(raw))
    for entity in doc.meta["entities"]:
        assert doc.raw[entity["start"] : entity["end"]] == entity["text"]
    assert ("LOC", "کراچی") in spans(doc)
    assert ("NUM", "12") in spans(doc)


def test_types_can_be_restricted(tokenised: Callable[[str], Document]) -> None:
    raw = "کراچی میں 12 افراد ہلاک ہو گئے ۔"
    doc = EntityRecognizer(types=("PER", "LOC", "ORG"))(tokenised(raw))
    assert all(label != "NUM" for label, _ in spans(doc))
    assert doc.tokens[2].ent == "O"


def test_extra_names_reach_the_lexicon_feature() -> None:
    base = EntityRecognizer()
    extended = EntityRecognizer(names=[("زرغون آباد", "LOC")])
    assert extended.model.lexicon_size == base.model.lexicon_size + 1
    words = ["دھماکہ", "زرغون", "آباد", "میں", "ہوا", "۔"]
    assert extended.tag_words(words)[1:3] == ["B-LOC", "I-LOC"]


def test_tag_words_takes_raw_words() -> None:
    assert EntityRecognizer().tag_words(["وہ", "گھر", "گیا"]) == ["O", "O", "O"]
