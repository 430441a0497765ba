"""Retraining on a small slice (slow, opt-in: ``pytest -m slow``). ``make test`` never retrains."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from waqia.models.ner import EntityModel
from waqia.models.pos import PosModel
from waqia.models.train import train_ner, train_pos


@pytest.mark.slow
def test_train_ner_on_a_slice(shared_data: Path, tmp_path: Path) -> None:
    result = train_ner(shared_data, tmp_path, slice=600)
    assert Path(result["path"]).is_file() and (tmp_path / "ner.card.json").is_file()
    dev = result["scores"]["train_only"]["dev"]["micro"]
    assert 0.3 < dev["f1"] < 0.9, dev
    model = EntityModel.load(result["path"])
    assert model.tag(["کراچی", "میں", "دھماکہ"])[0] == "B-LOC"


@pytest.mark.slow
def test_train_pos_on_a_slice(shared_data: Path, tmp_path: Path) -> None:
    with_neural = importlib.util.find_spec("torch") is not None  # the BiLSTM needs the train extra
    result = train_pos(shared_data, tmp_path, slice=150, folds=0, neural=with_neural)
    assert (tmp_path / "pos.npz").is_file() and (tmp_path / "lemma.json").is_file()
    test = result["scores"]["test"]
    assert 80 < test["upos"] < 95, test
    assert 85 < test["lemma"] < 99, test
    model = PosModel.load(result["path"])
    assert (model.neural is not None) == with_neural
    assert model.tag(["وہ", "کراچی", "میں", "ہے"])[2] == "ADP"
