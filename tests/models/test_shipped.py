"""The shipped model files: they load, carry their provenance, and stay small."""

from __future__ import annotations

import hashlib
from importlib import resources

from waqia.models.ner import load_entity_model
from waqia.models.pos import load_pos_model

UPOS = {
    "ADJ",
    "ADP",
    "ADV",
    "AUX",
    "CCONJ",
    "DET",
    "NOUN",
    "NUM",
    "PART",
    "PRON",
    "PROPN",
    "PUNCT",
    "SCONJ",
    "VERB",
}


def test_entity_model_provenance() -> None:
    model = load_entity_model()
    assert model is load_entity_model()
    meta = model.meta
    assert meta["licence"].startswith("CC BY 4.0")
    assert any("IL-NER" in s["name"] for s in meta["sources"])
    assert meta["scores"]["train_only"]["dev"]["micro"]["f1"] > 0.5
    assert {label[2:] for label in model.labels if label != "O"} == {
        "PER",
        "LOC",
        "ORG",
        "NUM",
        "TIME",
        "ART",
    }


def test_pos_model_provenance() -> None:
    model = load_pos_model()
    meta = model.meta
    assert meta["licence"].startswith("CC BY-NC-SA 4.0")
    assert meta["scores"]["test"]["upos"] > 85
    assert set(model.labels) >= UPOS


def test_pos_model_has_its_neural_part_and_tags_a_sentence() -> None:
    model = load_pos_model()
    assert model.neural is not None and model.neural.labels == model.labels
    assert model.meta["neural"]["weight"] > 0
    assert model.meta["scores"]["dev_cv_upos"] > model.meta["scores"]["dev_cv_upos_crf_only"]
    # "The police arrested three people in Karachi." (written for this test)
    words = ["پولیس", "نے", "کراچی", "میں", "تین", "افراد", "کو", "گرفتار", "کر", "لیا", "۔"]
    tags = model.tag(words)
    assert tags == model.tag_many([words, ["کراچی"]])[0]
    assert [tags[i] for i in (1, 2, 3, 4, 5, 6, 9, 10)] == [
        "ADP",
        "PROPN",
        "ADP",
        "NUM",
        "NOUN",
        "ADP",
        "VERB",
        "PUNCT",
    ]


def test_pos_model_reads_the_shipped_entity_model() -> None:
    model = load_pos_model()
    assert model.uses_entities and model.entity_model is load_entity_model()
    shipped = resources.files("waqia.models").joinpath("data", "ner.npz").read_bytes()
    # the hints it was trained on came from this very file
    assert model.meta["entity_model"]["sha256"] == hashlib.sha256(shipped).hexdigest()


def test_artifacts_are_small() -> None:
    folder = resources.files("waqia.models").joinpath("data")
    total = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())  # type: ignore[attr-defined]
    assert total < 40_000_000
