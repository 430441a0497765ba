"""The CoNLL-U reader and writer, on snippets written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from waqia.document import Document
from waqia.evaluate.conllu import parse_conllu, read_conllu, to_conllu
from waqia.stages.segment import Segmenter

SNIPPET = (
    "# newdoc id = t1\n"
    "# sent_id = t1-1\n"
    "# text = وہ گھر گیا۔\n"
    "1\tوہ\tوہ\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n"
    "2\tگھر\tگھر\tNOUN\tNN\tCase=Acc\t3\tobl\t_\t_\n"
    "3\tگیا\tجانا\tVERB\tVM\t_\t0\troot\t_\tSpaceAfter=No\n"
    "4\t۔\t۔\tPUNCT\tSYM\t_\t3\tpunct\t_\t_\n"
    "\n"
    "# sent_id = t1-2\n"
    "# text = ہم نے کہا\n"
    "1-2\tہمنے\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "1\tہم\tہم\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n"
    "2\tنے\tنے\tADP\tPSP\t_\t1\tcase\t_\t_\n"
    "2.1\tکچھ\tکچھ\tPRON\t_\t_\t_\t_\t0:root\t_\n"
    "3\tکہا\tکہنا\tVERB\tVM\t_\t0\troot\t_\t_\n"
)


def test_reads_comments_words_and_skips_empty_nodes() -> None:
    first, second = parse_conllu(SNIPPET)
    assert first.sent_id == "t1-1"
    assert first.text == "وہ گھر گیا۔"
    assert first.comments["newdoc id"] == "t1"
    assert [w.form for w in first.words] == ["وہ", "گھر", "گیا", "۔"]
    assert first.words[2].lemma == "جانا" and first.words[2].upos == "VERB" and first.words[2].xpos == "VM"
    assert first.words[1].feats == "Case=Acc" and first.words[1].head == 3 and first.words[1].deprel == "obl"
    assert [w.space_after for w in first.words] == [True, True, False, True]
    assert [w.id for w in second.words] == [1, 2, 3]  # 2.1 is an empty node, not a word
    assert [(m.first, m.last, m.form) for m in second.multiword] == [(1, 2, "ہمنے")]


def test_surface_tokens_use_the_multiword_form() -> None:
    _, second = parse_conllu(SNIPPET)
    assert second.surface_tokens() == [("ہمنے", True), ("کہا", True)]


def test_malformed_line_is_reported() -> None:
    with pytest.raises(ValueError, match="line 2"):
        parse_conllu("# text = x\n1\tx\tx\n")


def test_read_from_file(tmp_path: Path) -> None:
    path = tmp_path / "t.conllu"
    path.write_text(SNIPPET, encoding="utf-8")
    assert len(read_conllu(path)) == 2


def test_round_trip_of_a_segmented_document() -> None:
    raw = "سیلاب آ گیا\n\nپانی گھروں میں داخل ہوا۔لوگ\nمحفوظ ہیں۔"
    doc = Segmenter()(Document(raw=raw, doc_id="d7"))
    doc.tokens[0].lemma = "سیلاب"
    doc.tokens[0].pos = "NOUN"
    text = to_conllu(doc)
    sentences = parse_conllu(text)
    assert [s.sent_id for s in sentences] == ["d7-1", "d7-2", "d7-3", "d7-4"]
    assert [s.text for s in sentences] == ["سیلاب آ گیا", "پانی گھروں میں داخل ہوا۔", "لوگ", "محفوظ ہیں۔"]
    assert [s.comments.get("heading") for s in sentences] == ["yes", None, None, None]
    forms = [w.form for s in sentences for w in s.words]
    assert forms == [raw[t.start : t.end] for t in doc.tokens]
    assert sentences[0].words[0].lemma == "سیلاب" and sentences[0].words[0].upos == "NOUN"
    assert sentences[0].words[1].lemma == "_" and sentences[0].words[1].upos == "_"
    no_space = [w.form for s in sentences for w in s.words if not w.space_after]
    assert no_space == ["ہوا", "۔", "ہیں"]  # the document's last token gets no SpaceAfter at all
    # the sentence text is rebuilt from FORMs and SpaceAfter
    for sentence in sentences:
        rebuilt = "".join(w.form + (" " if w.space_after else "") for w in sentence.words).strip()
        assert rebuilt == sentence.text


def test_writer_shows_the_normalised_form_where_it_differs() -> None:
    from waqia.stages.normalize import Normalizer
    from waqia.stages.segment import Segmenter

    doc = Segmenter()(Normalizer()(Document(raw="پوليس كا چهاپه۔")))
    rows = [line.split("\t") for line in to_conllu(doc).splitlines() if line and not line.startswith("#")]
    assert [row[1] for row in rows] == ["پوليس", "كا", "چهاپه", "۔"]
    assert [row[9] for row in rows] == ["Norm=پولیس", "Norm=کا", "SpaceAfter=No|Norm=چھاپہ", "_"]
