"""Tokenisation and sentence segmentation of Urdu news text.

The :class:`Segmenter` stage reads ``doc.norm`` and writes ``doc.tokens`` and ``doc.sentences``,
every span mapped back to the raw text through ``doc.offsets``.

Tokens
    Whitespace separates tokens; punctuation is split off (``۔ ، ؛ ؟ « » ‘ ’ “ ” " ' ( ) [ ] : ! ?
    , .``), a doubled quote (``''``, ``’’``, ``‘‘``) is one token (the UD Urdu treebank writes
    ``''``), and a run of full stops or question marks (``۔۔۔``, ``...``, ``؟!``) is one token.
    Digits and Arabic letters glued together are split (``80بالز`` → ``80`` ``بالز``); a number
    keeps its decimal point, thousands separators, time colon and date slashes (``24.3``,
    ``1,000``, ``4:10``, ``15/10/2014``). Words joined by a hyphen or an underscore stay one token
    (``ایس-300``, ``6-3``, ``کریں_گے``), except that a hyphen glued after a clause-final word
    (``ہے-اس``) is a dash and is split off. A free-standing dash is its own token. URLs, e-mail
    addresses, Latin words, Latin abbreviations from ``lang/<code>/abbreviations.tsv`` (``Dr.``) and
    initials (``U.S.``) are single tokens.

Sentences
    A sentence ends at ``۔ ؟ ! ?`` (or ``.`` used as a full stop), together with any closing quote
    or bracket glued to it, at every line break, and at a free-standing dash that follows a
    clause-final word (``lang/<code>/sentence_final.tsv``) when more text follows on the line.
    An ellipsis (``...``, ``…``) ends a sentence only at the end of a line. A ``۔`` does not end a
    sentence after an Urdu abbreviation (``ق۔م``), inside a spelt-out initialism (``ڈی۔آئی۔جی``)
    or between two country names (``پاک۔چین``). Inside quotations the same rules apply, so a quote
    of two sentences gives two sentences.

Datelines
    An agency dateline (``ڈھاکہ ۔ یکم دسمبر (اے پی پی)``, ``کوئٹہ۔یکم اکتوبر(اے پی پی)``,
    ``اسلام آباد۔۔۔۔۔``, ``الوقت - ``) is *not* a sentence: its separator is not read as a full
    stop, so the dateline becomes the opening of the first sentence of its paragraph. The events
    stage reads the place and date from the front of that sentence. A separator counts as a
    dateline only at the start of a line, after at most six words with no digits, when a
    date, a parenthesised source from ``lang/<code>/datelines.tsv`` or a repeated separator follows,
    and the place has no word a place name never holds (نے، کو، میں ...). Any line start counts, so
    text that separates paragraphs with single line breaks is read the same way.

Headings
    A single-line paragraph followed by a blank line and more text is a heading when it is the
    first paragraph of the document (the ``headline\\n\\nbody`` shape of agency copy) or when it
    has no final punctuation. A heading is segmented like any other text (a long headline that
    runs into its lead gives several sentences) and every sentence in it has ``is_heading=True``.

Attributions and sign-offs
    A few words after the last full stop of a paragraph, without final punctuation and not ending
    in a clause-final word, are the speaker a headline quotes (``... کروں گا۔ شاہ حسین``) or an
    editor's sign-off (``(اح)``); at most :data:`ATTRIBUTION_MAX_TOKENS` tokens of them stay with
    the sentence before. A line break always ends a sentence, so a tail on its own line stays apart.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from waqia._offsets import OffsetMap
from waqia.document import Document, Sentence, Token
from waqia.lang import load_table

ATTRIBUTION_MAX_TOKENS = 4
"""An unpunctuated paragraph tail of at most this many tokens is an attribution, not a sentence."""

DATELINE_MAX_CHARS = 60
"""The place part of a dateline is at most this long (several places joined by + or ، fit)."""

# ----------------------------------------------------------------------------- character classes
# Arabic-script letters and marks, plus the invisible joiners and direction marks that sit inside
# words. Digits (U+0660–U+0669, U+06F0–U+06F9) and Arabic punctuation are left out on purpose.
_AR = (
    "\u0600-\u0605\u0610-\u061a\u061c\u0620-\u065f\u066e-\u06d3\u06d5-\u06dc\u06df-\u06e8"
    "\u06ea-\u06ef\u06fa-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufd3d\ufd40-\ufdff\ufe70-\ufefe"
    "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
)
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u1e00-\u1eff"
# Punctuation and symbols: each is a token of its own. No whitespace character is in these ranges
# (U+2028/U+2029 and U+3000 are deliberately outside them).
_PUNCT = (
    "!-/:-@\\[-`{-~\u00a1-\u00ac\u00ae-\u00bf\u00d7\u00f7\u0606-\u060f\u061b\u061d-\u061f"
    "\u066a-\u066d\u06d4\u06dd\u06de\u06e9\u2010-\u2027\u2030-\u205e\u20a0-\u20cf\u2100-\u214f"
    "\u2190-\u2bff\u3001-\u303f\ufd3e\ufd3f\ufe10-\ufe1f\ufe30-\ufe6f\uff01-\uff0f\uff1a-\uff20"
    "\uff3b-\uff40\uff5b-\uff65\U0001f000-\U0001faff"
)
_STOP_CHARS = "۔.!?؟…"
_DASH_CHARS = "-\u2010\u2011\u2012\u2013\u2014\u2015"
_DASH_CLASS = "\\-\u2010-\u2015"  # the same characters, ready for a [...] class
_HYPHEN = "\\-\u2010\u2011"

# A segment of a word: a run of Arabic letters, or of Latin letters and digits with the separators
# a number keeps inside it (24.3, 4:10, 15/10/2014, 1,000; a comma only before exactly 3 digits).
_SEG = rf"(?:[{_AR}]+|[{_LATIN}\d]+(?:[.:/٫]\d+|[,٬]\d{{3}}(?!\d))*)"

_STOPS = frozenset(_STOP_CHARS)
_ELLIPSIS_CHARS = frozenset(".…")
_DASHES = frozenset(_DASH_CHARS)
# Quote marks that close a sentence when glued to its full stop. Urdu typists use ‘ ’ “ ” in both
# directions (right-to-left text), so none of them tells opening from closing by its shape.
_QUOTES = frozenset({"''", "’’", "‘‘", "'", '"', "’", "‘", "”", "“", "«", "»"})
_CLOSE_BRACKETS = frozenset({")", "]", "}", "»", "﴿"})
_LINE_BREAKS = "\n\r\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"
_NON_SPACE = re.compile(r"\S+")


@dataclass(frozen=True)
class _Rules:
    """Everything compiled from a language's tables, shared by all segmenters of that language."""

    token_re: re.Pattern[str]
    hyphen_re: re.Pattern[str]
    stop_re: re.Pattern[str]
    dash_re: re.Pattern[str]
    break_re: re.Pattern[str]
    dateline_re: re.Pattern[str]
    final_words: frozenset[str]
    final_suffixes: tuple[str, ...]
    urdu_abbreviations: frozenset[str]
    letter_names: frozenset[str]
    compound_names: frozenset[str]
    not_place: frozenset[str]

    def is_final(self, word: str) -> bool:
        return word in self.final_words or word.endswith(self.final_suffixes)


def _alternation(words: list[str]) -> str:
    """A regex alternation of literal ``words``, longest first so a longer word wins."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    # a space inside an entry ("اے پی پی") matches any run of spaces, or none (a squeezed byline)
    return "|".join(r"\s*".join(re.escape(part) for part in w.split()) for w in unique)


@lru_cache(maxsize=8)
def _rules(language: str) -> _Rules:
    finals = load_table(language, "sentence_final", ("form", "kind"))
    abbreviations = load_table(language, "abbreviations", ("abbreviation", "kind"))
    datelines = load_table(language, "datelines", ("word", "kind"))
    compounds = load_table(language, "compound_names", ("word",))

    latin = [a for a, kind in abbreviations.rows if kind == "latin"]
    # Latin-only things are tried behind one lookahead, so an Arabic word pays a single test.
    latin_branch = (
        r"(?=[A-Za-z0-9])(?:"
        r"(?:https?://|www\.)\S*[^\s.,;:!?؟۔،)\]}'\"’”»‘“«(\[{<>]"  # URL, without trailing punctuation
        r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"  # e-mail
        rf"|(?:{_alternation(latin)})(?![A-Za-z])"  # listed abbreviations, period included
        r"|(?:[A-Z]\.)+(?![A-Za-z\d])"  # initials: U.S., A.
        r"|[A-Za-z]+(?:\.[A-Za-z]+)+"  # dotted Latin: P.D, e.g. a domain without www
        r")"
    )
    token_re = re.compile(
        latin_branch
        + rf"|{_SEG}(?:[{_HYPHEN}_]{_SEG})*"  # words, numbers, hyphen- and _-joined compounds
        + r"|''|’’|‘‘"  # doubled quote marks
        + rf"|[{re.escape(_STOP_CHARS)}]+"  # runs of full stops: ۔ ... ؟! ۔۔۔
        + rf"|[{_DASH_CLASS}]+"
        + rf"|[{_PUNCT}]"
        + rf"|[^\s{_PUNCT}{_AR}{_LATIN}\d]+"  # any other script: one run per word
    )
    months = [w for w, kind in datelines.rows if kind == "month"]
    days = [w for w, kind in datelines.rows if kind == "day"]
    weekdays = [w for w, kind in datelines.rows if kind == "weekday"]
    sources = [w for w, kind in datelines.rows if kind == "source"]
    date = (
        rf"(?:(?:\d{{1,2}}|{_alternation(days)})\s*(?:{_alternation(months)})"
        rf"|(?:{_alternation(months)})\s*\d{{1,2}}(?!\d)"
        rf"|(?:{_alternation(weekdays)})(?![{_AR}]))"
    )
    # place (no digits, stops or line breaks), separator, then the evidence that it is a dateline
    dateline_re = re.compile(
        rf"[^\S{_LINE_BREAKS}]*(?P<place>[^\d{re.escape(_STOP_CHARS)}{_DASH_CLASS}{_LINE_BREAKS}]"
        rf"{{1,{DATELINE_MAX_CHARS}}}?)"
        rf"[^\S{_LINE_BREAKS}]*(?P<sep>[۔.]+|[{_DASH_CLASS}]+)[^\S{_LINE_BREAKS}]*"
        rf"(?P<evidence>{date}|\([^()\n]{{0,40}}?(?:{_alternation(sources)})|(?<=[۔.][۔.])|(?<=[{_DASH_CLASS}]))"
    )
    final_words = frozenset(w for w, kind in finals.rows if kind == "word")
    final_suffixes = tuple(w for w, kind in finals.rows if kind == "suffix")
    return _Rules(
        token_re=token_re,
        hyphen_re=re.compile(rf"(?<=[{_AR}])[{_HYPHEN}](?=[^\s{_HYPHEN}])"),
        stop_re=re.compile(rf"[{re.escape(_STOP_CHARS)}]+"),
        dash_re=re.compile(rf"[{_DASH_CLASS}]+"),
        # starts at the line break itself so the scan jumps from break to break
        break_re=re.compile(rf"(?:\r\n|[{_LINE_BREAKS}])\s*"),
        dateline_re=dateline_re,
        final_words=final_words,
        final_suffixes=final_suffixes,
        urdu_abbreviations=frozenset(a for a, kind in abbreviations.rows if kind == "urdu"),
        letter_names=frozenset(a for a, kind in abbreviations.rows if kind == "letter"),
        compound_names=frozenset(compounds.column("word")),
        not_place=frozenset(w for w, kind in datelines.rows if kind == "not_place"),
    )


class Segmenter:
    """Split ``doc.norm`` into tokens and sentences with raw-text spans (see the module docstring)."""

    name = "segment"
    requires: tuple[str, ...] = ("norm",)
    provides: tuple[str, ...] = ("sentences", "tokens")

    def __init__(self, language: str = "ur") -> None:
        self.language = language
        self._rules = _rules(language)

    def __call__(self, doc: Document) -> Document:
        norm = doc.norm
        tokens, starts, ends = self._tokenize(norm, doc.raw, doc.offsets)
        doc.tokens = tokens
        doc.sentences = self._sentences(norm, tokens, starts, ends)
        return doc

    # ------------------------------------------------------------------------- tokens

    def _tokenize(self, norm: str, raw: str, offsets: OffsetMap) -> tuple[list[Token], list[int], list[int]]:
        """Tokens with raw spans, and the normalised start and end offset of each."""
        rules = self._rules
        spans = [m.span() for m in rules.token_re.finditer(norm)]
        if spans and rules.hyphen_re.search(norm) is not None:
            spans = self._split_final_hyphens(norm, spans)
        starts = [s for s, _ in spans]
        ends = [e for _, e in spans]
        if norm == raw and offsets.is_identity:
            tokens = [Token(s, e, norm[s:e], raw[e : e + 1].isspace()) for s, e in spans]
            return tokens, starts, ends
        # An identity map can still hide one-for-one replacements (ZWNJ -> space) that leave raw
        # text between tokens; the mapping path checks those gaps.
        return self._map_tokens(norm, raw, offsets, spans)

    def _split_final_hyphens(self, norm: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Split ``ہے-اس`` into ``ہے`` ``-`` ``اس``: a hyphen glued after a clause-final word is a dash.

        Hyphens between Arabic letters are rare, so this runs over the few tokens that hold one.
        """
        rules = self._rules
        starts = [s for s, _ in spans]
        out = spans
        replaced: dict[int, list[tuple[int, int]]] = {}
        for m in rules.hyphen_re.finditer(norm):
            h = m.start()
            i = bisect_left(starts, h + 1) - 1
            if i < 0:
                continue
            s, e = spans[i]
            if not s < h < e - 1:
                continue
            pieces = replaced.get(i, [(s, e)])
            head_s, head_e = pieces[-1]
            if not head_s < h < head_e:
                continue
            if not rules.is_final(norm[head_s:h]):
                continue
            pieces[-1:] = [(head_s, h), (h, h + 1), (h + 1, head_e)]
            replaced[i] = pieces
        if replaced:
            out = []
            for i, span in enumerate(spans):
                out.extend(replaced.get(i, (span,)))
        return out

    def _map_tokens(
        self, norm: str, raw: str, offsets: OffsetMap, spans: list[tuple[int, int]]
    ) -> tuple[list[Token], list[int], list[int]]:
        """Map normalised token spans to raw spans, keeping tokens ordered, disjoint and non-empty.

        A token made only of characters the normaliser inserted has no raw text and is dropped;
        one whose raw span runs into its neighbour's (both ends of one atomic edit) is cut to start
        where the neighbour ends. Raw non-space text the normaliser deleted or turned into a space
        is never left outside a token: glued to a token it joins that token, standing alone between
        spaces (an orphan mark) it becomes a token of its own whose ``norm`` is its raw text.
        """
        raw_spans, suspects = _raw_spans(offsets, spans, raw)
        tokens = [
            Token(rs, re_, norm[s:e], raw[re_ : re_ + 1].isspace())
            for (s, e), (rs, re_) in zip(spans, raw_spans, strict=True)
        ]
        starts = [s for s, _ in spans]
        ends = [e for _, e in spans]
        n = len(tokens)
        drop: set[int] = set()
        extra: dict[int, list[Token]] = {}  # tokens to insert before index i (n: at the end)
        todo = [*suspects, n]  # n: the text after the last token
        k = 0
        forced = -1  # the token after a dropped one must be checked too
        while k < len(todo):
            if 0 <= forced < todo[k]:
                i, forced = forced, -1
            else:
                i = todo[k]
                k += 1
                if forced == i:
                    forced = -1
            p = i - 1
            while p in drop:
                p -= 1
            prev_end = tokens[p].end if p >= 0 else 0
            if i < n:
                token = tokens[i]
                token.start = max(token.start, prev_end)
                text = raw[token.start : token.end]
                if text != text.strip():  # an edit turned raw whitespace into token text
                    token.start += len(text) - len(text.lstrip())
                    token.end = token.start + len(text.strip())
                    token.space_after = raw[token.end : token.end + 1].isspace()
                if token.end <= token.start:
                    drop.add(i)
                    forced = i + 1
                    continue
                gap_end = token.start
            else:
                gap_end = len(raw)
            gap = raw[prev_end:gap_end]
            if not gap or gap.isspace():
                continue
            chunks = [(prev_end + m.start(), prev_end + m.end()) for m in _NON_SPACE.finditer(gap)]
            if p >= 0 and chunks[0][0] == prev_end:
                tokens[p].end = chunks.pop(0)[1]
                tokens[p].space_after = raw[tokens[p].end : tokens[p].end + 1].isspace()
            if chunks and i < n and chunks[-1][1] == gap_end:
                tokens[i].start = chunks.pop()[0]
            if chunks:
                extra[i] = [Token(a, b, raw[a:b], raw[b : b + 1].isspace()) for a, b in chunks]
        if drop or extra:
            kept_tokens: list[Token] = []
            kept_starts: list[int] = []
            kept_ends: list[int] = []
            last_norm_end = 0
            for i in range(n + 1):
                for new in extra.get(i, ()):
                    # no normalised text of its own: an empty span where the previous token ended
                    kept_tokens.append(new)
                    kept_starts.append(last_norm_end)
                    kept_ends.append(last_norm_end)
                if i < n and i not in drop:
                    kept_tokens.append(tokens[i])
                    kept_starts.append(starts[i])
                    kept_ends.append(ends[i])
                    last_norm_end = ends[i]
            tokens, starts, ends = kept_tokens, kept_starts, kept_ends
        return tokens, starts, ends

    # ------------------------------------------------------------------------- sentences

    def _sentences(
        self, norm: str, tokens: list[Token], starts: list[int], ends: list[int]
    ) -> list[Sentence]:
        n = len(tokens)
        if n == 0:
            return []
        rules = self._rules
        breaks: set[int] = set()  # token indices that begin a new sentence

        # Lines and paragraphs: paragraph_starts[k] is the first token of paragraph k.
        paragraph_starts = [0]
        line_breaks: list[int] = []
        for m in rules.break_re.finditer(norm):
            i = bisect_left(starts, m.end())
            if i == 0 or i >= n:
                continue
            line_breaks.append(i)
            text = m.group()
            blank_line = sum(text.count(c) for c in "\n\r\u2028") - text.count("\r\n") >= 2
            if (blank_line or "\u2029" in text) and paragraph_starts[-1] != i:
                paragraph_starts.append(i)
        breaks.update(line_breaks)

        protected = self._dateline_separators(norm, starts, [0, *line_breaks])
        texts = [t.norm for t in tokens]

        for m in rules.stop_re.finditer(norm):
            i = bisect_left(starts, m.start())
            if i >= n or starts[i] != m.start() or ends[i] != m.end():
                continue  # inside a token: a decimal point, an abbreviation
            if i in protected or i + 1 >= n:
                continue
            text = texts[i]
            if set(text) <= _ELLIPSIS_CHARS and text != ".":
                continue  # an ellipsis goes on; at a line end the line break ends the sentence
            if text == "۔" and self._joining_stop(texts, starts, ends, i):
                continue
            j = self._after_closers(texts, starts, ends, i)
            if j < n:
                breaks.add(j)

        for m in rules.dash_re.finditer(norm):
            i = bisect_left(starts, m.start())
            if i == 0 or i + 1 >= n or starts[i] != m.start() or i in protected:
                continue
            prev = i - 1
            while prev > 0 and texts[prev] in _QUOTES and starts[prev] == ends[prev - 1]:
                prev -= 1  # ہے'' - : look through a closing quote glued to the word
            if rules.is_final(texts[prev]) and not _line_break_between(norm, ends[i], starts[i + 1]):
                breaks.add(i + 1)

        bounds = sorted(b for b in breaks if 0 < b < n)
        bounds = self._merge_attributions(texts, bounds, [*paragraph_starts, n], set(line_breaks))
        headings = self._heading_paragraphs(texts, paragraph_starts, line_breaks)

        sentences: list[Sentence] = []
        edges = [0, *bounds, n]
        heading_iter = iter(sorted(headings))
        current = next(heading_iter, None)
        for a, b in pairwise(edges):
            while current is not None and a >= current[1]:
                current = next(heading_iter, None)
            is_heading = current is not None and current[0] <= a < current[1]
            sentences.append(Sentence(tokens[a].start, tokens[b - 1].end, a, b, is_heading))
        return sentences

    def _after_closers(self, texts: list[str], starts: list[int], ends: list[int], i: int) -> int:
        """The index just past the full stop at ``i`` and the closing quotes/brackets glued to it."""
        n = len(texts)
        j = i + 1
        while j < n and starts[j] == ends[j - 1]:
            text = texts[j]
            if text in _CLOSE_BRACKETS or text[0] in _STOPS:
                j += 1
                continue
            if text not in _QUOTES:
                break
            glued_right = j + 1 < n and starts[j + 1] == ends[j]
            if glued_right and texts[j + 1] not in _CLOSE_BRACKETS and texts[j + 1] not in _QUOTES:
                # ۔’’ہم ...: closing if the sentence so far has an odd number of quote marks
                k = i - 1
                count = 0
                while k >= 0 and not (texts[k][0] in _STOPS and texts[k] != "."):
                    count += texts[k] in _QUOTES
                    k -= 1
                if count % 2 == 0:
                    break
            j += 1
        return j

    def _joining_stop(self, texts: list[str], starts: list[int], ends: list[int], i: int) -> bool:
        """Is the ``۔`` at ``i`` part of an abbreviation or a compound name rather than a full stop?"""
        rules = self._rules
        if i == 0 or i + 1 >= len(texts):
            return False
        before, after = texts[i - 1], texts[i + 1]
        if before in rules.urdu_abbreviations and starts[i] == ends[i - 1]:
            return True
        if before in rules.compound_names and after in rules.compound_names:
            return True
        letters = rules.letter_names
        if before in letters and after in letters:
            glued = starts[i] == ends[i - 1] and starts[i + 1] == ends[i]
            chain_on = i + 3 < len(texts) and texts[i + 2] == "۔" and texts[i + 3] in letters
            chain_back = i >= 3 and texts[i - 2] == "۔" and texts[i - 3] in letters
            return glued or chain_on or chain_back
        return False

    def _dateline_separators(self, norm: str, starts: list[int], line_starts: list[int]) -> set[int]:
        """Token indices of dateline separators (``ڈھاکہ ۔ یکم دسمبر``) at the starts of lines."""
        rules = self._rules
        protected: set[int] = set()
        for p in line_starts:
            m = rules.dateline_re.match(norm, starts[p])
            if m is None:
                continue
            place_words = m.group("place").split()
            if not place_words or len(place_words) > 6 or rules.is_final(place_words[-1]):
                continue
            if any(word in rules.not_place for word in place_words):
                continue
            i = bisect_left(starts, m.start("sep"))
            while i < len(starts) and starts[i] < m.end("sep"):
                protected.add(i)
                i += 1
        return protected

    def _heading_paragraphs(
        self, texts: list[str], paragraph_starts: list[int], line_breaks: list[int]
    ) -> list[tuple[int, int]]:
        """Token ranges of the paragraphs that are headings."""
        headings: list[tuple[int, int]] = []
        line_set = set(line_breaks)
        for k, a in enumerate(paragraph_starts[:-1]):
            b = paragraph_starts[k + 1]
            if any(x in line_set for x in range(a + 1, b)):
                continue  # more than one line: a body paragraph
            if k == 0 or not _ends_with_stop(texts, a, b):
                headings.append((a, b))
        return headings

    def _merge_attributions(
        self, texts: list[str], bounds: list[int], paragraph_edges: list[int], line_breaks: set[int]
    ) -> list[int]:
        """Drop the break before a paragraph's short unpunctuated tail (``...۔ مصباح الحق``).

        Headlines end in the speaker they quote and agency copy in a sign-off (``(اح)``); a few
        words after the paragraph's last full stop are that, not a sentence. A line break is kept.
        """
        drop: set[int] = set()
        for b in paragraph_edges[1:]:
            k = bisect_left(bounds, b) - 1  # the paragraph's last break before its end
            if k < 0:
                continue
            last = bounds[k]
            if last in line_breaks or last in paragraph_edges:
                continue
            if b - last > ATTRIBUTION_MAX_TOKENS or _ends_with_stop(texts, last, b):
                continue
            if not self._rules.is_final(texts[b - 1]):  # "... اب یہ ہے" is a clause of its own
                drop.add(last)
        return [x for x in bounds if x not in drop] if drop else bounds


def _raw_spans(
    offsets: OffsetMap, spans: list[tuple[int, int]], raw: str
) -> tuple[list[tuple[int, int]], list[int]]:
    """Raw spans of sorted normalised spans, and the indices of the spans next to an edit.

    Normalisation edits little, so almost every token lies inside a linear stretch of the map,
    where the raw span is the normalised one shifted: computed by walking the stretches in order
    instead of two binary searches per token. A token that is not inside one stretch, or whose
    gap to the token before it crosses an edit or holds raw non-space text (a ZWNJ the normaliser
    replaced by a space one for one), is mapped by :meth:`OffsetMap.to_raw` and listed.
    """
    # The stretch boundaries are OffsetMap internals; without them every span takes the public path.
    norm_bp: list[int] | None = getattr(offsets, "_norm_bp", None)
    raw_bp: list[int] | None = getattr(offsets, "_raw_bp", None)
    linear: list[bool] | None = getattr(offsets, "_linear", None)
    to_raw = offsets.to_raw
    if norm_bp is None or raw_bp is None or linear is None or len(norm_bp) != len(linear) + 1:
        return [to_raw(s, e) for s, e in spans], list(range(len(spans)))
    out: list[tuple[int, int]] = []
    suspects: list[int] = []
    last = len(linear) - 1
    k = 0
    prev_k = 0
    prev_end = 0
    for i, (s, e) in enumerate(spans):
        while k < last and norm_bp[k + 1] <= s:
            k += 1
        if linear[k] and norm_bp[k] <= s and e <= norm_bp[k + 1]:
            shift = raw_bp[k] - norm_bp[k]
            start = s + shift
            out.append((start, e + shift))
            if k != prev_k or (start > prev_end and not raw[prev_end:start].isspace()):
                suspects.append(i)
            prev_end = e + shift
        else:
            span = to_raw(s, e)
            out.append(span)
            suspects.append(i)
            prev_end = span[1]
        prev_k = k
    return out, suspects


def _ends_with_stop(texts: list[str], a: int, b: int) -> bool:
    """Does the token range end in a full stop (possibly followed by closing quotes/brackets)?"""
    k = b - 1
    while k > a and (texts[k] in _QUOTES or texts[k] in _CLOSE_BRACKETS):
        k -= 1
    return texts[k] == "." or (texts[k][0] in _STOPS and not set(texts[k]) <= _ELLIPSIS_CHARS)


def _line_break_between(norm: str, start: int, end: int) -> bool:
    gap = norm[start:end]
    return any(c in gap for c in _LINE_BREAKS)
