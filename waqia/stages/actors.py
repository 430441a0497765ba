"""Actors: who a phrase names, as a canonical name, a country and a PLOVER sector.

:func:`resolve_actor` maps one actor phrase (the event stage finds them) to an entry of the actor
dictionary (``waqia/lang/ur/actors.tsv``) or composes one from its parts:

- a named person anywhere in the phrase wins ("روسی وزیر دفاع سرگئی شوینکو" -> Sergei Shoigu);
- otherwise the first word that says what kind of actor it is decides the sector: an organisation,
  armed group or party ("پاک فوج کے پیرا میڈیکل اسٹاف" is the army), an office ("وزیر دفاع"), a
  noun ("پولیس", "شہری"), or an adjective ("فوجی حکام", "نامعلوم افراد");
- the country comes from the entry itself, else from the phrase (a demonym "روسی", a country "روس کے",
  a place "پنجاب حکومت"), else from the story around it (:class:`ActorContext`);
- an office whose holder the story names is that person ("روس کے وزیر دفاع" -> Shoigu); a pronoun is
  the last person or office named before it; "attackers" in a story that names one armed group are
  that group.

:class:`ActorResolver` is the stage behind ``waqia actors "TEXT"``: it finds actor mentions over
tokens and stores :class:`~waqia.record.Actor` objects in ``doc.meta["actors"]``.
"""

from __future__ import annotations

import bisect
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from waqia.document import Document
from waqia.geo.fold import fold, join_keys
from waqia.geo.gazetteer import SRC_CLDR, SRC_EXTRA, SRC_URD
from waqia.geo.geocoder import Geocoder
from waqia.lang import load_table
from waqia.record import Actor

_COLUMNS = ("alias", "name", "country", "sector", "kind", "role")
_HEADS = ("organisation", "group", "party", "office", "noun", "member", "modifier")
_NAMED = ("organisation", "group", "party")
_HOSTILE = frozenset({"REB", "UAF"})
_MAX_WORDS = 7
_TRUSTED = SRC_URD | SRC_EXTRA | SRC_CLDR


@dataclass(frozen=True)
class ActorEntry:
    """One row of the actor dictionary."""

    name: str
    country: str | None  # ISO3, IGO/UNO/NGO, None (transnational), "*" (from the text or the story)
    sector: str | None
    kind: str
    roles: tuple[str, ...] = ()  # folded office keys a person held
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorDictionary:
    """The actor tables of a language, folded for lookup."""

    entries: dict[str, tuple[ActorEntry, ...]]  # folded alias (and derived forms) -> entries
    demonyms: dict[str, str]  # folded demonym -> ISO3
    adjectives: dict[str, str]  # ISO3 -> English adjective ("Russian")
    cues: dict[str, frozenset[str]]  # folded word -> kinds (quantifier, pronoun, genitive, ...)

    def has_cue(self, key: str, kind: str) -> bool:
        return kind in self.cues.get(key, ())


def _inflections(key: str, kind: str) -> list[str]:
    """Plural and oblique forms of a noun: دہشت گرد -> دہشت گردوں; باغی -> باغیوں; حملہ آور -> حملہ آوروں."""
    if kind not in ("noun", "member", "modifier"):
        return [key]
    forms = [key, key + "وں", key + "ون"]
    if key.endswith("ی"):
        forms += [key[:-1] + "یوں", key[:-1] + "یون"]
    if key.endswith(("ہ", "ا")):
        forms += [key[:-1] + "وں", key[:-1] + "ون", key[:-1] + "ے", key[:-1] + "ی"]
    return forms


@lru_cache(maxsize=4)
def load_actor_dictionary(language: str = "ur") -> ActorDictionary:
    """The actor dictionary (``actors.tsv``, ``demonyms.tsv``, ``actor_cues.tsv``), cached."""
    entries: dict[str, list[ActorEntry]] = {}
    for alias_cell, name, country, sector, kind, role in load_table(language, "actors", _COLUMNS).rows:
        aliases = tuple(a.strip() for a in alias_cell.split("|") if a.strip())
        entry = ActorEntry(
            name=name,
            country=None if country == "-" else country,
            sector=None if sector == "-" else sector,
            kind=kind,
            roles=tuple(fold(r) for r in role.split("|") if r.strip()),
            aliases=aliases,
        )
        for alias in aliases:
            for form in _inflections(fold(alias), kind):
                bucket = entries.setdefault(form, [])
                if entry not in bucket:
                    bucket.append(entry)
    demonyms: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    for demonym, country, english in load_table(language, "demonyms", ("demonym", "country", "english")).rows:
        key = fold(demonym)
        for form in (key, key + "وں", key + "ون", key[:-1] + "یوں" if key.endswith("ی") else key):
            demonyms.setdefault(form, country)
        adjectives.setdefault(country, english)
    cues: dict[str, set[str]] = {}
    for word, kind in load_table(language, "actor_cues", ("word", "kind")).rows:
        cues.setdefault(fold(word), set()).add(kind)
    return ActorDictionary(
        {k: tuple(v) for k, v in entries.items()},
        demonyms,
        adjectives,
        {k: frozenset(v) for k, v in cues.items()},
    )


@dataclass(frozen=True)
class ActorMatch:
    """What a phrase was resolved to, and why (for people reading ``waqia actors``)."""

    name: str | None
    country: str | None
    sector: str | None
    kind: str  # the entry kind, or "country", "place", "pronoun"
    why: str
    entry: ActorEntry | None = None


@dataclass(frozen=True)
class ActorContext:
    """The story around an actor phrase."""

    country: str | None = None  # the country the story is about where the phrase stands
    persons: tuple[ActorEntry, ...] = ()  # people the document names (office holders are preferred)
    groups: tuple[ActorEntry, ...] = ()  # armed groups the document names
    parties: tuple[ActorEntry, ...] = ()  # parties the document names
    previous: ActorMatch | None = None  # the last person or office named before the phrase
    geocoder: Geocoder | None = None  # to read places inside a phrase ("پنجاب حکومت")
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> English name
    military: bool = False  # the sentence tells of armed action ("بمباری", "فوجی کارروائی")

    @classmethod
    def for_document(
        cls, doc: Document, *, places: Any = None, home_country: str | None = "PAK", language: str = "ur"
    ) -> DocumentActors:
        """What the whole document says, ready to give the context of any span (``.at(start, end)``)."""
        return DocumentActors(doc, places=places, home_country=home_country, language=language)


# --------------------------------------------------------------------------- resolving a phrase


@dataclass
class _Item:
    start: int  # word index in the phrase
    end: int
    kind: str  # an entry kind, "demonym", "country", "place"
    entry: ActorEntry | None = None
    entries: tuple[ActorEntry, ...] = ()
    country: str | None = None


def _scan(folds: list[str], d: ActorDictionary, geocoder: Geocoder | None) -> list[_Item]:
    items: list[_Item] = []
    i = 0
    while i < len(folds):
        found: _Item | None = None
        for length in range(min(_MAX_WORDS, len(folds) - i), 0, -1):
            key = join_keys(folds[i : i + length])
            if key in d.entries:
                found = _Item(i, i + length, d.entries[key][0].kind, d.entries[key][0], d.entries[key])
                break
            if key in d.demonyms:
                found = _Item(i, i + length, "demonym", country=d.demonyms[key])
                break
            if geocoder is not None and len(key) > 2 and not d.cues.get(key):
                country = _place_country(key, geocoder)
                if country is not None:
                    found = _Item(i, i + length, country[1], country=country[0])
                    break
        if found is None and len(folds[i]) > 5:
            # a joined word ("تھرمتاثرین"): its longest known ending
            for cut in range(1, len(folds[i]) - 3):
                tail = folds[i][cut:]
                if tail in d.entries:
                    found = _Item(i, i + 1, d.entries[tail][0].kind, d.entries[tail][0], d.entries[tail])
                    break
        if found is not None:
            items.append(found)
            i = found.end
        else:
            i += 1
    return items


def _place_country(key: str, geocoder: Geocoder) -> tuple[str, str] | None:
    """The country a name in an actor phrase points at: a country, or a province or city in it."""
    cands = geocoder.lookup(key)
    countries = [c for c in cands if c.type == "country" and c.country]
    if countries:
        return countries[0].country or "", "country"
    big = [
        c
        for c in cands
        if c.country
        and c.src & _TRUSTED
        and not geocoder.is_common(key)
        and (c.type in ("region", "county", "area") or c.population >= 100_000)
    ]
    if big:
        best = max(big, key=lambda c: (c.type == "region", c.population))
        return best.country or "", "place"
    return None


def names_a_thing(phrase_norm: str, dictionary: ActorDictionary | None = None) -> bool:
    """Whether a phrase is headed by a noun for information, documents or plans ("خفیہ اطلاعات")."""
    d = dictionary if dictionary is not None else load_actor_dictionary()
    words = [f for f in (fold(w) for w in phrase_norm.split()) if f]
    return bool(words) and d.has_cue(words[-1], "thing")


def resolve_actor(
    phrase_norm: str, context: ActorContext | None = None, dictionary: ActorDictionary | None = None
) -> ActorMatch | None:
    """Map an actor phrase (normalised text) to a canonical actor, or None when it names no actor.

    >>> resolve_actor("روسی جنگی طیاروں").country, resolve_actor("روسی جنگی طیاروں").sector
    ('RUS', 'MIL')
    """
    ctx = context if context is not None else ActorContext()
    d = dictionary if dictionary is not None else load_actor_dictionary()
    geocoder = ctx.geocoder if ctx.geocoder is not None else _default_geocoder()
    folds = [f for f in (fold(w) for w in phrase_norm.split()) if f]
    while folds and (
        _is_number(folds[0]) or d.has_cue(folds[0], "quantifier") or d.has_cue(folds[0], "function")
    ):
        folds = folds[1:]
    while folds and d.has_cue(folds[-1], "function"):
        folds = folds[:-1]
    if not folds or d.has_cue(folds[-1], "thing"):
        return None  # "خفیہ اطلاعات", "سرکاری رپورٹ": the head names a thing, not who acts
    if all(d.has_cue(f, "pronoun") or d.has_cue(f, "function") for f in folds):
        if ctx.previous is not None:
            prev = ctx.previous
            return ActorMatch(
                prev.name, prev.country, prev.sector, "pronoun", f"pronoun: {prev.name}", prev.entry
            )
        return None
    items = _scan(folds, d, geocoder)
    persons = [it for it in items if it.kind == "person"]
    if persons:
        e = persons[0].entry
        assert e is not None
        return ActorMatch(e.name, e.country, e.sector, "person", f"person: {e.aliases[0]}", e)
    explicit = next((it.country for it in items if it.kind in ("demonym", "country", "place")), None)
    head = _head(items, d, folds)
    if head is None:
        place = next((it for it in items if it.kind in ("country", "place")), None)
        if place is not None and place.country:
            # a country or its capital acting: its government ("امریکا", "واشنگٹن"), or its armed
            # forces where the sentence tells of armed action
            name = _country_name(place.country, ctx, geocoder)
            if ctx.military:
                adj = d.adjectives.get(place.country, name)
                return ActorMatch(
                    f"{adj} Armed Forces",
                    place.country,
                    "MIL",
                    "country",
                    f"{place.kind} as an actor in a military sentence",
                )
            return ActorMatch(name, place.country, "GOV", "country", f"{place.kind} as an actor")
        if _looks_like_person(folds):
            return ActorMatch(
                " ".join(phrase_norm.split()),
                ctx.country,
                "CVL",
                "person",
                "a person the dictionary does not know",
            )
        demonym = next((it for it in items if it.kind == "demonym"), None)
        if demonym is not None and demonym.country:
            adj = d.adjectives.get(demonym.country, demonym.country)
            return ActorMatch(
                f"{adj} civilians", demonym.country, "CVL", "demonym", "demonym alone: its people"
            )
        return None
    entry = head.entry
    assert entry is not None
    country = entry.country if entry.country != "*" else (explicit or ctx.country)
    why = f"{entry.kind}: {entry.aliases[0] if entry.aliases else entry.name}"
    if explicit and entry.country == "*":
        why += f"; country from the phrase ({explicit})"
    elif entry.country == "*" and country:
        why += f"; country from the story ({country})"
    sector = entry.sector
    name = _format(entry.name, country, d, ctx)
    if entry.kind == "modifier":
        # "روسی جنگی طیاروں", "فوجی حکام": the adjective decides the sector, the noun names it
        noun = next(
            (
                it.entry
                for it in items
                if it.start >= head.end and it.entry is not None and it.kind in ("noun", "member", "office")
            ),
            None,
        )
        if noun is None and d.has_cue(folds[head.start], "adjective"):
            return None  # "سیکورٹی کے معاملات": an adjective with no noun to qualify names nobody
        if noun is not None:
            noun_name = _format(noun.name, country, d, ctx)
            adj = d.adjectives.get(country or "", "")
            name = (
                noun_name
                if noun.sector == sector
                else " ".join(w for w in (adj, entry.name, noun_name.replace(adj, "").strip()) if w)
            )
    if entry.kind == "office":
        holder = _holder(entry, head.entries, country, ctx)
        if holder is not None:
            return ActorMatch(
                holder.name,
                holder.country,
                holder.sector,
                "person",
                f"{why}; the story names the holder",
                holder,
            )
    if entry.kind == "member" and ctx.parties and entry.sector in ("CVL", "PTY"):
        # "کارکن" alone: members of whatever the story is about (the party it names)
        party = ctx.parties[0]
        return ActorMatch(
            f"{party.name} {entry.name}",
            party.country,
            party.sector,
            "member",
            f"{why}; the story's party",
        )
    if entry.kind == "noun" and sector in _HOSTILE and len(ctx.groups) == 1 and not explicit:
        group = ctx.groups[0]
        return ActorMatch(
            group.name,
            group.country,
            group.sector,
            "group",
            f"{why}; the one armed group the story names",
            group,
        )
    if entry.kind == "noun" and entry.name == "protesters" and ctx.parties:
        sector = "OPP"  # protesters of a movement the story names are its side, not bystanders
        why += "; a party leads the protest"
    return ActorMatch(name, country, sector, entry.kind, why, entry)


def _head(items: list[_Item], d: ActorDictionary, folds: Sequence[str] = ()) -> _Item | None:
    heads = [it for it in items if it.kind in _HEADS]
    if not heads:
        return None
    named = [it for it in heads if it.kind in _NAMED]
    first = heads[0]
    if named and named[0].start <= first.start:
        return named[0]
    if first.kind == "member":
        # "افسروں اور جوانوں", "عوامی تحریک کے کارکن": a member word takes the sector of what it is
        # joined to by "اور" or "کے"; "اہلکار زخمی" (the personnel were injured) is not a join
        later = [it for it in heads[1:] if it.kind != "member"]
        if later and any(
            d.has_cue(f, "conjunction") or d.has_cue(f, "genitive") for f in folds[first.end : later[0].start]
        ):
            return later[0]
    if first.kind == "modifier" and len(first.entries) > 1 and first is heads[-1]:
        # "فوجی" alone is a noun (soldiers), before another word an adjective
        noun = next((e for e in first.entries if e.kind == "noun"), None)
        if noun is not None:
            return _Item(first.start, first.end, "noun", noun, first.entries)
    return first


def _holder(
    office: ActorEntry, offices: Sequence[ActorEntry], country: str | None, ctx: ActorContext
) -> ActorEntry | None:
    keys = {fold(a) for e in offices for a in e.aliases}
    for person in ctx.persons:
        if keys & set(person.roles) and (country is None or person.country == country):
            return person
    return None


def _format(template: str, country: str | None, d: ActorDictionary, ctx: ActorContext) -> str:
    if "{" not in template:
        return template
    if country is None or country in ("IGO", "UNO", "NGO"):
        out = template.replace("{adj} ", "").replace(" of {country}", "").replace("{country}", "")
        return out.strip() or template
    name = _country_name(country, ctx)
    adj = d.adjectives.get(country) or name
    return template.replace("{adj}", adj).replace("{country}", name)


def _country_name(iso3: str, ctx: ActorContext, geocoder: Geocoder | None = None) -> str:
    if iso3 in ctx.country_names:
        return ctx.country_names[iso3]
    geo = geocoder or ctx.geocoder or _default_geocoder()
    c = geo.country(iso3)
    return c.name if c is not None else iso3


@lru_cache(maxsize=1)
def _default_geocoder() -> Geocoder:
    from waqia.geo.geocoder import GazetteerGeocoder

    return GazetteerGeocoder()


def _looks_like_person(folds: list[str]) -> bool:
    from waqia.geo.lexicon import place_tables

    given = place_tables().given_names
    return 2 <= len(folds) <= 4 and folds[0] in given


def _words_from(folds: Sequence[str], i: int, n: int) -> int:
    """How many words from ``i`` a name may span: up to the next punctuation, at most _MAX_WORDS."""
    length = 0
    while length < _MAX_WORDS and i + length < n and folds[i + length]:
        length += 1
    return length


def _is_number(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


# --------------------------------------------------------------------------- the document


@dataclass
class _Evidence:
    start: int
    country: str


class DocumentActors:
    """What a document says that actor resolution needs: countries by position, people, groups."""

    def __init__(
        self, doc: Document, *, places: Any = None, home_country: str | None = "PAK", language: str = "ur"
    ) -> None:
        from waqia.stages.places import resolver_for

        self.doc = doc
        self._token_starts = [t.start for t in doc.tokens]
        self.dictionary = load_actor_dictionary(language)
        resolver = places if places is not None else resolver_for(home_country=home_country)
        self.geocoder: Geocoder = resolver.geocoder
        analysis = resolver.analyse(doc)
        evidence: list[_Evidence] = []
        for m in analysis.mentions:
            p = m.place
            if p is not None and p.country and p.start is not None and m.source != "country-word":
                evidence.append(_Evidence(p.start, p.country))
        self.persons: list[tuple[int, ActorEntry]] = []
        groups: list[ActorEntry] = []
        parties: list[ActorEntry] = []
        d = self.dictionary
        folds = [fold(t.norm) for t in doc.tokens]
        i = 0
        while i < len(folds):
            step = 1
            for length in range(_words_from(folds, i, len(folds)), 0, -1):
                key = join_keys(folds[i : i + length])
                if key in d.entries:
                    e = d.entries[key][0]
                    start = doc.tokens[i].start
                    if e.kind == "person":
                        self.persons.append((start, e))
                    elif e.kind == "group" and e not in groups:
                        groups.append(e)
                    elif e.kind == "party" and e not in parties:
                        parties.append(e)
                    if e.country and e.country not in ("*", "IGO", "UNO", "NGO") and e.kind != "noun":
                        evidence.append(_Evidence(start, e.country))
                    step = length
                    break
                if key in d.demonyms:
                    evidence.append(_Evidence(doc.tokens[i].start, d.demonyms[key]))
                    step = length
                    break
            i += step
        evidence.sort(key=lambda e: e.start)
        self.evidence = evidence
        self._starts = [e.start for e in evidence]
        counts = Counter(e.country for e in evidence)
        self.main_country = counts.most_common(1)[0][0] if counts else home_country
        self.groups = tuple(groups)
        self.parties = tuple(parties)
        self.country_names: dict[str, str] = {}
        for iso3 in counts:
            c = self.geocoder.country(iso3)
            if c is not None:
                self.country_names[iso3] = c.name
        self._sentences = sorted((s.start, s.end) for s in doc.sentences)
        self._sentence_starts = [s for s, _ in self._sentences]
        self._offices: list[tuple[int, ActorMatch]] = []

    def _sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if 0 <= i < len(self._sentences):
            return self._sentences[i]
        return 0, len(self.doc.raw)

    def local_country(self, start: int) -> str | None:
        """The country the story is about around ``start``: its sentence's, else the document's."""
        s, e = self._sentence(start)
        lo, hi = bisect.bisect_left(self._starts, s), bisect.bisect_left(self._starts, e)
        local = Counter(ev.country for ev in self.evidence[lo:hi])
        if not local:
            return self.main_country
        top = max(local.values())
        tied = [c for c, n in local.items() if n == top]
        if len(tied) == 1:
            return tied[0]
        # several countries, as often: the one named last before the phrase
        before = [ev for ev in self.evidence[lo:hi] if ev.start <= start and ev.country in tied]
        if before:
            return before[-1].country
        return self.main_country if self.main_country in tied else tied[0]

    def at(self, start: int, end: int | None = None) -> ActorContext:
        """The context of the phrase at ``doc.raw[start:end]``."""
        previous = None
        for pos, entry in reversed(self.persons):
            if pos < start:
                previous = ActorMatch(
                    entry.name, entry.country, entry.sector, "person", f"person: {entry.aliases[0]}", entry
                )
                break
        s, e = self._sentence(start)
        # the sentence's tokens by bisection: scanning the whole document per phrase is quadratic
        first, last = bisect_left(self._token_starts, s), bisect_left(self._token_starts, e)
        words = {fold(t.norm) for t in self.doc.tokens[first:last]}
        military = any(self.dictionary.has_cue(w, "military") for w in words)
        return ActorContext(
            country=self.local_country(start),
            persons=tuple(e for _, e in self.persons),
            groups=self.groups,
            parties=self.parties,
            previous=previous,
            geocoder=self.geocoder,
            country_names=self.country_names,
            military=military,
        )


# --------------------------------------------------------------------------- the stage


class ActorResolver:
    """Stage: ``doc.meta["actors"]`` = the actors the text names, as :class:`~waqia.record.Actor`."""

    name = "actors"
    requires: tuple[str, ...] = ("tokens",)
    provides: tuple[str, ...] = ("actor_mentions",)

    def __init__(self, *, home_country: str | None = "PAK", language: str = "ur", places: Any = None) -> None:
        self.home_country = home_country
        self.language = language
        self.places = places

    def __call__(self, doc: Document) -> Document:
        doc.meta["actors"] = [actor for actor, _ in self.find(doc)]
        return doc

    def find(self, doc: Document) -> list[tuple[Actor, ActorMatch]]:
        """Every actor mention in ``doc`` with its resolution, in text order."""
        context = ActorContext.for_document(
            doc, places=self.places, home_country=self.home_country, language=self.language
        )
        d = context.dictionary
        folds = [fold(t.norm) for t in doc.tokens]
        spans = self._spans(folds, d, context.geocoder)
        out: list[tuple[Actor, ActorMatch]] = []
        for lo, hi in spans:
            start, end = doc.tokens[lo].start, doc.tokens[hi - 1].end
            phrase = " ".join(t.norm for t in doc.tokens[lo:hi])
            match = resolve_actor(phrase, context.at(start, end), d)
            if match is None:
                continue
            out.append(
                (
                    Actor(
                        text=doc.raw[start:end],
                        start=start,
                        end=end,
                        name=match.name,
                        country=match.country,
                        sector=match.sector,
                    ),
                    match,
                )
            )
        return out

    @staticmethod
    def _spans(folds: list[str], d: ActorDictionary, geocoder: Geocoder) -> list[tuple[int, int]]:
        """Token ranges of actor phrases: a dictionary head plus the words that qualify it."""
        n = len(folds)
        heads: list[tuple[int, int, str]] = []
        i = 0
        while i < n:
            hit = 0
            kind = ""
            for length in range(_words_from(folds, i, n), 0, -1):
                key = join_keys(folds[i : i + length])
                if key in d.entries:
                    hit, kind = length, d.entries[key][0].kind
                    break
            if hit:
                heads.append((i, i + hit, kind))
                i += hit
            else:
                i += 1
        spans: list[tuple[int, int]] = []
        kinds: list[str] = []
        for lo, hi, kind in heads:
            if kind == "modifier" and hi < n and any(h[0] == hi for h in heads):
                continue  # "فوجی حکام": the adjective joins the noun after it
            if kind == "modifier" and hi - lo == 1 and d.has_cue(folds[lo], "adjective"):
                continue  # "سیکورٹی کے معاملات": an adjective alone names nobody
            if hi < n and d.has_cue(folds[hi], "thing"):
                continue  # "خفیہ اطلاعات": the word qualifies a thing, not an actor
            start = lo
            # take qualifiers in front: "روسی", "روس کے", "نامعلوم مسلح", numbers, quantifiers
            while start > 0 and folds[start - 1]:
                prev = folds[start - 1]
                if (
                    prev in d.demonyms
                    or d.has_cue(prev, "quantifier")
                    or _is_number(prev)
                    or (prev in d.entries and d.entries[prev][0].kind == "modifier")
                ):
                    start -= 1
                elif (
                    d.has_cue(prev, "genitive")
                    and start >= 2
                    and (
                        _place_country(folds[start - 2], geocoder) is not None
                        or folds[start - 2] in d.demonyms
                    )
                ):
                    start -= 2
                else:
                    break
            if spans and spans[-1][1] >= start and kind == "person" and kinds[-1] == "office":
                # an office right before a name ("امریکی صدر باراک اوباما") is one mention
                prev_lo, _ = spans.pop()
                spans.append((prev_lo, hi))
            elif spans and spans[-1][1] > start:
                start = spans[-1][1]
                spans.append((start, hi))
            else:
                spans.append((start, hi))
            kinds.append(kind)
        return spans


def describe_actors(text: str, *, home_country: str | None = "PAK") -> list[dict[str, Any]]:
    """The actors named in ``text``, one dict per mention (for ``waqia actors "TEXT"``).

    Keys: ``text``, ``start``, ``end`` (raw offsets), ``name``, ``country``, ``sector``, ``kind``
    (the dictionary entry kind, or country/place/pronoun/demonym), ``why``.
    """
    from waqia.geo.textprep import prepare_document

    doc = prepare_document(text)
    return [
        {
            "text": actor.text,
            "start": actor.start,
            "end": actor.end,
            "name": actor.name,
            "country": actor.country,
            "sector": actor.sector,
            "kind": match.kind,
            "why": match.why,
        }
        for actor, match in ActorResolver(home_country=home_country).find(doc)
    ]
