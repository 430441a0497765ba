#!/usr/bin/env python3
"""Mine candidate event triggers (light-verb constructions) from an unlabelled Urdu corpus.

    python scripts/mine_triggers.py [--corpus PATH] [--gold PATH] [--min-count 3] [--top 400]
                                    [--out FILE]

Urdu expresses most events as a noun plus a light verb (``حملہ کیا``, ``گرفتار کر لیا``, ``مذمت کی``,
``ہلاک ہو گئے``). The script runs the project's normaliser and segmenter over every document of the
corpus (default: COUNTER, ``$WAQIA_DATA/corpus/counter/corpus.jsonl``), finds each light-verb form
(any inflection of کرنا، ہونا، دینا، لینا، مارنا، بنانا، ڈالنا، لگانا، اٹھانا، رکھنا) and counts the
one or two words before it that are not function words, per corpus ``domain``.

It prints a TSV, most frequent first:

``noun``  ``verb``  ``count``  ``conflict_share``  ``sports_showbiz``  ``in_table``  ``gold``

- ``conflict_share``: the share of occurrences in ``national``/``foreign`` news, where conflict events
  are reported; a candidate that lives in sports or showbiz copy is a false-positive risk;
- ``in_table``: whether ``waqia/lang/ur/triggers.tsv`` already has a pattern for the noun;
- ``gold`` (with ``--gold``): how many gold triggers of the dev set contain the noun (the gold
  events are read only to check coverage, never written anywhere).

A second section lists frequent gold trigger words the table does not cover. The output is for
people to read while editing ``triggers.tsv``; the table itself is written by hand.
Deterministic: ties are broken alphabetically, the corpus is read in file order.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from waqia._data import data_dir
from waqia.document import Document
from waqia.lang import load_table
from waqia.stages.normalize import Normalizer, normalize_spelling
from waqia.stages.segment import Segmenter

LIGHT_VERBS: dict[str, tuple[str, ...]] = {
    "کرنا": (
        "کیا",
        "کی",
        "کیے",
        "کئے",
        "کیں",
        "کر",
        "کرتے",
        "کرتا",
        "کرتی",
        "کرنے",
        "کرنا",
        "کریں",
        "کرے",
        "کرینگے",
        "کریگا",
        "کریگی",
        "کرلیا",
        "کرلی",
        "کرلئے",
        "کردیا",
        "کردی",
        "کردیے",
        "کردیئے",
    ),
    "ہونا": ("ہوا", "ہوئی", "ہوئے", "ہو", "ہوتے", "ہوتا", "ہوتی", "ہونے", "ہوگیا", "ہوگئی", "ہوگئے", "ہوں"),
    "دینا": ("دیا", "دی", "دیے", "دیئے", "دئیے", "دئے", "دینے", "دیتے", "دیں", "دے", "دیدیا", "دیدی"),
    "لینا": ("لیا", "لی", "لیے", "لئے", "لینے", "لیتے", "لیں", "لے"),
    "مارنا": ("مارا", "ماری", "مارے", "مارنے", "مارتے"),
    "بنانا": ("بنایا", "بنائی", "بنائے", "بنانے", "بناتے", "بنائیں"),
    "ڈالنا": ("ڈالا", "ڈالی", "ڈالے", "ڈالنے", "ڈال"),
    "لگانا": ("لگایا", "لگائی", "لگائے", "لگانے", "لگا"),
    "اٹھانا": ("اٹھایا", "اٹھائی", "اٹھائے", "اٹھانے"),
    "رکھنا": ("رکھا", "رکھی", "رکھے", "رکھنے"),
}
# Words that never head a light-verb construction: case markers, pronouns, particles, auxiliaries.
FUNCTION = frozenset(
    normalize_spelling(w)
    for w in [
        "نے",
        "کو",
        "کا",
        "کی",
        "کے",
        "میں",
        "پر",
        "سے",
        "تک",
        "اور",
        "یا",
        "کہ",
        "جو",
        "جس",
        "جن",
        "اس",
        "ان",
        "یہ",
        "وہ",
        "ہے",
        "ہیں",
        "تھا",
        "تھی",
        "تھے",
        "بھی",
        "ہی",
        "نہیں",
        "نہ",
        "تو",
        "گا",
        "گی",
        "گے",
        "گیا",
        "گئی",
        "گئے",
        "جا",
        "جائے",
        "جائیں",
        "سکتا",
        "سکتی",
        "سکتے",
        "رہا",
        "رہی",
        "رہے",
        "چکا",
        "چکی",
        "چکے",
        "والا",
        "والی",
        "والے",
        "انہوں",
        "انھوں",
        "اپنے",
        "اپنی",
        "اپنا",
        "ایک",
        "دو",
        "ہر",
        "کسی",
        "کوئی",
        "کچھ",
        "بعد",
        "قبل",
        "لئے",
        "لیے",
        "ساتھ",
        "طرف",
        "جانب",
        "خلاف",
        "مطابق",
        "،",
        "۔",
        "(",
        ")",
        ":",
        "‘",
        "’",
        '"',
        "'",
    ]
)
# "کی"/"کے"/"لئے"/"لیے" are genitive markers or "for" far more often than verb forms: count them as
# verbs only when what follows ends the clause (an auxiliary, a conjunction, punctuation).
AMBIGUOUS = frozenset(normalize_spelling(w) for w in ("کی", "کے", "لئے", "لیے", "کر"))
CLAUSE_END = frozenset(
    normalize_spelling(w)
    for w in [
        "ہے",
        "ہیں",
        "تھا",
        "تھی",
        "تھے",
        "گیا",
        "گئی",
        "گئے",
        "جا",
        "جائے",
        "جائیں",
        "گا",
        "گی",
        "گے",
        "اور",
        "جبکہ",
        "کہ",
        "جس",
        "جو",
        "تاہم",
        "،",
        "۔",
        "ہوئے",
    ]
)
CONFLICT_DOMAINS = frozenset({"national", "foreign"})
NOISY_DOMAINS = frozenset({"sports", "showbiz"})


def _verb_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for lemma, inflected in LIGHT_VERBS.items():
        for form in inflected:
            forms.setdefault(normalize_spelling(form), lemma)
    return forms


def _read(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _table_nouns() -> set[str]:
    """The words of every pattern in triggers.tsv (placeholders and inflection marks stripped)."""
    try:
        table = load_table("ur", "triggers")
    except Exception:  # the script must run before the table exists
        return set()
    words: set[str] = set()
    for pattern in table.column("pattern"):
        for alternative in pattern.split("|"):
            for word in alternative.split():
                if not word.startswith("<"):
                    words.add(normalize_spelling(word.rstrip("*~")))
    return words


def mine(
    corpus: Path, min_count: int
) -> tuple[Counter[tuple[str, str]], dict[tuple[str, str], Counter[str]]]:
    normalizer, segmenter = Normalizer(), Segmenter()
    verbs = _verb_forms()
    counts: Counter[tuple[str, str]] = Counter()
    by_domain: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for record in _read(corpus):
        doc = segmenter(normalizer(Document(raw=str(record["text"]))))
        domain = str(record.get("domain") or "?")
        words = [t.norm for t in doc.tokens]
        for i, word in enumerate(words):
            lemma = verbs.get(word)
            if lemma is None or i == 0:
                continue
            if word in AMBIGUOUS and (i + 1 >= len(words) or words[i + 1] not in CLAUSE_END):
                continue
            prev = words[i - 1]
            if prev in FUNCTION or prev in verbs:
                continue
            keys = [prev]
            if i >= 2 and words[i - 2] not in FUNCTION and words[i - 2] not in verbs:
                keys.append(f"{words[i - 2]} {prev}")
            for key in keys:
                counts[(key, lemma)] += 1
                by_domain[(key, lemma)][domain] += 1
    kept = Counter({k: v for k, v in counts.items() if v >= min_count})
    return kept, by_domain


def gold_trigger_words(gold: Path) -> Counter[str]:
    words: Counter[str] = Counter()
    for record in _read(gold):
        for event in record.get("events", []) or []:  # type: ignore[union-attr]
            text = (event.get("trigger") or {}).get("text") or ""
            for word in normalize_spelling(text).split():
                if word not in FUNCTION:
                    words[word] += 1
    return words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--gold", type=Path, default=None, help="gold JSONL to check coverage against")
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--top", type=int, default=400)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    corpus = args.corpus or data_dir() / "corpus" / "counter" / "corpus.jsonl"
    counts, by_domain = mine(corpus, args.min_count)
    table = _table_nouns()
    gold = gold_trigger_words(args.gold) if args.gold else Counter()
    lines = ["noun\tverb\tcount\tconflict_share\tsports_showbiz\tin_table\tgold"]
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: args.top]
    for (noun, verb), n in ranked:
        domains = by_domain[(noun, verb)]
        conflict = sum(v for d, v in domains.items() if d in CONFLICT_DOMAINS)
        noisy = sum(v for d, v in domains.items() if d in NOISY_DOMAINS)
        in_table = "yes" if all(w in table for w in noun.split()) else "no"
        hits = sum(gold[w] for w in noun.split())
        lines.append(f"{noun}\t{verb}\t{n}\t{conflict / n:.2f}\t{noisy}\t{in_table}\t{hits}")
    if gold:
        lines.append("")
        lines.append("# gold trigger words not in triggers.tsv (word, count)")
        for word, n in sorted(gold.items(), key=lambda kv: (-kv[1], kv[0])):
            if word not in table and n >= 2:
                lines.append(f"# {word}\t{n}")
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
