"""Training the BiLSTM tagger of :mod:`waqia.models._neural` with PyTorch (training only).

Needs ``torch`` (the ``train`` extra). The network is trained on one CPU thread from a fixed seed,
so retraining gives the same weights; they are exported as numpy arrays for
:class:`~waqia.models._neural.NeuralTagger`, which reproduces :meth:`Network.forward` in numpy.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from waqia._errors import DataError
from waqia.models._neural import (
    CATEGORIES,
    PARAMETERS,
    UNKNOWN,
    WORD_CATEGORIES,
    NeuralVocab,
    char_ids,
    word_categories,
)
from waqia.models.features import Resources, fold


@dataclass(frozen=True)
class NeuralSettings:
    """Sizes and training settings (chosen by 5-fold cross-validation on UD dev; docs/models.md)."""

    char_dim: int = 32
    char_filters: int = 64
    char_width: int = 3
    max_chars: int = 12
    category_dim: int = 8
    word_dim: int = 32
    word_min_count: int = 2
    word_dropout: float = 0.25  # share of training tokens whose word embedding is the unknown one
    hidden: int = 128  # input layer; the LSTM has hidden // 2 units per direction
    dropout: float = 0.3
    learning_rate: float = 2e-3
    epochs: int = 30

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _torch() -> Any:
    try:
        # imported by name so that type checking does not need torch installed
        torch = importlib.import_module("torch")
    except ImportError as error:  # training only: tagging does not need it
        raise DataError("training the neural tagger needs torch: pip install 'waqia[train]'") from error
    return torch


def build_vocab(
    sentences: Sequence[Sequence[str]],
    hints: Sequence[Sequence[str]],
    resources: Resources,
    settings: NeuralSettings,
) -> NeuralVocab:
    """Characters, category values and words seen in the training sentences (normalised words)."""
    counts = Counter(fold(w) for words in sentences for w in words)
    frequent = sorted(
        (w for w, n in counts.items() if n >= settings.word_min_count), key=lambda w: (-counts[w], w)
    )
    chars: dict[str, int] = {"<pad>": 0, UNKNOWN: 1}
    categories: dict[str, dict[str, int]] = {name: {UNKNOWN: 0} for name in CATEGORIES}
    for words, tags in zip(sentences, hints, strict=True):
        for word, tag in zip(words, tags, strict=True):
            folded = fold(word)
            for ch in folded:
                chars.setdefault(ch, len(chars))
            values = word_categories(folded, resources)
            for name in WORD_CATEGORIES:
                table = categories[name]
                table.setdefault(values[name], len(table))
            categories["h"].setdefault(tag, len(categories["h"]))
    word_ids = {UNKNOWN: 0, **{w: i + 1 for i, w in enumerate(frequent)}}
    return NeuralVocab(chars, categories, settings.max_chars, word_ids)


def encode(
    words: Sequence[str], hints: Sequence[str], vocab: NeuralVocab, resources: Resources
) -> dict[str, npt.NDArray[Any]]:
    """The network's inputs for one sentence of normalised words, as numpy arrays."""
    folded = [fold(w) for w in words]
    n = len(folded)
    chars = np.zeros((n, vocab.max_chars), dtype=np.int64)
    for i, word in enumerate(folded):
        ids = char_ids(word, vocab.chars, vocab.max_chars)
        chars[i, : len(ids)] = ids
    cats = np.zeros((n, len(CATEGORIES)), dtype=np.int64)
    for i, (word, tag) in enumerate(zip(folded, hints, strict=True)):
        values = dict(word_categories(word, resources), h=tag)
        cats[i] = [vocab.categories[name].get(values[name], 0) for name in CATEGORIES]
    vectors = resources.vectors.sentence(folded)
    has_vector = np.asarray([[1.0 if w in resources.vectors.index else 0.0] for w in folded], np.float32)
    word_ids = np.asarray([vocab.words.get(w, 0) for w in folded], dtype=np.int64)
    return {
        "chars": chars,
        "cats": cats,
        "vec": np.hstack([vectors, has_vector]).astype(np.float32),
        "words": word_ids,
    }


def make_network(vocab: NeuralVocab, vector_dim: int, n_labels: int, settings: NeuralSettings) -> Any:
    """A fresh :class:`Network` (built inside a function so that importing this module needs no torch)."""
    torch = _torch()
    nn = torch.nn

    class Network(nn.Module):  # type: ignore[misc,name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.cemb = nn.Embedding(len(vocab.chars), settings.char_dim, padding_idx=0)
            self.cconv = nn.Conv1d(
                settings.char_dim,
                settings.char_filters,
                settings.char_width,
                padding=settings.char_width // 2,
            )
            for j, name in enumerate(CATEGORIES):
                setattr(self, f"cat{j}", nn.Embedding(len(vocab.categories[name]), settings.category_dim))
            self.wemb = nn.Embedding(len(vocab.words), settings.word_dim)
            width = settings.char_filters + settings.category_dim * len(CATEGORIES) + vector_dim + 1
            width += settings.word_dim
            self.drop = nn.Dropout(settings.dropout)
            self.inp = nn.Linear(width, settings.hidden)
            self.lstm = nn.LSTM(settings.hidden, settings.hidden // 2, bidirectional=True, batch_first=True)
            self.out = nn.Linear(settings.hidden, n_labels)

        def forward(self, batch: dict[str, Any]) -> Any:
            chars = self.cemb(batch["chars"]).transpose(1, 2)
            char_feature = torch.relu(self.cconv(chars)).max(dim=2).values
            parts = [char_feature]
            parts += [getattr(self, f"cat{j}")(batch["cats"][:, j]) for j in range(len(CATEGORIES))]
            parts.append(batch["vec"])
            words = batch["words"]
            if self.training:  # word dropout: the network must also cope with unknown words
                words = words * (torch.rand(words.shape) >= settings.word_dropout).long()
            parts.append(self.wemb(words))
            x = torch.tanh(self.inp(self.drop(torch.cat(parts, 1))))
            h = self.lstm(self.drop(x).unsqueeze(0))[0].squeeze(0)
            return self.out(self.drop(h))

    return Network()


def train_network(
    sentences: Sequence[Sequence[str]],
    labels_per_sentence: Sequence[Sequence[str]],
    hints: Sequence[Sequence[str]],
    resources: Resources,
    labels: Sequence[str],
    vocab: NeuralVocab,
    settings: NeuralSettings,
    seed: int,
) -> dict[str, npt.NDArray[np.float32]]:
    """Train one network (one sentence per step, Adam) and return its weights as numpy arrays."""
    torch = _torch()
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(seed)
    index = {label: i for i, label in enumerate(labels)}
    batches = []
    for words, gold, tags in zip(sentences, labels_per_sentence, hints, strict=True):
        arrays = encode(words, tags, vocab, resources)
        batch = {k: torch.from_numpy(v) for k, v in arrays.items()}
        batch["y"] = torch.tensor([index[t] for t in gold])
        batches.append(batch)
    network = make_network(vocab, resources.vectors.dim, len(labels), settings)
    optimiser = torch.optim.Adam(network.parameters(), lr=settings.learning_rate)
    loss_function = torch.nn.functional.cross_entropy
    for _ in range(settings.epochs):
        network.train()
        for i in rng.permutation(len(batches)):
            loss = loss_function(network(batches[i]), batches[i]["y"])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    network.eval()
    state = network.state_dict()
    return {name: state[name].detach().numpy().astype(np.float32) for name in PARAMETERS}


def torch_log_probs(
    weights: dict[str, npt.NDArray[np.float32]],
    words: Sequence[str],
    hints: Sequence[str],
    vocab: NeuralVocab,
    resources: Resources,
    n_labels: int,
    settings: NeuralSettings,
) -> npt.NDArray[np.float32]:
    """The PyTorch forward pass of stored weights on one sentence (to check the numpy one against)."""
    torch = _torch()
    network = make_network(vocab, resources.vectors.dim, n_labels, settings)
    network.load_state_dict({k: torch.from_numpy(v) for k, v in weights.items()})
    network.eval()
    batch = {k: torch.from_numpy(v) for k, v in encode(words, hints, vocab, resources).items()}
    with torch.no_grad():
        out: npt.NDArray[np.float32] = torch.log_softmax(network(batch), 1).numpy()
    return out
