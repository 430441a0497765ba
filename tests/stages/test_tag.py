"""The tag stage on hand-built documents, with the shipped models (no retraining)."""

from __future__ import annotations

from collections.abc import Callable

from waqia.document import Document
from waqia.pipeline import Pipeline
from waqia.stages.tag import Tagger


class Tokens:
    name = "tokens"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("tokens",)

    def __call__(self, doc: Document) -> Document:
        return doc


def test_a_news_sentence_gets_sensible_tags_and_lemmas(tokenised: Callable[[str], Document]) -> None:
    doc = Tagger()(tokenised("پولیس نے کراچی میں تین ملزمان کو گرفتار کر لیا ہے ۔"))
    tags = {t.norm: t.pos for t in doc.tokens}
    assert tags["نے"] == "ADP" and tags["میں"] == "ADP" and tags["کو"] == "ADP"
    assert tags["کراچی"] == "PROPN"
    assert tags["تین"] == "NUM"
    assert tags["ملزمان"] == "NOUN"
    assert tags["ہے"] == "AUX"
    assert tags["۔"] == "PUNCT"
    lemmas = {t.norm: t.lemma for t in doc.tokens}
    assert lemmas["کر"] == "کرنا"
    assert lemmas["لیا"] == "لینا"  # standard spelling, not UD's لےنا
    assert all(t.pos and t.lemma for t in doc.tokens)


def test_genitive_postpositions_lemmatise_to_ka(tokenised: Callable[[str], Document]) -> None:
    doc = Tagger()(tokenised("شہر کی سڑکوں کے کنارے"))
    assert [t.lemma for t in doc.tokens if t.pos == "ADP"][:2] == ["کا", "کا"]


def test_tokens_keep_their_raw_offsets_and_stage_fits_a_pipeline(
    tokenised: Callable[[str], Document],
) -> None:
    pipeline = Pipeline([Tokens(), Tagger()])
    assert {"pos", "lemma"} <= pipeline.provides
    doc = pipeline(tokenised("وہ گھر گیا"))
    assert [(t.start, t.end) for t in doc.tokens] == [(0, 2), (3, 6), (7, 10)]
    assert doc.tokens[2].lemma == "جانا"


def test_tokens_without_sentences_are_tagged_too(tokenised: Callable[[str], Document]) -> None:
    doc = tokenised("لاہور میں بارش ہوئی")
    doc.sentences.clear()
    Tagger()(doc)
    assert all(t.pos for t in doc.tokens)


def test_tag_words_normalises_raw_spellings() -> None:
    # UD-style non-final ے and Arabic yeh: the tagger folds them before lookup
    tags = Tagger().tag_words(["مےں", "يہ", "کتاب"])
    assert tags[0][0] == "ADP"
    assert len(tags) == 3


def test_empty_document() -> None:
    doc = Tagger()(Document(raw=""))
    assert doc.tokens == []
