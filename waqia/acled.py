"""ACLED's coding conventions: the ACLED view of an event (spec §4) and where an event took place.

:func:`acled_view` gives ``{"event_type": …, "sub_event_type": …}`` or None. The view is filled for
asserted events only (what ACLED codes is what happened). Violence by firearms, blades, beatings or
abduction is a battle when both sides are organised and armed and violence against civilians when the
target is civilian; when the text does not say who the target is, no ACLED type is claimed. Sectors
are PLOVER sector codes of the event's actors.

:func:`event_location` follows ACLED's rule that an event's location is where it happened, not where
it was reported from: an act takes the place its own clause marks as a location ("X میں", "X پر",
"X کے علاقے"); a statement happens where its speaker is (the dateline), not in the places it talks
about; places inside actor phrases ("روس کے وزیر دفاع") are never locations.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from waqia.cluster import is_whole_country
from waqia.document import Document
from waqia.lang import load_table
from waqia.record import Actor, Event, Place, TextSpan
from waqia.stages._wordclasses import GENITIVE as _GENITIVE
from waqia.stages._wordclasses import town_parts
from waqia.stages.normalize import normalize_spelling
from waqia.stages.triggers import Phrase, has_phrase, trigger_lexicon

# Sides that count as organised armed actors for ACLED's Battles.
ARMED = frozenset({"MIL", "COP", "SPY", "REB", "UAF"})
# Targets that make an attack violence against civilians.
CIVILIAN = frozenset({"CVL", "JRN", "MED", "REL", "EDU", "BUS", "LAB", "REF", "PTY", "OPP", "SOC", "ELI"})
CEASEFIRE_WORDS = ("جنگ بندی", "فائر بندی", "سیز فائر", "جنگ بند", "امن معاہد", "امن معاہدہ")

_REMOTE = "Explosions/Remote violence"
_STRATEGIC = "Strategic developments"


def _sector(actor: Actor | None) -> str | None:
    return actor.sector if actor is not None else None


def _view(event_type: str, sub: str) -> dict[str, str]:
    return {"event_type": event_type, "sub_event_type": sub}


def acled_view(event: Event, *, grenade: bool = False) -> dict[str, str] | None:
    """The ACLED event and sub-event type of ``event``, or None when ACLED would not code it."""
    if event.modality != "asserted":
        return None
    mode = event.mode
    if event.type == "ASSAULT":
        return _assault(event, mode, grenade)
    if event.type == "PROTEST":
        if mode == "riot":
            return _view("Riots", "Violent demonstration")
        return _view("Protests", "Peaceful protest")
    if event.type == "COERCE":
        return _view(_STRATEGIC, "Arrests") if mode == "arrest" else None
    if event.type == "MOBILIZE":
        if mode == "weapons":
            return _view(_STRATEGIC, "Headquarters or base established")
        return _view(_STRATEGIC, "Other")
    if event.type == "AGREE":
        text = event.trigger.text or ""
        armed = bool({_sector(event.actor1), _sector(event.actor2)} & {"REB", "UAF"})
        if any(w in text for w in CEASEFIRE_WORDS) or ("معاہد" in text and armed):
            return _view(_STRATEGIC, "Agreement")
    return None


def _assault(event: Event, mode: str | None, grenade: bool) -> dict[str, str] | None:
    if mode in ("aerial", "drone"):
        return _view(_REMOTE, "Air/drone strike")
    if mode == "heavy-weapons":
        return _view(_REMOTE, "Shelling/artillery/missile attack")
    if mode == "suicide-attack":
        return _view(_REMOTE, "Suicide bomb")
    if mode == "explosives":
        return _view(_REMOTE, "Grenade" if grenade else "Remote explosive/landmine/IED")
    a1, a2 = _sector(event.actor1), _sector(event.actor2)
    if mode == "destroy":
        if a1 in CIVILIAN:
            return _view("Riots", "Mob violence")
        return _view(_STRATEGIC, "Looting/property destruction")
    if a2 in CIVILIAN:
        if mode == "abduct":
            return _view("Violence against civilians", "Abduction/forced disappearance")
        return _view("Violence against civilians", "Attack")
    if a1 in ARMED and a2 in ARMED:
        return _view("Battles", "Armed clash")
    return None


# --------------------------------------------------------------------------------------------- mode


@lru_cache(maxsize=4)
def mode_cues(language: str = "ur") -> tuple[tuple[tuple[str, ...], str, bool], ...]:
    """``mode_cues.tsv``: instrument words, the PLOVER mode they give, and whether they are a grenade."""
    table = load_table(language, "mode_cues", ("cue", "mode", "grenade"))
    return tuple((tuple(normalize_spelling(c).split()), m, g == "yes") for c, m, g in table.rows)


def assault_mode(words: Sequence[str], trigger: int, mode: str | None) -> tuple[str | None, bool]:
    """The mode of an ASSAULT from the instrument nearest its trigger ("دستی بم" explosives and a
    grenade, "چاقو" primitive), when the trigger itself does not give one; and the grenade flag."""
    best: tuple[int, str, bool] | None = None
    for cue, cue_mode, grenade in mode_cues():
        for i in range(len(words) - len(cue) + 1):
            if tuple(words[i : i + len(cue)]) == cue and (best is None or abs(i - trigger) < best[0]):
                best = (abs(i - trigger), cue_mode, grenade)
    if best is None:
        return mode, False
    if mode is None or (mode == "explosives" and best[1] == "explosives"):
        return best[1], best[2]
    return mode, False


# ----------------------------------------------------------------------------------------- location

# Statements happen where the speaker is; their sentences name the places they are about.
STATEMENT_TYPES = frozenset(
    {"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "AGREE", "THREATEN", "SANCTION", "COOPERATE"}
)


def _wordset(text: str) -> frozenset[str]:
    return frozenset(normalize_spelling(w) for w in text.split())


_LOCATIVE_END = _wordset("میں پر مین علاقے علاقہ قریب نزدیک مقام")
# A locative reading ends at a case marker, a clause boundary or a verb.
_LOCATIVE_STOP = _wordset(
    "۔ ، ؛ : ؟ ! ( ) کہ جبکہ تاہم لیکن جس جن جو نے کو سے تک اور "
    "ہے ہیں تھا تھی تھے گیا گئی گئے کیا کئے کیے ہوا "
    "ہوئے ہو ہوگیا ہوگئے متاثر جاری"
)
_VISIT = _wordset("دورہ دورے")
_FROM = _wordset("سے")
_LIST_JOINERS = _wordset("، , اور")
_BORDER = _wordset("سرحد سرحدوں بارڈر سرحدی")
_NAMED_HOUSE = _wordset("ہاؤس ہائوس ہاوس")
_DURING = _wordset("دوران")
# where a release, a withdrawal or a consignment sets out from is where it happens
_ORIGIN_TYPES = frozenset({"AID", "RETREAT", "CONCEDE"})
_LOCAL_AUTHORITIES = frozenset({"COP", "JUD"})
_WHERE = _wordset("جہاں")
_OF = _wordset("کا کے")
_AREAS = _wordset("علاقوں علاقے علاقہ حصوں مقامات اضلاع دیہات دیہاتوں شہروں")
_SAY = normalize_spelling("کہ")
_WHILE = _wordset("ہوئے")
_THERE = _wordset("وہاں")
# "دورے کے بارے میں بریفنگ", "دورہ چین کے حوالے سے": what is told about a visit happened on it
_ABOUT = _wordset("بارے حوالے")
_OPERATION = _wordset("آپریشن")
_IN = _wordset("میں")
# the acts of an armed operation happen in its theatre, not where it is briefed or reported
_THEATRE_TYPES = frozenset({"ASSAULT", "COERCE"})
_THEATRE_GAP = _wordset("۔ ، ؛ : ؟ ! کہ جبکہ نے کو سے تک اور ہے ہیں تھا تھی تھے")


def _token_at(doc: Document, offset: int) -> int:
    """Index of the first token that starts at or after raw ``offset``."""
    lo, hi = 0, len(doc.tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc.tokens[mid].start < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def is_locative(doc: Document, p: Place, *, origin: bool = False) -> bool:
    """ "X میں", "X پر", "X کے علاقے Y", "X کے جنوبی مراکز پر": the text puts something in X.
    With ``origin``, "X سے" ("لاہور گیریژن سے", "جیل سے رہا") counts too: where a sending, a
    release or a withdrawal starts is where it happens."""
    i = _token_at(doc, p.end or 0)
    if i < len(doc.tokens) and doc.tokens[i].norm in _BORDER:
        return False  # "پاک ایران سرحد پر": on the border, not in Iran
    if i < len(doc.tokens) and doc.tokens[i].norm in _NAMED_HOUSE:
        return False  # "پنجاب ہاؤس میں": the province's house in the capital, not in the province
    genitive = False
    for k in range(i, min(i + (6 if origin else 5), len(doc.tokens))):
        w = doc.tokens[k].norm
        if w in _LOCATIVE_END and k < i + 5:
            return True
        if origin and w in _FROM:
            # "تھرپارکر کے خشک سالی سے متاثرہ": after a genitive the سے is the next noun's, and
            # only a site inside the place ("لاہور گیریژن کے ریلیف کیمپ سے") sets out from it
            return not genitive or (k > i and doc.tokens[k - 1].norm in town_parts())
        genitive = genitive or w in _GENITIVE
        if w in _LOCATIVE_STOP:
            return False
    return False


def place_list(doc: Document, chosen: Place, places: Sequence[Place]) -> list[Place]:
    """The places listed together with ``chosen``, in text order ("دلے والا، سرائے عالمگیر، کھاریاں میں"):
    neighbours joined only by commas or "اور"; just ``chosen`` when it stands alone."""
    ordered = sorted((p for p in places if p.start is not None), key=lambda p: p.start or 0)

    def joined(a: Place, b: Place) -> bool:
        if (
            a.country is not None
            and is_whole_country(a)
            and b.country == a.country
            and not is_whole_country(b)
        ):
            return False  # "نائیجیریا، بورنو شہر پر حملہ": the country, then the town in it
        gap = normalize_spelling(doc.raw[a.end or 0 : b.start or 0]).split()
        return bool(gap) and all(w in _LIST_JOINERS for w in gap)

    before = [p for p in ordered if (p.end or 0) <= (chosen.start or 0)]
    after = [p for p in ordered if (p.start or 0) >= (chosen.end or 0)]
    out = [chosen]
    while before and joined(before[-1], out[0]):
        out.insert(0, before.pop())
    for q in after:
        if not joined(out[-1], q):
            break
        out.append(q)
    return out


def _first_of_list(doc: Document, chosen: Place, places: Sequence[Place]) -> Place:
    """ "دلے والا، سرائے عالمگیر، کھاریاں میں": the locative ends a list; the first named stands for it."""
    return place_list(doc, chosen, places)[0]


def _agent_place(doc: Document, agent: Actor | None, candidates: Sequence[Place]) -> Place | None:
    """ "الہ آباد پولیس نے", "لاہور کی مقامی عدالت نے": a local authority acts where it sits."""
    if agent is None or agent.sector not in _LOCAL_AUTHORITIES or agent.start is None:
        return None
    for p in candidates:
        if p.start is None or p.end is None:
            continue
        if agent.start <= p.start and p.end <= (agent.end or 0):
            return p
        between = normalize_spelling(doc.raw[p.end : agent.start]).split()
        if p.end <= agent.start and (not between or (between[0] in _OF and len(between) <= 3)):
            return p
    return None


def _visit_place(doc: Document, places: Sequence[Place]) -> Place | None:
    """The place the story's visit goes to ("دورہ چین", "شام کا دورہ"), for "دورے کے دوران"."""
    for token in doc.tokens:
        if token.norm in _VISIT:
            found = _visited(doc, TextSpan(doc.raw[token.start : token.end], token.start, token.end), places)
            if found is not None:
                return found
    return None


def main_country(places: Sequence[Place]) -> str | None:
    """The country most of the document's places lie in."""
    counts: dict[str, int] = {}
    for p in places:
        if p.country:
            counts[p.country] = counts.get(p.country, 0) + 1
    return max(sorted(counts), key=lambda c: counts[c]) if counts else None


def _visited(doc: Document, trigger: TextSpan, places: Sequence[Place]) -> Place | None:
    """ "دورہ چین", "شام کا دورہ": the place a visit goes to is where it happens."""
    if trigger.start is None or not any(w in _VISIT for w in normalize_spelling(trigger.text or "").split()):
        return None
    start, end = trigger.start, trigger.end or trigger.start
    for p in places:
        if p.start is None or p.end is None:
            continue
        if p.start >= end and not doc.raw[end : p.start].split():
            return p
        if p.end <= start and normalize_spelling(doc.raw[p.end : start].strip()) in _OF:
            return p
        if p.end <= start and _areas_of(normalize_spelling(doc.raw[p.end : start]).split()):
            return p  # "ضلع جھنگ کے سیلاب زدہ علاقوں کا دورہ": a visit to X's areas is a visit to X
    return None


def _areas_of(gap: Sequence[str]) -> bool:
    """ "کے سیلاب زدہ علاقوں کا": a genitive, at most two words more, a noun for parts of a place and
    the genitive that joins it to "دورہ"."""
    return (
        2 < len(gap) <= 5
        and gap[0] in _GENITIVE
        and gap[-1] in _GENITIVE
        and gap[-2] in _AREAS
        and not any(w in _GENITIVE for w in gap[1:-1])
    )


def _speaker_visit(doc: Document, places: Sequence[Place], line_sentence: int) -> Place | None:
    """The place the speaker of the story is visiting, when its lead frames the speech with the visit
    ("X کے دورہ ... کے موقع پر خطاب کرتے ہوئے وزیراعظم نے کہا کہ"): the speech was made there, not
    at the dateline. A visit told inside what is said ("... نے کہا کہ وزیراعظم کے دورہ چین کے
    دوران") is not where the speaker is."""
    if line_sentence < 0:
        return None
    for sentence in doc.sentences[line_sentence : line_sentence + 2]:
        if sentence.is_heading:
            continue
        words = doc.sentence_tokens(sentence)
        say = next((i for i, t in enumerate(words) if t.norm.startswith(_SAY)), len(words))
        for i, token in enumerate(words[:say]):
            # the speech is made on the visit: "دورہ ... خطاب کرتے ہوئے ... نے کہا", not "دورہ
            # بھارت سے دستبردار" or "دورہ پاکستان کی دعوت دی"
            if token.norm in _VISIT and any(t.norm in _WHILE for t in words[i + 1 : say]):
                span = TextSpan(doc.raw[token.start : token.end], token.start, token.end)
                found = _visited(doc, span, places)
                if found is not None:
                    return found
    return None


def _about_visit(sentence_tokens: Sequence[str]) -> bool:
    """ "وزیراعظم کے دورہ کے بارے میں بریفنگ": the sentence tells what happened on the visit."""
    return any(
        w in _VISIT and any(x in _ABOUT for x in sentence_tokens[i + 1 : i + 4])
        for i, w in enumerate(sentence_tokens)
    )


def theatre(doc: Document, places: Sequence[Place]) -> Place | None:
    """Where the document's armed operation is fought ("شمالی وزیرستان میں جاری ’’ضرب عضب‘‘
    آپریشن", "خیبر ایجنسی میں سیکیورٹی فورسز کا آپریشن"): a place marked "میں" at most six words
    before "آپریشن", in a sentence that speaks of armed forces or armed groups (not a surgeon's
    operation in a hospital)."""
    military = _word_class("military")
    for sentence in doc.sentences:
        words = [t.norm for t in doc.sentence_tokens(sentence)]
        if not any(w in _OPERATION for w in words) or not has_phrase(words, military):
            continue
        for p in places:
            if p.start is None or not sentence.start <= p.start < sentence.end:
                continue
            i = _token_at(doc, p.end or 0)
            gap = [t.norm for t in doc.tokens[i : i + 8]]
            if not gap or gap[0] not in _IN:
                continue
            for k, w in enumerate(gap[1:], 1):
                if w in _OPERATION:
                    return p
                if w in _THEATRE_GAP or k >= 7:
                    break
    return None


@lru_cache(maxsize=8)
def _word_class(name: str, language: str = "ur") -> tuple[Phrase, ...]:
    """The phrases of a word class of ``event_words.tsv`` ("military", "incident", "background")."""
    return trigger_lexicon(language).classes.get(name, ())


_HAPPENED = _wordset("پیش")
_CAME = _wordset("آیا آئی آئے")


def incident_place(doc: Document, k: int, places: Sequence[Place]) -> Place | None:
    """ "یہ واقعہ ضلع X میں پیش آیا": the place a sentence gives to the incident told before it."""
    sentence = doc.sentences[k]
    tokens = doc.sentence_tokens(sentence)
    words = [t.norm for t in tokens]
    occurred = next(
        (i for i in range(1, len(words) - 1) if words[i] in _HAPPENED and words[i + 1] in _CAME), None
    )
    if occurred is None:
        return None
    nouns = [i for i in range(occurred) if has_phrase(words[i : i + 1], _word_class("incident"))]
    if not nouns:
        return None
    lo, hi = tokens[nouns[-1]].end, tokens[occurred].start
    inside = [p for p in places if p.start is not None and lo <= p.start < hi and is_locative(doc, p)]
    return inside[-1] if inside else None


def _country_mention(places: Sequence[Place], country: str | None) -> Place | None:
    """The first mention of ``country`` itself (not a town in it)."""
    return next(
        (p for p in places if country is not None and p.country == country and is_whole_country(p)), None
    )


_ADDRESS = _wordset("خطاب")
_OCCASION = tuple(normalize_spelling(w) for w in ("اس", "موقع"))


def _speech_scene(doc: Document, places: Sequence[Place], k: int) -> Place | None:
    """Where a speech told in sentence ``k`` or the two before it was made, when the text says so:
    "X میں ... سے خطاب کرتے ہوئے کہا", or "اس موقع پر ... خطاب کرتے ہوئے کہا" after an event told at X
    ("بنوں میں ... کیمپ کا دورہ کیا"). A new paragraph ends the speech."""
    for j in range(k, max(-1, k - 3), -1):
        sentence = doc.sentences[j]
        if j < k and "\n" in doc.raw[sentence.end : doc.sentences[j + 1].start]:
            return None
        tokens = doc.sentence_tokens(sentence)
        words = [t.norm for t in tokens]
        say = next((i for i, w in enumerate(words) if w.startswith(_SAY)), None)
        address = next((i for i, w in enumerate(words[:say]) if w in _ADDRESS), None)
        if say is None or address is None or not any(w in _WHILE for w in words[address:say]):
            continue
        end = tokens[say].start
        framed = [p for p in places if sentence.start <= (p.start or -1) < end and is_locative(doc, p)]
        if framed:
            return framed[-1]
        if not any(tuple(words[i : i + 2]) == _OCCASION for i in range(address)):
            return None
        # "اس موقع پر": the occasion is the event told just before, at most three sentences back
        lo = doc.sentences[max(0, j - 3)].start
        told = [
            p
            for p in places
            if lo <= (p.start or -1) < sentence.start and p.country is not None and is_locative(doc, p)
        ]
        return told[-1] if told else None
    return None


def _within(p: Place, whole: Place) -> bool:
    """Whether ``p`` lies in ``whole``, a country or a province (by country and admin1 alone)."""
    if p.country is None or p.country != whole.country or (whole.geo_precision or 3) < 3:
        return False
    return whole.admin1 is None or whole.admin1 == p.admin1


def _there(doc: Document, places: Sequence[Place], clause: tuple[int, int], k: int) -> Place | None:
    """ "دو ہزار فوجی بدستور وہاں تعینات رہیں گے": "there" is the place named last before it, in its
    sentence or the one before."""
    lo, hi = _token_at(doc, clause[0]), _token_at(doc, clause[1])
    word = next((t for t in doc.tokens[lo:hi] if t.norm in _THERE), None)
    if word is None:
        return None
    window = doc.sentences[max(0, k - 1)].start
    before = [
        p
        for p in places
        if p.start is not None and p.country is not None and window <= p.start and (p.end or 0) <= word.start
    ]
    return before[-1] if before else None


def event_location(
    doc: Document,
    places: Sequence[Place],
    k: int,
    clause: tuple[int, int],
    trigger: TextSpan,
    typ: str,
    taken: Sequence[tuple[int, int]],
    dateline: tuple[int, int],
    agent: Actor | None = None,
    theatre_place: Place | None = None,
) -> tuple[Place | None, bool]:
    """Where the event of sentence ``k`` happened, and whether its own sentence says so.

    ``clause`` is the raw span of the trigger's clause, ``taken`` the raw spans of its actor phrases,
    ``dateline`` (sentence index, token index after the dateline) from
    :func:`~waqia.stages.dates.dateline_end`, ``agent`` the event's actor1, ``theatre_place`` the
    document's :func:`theatre` (found once per document). In order: a sentence
    "during the visit", or an act a briefing "about the visit" tells, takes the place the story's
    visit went to; a statement takes the place its clause marks as a location, else (in a headline)
    one the headline marks, else the dateline's first place; an act takes the place its clause
    marks as a location (for a release, a withdrawal or aid, also the place it sets out from), or
    the place a visit goes to; else the seat of a local
    authority acting in the clause ("ملتان پولیس نے"); else, for an attack or a seizure, the
    theatre of the armed operation the document tells of (:func:`theatre`); else a location its
    sentence marks; a clause that opens with "جہاں" takes the place just before it; else one
    marked in the two sentences before, in the document's main country; else the one the lead
    marks; else the dateline's, but the story's history ("واضح رہے کہ ...") takes only the
    dateline's country. A locative that ends a list of places stands for the first of them. A
    place the sentence names without putting the act there is no location."""
    line_sentence, line_end = dateline
    line_end_raw = doc.tokens[line_end - 1].end if line_end else -1
    line_start_raw = doc.sentences[line_sentence].start if line_sentence >= 0 else -1
    line = [p for p in places if p.start is not None and line_start_raw <= p.start < line_end_raw][:1]
    sentence = doc.sentences[k]
    sentence_words = [t.norm for t in doc.sentence_tokens(sentence)]
    words = set(sentence_words)
    # "دورے کے دوران": where the visit went. So is what a briefing "about the visit" tells ("دورہ
    # کے بارے میں بریفنگ دیتے ہوئے انہوں نے کہا کہ ... معاہدوں پر دستخط کئے گئے"), but not the
    # briefing itself, nor a meeting held about a visit to come
    on_trip = words & _DURING and words & _VISIT
    if on_trip or (
        _about_visit(sentence_words)
        and _SAY in sentence_words[: _token_at(doc, trigger.start or 0) - _token_at(doc, sentence.start)]
    ):
        trip = _visit_place(doc, places)
        if trip is not None:
            return trip, False

    def free(p: Place) -> bool:
        return not any(a < (p.end or 0) and (p.start or 0) < b for a, b in taken)

    in_sentence = [
        p
        for p in places
        if p.start is not None
        and sentence.start <= p.start < sentence.end
        and free(p)
        and not (k == line_sentence and p.start < line_end_raw)
    ]
    trig = trigger.start or 0

    def score(p: Place) -> float:
        near = normalize_spelling("قریب") in [t.norm for t in doc.tokens[_token_at(doc, p.end or 0) :][:3]]
        # "تربت کے قریب مند میں": the town the text only measures from is not the place
        return {1: 1.0, 2: 0.6}.get(p.geo_precision or 3, 0.0) - abs((p.start or 0) - trig) / 400 - near

    origin = typ in _ORIGIN_TYPES
    locative = [p for p in in_sentence if is_locative(doc, p, origin=origin)]
    in_clause = [p for p in locative if clause[0] <= (p.start or 0) < clause[1]]
    if typ in STATEMENT_TYPES:
        # "برلن میں 15 ہزار افراد نے مطالبہ کیا": said where its clause puts the speakers, else where
        # the dateline says the story was filed
        if in_clause:
            return _first_of_list(doc, max(in_clause, key=score), places), True
        if sentence.is_heading and locative:
            # a headline's items share its places: "X کی وزارت خارجہ میں مشاورت، ... دستخط"
            return _first_of_list(doc, max(locative, key=score), places), True
        scene = _speech_scene(doc, places, k)
        if scene is not None:
            return scene, False
        trip = _speaker_visit(doc, places, line_sentence)
        if trip is not None and not (line and _within(line[0], trip)):
            return trip, False  # a dateline inside the visited country or province says more
        return (line[0] if line else None), False
    # the place visited may lie inside the phrase of what is visited ("ضلع قصور کے علاقوں کا دورہ")
    named = [p for p in places if p.start is not None and sentence.start <= p.start < sentence.end]
    visited = _visited(doc, trigger, named) if typ == "CONSULT" else None
    if visited is not None:
        return _first_of_list(doc, visited, places), True  # "ضلع سیالکوٹ اور نارووال کے علاقوں کا دورہ"
    if in_clause:
        return _first_of_list(doc, max(in_clause, key=score), places), True
    clause_places = [
        p
        for p in places
        if p.start is not None and clause[0] <= p.start < clause[1] and p.country is not None
    ]
    there = _there(doc, places, clause, k)
    if there is not None:
        return there, True
    seat = _agent_place(doc, agent, clause_places)
    if seat is not None:
        return seat, True
    if theatre_place is not None and typ in _THEATRE_TYPES:
        return theatre_place, False  # "... دہشتگردوں کو ہلاک کیا جا چکا ہے" in a briefing on the operation
    if locative:
        return _first_of_list(doc, max(locative, key=score), places), True
    before = [p for p in in_sentence if (p.end or 0) <= clause[0]]
    # the clause opens with "جہاں", or starts right after it (a clause boundary)
    first = _token_at(doc, clause[0])
    opener = {doc.tokens[i].norm for i in (first - 1, first) if 0 <= i < len(doc.tokens)}
    if before and opener & _WHERE:
        return before[-1], True  # "... ملبورن سے ہوا، جہاں ... مظاہرہ کیا": where = the place just named
    main = main_country(places)
    window = max(doc.sentences[max(0, k - 2)].start, doc.raw.rfind("\n", 0, sentence.start) + 1)
    headings = [(s.start, s.end) for s in doc.sentences if s.is_heading]

    def fits(p: Place) -> bool:
        start = p.start or 0
        return (
            not any(a <= start < b for a, b in headings)
            and is_locative(doc, p)
            and (main is None or p.country == main)
        )

    earlier = [
        p
        for p in places
        if window <= (p.start or 0) < sentence.start and (p.start or 0) >= line_end_raw and fits(p)
    ]
    if earlier:
        return earlier[-1], False
    # the story goes on where its lead put it ("بلغاریہ میں ... سیلاب")
    lead = next((s for s in doc.sentences if not s.is_heading), None)
    story = [
        p
        for p in places
        if lead is not None
        and lead.start <= (p.start or 0) < lead.end
        and (p.start or 0) >= line_end_raw
        and fits(p)
    ]
    if story and lead is not None and lead.start < sentence.start:
        return story[0], False
    if line and has_phrase(sentence_words, _word_class("background")):
        # "واضح رہے کہ ... فوج نے گزشتہ سال اقتدار پر قبضہ کرلیا تھا": the story's history is not where
        # the reporter files today's news from; only its country is known
        country = _country_mention(places, line[0].country)
        if country is not None:
            return country, False
    return (line[0] if line else None), False
