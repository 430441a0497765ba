"""Rules over the drafts of a whole document: dropped and implied subjects, pronoun antecedents, one event
per listed place, crowds that protest by demanding."""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from waqia.document import Document
from waqia.record import Actor
from waqia.stages._draft import PRONOUNS, Draft, SortedActors
from waqia.stages._wordclasses import wordset as _words
from waqia.stages.counts import count_at, is_number_word, number_tables
from waqia.stages.normalize import normalize_spelling as _n

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


def ergative_subjects(doc: Document, index: SortedActors) -> list[Actor]:
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
        if _n(a.text or "") in PRONOUNS:
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


_STATEMENTS = frozenset({"ACCUSE", "SUPPORT", "REQUEST", "REJECT"})
_PRESENT = _words("ہوں ہیں ہے")


def _first_person_singular(verb: frozenset[str]) -> bool:
    """ "مبارکباد دیتا ہوں": only the speaker of a quotation says "I", however long the quotation."""
    return _n("ہوں") in verb and any(w.endswith(("تا", "تی")) for w in verb)


def _said_now(d: Draft, verb: frozenset[str]) -> bool:
    """ "مبارکباد دیتا ہوں"، "کردار کو سراہتے ہیں": a statement act in the present, done by the speaker."""
    return (
        d.type in _STATEMENTS and bool(verb & _PRESENT) and any(w.endswith(("تا", "تی", "تے")) for w in verb)
    )


def dropped_subjects(doc: Document, drafts: Sequence[Draft], subjects: Sequence[Actor]) -> None:
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
        if d.actor1 is not None and d.own_actor and d.actor1.name and _n(d.actor1.text or "") not in PRONOUNS:
            if last is None or (d.actor1.start or 0) >= (last[1].start or 0):
                last = (d.sentence, d.actor1)
            continue
        verb = _verb_words(doc, d)
        if (
            d.actor1 is None
            and (d.modality == "reported_future" or d.type == "AGREE" or _said_now(d, verb))
            and d.match.verbal
            and not d.match.passive
            and not (verb & _BE)  # "رہا نہ ہو سکے": the subject of ہونا is the one it happens to
            and not (verb & _SAY)
            and not d.heading
            and last is not None
            and d.sentence - last[0] <= 1
        ):
            d.actor1 = last[1]
        elif d.actor1 is None and d.match.verbal and _first_person_singular(verb) and j:
            d.actor1 = subj[j - 1][1]  # the last main-clause subject, who speaks the quotation
        elif (
            d.actor1 is None
            and d.match.passive
            and d.modality in ("reported_future", "hypothetical")
            and d.claim is not None
            and d.claim.kind == "official"
            and not d.heading
            and j
            and d.sentence - subj[j - 1][0] == 1
        ):
            # "اوباما نے کہا ہے کہ … ۔ اگر ضرورت پڑی تو سفارتکاروں کو تحفظ فراہم کیا جائے گا": what
            # an official says will be done, the official's side will do
            d.actor1 = subj[j - 1][1]


# acts ACLED codes once per place: "X، Y، Z میں ... گرفتار کر لیا گیا" is three arrests
PER_PLACE = frozenset({"COERCE", "ASSAULT", "PROTEST", "MOBILIZE"})


def one_per_place(drafts: list[Draft]) -> list[Draft]:
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


def crowd_protests(drafts: Sequence[Draft]) -> list[Draft]:
    """ "برلن میں 15 ہزار افراد نے ... کا مطالبہ کیا": thousands demanding something together are a
    protest as well as a demand."""
    out: list[Draft] = []
    numbers = number_tables()
    for d in drafts:
        if d.type != "REQUEST" or d.actor1 is None or not d.actor1.text or d.modality != "asserted":
            continue
        words = [_n(w) for w in d.actor1.text.split()]
        counted = is_number_word(words[0], numbers)
        if counted and words[-1] in _CROWD and d.own_location:
            out.append(dataclasses.replace(d, type="PROTEST", mode=None, more_places=[]))
    return out


def head_count(doc: Document, actor: Actor) -> int | None:
    """The number an actor phrase counts ("10 شدت پسندوں" -> 10, "دس شدت پسندوں" -> 10)."""
    first = bisect_left([t.start for t in doc.tokens], actor.start or 0)
    tokens = [t for t in doc.tokens[first:] if t.end <= (actor.end or 0)]
    words = [t.norm for t in tokens]
    for i in range(len(words)):
        phrase = count_at(words, tokens, i)
        if phrase is not None:
            return phrase.best
    return None


def implicit_agents(drafts: Sequence[Draft], language: str) -> None:
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
