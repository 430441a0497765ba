"""Stage: events — PLOVER-typed event records with their arguments, tied to the words of the text.

1. **Triggers** (:mod:`waqia.stages.triggers`): a noun or verb and its light verb in any inflection
   (حملہ کیا / کئے / کر دیا / کریں گے), small words allowed between; some patterns stand alone (a
   headline "بم دھماکہ"); context conditions veto readings; the longest pattern wins.
2. **Case frames**: ergative نے (or "کی جانب سے") gives the actor; کو, پر, کے خلاف the target; سے,
   کے ساتھ the partner of a meeting; a passive has no ergative actor; a bare noun takes its genitive.
3. **Arguments**: place (:func:`waqia.acled.event_location`), date (:mod:`~waqia.stages.dates`),
   killed and injured (:mod:`~waqia.stages.counts`), claim and modality (:mod:`~waqia.stages.claims`).
4. **One event per real event**: mentions are merged into the first (:mod:`waqia.cluster`).

Actors are named from ``doc.meta["actors"]`` (the actor stage) or :func:`waqia.stages.actors.resolve_actor`;
places come from ``doc.meta["places"]``. ``docs/events.md`` tells the rules in full.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

from waqia._errors import DataError
from waqia.acled import acled_view, assault_mode, event_location, listed_with
from waqia.document import Document, Sentence, Token
from waqia.lang import load_table
from waqia.record import Actor, Claim, Count, DateRef, Event, Place, TextSpan
from waqia.stages._wordclasses import AUX as _AUX
from waqia.stages._wordclasses import COPULA as _COPULA
from waqia.stages._wordclasses import GENITIVE as _GENITIVE
from waqia.stages._wordclasses import HARD_BOUNDARY as _HARD_BOUNDARY
from waqia.stages._wordclasses import NP_STOP as _NP_STOP
from waqia.stages._wordclasses import ONGOING as _ONGOING
from waqia.stages._wordclasses import PASSIVE as _PASSIVE
from waqia.stages._wordclasses import PUNCT as _PUNCT
from waqia.stages._wordclasses import wordset
from waqia.stages._wordclasses import wordset as _words
from waqia.stages.actors import names_a_thing
from waqia.stages.claims import (
    VerbLexicon,
    directive_clauses,
    find_claims,
    future_at,
    has_future,
    modality_of,
    pledge_clauses,
    source_phrase_start,
    verb_lexicon,
)
from waqia.stages.counts import attach_casualties, count_at, number_tables
from waqia.stages.dates import DateMention, dateline_end, find_dates, in_dateline, reference_date, story_day
from waqia.stages.normalize import normalize_spelling
from waqia.stages.triggers import Match, Rule, match_sentence, trigger_lexicon


def _n(text: str) -> str:
    return normalize_spelling(text)


_SOFT_BOUNDARY = _words("، اور ؛")
_PRONOUNS = _words("انہوں انھوں اس ان وہ انہیں انھیں انہی یہ ہم")
_DEMONSTRATIVE = _words("اس ان یہ انہی مذکورہ ایسے")
# Event types whose nominal trigger takes its genitive as the agent ("طالبان کا حملہ"); the others
# take it as the patient or the thing acted on ("ان کی رہائی", "شام کا دورہ").
_GENITIVE_AGENT = frozenset({"ASSAULT", "PROTEST", "MOBILIZE", "THREATEN", "RETREAT", "SANCTION", "AID"})

# ------------------------------------------------------------------------------------------ pledges

_PLEDGE_TYPES = frozenset({"AID", "SUPPORT", "COOPERATE", "CONCEDE", "AGREE"})
_PLEDGE_RULE = Rule("AGREE", None, 0.5, True, (), True, frozenset(), frozenset(), (), ())
_REQUEST_RULE = Rule("REQUEST", None, 0.6, True, (), True, frozenset(), frozenset(), (), ())


def _pledges(
    words: Sequence[str], matches: list[Match], verbs: VerbLexicon, named: frozenset[int] = frozenset()
) -> list[Match]:
    """Pledges (:func:`~waqia.stages.claims.pledge_clauses`) are AGREE events: a trigger of the clause
    that can be promised (aid, support, release) becomes the pledge; a clause with no trigger and a
    named pledger gets one on its verb phrase ("حکومت ان کی دیکھ بھال کرے گی")."""
    out = list(matches)
    for lo, hi, i, explicit in pledge_clauses(words, lambda k: future_at(words, k, verbs), named):
        inside = [m for m in out if lo <= m.start < hi]
        for m in inside:
            if m.rule.type in _PLEDGE_TYPES and m.verbal and m.verb_end >= i:
                m.rule = _replace_type(m.rule, "AGREE")
        if inside or not explicit:
            continue
        start = i
        while (
            start > lo
            and i - start < 4
            and (words[start - 1] in verbs.form_lemmas or words[start - 1] in _AUX)
        ):
            start -= 1
        start = max(lo, start - 2)
        while start < i and (words[start] in _NP_STOP or words[start] in _GENITIVE):
            start += 1
        out.append(Match(_PLEDGE_RULE, start, i + 1, start, i + 1, True, False))
    return sorted(out, key=lambda m: m.start)


_CHARGE = _words("الزام الزامات")
_IN = _n("میں")


def _charged(words: Sequence[str], m: Match) -> bool:
    """ "سرکاری املاک پر حملہ، ... کے الزام میں گرفتار": the act is what someone is charged with, not
    an event the text reports (the arrest is)."""
    for k in range(m.pattern_end, min(len(words) - 1, m.pattern_end + 12)):
        if words[k] in _HARD_BOUNDARY:
            return False
        if words[k] in _CHARGE and words[k + 1] == _IN and words[k - 1] in _GENITIVE:
            return True
    return False


_PLURAL_OBLIQUE = "وں"
# nouns for one incident: "X میں" before a verb of the same kind points back to it
_INCIDENTS = _words("حملہ حملے واقعہ واقعے دھماکہ دھماکے")


def _generic_plural(words: Sequence[str], d: Draft) -> bool:
    """ "حملوں کی مذمت", "دھرنوں سے معیشت کو نقصان": a bare plural noun with no number and no toll
    speaks of such acts in general, not of one the text reports ("5 دھماکوں", "جھڑپوں میں 30 ہلاک"
    still do)."""
    m = d.match
    if m.verbal or m.pattern_end - m.start != 1 or not words[m.start].endswith(_PLURAL_OBLIQUE):
        return False
    if d.fatalities is not None or d.injured is not None:
        return False
    numbers = number_tables()
    for word in reversed(words[max(0, m.start - 3) : m.start]):  # "5 زور دار دھماکوں"، "تین حملوں"
        if word[:1].isdigit() or word in numbers.units or word in numbers.vague:
            return False
        if word in _NP_STOP:
            break
    return True


_SUCH_AS = _words("جیسے جیسی جیسا")


def _example_of_kind(words: Sequence[str], m: Match) -> bool:
    """ "قتل، قاتلانہ حملہ، ڈکیتی اور اغوا جیسے جرائم": a bare noun listed as an example of a kind of
    act names the kind, not an act the text reports."""
    if m.verbal:
        return False
    for k in range(m.pattern_end, min(len(words), m.pattern_end + 8)):
        if words[k] in _SUCH_AS:
            return True
        if words[k] in _HARD_BOUNDARY or words[k] in _VERB_STOP:
            return False
    return False


_VERB_STOP = _words("ہے ہیں تھا تھی تھے گیا گئی گئے کیا کی کئے کیے")
_VALA = _words("والا والی والے والوں")


def _participle(words: Sequence[str], m: Match) -> bool:
    """ "حملہ کرنے والے", "برآمد ہونے والا اسلحہ": a verb made into a noun or an adjective names the
    doers or the thing, not an act the sentence tells; "حملہ کرنے والا ہے" (is about to) still does."""
    if not m.verbal or m.verb_end < 1 or words[m.verb_end - 1] not in _VALA:
        return False
    return m.verb_end >= len(words) or words[m.verb_end] not in _COPULA


_CONVENE = _words("طلب")


def _convened_meetings(words: Sequence[str], matches: list[Match]) -> list[Match]:
    """ "کمیٹی کا اجلاس آئندہ ہفتے طلب کر لیا": summoning a meeting is the meeting (CONSULT, from the
    meeting word to the verb), not a summons (REQUEST)."""
    meetings = [m for m in matches if m.rule.type == "CONSULT" and not m.verbal]
    out: list[Match] = []
    for m in matches:
        if m.rule.type == "REQUEST" and m.verbal and words[m.start] in _CONVENE:
            meeting = next((c for c in meetings if 0 < m.start - c.pattern_end <= 4), None)
            if meeting is not None and not any(
                w in _HARD_BOUNDARY for w in words[meeting.pattern_end : m.start]
            ):
                out = [x for x in out if x is not meeting]
                out.append(
                    Match(
                        meeting.rule, meeting.start, m.pattern_end, m.verb_start, m.verb_end, True, m.passive
                    )
                )
                meetings.remove(meeting)
                continue
        out.append(m)
    return sorted(out, key=lambda x: x.start)


_ORDER_NOUNS = _words("حکم احکامات احکام ہدایت ہدایات")


def _orders_of_acts(words: Sequence[str], matches: list[Match]) -> list[Match]:
    """ "رہا کرنے کا حکم دیا", "انخلا کا حکم": an order to do an act the text names is told as that act
    (its own event); the order is not a second, REQUEST event."""
    acts = [m for m in matches if m.rule.type != "REQUEST"]
    out = []
    for m in matches:
        if m.rule.type == "REQUEST" and words[m.start] in _ORDER_NOUNS:
            before = words[max(0, m.start - 2) : m.start]
            if before and before[-1] in _GENITIVE and any(0 < m.start - a.pattern_end <= 3 for a in acts):
                continue
        out.append(m)
    return out


def _replace_type(rule: Rule, typ: str) -> Rule:
    return Rule(
        typ,
        None,
        rule.conf,
        rule.alone,
        rule.verbs,
        rule.verbal_pattern,
        rule.prev_not,
        rule.next_not,
        rule.sent_not,
        rule.sent_need,
        rule.next_only,
        rule.near_not,
        rule.story_not,
    )


_ADVERBS = _words("جلد ہی جاری شروع بھی نہیں نہ تک")


def _verb_after(words: Sequence[str], start: int, hi: int) -> tuple[int, int]:
    """The verb group a bare noun is the subject of: "حملے جاری رہیں گے", "آپریشن جلد ہی شروع ہونے
    والا ہے"; empty when other words follow ("دورہ دمشق کا مقصد")."""
    k = start
    while k < hi and k - start < 3 and words[k] in _ADVERBS:
        k += 1
    end = k
    while end < hi and (words[end] in verb_lexicon().form_lemmas or words[end] in _AUX):
        end += 1
    return (start, end) if end > k else (start, start)


@dataclass(frozen=True)
class _SortedActors:
    """The actor stage's mentions sorted by start, so a sentence finds its own by bisection
    instead of scanning the whole document."""

    actors: list[Actor]
    starts: list[int]

    @classmethod
    def of(cls, doc: Document) -> _SortedActors:
        actors = sorted(
            (a for a in doc.meta.get("actors", []) if isinstance(a, Actor) and a.start is not None),
            key=lambda a: a.start or 0,
        )
        return cls(actors, [a.start or 0 for a in actors])


def _actor_spans(doc: Document, sentence: Sentence, index: _SortedActors) -> Spans:
    """Sentence-relative token ranges of the actor stage's mentions in a sentence, in text order."""
    tokens = doc.sentence_tokens(sentence)
    starts = {t.start: k for k, t in enumerate(tokens)}
    ends = {t.end: k + 1 for k, t in enumerate(tokens)}
    lo = bisect_left(index.starts, sentence.start)
    hi = bisect_left(index.starts, sentence.end)
    out = []
    for a in index.actors[lo:hi]:
        if a.start in starts and a.end in ends:
            out.append((starts[a.start], ends[a.end]))
    return tuple(sorted(out))


def _date_ref(doc: Document, mention: DateMention) -> DateRef:
    """The date a mention found, as a span of the raw text."""
    t0, t1 = doc.tokens[mention.start], doc.tokens[mention.end - 1]
    return DateRef(
        text=doc.raw[t0.start : t1.end],
        start=t0.start,
        end=t1.end,
        value=mention.value,
        precision=mention.precision,
    )


# ---------------------------------------------------------------------------------------- arguments


@dataclass
class Draft:
    """An event while it is being built: token ranges are ``doc.tokens`` indices."""

    match: Match
    sentence: int  # index in doc.sentences
    start: int
    end: int
    type: str
    mode: str | None
    modality: str
    heading: bool
    anaphoric: bool  # "اس حملے", "ان حملوں": a mention of an event told before
    actor1: Actor | None = None
    actor2: Actor | None = None
    also: list[Actor] = field(default_factory=list)
    location: Place | None = None
    date: DateRef | None = None
    own_date: bool = False
    fatalities: Count | None = None
    injured: Count | None = None
    claim: Any = None
    grenade: bool = False
    conf: float = 0.5
    trigger: TextSpan | None = None
    absorbed_body: bool = False
    own_location: bool = False  # the place stands in the trigger's own sentence
    own_actor: bool = False  # the trigger's own clause names who acted
    site: frozenset[str] = frozenset()  # words of the "X پر" / "X میں" phrase before the trigger
    clause: int = 0  # which clause of its sentence (counted at "،" and "جبکہ")
    more_places: list[Place] = field(default_factory=list)  # the rest of a listed locative
    patients: int | None = None  # how many people the act was done to ("10 شدت پسندوں کو گرفتار")


_CLAUSE_SPLIT = _words("، ؛ : جبکہ")


def _clause_index(tokens: Sequence[Token], sentence: Sentence, d: Draft) -> int:
    """Which clause of its sentence a draft's trigger is in, counted at "،", "؛", ":" and "جبکہ"."""
    return sum(1 for t in tokens[: max(0, d.start - sentence.token_start)] if t.norm in _CLAUSE_SPLIT)


def _clause(words: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """The clause around words[start:end]: between the hard boundaries before and after it."""
    lo, hi = start, end
    while lo > 0 and words[lo - 1] not in _HARD_BOUNDARY:
        lo -= 1
    while hi < len(words) and words[hi] not in _HARD_BOUNDARY:
        hi += 1
    return lo, hi


Spans = tuple[tuple[int, int], ...]


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
    while start - 1 > lo and words[start - 1] in (_n("اور"), "،") and len(out) < 4:
        prev = _np_before(words, start - 1, lo, spans)
        if prev is None:
            break
        out.insert(0, prev)
        start = prev[0]
    return out


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
_OBLIQUE = _words("کو سے پر میں کے کی کا تک")
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
    lo, hi = _clause(words, m.start, m.verb_end)
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
        agent = _find_marker(words, lo, hi, _AGENTIVE, hi)
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
    ):
        frame.actor1, gen_np = gen_np, None  # "طالبان کا حملہ", "وزیراعظم کا دورہ"
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
        and words[on + 1] in _COPULA
    ):
        # "طارق فاطمی امریکا کے دورے پر ہیں", "ڈاکٹر ہڑتال پر ہیں": the one who is on it
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
        and not any(w in _street_words() for w in words[np[0] : np[1]])
    ):
        frame.actor2 = _coordinated(words, np, lo, spans)[0]
    if frame.actor2 is None and not m.verbal and gen_np is not None and typ not in _GENITIVE_AGENT:
        frame.actor2 = gen_np
    if frame.actor2 is None and typ in ("COERCE", "CONCEDE") and not m.verbal and m.start > lo:
        frame.actor2 = _np_before(words, m.start, lo, spans)  # headline "10 شدت پسند گرفتار"
    return frame


_SITE_MARKERS = _words("پر میں")
_ON = _n("پر")


@lru_cache(maxsize=4)
def _street_words(language: str = "ur") -> frozenset[str]:
    """Words for parts of a town (روڈ، چوک، بازار), from the geocoder's admin-word table."""
    try:
        table = load_table(language, "admin_words", ("word", "kind", "position", "hint"))
    except DataError:  # the table belongs to the place stage; without it there are no sites
        return frozenset()
    return frozenset(_n(word) for word, kind, _pos, _hint in table.rows if kind == "part")


def _site(words: Sequence[str], m: Match, lo: int) -> frozenset[str]:
    """The words of a street or market the clause puts the event on ("سریاب روڈ پر"), else nothing.

    Two accounts of attacks on "سریاب روڈ" and "جوائنٹ روڈ" are two attacks even when the gazetteer
    knows neither road."""
    streets = _street_words()
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


# ------------------------------------------------------------------------------------------- naming


def _actor_namer(doc: Document) -> Callable[[Actor, str], Actor]:
    """A function that names an actor span: from ``doc.meta["actors"]``, else the actor resolver."""
    mentions: list[Actor] = [a for a in doc.meta.get("actors", []) if isinstance(a, Actor)]
    try:
        from waqia.stages.actors import resolve_actor
    except ImportError:  # the actor stage is optional: spans alone still score
        resolve_actor = None  # type: ignore[assignment]
    memo: dict[str, Any] = {}

    mentions.sort(key=lambda m: m.start or 0)
    mention_starts = [m.start or 0 for m in mentions]
    longest = max(((m.end or 0) - (m.start or 0) for m in mentions), default=0)

    def name(actor: Actor, phrase_norm: str) -> Actor:
        best: Actor | None = None
        # only mentions starting within one mention-length before the span can overlap it
        lo = bisect_left(mention_starts, (actor.start or 0) - longest)
        hi = bisect_left(mention_starts, actor.end or 0)
        for m in mentions[lo:hi]:
            a0, a1, m0, m1 = actor.start or 0, actor.end or 0, m.start or 0, m.end or 0
            if m0 < a1 and a0 < m1:
                overlap = min(m1, a1) - max(m0, a0)
                if best is None or overlap > min(best.end or 0, a1) - max(best.start or 0, a0):
                    best = m
        if best is not None:
            actor.name, actor.country, actor.sector = best.name, best.country, best.sector
        elif resolve_actor is not None:
            if phrase_norm not in memo:
                memo[phrase_norm] = resolve_actor(phrase_norm)
            match = memo[phrase_norm]
            if match is not None:
                actor.name, actor.country, actor.sector = match.name, match.country, match.sector
        return actor

    return name


_LEADING_MARKERS = wordset("سے کو نے کا کے کی پر میں تک")


_FORCE_ACTS = frozenset({"ASSAULT", "COERCE"})
_FORCES = frozenset({"MIL", "POL"})


@lru_cache(maxsize=4)
def _force_names(language: str) -> frozenset[str]:
    """Names of the armies, police and other forces in the actor dictionary (not their officers)."""
    from waqia.stages.actors import load_actor_dictionary

    return frozenset(
        e.name
        for bucket in load_actor_dictionary(language).entries.values()
        for e in bucket
        if e.kind == "organisation" and e.sector in _FORCES
    )


_ERGATIVE_MARK = _n("نے")
_THAT = _n("کہ")


def _ergative_subjects(doc: Document, index: _SortedActors) -> list[Actor]:
    """The named actors the story follows: those that act or speak with "نے" in a main clause
    ("طارق فاطمی نے کہا"), in text order; a subject inside reported speech ("کہا کہ جوانوں نے ...")
    is not one of them."""
    starts = [t.start for t in doc.tokens]
    sentence_starts = [s.start for s in doc.sentences]
    subjects = []
    for a in index.actors:
        k = bisect_left(starts, a.end or 0)
        if k >= len(doc.tokens) or doc.tokens[k].norm != _ERGATIVE_MARK or not a.name:
            continue
        if _n(a.text or "") in _PRONOUNS:
            continue
        sentence = max(0, bisect_left(sentence_starts, (a.start or 0) + 1) - 1)
        first = bisect_left(starts, sentence_starts[sentence]) if sentence_starts else 0
        if any(t.norm == _THAT for t in doc.tokens[first:k]):
            continue
        subjects.append(a)
    return subjects


_BE = _words("ہو ہوا ہوئی ہوئے ہونے ہوں ہوتا ہوتی ہوتے ہوگا ہوگی ہونگے")
_SAY = _words("کہا کہاگیا کہاگیاہے بتایا")


def _verb_words(doc: Document, d: Draft) -> frozenset[str]:
    first = doc.sentences[d.sentence].token_start
    return frozenset(t.norm for t in doc.tokens[first + d.match.verb_start : first + d.match.verb_end])


def _dropped_subjects(doc: Document, drafts: Sequence[Draft], subjects: Sequence[Actor]) -> None:
    """Urdu drops a subject the story already has: "حکومت پاک فوج کی حمایت کرتی رہے گی۔ مسلح افواج
    کو ہر ممکن سہولتیں فراہم کرینگے". A promise or an announced act in the active voice with no subject
    of its own has the last one named, in the same or the previous sentence. Past acts are left
    alone: there a missing subject is more often a failure to find it than a dropped one (half of
    such guesses on COUNTER were wrong)."""
    last: tuple[int, Actor] | None = None  # (sentence, actor) of the last named subject
    starts = [s.start for s in doc.sentences]
    events = sorted(drafts, key=lambda d: d.start)
    subj = sorted(
        ((bisect_left(starts, (a.start or 0) + 1) - 1, a) for a in subjects), key=lambda x: x[1].start or 0
    )
    j = 0
    for d in events:
        at = d.trigger.start or 0 if d.trigger is not None else 0
        while j < len(subj) and (subj[j][1].start or 0) < at:
            if last is None or (subj[j][1].start or 0) > (last[1].start or 0):
                last = subj[j]
            j += 1
        if (
            d.actor1 is not None
            and d.own_actor
            and d.actor1.name
            and _n(d.actor1.text or "") not in _PRONOUNS
        ):
            if last is None or (d.actor1.start or 0) >= (last[1].start or 0):
                last = (d.sentence, d.actor1)
            continue
        verb = _verb_words(doc, d)
        if (
            d.actor1 is None
            and (d.modality == "reported_future" or d.type == "AGREE")
            and d.match.verbal
            and not d.match.passive
            and not (verb & _BE)  # "رہا نہ ہو سکے": the subject of ہونا is the one it happens to
            and not (verb & _SAY)
            and not d.heading
            and last is not None
            and d.sentence - last[0] <= 1
        ):
            d.actor1 = last[1]


# acts ACLED codes once per place: "X، Y، Z میں ... گرفتار کر لیا گیا" is three arrests
_PER_PLACE = frozenset({"COERCE", "ASSAULT", "PROTEST", "MOBILIZE"})


def _one_per_place(drafts: list[Draft]) -> list[Draft]:
    """An act told at a list of places is one event per place; the toll, which the text does not
    split, stays with the first."""
    out: list[Draft] = []
    for d in drafts:
        out.append(d)
        for p in d.more_places:
            out.append(
                dataclasses.replace(
                    d, location=p, fatalities=None, injured=None, more_places=[], conf=d.conf * 0.9
                )
            )
    return out


_CROWD = _words("افراد لوگ لوگوں شہری شہریوں کارکن کارکنوں مظاہرین ہزاروں لاکھوں سینکڑوں")


def _crowd_protests(drafts: Sequence[Draft]) -> list[Draft]:
    """ "برلن میں 15 ہزار افراد نے ... کا مطالبہ کیا": thousands demanding something together are a
    protest as well as a demand."""
    out: list[Draft] = []
    numbers = number_tables()
    for d in drafts:
        if d.type != "REQUEST" or d.actor1 is None or not d.actor1.text or d.modality != "asserted":
            continue
        words = [_n(w) for w in d.actor1.text.split()]
        counted = words[0][:1].isdigit() or words[0] in numbers.units or words[0] in numbers.vague
        if counted and words[-1] in _CROWD and d.own_location:
            out.append(dataclasses.replace(d, type="PROTEST", mode=None, more_places=[]))
    return out


def _head_count(doc: Document, actor: Actor) -> int | None:
    """The number an actor phrase counts ("10 شدت پسندوں" -> 10, "دس شدت پسندوں" -> 10)."""
    first = bisect_left([t.start for t in doc.tokens], actor.start or 0)
    tokens = [t for t in doc.tokens[first:] if t.end <= (actor.end or 0)]
    words = [t.norm for t in tokens]
    for i in range(len(words)):
        phrase = count_at(words, tokens, i)
        if phrase is not None:
            return phrase.best
    return None


def _implicit_agents(drafts: Sequence[Draft], language: str) -> None:
    """A passive arrest, or a passive attack on militants, that names no agent ("ایک ہزار سے زائد
    دہشتگردوں کو ہلاک کیا جا چکا ہے") was done by the force the story last named as taking part
    in an event (an army, a police force; not one of its officers, not a spokesman's office)."""
    forces = _force_names(language)
    last: Actor | None = None
    for d in drafts:
        if (
            d.type in _FORCE_ACTS
            and d.actor1 is None
            and d.match.passive
            and (d.type == "COERCE" or (d.actor2 is not None and d.actor2.sector == "REB"))
        ):
            d.actor1 = last
        for a in (d.actor1, d.actor2):
            if a is not None and a.sector in _FORCES and a.name in forces:
                last = a


def _identified(actor: Actor | None) -> bool:
    return actor is not None and (actor.name, actor.country, actor.sector) != (None, None, None)


def _span_actor(
    doc: Document, tokens: Sequence[Token], span: tuple[int, int], namer: Callable[[Actor, str], Actor]
) -> Actor:
    start, end = span
    while end - start > 1 and tokens[start].norm in _LEADING_MARKERS:
        start += 1  # "سے امریکی فورسز": the marker belongs to the phrase before
    first, last = tokens[start], tokens[end - 1]
    actor = Actor(text=doc.raw[first.start : last.end], start=first.start, end=last.end)
    return namer(actor, " ".join(t.norm for t in tokens[start:end]))


def _speaker_as_actor(
    doc: Document, claims: Sequence[Any], draft: Draft, namer: Callable[[Actor, str], Actor]
) -> Actor | None:
    """ "اوباما نے کہا ہے کہ فضائی حملے جاری رہیں گے": an announced act or a pledge that names no
    doer is the speaker's, when the speaker is an official or a party."""
    if draft.modality != "reported_future" and draft.type != "AGREE":
        return None  # a past act the speaker only reports is not the speaker's
    cm = _nearest_claim(claims, draft.start)
    if (
        cm.cue_start <= cm.source_start
        or cm.tok_end > draft.start
        or cm.claim.kind not in ("official", "party")
    ):
        return None
    actor = _span_actor(doc, doc.tokens, (cm.source_start, cm.cue_start), namer)
    return actor if _identified(actor) else None


# ---------------------------------------------------------------------------------------- the stage


class EventExtractor:
    """Stage: fill ``doc.events`` with the events the text reports (see the module docstring)."""

    name = "events"
    requires: tuple[str, ...] = ("tokens",)
    provides: tuple[str, ...] = ("events",)

    def __init__(self, *, language: str = "ur", merge: bool = True, body_trigger: bool = True) -> None:
        self.language = language
        self.lexicon = trigger_lexicon(language)
        self.merge = merge
        self.body_trigger = body_trigger

    def __call__(self, doc: Document) -> Document:
        doc.events = self.extract(doc)
        return doc

    def extract(self, doc: Document) -> list[Event]:
        from waqia.cluster import merge_mentions, one_per_type

        ref = reference_date(doc)
        namer = _actor_namer(doc)
        actor_index = _SortedActors.of(doc)
        subjects = _ergative_subjects(doc, actor_index)
        places: list[Place] = sorted(
            (p for p in doc.meta.get("places", []) if isinstance(p, Place)), key=lambda p: p.start or 0
        )
        line_sentence, line_end = dateline_end(doc)
        drafts: list[Draft] = []
        story_date: DateMention | None = None
        # the headline and the lead say what the story is about (an accident, a match)
        heads = [s for s in doc.sentences if s.is_heading]
        lead = heads[:2] + [s for s in doc.sentences if not s.is_heading][:1]
        story = [t.norm for s in lead for t in doc.sentence_tokens(s)]
        # news attribution covers the sentence after it ("He said … He added …"), within a paragraph;
        # found only when a draft there names no source of its own
        carry_from: Sentence | None = None
        carried: dict[int, Claim | None] = {}

        def carried_claim() -> Claim | None:
            if carry_from is None:
                return None
            if carry_from.start not in carried:
                found = find_claims(doc, carry_from)
                carried[carry_from.start] = self._claim(doc, found, carry_from.token_end, namer)
            return carried[carry_from.start]

        for k, sentence in enumerate(doc.sentences):
            if k and "\n" in doc.raw[doc.sentences[k - 1].end : sentence.start]:
                carry_from = None  # a new paragraph
            tokens = doc.sentence_tokens(sentence)
            words = [t.norm for t in tokens]
            matches = match_sentence(words, self.lexicon, story)
            dates = [
                d for d in find_dates(doc, sentence, ref) if not (k == line_sentence and d.end <= line_end)
            ]
            if story_date is None and not sentence.is_heading and k <= line_sentence + 3:
                story_date = story_day(dates, ref)
            if not matches and not has_future(words, self.lexicon.verbs) and not directive_clauses(words):
                attach_casualties(doc, k, sentence, drafts, orphan=True)
                carry_from = carry_from if sentence.is_heading else sentence
                continue
            matches = [
                m
                for m in _convened_meetings(words, _orders_of_acts(words, matches))
                if not _charged(words, m) and not _participle(words, m) and not _example_of_kind(words, m)
            ]
            spans = _actor_spans(doc, sentence, actor_index)
            # named subjects: a phrase a case marker follows ("مسلح افواج کو") is not one
            named = frozenset(
                k for a, b in spans if b >= len(words) or words[b] not in _OBLIQUE for k in range(a, b)
            )
            matches = _pledges(words, matches, self.lexicon.verbs, named)
            matches += [
                Match(_REQUEST_RULE, a + 1, b, a + 1, b, True, False)
                for a, b in directive_clauses(words)
                if not any(m.rule.type == "REQUEST" and a <= m.start for m in matches)
            ]
            claims = find_claims(doc, sentence)
            sentence_drafts: list[Draft] = []
            for m in matches:
                draft = self._draft(doc, k, sentence, tokens, words, m, namer, drafts, spans, subjects)
                if (
                    not m.verbal
                    and m.rule.conf < 0.65
                    and not sentence.is_heading
                    and draft.actor1 is None
                    and draft.actor2 is None
                    and not draft.anaphoric
                ):
                    continue  # a bare generic noun ("آپریشن", "معاہدہ") with nobody named tells no event
                self._place(doc, sentence, draft, places, (line_sentence, line_end), k)
                self._date(doc, sentence, draft, ref, m)
                draft.claim = self._claim(doc, claims, draft.start, namer) or (
                    None if sentence.is_heading else carried_claim()
                )
                if draft.actor1 is None and claims:
                    draft.actor1 = _speaker_as_actor(doc, claims, draft, namer)
                sentence_drafts.append(draft)
            carry_from = carry_from if sentence.is_heading else sentence
            for d in sentence_drafts:
                d.clause = _clause_index(tokens, sentence, d)
            sentence_drafts = one_per_type(sentence_drafts)
            attach_casualties(doc, k, sentence, sentence_drafts)
            drafts.extend(d for d in sentence_drafts if not _generic_plural(words, d))
        _implicit_agents(drafts, self.language)
        drafts.extend(_crowd_protests(drafts))
        _dropped_subjects(doc, drafts, subjects)
        for draft in drafts:
            if draft.date is None and story_date is not None and story_date.value is not None:
                draft.date = _date_ref(doc, story_date)
            if draft.date is None and doc.pub_date:
                draft.date = DateRef(text=None, value=doc.pub_date, precision=2)
        if self.merge:
            drafts = merge_mentions(drafts, body_trigger=self.body_trigger)
        drafts = _one_per_place(drafts)
        return [self._event(d) for d in drafts]

    # ------------------------------------------------------------------ one trigger

    def _draft(
        self,
        doc: Document,
        k: int,
        sentence: Sentence,
        tokens: Sequence[Token],
        words: list[str],
        m: Match,
        namer: Callable[[Actor, str], Actor],
        earlier: Sequence[Draft],
        actor_spans: Spans,
        subjects: Sequence[Actor] = (),
    ) -> Draft:
        rule = m.rule
        lo, hi = _clause(words, m.start, m.verb_end)
        # a nominal trigger takes the tense of the verb after it: "حملے جاری رہیں گے"
        verbs = (m.verb_start, m.verb_end) if m.verbal else _verb_after(words, m.pattern_end, hi)
        modality = modality_of(words, (m.start, m.pattern_end), verbs, lo, verbal=m.verbal)
        if rule.type in ("AGREE", "THREATEN") and modality == "reported_future":
            modality = "asserted"  # a pledge or a threat is itself the act (dev-set convention)
        mode, grenade = rule.mode, False
        if rule.type == "ASSAULT":
            mode, grenade = assault_mode(words, m.start, mode)
        end = max(m.pattern_end, m.verb_end if m.verbal else m.pattern_end)
        offset = sentence.token_start
        anaphoric = m.start > 0 and (
            words[m.start - 1] in _DEMONSTRATIVE
            or (m.start > 1 and words[m.start - 2] in _DEMONSTRATIVE and words[m.start - 1] not in _PUNCT)
        )
        after = words[m.verb_end : m.verb_end + 2] if m.verbal else []
        # "قتل کرنے کے بعد": told before (the verb group may end at the کے or before it)
        anaphoric = (
            anaphoric
            or after == [_n("کے"), _n("بعد")]
            or (m.verbal and words[m.verb_end - 1] == _n("کے") and after[:1] == [_n("بعد")])
            # "حملہ میں امن لشکر کو نشانہ بنایا گیا": what was done in an attack told before
            or (
                m.verbal
                and any(words[k] in _INCIDENTS and words[k + 1] == _IN for k in range(lo, m.start - 1))
            )
        )
        first, last = tokens[m.start], tokens[end - 1]
        draft = Draft(
            m,
            k,
            offset + m.start,
            offset + end,
            rule.type,
            mode,
            modality,
            sentence.is_heading,
            anaphoric,
            grenade=grenade,
            conf=rule.conf,
            trigger=TextSpan(doc.raw[first.start : last.end], first.start, last.end),
        )
        frame = case_frame(words, m, rule.type, actor_spans)
        draft.site = _site(words, m, lo)
        draft.own_actor = frame.actor1 is not None
        if frame.actor1 is not None:
            draft.actor1 = _span_actor(doc, tokens, frame.actor1, namer)
            draft.also = [_span_actor(doc, tokens, s, namer) for s in frame.also]
            if frame.actor1[1] - frame.actor1[0] == 1 and words[frame.actor1[0]] in _PRONOUNS:
                # "انہوں نے": the subject the story follows, else the last actor of an event
                before = [a for a in subjects if (a.end or 0) <= (draft.actor1.start or 0)]
                antecedent = before[-1] if before else None
                if antecedent is None and draft.actor1.name is None:
                    antecedent = next(
                        (
                            d.actor1
                            for d in reversed(earlier)
                            if d.actor1 is not None and _n(d.actor1.text or "") not in _PRONOUNS
                        ),
                        None,
                    )
                if antecedent is not None:
                    draft.actor1.name, draft.actor1.country = antecedent.name, antecedent.country
                    draft.actor1.sector = antecedent.sector
        if frame.actor2 is not None and not names_a_thing(" ".join(words[frame.actor2[0] : frame.actor2[1]])):
            # "خفیہ اطلاعات پر کارروائی": acting on information aims at nobody
            draft.actor2 = _span_actor(doc, tokens, frame.actor2, namer)
        # an agent phrase that resolves to no name, country or sector ("خطاب", "سڑک") is no agent;
        # a target may still be a thing ("قافلے کو نشانہ بنایا")
        draft.actor1 = draft.actor1 if _identified(draft.actor1) else None
        if not m.verbal and not _identified(draft.actor2):
            draft.actor2 = (
                None  # "دہشتگردی کے خلاف آپریشن": a bare noun aimed at an abstraction names no target
            )
        draft.also = [a for a in draft.also if _identified(a)]
        draft.conf = min(0.99, rule.conf + 0.05 * sum(x is not None for x in (draft.actor1, draft.actor2)))
        if draft.actor2 is not None and draft.actor2.start is not None:
            draft.patients = _head_count(doc, draft.actor2)
        return draft

    @staticmethod
    def _claim(
        doc: Document, claims: Sequence[Any], start: int, namer: Callable[[Actor, str], Actor]
    ) -> Claim | None:
        """The attribution nearest before token ``start`` among a sentence's ``claims``."""
        if not claims:
            return None
        cm = _nearest_claim(claims, start)
        if cm.claim.by is None and cm.cue_start > cm.source_start:  # "وزیر خارجہ نے کہا"
            cm.claim.by = _span_actor(doc, doc.tokens, (cm.source_start, cm.cue_start), namer).name
        return cast(Claim, cm.claim)

    # ------------------------------------------------------------------ place and date

    def _place(
        self,
        doc: Document,
        sentence: Sentence,
        draft: Draft,
        places: Sequence[Place],
        line: tuple[int, int],
        k: int,
    ) -> None:
        words = [t.norm for t in doc.sentence_tokens(sentence)]
        lo, hi = _clause(words, draft.match.start, draft.match.verb_end)
        clause = (
            doc.tokens[sentence.token_start + lo].start,
            doc.tokens[sentence.token_start + hi - 1].end if hi > lo else sentence.end,
        )
        actors = (draft.actor1, draft.actor2, *draft.also)
        taken = [(a.start or 0, a.end or 0) for a in actors if a is not None]
        draft.location, draft.own_location = event_location(
            doc, places, k, clause, draft.trigger or TextSpan(None), draft.type, taken, line, draft.actor1
        )
        if draft.own_location and draft.location is not None and draft.type in _PER_PLACE:
            draft.more_places = [
                p
                for p in listed_with(doc, draft.location, places)
                if p.name != draft.location.name and clause[0] <= (p.start or 0) < clause[1]
            ]

    def _date(self, doc: Document, sentence: Sentence, draft: Draft, ref: dt.date | None, m: Match) -> None:
        future = draft.modality == "reported_future"
        mentions = [d for d in find_dates(doc, sentence, ref, future=future) if d.value is not None]
        mentions = [
            d
            for d in mentions
            if not (d.kind == "date" and d.start - sentence.token_start < 8 and in_dateline(doc, sentence, d))
        ]
        if not mentions:
            return
        chosen = min(mentions, key=lambda d: abs(d.start - draft.start) + (0 if d.start < draft.start else 3))
        draft.date = _date_ref(doc, chosen)
        draft.own_date = True

    # ------------------------------------------------------------------ the record

    @staticmethod
    def _event(d: Draft) -> Event:
        event = Event(
            type=d.type,
            mode=d.mode,
            modality=d.modality,
            trigger=d.trigger or TextSpan(text=None),
            actor1=d.actor1,
            actor2=d.actor2,
            also=d.also,
            location=d.location,
            date=d.date,
            fatalities=d.fatalities,
            injured=d.injured,
            claim=d.claim,
            confidence=round(d.conf, 3),
        )
        event.acled = acled_view(event, grenade=d.grenade)
        return event


def _nearest_claim(claims: Sequence[Any], start: int) -> Any:
    before = [c for c in claims if c.tok_start <= start]
    return before[-1] if before else claims[0]
