"""The Urdu word lists the geocoder reads around place names (``waqia/lang/<language>/``), folded.

Tables: ``admin_words`` (صوبہ, ضلع, وادی, روڈ, شمالی …), ``demonyms`` (روسی → RUS), ``place_ambiguous``
(place names that are everyday words, with veto words), ``place_cues`` (genitives, state nouns,
function words, list words …), ``given_names`` (a one-word place after one is a surname), the
people, armed groups and parties of ``actors`` (never places) and the word counts of ``words``
(how often a word is used in edited Urdu: a name the gazetteer lacks is never an everyday word)
and the words of ``closed_class``, ``function_words`` and ``verbs`` (never a name).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from waqia.geo.fold import fold
from waqia.lang import load_table


@dataclass(frozen=True)
class PlaceTables:
    """The Urdu word lists the geocoder reads (``waqia/lang/<language>/``), folded."""

    admin: dict[str, tuple[str, str, str]]  # folded word(s) -> (kind, position, hint)
    demonyms: dict[str, str]  # folded demonym (and plural/oblique forms) -> ISO3
    ambiguous: dict[str, tuple[frozenset[str], frozenset[str]]]  # key -> (vetoes before, after)
    cues: dict[str, frozenset[str]]  # folded word -> kinds
    not_places: frozenset[str]  # folded names of people, armed groups and parties ("بشار اسد")
    given_names: frozenset[str]  # given names and titles: a one-word place after them is a surname
    word_counts: dict[str, int] = field(default_factory=dict)  # folded word -> Makhzan count
    closed_class: frozenset[str] = frozenset()  # postpositions, pronouns, auxiliaries, verb forms

    def count(self, key: str) -> int:
        """How often the (folded) word occurs in Makhzan's 6.3 million words; 0 when not listed."""
        return self.word_counts.get(key, 0)

    def has_cue(self, key: str, kind: str) -> bool:
        return kind in self.cues.get(key, ())


def _split(cell: str) -> frozenset[str]:
    return frozenset(fold(w) for w in cell.split("|") if fold(w))


def demonym_forms(word: str) -> list[str]:
    """A demonym and its plural/oblique forms: روسی -> روسیوں; افغان -> افغانوں."""
    key = fold(word)
    if key.endswith("ی"):
        return [key, key + "وں", key + "ون"]
    return [key, key + "وں", key + "ون", key + "ی"]


@lru_cache(maxsize=4)
def place_tables(language: str = "ur") -> PlaceTables:
    admin = {
        fold(r[0]): (r[1], r[2], r[3])
        for r in load_table(language, "admin_words", ("word", "kind", "position", "hint")).rows
    }
    demonyms: dict[str, str] = {}
    for demonym, country, _ in load_table(language, "demonyms", ("demonym", "country", "english")).rows:
        for form in demonym_forms(demonym):
            demonyms.setdefault(form, country)
    ambiguous = {
        fold(r[0]): (_split(r[2]), _split(r[3]))
        for r in load_table(language, "place_ambiguous", ("word", "meaning", "before", "after")).rows
    }
    cues: dict[str, set[str]] = {}
    for word, kind in load_table(language, "place_cues", ("word", "kind")).rows:
        cues.setdefault(fold(word), set()).add(kind)
    actors = load_table(language, "actors", ("alias", "name", "country", "sector", "kind", "role"))
    not_places = frozenset(
        fold(alias)
        for aliases, kind in zip(actors.column("alias"), actors.column("kind"), strict=True)
        if kind in ("person", "group", "party")
        for alias in aliases.split("|")
        if fold(alias)
    )
    given = frozenset(fold(w) for w in load_table(language, "given_names", ("word", "kind")).column("word"))
    counts: dict[str, int] = {}
    for word, count in load_table(language, "words", ("word", "count")).rows:
        key = fold(word)
        counts[key] = counts.get(key, 0) + int(count)  # spellings that fold together are one word
    closed = frozenset(
        fold(w) for w in load_table(language, "closed_class", ("form", "upos", "gloss")).column("form")
    ) | frozenset(fold(w) for w in load_table(language, "function_words", ("word", "classes")).column("word"))
    verbs = load_table(language, "verbs", ("lemma", "class", "forms", "role"))
    closed |= frozenset(
        fold(w)
        for lemma, forms in zip(verbs.column("lemma"), verbs.column("forms"), strict=True)
        for w in [lemma, *forms.split("|")]
    )
    return PlaceTables(
        admin,
        demonyms,
        ambiguous,
        {k: frozenset(v) for k, v in cues.items()},
        not_places,
        given,
        counts,
        closed - {""},
    )
