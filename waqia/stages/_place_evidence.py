"""Evidence for names that are also everyday words, surnames, rare names or foreign villages.

:class:`EverydayEvidence` flags the gazetteer mentions that need evidence ("شام" evening/Syria,
"پیر" Monday, "وہاب ریاض" a person) and keeps a flagged one only with evidence: an admin word, a
place the text puts it in, a state noun after it ("شام کے صدر"), a list of places, the country the
document names, a place nearby, or the dateline; a veto word next to it ("منگل کی شام") rules it out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from waqia.document import Token
from waqia.geo.fold import fold
from waqia.geo.gazetteer import SRC_CLDR, SRC_EXTRA, SRC_GEONAMES, SRC_URD
from waqia.geo.geocoder import Geocoder, agrees, close_to, consistent, same_onset
from waqia.geo.lexicon import PlaceTables
from waqia.stages._place_mentions import PlaceMention, town_of

# Names from these sources count on their own; the rest need evidence.
TRUSTED = SRC_URD | SRC_EXTRA | SRC_CLDR

_FLAG_WORDS = {
    "surname": "after a given name",
    "obscure": "a rare name",
    "common": "an everyday word",
    "small": "a village",
}
_SMALL_POP = 50_000
_NEAR_KM = 100.0
_DATELINE_POP = 100_000  # datelines name cities


def plausible(geocoder: Geocoder, key: str) -> bool:
    """Whether a name is one Urdu news would use for a place without further evidence.

    WOF and GeoNames also carry the Arabic and Persian names of thousands of villages, and many
    of these are everyday Urdu words (قریبی, دھمکی, نصب); GeoNames even files a few odd words
    under big cities. Only Urdu, hand-kept and CLDR names, and the GeoNames names of cities of a
    million or more that start like the city's Latin name, count on their own.
    """
    return any(
        c.src & TRUSTED or (c.src & SRC_GEONAMES and c.population >= 1_000_000 and same_onset(key, c.name))
        for c in geocoder.lookup(key)
    )


@dataclass(frozen=True)
class _Adjacency:
    """Mentions indexed by the token they start at and the token they end at."""

    starting: dict[int, list[PlaceMention]]
    ending: dict[int, list[PlaceMention]]

    @classmethod
    def of(cls, mentions: Sequence[PlaceMention]) -> _Adjacency:
        starting: defaultdict[int, list[PlaceMention]] = defaultdict(list)
        ending: defaultdict[int, list[PlaceMention]] = defaultdict(list)
        for m in mentions:
            starting[m.tok_start].append(m)
            ending[m.tok_end].append(m)
        return cls(dict(starting), dict(ending))


class EverydayEvidence:
    """Flags the mentions that need evidence and keeps a flagged one only with it."""

    def __init__(self, tables: PlaceTables, geocoder: Geocoder, home_country: str | None) -> None:
        self.tables = tables
        self.geocoder = geocoder
        self.home_country = home_country

    def flag(self, mentions: list[PlaceMention], folds: list[str]) -> None:
        """Mark the mentions that need evidence: everyday words, surnames, obscure villages."""
        t = self.tables
        for m in mentions:
            if m.source != "gazetteer":
                continue
            single = m.core_end - m.core_start == 1
            prev = folds[m.core_start - 1] if m.core_start > 0 else ""
            first = folds[m.core_start]
            last = folds[m.core_end - 1]
            if m.hint is None and (
                (single and prev in t.given_names)  # "وہاب ریاض", "محمد اصغر": a person
                or (not single and first in t.given_names and not t.has_cue(last, "suffix"))  # "عامر خان"
                or (single and (prev.isdigit() or t.has_cue(prev, "number")))  # "5 واں": not a place
            ):
                m.extra["surname"] = "1"
            if not plausible(self.geocoder, m.key):
                m.extra["obscure"] = "1"
            if single and (m.key in t.ambiguous or self.geocoder.is_common(m.key)):
                m.extra["common"] = "1"
            if single and self._small(m.key):
                m.extra["small"] = "1"
            m.flagged = bool(m.extra)
            nxt = folds[m.tok_end : m.tok_end + 3]
            if (
                len(nxt) >= 2
                and t.has_cue(nxt[0], "genitive")
                and (t.has_cue(nxt[1], "state") or t.has_cue("".join(nxt[1:3]), "state"))
            ):
                m.as_country = True

    def _small(self, key: str) -> bool:
        """Whether every place with this one-word name is a foreign village or small town.

        Thousands of villages abroad carry an Urdu name that is also a person's name or a word
        ("سچن", "واپڈا", "شبنم"); a story that means one names its country, or names it with an
        admin word, in a list of places, or near other places. Villages of the home country are
        what its news reports, so they are not held back.
        """
        return all(
            c.type in ("locality", "localadmin", "neighbourhood")
            and c.population < _SMALL_POP
            and not c.src & SRC_EXTRA
            and c.country != self.home_country
            for c in self.geocoder.lookup(key)
        )

    def _in_list(self, m: PlaceMention, unflagged: _Adjacency, tokens: Sequence[Token]) -> bool:
        """Whether the mention stands in a list with another place: "سعودی عرب اور ترکی"."""
        before = [o for o in unflagged.ending.get(m.tok_start - 1, ()) if o is not m]
        if before and self._is_coordination(tokens[m.tok_start - 1]):
            return True
        after = [o for o in unflagged.starting.get(m.tok_end + 1, ()) if o is not m]
        return bool(after) and self._is_coordination(tokens[m.tok_end])

    def _is_coordination(self, token: Token) -> bool:
        return token.norm.strip() in ("،", ",", "؛") or self.tables.has_cue(fold(token.norm), "coordination")

    def filter_flagged(
        self,
        mentions: list[PlaceMention],
        folds: list[str],
        demonyms: Counter[str],
        tokens: Sequence[Token] = (),
        dateline: tuple[int, int] = (0, 0),
    ) -> list[PlaceMention]:
        """Keep a flagged mention only with evidence; say which in ``rule``."""
        settled = [m for m in mentions if not m.flagged and m.resolution is not None]
        supported = set(demonyms) | {m.resolution.candidate.country for m in settled if m.resolution}
        anchors = [
            m.resolution.candidate
            for m in settled
            if m.resolution is not None and m.resolution.candidate.type != "country"
        ]
        unflagged = _Adjacency.of([m for m in mentions if not m.flagged])
        keep: list[PlaceMention] = []
        for m in mentions:
            if not m.flagged:
                keep.append(m)
                continue
            vetoes = self.tables.ambiguous.get(m.key)
            if vetoes is not None:
                before = set(folds[max(0, m.core_start - 2) : m.core_start])
                after = folds[m.core_end] if m.core_end < len(folds) else ""
                if before & vetoes[0] or after in vetoes[1] or (after.isdigit() and "0" in vetoes[1]):
                    continue
            cands = list(self.geocoder.lookup(m.key))
            parent = m.parent.resolution if m.parent is not None and not m.parent.flagged else None
            evidence = ""
            if (
                m.hint is not None
                and m.tok_start < m.core_start
                and (
                    not (m.extra.get("common") or m.extra.get("obscure"))
                    or any(agrees(m.hint, c.type) for c in cands)
                )
            ):
                evidence = "an admin word names it"
            elif (
                parent is not None
                # "ادلب کا دورہ" is a visit to Idlib, not a village in it: an everyday word
                # needs an admin word (handled above) as well as a parent
                and not m.extra.get("common")
                and any(consistent(parent.candidate, c) for c in cands)
            ):
                evidence = f"the text puts it in {parent.candidate.name}"
            elif m.as_country and any(c.type == "country" for c in cands):
                evidence = "a state noun follows"
            elif (
                self._in_list(m, unflagged, tokens)
                and not m.extra.get("surname")
                and any(
                    c.type in ("country", "region")
                    or (c.population >= 100_000 and not m.extra.get("common"))
                    or (m.extra.get("small") and not m.extra.get("common") and close_to(c, anchors, _NEAR_KM))
                    for c in cands
                )
            ):
                evidence = "it stands in a list of places"
            elif (
                m.key in self.tables.ambiguous
                and not m.extra.get("surname")
                and any(c.type == "country" and c.country in supported for c in cands)
            ):
                evidence = "the document names the country"
            elif (
                not m.extra.get("surname")
                and not m.extra.get("common")
                and any(
                    c.country in supported
                    and (
                        (m.extra.get("small") and not m.extra.get("obscure"))
                        or (c.population >= 100_000 and same_onset(m.key, c.name))
                    )
                    for c in cands
                )
            ):
                evidence = "in a country the document names"
            elif (
                not m.extra.get("surname")
                and not m.extra.get("common")
                and any(close_to(c, anchors, _NEAR_KM) for c in cands if c.src & TRUSTED)
            ):
                evidence = "near another place the text names"
            elif m.near_pattern and (town := town_of(m.near_ref)) is not None:
                evidence = f"the text puts it near {town.name}"
            elif (
                m.tok_start == dateline[0] < m.tok_end < dateline[1]
                and not m.extra.get("surname")
                and any(
                    c.type == "locality" and c.population >= _DATELINE_POP and c.country in supported
                    for c in cands
                )
            ):
                # "صوفیہ ۔ 5 اگست (اے پی پی)": a name alone that opens the dateline is the city
                # the story was filed from, not the given name it also is; a city of a country
                # the story names ("کنگسٹن" of a West Indies tour is not the Canadian one)
                evidence = "it opens the dateline"
            if evidence:
                m.rule = f"{_FLAG_WORDS[next(iter(m.extra))]}, but {evidence}"
                keep.append(m)
        return keep
