from __future__ import annotations

from waqia.document import Document
from waqia.geo import describe_places
from waqia.geo.textprep import simple_tokenize


def test_fallback_tokenizer_splits_words_and_sentences() -> None:
    doc = simple_tokenize(Document(raw="کوئٹہ میں دھماکہ ہوا۔ پولیس پہنچ گئی۔"))
    assert [t.norm for t in doc.tokens][:4] == ["کوئٹہ", "میں", "دھماکہ", "ہوا"]
    assert len(doc.sentences) == 2
    assert all(doc.raw[t.start : t.end] == t.norm for t in doc.tokens)


def test_describe_places_gives_one_row_per_mention() -> None:
    rows = describe_places("پشاور اور کوئٹہ میں احتجاج ہوا۔")
    assert [(r["name"], r["country"], r["precision"]) for r in rows] == [
        ("Peshawar", "PAK", 1),
        ("Quetta", "PAK", 1),
    ]
    assert {"text", "start", "end", "admin1", "lat", "lon", "gazetteer_id", "why"} <= set(rows[0])
