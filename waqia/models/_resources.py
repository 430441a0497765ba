"""Building the feature resources from the shared data folder (training time only).

Each builder says which source it reads; :mod:`waqia.models.train` records those sources and their
licences in the model file. Everything is keyed by the folded spelling the features use
(:func:`~waqia.models.features.fold` of :func:`~waqia.models.features.normalise_token`).
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from waqia._errors import DataError
from waqia.geo.fold import fold as place_key
from waqia.lang import load_table
from waqia.models._corpora import NerSentence
from waqia.models.features import PhraseMatcher, WordVectors, fold, normalise_token


def key(word: str) -> str:
    return fold(normalise_token(word))


def makhzan_counts(data: Path, *, min_count: int = 2) -> dict[str, int]:
    """Makhzan word frequencies (MIT), folded and summed; rare words dropped to keep models small."""
    path = data / "lexicon" / "makhzan" / "wordFrequency.tsv"
    counts: Counter[str] = Counter()
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                word, _, count = line.rstrip("\n").partition("\t")
                if count.isdigit():
                    counts[key(word)] += int(count)
    except OSError as error:
        raise DataError(f"cannot read {path}: {error}") from error
    return {w: n for w, n in counts.items() if n >= min_count and w}


def cue_phrases(language: str = "ur") -> PhraseMatcher:
    """Titles, honorifics and organisation/place cue words (``waqia/lang/ur/titles.tsv``)."""
    table = load_table(language, "titles", ("cue", "phrase", "gloss"))
    return PhraseMatcher.from_entries((normalise_token(r[1]), r[0]) for r in table.rows)


def closed_class(language: str = "ur") -> dict[str, str]:
    """Closed-class words → UPOS hint (``waqia/lang/ur/closed_class.tsv``)."""
    table = load_table(language, "closed_class", ("form", "upos", "gloss"))
    return {key(r[0]): r[1] for r in table.rows}


def hand_names() -> list[tuple[str, str]]:
    """``(name, label)`` pairs of the hand-written name lexicon shipped with the models."""
    text = resources.files("waqia.models").joinpath("data", "names.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    if not rows or rows[0] != ["label", "name"]:
        raise DataError("waqia/models/data/names.tsv: the header must be 'label<TAB>name'")
    return [(normalise_token(r[1]), r[0]) for r in rows[1:] if len(r) == 2]


def wof_place_names(data: Path, freq: dict[str, int], *, max_common: int = 300) -> list[tuple[str, str]]:
    """Urdu place names from the Who's On First extract (CC0; GeoNames-derived names CC BY 4.0).

    Many small villages are named after everyday words (پر, ان, کام, جراحی); a one-word name of a
    locality or neighbourhood is kept only when the place is notable (it has a Wikidata id) and the
    word is rare in Makhzan, while countries, regions, counties and places of 50,000 people or more
    are always kept.
    """
    entries: list[tuple[str, str]] = []
    files = sorted((data / "gazetteer").glob("wof-*.jsonl.gz"))
    if not files:
        raise DataError(f"no wof-*.jsonl.gz files in {data / 'gazetteer'}")
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                big = (
                    record.get("placetype") in ("country", "region", "county")
                    or (record.get("population") or 0) >= 50_000
                )
                for name in record.get("names", {}).get("urd", []):
                    words = [key(w) for w in name.split()]
                    if not words:
                        continue
                    if (
                        len(words) == 1
                        and not big
                        and (
                            not record.get("wd_id") or freq.get(words[0], 0) > max_common or len(words[0]) < 3
                        )
                    ):
                        continue
                    entries.append((normalise_token(name), "LOC"))
    return entries


def name_ratio(
    sentences: Iterable[NerSentence], types: Sequence[str] = ("PER", "LOC", "ORG", "ART")
) -> dict[str, str]:
    """How often each word is inside a name in an NER corpus, as a band (``0``, ``l``, ``m``, ``h``)."""
    total: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for sentence in sentences:
        for word, tag in zip(sentence.words, sentence.tags, strict=True):
            k = key(word)
            total[k] += 1
            if tag != "O" and tag[2:] in types:
                named[k] += 1
    out: dict[str, str] = {}
    for word, n in total.items():
        ratio = named[word] / n
        out[word] = "0" if ratio == 0 else "l" if ratio < 0.2 else "m" if ratio < 0.6 else "h"
    return out


_TOKEN = re.compile(r"\w+|[^\w\s]")


def tokenize_plain(text: str) -> list[str]:
    """A rough tokeniser for unlabelled text (cluster building): words and single symbols."""
    return _TOKEN.findall(fold(normalise_token(text)))


def _context_embedding(
    sentences: Sequence[Sequence[str]],
    rng: np.random.Generator,
    *,
    min_count: int,
    contexts: int,
    dim: int,
) -> tuple[list[str], npt.NDArray[np.float32]]:
    """Unit-length word vectors from positional co-occurrence counts (PPMI, then randomised SVD).

    Each word seen ``min_count`` times is described by PPMI-weighted counts of the ``contexts``
    most frequent words at offsets -2, -1, +1, +2; a randomised SVD (one ``rng`` draw) reduces that
    to ``dim`` dimensions. Returns the vocabulary (commonest first) and one row per word.
    """
    counts = Counter(w for s in sentences for w in s)
    vocab = [w for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:contexts])}
    width = len(ctx)
    matrix = np.zeros((len(vocab), 4 * width), dtype=np.float32)
    for sentence in sentences:
        padded = ["<s>", "<s>", *sentence, "</s>", "</s>"]
        for j in range(2, len(padded) - 2):
            row = index.get(padded[j])
            if row is None:
                continue
            for slot, offset in enumerate((-2, -1, 1, 2)):
                col = ctx.get(padded[j + offset])
                if col is not None:
                    matrix[row, slot * width + col] += 1
    rows = matrix.sum(axis=1, keepdims=True)
    cols = matrix.sum(axis=0, keepdims=True) ** 0.75  # context smoothing, as in word2vec
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(matrix * cols.sum() / (rows * cols + 1e-12))
    pmi = np.where(np.isfinite(pmi) & (matrix > 0), np.maximum(pmi, 0), 0).astype(np.float32)
    sketch = pmi @ rng.standard_normal((pmi.shape[1], dim + 20)).astype(np.float32)
    q, _ = np.linalg.qr(sketch)
    u, sv, _ = np.linalg.svd(q.T @ pmi, full_matrices=False)
    emb = (q @ u[:, :dim]) * np.sqrt(sv[:dim])
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-8
    return vocab, emb.astype(np.float32)


def build_vectors(
    sentences: Sequence[Sequence[str]],
    *,
    seed: int = 0,
    min_count: int = 3,
    contexts: int = 2000,
    dim: int = 50,
) -> WordVectors:
    """Dense word vectors for real-valued CRF features, from unlabelled sentences of folded words.

    Same construction as :func:`build_clusters` (PPMI + randomised SVD), scaled so that entries
    are of the order of 1/3, and rounded to float16: the model file stores float16, so training
    and tagging see exactly the same values.
    """
    rng = np.random.default_rng(seed)
    vocab, emb = _context_embedding(sentences, rng, min_count=min_count, contexts=contexts, dim=dim)
    scaled = (emb * (np.sqrt(dim) / 3)).astype(np.float16)
    return WordVectors({w: i for i, w in enumerate(vocab)}, scaled)


def build_clusters(
    sentences: Sequence[Sequence[str]],
    *,
    seed: int = 0,
    min_count: int = 3,
    contexts: int = 1000,
    dim: int = 80,
    branching: int = 8,
    depth: int = 4,
) -> dict[str, tuple[str, ...]]:
    """Hierarchical word clusters from unlabelled sentences of folded words (Brown-like paths).

    Words get vectors as in :func:`_context_embedding` (``contexts`` context words, ``dim``
    dimensions), then spherical k-means splits them ``branching`` ways, recursively, ``depth``
    levels deep. A word's cluster features are the prefixes of its path (``3``, ``35``, ``351``,
    ``3517``), coarse to fine.
    """
    rng = np.random.default_rng(seed)
    counts = Counter(w for s in sentences for w in s)
    if sum(1 for n in counts.values() if n >= min_count) < branching * 2:
        return {}
    vocab, emb = _context_embedding(sentences, rng, min_count=min_count, contexts=contexts, dim=dim)
    paths = [""] * len(vocab)

    def kmeans(x: np.ndarray, k: int, iterations: int = 25) -> np.ndarray:
        centres = x[rng.choice(len(x), k, replace=False)].copy()
        assign = np.zeros(len(x), dtype=np.intp)
        for _ in range(iterations):
            assign = (x @ centres.T).argmax(axis=1)
            for c in range(k):
                members = x[assign == c]
                if len(members):
                    centre = members.mean(axis=0)
                    centres[c] = centre / (np.linalg.norm(centre) + 1e-8)
        return assign

    stack: list[tuple[np.ndarray, str, int]] = [(np.arange(len(vocab)), "", 0)]
    while stack:
        members, prefix, level = stack.pop()
        if level == depth or len(members) < branching * 2:
            continue
        assign = kmeans(emb[members], branching)
        for c in range(branching):
            sub = members[assign == c]
            for i in sub:
                paths[i] = prefix + str(c)
            stack.append((sub, prefix + str(c), level + 1))
    return {
        w: tuple(paths[i][: k + 1] for k in range(len(paths[i]))) for i, w in enumerate(vocab) if paths[i]
    }


# Name sources trusted for the known-place feature: WOF Urdu names, GeoNames alternate names, CLDR
# country names and the project's own additions (waqia.geo.gazetteer SRC_* bits). Arabic, Persian
# and Pashto names (SRC_OTHER) are left out: they spell many Urdu words.
PLACE_NAME_SOURCES = 1 | 4 | 8 | 16


def gazetteer_place_keys(
    path: Path | None = None,
    *,
    sources: int = PLACE_NAME_SOURCES,
    min_population: int = 0,
    freq: Mapping[str, int] | None = None,
    max_common: int = 300,
) -> frozenset[str]:
    """Lookup keys of the compiled gazetteer's place names that are not also common Urdu words.

    Reads ``waqia/geo/data/gazetteer.sqlite`` (WOF CC0, GeoNames CC BY 4.0, CLDR, the project's own
    ``places_extra.tsv``) read-only. The gazetteer flags keys that are frequent Urdu words in its
    ``common`` table (``پر``, ``کام``); they are left out, so the feature fires on names only.
    ``min_population`` drops places smaller than that (countries and regions are always kept).
    With ``freq`` (folded word counts, e.g. Makhzan's), keys of words seen more than ``max_common``
    times are dropped too: the ``common`` table misses some (اب "now", مرکزی "central").
    """
    import sqlite3

    from waqia.geo.gazetteer import default_path

    file = path if path is not None else default_path()
    if not file.is_file():
        raise DataError(f"gazetteer not found at {file}")
    uri = f"{file.resolve().as_uri()}?mode=ro&immutable=1"
    connection = sqlite3.connect(uri, uri=True)
    try:
        rows = connection.execute(
            "SELECT DISTINCT n.key FROM name n JOIN place p ON p.id = n.place "
            "WHERE (n.src & ?) != 0 AND (p.type <= 1 OR coalesce(p.pop, 0) >= ?) "
            "AND n.key NOT IN (SELECT key FROM common)",
            (sources, min_population),
        ).fetchall()
    except sqlite3.DatabaseError as error:
        raise DataError(f"{file} is not a waqia gazetteer: {error}") from error
    finally:
        connection.close()
    frequent = {place_key(w) for w, n in freq.items() if n > max_common} if freq else set()
    return frozenset(k for k in (str(r[0]) for r in rows) if len(k) >= 2 and k not in frequent)


_ACTOR_LABELS = {"person": "PER", "organisation": "ORG", "group": "ORG", "party": "ORG"}


def actor_names(language: str = "ur") -> list[tuple[str, str]]:
    """``(name, label)`` pairs of the named actors (persons ``PER``; organisations, armed groups and
    parties ``ORG``) in ``lang/<language>/actors.tsv``, and the given names (``PER``) and personal
    titles (``TITLE``) of ``given_names.tsv``: the project's own tables."""
    out: list[tuple[str, str]] = []
    columns = ("alias", "name", "country", "sector", "kind", "role")
    for row in load_table(language, "actors", columns).rows:
        label = _ACTOR_LABELS.get(row[4])
        if label is not None:
            out.extend((normalise_token(a.strip()), label) for a in row[0].split("|") if a.strip())
    for word, kind in load_table(language, "given_names", ("word", "kind")).rows:
        out.append((normalise_token(word), "PER" if kind == "name" else "TITLE"))
    return out
