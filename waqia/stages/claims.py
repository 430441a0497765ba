"""What the text says about an act: who says so, how sure it is, and what kind of speech act it is.

Claims
    A reporting frame (``claim_cues.tsv``) with the noun phrase before it is a claim: "پولیس کے
    مطابق", "حکومت کے قریبی ذرائع کا کہنا ہے", "آئی ایس پی آر نے بتایا". The source words in the
    phrase decide the claim's ``kind`` (``ذرائع`` anonymous, ``پولیس`` official, ``ذرائع ابلاغ`` media,
    ``عینی شاہدین`` witness, a militant group party) and its ``by``; a named person or body the table
    does not know is an official speaking for itself, which is what news quotes most. A few frames
    stand alone ("بتایا گیا ہے": an official briefing). The event stage gives each event the claim of
    its own sentence.

Modality
    :func:`modality_of` reads the trigger's verb group and the words around it (``modality.tsv``):
    a future auxiliary or a joined future (کرینگے) is ``reported_future``; "کی دھمکی" after the trigger
    ``threatened``; "اگر", "ممکنہ", "سکتا" ``hypothetical``; "نہیں", "نہ", "کی تردید" ``negated``.
    Negation wins over threat, threat over hypothesis, hypothesis over future. Tense and aspect are
    read off the verb paradigms of ``verbs.tsv`` (:func:`verb_lexicon`).

Speech acts
    Some words report no act (:func:`not_an_act`: a purpose, a charge, a bare infinitive, a habit);
    a promise in the future tense is a pledge (:func:`pledge_clauses`); "X سے کہا کہ وہ ... کرے" is a
    request (:func:`directive_clauses`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from waqia.document import Document, Sentence, Token
from waqia.lang import load_table
from waqia.record import Claim
from waqia.stages._wordclasses import AUX as _AUX
from waqia.stages._wordclasses import COPULA as _COPULA
from waqia.stages._wordclasses import HARD_BOUNDARY as _HARD_BOUNDARY
from waqia.stages._wordclasses import wordset as _wordset
from waqia.stages.normalize import normalize_spelling

MODALITY_ORDER = ("negated", "threatened", "hypothetical", "reported_future")


# Words a source noun phrase never runs back over: clause openers, other case markers, punctuation.
_NP_STOP = frozenset(
    normalize_spelling(w)
    for w in [
        "۔",
        "،",
        "؛",
        ":",
        "(",
        ")",
        "‘",
        "’",
        '"',
        "'",
        "کہ",
        "اور",
        "جبکہ",
        "جب",
        "تاہم",
        "لیکن",
        "مگر",
        "جس",
        "جن",
        "جو",
        "نے",
        "کو",
        "میں",
        "پر",
        "سے",
        "تک",
        "ہے",
        "ہیں",
        "تھا",
        "تھی",
        "تھے",
        "گیا",
        "گئی",
        "گئے",
        "کیا",
        "کی",
        "کئے",
        "کیے",
        "ہوا",
        "ہوئے",
        "ہو",
        "بھی",
        "بعد",
        "دوران",
        "مزید",
    ]
)
_GENITIVE = frozenset(normalize_spelling(w) for w in ("کا", "کی", "کے"))
_NP_MAX = 6
_NOT_ONLY = (normalize_spelling("نہ"), normalize_spelling("صرف"))


@dataclass(frozen=True)
class ClaimTables:
    frames: dict[tuple[str, ...], str]  # cue words -> default kind ("-" = from the source)
    alone: dict[tuple[str, ...], tuple[str, str]]  # cue words -> (kind, by)
    sources: dict[tuple[str, ...], tuple[str, str]]  # source words -> (kind, by)
    longest: int


@lru_cache(maxsize=4)
def claim_tables(language: str = "ur") -> ClaimTables:
    table = load_table(language, "claim_cues", ("phrase", "role", "kind", "by"))
    frames: dict[tuple[str, ...], str] = {}
    alone: dict[tuple[str, ...], tuple[str, str]] = {}
    sources: dict[tuple[str, ...], tuple[str, str]] = {}
    for phrase, role, kind, by in table.rows:
        key = tuple(normalize_spelling(phrase).split())
        if role == "frame":
            frames.setdefault(key, kind)
        elif role == "alone":
            alone.setdefault(key, (kind, by))
        else:
            sources.setdefault(key, (kind, by))
    longest = max(len(k) for k in (*frames, *alone, *sources))
    return ClaimTables(frames, alone, sources, longest)


@dataclass(frozen=True)
class ClaimMention:
    """A claim found in a sentence: ``tok_start``..``tok_end`` (``doc.tokens`` indices) and the record."""

    tok_start: int
    tok_end: int
    claim: Claim
    source_start: int  # first token of the source phrase (== tok_start); the cue starts at cue_start
    cue_start: int


def source_phrase_start(words: Sequence[str], end: int, *, limit: int = _NP_MAX) -> int:
    """Where the noun phrase that ends just before ``end`` begins (genitive links included)."""
    i = end
    while i > 0 and end - i < limit:
        w = words[i - 1]
        if w in _NP_STOP:
            break
        i -= 1
    # a phrase never starts with a genitive marker
    while i < end and words[i] in _GENITIVE:
        i += 1
    return i


_KIND_RANK = {"party": 4, "witness": 3, "media": 2, "anonymous": 1, "official": 0}


def _source_kind(words: Sequence[str], t: ClaimTables) -> tuple[str, str] | None:
    """The kind and "by" of the most specific source words in the phrase: the longest match; between
    equals, a party, witness or medium over an official word ("طالبان کے ترجمان" is the Taliban's
    spokesman, not an official), then the last."""
    best: tuple[int, int, int, tuple[str, str]] | None = None
    for i in range(len(words)):
        for size in range(min(t.longest, len(words) - i), 0, -1):
            key = tuple(words[i : i + size])
            if key in t.sources:
                rank = (size, _KIND_RANK.get(t.sources[key][0], 0), i)
                if best is None or rank > best[:3]:
                    best = (*rank, t.sources[key])
                break
    return best[3] if best else None


def find_claims(doc: Document, sentence: Sentence) -> list[ClaimMention]:
    """Every claim of a sentence, in text order."""
    t = claim_tables()
    tokens = doc.sentence_tokens(sentence)
    words = [tok.norm for tok in tokens]
    out: list[ClaimMention] = []
    i = 0
    while i < len(words):
        hit = _frame_at(words, i, t)
        if hit is None:
            i += 1
            continue
        size, kind, by, standalone = hit
        end = i + size
        start = i if standalone else source_phrase_start(words, i)
        if not standalone and start == i:
            i += 1
            continue  # a frame without a source ("کے مطابق" after a number) is no claim
        source_words = words[start:i]
        found = _source_kind(source_words, t) if not standalone else None
        if found is not None:
            kind, by = (found[0] if kind == "-" else kind), found[1]  # "ذمہ داری قبول": a party's claim
        elif not standalone:
            kind = kind if kind != "-" else "official"
            by = "-"
        out.append(_mention(doc, tokens, sentence.token_start, start, end, i, kind, by))
        i = end
    return out


def _frame_at(words: Sequence[str], i: int, t: ClaimTables) -> tuple[int, str, str, bool] | None:
    for size in range(t.longest, 0, -1):
        key = tuple(words[i : i + size])
        if len(key) != size:
            continue
        if key in t.alone:
            kind, by = t.alone[key]
            return size, kind, by, True
        if key in t.frames:
            return size, t.frames[key], "-", False
    return None


def _mention(
    doc: Document, tokens: Sequence[Token], offset: int, start: int, end: int, cue: int, kind: str, by: str
) -> ClaimMention:
    first, last = tokens[start], tokens[end - 1]
    claim = Claim(
        text=doc.raw[first.start : last.end],
        start=first.start,
        end=last.end,
        by=None if by == "-" else by,
        kind=kind,
    )
    return ClaimMention(offset + start, offset + end, claim, offset + start, offset + cue)


# ----------------------------------------------------------------------------------- verb paradigms


@dataclass(frozen=True)
class VerbLexicon:
    lemmas: dict[str, frozenset[str]]  # lemma -> forms
    form_lemmas: dict[str, frozenset[str]]  # form -> lemmas
    stems: frozenset[str]


_C_ENDINGS = (
    "",
    "ا",
    "ی",
    "ے",
    "یں",
    "و",
    "تا",
    "تی",
    "تے",
    "نا",
    "نی",
    "نے",
    "ےگا",
    "ےگی",
    "یگا",
    "یگی",
    "ینگے",
)
_V_ENDINGS = (
    "",
    "یا",
    "ئی",
    "ئے",
    "ئیں",
    "یے",
    "ؤ",
    "تا",
    "تی",
    "تے",
    "نا",
    "نے",
    "نی",
    "ئےگا",
    "ئیگا",
    "ئیگی",
    "ئینگے",
    "ئےگی",
)


@lru_cache(maxsize=4)
def verb_lexicon(language: str = "ur") -> VerbLexicon:
    table = load_table(language, "verbs", ("lemma", "class", "forms", "role"))
    lemmas: dict[str, frozenset[str]] = {}
    stems: set[str] = set()
    for lemma, cls, forms, _role in table.rows:
        words = [normalize_spelling(f) for f in forms.split("|")]
        if cls == "x":
            lemmas[normalize_spelling(lemma)] = frozenset(words)
            continue
        endings = _C_ENDINGS if cls == "c" else _V_ENDINGS
        stems.update(words)
        lemmas[normalize_spelling(lemma)] = frozenset(stem + e for stem in words for e in endings)
    form_lemmas: dict[str, set[str]] = {}
    for lemma, forms_ in lemmas.items():
        for form in forms_:
            form_lemmas.setdefault(form, set()).add(lemma)
    stems.update(_wordset("کر ہو جا دے لے رہ کہہ لڑ دیکھ سوچ چل بڑھ سن کھیل بیٹھ"))
    return VerbLexicon(lemmas, {k: frozenset(v) for k, v in form_lemmas.items()}, frozenset(stems))


_FUTURE_AUX = _wordset("گا گی گے")


def future_at(words: Sequence[str], i: int, verbs: VerbLexicon) -> bool:
    w = words[i]
    if w in _FUTURE_AUX:
        return i > 0 and (words[i - 1] in verbs.form_lemmas or words[i - 1] in _AUX)
    return len(w) > 3 and w.endswith(("گا", "گی", "گے")) and w in verbs.form_lemmas


def has_future(words: Sequence[str], verbs: VerbLexicon) -> bool:
    return any(future_at(words, i, verbs) for i in range(len(words)))


# ---------------------------------------------------------------------------------------- modality


@dataclass(frozen=True)
class ModalityTables:
    verb: dict[str, str]  # word in the verb group -> modality
    suffix: tuple[tuple[str, str], ...]  # (ending, modality)
    after: dict[tuple[str, ...], str]
    before: dict[tuple[str, ...], str]
    longest: int


@lru_cache(maxsize=4)
def modality_tables(language: str = "ur") -> ModalityTables:
    table = load_table(language, "modality", ("cue", "modality", "scope"))
    verb: dict[str, str] = {}
    suffix: list[tuple[str, str]] = []
    after: dict[tuple[str, ...], str] = {}
    before: dict[tuple[str, ...], str] = {}
    for cue, modality, scope in table.rows:
        key = normalize_spelling(cue)
        if scope == "verb":
            verb[key] = modality
        elif scope == "suffix":
            suffix.append((key, modality))
        elif scope == "after":
            after[tuple(key.split())] = modality
        else:
            before[tuple(key.split())] = modality
    longest = max(len(k) for k in (*after, *before))
    return ModalityTables(verb, tuple(suffix), after, before, longest)


def _strongest(found: set[str]) -> str:
    for modality in MODALITY_ORDER:
        if modality in found:
            return modality
    return "asserted"


def _phrase_in(words: Sequence[str], cues: dict[tuple[str, ...], str], longest: int) -> set[str]:
    found: set[str] = set()
    for i in range(len(words)):
        for size in range(longest, 0, -1):
            key = tuple(words[i : i + size])
            if len(key) == size and key in cues:
                found.add(cues[key])
                break
    return found


# light verbs in the subjunctive, with no tense after them
_SUBJUNCTIVE = _wordset("کرے کریں کرو دے دیں دو جائے جائیں لے لیں رکھے رکھیں رہیں کرائے کرائیں دلائیں")


def modality_of(
    words: Sequence[str], trigger: tuple[int, int], verbs: tuple[int, int], clause_start: int, *, verbal: bool
) -> str:
    """The modality of an event from the words of its sentence (indices into ``words``).

    ``trigger`` is the trigger's token range, ``verbs`` the range of its verb group (the light verb
    and the auxiliaries after it; empty for a nominal trigger), ``clause_start`` the first token of
    the trigger's clause.
    """
    t = modality_tables()
    found: set[str] = set()
    group = list(words[verbs[0] : verbs[1]])
    for k, w in enumerate(group):
        mod = t.verb.get(w)
        if mod is not None and not (mod == "negated" and tuple(group[k : k + 2]) == _NOT_ONLY):
            found.add(mod)
        if k > 0 or verbal:
            for ending, modality in t.suffix:
                if len(w) > len(ending) + 1 and w.endswith(ending):
                    found.add(modality)
    # a negation between the noun and its light verb: "حملہ نہیں کیا"
    for k in range(trigger[0], min(max(trigger[1], verbs[0] if verbal else 0), len(words))):
        if t.verb.get(words[k]) == "negated" and tuple(words[k : k + 2]) != _NOT_ONLY:
            found.add("negated")
    # the word right before the trigger: "نہ تو داخل ہوں گے"
    if trigger[0] > 0 and t.verb.get(words[trigger[0] - 1]) == "negated":
        found.add("negated")
    # what follows the act: "حملے کی دھمکی", "حملے کی تردید", "جنگ بندی کا اعلان کرنا"
    tail_end = max(trigger[1], verbs[1]) if verbal else trigger[1]
    found |= _phrase_in(words[tail_end : tail_end + 4], t.after, t.longest)
    found |= _phrase_in(words[clause_start : trigger[0]], t.before, t.longest)
    if verbal and group and group[-1] in _SUBJUNCTIVE and not found:
        # "احتجاج کریں", "گرفتار کرے": asked for, allowed or wished, not done
        found.add("hypothetical")
    return _strongest(found)


# ------------------------------------------------------------------------------ acts and pledges

_PURPOSE = tuple(
    tuple(normalize_spelling(w).split())
    for w in (
        "کے لئے",
        "کی لئے",
        "کے لیے",
        "کی لیے",
        "کی خاطر",
        "کے الزام",
        "کے الزامات",
        "کے جرم",
        "کی پاداش",
        "کے مقدمے",
        "کے مقدمہ",
        "کی کوشش",
        "کی کوششوں",
        "سے بچنے",
        "کا الزام",
        "الزام میں",
    )
)
_PURPOSE_OPENERS = _wordset("تاکہ")


_CHARGE = _wordset("الزام الزامات جرم پاداش")
_SPEECH = _wordset("کہا کہاکہ بتایا کہنا")
_INFINITIVE_OK = tuple(
    tuple(normalize_spelling(w).split())
    for w in (
        "کے بعد",
        "شروع",
        "کا اعلان",
        "کے فیصلے",
        "کے اعلان",
        "کا فیصلہ",
        "کا منصوبہ",
        "کے منصوبے",
        "کی اجازت",
        "کا حکم",
        "کے احکامات",
        "کا ارادہ",
        "کی دھمکی",
        "کی تیاری",
        "سے انکار",
        "کی تردید",
        "کا آغاز",
    )
)


def not_an_act(words: Sequence[str], start: int, end: int, group: Sequence[str], typ: str) -> bool:
    """Whether a trigger (``words[start:end]``, verb group ``group``) reports no act at all.

    A purpose ("کرنے کیلئے", "تاکہ ..."), a charge ("حملہ ... کے الزام میں"), a bare infinitive
    ("کارروائیاں کرنے میں مشکلات"), a habit ("تعینات کی جاتی ہے") and the frame of a statement
    ("خطاب کرتے ہوئے کہا") tell of no event that happened."""
    if any(tuple(words[end : end + len(p)]) == p for p in _PURPOSE):
        return True
    k = end
    while k < len(words) and k - end < 12 and words[k] not in _HARD_BOUNDARY and words[k] not in _AUX:
        if words[k] in _CHARGE:
            return True
        k += 1
    main = [w for w in group if w not in _AUX and w not in _COPULA]
    if (
        main
        and main[-1].endswith(("نا", "نے", "نی"))
        and all(w in _COPULA for w in group[group.index(main[-1]) + 1 :])
        and not any(tuple(words[end : end + len(p)]) == p for p in _INFINITIVE_OK)
    ):
        return True  # "مدد کرنا ہے", "کارروائیاں کرنے میں": an infinitive names no event
    if (
        typ == "CONSULT"
        and group
        and group[-1] == normalize_spelling("ہوئے")
        and any(w in _SPEECH for w in words[end : end + 4])
    ):
        return True  # "خطاب کرتے ہوئے (انہوں نے) کہا": the frame of a statement
    if (
        len(group) >= 2
        and group[-1] in _wordset("ہے ہیں")
        and group[-2].endswith(("تا", "تی", "تے"))
        and (typ not in _PERFORMATIVE or group[-2] in _wordset("جاتا جاتی جاتے"))
    ):
        # a habit ("سراہا جاتا ہے"); but "مذمت کرتے ہیں", "یقین دلاتی ہے" do it now, in saying it
        return True
    lo = start
    while lo > 0 and words[lo - 1] not in _HARD_BOUNDARY:
        lo -= 1
    return lo > 0 and words[lo - 1] in _PURPOSE_OPENERS


# acts done by saying them: in the present tense they are done, not habits
_PERFORMATIVE = frozenset({"ACCUSE", "SUPPORT", "REQUEST", "REJECT", "AGREE"})
_PLEDGERS = _wordset("حکومت حکومتیں ہم وفاقی")
_NOT_PLEDGERS = _wordset("آپ وہ یہ")
_NO_PLEDGE = _wordset("نہیں نہ اگر")


def pledge_clauses(
    words: Sequence[str], future_at: Callable[[int], bool], named: frozenset[int] = frozenset()
) -> list[tuple[int, int, int, bool]]:
    """Clauses that make a promise: ``(clause start, clause end, future verb, pledger named)``.

    A future tense with a government or "ہم" as subject ("حکومت ان کی دیکھ بھال کرے گی"), or a
    first-person plural future with no subject at all ("سہولتیں فراہم کرینگے": "we will") is a pledge;
    the dev-set annotators code a pledge as an AGREE that happened (asserted). A named subject
    ("بادشاہ ... منظوری دیں گے", indices in ``named``), a negation or a condition is no pledge."""
    out: list[tuple[int, int, int, bool]] = []
    for i in range(len(words)):
        if not future_at(i):
            continue
        lo, hi = i, i + 1
        while lo > 0 and words[lo - 1] not in _HARD_BOUNDARY:
            lo -= 1
        while hi < len(words) and words[hi] not in _HARD_BOUNDARY:
            hi += 1
        explicit = any(w in _PLEDGERS for w in words[lo : min(i, lo + 5)])
        plural_first = (
            words[i] == normalize_spelling("گے") and i > 0 and words[i - 1].endswith("یں")
        ) or words[i].endswith("ینگے")
        dropped = (
            plural_first
            and not any(k in named for k in range(lo, i))
            and not any(w in _NOT_PLEDGERS for w in words[lo:i])
        )
        if (explicit or dropped) and not any(w in _NO_PLEDGE for w in words[lo:i]):
            out.append((lo, hi, i, explicit))
    return out


_SAY = _wordset("کہا کہاکہ کہی کہے کہنا")
_ADDRESSEE = _wordset("سے کو")
_SHOULD = _wordset("چاہیے چاہئے چاہیئے چاہییں چاہئیں")
_THAT = normalize_spelling("کہ")
_INDICATIVE = _wordset("ہے ہیں تھا تھی تھے گا گی گے چکا چکی چکے رہا رہی رہے")


def directive_clauses(words: Sequence[str]) -> list[tuple[int, int]]:
    """ "X سے کہا ہے کہ وہ ... پیش کرے": a request, told as speech. Returns the token range of "سے کہا".

    The addressee takes سے or کو, and the clause after کہ ends in a subjunctive (کرے، کریں، کیا جائے),
    not in a tense ("کہا کہ حالات بہتر ہیں" is a statement). With no addressee named, only a clause
    that ends in "چاہیے" (should) is a request: a bare subjunctive there is as often a purpose or a
    wish (measured on the dev set: 3 more requests found, 10 more wrong)."""
    out: list[tuple[int, int]] = []
    for i in range(1, len(words) - 1):
        addressed = words[i - 1] in _ADDRESSEE
        if words[i] not in _SAY:
            continue
        k = i + 1
        while k < len(words) and k - i < 4 and words[k] != _THAT and not words[k].endswith(_THAT):
            k += 1
        if k >= len(words) or k - i >= 4:
            continue
        end = k + 1
        while end < len(words) and words[end] not in _HARD_BOUNDARY:
            end += 1
        tail = [w for w in words[k + 1 : end] if w not in ("،", "‘", "’", "۔")]
        if len(tail) < 2:
            continue
        if addressed and tail[-1] not in _INDICATIVE and tail[-1].endswith(("ے", "یں", "ئے", "ئیں")):
            out.append((i - 1, i + 1))
        elif not addressed and tail[-1] in _SHOULD:
            out.append((i - 1, i + 1))  # "کہا کہ ... تمام طبقات کو معاونت کرنی چاہیے": said to all
    return out
