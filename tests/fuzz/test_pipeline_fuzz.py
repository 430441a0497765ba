"""Fuzzing the whole pipeline: whatever text comes in, no exception escapes a stage, every span is an
exact slice of the raw text, and the output validates against the spec.

`make test` runs a few hundred examples; `make fuzz` runs the same properties with the ``long``
hypothesis profile (tens of thousands of examples, see tests/conftest.py).
"""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import waqia
from waqia.document import Document
from waqia.pipeline import Pipeline, StageFailure
from waqia.validate import document_problems

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@cache
def _pipeline() -> Pipeline:
    # language identification off: the point is to push every text through every later stage
    return waqia.load(identify_language=False)


@cache
def _sample_texts() -> tuple[str, ...]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts += [json.loads(line)["text"] for line in (SAMPLES / "feed.jsonl").read_text("utf-8").splitlines()]
    return tuple(texts)


@cache
def _sample_words() -> tuple[str, ...]:
    return tuple(sorted({w for text in _sample_texts() for w in text.split()}))


def _check(raw: str) -> Document:
    """Run the pipeline on ``raw`` and assert the three properties."""
    results = list(_pipeline().pipe([Document(raw=raw, doc_id="fuzz", pub_date="2014-06-15")]))
    assert len(results) == 1
    doc = results[0]
    assert not isinstance(doc, StageFailure), f"{doc.stage} raised {doc.error!r}"
    assert doc.raw == raw
    previous = 0
    for token in doc.tokens:
        assert 0 <= token.start < token.end <= len(raw)
        assert token.start >= previous, "tokens out of order"
        previous = token.end
    for sentence in doc.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(raw)
    record = doc.to_json()
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # the output can be written
    assert document_problems([record]) == []
    return doc


# Characters that stress each stage: Urdu and Arabic letters and digits, Latin, the marks and
# separators the normaliser rewrites, bidi and zero-width controls, C0/C1 controls, combining
# marks, and astral characters.
_INTERESTING = (
    "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیےۓۂۃؤئإأآة"
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789"
    "۔،؛؟٪٫٬!?.,:;\"'()[]{}«»-–—/\\…*#@"
    " \n\t\r\u00a0\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202e\u2066\u2069\ufeff\u2028\u2029\x85"
    "\x00\x01\x07\x1b\x7f\u064b\u064c\u064e\u064f\u0650\u0651\u0652\u0670\u0654"
    "ﺍﺏﻻﷲ﷽abcXYZéñ中文😀𝔘"
)


def _mixed_text() -> st.SearchStrategy[str]:
    letters = st.text(alphabet=st.sampled_from(_INTERESTING), max_size=200)
    words = st.lists(st.sampled_from(_sample_words()), max_size=60).map(" ".join)
    anything = st.text(max_size=120)  # any code point hypothesis likes, surrogates excluded
    return st.lists(st.one_of(letters, words, anything), min_size=1, max_size=6).map("".join)


@_SETTINGS
@given(_mixed_text())
def test_mixed_script_text_never_breaks_a_stage(raw: str) -> None:
    _check(raw)


@_SETTINGS
@given(
    st.sampled_from(range(len(_sample_texts()))),
    st.lists(
        st.tuples(
            st.sampled_from(["delete", "insert", "duplicate", "swap", "truncate"]),
            st.floats(0, 1),
            st.floats(0, 1),
            st.text(alphabet=st.sampled_from(_INTERESTING), min_size=1, max_size=8),
        ),
        min_size=1,
        max_size=8,
    ),
)
def test_mutated_articles_never_break_a_stage(index: int, edits: list[tuple[str, float, float, str]]) -> None:
    text = _sample_texts()[index]
    for op, a, b, chars in edits:
        i, j = sorted((int(a * len(text)), int(b * len(text))))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + chars + text[i:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "swap":
            text = text[i:j] + text[:i] + text[j:]
        else:
            text = text[: max(i, 1)]
    _check(text)


@pytest.mark.parametrize(
    "raw",
    [
        "ا" * 20_000,  # one enormous token
        "کوئٹہ " * 5_000,  # one enormous sentence with no end mark
        "۔" * 5_000,  # a deep run of sentence marks
        "(" * 2_000 + "دھماکہ" + ")" * 2_000,
        "«" * 1_000 + "حملہ کیا" + "»" * 1_000,
        "،؛" * 3_000,
        "\u200c" * 3_000 + "میں",
        "\n" * 5_000 + "کوئٹہ میں دھماکہ ہوا۔",
        "1" * 5_000 + " افراد ہلاک ہو گئے۔",
        "ایک سو " * 2_000 + "افراد ہلاک ہوئے۔",
        "\u0651" * 1_000,  # combining marks with nothing to combine with
        "\x00\x01\x02 پشاور میں فائرنگ \x7f\x1b",
        "😀" * 1_000 + " لاہور میں مظاہرہ کیا گیا۔",
    ],
    ids=lambda raw: f"{len(raw)}-chars",
)
def test_extreme_shapes(raw: str) -> None:
    _check(raw)


def test_mutations_of_real_articles(shared_data: Path) -> None:
    """Seeded byte-level mutations of real COUNTER articles, read from the shared folder."""
    rng = random.Random(20141001)
    lines = (shared_data / "corpus" / "counter" / "corpus.jsonl").read_text("utf-8").splitlines()
    for line in rng.sample(lines, 12):
        text = json.loads(line)["text"]
        for _ in range(5):
            i = rng.randrange(len(text))
            j = min(len(text), i + rng.randrange(1, 40))
            text = text[:i] + "".join(rng.choice(_INTERESTING) for _ in range(rng.randrange(0, 6))) + text[j:]
        _check(text)
