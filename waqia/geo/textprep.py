"""A minimal pipeline for the inspection commands: normalise and tokenise a text.

Uses the project's :class:`~waqia.stages.normalize.Normalizer` and
:class:`~waqia.stages.segment.Segmenter` when they are installed; otherwise a whitespace-and-
punctuation tokenizer, so places and actors can be inspected before (or without) those stages.
"""

from __future__ import annotations

import re

from waqia.document import Document, Sentence, Token

# Urdu, Arabic and Latin sentence ends; commas and brackets separate tokens but not sentences.
_SENTENCE_END = frozenset("۔؟!?\n")
_TOKEN = re.compile(r"[^\s\u060c\u061b\u061f\u06d4,.;:!?()\[\]{}\"'«»“”‘’/\\|\-–—]+|[^\s]")


def simple_tokenize(doc: Document) -> Document:
    """Set ``doc.tokens`` and ``doc.sentences`` from ``doc.raw`` by whitespace and punctuation.

    ``norm`` of each token is its raw text: matching folds letters itself (:mod:`waqia.geo.fold`).
    """
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    sent_start_tok = 0
    sent_start = None
    for match in _TOKEN.finditer(doc.raw):
        text = match.group()
        if sent_start is None:
            sent_start = match.start()
        tokens.append(Token(match.start(), match.end(), text))
        if text in _SENTENCE_END or "\n" in doc.raw[match.end() : match.end() + 1]:
            sentences.append(Sentence(sent_start, match.end(), sent_start_tok, len(tokens)))
            sent_start_tok, sent_start = len(tokens), None
    if sent_start is not None and sent_start_tok < len(tokens):
        sentences.append(Sentence(sent_start, tokens[-1].end, sent_start_tok, len(tokens)))
    doc.tokens = tokens
    doc.sentences = sentences
    doc.provided.update({"sentences", "tokens"})
    return doc


def prepare_document(text: str, doc_id: str = "text") -> Document:
    """A document with ``norm``, ``tokens`` and ``sentences`` set, by the best stages available."""
    doc = Document(raw=text, doc_id=doc_id)
    return prepare(doc)


def prepare(doc: Document) -> Document:
    """Normalise and segment ``doc`` in place (if it has no tokens yet) and return it."""
    if doc.tokens:
        return doc
    try:
        from waqia.stages.normalize import Normalizer
        from waqia.stages.segment import Segmenter
    except ImportError:
        return simple_tokenize(doc)
    doc = Normalizer()(doc)
    doc.provided.add("norm")
    doc = Segmenter()(doc)
    doc.provided.update({"sentences", "tokens"})
    return doc
