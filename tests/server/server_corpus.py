"""Five invented Urdu reports, coded by hand, for the API and browser tests.

Spans are found in the text by their words, so every offset is right by construction; the tests
check that the API hands them on and the page marks them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from waqia.document import Document, Sentence
from waqia.record import Actor, Claim, Count, DateRef, Event, Place, TextSpan
from waqia.store import open_store

WRITE_TOKEN = "test-token-0123456789abcdef"

QUETTA = (
    "کوئٹہ میں بم دھماکہ، تین اہلکار جاں بحق\n\n"
    "کوئٹہ (نامہ نگار) منگل کے روز سریاب روڈ پر نامعلوم افراد نے پولیس کی گاڑی کو بم سے نشانہ بنایا"
    " جس سے تین اہلکار جاں بحق اور پانچ زخمی ہو گئے۔ پولیس کے مطابق حملہ آور فرار ہو گئے۔"
)
LAHORE = (
    "لاہور میں کسانوں کا احتجاج\n\n"
    "لاہور (اپنے نامہ نگار سے) بدھ کو سیکڑوں کسانوں نے گندم کی قیمت کے خلاف پریس کلب کے سامنے مظاہرہ کیا۔"
    " کسان اتحاد کے رہنما نے مطالبہ کیا کہ حکومت فوری طور پر قیمت مقرر کرے۔"
)
PESHAWAR = (
    "پشاور میں چھاپے، دس مشتبہ افراد گرفتار\n\n"
    "پشاور (اے پی پی) پولیس نے اتوار کو شہر کے مختلف علاقوں میں چھاپے مار کر دس مشتبہ افراد کو گرفتار کر لیا۔"
)
KABUL = (
    "اسلام آباد اور کابل کے درمیان بات چیت\n\n"
    "اسلام آباد (آن لائن) پاکستانی وفد نے جمعہ کو کابل میں افغان حکام سے ملاقات کی"
    " اور سرحدی تجارت پر بات چیت کی۔"
)
KARACHI = (
    "کراچی میں ٹرانسپورٹرز کی ہڑتال کی دھمکی\n\n"
    "کراچی (نمائندہ خصوصی) ٹرانسپورٹرز نے پیر کو خبردار کیا کہ اگر کرایوں کا مسئلہ حل نہ ہوا"
    " تو وہ ہڑتال کریں گے۔"
)


def _at(text: str, words: str, after: str | None = None) -> tuple[int, int]:
    """Offsets of ``words`` in ``text`` (after the first ``after``, when given)."""
    origin = text.index(after) if after is not None else 0
    start = text.index(words, origin)
    return start, start + len(words)


def span(text: str, words: str, after: str | None = None) -> TextSpan:
    start, end = _at(text, words, after)
    return TextSpan(words, start, end)


def actor(
    text: str, words: str, name: str, country: str | None, sector: str, after: str | None = None
) -> Actor:
    start, end = _at(text, words, after)
    return Actor(words, start, end, name=name, country=country, sector=sector)


def place(
    text: str, words: str, name: str, admin1: str | None, country: str, lat: float, lon: float
) -> Place:
    start, end = _at(text, words, "\n\n")  # the place in the body, not the headline
    return Place(
        words, start, end, name=name, country=country, admin1=admin1, lat=lat, lon=lon, geo_precision=1
    )


def date(text: str, words: str, value: str) -> DateRef:
    start, end = _at(text, words, "\n\n")
    return DateRef(words, start, end, value=value, precision=1)


def count(text: str, words: str, best: int) -> Count:
    start, end = _at(text, words, "\n\n")
    return Count(words, start, end, best=best)


def _sentences(raw: str) -> list[Sentence]:
    """Sentence spans at the Urdu full stop and the blank line (for the store's evidence column)."""
    out: list[Sentence] = []
    start = 0
    for index, char in enumerate(raw):
        if char in "۔\n" and raw[start:index].strip():
            out.append(Sentence(start, index + 1, 0, 0))
            start = index + 1
        elif char == "\n":
            start = index + 1
    if raw[start:].strip():
        out.append(Sentence(start, len(raw), 0, 0))
    return out


def document(
    doc_id: str, raw: str, pub_date: str, events: list[Event], source: str = "Test Urdu"
) -> Document:
    doc = Document(
        raw=raw, doc_id=doc_id, pub_date=pub_date, source=source, url=f"https://example.org/{doc_id}"
    )
    doc.sentences = _sentences(raw)
    doc.events = events
    return doc


def corpus() -> list[Document]:
    q, la, pe, ka, kr = QUETTA, LAHORE, PESHAWAR, KABUL, KARACHI
    return [
        document(
            "quetta-blast",
            q,
            "2024-03-12",
            [
                Event(
                    type="ASSAULT",
                    mode="explosives",
                    trigger=span(q, "بم سے نشانہ بنایا"),
                    actor1=actor(q, "نامعلوم افراد", "unidentified armed men", "PAK", "UAF"),
                    actor2=actor(q, "پولیس", "Balochistan Police", "PAK", "COP", after="نامعلوم"),
                    location=place(q, "کوئٹہ", "Quetta", "Balochistan", "PAK", 30.184, 67.001),
                    date=date(q, "منگل", "2024-03-12"),
                    fatalities=count(q, "تین اہلکار", 3),
                    injured=count(q, "پانچ", 5),
                    claim=Claim("پولیس کے مطابق", *_at(q, "پولیس کے مطابق"), by="police", kind="official"),
                    acled={
                        "event_type": "Explosions/Remote violence",
                        "sub_event_type": "Remote explosive/landmine/IED",
                    },
                    confidence=0.95,
                )
            ],
        ),
        document(
            "lahore-protest",
            la,
            "2024-03-13",
            [
                Event(
                    type="PROTEST",
                    mode="demonstrate",
                    trigger=span(la, "مظاہرہ کیا"),
                    actor1=actor(la, "سیکڑوں کسانوں", "farmers", "PAK", "CVL"),
                    location=place(la, "لاہور", "Lahore", "Punjab", "PAK", 31.558, 74.351),
                    date=date(la, "بدھ", "2024-03-13"),
                    acled={"event_type": "Protests", "sub_event_type": "Peaceful protest"},
                    confidence=0.9,
                ),
                Event(
                    type="REQUEST",
                    trigger=span(la, "مطالبہ کیا"),
                    actor1=actor(la, "کسان اتحاد کے رہنما", "Kissan Ittehad", "PAK", "SOC"),
                    actor2=actor(la, "حکومت", "Government of Pakistan", "PAK", "GOV"),
                    date=date(la, "بدھ", "2024-03-13"),
                    confidence=0.7,
                ),
            ],
        ),
        document(
            "peshawar-arrests",
            pe,
            "2024-03-10",
            [
                Event(
                    type="COERCE",
                    mode="arrest",
                    trigger=span(pe, "گرفتار کر لیا"),
                    actor1=actor(pe, "پولیس", "Khyber Pakhtunkhwa Police", "PAK", "COP", after="\n\n"),
                    actor2=actor(pe, "دس مشتبہ افراد", "suspects", "PAK", "UNK", after="\n\n"),
                    location=place(pe, "پشاور", "Peshawar", "Khyber Pakhtunkhwa", "PAK", 34.008, 71.578),
                    date=date(pe, "اتوار", "2024-03-10"),
                    acled={"event_type": "Strategic developments", "sub_event_type": "Arrests"},
                    confidence=0.85,
                )
            ],
        ),
        document(
            "kabul-talks",
            ka,
            "2024-03-08",
            [
                Event(
                    type="CONSULT",
                    trigger=span(ka, "ملاقات کی"),
                    actor1=actor(ka, "پاکستانی وفد", "Government of Pakistan", "PAK", "GOV"),
                    actor2=actor(ka, "افغان حکام", "Government of Afghanistan", "AFG", "GOV"),
                    location=place(ka, "کابل", "Kabul", "Kabul", "AFG", 34.528, 69.172),
                    date=date(ka, "جمعہ", "2024-03-08"),
                    confidence=0.8,
                )
            ],
            source="Other Urdu",
        ),
        document(
            "karachi-warning",
            kr,
            "2024-03-11",
            [
                Event(
                    type="THREATEN",
                    trigger=span(kr, "خبردار کیا"),
                    actor1=actor(kr, "ٹرانسپورٹرز", "transporters", "PAK", "BUS", after="\n\n"),
                    location=place(kr, "کراچی", "Karachi", "Sindh", "PAK", 24.861, 67.010),
                    date=date(kr, "پیر", "2024-03-11"),
                    confidence=0.75,
                ),
                Event(
                    type="PROTEST",
                    mode="strike",
                    modality="threatened",
                    trigger=span(kr, "ہڑتال کریں گے"),
                    actor1=actor(kr, "ٹرانسپورٹرز", "transporters", "PAK", "BUS", after="\n\n"),
                    location=place(kr, "کراچی", "Karachi", "Sindh", "PAK", 24.861, 67.010),
                    date=date(kr, "پیر", "2024-03-11"),
                    confidence=0.6,
                ),
            ],
        ),
    ]


N_EVENTS = 7


def fill_store(path: Path) -> str:
    url = str(path)
    with open_store(url) as store:
        store.add_documents(corpus())
        store.assign_clusters()
    return url


def event_ids(client: TestClient, **params: Any) -> list[str]:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return [item["event_id"] for item in response.json()["items"]]
