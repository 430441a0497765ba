"""Score event records against gold data, exactly as the reference scorer ``tools/score_events.py`` does.

:func:`score_events` takes gold and predicted documents (spec §1 records, or
:class:`~waqia.document.Document` objects) and returns the reference scorer's result dict:

- ``events``: P/R/F1 for all events, tier 1 (ASSAULT, COERCE, MOBILIZE, PROTEST, THREATEN), tier 2,
  type-free detection (``detect``) and ACLED-style tier-1 asserted events (``tier1_asserted``);
- ``arguments``: accuracy per field on matched pairs (actors, location, counts, date, modality,
  mode, claim);
- ``geocoding``, ``fatality_totals_exact`` and B-cubed ``clusters`` over multi-document stories.

A predicted and a gold event can match when they have the same type and their triggers overlap or
lie in the same sentence (sentences split as the reference does); matches are one-to-one and as many
as possible, overlapping triggers tried first (augmenting paths).

:func:`evaluate_events` runs a pipeline on the gold documents (text and metadata only: the gold
events never reach the pipeline), clusters the events across the batch and scores them.
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from waqia.document import Document
from waqia.record import TIER1_TYPES

JsonDict = dict[str, Any]
_SPAN_FIELDS = ("trigger", "actor1", "actor2", "location", "date", "fatalities", "injured", "claim")
_SENTENCE_END = re.compile(r"[۔؟!?\n]|\.(?=\s)")
_WITHIN_KM = 25.0


def _as_record(doc: JsonDict | Document) -> JsonDict:
    return doc.to_json() if isinstance(doc, Document) else doc


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the scorer's sentences: text is cut after ۔ ؟ ! ? a line break or ". "."""
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


def _sentence_index(starts: Sequence[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _overlap(a: JsonDict | None, b: JsonDict | None) -> bool:
    if not a or not b or a.get("start") is None or b.get("start") is None:
        return False
    return bool(a["start"] < b["end"] and b["start"] < a["end"])


def match_events(
    pred: Sequence[JsonDict], gold: Sequence[JsonDict], text: str, *, typed: bool = True
) -> list[tuple[int, int]]:
    """(predicted index, gold index) pairs: a maximum one-to-one matching, overlap edges first."""
    starts = sentence_starts(text)
    edges: dict[int, list[int]] = {}
    for gi, g in enumerate(gold):
        strong: list[int] = []
        weak: list[int] = []
        for pi, p in enumerate(pred):
            if typed and p.get("type") != g.get("type"):
                continue
            if _overlap(p.get("trigger"), g.get("trigger")):
                strong.append(pi)
            elif (
                p.get("trigger")
                and g.get("trigger")
                and _sentence_index(starts, p["trigger"]["start"])
                == _sentence_index(starts, g["trigger"]["start"])
            ):
                weak.append(pi)
        edges[gi] = strong + weak
    owner: dict[int, int] = {}

    def augment(gi: int, visited: set[int]) -> bool:
        for pi in edges[gi]:
            if pi in visited:
                continue
            visited.add(pi)
            if pi not in owner or augment(owner[pi], visited):
                owner[pi] = gi
                return True
        return False

    for gi in range(len(gold)):
        augment(gi, set())
    return list(owner.items())


def fold_name(name: str | None) -> str:
    """Case, diacritics, a leading "the" and punctuation folded away: names compare equal this way."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^\w]+", " ", text).strip()


def distance_km(a: JsonDict, b: JsonDict) -> float | None:
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return None
    la1, lo1, la2, lo2 = (math.radians(v) for v in (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _same_entity(p: JsonDict | None, g: JsonDict | None) -> bool:
    if not p or not g:
        return False
    if _overlap(p, g) or (fold_name(p.get("name")) and fold_name(p.get("name")) == fold_name(g.get("name"))):
        return True
    km = distance_km(p, g)
    return km is not None and km <= _WITHIN_KM


def _best(count: Any) -> Any:
    return count.get("best") if isinstance(count, dict) else None


def _prf(matched: int, predicted: int, gold: int) -> JsonDict:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "p": round(p, 4),
        "r": round(r, 4),
        "f1": round(f, 4),
        "matched": matched,
        "pred": predicted,
        "gold": gold,
    }


class _Tally:
    def __init__(self) -> None:
        self.right: dict[str, int] = defaultdict(int)
        self.total: dict[str, int] = defaultdict(int)

    def add(self, key: str, ok: bool) -> None:
        self.total[key] += 1
        self.right[key] += int(ok)


def _tier_selectors() -> tuple[tuple[str, Callable[[JsonDict], bool]], ...]:
    return (
        ("all", lambda e: True),
        ("tier1", lambda e: e.get("type") in TIER1_TYPES),
        ("tier2", lambda e: e.get("type") not in TIER1_TYPES),
    )


def _arguments(p: JsonDict, g: JsonDict, args: _Tally, geo: list[float]) -> None:
    for field in ("actor1", "actor2", "location"):
        if g.get(field):
            args.add(field, _same_entity(p.get(field), g[field]))
            if g[field].get("country") is not None:
                args.add(f"{field}.country", (p.get(field) or {}).get("country") == g[field]["country"])
            if field != "location" and g[field].get("sector") is not None:
                args.add(f"{field}.sector", (p.get(field) or {}).get("sector") == g[field]["sector"])
        elif p.get(field):
            args.add(field, False)
    for field in ("fatalities", "injured"):
        gb, pb = _best(g.get(field)), _best(p.get(field))
        if gb is not None or pb is not None:
            args.add(field, gb == pb)
    if (g.get("date") or {}).get("value"):
        args.add("date", (p.get("date") or {}).get("value") == g["date"]["value"])
    args.add("modality", p.get("modality") == g.get("modality"))
    if g.get("mode"):
        args.add("mode", p.get("mode") == g.get("mode"))
    if g.get("claim"):
        args.add("claim", _overlap(p.get("claim"), g["claim"]))
    if g.get("location") and p.get("location"):
        km = distance_km(p["location"], g["location"])
        if km is not None:
            geo.append(km)


def _bcubed(story_pairs: dict[str, list[tuple[str, str]]]) -> JsonDict | None:
    precision = recall = 0.0
    n = 0
    for items in story_pairs.values():
        for gold_cluster, pred_cluster in items:
            same_pred = [x for x in items if x[1] == pred_cluster]
            same_gold = [x for x in items if x[0] == gold_cluster]
            precision += sum(1 for x in same_pred if x[0] == gold_cluster) / len(same_pred)
            recall += sum(1 for x in same_gold if x[1] == pred_cluster) / len(same_gold)
            n += 1
    if not n:
        return None
    p, r = precision / n, recall / n
    return {
        "p": round(p, 4),
        "r": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "events": n,
    }


def score_events(
    gold_docs: Iterable[JsonDict | Document], pred_docs: Iterable[JsonDict | Document]
) -> JsonDict:
    """The reference scorer's figures for ``pred_docs`` against ``gold_docs`` (see the module docstring)."""
    gold_list = [_as_record(d) for d in gold_docs]
    pred_by_id = {r["doc_id"]: r for r in (_as_record(d) for d in pred_docs)}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # matched, predicted, gold
    args = _Tally()
    geo: list[float] = []
    totals_right = 0
    story_pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    stories: dict[str, set[str]] = defaultdict(set)
    for g in gold_list:
        if g.get("story_id"):
            stories[g["story_id"]].add(g["doc_id"])
    for gdoc in gold_list:
        gold = gdoc.get("events", [])
        pred = pred_by_id.get(gdoc["doc_id"], {}).get("events", [])
        pairs = match_events(pred, gold, gdoc["text"])
        untyped = match_events(pred, gold, gdoc["text"], typed=False)
        for key, select in _tier_selectors():
            counts[key][0] += sum(1 for _, gi in pairs if select(gold[gi]))
            counts[key][1] += sum(1 for e in pred if select(e))
            counts[key][2] += sum(1 for e in gold if select(e))
        for k, v in enumerate((len(untyped), len(pred), len(gold))):
            counts["detect"][k] += v
        asserted_gold = {
            i for i, e in enumerate(gold) if e.get("type") in TIER1_TYPES and e.get("modality") == "asserted"
        }
        counts["tier1_asserted"][0] += sum(
            1 for pi, gi in pairs if gi in asserted_gold and pred[pi].get("modality") == "asserted"
        )
        counts["tier1_asserted"][1] += sum(
            1 for e in pred if e.get("type") in TIER1_TYPES and e.get("modality") == "asserted"
        )
        counts["tier1_asserted"][2] += len(asserted_gold)
        story = gdoc.get("story_id")
        for pi, gi in pairs:
            p, g = pred[pi], gold[gi]
            _arguments(p, g, args, geo)
            if story and len(stories[story]) > 1:
                story_pairs[story].append(
                    (
                        f"{g.get('cluster_id') or gdoc['doc_id'] + ':' + str(gi)}",
                        f"{p.get('cluster_id') or gdoc['doc_id'] + ':p' + str(pi)}",
                    )
                )

        def total(events: Sequence[JsonDict]) -> int:
            return sum((_best(e.get("fatalities")) or 0) for e in events if e.get("modality") == "asserted")

        totals_right += int(total(gold) == total(pred))
    geo.sort()
    return {
        "documents": len(gold_list),
        "missing_predictions": sorted({d["doc_id"] for d in gold_list} - set(pred_by_id)),
        "events": {k: _prf(*v) for k, v in counts.items()},
        "arguments": {
            k: {"accuracy": round(args.right[k] / args.total[k], 4), "n": args.total[k]}
            for k in sorted(args.total)
        },
        "geocoding": {
            "n": len(geo),
            "within_25km": round(sum(1 for d in geo if d <= _WITHIN_KM) / len(geo), 4) if geo else None,
            "median_km": round(geo[len(geo) // 2], 1) if geo else None,
        },
        "fatality_totals_exact": round(totals_right / len(gold_list), 4) if gold_list else None,
        "clusters": _bcubed(story_pairs),
    }


def read_jsonl(path: str | os.PathLike[str]) -> list[JsonDict]:
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def input_documents(gold: Iterable[JsonDict]) -> list[Document]:
    """Documents built from gold records' text and metadata only (never their events)."""
    return [
        Document(
            raw=r["text"],
            doc_id=r["doc_id"],
            lang=r.get("lang") or "ur",
            pub_date=r.get("pub_date"),
            source=r.get("source"),
            url=r.get("url"),
        )
        for r in gold
    ]


def predict(
    gold: Iterable[JsonDict], pipeline: Callable[[Document], Document], *, cluster: bool = True
) -> list[Document]:
    """Run ``pipeline`` on the gold documents' text and cluster the events across the batch."""
    from waqia.cluster import cluster_events

    docs = [pipeline(doc) for doc in input_documents(gold)]
    if cluster:
        cluster_events(docs)
    return docs


def evaluate_events(gold_path: str | os.PathLike[str], pipeline: Callable[[Document], Document]) -> JsonDict:
    """Run ``pipeline`` on the documents of ``gold_path`` and score its events (:func:`score_events`)."""
    gold = read_jsonl(gold_path)
    return score_events(gold, predict(gold, pipeline))
