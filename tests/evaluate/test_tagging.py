"""evaluate_tagging on a tiny hand-made CoNLL-U file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from waqia.evaluate.tagging import evaluate_tagging

CONLLU = """\
# sent_id = t1
# text = لڑکے نے کتاب پڑھی ۔
1\tلڑکے\tلڑکا\tNOUN\tNN\t_\t4\tnsubj\t_\t_
2\tنے\tنے\tADP\tPSP\t_\t1\tcase\t_\t_
3\tکتاب\tکتاب\tNOUN\tNN\t_\t4\tobj\t_\t_
4\tپڑھی\tپڑھ\tVERB\tVM\t_\t0\troot\t_\tSpaceAfter=No
5\t۔\t۔\tPUNCT\tSYM\t_\t4\tpunct\t_\t_

# sent_id = t2
# text = وہ گئے
1\tوہ\tوہ\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tگئے\tجا\tVERB\tVM\t_\t0\troot\t_\t_

# sent_id = t3
# text = دیا
1\tدیا\tدےنا\tVERB\tVM\t_\t0\troot\t_\t_

"""

ANSWERS = {
    "لڑکے": [("NOUN", "لڑکا"), ("ADP", "نے"), ("ADJ", "کتاب"), ("VERB", "پڑھنا"), ("PUNCT", "۔")],
    "وہ": [("PRON", "وہ"), ("AUX", "جا")],
    "دیا": [("VERB", "دینا")],  # standard spelling for UD's دےنا: wrong exactly, right folded
}


class Canned:
    def tag_words(self, words: Sequence[str]) -> list[tuple[str, str]]:
        return ANSWERS[words[0]]


def test_upos_and_lemma_accuracy(tmp_path: Path) -> None:
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    result = evaluate_tagging(path, Canned())
    assert result["sentences"] == 3 and result["words"] == 8
    # UPOS: کتاب (ADJ for NOUN) and گئے (AUX for VERB) are wrong: 6 of 8
    assert result["upos"]["correct"] == 6 and result["upos"]["total"] == 8
    assert result["upos"]["accuracy"] == 75.0
    assert result["upos"]["per_tag"] == {
        "ADP": 100.0,
        "NOUN": 50.0,
        "PRON": 100.0,
        "PUNCT": 100.0,
        "VERB": 66.67,
    }
    assert sorted(map(tuple, result["upos"]["confusions"])) == [("NOUN", "ADJ", 1), ("VERB", "AUX", 1)]
    # lemmas: پڑھنا (gold پڑھ) is wrong; دینا (gold دےنا) is wrong exactly but right folded
    assert result["lemma"] == {
        "accuracy": 75.0,
        "correct": 6,
        "total": 8,
        "accuracy_folded": 87.5,
        "correct_folded": 7,
    }


def test_a_plain_function_is_a_tagger(tmp_path: Path) -> None:
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    result = evaluate_tagging(path, lambda words: [("NOUN", w) for w in words])
    assert result["upos"]["correct"] == 2
    assert result["lemma"]["correct"] == 4  # نے, کتاب, ۔ and وہ are their own lemmas
