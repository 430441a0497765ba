"""Readers for the annotated corpora the models are trained and evaluated on.

* IL-NER style files: ``token<TAB>tag``, blank line between sentences, BIO tags (IL-NER) or bare
  IO class names (Jahangir, IJCNLP). Tags are mapped to waqia's entity types.

CoNLL-U files are read with :mod:`waqia.evaluate.conllu`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Source tag set → waqia entity types. IL-NER uses NE* codes; Jahangir and IJCNLP spell classes out.
TYPE_MAP = {
    "NEP": "PER",
    "NEL": "LOC",
    "NEO": "ORG",
    "NEN": "NUM",
    "NETI": "TIME",
    "NEAR": "ART",
    "PERSON": "PER",
    "LOCATION": "LOC",
    "ORGANIZATION": "ORG",
    "NUMBER": "NUM",
    "TIME": "TIME",
    "DATE": "TIME",
    "DESIGNATION": "TITLE",
}
_SENTENCE_NUMBER = re.compile(r"^[0-9۰-۹]+[۔.]$")


@dataclass(frozen=True)
class NerSentence:
    words: tuple[str, ...]
    tags: tuple[str, ...]  # BIO with waqia types: B-PER, I-LOC, O


def _punct(word: str) -> bool:
    return all(not ch.isalnum() for ch in word)


def normalise_tags(raw_tags: list[str], words: list[str]) -> list[str]:
    """Source tags → BIO tags over waqia types.

    Bare class names (IO files) start a new entity whenever the class changes. IL-NER's malformed
    tags are repaired as its README describes: a lone ``-`` is ``O``; ``-NEL`` continues an entity
    of the same type or starts one, except on punctuation; unknown types (``NET``, ``NIMI``) are
    kept under their own name so they count as neither a hit nor a miss for the known types.
    """
    out: list[str] = []
    prev_type: str | None = None
    for tag, word in zip(raw_tags, words, strict=True):
        tag = tag.strip()
        prefix: str | None
        if tag in ("O", "", "-"):
            out.append("O")
            prev_type = None
            continue
        if tag[:2] in ("B-", "I-"):
            prefix, name = tag[0], tag[2:]
        elif tag.startswith("-"):
            prefix, name = None, tag[1:]
            if _punct(word):
                out.append("O")
                prev_type = None
                continue
        else:
            prefix, name = None, tag  # IO file
        etype = TYPE_MAP.get(name, name)
        if prefix is None:
            prefix = "I" if prev_type == etype else "B"
        elif prefix == "I" and prev_type != etype:
            prefix = "B"
        out.append(f"{prefix}-{etype}")
        prev_type = etype
    return out


def read_ner(path: str | Path, *, drop_numbering: bool = True) -> Iterator[NerSentence]:
    """Sentences of a ``token<TAB>tag`` file (UTF-8, BOM tolerated).

    ``drop_numbering`` removes IJCNLP's sentence-number tokens (``۱۔``) at sentence starts: they
    are artefacts of the source files, not text.
    """
    words: list[str] = []
    tags: list[str] = []

    def flush() -> NerSentence | None:
        if not words:
            return None
        if drop_numbering and _SENTENCE_NUMBER.match(words[0]) and len(words) > 1:
            del words[0], tags[0]
        sentence = NerSentence(tuple(words), tuple(normalise_tags(tags, words)))
        words.clear()
        tags.clear()
        return sentence

    with open(path, encoding="utf-8-sig") as handle:
        for line in handle:
            line = line.rstrip("\r\n")
            if not line.strip():
                done = flush()
                if done:
                    yield done
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                parts = line.rsplit(None, 1) if len(line.split()) > 1 else [line, "O"]
            words.append(parts[0].strip())
            tags.append(parts[-1])
    done = flush()
    if done:
        yield done


def file_scheme(path: str | Path) -> str:
    """``"bio"`` if the file's tags carry ``B-``/``I-`` prefixes, else ``"io"`` (bare class names)."""
    with open(path, encoding="utf-8-sig") as handle:
        for line in handle:
            tag = line.rstrip("\r\n").rsplit("\t", 1)[-1]
            if "\t" in line and tag[:2] in ("B-", "I-"):
                return "bio"
    return "io"
