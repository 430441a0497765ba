"""A small CoNLL-U reader and writer (https://universaldependencies.org/format.html).

:func:`read_conllu` / :func:`parse_conllu` read sentences with their comments (``# sent_id``,
``# text``) and syntactic words. Multiword-token lines (``3-4``) are kept apart as
:class:`MultiwordToken` so tokenisation can be scored on the surface tokens they stand for; empty
nodes (``5.1``) belong to the enhanced graph only and are skipped.

:func:`to_conllu` writes a :class:`~waqia.document.Document`'s sentences and tokens.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from waqia.document import Document


@dataclass(frozen=True, slots=True)
class Word:
    """One syntactic word: a CoNLL-U line with an integer ID."""

    id: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int | None
    deprel: str
    deps: str
    misc: str

    @property
    def space_after(self) -> bool:
        return "SpaceAfter=No" not in self.misc.split("|")


@dataclass(frozen=True, slots=True)
class MultiwordToken:
    """A surface token that stands for the words ``first`` to ``last`` (a ``first-last`` line)."""

    first: int
    last: int
    form: str
    misc: str

    @property
    def space_after(self) -> bool:
        return "SpaceAfter=No" not in self.misc.split("|")


@dataclass(slots=True)
class ConlluSentence:
    """A sentence: its comments (``key = value`` lines as a dict), words and multiword tokens."""

    comments: dict[str, str] = field(default_factory=dict)
    words: list[Word] = field(default_factory=list)
    multiword: list[MultiwordToken] = field(default_factory=list)

    @property
    def sent_id(self) -> str | None:
        return self.comments.get("sent_id")

    @property
    def text(self) -> str | None:
        return self.comments.get("text")

    def surface_tokens(self) -> list[tuple[str, bool]]:
        """``(form, space_after)`` of each surface token: a multiword token replaces its words."""
        ranges = {mwt.first: mwt for mwt in self.multiword}
        out: list[tuple[str, bool]] = []
        skip_until = 0
        for word in self.words:
            if word.id <= skip_until:
                continue
            mwt = ranges.get(word.id)
            if mwt is not None:
                out.append((mwt.form, mwt.space_after))
                skip_until = mwt.last
            else:
                out.append((word.form, word.space_after))
        return out


def parse_conllu(text: str) -> list[ConlluSentence]:
    """Parse CoNLL-U text. Raises ``ValueError`` naming the line of a malformed row."""
    return list(_iter_sentences(text.splitlines()))


def read_conllu(path: str | Path) -> list[ConlluSentence]:
    """Read a CoNLL-U file (UTF-8)."""
    return parse_conllu(Path(path).read_text(encoding="utf-8"))


def _iter_sentences(lines: list[str]) -> Iterator[ConlluSentence]:
    current = ConlluSentence()
    started = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            if started:
                yield current
            current, started = ConlluSentence(), False
            continue
        started = True
        if line.startswith("#"):
            key, sep, value = line[1:].partition("=")
            key = key.strip()
            if not sep:
                current.comments.setdefault(key, "")
            elif key == "text":
                # the sentence text is kept byte for byte, apart from the one space after "="
                current.comments[key] = value[1:] if value.startswith(" ") else value
            else:
                current.comments[key] = value.strip()
            continue
        cells = line.split("\t")
        if len(cells) != 10:
            raise ValueError(f"line {number}: {len(cells)} columns, CoNLL-U has 10")
        ident = cells[0]
        if "." in ident:
            continue  # an empty node of the enhanced graph: not a token
        if "-" in ident:
            first, _, last = ident.partition("-")
            try:
                current.multiword.append(MultiwordToken(int(first), int(last), cells[1], cells[9]))
            except ValueError as error:
                raise ValueError(f"line {number}: bad multiword range {ident!r}") from error
            continue
        try:
            word_id = int(ident)
            head = None if cells[6] == "_" else int(cells[6])
        except ValueError as error:
            raise ValueError(f"line {number}: bad ID or HEAD in {ident!r}") from error
        form, lemma, upos, xpos, feats = cells[1:6]
        deprel, deps, misc = cells[7:10]
        current.words.append(Word(word_id, form, lemma, upos, xpos, feats, head, deprel, deps, misc))
    if started:
        yield current


def to_conllu(doc: Document) -> str:
    """The document's sentences and tokens as CoNLL-U.

    ``# text`` is the raw sentence text with line breaks turned into spaces; FORM is the raw token
    text (so it can be checked against ``# text``), LEMMA and UPOS come from the token or are
    ``_``; MISC carries ``SpaceAfter=No`` where no whitespace follows the token in the raw text
    (not after the document's last token, where nothing follows at all) and ``Norm=`` with the
    normalised form where it differs from the raw one.
    """
    out: list[str] = []
    last_token = len(doc.tokens) - 1
    for number, sentence in enumerate(doc.sentences, start=1):
        text = " ".join(doc.raw[sentence.start : sentence.end].split())
        out.append(f"# sent_id = {doc.doc_id}-{number}")
        out.append(f"# text = {text}")
        if sentence.is_heading:
            out.append("# heading = yes")
        for k, index in enumerate(range(sentence.token_start, sentence.token_end), start=1):
            token = doc.tokens[index]
            form = _cell(doc.raw[token.start : token.end])
            notes = []
            if not token.space_after and index != last_token:
                notes.append("SpaceAfter=No")
            if token.norm != doc.raw[token.start : token.end]:
                # what the stages matched against: people tuning the tables need to see it
                notes.append("Norm=" + _cell(token.norm).replace("|", "/").replace(" ", "_"))
            misc = "|".join(notes) or "_"
            lemma = _cell(token.lemma) if token.lemma else "_"
            upos = _cell(token.pos) if token.pos else "_"
            out.append(f"{k}\t{form}\t{lemma}\t{upos}\t_\t_\t_\t_\t_\t{misc}")
        out.append("")
    return "\n".join(out) + ("\n" if out else "")


def _cell(value: str) -> str:
    """A CoNLL-U cell cannot hold tabs or line breaks, and an empty cell is written ``_``."""
    cleaned = " ".join(value.split("\t")).replace("\n", " ").replace("\r", " ")
    return cleaned or "_"
