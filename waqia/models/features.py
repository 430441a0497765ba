"""Feature extraction shared by the entity recogniser and the part-of-speech tagger.

Both models are linear-chain CRFs over sparse binary features. Features come in three kinds:

* **word features** depend on one word only (its form, affixes, shape, frequency class, word cluster,
  closed-class entry). Token ``i`` receives the word features of its neighbours ``i+k`` under a
  template prefixed with the offset ``k``, so everything about a word can be computed once per word
  type and cached: news text repeats its words, which is what makes tagging fast in pure Python;
* **pair features** join two neighbouring words (``w-1|w0``), looked up per token;
* **phrase features** come from multi-word lexicons matched over the sentence: honorifics and titles
  (``وزیر اعظم``, ``جنرل``), organisation and place cue words, and an optional name lexicon (place
  names from the gazetteer). They fire on the matched tokens and, shifted, on their neighbours.

The same code produces the feature *strings* the trainer sees and the feature *indices* the tagger
looks up, so training and tagging cannot drift apart.

Every word is first passed through :func:`fold`, a lossy spelling key: NFKC, Arabic letters to their
Urdu forms, no diacritics, ASCII digits and non-final ے written as ی. The project's normaliser
already does most of this for ``Token.norm``; folding again is cheap (cached) and makes the models
work on the training corpora's spellings (UD writes ``مےں`` for ``میں``) and on unnormalised input.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from waqia.geo.fold import fold as place_key

# ---------------------------------------------------------------------------------------------- folding

_TRANSLATE = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh → Farsi yeh
        "\u0649": "\u06cc",  # alef maksura → Farsi yeh
        "\u0643": "\u06a9",  # Arabic kaf → keheh
        "\u0629": "\u06c3",  # teh marbuta → teh marbuta goal
        "\u06c0": "\u06c2",  # heh with yeh above → heh goal with hamza
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
        "\u066b": ".",  # Arabic decimal separator
        "\u066c": ",",  # Arabic thousands separator
    }
)
# Diacritics, tatweel and invisible joiners carry no lexical information for tagging.
_STRIP = re.compile("[\u064b-\u0652\u0653\u0655-\u065f\u0670\u0640\u200b-\u200f\u2060\ufeff]")
# Arabic heh written for do-chashmi heh after a consonant that aspirates (بهی → بھی).
_ASPIRATED_HEH = re.compile("(?<=[بپتٹجچدڈڑکگ])\u0647")
_NONFINAL_BARREE = re.compile("\u06d2(?=[\u0621-\u064a\u0671-\u06d3\u06ff])")


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """A spelling key for ``word``: the form every lexicon and model feature is keyed by.

    Idempotent: ``fold(fold(w)) == fold(w)``.
    """
    text = unicodedata.normalize("NFKC", word)
    text = text.replace("\u06cc\u0654", "\u0626")  # Farsi yeh + hamza has no precomposed form
    text = text.replace("\u06d3", "\u0626\u06d2")  # ۓ is written ئے in standard spelling
    text = _ASPIRATED_HEH.sub("\u06be", text)
    text = text.replace("\u0647", "\u06c1").translate(_TRANSLATE)
    text = _STRIP.sub("", text)
    text = text.replace("\u0654", "")  # any hamza above left over after composition
    text = _NONFINAL_BARREE.sub("\u06cc", text)
    return text.lower()


def standard_spelling(word: str) -> str:
    """``word`` with non-final ے written ی (UD Urdu's ``مےں``, ``دےنا`` → ``میں``, ``دینا``), nothing else."""
    return _NONFINAL_BARREE.sub("\u06cc", word)


@lru_cache(maxsize=200_000)
def normalise_token(word: str) -> str:
    """A raw corpus token spelt the way the pipeline spells ``Token.norm``.

    Uses the project's normaliser (character level: :func:`waqia.stages.normalize.normalize_spelling`)
    so that training corpora, lexicons and gold files look like the text the models see at run time.
    """
    from waqia.stages.normalize import normalize_spelling

    return normalize_spelling(word) if word else word


def join_place_keys(first: str, second: str) -> str:
    """The gazetteer key of a two-word name from the keys of its words (``join_keys``, but cheap:
    a word's key can end in ے, which becomes ی inside a longer key, and has no other ے)."""
    if first.endswith("ے"):
        return first[:-1] + "ی" + second
    return first + second


# ---------------------------------------------------------------------------------------------- shapes

_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]")
_PUNCT_CHARS = set("۔،؟؛!?.,:;\"'()[]{}-–—‘’“”«»/\\|*•٭%٪…")


def shape(word: str) -> str:
    """A coarse shape: ``a`` Arabic-script letter, ``x`` Latin letter, ``d`` digit, else the char.

    Runs are collapsed (``12.5`` → ``d.d``), so shapes stay few.
    """
    out: list[str] = []
    for ch in word:
        if ch.isdigit():
            c = "d"
        elif _ARABIC_LETTER.match(ch):
            c = "a"
        elif ch.isascii() and ch.isalpha():
            c = "x"
        elif ch.isalpha():
            c = "o"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:6])


def is_punct(word: str) -> bool:
    return bool(word) and all(ch in _PUNCT_CHARS or unicodedata.category(ch)[0] in "PS" for ch in word)


# ---------------------------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class PhraseMatcher:
    """Greedy longest-match of multi-word phrases over a token sequence.

    ``phrases`` maps a phrase (a tuple of folded words) to a label. :meth:`match` returns, for
    every token, the labels of the phrases covering it, with ``B``/``I`` position, e.g.
    ``"LOC:B"``, ``"LOC:I"``.
    """

    phrases: Mapping[tuple[str, ...], str]
    _index: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, label in self.phrases.items():
            if phrase:
                index.setdefault(phrase[0], []).append((phrase, label))
        frozen = {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in index.items()}
        object.__setattr__(self, "_index", frozen)

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, str]]) -> PhraseMatcher:
        """Build from ``(text, label)`` pairs; the text is split on spaces/underscores and folded.

        A phrase listed under several labels gets them all, joined with ``+`` (``LOC_END+ORG_END``):
        the ambiguity itself is a useful feature.
        """
        labels: dict[tuple[str, ...], set[str]] = {}
        for text, label in entries:
            key = tuple(fold(w) for w in re.split(r"[\s_]+", text.strip()) if w)
            if key:
                labels.setdefault(key, set()).add(label)
        return cls({k: "+".join(sorted(v)) for k, v in labels.items()})

    def __len__(self) -> int:
        return len(self.phrases)

    def match(self, words: Sequence[str]) -> list[str | None]:
        """One label (or ``None``) per word; ``words`` must already be folded."""
        out: list[str | None] = [None] * len(words)
        index = self._index
        i, n = 0, len(words)
        while i < n:
            candidates = index.get(words[i])
            if candidates:
                for phrase, label in candidates:
                    m = len(phrase)
                    if i + m <= n and (m == 1 or tuple(words[i : i + m]) == phrase):
                        out[i] = label + ":B"
                        for j in range(i + 1, i + m):
                            out[j] = label + ":I"
                        i += m
                        break
                else:
                    i += 1
            else:
                i += 1
        return out


# Inflection probes: which sister forms of a word occur in the frequency list tells adjectives and
# participles (اچھا/اچھی/اچھے) from nouns (ترقی has no ترقا) and nouns (ترقیوں) from the rest.
_MARKED_ENDINGS = ("ا", "ی", "ے")
_VERB_PROBES = ("نا", "تا", "تے", "کر")
_NOUN_PROBES = ("وں", "یں", "ات")


def paradigm(word: str, freq: Mapping[str, int], min_count: int = 3) -> str:
    """A signature of the sister forms of ``word`` that a corpus attests (``""`` when none).

    ``a``/``i``/``e``: the stem + ا/ی/ے exists (marked inflection, for words ending in one of them);
    ``v``: the stem takes verb endings; ``n``: the word takes plural noun endings; ``s``: the word
    is a nisba form (ی or ئی added to an attested word: انسانی, فضائی), typically an adjective.
    """
    if len(word) < 3 or not freq:
        return ""
    out: list[str] = []
    if word[-1] in _MARKED_ENDINGS:
        stem = word[:-1]
        for ending, mark in zip(_MARKED_ENDINGS, "aie", strict=True):
            if ending != word[-1] and freq.get(stem + ending, 0) >= min_count:
                out.append(mark)
    else:
        stem = word
    if any(freq.get(stem + p, 0) >= min_count for p in _VERB_PROBES):
        out.append("v")
    base = word[:-1] if word[-1] in "ہا" else word
    if any(freq.get(base + p, 0) >= min_count for p in _NOUN_PROBES):
        out.append("n")
    if word.endswith("ی"):
        root = word[:-2] if word.endswith("ئی") else word[:-1]
        if len(root) >= 2 and (freq.get(root, 0) >= min_count or freq.get(root + "ہ", 0) >= min_count):
            out.append("s")
    return "".join(out)


_INFLECTIONS = ("یوں", "ئیں", "ئے", "وں", "یں", "ات", "یاں", "ا", "ی", "ے", "ں")


def stem(word: str) -> str:
    """``word`` without its longest inflectional ending, keeping a stem of at least 2 letters."""
    for ending in _INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: -len(ending)]
    return word


def frequency_class(count: int) -> str:
    """Logarithmic frequency band of a word count (``"0"`` for hapaxes … ``"9"`` for the commonest)."""
    if count <= 0:
        return "-"
    return str(min(9, int(math.log2(count) / 2)))


# ---------------------------------------------------------------------------------------------- features


@dataclass(frozen=True)
class FeatureSpec:
    """Which templates a model uses. Stored in the model file, so a model always gets its own set."""

    kind: str  # "ner" or "pos"
    prefixes: int = 3
    suffixes: int = 4
    window: int = 2
    context_suffixes: int = 3
    pairs: bool = True
    wide_pairs: bool = False
    phrase_window: int = 2
    cluster_context: bool = True
    paradigms: bool = False
    char_ngrams: int = 0  # internal character n-grams of rare words (0: none)
    stems: bool = False
    # real-valued word-vector features of the words at offsets -w..w (-1: none)
    vector_window: int = -1
    # features from another tagger's labels (the entity model's) at offsets -w..w (-1: none)
    hint_window: int = -1
    # whether a word, or the two-word name it starts or ends, is a known place (resources.known_places)
    known_places: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "prefixes": self.prefixes,
            "suffixes": self.suffixes,
            "window": self.window,
            "context_suffixes": self.context_suffixes,
            "pairs": self.pairs,
            "wide_pairs": self.wide_pairs,
            "phrase_window": self.phrase_window,
            "cluster_context": self.cluster_context,
            "paradigms": self.paradigms,
            "char_ngrams": self.char_ngrams,
            "stems": self.stems,
            "vector_window": self.vector_window,
            "hint_window": self.hint_window,
            # written only when on, so files of models without it stay byte-identical on retraining
            **({"known_places": True} if self.known_places else {}),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> FeatureSpec:
        def as_int(name: str, default: int) -> int:
            value = data.get(name, default)
            return int(value) if isinstance(value, int | float | str) else default

        return cls(
            kind=str(data["kind"]),
            prefixes=as_int("prefixes", 3),
            suffixes=as_int("suffixes", 4),
            window=as_int("window", 2),
            context_suffixes=as_int("context_suffixes", 3),
            pairs=bool(data.get("pairs", True)),
            wide_pairs=bool(data.get("wide_pairs", False)),
            phrase_window=as_int("phrase_window", 2),
            cluster_context=bool(data.get("cluster_context", True)),
            paradigms=bool(data.get("paradigms", False)),
            char_ngrams=as_int("char_ngrams", 0),
            stems=bool(data.get("stems", False)),
            vector_window=as_int("vector_window", -1),
            hint_window=as_int("hint_window", -1),
            known_places=bool(data.get("known_places", False)),
        )


BOS = "<s>"
EOS = "</s>"


@dataclass(frozen=True)
class WordVectors:
    """Dense vectors of folded words: ``matrix[index[word]]`` (float16, one row per word)."""

    index: Mapping[str, int]
    matrix: npt.NDArray[np.float16]

    @property
    def dim(self) -> int:
        return int(self.matrix.shape[1]) if self.matrix.ndim == 2 else 0

    def __len__(self) -> int:
        return len(self.index)

    def sentence(self, folded: Sequence[str]) -> npt.NDArray[np.float32]:
        """``float32[len(folded), dim]``: each word's vector, zeros for unknown words."""
        out = np.zeros((len(folded), self.dim), dtype=np.float32)
        for i, word in enumerate(folded):
            row = self.index.get(word)
            if row is not None:
                out[i] = self.matrix[row]
        return out


def _no_vectors() -> WordVectors:
    return WordVectors({}, np.zeros((0, 0), dtype=np.float16))


def vector_feature(offset: int, dim: int) -> str:
    """The attribute name of dimension ``dim`` of the vector of the word at ``offset``."""
    return f"v{offset}:{dim}"


@dataclass(frozen=True)
class Resources:
    """Read-only knowledge the features consult. Every mapping is keyed by folded words."""

    clusters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    freq: Mapping[str, int] = field(default_factory=dict)
    closed_class: Mapping[str, str] = field(default_factory=dict)
    # how often a word is part of a name in an NER corpus: "0" never, "l" rarely, "m", "h" mostly
    name_ratio: Mapping[str, str] = field(default_factory=dict)
    cues: PhraseMatcher = field(default_factory=lambda: PhraseMatcher({}))
    names: PhraseMatcher = field(default_factory=lambda: PhraseMatcher({}))
    vectors: WordVectors = field(default_factory=_no_vectors)
    # lookup keys (:func:`waqia.geo.fold.fold`) of place names that are not also common words: one
    # word (``پٹنہ``) or two written as one key (``نئی دہلی`` → ``نییدہلی``)
    known_places: frozenset[str] = frozenset()


class FeatureExtractor:
    """Turns a sentence (a list of words) into per-token feature strings.

    Holds a memo of per-word features. The memo never changes what a word maps to, so sharing an
    extractor between pipelines is safe; it is bounded so a long batch cannot grow it without limit.
    """

    def __init__(self, spec: FeatureSpec, resources: Resources, *, memo_size: int = 300_000) -> None:
        self.spec = spec
        self.resources = resources
        self._memo: dict[str, tuple[tuple[str, ...], ...]] = {}
        self._memo_size = memo_size
        self._place_keys: dict[str, str] = {}
        self.offsets = tuple(range(-spec.window, spec.window + 1))

    # --------------------------------------------------------------------------------- word level

    def _word_features(self, word: str) -> tuple[tuple[str, ...], ...]:
        """Features word ``word`` gives the token at offset ``k`` from it, for each ``k`` in window."""
        spec, res = self.spec, self.resources
        base: list[str] = []
        near: list[str] = []  # what the immediate neighbours (±1) see
        far: list[str] = []  # what tokens two away see
        if word in (BOS, EOS):
            base = [f"w={word}"]
            near, far = list(base), list(base)
        else:
            f = fold(word)
            punct = is_punct(f)
            base.append(f"w={f}")
            near.append(f"w={f}")
            far.append(f"w={f}")
            if not punct:
                n = len(f)
                for k in range(1, min(spec.prefixes, n - 1) + 1):
                    base.append(f"p{k}={f[:k]}")
                for k in range(1, min(spec.suffixes, n - 1) + 1):
                    base.append(f"s{k}={f[-k:]}")
                for k in range(1, min(spec.context_suffixes, n - 1) + 1):
                    near.append(f"s{k}={f[-k:]}")
                base.append(f"len={min(n, 8)}")
                if "_" in f:
                    parts = f.split("_")
                    base.append(f"u0={parts[0]}")
                    base.append(f"u1={parts[-1]}")
                    base.append("_")
            sh = shape(f)
            base.append(f"sh={sh}")
            near.append(f"sh={sh}")
            fc = frequency_class(res.freq.get(f, 0)) if res.freq else None
            if fc is not None:
                base.append(f"fq={fc}")
                near.append(f"fq={fc}")
            g = spec.char_ngrams
            if g and not punct and len(f) > g + 1 and res.freq.get(f, 0) < 1000:
                padded_word = f"<{f}>"
                base.extend(sorted({f"g={padded_word[i : i + g]}" for i in range(len(padded_word) - g + 1)}))
            if spec.stems and not punct:
                st = stem(f)
                if st != f:
                    base.append(f"st={st}")
                    base.append(f"sx={f[len(st) :]}")
            if spec.paradigms and not punct:
                pd = paradigm(f, res.freq)
                base.append(f"pd={pd}")
                near.append(f"pd={pd}")
            if res.name_ratio:
                nr = res.name_ratio.get(f, "u")
                base.append(f"nr={nr}")
                near.append(f"nr={nr}")
            if spec.known_places and not punct and self.place_key(f) in res.known_places:
                base.append("kp")
                near.append("kp")
            cc = res.closed_class.get(f)
            if cc is not None:
                base.append(f"cc={cc}")
                near.append(f"cc={cc}")
                far.append(f"cc={cc}")
            cl = res.clusters.get(f)
            if cl is not None:
                for i, c in enumerate(cl):
                    base.append(f"c{i}={c}")
                    if spec.cluster_context:
                        near.append(f"c{i}={c}")
                if spec.cluster_context and cl:
                    far.append(f"c{len(cl) - 1}={cl[-1]}")
            elif res.clusters:
                base.append("c=-")
        out: list[tuple[str, ...]] = []
        for k in self.offsets:
            # the token at i gets word i+k's features under "k:"; k is the offset *of the word*
            if k == 0:
                out.append(tuple(base))
            else:
                src = near if abs(k) == 1 else far
                out.append(tuple(f"{k}{s}" for s in src))
        return tuple(out)

    def word_features(self, word: str) -> tuple[tuple[str, ...], ...]:
        memo = self._memo
        feats = memo.get(word)
        if feats is None:
            feats = self._word_features(word)
            if len(memo) >= self._memo_size:
                memo.clear()
            memo[word] = feats
        return feats

    def place_key(self, folded: str) -> str:
        """The gazetteer's lookup key of a folded word (memoised; bounded like the feature memo)."""
        memo = self._place_keys
        key = memo.get(folded)
        if key is None:
            key = place_key(folded)
            if len(memo) >= self._memo_size:
                memo.clear()
            memo[folded] = key
        return key

    # --------------------------------------------------------------------------------- sentence level

    def sentence_extra(self, words: Sequence[str], hints: Sequence[str] | None = None) -> list[list[str]]:
        """Pair, phrase and hint features: those that depend on more than one word.

        ``hints`` are another tagger's labels for the same words (the entity model's IOB tags for
        the part-of-speech model); they are used when the spec has a ``hint_window``.
        """
        spec, res = self.spec, self.resources
        n = len(words)
        folded = [fold(w) for w in words]
        extra: list[list[str]] = [[] for _ in range(n)]
        if spec.pairs:
            padded = [BOS, *folded, EOS]
            for i in range(n):
                extra[i].append(f"b-={padded[i]}|{padded[i + 1]}")
                extra[i].append(f"b+={padded[i + 1]}|{padded[i + 2]}")
        if spec.wide_pairs:
            padded2 = [BOS, BOS, *folded, EOS, EOS]
            for i in range(n):
                extra[i].append(f"b--={padded2[i]}|{padded2[i + 1]}")
                extra[i].append(f"b++={padded2[i + 3]}|{padded2[i + 4]}")
        w = spec.phrase_window
        for matcher, tag in ((res.cues, "q"), (res.names, "g")):
            if not len(matcher):
                continue
            labels = matcher.match(folded)
            for j, label in enumerate(labels):
                if label is None:
                    continue
                for i in range(max(0, j - w), min(n, j + w + 1)):
                    extra[i].append(f"{tag}{j - i}={label}")
        known = res.known_places
        if spec.known_places and known and n > 1:
            keys = [self.place_key(f) for f in folded]
            for i in range(n - 1):
                first, second = keys[i], keys[i + 1]
                # both words must have letters: a number or a sign next to a place is not a name
                if first and second and join_place_keys(first, second) in known:
                    extra[i].append("kb=B")
                    extra[i + 1].append("kb=E")
        hw = spec.hint_window
        if hw >= 0 and hints is not None:
            for j, hint in enumerate(hints):
                if hint == "O":
                    continue
                for i in range(max(0, j - hw), min(n, j + hw + 1)):
                    extra[i].append(f"h{j - i}={hint}")
                    extra[i].append(f"h{j - i}t={hint[2:]}")
        return extra

    def sentence_features(self, words: Sequence[str], hints: Sequence[str] | None = None) -> list[list[str]]:
        """All binary feature strings of every token (what the trainer sees)."""
        n = len(words)
        win = self.spec.window
        padded = [BOS] * win + list(words) + [EOS] * win
        per_word = [self.word_features(w) for w in padded]
        extra = self.sentence_extra(words, hints)
        out: list[list[str]] = []
        for i in range(n):
            feats = ["bias"]
            for slot, k in enumerate(self.offsets):
                feats.extend(per_word[i + win + k][slot])
            feats.extend(extra[i])
            out.append(feats)
        return out

    def sentence_values(
        self, words: Sequence[str], hints: Sequence[str] | None = None
    ) -> list[dict[str, float]]:
        """Every feature of every token with its value: the binary ones at 1.0, plus word vectors.

        Vector features (``v-1:7`` = dimension 7 of the previous word's vector) exist only when
        the spec has a ``vector_window`` and the resources hold vectors.
        """
        out = [dict.fromkeys(feats, 1.0) for feats in self.sentence_features(words, hints)]
        vw, vectors = self.spec.vector_window, self.resources.vectors
        if vw < 0 or not len(vectors):
            return out
        matrix = vectors.sentence([fold(w) for w in words])
        n = len(words)
        for i in range(n):
            for offset in range(-vw, vw + 1):
                j = i + offset
                if 0 <= j < n and fold(words[j]) in vectors.index:
                    row = matrix[j]
                    out[i].update((vector_feature(offset, d), float(row[d])) for d in range(vectors.dim))
        return out
