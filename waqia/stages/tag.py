"""Stage: part-of-speech tags and lemmas on every token.

Fills ``Token.pos`` (Universal POS) and ``Token.lemma`` from ``Token.norm``, one sentence at a time,
with the shipped tagger (CRF + BiLSTM) and suffix-edit lemmatiser (:mod:`waqia.models.pos`,
:mod:`waqia.models.lemma`). The models load lazily, once per process, on first use.

The UPOS model reads the shipped entity model's tags as features (names are PROPN), so this stage
runs the entity model too; it is loaded once per process and shared with the ``entities`` stage.

The UPOS model is derived from UD Urdu-UDTB and is licensed CC BY-NC-SA 4.0 (non-commercial).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from waqia.document import Document, Token
from waqia.models.features import normalise_token
from waqia.models.lemma import Lemmatizer, load_lemmatizer
from waqia.models.pos import PosModel, load_pos_model

# Sentences longer than this are tagged in pieces: it bounds memory on text with no full stops.
MAX_SENTENCE = 400


def sentence_chunks(doc: Document) -> Iterator[list[Token]]:
    """The document's tokens sentence by sentence (all tokens at once if there are no sentences)."""
    groups: Sequence[list[Token]]
    if doc.sentences:
        groups = [doc.sentence_tokens(s) for s in doc.sentences]
        covered = sum(len(g) for g in groups)
        if covered != len(doc.tokens):  # sentences that do not cover every token: fall back
            groups = [doc.tokens]
    else:
        groups = [doc.tokens]
    for group in groups:
        for i in range(0, len(group), MAX_SENTENCE):
            chunk = group[i : i + MAX_SENTENCE]
            if chunk:
                yield chunk


class Tagger:
    """Stage ``tag``: UPOS and lemma for each token."""

    name = "tag"
    requires: tuple[str, ...] = ("tokens",)
    provides: tuple[str, ...] = ("pos", "lemma")

    def __init__(self, pos_model: PosModel | None = None, lemmatizer: Lemmatizer | None = None) -> None:
        self._pos = pos_model
        self._lemmatizer = lemmatizer

    @property
    def pos_model(self) -> PosModel:
        return self._pos if self._pos is not None else load_pos_model()

    @property
    def lemmatizer(self) -> Lemmatizer:
        return self._lemmatizer if self._lemmatizer is not None else load_lemmatizer()

    def tag_normalised(self, words: Sequence[str]) -> list[tuple[str, str]]:
        """``(upos, lemma)`` for one sentence of normalised words."""
        upos = self.pos_model.tag(words)
        lemmas = self.lemmatizer.lemmatize(words, upos)
        return list(zip(upos, lemmas, strict=True))

    def tag_words(self, words: Sequence[str]) -> list[tuple[str, str]]:
        """``(upos, lemma)`` for one sentence of raw words (normalised here first, as the pipeline does)."""
        return self.tag_normalised([normalise_token(w) for w in words])

    def __call__(self, doc: Document) -> Document:
        chunks = list(sentence_chunks(doc))
        # all sentences at once: the neural part of the model runs them in batches
        sentences = [[t.norm for t in tokens] for tokens in chunks]
        lemmatizer = self.lemmatizer
        for tokens, words, upos in zip(chunks, sentences, self.pos_model.tag_many(sentences), strict=True):
            for token, tag, lemma in zip(tokens, upos, lemmatizer.lemmatize(words, upos), strict=True):
                token.pos = tag
                token.lemma = lemma
        return doc
