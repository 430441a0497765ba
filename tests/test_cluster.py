"""Cross-document clustering (and in-document merging) of events. Inputs are built by hand."""

from __future__ import annotations

import random

from waqia.cluster import actors_agree, cluster_events, clusters_of, places_agree
from waqia.document import Document
from waqia.record import Actor, Count, DateRef, Event, Place, TextSpan

QUETTA = Place(text="کوئٹہ", name="Quetta", country="PAK", admin1="Balochistan", geo_precision=1)
PESHAWAR = Place(text="پشاور", name="Peshawar", country="PAK", admin1="Khyber Pakhtunkhwa", geo_precision=1)
PAKISTAN = Place(text="پاکستان", name="Pakistan", country="PAK", geo_precision=3)
KABUL = Place(text="کابل", name="Kabul", country="AFG", admin1="Kabul", geo_precision=1)
POLICE = Actor(text="پولیس", name="police", country="PAK", sector="COP")
TALIBAN = Actor(text="طالبان", name="Tehrik-i-Taliban Pakistan", country="PAK", sector="REB")


def event(
    typ: str,
    place: Place | None,
    day: str,
    *,
    killed: int | None = None,
    actor1: Actor | None = None,
    trigger: str = "حملہ",
) -> Event:
    return Event(
        type=typ,
        trigger=TextSpan(trigger, 0, len(trigger)),
        location=place,
        date=DateRef(text=None, value=day, precision=2),
        fatalities=Count(text=str(killed), best=killed) if killed is not None else None,
        actor1=actor1,
    )


def doc(doc_id: str, *events: Event, pub_date: str = "2014-10-01") -> Document:
    d = Document(raw="متن", doc_id=doc_id, pub_date=pub_date)
    d.events = list(events)
    return d


def test_the_same_attack_in_three_papers_is_one_cluster() -> None:
    docs = [
        doc("a", event("ASSAULT", QUETTA, "2014-10-01", killed=7, actor1=TALIBAN)),
        doc("b", event("ASSAULT", QUETTA, "2014-10-02", killed=7)),
        doc(
            "c",
            event("ASSAULT", QUETTA, "2014-10-01", actor1=TALIBAN),
            event("COERCE", QUETTA, "2014-10-01", actor1=POLICE, trigger="گرفتار"),
        ),
        doc("d", event("COERCE", QUETTA, "2014-10-02", actor1=POLICE, trigger="گرفتار")),
    ]
    cluster_events(docs)
    groups = sorted(sorted(members) for members in clusters_of(docs).values())
    assert [("a", 0), ("b", 0), ("c", 0)] in groups
    assert [("c", 1), ("d", 0)] in groups


def test_different_places_dates_tolls_and_types_stay_apart() -> None:
    docs = [
        doc("a", event("ASSAULT", QUETTA, "2014-10-01", killed=7)),
        doc("b", event("ASSAULT", PESHAWAR, "2014-10-01", killed=7)),  # another city
        doc("c", event("ASSAULT", QUETTA, "2014-11-20", killed=7)),  # seven weeks later
        doc("d", event("ASSAULT", QUETTA, "2014-10-01", killed=40)),  # another toll
        doc("e", event("PROTEST", QUETTA, "2014-10-01", trigger="مظاہرہ")),  # another type
        doc("f", event("ASSAULT", KABUL, "2014-10-01", killed=7)),  # another country: another block
    ]
    cluster_events(docs)
    assert len(clusters_of(docs)) == 6


def test_two_events_of_one_document_never_share_a_cluster() -> None:
    docs = [
        doc("a", event("ASSAULT", QUETTA, "2014-10-01"), event("ASSAULT", QUETTA, "2014-10-01")),
        doc("b", event("ASSAULT", QUETTA, "2014-10-01")),
    ]
    cluster_events(docs)
    ids = [e.cluster_id for e in docs[0].events]
    assert ids[0] != ids[1]
    assert docs[1].events[0].cluster_id in ids


def test_clustering_is_deterministic_and_every_event_gets_an_id() -> None:
    def build() -> list[Document]:
        rng = random.Random(7)
        out = []
        for i in range(60):
            place = rng.choice([QUETTA, PESHAWAR, KABUL, PAKISTAN])
            day = f"2014-10-{rng.randint(1, 28):02d}"
            out.append(
                doc(
                    f"d{i:03d}",
                    event(rng.choice(["ASSAULT", "COERCE"]), place, day, killed=rng.choice([None, 1, 2, 5])),
                )
            )
        return out

    first, second = build(), build()
    cluster_events(first)
    cluster_events(second)
    assert [e.cluster_id for d in first for e in d.events] == [e.cluster_id for d in second for e in d.events]
    assert all(e.cluster_id for d in first for e in d.events)


def test_blocking_compares_only_events_of_one_type_country_and_window(monkeypatch: object) -> None:
    import waqia.cluster as cluster

    compared: list[tuple[str, str]] = []
    original = cluster._score

    def spy(a: cluster._Item, b: cluster._Item, window: int) -> float | None:
        compared.append((a.doc_id, b.doc_id))
        return original(a, b, window)

    monkeypatch.setattr(cluster, "_score", spy)  # type: ignore[attr-defined]
    docs = [doc(f"q{i}", event("ASSAULT", QUETTA, f"2014-10-{1 + 5 * i:02d}")) for i in range(5)]
    docs += [doc(f"k{i}", event("ASSAULT", KABUL, "2014-10-01")) for i in range(3)]
    cluster_events(docs, window_days=3)
    assert all(a[0] == b[0] for a, b in compared)  # Quetta never meets Kabul
    assert len(compared) < len(docs) * (len(docs) - 1) // 2


def test_places_and_actors_agree() -> None:
    assert places_agree(QUETTA, QUETTA)
    assert places_agree(PAKISTAN, QUETTA)  # the country holds the town
    assert not places_agree(QUETTA, PESHAWAR)
    assert not places_agree(KABUL, PAKISTAN)
    balochistan = Place(
        text="بلوچستان", name="Balochistan", country="PAK", admin1="Balochistan", geo_precision=3
    )
    punjab = Place(text="پنجاب", name="Punjab", country="PAK", admin1="Punjab", geo_precision=3)
    assert places_agree(PAKISTAN, balochistan)  # the country holds its provinces
    assert places_agree(balochistan, QUETTA)
    assert not places_agree(balochistan, punjab)
    assert places_agree(None, KABUL)
    assert actors_agree(TALIBAN, None)
    assert not actors_agree(TALIBAN, Actor(text="x", name="al-Qaeda", country=None, sector="REB"))


def _all_pairs_reference(docs: list[Document], window: int) -> list[str]:
    """Clustering without blocks: every pair of one type and country whose dates are both unknown or
    fall in the same or neighbouring windows is scored, then joined greedily as cluster_events does."""
    import waqia.cluster as cluster

    items = [
        cluster.event_item(di, ei, d.doc_id, e, d.pub_date)
        for di, d in enumerate(docs)
        for ei, e in enumerate(d.events)
    ]
    pairs = []
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            x, y = items[a], items[b]
            if x.type != y.type or x.country != y.country or x.doc == y.doc:
                continue
            if (x.day is None) != (y.day is None):
                continue
            if x.day is not None and y.day is not None and abs(x.day // window - y.day // window) > 1:
                continue
            score = cluster._score(x, y, window)
            if score is not None:
                pairs.append((-score, a, b))
    parent = list(range(len(items)))
    members = [{it.doc} for it in items]

    def find(k: int) -> int:
        while parent[k] != k:
            k = parent[k]
        return k

    for _neg, a, b in sorted(pairs):
        ra, rb = find(a), find(b)
        if ra != rb and not members[ra] & members[rb]:
            parent[rb] = ra
            members[ra] |= members[rb]
    return [cluster._cluster_name(items[find(k)]) for k in range(len(items))]


def test_blocking_loses_no_pair_an_all_pairs_clustering_would_join() -> None:
    places = [QUETTA, PESHAWAR, PAKISTAN, KABUL, None]
    for seed in range(30):
        rng = random.Random(seed)
        docs = []
        for i in range(rng.randint(5, 70)):
            events = [
                event(
                    rng.choice(["ASSAULT", "COERCE"]),
                    rng.choice(places),
                    f"2014-10-{rng.randint(1, 28):02d}",
                    killed=rng.choice([None, 2, 7]),
                    actor1=rng.choice([None, POLICE, TALIBAN]),
                )
                for _ in range(rng.randint(0, 2))
            ]
            docs.append(doc(f"d{i:03d}", *events))
        cluster_events(docs, window_days=3, max_block=10_000)
        assert [e.cluster_id for d in docs for e in d.events] == _all_pairs_reference(docs, 3), seed
