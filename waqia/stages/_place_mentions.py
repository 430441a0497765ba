"""Place mentions: what a mention is, and how the names the gazetteer knows are found in tokens.

:class:`MentionFinder` finds gazetteer names over token n-grams (longest first), the spans the NER
stage tagged as locations, and "ملک بھر" (the country of the story); it then takes the admin words
next to a name into the mention (:meth:`MentionFinder.extend`) and relates mentions to each other
("A کی وادی B": B in A; "A کے قریب B": B near A). Names the gazetteer lacks are found in
:mod:`waqia.stages._place_cues`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from waqia.document import Document
from waqia.geo.fold import fold, join_keys
from waqia.geo.gazetteer import Candidate
from waqia.geo.geocoder import Geocoder, Resolution
from waqia.geo.lexicon import PlaceTables
from waqia.record import Place

_LOC_TAGS = frozenset({"LOC", "GPE", "NEL", "LOCATION", "FAC"})
_AND_WA = fold("و")  # the conjunction inside a name: "جموں و کشمیر"
_MAX_WORDS = 6
# How far (in tokens) another mention's start can lie from a mention and still touch the admin
# words around it: far more than any mention is long.
_NEIGHBOURHOOD = 64
_TOWNS = ("locality", "localadmin", "county")


@dataclass
class PlaceMention:
    """A place named in the text: token range (with admin words), the name's own range, and the result."""

    tok_start: int
    tok_end: int
    core_start: int
    core_end: int
    key: str
    source: str  # gazetteer | ner | cue | country-word
    hint: str | None = None
    direction: bool = False
    near_word: bool = False  # "X کے قریب": the place meant is near X
    part: bool = False  # "X روڈ": a part of X
    parent: PlaceMention | None = None  # the mention the text puts this one in
    near_ref: PlaceMention | None = None  # the mention this one is near
    as_country: bool = False  # "شام کے صدر"
    flagged: bool = False  # also an everyday word
    announced: bool = False  # a cue word that makes it surely a place ("قصبہ X"): kept unresolved
    near_pattern: bool = False  # "A کے قریب B میں": B is a place near the town A
    country_hint: str | None = None  # "برطانوی شہر X": the country a demonym gives a cue name
    resolution: Resolution | None = None
    place: Place | None = None
    why: str = ""
    rule: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def barriers(doc: Document, folds: list[str]) -> set[int]:
    """The tokens a name never spans: sentence starts and punctuation."""
    starts = {s.token_start for s in doc.sentences}
    return starts | {i for i, f in enumerate(folds) if not f}


def is_function(tables: PlaceTables, key: str) -> bool:
    """Whether a word is a function, link or admin word: never a one-word name."""
    kinds = tables.cues.get(key, frozenset())
    return "function" in kinds or "link" in kinds or key in tables.admin


def note_admin(m: PlaceMention, kind: str, hint: str) -> None:
    """Note what an admin word next to the name says about the place."""
    if kind == "unit":
        m.hint = m.hint or hint
    elif kind == "direction":
        m.direction = True
    elif kind == "part":
        m.part = True
    elif kind == "near":
        m.near_word = True


def town_of(m: PlaceMention | None) -> Candidate | None:
    """The town or district a mention resolved to ("تربت کے قریب": measured from Turbat), or None."""
    if m is None or m.resolution is None or m.resolution.candidate.type not in _TOWNS:
        return None
    return m.resolution.candidate


class MentionFinder:
    """Finds the mentions of the names the gazetteer knows, and relates the mentions found."""

    def __init__(self, tables: PlaceTables, geocoder: Geocoder) -> None:
        self.tables = tables
        self.geocoder = geocoder

    def country_words(self, folds: list[str], mentions: list[PlaceMention]) -> list[PlaceMention]:
        """ "ملک بھر", "ملک کے مختلف شہروں": the country of the story."""
        taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
        t = self.tables
        for i, f in enumerate(folds):
            if i in taken or not t.has_cue(f, "country"):
                continue
            nxt = folds[i + 1] if i + 1 < len(folds) else ""
            end = 0
            if t.has_cue(nxt, "nationwide"):
                end = i + 2
            elif t.has_cue(nxt, "genitive"):
                j = i + 2
                while j < len(folds) and t.has_cue(folds[j], "quantifier"):
                    j += 1
                if j < len(folds) and t.has_cue(folds[j], "parts"):
                    end = j + 1
            if end:
                mentions.append(PlaceMention(i, end, i, i + 1, f, "country-word"))
        return mentions

    def gazetteer_matches(
        self, folds: list[str], barrier: set[int], mentions: list[PlaceMention]
    ) -> list[PlaceMention]:
        """Gazetteer names over token n-grams, longest first; a person or group named there is skipped."""
        t = self.tables
        out = list(mentions)
        taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
        i, n = 0, len(folds)
        while i < n:
            if i in taken:
                i += 1
                continue
            found = 0
            for length in range(min(_MAX_WORDS, n - i), 0, -1) if folds[i] else ():
                last = folds[i + length - 1]
                if not last or any(j in barrier or j in taken for j in range(i + 1, i + length)):
                    continue
                if length == 1 and (is_function(self.tables, last) or last in t.demonyms):
                    continue  # "افغان" is an adjective; the country is "افغانستان"
                if length > 1 and (
                    t.has_cue(folds[i], "function")
                    or (t.has_cue(last, "function") and not t.has_cue(last, "suffix"))
                    or (t.has_cue(last, "function") and folds[i + length - 2].endswith("نے"))
                ):
                    # "والا" ends names too ("دلے والا"), but after an infinitive ("جانے والا") it
                    # makes a participle
                    continue
                if length > 1 and any(
                    len(f) <= 2 and not t.has_cue(f, "letter") and not (f == _AND_WA and 0 < k < length - 1)
                    for k, f in enumerate(folds[i : i + length])
                ):
                    continue  # "حا صل", "پاکستا ن": a word broken by a stray space ("جموں و کشمیر" is a name)
                key = join_keys(folds[i : i + length])
                if len(key) >= 2 and self.geocoder.has(key):
                    found = length
                    break
            # a person, armed group or party named here ("بشار اسد", "القاعدہ") is not a place
            skip = max(
                (
                    length
                    for length in range(min(4, n - i), 0, -1)
                    if join_keys(folds[i : i + length]) in t.not_places
                ),
                default=0,
            )
            if skip >= found > 0 or (skip and not found):
                i += skip
                continue
            if found:
                m = PlaceMention(i, i + found, i, i + found, join_keys(folds[i : i + found]), "gazetteer")
                # a name indexed with its admin word ("ضلع شمالی وزیرستان"): the word still says what it is
                while m.core_end - m.core_start > 1 and t.admin.get(folds[m.core_start], ("",))[0] == "unit":
                    note_admin(m, "unit", t.admin[folds[m.core_start]][2])
                    m.core_start += 1
                while (
                    m.core_end - m.core_start > 1 and t.admin.get(folds[m.core_end - 1], ("",))[0] == "unit"
                ):
                    note_admin(m, "unit", t.admin[folds[m.core_end - 1]][2])
                    m.core_end -= 1
                out.append(m)
                i += found
            else:
                i += 1
        return out

    def ner_mentions(
        self, doc: Document, folds: list[str], mentions: list[PlaceMention]
    ) -> list[PlaceMention]:
        """The spans the NER stage tagged as locations, where no mention is yet."""
        taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
        i = 0
        while i < len(doc.tokens):
            tag = doc.tokens[i].ent or ""
            if tag[:2] in ("B-", "I-") and tag[2:] in _LOC_TAGS:
                j = i + 1
                while j < len(doc.tokens) and (doc.tokens[j].ent or "") == f"I-{tag[2:]}":
                    j += 1
                if not taken.intersection(range(i, j)):
                    key = join_keys(folds[i:j])
                    if key:
                        mentions.append(PlaceMention(i, j, i, j, key, "ner"))
                i = j
            else:
                i += 1
        return mentions

    def extend(
        self,
        m: PlaceMention,
        folds: list[str],
        barrier: set[int],
        mentions: list[PlaceMention],
        starts: list[int],
    ) -> None:
        """Take admin words next to the name into the mention, and note what they say.

        ``mentions`` are sorted by their start (``starts``, taken before any was extended); only
        the mentions near ``m`` can block it, so only those are looked at, which keeps a long
        document linear.
        """
        lo = bisect_left(starts, m.tok_start - _NEIGHBOURHOOD)
        hi = bisect_right(starts, m.tok_end + _NEIGHBOURHOOD)
        occupied = {i for o in mentions[lo:hi] if o is not m for i in range(o.tok_start, o.tok_end)}
        # words before: up to two tokens (a direction may precede an admin word: "جنوبی صوبے")
        while True:
            hit = self._admin_at(folds, m.tok_start, backwards=True)
            if (
                hit is None
                or m.tok_start in barrier
                or any(i in occupied for i in range(hit[0], m.tok_start))
            ):
                break
            start, (kind, position, hint) = hit
            if position not in ("before", "both"):
                break
            m.tok_start = start
            note_admin(m, kind, hint)
        while True:
            hit = self._admin_at(folds, m.tok_end, backwards=False)
            if hit is None or hit[0] in barrier or any(i in occupied for i in range(m.tok_end, hit[0])):
                break
            end, (kind, position, hint) = hit
            if position not in ("after", "both") or kind in ("direction",):
                break
            if kind == "near":
                m.near_word = True  # "X کے قریب": the span stays X; the event is near it
                break
            m.tok_end = end
            note_admin(m, kind, hint)

    def _admin_at(
        self, folds: list[str], pos: int, backwards: bool
    ) -> tuple[int, tuple[str, str, str]] | None:
        """An admin word (one or two tokens) ending at ``pos`` (backwards) or starting there."""
        for length in (2, 1):
            lo, hi = (pos - length, pos) if backwards else (pos, pos + length)
            if lo < 0 or hi > len(folds) or not all(folds[lo:hi]):
                continue
            entry = self.tables.admin.get(join_keys(folds[lo:hi]))
            if entry is not None:
                return (lo if backwards else hi), entry
        if not backwards and pos + 1 < len(folds) and self.tables.has_cue(folds[pos], "genitive"):
            # "X کے قریب": a near word after the genitive
            entry = self.tables.admin.get(folds[pos + 1])
            if entry is not None and entry[0] == "near":
                return pos + 2, entry
        return None

    def relate(self, mentions: list[PlaceMention], folds: list[str], barrier: set[int]) -> None:
        """ "A کی وادی B", "A کے علاقے B", "A صوبے کے شرق میں واقع B": B is in A; "A کے قریب B": near."""
        for j, m in enumerate(mentions):
            for i in range(j - 1, -1, -1):
                a = mentions[i]
                gap = range(a.tok_end, m.tok_start)
                if len(gap) > 5 or any(k in barrier for k in range(a.tok_end + 1, m.tok_start + 1)):
                    break
                words = [folds[k] for k in gap]
                if not words or not all(
                    self.tables.has_cue(w, "link") or w in self.tables.admin for w in words
                ):
                    break
                if a.near_word or any(self.tables.admin.get(w, ("",))[0] == "near" for w in words):
                    m.near_ref = a
                    a.near_word = False  # A is the reference point, B the place meant
                elif any(self.tables.has_cue(w, "genitive") for w in words):
                    m.parent = a
                break

    def relate_span(
        self, m: PlaceMention, mentions: list[PlaceMention], folds: list[str], barrier: set[int]
    ) -> None:
        """The unit or town just before the span that the text puts it in or near."""
        for a in reversed(mentions):
            if a.tok_end > m.tok_start:
                continue
            words = folds[a.tok_end : m.tok_start]
            if len(words) > 5 or any(k in barrier for k in range(a.tok_end + 1, m.tok_start + 1)):
                return
            if words and all(self.tables.has_cue(w, "link") or w in self.tables.admin for w in words):
                if any(self.tables.admin.get(w, ("",))[0] == "near" for w in words):
                    m.near_ref = a
                elif any(self.tables.has_cue(w, "genitive") for w in words):
                    m.parent = a
            return
