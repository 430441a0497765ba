"""Lemmas from suffix-edit rules learnt from a treebank (after Chrupała 2006).

Every training pair ``(form, lemma)`` becomes an *edit script*: strip ``n`` letters from the end of
the form, then append a string (``کریں_گے`` → strip 5, add ``نا`` → ``کرنا``). Tagging looks, in
this order, for

1. the exact form with its UPOS in the training data,
2. the exact form with any UPOS,
3. the longest form suffix (up to :data:`MAX_SUFFIX` letters) seen with this UPOS whose most
   frequent script was right often enough,

and otherwise keeps the form. Forms are matched by their folded spelling (:func:`fold`), but the
script is applied to the form as given, so the lemma keeps the input's spelling.

The rules are stored as JSON (``lemma.json``): plain data, readable and safe to load.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from waqia._errors import DataError
from waqia.models.features import fold

MAX_SUFFIX = 5
Script = tuple[int, str]


def edit_script(form: str, lemma: str) -> Script:
    """The shortest ``(strip, add)`` that turns ``form`` into ``lemma`` at its end."""
    common = 0
    for a, b in zip(form, lemma, strict=False):
        if a != b:
            break
        common += 1
    return len(form) - common, lemma[common:]


def apply_script(form: str, script: Script) -> str | None:
    strip, add = script
    if strip >= len(form) and add == "":
        return None
    return (form[: len(form) - strip] if strip else form) + add


@dataclass(frozen=True)
class Lemmatizer:
    """Suffix-edit lemma rules. Immutable; load the shipped one with :func:`load_lemmatizer`."""

    exact: dict[str, Script]  # "folded form\tUPOS" -> script
    forms: dict[str, Script]  # "folded form" -> script
    rules: dict[str, Script]  # "UPOS\tsuffix" -> script
    meta: dict[str, Any] = field(default_factory=dict)

    def lemma(self, form: str, upos: str | None) -> str:
        key = fold(form)
        script = self.exact.get(f"{key}\t{upos}") if upos else None
        if script is None:
            script = self.forms.get(key)
        if script is None and upos:
            # suffixes are read off the form as written: scripts count letters of that form
            for k in range(min(MAX_SUFFIX, len(form) - 1), 0, -1):
                script = self.rules.get(f"{upos}\t{fold(form[-k:])}")
                if script is not None and script[0] < len(form):
                    break
                script = None
        if script is None:
            return form
        return apply_script(form, script) or form

    def lemmatize(self, words: Sequence[str], upos: Sequence[str | None]) -> list[str]:
        return [self.lemma(w, u) for w, u in zip(words, upos, strict=True)]

    # ------------------------------------------------------------------------------ learning

    @classmethod
    def learn(
        cls,
        examples: Iterable[tuple[str, str, str]],
        *,
        min_count: int = 2,
        min_precision: float = 0.6,
        meta: dict[str, Any] | None = None,
    ) -> Lemmatizer:
        """Learn rules from ``(form, upos, lemma)`` triples."""
        by_exact: dict[str, Counter[Script]] = defaultdict(Counter)
        by_form: dict[str, Counter[Script]] = defaultdict(Counter)
        by_suffix: dict[str, Counter[Script]] = defaultdict(Counter)
        for form, upos, lemma in examples:
            if not form or not lemma or lemma == "_":
                continue
            script = edit_script(form, lemma)
            key = fold(form)
            by_exact[f"{key}\t{upos}"][script] += 1
            by_form[key][script] += 1
            for k in range(1, min(MAX_SUFFIX, len(form) - 1) + 1):
                by_suffix[f"{upos}\t{fold(form[-k:])}"][script] += 1
        exact = {k: c.most_common(1)[0][0] for k, c in by_exact.items()}
        forms = {k: c.most_common(1)[0][0] for k, c in by_form.items()}
        rules: dict[str, Script] = {}
        for suffix_key, c in by_suffix.items():
            script, n = c.most_common(1)[0]
            total = sum(c.values())
            if n >= min_count and n / total >= min_precision:
                rules[suffix_key] = script
        return cls(exact, forms, rules, dict(meta or {}))

    # ------------------------------------------------------------------------------ storage

    def to_json(self) -> dict[str, Any]:
        def pack(table: dict[str, Script]) -> dict[str, list[int | str]]:
            return {k: [v[0], v[1]] for k, v in sorted(table.items()) if v != (0, "")}

        return {
            "format": "waqia-lemma-rules/1",
            "meta": self.meta,
            "exact": pack(self.exact),
            "forms": pack(self.forms),
            "rules": {k: [v[0], v[1]] for k, v in sorted(self.rules.items())},
            "identity_exact": sorted(k for k, v in self.exact.items() if v == (0, "")),
            "identity_forms": sorted(k for k, v in self.forms.items() if v == (0, "")),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Lemmatizer:
        if data.get("format") != "waqia-lemma-rules/1":
            raise DataError(f"not a waqia lemma rule file (format {data.get('format')!r})")

        def unpack(table: dict[str, list[Any]]) -> dict[str, Script]:
            return {k: (int(v[0]), str(v[1])) for k, v in table.items()}

        exact = unpack(data["exact"])
        exact.update({k: (0, "") for k in data.get("identity_exact", [])})
        forms = unpack(data["forms"])
        forms.update({k: (0, "") for k in data.get("identity_forms", [])})
        return cls(exact, forms, unpack(data["rules"]), dict(data.get("meta", {})))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=0), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Lemmatizer:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise DataError(f"cannot read lemma rules {path}: {error}") from error
        return cls.from_json(data)


DEFAULT_FILE = "lemma.json"


@lru_cache(maxsize=4)
def load_lemmatizer(path: str | None = None) -> Lemmatizer:
    """The shipped lemma rules (or those at ``path``), loaded once per process."""
    if path is None:
        with resources.as_file(resources.files("waqia.models").joinpath("data", DEFAULT_FILE)) as p:
            return Lemmatizer.load(p)
    return Lemmatizer.load(path)
