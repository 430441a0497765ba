"""A linear-chain CRF stored as plain arrays, and its Viterbi decoder.

Training uses CRFsuite (``python-crfsuite``, only needed for ``waqia train``); its weights are then
written to one ``.npz`` file of plain arrays and text, loaded with ``allow_pickle=False``, so tagging
needs nothing but numpy and a model file can never run code when it is loaded.

File layout (every entry a numpy array; text is UTF-8 bytes in a ``uint8`` array):

=================  ==========================================================================
``labels``         the tag set, one per line
``attributes``     feature strings, one per line; row ``i`` of ``weights`` belongs to line ``i``
``weights``        ``float32[n_attributes, n_labels]`` state-feature weights
``transitions``    ``float32[n_labels, n_labels]``: ``[a, b]`` scores tag ``a`` followed by ``b``
``meta``           JSON: feature spec, data sources, licence, settings, scores
``res_*``          TSV resources the features consult (clusters, frequencies, lexicons)
``vec_words``      words with a dense vector, one per line (only models with vector features)
``vec_matrix``     ``float16[n_words, dim]``: row ``i`` is the vector of line ``i`` of ``vec_words``
=================  ==========================================================================
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from waqia._errors import DataError
from waqia.models.features import (
    BOS,
    EOS,
    FeatureExtractor,
    FeatureSpec,
    PhraseMatcher,
    Resources,
    WordVectors,
    fold,
    vector_feature,
)

FloatArray = npt.NDArray[np.float32]


def _text(array: npt.NDArray[Any]) -> str:
    return bytes(array.tobytes()).decode("utf-8")


def _blob(text: str) -> npt.NDArray[np.uint8]:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.split("\n") if line]


def resources_to_tsv(res: Resources) -> dict[str, str]:
    """The resources as TSV texts, for the model file."""
    return {
        "res_clusters": "\n".join("\t".join((w, *c)) for w, c in sorted(res.clusters.items())),
        "res_freq": "\n".join(f"{w}\t{n}" for w, n in sorted(res.freq.items())),
        "res_closed": "\n".join(f"{w}\t{t}" for w, t in sorted(res.closed_class.items())),
        "res_nameratio": "\n".join(f"{w}\t{t}" for w, t in sorted(res.name_ratio.items())),
        "res_cues": "\n".join(f"{' '.join(p)}\t{t}" for p, t in sorted(res.cues.phrases.items())),
        "res_names": "\n".join(f"{' '.join(p)}\t{t}" for p, t in sorted(res.names.phrases.items())),
        # only when there are any: files of models without them stay byte-identical on retraining
        **({"res_places": "\n".join(sorted(res.known_places))} if res.known_places else {}),
    }


def resources_from_tsv(texts: Mapping[str, str], vectors: WordVectors | None = None) -> Resources:
    def phrases(text: str) -> PhraseMatcher:
        return PhraseMatcher({tuple(r[0].split(" ")): r[1] for r in _rows(text)})

    extra = {"vectors": vectors} if vectors is not None else {}
    return Resources(
        **extra,
        clusters={r[0]: tuple(r[1:]) for r in _rows(texts.get("res_clusters", ""))},
        freq={r[0]: int(r[1]) for r in _rows(texts.get("res_freq", ""))},
        closed_class={r[0]: r[1] for r in _rows(texts.get("res_closed", ""))},
        name_ratio={r[0]: r[1] for r in _rows(texts.get("res_nameratio", ""))},
        cues=phrases(texts.get("res_cues", "")),
        names=phrases(texts.get("res_names", "")),
        known_places=frozenset(line for line in texts.get("res_places", "").split("\n") if line),
    )


@dataclass
class LinearChainModel:
    """Weights of a linear-chain CRF plus the feature extractor that feeds it.

    Immutable once built, except for memo tables that only speed up repeated words.
    """

    labels: tuple[str, ...]
    attributes: Mapping[str, int]
    weights: FloatArray
    transitions: FloatArray
    spec: FeatureSpec
    resources: Resources
    meta: dict[str, Any] = field(default_factory=dict)
    extractor: FeatureExtractor = field(init=False, repr=False)
    _index_memo: dict[str, tuple[tuple[int, ...], ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.extractor = FeatureExtractor(self.spec, self.resources)
        self._index_memo = {}
        # one extra all-zero row: unknown features map there, so every token has >= 1 row
        self._bias = self.attributes.get("bias", len(self.weights) - 1)
        # vector features: for each offset, a dim x labels block gathered from the weight rows
        self._vector_blocks: list[tuple[int, FloatArray]] = []
        vw, vectors = self.spec.vector_window, self.resources.vectors
        if vw >= 0 and len(vectors):
            for offset in range(-vw, vw + 1):
                block = np.zeros((vectors.dim, len(self.labels)), dtype=np.float32)
                for d in range(vectors.dim):
                    row = self.attributes.get(vector_feature(offset, d))
                    if row is not None:
                        block[d] = self.weights[row]
                self._vector_blocks.append((offset, block))

    # ------------------------------------------------------------------------------ I/O

    @classmethod
    def from_crfsuite(
        cls, model_file: str | Path, spec: FeatureSpec, resources: Resources, meta: dict[str, Any]
    ) -> LinearChainModel:
        """Read a CRFsuite model and keep only the features with a non-zero weight."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_file))
        info = tagger.info()
        labels = tuple(tagger.labels())
        tagger.close()
        lab = {name: i for i, name in enumerate(labels)}
        attrs: dict[str, int] = {}
        entries: list[tuple[int, int, float]] = []
        for (attr, label), weight in info.state_features.items():
            if weight == 0.0:
                continue
            row = attrs.setdefault(attr, len(attrs))
            entries.append((row, lab[label], weight))
        weights = np.zeros((len(attrs) + 1, len(labels)), dtype=np.float32)
        for row, col, weight in entries:
            weights[row, col] = weight
        transitions = np.zeros((len(labels), len(labels)), dtype=np.float32)
        for (a, b), weight in info.transitions.items():
            transitions[lab[a], lab[b]] = weight
        return cls(labels, attrs, weights, transitions, spec, resources, meta)

    def save(self, path: str | Path, extra: Mapping[str, npt.NDArray[Any]] | None = None) -> None:
        """Write the model file; ``extra`` arrays (another model's weights, ``nn_*``) go in as well."""
        ordered = sorted(self.attributes.items(), key=lambda kv: kv[1])
        meta = dict(self.meta)
        meta["spec"] = self.spec.to_json()
        arrays: dict[str, npt.NDArray[Any]] = {
            "labels": _blob("\n".join(self.labels)),
            "attributes": _blob("\n".join(a for a, _ in ordered)),
            "weights": self.weights[: len(ordered)],
            "transitions": self.transitions,
            "meta": _blob(json.dumps(meta, ensure_ascii=False, sort_keys=True)),
        }
        for name, text in resources_to_tsv(self.resources).items():
            arrays[name] = _blob(text)
        vectors = self.resources.vectors
        if len(vectors):
            ordered_words = sorted(vectors.index.items(), key=lambda kv: kv[1])
            arrays["vec_words"] = _blob("\n".join(w for w, _ in ordered_words))
            arrays["vec_matrix"] = vectors.matrix[[i for _, i in ordered_words]].astype(np.float16)
        for name, array in (extra or {}).items():
            if name in arrays:
                raise ValueError(f"extra array {name!r} would overwrite a model entry")
            arrays[name] = array
        # numpy's stubs type **kwds as if a key could be allow_pickle; these keys never are
        cast(Any, np.savez_compressed)(path, **arrays)

    @classmethod
    def load(cls, path: str | Path) -> LinearChainModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                labels = tuple(_text(data["labels"]).split("\n"))
                attr_list = _text(data["attributes"]).split("\n") if data["attributes"].size else []
                weights = np.asarray(data["weights"], dtype=np.float32)
                transitions = np.asarray(data["transitions"], dtype=np.float32)
                meta = json.loads(_text(data["meta"]))
                texts = {name: _text(data[name]) for name in data.files if name.startswith("res_")}
                vectors = None
                if "vec_words" in data.files:
                    vector_words = _text(data["vec_words"]).split("\n")
                    matrix = np.asarray(data["vec_matrix"], dtype=np.float16)
                    vectors = WordVectors({w: i for i, w in enumerate(vector_words)}, matrix)
        except (OSError, KeyError, ValueError) as error:
            raise DataError(f"cannot read model file {path}: {error}") from error
        weights = np.vstack([weights, np.zeros((1, len(labels)), dtype=np.float32)])
        spec = FeatureSpec.from_json(meta.pop("spec"))
        attributes = {a: i for i, a in enumerate(attr_list)}
        resources = resources_from_tsv(texts, vectors)
        return cls(labels, attributes, weights, transitions, spec, resources, meta)

    # ------------------------------------------------------------------------------ tagging

    def _word_indices(self, word: str) -> tuple[tuple[int, ...], ...]:
        memo = self._index_memo
        found = memo.get(word)
        if found is None:
            get = self.attributes.get
            # the uncached call: only the compact index memo is kept at tagging time
            per_offset = self.extractor._word_features(word)
            found = tuple(tuple(i for i in map(get, feats) if i is not None) for feats in per_offset)
            if len(memo) >= 300_000:
                memo.clear()
            memo[word] = found
        return found

    def emissions(self, words: Sequence[str], hints: Sequence[str] | None = None) -> FloatArray:
        """Per-token label scores, ``float32[len(words), n_labels]``.

        ``hints``: another tagger's labels for ``words``, for models trained with hint features.
        """
        n = len(words)
        win = self.spec.window
        padded = [BOS] * win + list(words) + [EOS] * win
        per_word = [self._word_indices(w) for w in padded]
        extra = self.extractor.sentence_extra(words, hints)
        get = self.attributes.get
        bias = self._bias
        flat: list[int] = []
        starts: list[int] = []
        slots = range(2 * win + 1)
        for i in range(n):
            starts.append(len(flat))
            flat.append(bias)
            for slot in slots:
                flat.extend(per_word[i + slot][slot])
            for feat in extra[i]:
                idx = get(feat)
                if idx is not None:
                    flat.append(idx)
        rows = self.weights[np.asarray(flat, dtype=np.intp)]
        scores: FloatArray = np.add.reduceat(rows, np.asarray(starts, dtype=np.intp), axis=0)
        if self._vector_blocks:
            vectors = self.resources.vectors.sentence([fold(w) for w in words])
            for offset, block in self._vector_blocks:
                # token i sees the vector of word i + offset
                if offset >= 0:
                    scores[: n - offset] += vectors[offset:] @ block
                else:
                    scores[-offset:] += vectors[: n + offset] @ block
        return scores

    def viterbi(self, scores: FloatArray) -> list[int]:
        n = scores.shape[0]
        if n == 0:
            return []
        trans = self.transitions
        best = scores[0].copy()
        back = np.empty((n, scores.shape[1]), dtype=np.intp)
        for t in range(1, n):
            cand = best[:, None] + trans
            back[t] = cand.argmax(axis=0)
            best = cand.max(axis=0) + scores[t]
        path = [int(best.argmax())]
        for t in range(n - 1, 0, -1):
            path.append(int(back[t, path[-1]]))
        path.reverse()
        return path

    def tag(self, words: Sequence[str], hints: Sequence[str] | None = None) -> list[str]:
        """The best label sequence for one sentence."""
        if not words:
            return []
        labels = self.labels
        return [labels[i] for i in self.viterbi(self.emissions(words, hints))]


class ChainTagger:
    """A tagger backed by one :class:`LinearChainModel`: what the NER and POS models share."""

    def __init__(self, crf: LinearChainModel) -> None:
        self._crf = crf

    @property
    def meta(self) -> dict[str, Any]:
        return self._crf.meta

    @property
    def labels(self) -> tuple[str, ...]:
        return self._crf.labels
