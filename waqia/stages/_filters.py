"""Which trigger matches of a sentence tell an event: charges, purposes, participles, examples of a kind,
generic plurals, orders of acts, convened meetings, and pledges."""

from __future__ import annotations

from collections.abc import Sequence

from waqia.stages._draft import IN, Draft
from waqia.stages._wordclasses import AUX as _AUX
from waqia.stages._wordclasses import COPULA as _COPULA
from waqia.stages._wordclasses import GENITIVE as _GENITIVE
from waqia.stages._wordclasses import HARD_BOUNDARY as _HARD_BOUNDARY
from waqia.stages._wordclasses import NP_STOP as _NP_STOP
from waqia.stages._wordclasses import wordset as _words
from waqia.stages.claims import (
    VerbLexicon,
    future_at,
    pledge_clauses,
)
from waqia.stages.counts import is_number_word, number_tables
from waqia.stages.normalize import normalize_spelling
from waqia.stages.triggers import Match, Rule

_PLEDGE_TYPES = frozenset({"AID", "SUPPORT", "COOPERATE", "CONCEDE", "AGREE"})
_PLEDGE_RULE = Rule("AGREE", None, 0.5, True, (), True, frozenset(), frozenset(), (), ())
REQUEST_RULE = Rule("REQUEST", None, 0.6, True, (), True, frozenset(), frozenset(), (), ())


def pledge_matches(
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


def is_charged(words: Sequence[str], m: Match) -> bool:
    """ "سرکاری املاک پر حملہ، ... کے الزام میں گرفتار": the act is what someone is charged with, not
    an event the text reports (the arrest is)."""
    for k in range(m.pattern_end, min(len(words) - 1, m.pattern_end + 12)):
        if words[k] in _HARD_BOUNDARY:
            return False
        if words[k] in _CHARGE and words[k + 1] == IN and words[k - 1] in _GENITIVE:
            return True
    return False


_PLURAL_OBLIQUE = "وں"
# nouns for one incident: "X میں" before a verb of the same kind points back to it
INCIDENTS = _words("حملہ حملے واقعہ واقعے دھماکہ دھماکے")


def generic_plural(words: Sequence[str], d: Draft) -> bool:
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
        if is_number_word(word, numbers):
            return False
        if word in _NP_STOP:
            break
    return True


_END = _words("ختم")


def is_ended(words: Sequence[str], m: Match) -> bool:
    """ "دھرنا ختم کرنے کا فیصلہ"، "پابندیاں ختم کر دے گا": the text tells that an act or a measure ends,
    not that one is held or imposed."""
    return not m.verbal and m.pattern_end < len(words) and words[m.pattern_end] in _END


_DURING = tuple(normalize_spelling("کے دوران").split())


def is_circumstance(words: Sequence[str], m: Match, matches: Sequence[Match]) -> bool:
    """ "افغان فورسز نے خصوصی آپریشن کے دوران دس شدت پسندوں کو گرفتار کر لیا": an operation named only
    as the time of an act that its sentence then tells with a verb is that act's setting, not a
    second event."""
    if m.verbal or tuple(words[m.pattern_end : m.pattern_end + 2]) != _DURING:
        return False
    return any(o.verbal and o.start > m.pattern_end for o in matches)


_SUCH_AS = _words("جیسے جیسی جیسا")


def example_of_kind(words: Sequence[str], m: Match) -> bool:
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


def is_participle(words: Sequence[str], m: Match) -> bool:
    """ "حملہ کرنے والے", "برآمد ہونے والا اسلحہ": a verb made into a noun or an adjective names the
    doers or the thing, not an act the sentence tells; "حملہ کرنے والا ہے" (is about to) still does."""
    if not m.verbal or m.verb_end < 1 or words[m.verb_end - 1] not in _VALA:
        return False
    return m.verb_end >= len(words) or words[m.verb_end] not in _COPULA


_CONVENE = _words("طلب")


def convened_meetings(words: Sequence[str], matches: list[Match]) -> list[Match]:
    """ "کابینہ کا اجلاس کل طلب کر لیا": summoning a meeting is the meeting (CONSULT, from the
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


def orders_of_acts(words: Sequence[str], matches: list[Match]) -> list[Match]:
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
