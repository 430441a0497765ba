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
places come from ``doc.meta["places"]``. ``docs/events.md`` tells the rules in full. The parts live in
private modules: the draft record (``_draft``), case frames (``_frames``), which matches tell an event
(``_filters``) and the rules over a whole document's drafts (``_discourse``)."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, cast

from waqia.acled import acled_view, assault_mode, event_location, incident_place, place_list, theatre
from waqia.document import Document, Sentence, Token
from waqia.record import Actor, Claim, DateRef, Event, Place, TextSpan
from waqia.stages._discourse import (
    PER_PLACE,
    crowd_protests,
    dropped_subjects,
    ergative_subjects,
    head_count,
    implicit_agents,
    one_per_place,
)
from waqia.stages._draft import DEMONSTRATIVE, IN, PRONOUNS, Draft, SortedActors, Spans, identified
from waqia.stages._filters import (
    INCIDENTS,
    REQUEST_RULE,
    convened_meetings,
    example_of_kind,
    generic_plural,
    is_charged,
    is_circumstance,
    is_ended,
    is_participle,
    orders_of_acts,
    pledge_matches,
)
from waqia.stages._frames import OBLIQUE, case_frame, clause_bounds, clause_index, site_words
from waqia.stages._wordclasses import AUX as _AUX
from waqia.stages._wordclasses import GENITIVE as _GENITIVE
from waqia.stages._wordclasses import PUNCT as _PUNCT
from waqia.stages._wordclasses import wordset
from waqia.stages._wordclasses import wordset as _words
from waqia.stages.actors import names_a_thing
from waqia.stages.claims import (
    directive_clauses,
    find_claims,
    has_future,
    modality_of,
    verb_lexicon,
)
from waqia.stages.counts import attach_casualties
from waqia.stages.dates import DateMention, dateline_end, find_dates, in_dateline, reference_date, story_day
from waqia.stages.normalize import normalize_spelling
from waqia.stages.triggers import Match, match_sentence, trigger_lexicon


def _n(text: str) -> str:
    return normalize_spelling(text)


# ------------------------------------------------------------------------------------------ pledges


_ADVERBS = _words("جلد ہی جاری شروع بھی نہیں نہ تک")
_HEADLINE_JOINERS = _words("، ,")


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


def _actor_spans(doc: Document, sentence: Sentence, index: SortedActors) -> Spans:
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


def _span_actor(
    doc: Document, tokens: Sequence[Token], span: tuple[int, int], namer: Callable[[Actor, str], Actor]
) -> Actor:
    start, end = span
    while end - start > 1 and tokens[start].norm in _LEADING_MARKERS:
        start += 1  # "سے امریکی فورسز": the marker belongs to the phrase before
    first, last = tokens[start], tokens[end - 1]
    actor = Actor(text=doc.raw[first.start : last.end], start=first.start, end=last.end)
    return namer(actor, " ".join(t.norm for t in tokens[start:end]))


_THAT = _n("کہ")
_AND = _n("اور")


_SEGMENT_END = wordset("، ؛ : ۔")


def _headline_subject(words: Sequence[str], trigger: int, spans: Spans) -> tuple[int, int] | None:
    """ "وزیراعلیٰ کا ضلع قصور کے سیلابی علاقوں کا دورہ": a headline's visit or address
    has its doer in the last actor of its segment that takes a genitive, however much comes between."""
    lo = trigger
    while lo > 0 and words[lo - 1] not in _SEGMENT_END:
        lo -= 1
    for start, end in reversed(spans):
        if start < lo or end >= trigger:
            continue
        if words[end] in _GENITIVE:
            return start, end
        if words[end] not in OBLIQUE:
            return None  # "... نواز شریف خورشید آباد کیمپ کے دورے": an unmarked actor is the subject
    return None


def _owned(
    doc: Document, tokens: Sequence[Token], span: tuple[int, int], spans: Spans, actor: Actor
) -> Actor:
    """ "تحریک انصاف کے کارکنوں نے": the phrase of a group's members takes in the group that owns
    them, so its words are the whole noun phrase; the name stays the members'."""
    start = span[0]
    if start < 2 or tokens[start - 1].norm not in _GENITIVE or actor.name is None:
        return actor
    owner = next((a for a, b in spans if b == start - 1), None)
    if owner is None:
        return actor
    return replace(actor, text=doc.raw[tokens[owner].start : actor.end], start=tokens[owner].start)


def _clause_subject_before(
    doc: Document,
    tokens: Sequence[Token],
    words: Sequence[str],
    pronoun: int,
    spans: Spans,
    namer: Callable[[Actor, str], Actor],
) -> Actor | None:
    """ "امریکی حکام فکر مند تھے اور ... انہوں نے معاہدہ کیا": a pronoun after "اور" points back to the
    unmarked subject of the clause before it in the same sentence (none across a "کہ")."""
    if _AND not in words[:pronoun] or _THAT in words[:pronoun]:
        return None
    conjunction = max(i for i in range(pronoun) if words[i] == _AND)
    for start, end in reversed(spans):
        if end <= conjunction and (end >= len(words) or words[end] not in OBLIQUE):
            actor = _span_actor(doc, tokens, (start, end), namer)
            return actor if identified(actor) else None
    return None


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
    return actor if identified(actor) else None


_INCIDENT_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST"})


def _incident_places(doc: Document, drafts: Sequence[Draft], places: Sequence[Place]) -> None:
    """ "یہ واقعہ صوبہ X کی Y کاؤنٹی میں پیش آیا": the incident told in the three sentences before
    (the last asserted attack, arrest or protest) happened there. A place the incident's own sentence
    gives stays unless it holds the new one."""
    from waqia.cluster import finer_within

    for k in range(len(doc.sentences)):
        place = incident_place(doc, k, places)
        if place is None:
            continue
        told = [
            d
            for d in drafts
            if k - 3 <= d.sentence < k and d.type in _INCIDENT_TYPES and d.modality == "asserted"
        ]
        if not told:
            continue
        incident = told[-1]
        if incident.location is None or not incident.own_location or finer_within(place, incident.location):
            incident.location, incident.own_location = place, True


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
        actor_index = SortedActors.of(doc)
        subjects = ergative_subjects(doc, actor_index)
        places: list[Place] = sorted(
            (p for p in doc.meta.get("places", []) if isinstance(p, Place)), key=lambda p: p.start or 0
        )
        line_sentence, line_end = dateline_end(doc)
        theatre_place = theatre(doc, places)  # where the story's armed operation is fought
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
                for m in convened_meetings(words, orders_of_acts(words, matches))
                if not (
                    is_charged(words, m)
                    or is_participle(words, m)
                    or example_of_kind(words, m)
                    or is_ended(words, m)
                )
            ]
            matches = [m for m in matches if not is_circumstance(words, m, matches)]
            spans = _actor_spans(doc, sentence, actor_index)
            # named subjects: a phrase a case marker follows ("مسلح افواج کو") is not one
            named = frozenset(
                k for a, b in spans if b >= len(words) or words[b] not in OBLIQUE for k in range(a, b)
            )
            matches = pledge_matches(words, matches, self.lexicon.verbs, named)
            matches += [
                Match(REQUEST_RULE, a + 1, b, a + 1, b, True, False)
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
                self._place(doc, sentence, draft, places, (line_sentence, line_end), k, theatre_place)
                self._date(doc, sentence, draft, ref, m)
                draft.claim = self._claim(doc, claims, draft.start, namer) or (
                    None if sentence.is_heading else carried_claim()
                )
                if draft.actor1 is None and claims:
                    draft.actor1 = _speaker_as_actor(doc, claims, draft, namer)
                sentence_drafts.append(draft)
            carry_from = carry_from if sentence.is_heading else sentence
            for d in sentence_drafts:
                d.clause = clause_index(tokens, sentence, d)
            sentence_drafts = one_per_type(sentence_drafts)
            attach_casualties(doc, k, sentence, sentence_drafts)
            drafts.extend(d for d in sentence_drafts if not generic_plural(words, d))
        implicit_agents(drafts, self.language)
        drafts.extend(crowd_protests(drafts))
        dropped_subjects(doc, drafts, subjects)
        _incident_places(doc, drafts, places)
        for draft in drafts:
            if draft.date is None and story_date is not None and story_date.value is not None:
                draft.date = _date_ref(doc, story_date)
            if draft.date is None and doc.pub_date:
                draft.date = DateRef(text=None, value=doc.pub_date, precision=2)
        if self.merge:
            drafts = merge_mentions(drafts, body_trigger=self.body_trigger)
        drafts = one_per_place(drafts)
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
        lo, hi = clause_bounds(words, m.start, m.verb_end)
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
            words[m.start - 1] in DEMONSTRATIVE
            or (m.start > 1 and words[m.start - 2] in DEMONSTRATIVE and words[m.start - 1] not in _PUNCT)
        )
        after = words[m.verb_end : m.verb_end + 2] if m.verbal else []
        # "قتل کرنے کے بعد": told before (the verb group may end at the کے or before it)
        anaphoric = (
            anaphoric
            or after == [_n("کے"), _n("بعد")]
            or (m.verbal and words[m.verb_end - 1] == _n("کے") and after[:1] == [_n("بعد")])
            # "حملہ میں پولیس چوکی کو نشانہ بنایا گیا": what was done in an attack told before
            or (
                m.verbal and any(words[k] in INCIDENTS and words[k + 1] == IN for k in range(lo, m.start - 1))
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
        draft.site = site_words(words, m, lo)
        draft.own_actor = frame.actor1 is not None
        if frame.actor1 is not None:
            draft.actor1 = _owned(
                doc, tokens, frame.actor1, actor_spans, _span_actor(doc, tokens, frame.actor1, namer)
            )
            draft.also = [_span_actor(doc, tokens, s, namer) for s in frame.also]
            if frame.actor1[1] - frame.actor1[0] == 1 and words[frame.actor1[0]] in PRONOUNS:
                # "انہوں نے": the subject the story follows, else the last actor of an event
                at = draft.actor1.start or 0
                before = [a for a in subjects if (a.end or 0) <= at]
                antecedent = _clause_subject_before(doc, tokens, words, frame.actor1[0], actor_spans, namer)
                antecedent = antecedent or (before[-1] if before else None)
                if antecedent is None and draft.actor1.name is None:
                    antecedent = next(
                        (
                            d.actor1
                            for d in reversed(earlier)
                            if d.actor1 is not None and _n(d.actor1.text or "") not in PRONOUNS
                        ),
                        None,
                    )
                if antecedent is not None:
                    # the actor is told by the words that name it, not by the pronoun
                    draft.actor1 = replace(antecedent)
        if frame.actor1 is None and sentence.is_heading and not m.verbal and rule.type == "CONSULT":
            subject = _headline_subject(words, m.start, actor_spans)
            if subject is not None:
                draft.actor1 = _span_actor(doc, tokens, subject, namer)
                if frame.actor2 is not None and frame.actor2[0] <= subject[0] < frame.actor2[1]:
                    frame.actor2 = None  # the phrase before the genitive was the doer, not the visited
        if frame.actor2 is not None and not names_a_thing(" ".join(words[frame.actor2[0] : frame.actor2[1]])):
            # "خفیہ اطلاعات پر کارروائی": acting on information aims at nobody
            draft.actor2 = _span_actor(doc, tokens, frame.actor2, namer)
        # an agent phrase that resolves to no name, country or sector ("خطاب", "سڑک") is no agent;
        # a target may still be a thing ("قافلے کو نشانہ بنایا")
        draft.actor1 = draft.actor1 if identified(draft.actor1) else None
        if not m.verbal and not identified(draft.actor2):
            draft.actor2 = (
                None  # "دہشتگردی کے خلاف آپریشن": a bare noun aimed at an abstraction names no target
            )
        draft.also = [a for a in draft.also if identified(a)]
        draft.conf = min(0.99, rule.conf + 0.05 * sum(x is not None for x in (draft.actor1, draft.actor2)))
        if draft.actor2 is not None and draft.actor2.start is not None:
            draft.patients = head_count(doc, draft.actor2)
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
        theatre_place: Place | None,
    ) -> None:
        words = [t.norm for t in doc.sentence_tokens(sentence)]
        lo, hi = clause_bounds(words, draft.match.start, draft.match.verb_end)
        if sentence.is_heading:
            # a headline strings its news items together with commas: each is a clause of its own
            lo = max([lo] + [i + 1 for i in range(lo, draft.match.start) if words[i] in _HEADLINE_JOINERS])
            hi = min([hi] + [i for i in range(draft.match.verb_end, hi) if words[i] in _HEADLINE_JOINERS])
        clause = (
            doc.tokens[sentence.token_start + lo].start,
            doc.tokens[sentence.token_start + hi - 1].end if hi > lo else sentence.end,
        )
        actors = (draft.actor1, draft.actor2, *draft.also)
        taken = [(a.start or 0, a.end or 0) for a in actors if a is not None]
        draft.location, draft.own_location = event_location(
            doc,
            places,
            k,
            clause,
            draft.trigger or TextSpan(None),
            draft.type,
            taken,
            line,
            draft.actor1,
            theatre_place=theatre_place,
        )
        if not draft.own_location and draft.modality != "asserted":
            draft.location = None  # what did not happen (yet) is nowhere unless its own sentence says where
        if draft.own_location and draft.location is not None and draft.type in PER_PLACE:
            draft.more_places = [
                p
                for p in place_list(doc, draft.location, places)[1:]
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
