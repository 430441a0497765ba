"""Case frames: the clause of a trigger, the noun phrases before its case markers, and who acted on whom
(ergative نے، کی جانب سے، کو، پر، کے خلاف، سے) — all in sentence-relative token ranges."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from waqia.document import Sentence, Token
from waqia.stages._draft import Draft, Spans
from waqia.stages._wordclasses import COPULA as _COPULA
from waqia.stages._wordclasses import GENITIVE as _GENITIVE
from waqia.stages._wordclasses import HARD_BOUNDARY as _HARD_BOUNDARY
from waqia.stages._wordclasses import NP_STOP as _NP_STOP
from waqia.stages._wordclasses import ONGOING as _ONGOING
from waqia.stages._wordclasses import PASSIVE as _PASSIVE
from waqia.stages._wordclasses import PUNCT as _PUNCT
from waqia.stages._wordclasses import town_parts
from waqia.stages._wordclasses import wordset as _words
from waqia.stages.claims import (
    source_phrase_start,
)
from waqia.stages.normalize import normalize_spelling as _n
from waqia.stages.triggers import Match

_SOFT_BOUNDARY = _words("، اور ؛")
# Event types whose nominal trigger takes its genitive as the agent ("طالبان کا حملہ"); the others
# take it as the patient or the thing acted on ("ان کی رہائی", "شام کا دورہ").
_GENITIVE_AGENT = frozenset({"ASSAULT", "PROTEST", "MOBILIZE", "THREATEN", "RETREAT", "SANCTION", "AID"})
_CLAUSE_SPLIT = _words("، ؛ : جبکہ")


def clause_index(tokens: Sequence[Token], sentence: Sentence, d: Draft) -> int:
    """Which clause of its sentence a draft's trigger is in, counted at "،", "؛", ":" and "جبکہ"."""
    return sum(1 for t in tokens[: max(0, d.start - sentence.token_start)] if t.norm in _CLAUSE_SPLIT)


def clause_bounds(words: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """The clause around words[start:end]: between the hard boundaries before and after it."""
    lo, hi = start, end
    while lo > 0 and words[lo - 1] not in _HARD_BOUNDARY:
        lo -= 1
    while hi < len(words) and words[hi] not in _HARD_BOUNDARY:
        hi += 1
    return lo, hi


def _np_before(words: Sequence[str], marker: int, lo: int, spans: Spans = ()) -> tuple[int, int] | None:
    """The noun phrase that ends right before ``words[marker]`` (not before ``lo``): an actor mention
    of the actor stage that ends there, else the words back to the last stop word."""
    for start, end in spans:
        if end == marker and start >= lo:
            return start, end
    start = max(source_phrase_start(words, marker, limit=6), lo)
    while start < marker and (words[start] in _NP_STOP or words[start] in _GENITIVE):
        start += 1
    i = start
    while i < marker:  # a phrase does not run across a stop word
        if words[i] in _NP_STOP:
            start = i + 1
        i += 1
    return (start, marker) if start < marker else None


def _coordinated(
    words: Sequence[str], span: tuple[int, int], lo: int, spans: Spans = ()
) -> list[tuple[int, int]]:
    """ "A اور B": the conjuncts of a phrase, first named first (the first is the actor, spec §2)."""
    out = [span]
    start = span[0]
    if start - 2 > lo and words[start - 2] in _POSSESSOR and words[start - 1] in _GENITIVE:
        start -= 2  # "احمد علی اور ان کے حامیوں": "ان کے" belongs to the second conjunct
    while start - 1 > lo and words[start - 1] in (_n("اور"), "،") and len(out) < 4:
        prev = _np_before(words, start - 1, lo, spans)
        if prev is None or (words[start - 1] == "،" and prev not in spans):
            break  # "زہر پلا دی، طالبان نے": a comma joins two actors, not a clause and an actor
        out.insert(0, prev)
        start = prev[0]
    return out


_POSSESSOR = _words("ان اس")


def _find_marker(
    words: Sequence[str], lo: int, hi: int, markers: Sequence[tuple[str, ...]], nearest_to: int
) -> tuple[int, int] | None:
    """The marker occurrence in words[lo:hi] nearest before ``nearest_to``: (start, end) of the marker."""
    hits = [
        (i, i + len(mk))
        for i in range(lo, hi)
        for mk in markers
        if tuple(words[i : i + len(mk)]) == mk and i + len(mk) <= nearest_to
    ]
    return max(hits, key=lambda h: (h[1], h[1] - h[0])) if hits else None  # the latest, then the longest


_ERGATIVE = ((_n("نے"),),)
OBLIQUE = _words("کو سے پر میں کے کی کا تک")
_AGENTIVE = tuple(tuple(_n(m).split()) for m in ("کی جانب سے", "کی طرف سے", "کیطرف سے", "کے ہاتھوں"))
_TARGET = tuple(tuple(_n(m).split()) for m in ("کے ٹھکانوں پر", "کے ٹھکانے پر", "کے قافلے پر", "پر"))
_AGAINST = tuple(tuple(_n(m).split()) for m in ("کے خلاف", "کیخلاف", "کی خلاف"))
_OBJECT = ((_n("کو"),),)
_PARTNER = tuple(tuple(_n(m).split()) for m in ("کے ساتھ", "کیساتھ", "سے", "کے درمیان"))
_TARGET_TYPES = frozenset({"ASSAULT", "ACCUSE", "SANCTION", "THREATEN", "COERCE"})
_PARTNER_TYPES = frozenset({"CONSULT", "AGREE", "REQUEST", "COOPERATE"})


@dataclass
class _Frame:
    actor1: tuple[int, int] | None = None
    also: list[tuple[int, int]] = field(default_factory=list)
    actor2: tuple[int, int] | None = None


# nouns that make a genitive into a postposition ("کے قریب", "کے باہر", "کے خلاف"): what stands
# before it is where or against whom, not whose act
_SPATIAL = _words("قریب نزدیک پاس سامنے باہر اندر اوپر نیچے نواح قریبی خلاف")


def _genitive_before(words: Sequence[str], start: int, lo: int) -> int | None:
    """The genitive marker of a nominal trigger, over at most three adjectives: "القاعدہ کی حالیہ دہشت
    گردانہ کاروائیوں"."""
    for k in range(start - 1, max(lo, start - 4) - 1, -1):
        if words[k] in _GENITIVE:
            if k + 1 < start and words[k + 1] in _SPATIAL:
                return None  # "سرحد کے قریب دھماکہ": a place the act is near, not whose act it is
            return k if k > lo else None
        if words[k] in _NP_STOP:
            return None
    return None


_TOPIC_MARKERS = _words("پر سے میں کو خلاف")


def _topic_infinitive(words: Sequence[str], m: Match) -> bool:
    """ "رہا کرنے کے فیصلے پر تنقید کی": an infinitive made a noun and put under a postposition is
    what the sentence talks about; the "نے" of the clause belongs to the main verb. "حملہ کرنے کا
    اعلان کیا" (announced it would attack) is not one: there the speaker is the doer."""
    group = words[m.verb_start : m.verb_end]
    k = m.verb_end
    if len(group) >= 2 and group[-1] in _GENITIVE and group[-2].endswith("نے"):
        pass  # the genitive closes the verb group
    elif group and group[-1].endswith("نے") and k < len(words) and words[k] in _GENITIVE:
        k += 1
    else:
        return False
    return k + 1 < len(words) and words[k + 1] in _TOPIC_MARKERS


def case_frame(words: Sequence[str], m: Match, typ: str, spans: Spans = ()) -> _Frame:
    """Actor and target phrases of a trigger from the case markers of its clause (sentence-relative).

    ``spans`` are the actor mentions of the actor stage in the sentence; phrases that coincide with
    one take its extent."""
    lo, hi = clause_bounds(words, m.start, m.verb_end)
    frame = _Frame()
    # a bare noun has no verb of its own: a نے or a subject in its clause belongs to another verb;
    # "حملے جاری رہیں گے": the noun is the subject of "جاری"
    ongoing = m.verbal and m.verb_start < len(words) and words[m.verb_start] == _ONGOING
    # "رہا کرنے کے فیصلے پر تنقید کی": an infinitive made a noun is the topic; the نے is the main verb's
    nominal_infinitive = m.verbal and _topic_infinitive(words, m)
    if not m.passive and m.verbal and not ongoing and not nominal_infinitive:
        erg = _find_marker(words, lo, m.start, _ERGATIVE, m.start)
        if erg is not None and (np := _np_before(words, erg[0], lo, spans)) is not None:
            conj = _coordinated(words, np, lo, spans)
            frame.actor1, frame.also = conj[0], conj[1:]
    if frame.actor1 is None:
        agent = _find_marker(words, lo, m.start, _AGENTIVE, m.start)
        if agent is not None and (np := _np_before(words, agent[0], lo, spans)) is not None:
            frame.actor1 = np
    gen = _genitive_before(words, m.start, lo)
    gen_np = _np_before(words, gen, lo, spans) if gen is not None else None
    gen_is_actor = gen_np is not None and gen_np in spans
    if (
        frame.actor1 is None
        and not m.verbal
        and gen_np is not None
        and (typ in _GENITIVE_AGENT or (typ == "CONSULT" and gen_is_actor))
        and words[m.start] not in _STATES
    ):
        # "طالبان کا حملہ", "وزیراعظم کا دورہ"; "فری سیرین آرمی اور القاعدہ کی کارروائیاں": the first
        # named is the actor; "A اور B کے درمیان جھڑپ": B is the other side
        conj = _coordinated(words, gen_np, lo, spans)
        frame.actor1, gen_np = conj[0], None
        if gen is not None and gen + 1 < len(words) and words[gen + 1] == _BETWEEN and len(conj) > 1:
            frame.actor2 = conj[1]
        else:
            frame.also = conj[1:]
    if (
        frame.actor1 is None
        and not m.passive
        and m.verbal
        and not ongoing
        and not any(w in _PASSIVE for w in words[m.verb_start : m.verb_end])
    ):
        frame.actor1 = _subject(words, lo, m.start, spans)
    on = m.pattern_end
    if (
        frame.actor1 is None
        and not m.verbal
        and on + 1 < len(words)
        and words[on] == _ON
        and (words[on + 1] in _COPULA or any(w in _ARRIVE for w in words[on + 1 : hi]))
    ):
        # "طارق فاطمی امریکا کے دورے پر ہیں", "ڈاکٹر ہڑتال پر ہیں": the one who is on it; "وزیراعظم
        # ایک روزہ دورے پر میران شاہ پہنچے": the one who came on it
        frame.actor1 = _subject(words, lo, m.start, spans)
    markers: list[tuple[str, ...]] = list(_AGAINST)
    if typ in _TARGET_TYPES:
        markers.extend(_TARGET)
    if m.verbal:  # "وزیراعظم کو آپریشن پر بریفنگ": a کو belongs to a verb, not to a bare noun
        markers.extend(_OBJECT)
    if typ in _PARTNER_TYPES:
        markers.extend(_PARTNER)
    target = _find_marker(words, lo, m.start, markers, m.start)
    if target is not None and not m.verbal and target[1] < m.start - 2:
        # "X پر حملہ": a bare noun takes only the marker right before it, but "X کے خلاف" anywhere
        # in its clause when X is a named actor ("جیش الفتح کے خلاف روس کا وسیع آپریشن")
        target = _find_marker(words, lo, m.start, _AGAINST, m.start)
        if target is not None and _np_before(words, target[0], lo, spans) not in spans:
            target = None
    if (
        target is not None
        and (np := _np_before(words, target[0], lo, spans)) is not None
        and np != frame.actor1
        and not any(w in town_parts() for w in words[np[0] : np[1]])
    ):
        frame.actor2 = _coordinated(words, np, lo, spans)[0]
    if frame.actor2 is None and not m.verbal and gen_np is not None and typ not in _GENITIVE_AGENT:
        frame.actor2 = gen_np
    if frame.actor2 is None and typ in ("COERCE", "CONCEDE") and not m.verbal and m.start > lo:
        frame.actor2 = _np_before(words, m.start, lo, spans)  # headline "10 شدت پسند گرفتار"
    return frame


# words that tell what became of something ("دہشتگردوں کا مرکز تباہ"): no verbal noun, so a genitive
# before them belongs to the thing, whose owner was the target
_STATES = _words("تباہ ہلاک زخمی جاں جاںبحق شہید")
_BETWEEN = _n("درمیان")
_ARRIVE = _words("پہنچے پہنچا پہنچی پہنچ آئے آیا آئیں روانہ")
_SITE_MARKERS = _words("پر میں")
_ON = _n("پر")


def site_words(words: Sequence[str], m: Match, lo: int) -> frozenset[str]:
    """The words of a street or market the clause puts the event on ("سریاب روڈ پر"), else nothing.

    Two accounts of attacks on "سریاب روڈ" and "جوائنٹ روڈ" are two attacks even when the gazetteer
    knows neither road."""
    streets = town_parts()
    # before the trigger, then just after it ("فائرنگ ... جوائنٹ روڈ پر")
    where = [(k, lo) for k in range(m.start - 1, lo - 1, -1)]
    where += [(k, m.pattern_end) for k in range(m.pattern_end + 1, min(len(words), m.pattern_end + 6))]
    for k, floor in where:
        np = _np_before(words, k, floor) if words[k] in _SITE_MARKERS else None
        if np is not None and any(w in streets for w in words[np[0] : np[1]]):
            return frozenset(w for w in words[np[0] : np[1]] if w not in _GENITIVE and w not in streets)
    return frozenset()


_MARKED = _words("نے کو سے پر میں کا کی کے تک مطابق")


def _subject(words: Sequence[str], lo: int, trigger: int, spans: Spans = ()) -> tuple[int, int] | None:
    """The unmarked (nominative) subject of a clause: its first actor mention with no case marker
    after it ("وزیراعظم نواز شریف ایک روزہ دورے پر ... پہنچے"); without actor mentions, the words
    at the front of the clause when no marker follows them."""
    if spans:
        for start, end in spans:
            if start >= lo and end <= trigger and (end >= len(words) or words[end] not in _MARKED):
                return start, end
        return None
    start = lo
    while start < trigger and (words[start] in _PUNCT or words[start] in _SOFT_BOUNDARY):
        start += 1
    end = start
    while end < trigger and words[end] not in _NP_STOP and end - start < 5:
        end += 1
    if end == start or end >= trigger or words[end] in _MARKED:
        return None
    return start, end
