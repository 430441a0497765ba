"""Counting tier-1 false positives on pages of chosen domains (sentences written for the test)."""

from __future__ import annotations

import json
from pathlib import Path

import waqia
from waqia.evaluate.noise import tier1_noise


def test_counts_tier1_asserted_events_of_the_chosen_domains_only(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    records = [
        {"doc_id": "a", "domain": "sports", "text": "قومی ٹیم نے میچ میں شاندار کھیل پیش کیا۔"},
        {"doc_id": "b", "domain": "sports", "text": "سٹیڈیم کے باہر نامعلوم افراد نے فائرنگ کی۔"},
        {"doc_id": "c", "domain": "national", "text": "پشاور میں دھماکہ ہوا۔"},
    ]
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    result = tier1_noise(corpus, waqia.load(identify_language=False), ["sports"])
    assert result["documents"] == 2
    assert [(e["doc_id"], e["type"]) for e in result["events"]] == [("b", "ASSAULT")]
    assert result["per_document"] == 0.5
