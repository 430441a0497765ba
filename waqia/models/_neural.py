"""A small BiLSTM tagger over character and word-level features, evaluated in numpy.

Trained with PyTorch (:mod:`waqia.models._neural_train`, training only); its weights are stored as
plain arrays (``nn_*`` entries of the model file), so tagging needs nothing but numpy. Several
networks trained from different seeds can be stored together; their log-probabilities are averaged.

Each token is described by

* a character CNN over its folded spelling (first and last ``max_chars / 2`` letters),
* small embeddings of categorical word features: closed-class entry, Makhzan frequency band,
  inflection probe, IL-NER name ratio, shape (see :mod:`waqia.models.features`),
* the word vector the CRF also reads (PPMI + SVD, fixed) and a flag saying whether it exists,
* a learnt embedding of the word itself, for words seen twice in training,
* an embedding of the entity model's tag of the token (``B-PER`` …).

A dense layer (``tanh``) mixes them, a one-layer BiLSTM reads the sentence and a linear layer gives
per-token label scores. Everything before the ``tanh`` except the entity tag depends on the word
alone, so it is computed once per word type and memoised: tagging costs one memo lookup per token,
one matrix product for the LSTM inputs and one short loop over positions, run for a whole batch of
sentences and all directions and seeds at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from waqia._errors import DataError
from waqia.geo.fold import fold as place_key
from waqia.models.features import Resources, fold, frequency_class, is_punct, paradigm, shape

FloatArray = npt.NDArray[np.float32]

# Categorical word features, in the order of the embedding tables; "h" (entity tag) is per token.
WORD_CATEGORIES = ("cc", "fq", "pd", "nr", "sh")
CATEGORIES = (*WORD_CATEGORIES, "h")
UNKNOWN = "<unk>"


def word_categories(folded: str, resources: Resources) -> dict[str, str]:
    """The categorical features of one folded word (values are short strings)."""
    return {
        "cc": resources.closed_class.get(folded, "-"),
        "fq": frequency_class(resources.freq.get(folded, 0)),
        "pd": "P" if is_punct(folded) else paradigm(folded, resources.freq),
        # the name ratio band, with "p" appended for a known place (resources.known_places)
        "nr": resources.name_ratio.get(folded, "u") + _place_mark(folded, resources),
        "sh": shape(folded),
    }


def _place_mark(folded: str, resources: Resources) -> str:
    known = resources.known_places
    return "p" if known and not is_punct(folded) and place_key(folded) in known else ""


def char_ids(folded: str, chars: Mapping[str, int], max_chars: int) -> list[int]:
    """Character ids of a folded word: ``0`` pads, ``1`` is an unknown character.

    Long words keep their first and last ``max_chars // 2`` letters: prefixes and inflectional
    endings are what tells the tags apart.
    """
    ids = [chars.get(ch, 1) for ch in folded]
    if len(ids) > max_chars:
        half = max_chars // 2
        ids = ids[:half] + ids[-(max_chars - half) :]
    return ids


@dataclass(frozen=True)
class NeuralVocab:
    """String → index tables of the network's inputs (index 0 is unknown / padding)."""

    chars: Mapping[str, int]
    categories: Mapping[str, Mapping[str, int]]
    max_chars: int
    words: Mapping[str, int]  # folded training words with their own embedding (0: any other)

    def to_json(self) -> dict[str, Any]:
        return {
            "chars": dict(self.chars),
            "categories": {k: dict(v) for k, v in self.categories.items()},
            "max_chars": self.max_chars,
            "words": dict(self.words),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NeuralVocab:
        return cls(
            dict(data["chars"]),
            {k: dict(v) for k, v in data["categories"].items()},
            int(data["max_chars"]),
            dict(data["words"]),
        )


# OpenBLAS runs a product on several threads once rows x inner x columns exceeds 4 x 65,536. On a
# process pinned to one core (``waqia bench``) those threads fight over it and tagging runs at half
# speed, so products are cut into row blocks below that size: as fast single-threaded, never slower.
_SINGLE_THREAD_SIZE = 4 * 65_536


def _matmul(a: FloatArray, b: FloatArray) -> FloatArray:
    """``a @ b`` for ``a`` of shape ``(..., rows, k)`` and ``b`` of ``(..., k, n)``, in row blocks."""
    rows_per_block = max(1, _SINGLE_THREAD_SIZE // (b.shape[-2] * b.shape[-1]))
    rows = a.shape[-2]
    if rows <= rows_per_block:
        product: FloatArray = np.matmul(a, b)
        return product
    blocks = [np.matmul(a[..., i : i + rows_per_block, :], b) for i in range(0, rows, rows_per_block)]
    return np.concatenate(blocks, axis=-2)


def _sigmoid(x: FloatArray) -> FloatArray:
    out: FloatArray = 0.5 * (np.tanh(0.5 * x) + 1.0)  # tanh form: no overflow warnings
    return out


class NeuralTagger:
    """Per-token log-probabilities over ``labels`` from one or more stored BiLSTM networks.

    ``arrays`` holds, for each network ``s`` (``0 … seeds-1``), the entries named in
    :data:`PARAMETERS` with the prefix ``nn{s}_``, in PyTorch's layouts.
    """

    def __init__(
        self,
        labels: Sequence[str],
        vocab: NeuralVocab,
        arrays: Mapping[str, npt.NDArray[Any]],
        resources: Resources,
        *,
        seeds: int,
        memo_size: int = 200_000,
    ) -> None:
        self.labels = tuple(labels)
        self.vocab = vocab
        self.resources = resources
        self.seeds = seeds
        self._memo: dict[str, FloatArray] = {}
        self._memo_size = memo_size
        try:
            nets = [
                {name: np.asarray(arrays[f"nn{s}_{name}"], dtype=np.float32) for name in PARAMETERS}
                for s in range(seeds)
            ]
        except KeyError as error:
            raise DataError(f"neural tagger weights incomplete: {error}") from error
        self._nets = nets
        first = nets[0]
        self.hidden = int(first["inp.weight"].shape[0])
        self.state = int(first["lstm.weight_hh_l0"].shape[1])
        self._cat_dims = [int(first[f"cat{j}.weight"].shape[1]) for j in range(len(CATEGORIES))]
        self._vec_dim = resources.vectors.dim
        # split the input layer: word-only columns (memoised per word type) and the entity-tag columns
        word_width = sum(self._cat_dims[: len(WORD_CATEGORIES)])
        char_width = int(first["cconv.weight"].shape[0])
        self._hint_cols = slice(char_width + word_width, char_width + word_width + self._cat_dims[-1])
        # the entity-tag contribution to the input layer, per tag: [seeds, n_tags, hidden]
        self._hint_rows = np.stack(
            [net["cat5.weight"] @ net["inp.weight"][:, self._hint_cols].T for net in nets]
        )
        self._inp_bias = np.stack([net["inp.bias"] for net in nets])  # [seeds, hidden]
        # LSTM: input and recurrent weights per (seed, direction) group, group g = 2 * seed + direction
        h4 = 4 * self.state
        self._w_ih = np.zeros((seeds, 2, self.hidden, h4), dtype=np.float32)
        self._b = np.zeros((seeds, 2, h4), dtype=np.float32)
        self._w_hh = np.zeros((2 * seeds, self.state, h4), dtype=np.float32)
        # PyTorch orders the gates i, f, g, o; stored here as i, f, o, g so that one sigmoid covers three
        order = np.concatenate(
            [
                np.arange(0, 2 * self.state),
                np.arange(3 * self.state, h4),
                np.arange(2 * self.state, 3 * self.state),
            ]
        )
        for s, net in enumerate(nets):
            for d, suffix in enumerate(("l0", "l0_reverse")):
                self._w_ih[s, d] = net[f"lstm.weight_ih_{suffix}"][order].T
                self._b[s, d] = (net[f"lstm.bias_ih_{suffix}"] + net[f"lstm.bias_hh_{suffix}"])[order]
                self._w_hh[2 * s + d] = net[f"lstm.weight_hh_{suffix}"][order].T
        self._w_out = np.stack([net["out.weight"].T for net in nets])  # [seeds, 2*state, labels]
        self._b_out = np.stack([net["out.bias"] for net in nets])

    # ------------------------------------------------------------------------------ word level

    def _word_rows(self, folded: Sequence[str]) -> FloatArray:
        """``float32[seeds, len(folded), hidden]``: the input layer's word-only part (pre-``tanh``)."""
        memo = self._memo
        missing = sorted({w for w in folded if w not in memo})
        if missing:
            if len(memo) + len(missing) > self._memo_size:
                memo.clear()
            computed = self._compute_word_rows(missing)
            for k, word in enumerate(missing):
                memo[word] = computed[:, k]
        return np.stack([memo[w] for w in folded], axis=1)

    def _compute_word_rows(self, words: Sequence[str]) -> FloatArray:
        vocab, res = self.vocab, self.resources
        n, width = len(words), vocab.max_chars
        chars = np.zeros((n, width), dtype=np.intp)
        for i, word in enumerate(words):
            ids = char_ids(word, vocab.chars, width)
            chars[i, : len(ids)] = ids
        cats = [word_categories(w, res) for w in words]
        cat_ids = [
            np.asarray([vocab.categories[name].get(c[name], 0) for c in cats], dtype=np.intp)
            for name in WORD_CATEGORIES
        ]
        word_ids = np.asarray([vocab.words.get(w, 0) for w in words], dtype=np.intp)
        vectors = res.vectors.sentence(words)
        has_vector = np.asarray([[1.0 if w in res.vectors.index else 0.0] for w in words], dtype=np.float32)
        out = np.empty((self.seeds, n, self.hidden), dtype=np.float32)
        for s, net in enumerate(self._nets):
            emb = net["cemb.weight"][chars]  # n, C, e
            kernel = net["cconv.weight"]  # f, e, k  (PyTorch Conv1d, padding k // 2)
            k = kernel.shape[2]
            padded = np.pad(emb, ((0, 0), (k // 2, k // 2), (0, 0)))
            conv = net["cconv.bias"] + sum(
                _matmul(padded[:, j : j + width].reshape(n * width, -1), kernel[:, :, j].T).reshape(
                    n, width, -1
                )
                for j in range(k)
            )
            char_feature = np.maximum(conv, 0).max(axis=1)  # n, f
            parts = [char_feature]
            parts += [net[f"cat{j}.weight"][ids] for j, ids in enumerate(cat_ids)]
            parts += [vectors, has_vector, net["wemb.weight"][word_ids]]
            word_part = np.concatenate(parts, axis=1)
            weight = net["inp.weight"]
            word_cols = np.r_[0 : self._hint_cols.start, self._hint_cols.stop : weight.shape[1]]
            out[s] = _matmul(word_part, weight[:, word_cols].T)
        return out

    # ------------------------------------------------------------------------------ sentences

    def log_probs(
        self,
        sentences: Sequence[Sequence[str]],
        hints: Sequence[Sequence[str]] | None = None,
        *,
        batch_size: int = 16,
    ) -> list[FloatArray]:
        """Per sentence, ``float32[len(words), n_labels]`` log-probabilities averaged over networks.

        ``sentences`` are normalised words (``Token.norm``); ``hints`` the entity model's tags.
        Sentences of similar length are run together, ``batch_size`` at a time: the LSTM loop costs
        the same for one sentence as for a batch, and padding stays short. (16 sentences keep each
        step's recurrent product below OpenBLAS's threading size, see ``_SINGLE_THREAD_SIZE``.)
        """
        order = sorted(range(len(sentences)), key=lambda k: len(sentences[k]))
        result: list[FloatArray] = [np.zeros((0, len(self.labels)), dtype=np.float32)] * len(sentences)
        for start in range(0, len(order), batch_size):
            chosen = order[start : start + batch_size]
            batch_hints = [hints[k] for k in chosen] if hints is not None else None
            for k, logp in zip(chosen, self._batch([sentences[k] for k in chosen], batch_hints), strict=True):
                result[k] = logp
        return result

    def _batch(
        self, sentences: Sequence[Sequence[str]], hints: Sequence[Sequence[str]] | None
    ) -> list[FloatArray]:
        lengths = [len(s) for s in sentences]
        if not sentences or max(lengths) == 0:
            return [np.zeros((n, len(self.labels)), dtype=np.float32) for n in lengths]
        batch, steps, seeds, state = len(sentences), max(lengths), self.seeds, self.state
        # every token of the batch: its sentence, its position, its position counted from the end
        sentence_of = np.repeat(np.arange(batch), lengths)
        position = np.concatenate([np.arange(n) for n in lengths])
        from_end = np.concatenate([np.arange(n - 1, -1, -1) for n in lengths])
        hint_table = self.vocab.categories["h"]
        tags = [t for b, n in enumerate(lengths) for t in (hints[b] if hints is not None else ["O"] * n)]
        hint_ids = np.asarray([hint_table.get(t, 0) for t in tags], dtype=np.intp)
        rows = self._word_rows([fold(w) for words in sentences for w in words])  # seeds, tokens, hidden
        tokens = np.tanh(rows + self._hint_rows[:, hint_ids] + self._inp_bias[:, None])
        # direction 1 reads each sentence reversed, padded at the end like direction 0
        inputs = np.zeros((seeds, 2, batch, steps, self.hidden), dtype=np.float32)
        inputs[:, 0, sentence_of, position] = tokens
        inputs[:, 1, sentence_of, from_end] = tokens
        # input projections of all positions at once: [seeds, 2, batch * steps, 4 * state]
        proj = _matmul(inputs.reshape(seeds, 2, batch * steps, self.hidden), self._w_ih) + self._b[:, :, None]
        groups = 2 * seeds
        proj = proj.reshape(groups, batch, steps, 4, state).transpose(
            2, 0, 1, 3, 4
        )  # steps, groups, batch, ..
        h = np.zeros((groups, batch, state), dtype=np.float32)
        c = np.zeros((groups, batch, state), dtype=np.float32)
        outputs = np.empty((steps, groups, batch, state), dtype=np.float32)
        for t in range(steps):
            gates = proj[t] + np.matmul(h, self._w_hh).reshape(groups, batch, 4, state)
            ifo = _sigmoid(gates[:, :, :3])
            c = ifo[:, :, 1] * c + ifo[:, :, 0] * np.tanh(gates[:, :, 3])
            h = ifo[:, :, 2] * np.tanh(c)
            outputs[t] = h
        # output layer, split into its forward-state and backward-state halves: [seeds, steps*batch, labels]
        per_direction = outputs.reshape(steps, seeds, 2, batch, state).transpose(1, 2, 0, 3, 4)
        per_direction = per_direction.reshape(seeds, 2, steps * batch, state)
        forward = _matmul(per_direction[:, 0], self._w_out[:, :state]).reshape(seeds, steps, batch, -1)
        backward = _matmul(per_direction[:, 1], self._w_out[:, state:]).reshape(seeds, steps, batch, -1)
        logits = forward[:, position, sentence_of] + backward[:, from_end, sentence_of] + self._b_out[:, None]
        logits -= logits.max(axis=2, keepdims=True)
        logp = (logits - np.log(np.exp(logits).sum(axis=2, keepdims=True))).mean(axis=0)
        return [part.astype(np.float32) for part in np.split(logp, np.cumsum(lengths)[:-1])]


# Arrays stored per network (PyTorch state_dict names of :class:`waqia.models._neural_train.Network`).
PARAMETERS = (
    "cemb.weight",
    "cconv.weight",
    "cconv.bias",
    *(f"cat{j}.weight" for j in range(len(CATEGORIES))),
    "wemb.weight",
    "inp.weight",
    "inp.bias",
    "lstm.weight_ih_l0",
    "lstm.weight_hh_l0",
    "lstm.bias_ih_l0",
    "lstm.bias_hh_l0",
    "lstm.weight_ih_l0_reverse",
    "lstm.weight_hh_l0_reverse",
    "lstm.bias_ih_l0_reverse",
    "lstm.bias_hh_l0_reverse",
    "out.weight",
    "out.bias",
)
