"""The acceptance figures on the gold dev set (shared data): places and actors.

Kept here rather than in tests/evaluate/test_places.py: pytest's default import mode cannot have two
test modules named test_places.py (tests/stages/ has one) in package-less test folders.
"""

from __future__ import annotations

from pathlib import Path

from waqia.evaluate.places import evaluate_actors, evaluate_places


def test_gold_places_resolve(shared_data: Path) -> None:
    result = evaluate_places(shared_data / "gold" / "dev.jsonl")
    assert result["locations"] > 100
    assert result["within_25km"] >= 0.90
    assert result["country_accuracy"] >= 0.97


def test_gold_actors_resolve(shared_data: Path) -> None:
    result = evaluate_actors(shared_data / "gold" / "dev.jsonl")
    assert result["actors"] > 300
    assert result["country_accuracy"] >= 0.90
    assert result["sector_accuracy"] >= 0.90
