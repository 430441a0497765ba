"""Event triggers: the Urdu words that express each PLOVER type and mode, found in a sentence.

The lexicon (``triggers.tsv``, ``verbs.tsv``, ``event_words.tsv``) pairs a noun or verb with its
light verbs in any inflection (حملہ کیا / کئے / کر دیا / کریں گے); small words may stand between;
some patterns stand alone (a headline "بم دھماکہ"); context conditions veto readings; the longest
pattern wins. :func:`match_sentence` returns the :class:`Match` es of one sentence; the event stage
(:mod:`waqia.stages.events`) builds events from them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from waqia.lang import load_table
from waqia.stages._wordclasses import AUX as _AUX
from waqia.stages._wordclasses import COPULA as _COPULA
from waqia.stages._wordclasses import GENITIVE as _GENITIVE
from waqia.stages._wordclasses import NP_STOP as _NP_STOP
from waqia.stages._wordclasses import ONGOING as _ONGOING
from waqia.stages._wordclasses import PASSIVE as _PASSIVE
from waqia.stages._wordclasses import PUNCT as _PUNCT
from waqia.stages._wordclasses import wordset as _words
from waqia.stages.claims import VerbLexicon, not_an_act, verb_lexicon
from waqia.stages.normalize import normalize_spelling

Matcher = tuple[str, bool]  # (word, is a prefix)
Phrase = tuple[Matcher, ...]


def _n(text: str) -> str:
    return normalize_spelling(text)


# Words a verb group may skip between a noun and its light verb.
_GAP = _words("بھی نہیں نہ ہی تو بھی")
_ONGOING_VERBS = frozenset({_n("ہونا"), _n("رہنا"), _n("رکھنا")})
_FOR = _words("لئے لیے خاطر")
_AND = _n("اور")
_COMPOUND_POSTPOSITION = _words("لئے لیے خلاف حق طرف جانب بارے دوران ساتھ")
# Forms of light verbs that are far more often something else: a genitive (کی), "for" (لئے), a
# progressive (رہا). They count as verbs only where a clause ends after them.
_CONJUNCTIVE = (_n("کر"), _n("کے"))
_AMBIGUOUS_FORMS = _words("کی لئے لیے لی دی رہا رہی رہے جا دو پا بنا لگا آ کر")
_CLAUSE_END = _PUNCT | _words(
    "ہے ہیں تھا تھی تھے گیا گئی گئے گئیں جا جائے جائیں گا گی گے اور جبکہ کہ جس جو تاہم ہوئے جن"
)
_PERFECTIVE_ENDINGS = ("ا", "ی", "ے", "ئے", "یں")
_INTRANSITIVE = frozenset({_n("ہونا"), _n("جانا")})


# ------------------------------------------------------------------------------------------- tables


def noun_forms(word: str) -> frozenset[str]:
    """A noun and its plural/oblique forms: حملہ -> حملے حملوں; کارروائی -> کارروائیاں کارروائیوں."""
    forms = {word}
    if word.endswith(("ہ", "ا")):
        stem = word[:-1]
        forms |= {stem + "ے", stem + "وں"}
    elif word.endswith("ی"):
        forms |= {word + "اں", word + "وں"}
    else:
        forms |= {word + "وں", word + "یں", word + "ات"}
    return frozenset(forms)


@dataclass(frozen=True)
class Rule:
    type: str
    mode: str | None
    conf: float
    alone: bool
    verbs: tuple[tuple[tuple[str, ...], str], ...]  # (words before the lemma, lemma)
    verbal_pattern: bool
    prev_not: frozenset[str]
    next_not: frozenset[str]
    sent_not: tuple[Phrase, ...]
    sent_need: tuple[Phrase, ...]
    next_only: frozenset[str] | None = None
    near_not: frozenset[str] = frozenset()
    story_not: tuple[Phrase, ...] = ()


@dataclass(frozen=True)
class TriggerLexicon:
    index: dict[str, tuple[tuple[Rule, tuple[frozenset[str], ...]], ...]]  # first word -> candidates
    verbs: VerbLexicon
    classes: dict[str, tuple[Phrase, ...]]


def _phrase(text: str) -> Phrase:
    return tuple((w[:-1], True) if w.endswith("*") else (w, False) for w in _n(text).split())


@lru_cache(maxsize=4)
def trigger_lexicon(language: str = "ur") -> TriggerLexicon:
    verbs = verb_lexicon(language)
    classes: dict[str, list[Phrase]] = {}
    for cls, word in load_table(language, "event_words", ("class", "word")).rows:
        classes.setdefault(cls, []).append(_phrase(word))
    frozen_classes = {k: tuple(v) for k, v in classes.items()}

    def phrases(cell: str) -> tuple[Phrase, ...]:
        out: list[Phrase] = []
        for item in cell.split("|"):
            out.extend(frozen_classes.get(item[1:], ()) if item.startswith("@") else [_phrase(item)])
        return tuple(out)

    index: dict[str, list[tuple[Rule, tuple[frozenset[str], ...]]]] = {}
    columns = ("type", "mode", "pattern", "verbs", "alone", "conf", "context")
    for typ, mode, pattern, verb_cell, alone, conf, context in load_table(language, "triggers", columns).rows:
        cond: dict[str, str] = {}
        for item in context.split(";") if context != "-" else []:
            key, _, value = item.partition("=")
            cond[key.strip()] = value.strip()
        verb_specs = []
        for spec in verb_cell.split("|") if verb_cell != "-" else []:
            parts = [_n(p) for p in spec.lstrip("@").split()]
            verb_specs.append((tuple(parts[:-1]), parts[-1]))
        alternatives = [alt.split() for alt in pattern.split("|")]
        for words in alternatives:
            slots: list[frozenset[str]] = []
            for w in words:
                if w.startswith("@"):
                    slots.append(verbs.lemmas.get(_n(w[1:]), frozenset()))
                elif w.endswith("*"):
                    slots.append(noun_forms(_n(w[:-1])))
                else:
                    slots.append(frozenset({_n(w)}))
            rule = Rule(
                typ,
                None if mode == "-" else mode,
                float(conf),
                alone == "yes",
                tuple(verb_specs),
                any(w.startswith("@") for w in words),
                _words(cond.get("prev!", "").replace("|", " ")),
                _words(cond.get("next!", "").replace("|", " ")),
                phrases(cond["sent!"]) if "sent!" in cond else (),
                phrases(cond["sent"]) if "sent" in cond else (),
                frozenset(p[0][0] for p in phrases(cond["next"])) if "next" in cond else None,
                _words(cond.get("near!", "").replace("|", " ")),
                phrases(cond["story!"]) if "story!" in cond else (),
            )
            for first in slots[0]:
                index.setdefault(first, []).append((rule, tuple(slots)))
    return TriggerLexicon({k: tuple(v) for k, v in index.items()}, verbs, frozen_classes)


def has_phrase(words: Sequence[str], phrases: Sequence[Phrase]) -> bool:
    """Whether any of ``phrases`` occurs in ``words`` (a matcher with a prefix flag matches a prefix)."""
    return any(
        all((words[i + k].startswith(w) if pre else words[i + k] == w) for k, (w, pre) in enumerate(p))
        for p in phrases
        for i in range(len(words) - len(p) + 1)
    )


# ----------------------------------------------------------------------------------------- matching


@dataclass
class Match:
    """A trigger in a sentence: token ranges are sentence-relative."""

    rule: Rule
    start: int
    pattern_end: int
    verb_start: int
    verb_end: int  # end of the verb group (light verb, vectors, auxiliaries)
    verbal: bool
    passive: bool


def _verb_ok(words: Sequence[str], j: int) -> bool:
    """An ambiguous form (کی: genitive or "did") is a verb only where a clause ends after it."""
    nxt = words[j + 1] if j + 1 < len(words) else "۔"
    if nxt in _FOR:
        return False  # "کی لئے" is the postposition کیلئے
    return (
        words[j] not in _AMBIGUOUS_FORMS
        or nxt in _CLAUSE_END
        or nxt in verb_lexicon().form_lemmas
        or (words[j] == _CONJUNCTIVE[0] and nxt == _CONJUNCTIVE[1])  # "مقدمہ درج کر کے": having done it
    )


def _verb_group(words: Sequence[str], j: int, verbs: VerbLexicon) -> tuple[int, bool]:
    """The end of the verb group that starts at ``j`` and whether it is passive."""
    end, passive = j + 1, False
    while end < len(words) and end - j < 7:
        w = words[end]
        prev_lemmas = verbs.form_lemmas.get(words[end - 1], frozenset())
        if w in _PASSIVE and words[end - 1].endswith(_PERFECTIVE_ENDINGS) and prev_lemmas - _INTRANSITIVE:
            passive = True  # "کیا گیا", "کر دیا گیا", "نشانہ بنایا گیا"
        for_next = end + 1 < len(words) and words[end + 1] in _FOR  # "کرنے کی لئے": "for doing"
        if (w in verbs.form_lemmas or w in _AUX) and not (w in _AMBIGUOUS_FORMS and for_next):
            end += 1
            continue
        break
    return end, passive


def _find_verb(
    words: Sequence[str], end: int, rule: Rule, verbs: VerbLexicon
) -> tuple[int, int, bool] | None:
    j = end
    while j < len(words) and j - end < 2 and words[j] in _GAP:
        j += 1
    if j + 2 < len(words) and words[j] == _AND and words[j + 1] not in _NP_STOP:
        j += 2  # "دھمکی اور موقع دیا": two objects of one light verb
    if (
        j < len(words) - 1
        and words[j] == _ONGOING
        and (words[j + 1] in _COPULA or verbs.form_lemmas.get(words[j + 1], frozenset()) & _ONGOING_VERBS)
    ):
        copula = words[j + 1] in _COPULA
        group_end, _passive = (j + 2, False) if copula else _verb_group(words, j + 1, verbs)
        return j, group_end, False
    for before, lemma in rule.verbs:
        k = j + len(before)
        if k >= len(words) or tuple(words[j:k]) != before:
            continue
        if words[k] in verbs.lemmas.get(lemma, ()) and _verb_ok(words, k):
            group_end, passive = _verb_group(words, k, verbs)
            return j, group_end, passive
    return None


def match_sentence(
    words: Sequence[str], lex: TriggerLexicon | None = None, story: Sequence[str] = ()
) -> list[Match]:
    """Every trigger in a sentence's words, overlaps resolved (longest, then most reliable, first)."""
    lex = lex or trigger_lexicon()
    verbs = lex.verbs
    found: list[Match] = []
    for i, w in enumerate(words):
        for rule, slots in lex.index.get(w, ()):
            n = len(slots)
            if i + n > len(words) or not all(words[i + k] in slots[k] for k in range(n)):
                continue
            end = i + n
            prev = words[i - 1] if i > 0 else ""
            if prev in rule.prev_not or (end < len(words) and words[end] in rule.next_not):
                continue
            if rule.near_not and (
                prev in rule.near_not
                or (i > 1 and words[i - 2] in rule.near_not and prev not in _COMPOUND_POSTPOSITION)
            ):
                continue
            if (
                rule.next_only is not None
                and end < len(words)
                and words[end] not in rule.next_only
                and words[end] not in verbs.form_lemmas
            ):
                continue
            if (
                w in verbs.form_lemmas
                and not rule.verbal_pattern
                and (prev in verbs.form_lemmas or prev in verbs.stems)
            ):
                continue  # "کر رہا ہے": رہا is the progressive here, not "released"
            verb = _find_verb(words, end, rule, verbs)
            if verb is not None:
                m = Match(rule, i, end, verb[0], verb[1], True, verb[2])
            elif rule.verbal_pattern:
                group_end, passive = _verb_group(words, end - 1, verbs)
                m = Match(rule, i, end, end - 1, group_end, True, passive)
            elif rule.alone and not (
                end < len(words)
                and words[end] in verbs.form_lemmas
                and words[end] not in _AMBIGUOUS_FORMS
                and words[end] not in _GENITIVE
            ):
                m = Match(rule, i, end, end, end, False, False)
            else:
                continue
            if rule.sent_not and has_phrase(words, rule.sent_not):
                continue
            if rule.story_not and has_phrase(story, rule.story_not):
                continue  # "گیس دھماکہ" in the headline: every explosion of the story is that accident
            group = words[m.verb_start : m.verb_end] if m.verbal else []
            if not_an_act(words, m.start, m.verb_end if m.verbal else m.pattern_end, group, rule.type):
                continue
            if rule.sent_need and not has_phrase(words, rule.sent_need):
                continue
            found.append(m)
    found.sort(key=lambda m: (-(m.pattern_end - m.start), -m.verbal, -m.rule.conf, m.start))
    kept: list[Match] = []
    for m in found:
        if any(m.start < k.pattern_end and k.start < m.pattern_end for k in kept):
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)
