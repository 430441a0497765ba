"""The web page in a real headless Chromium (Debian's, driven by Playwright; no browser is downloaded).

The app runs under uvicorn on a free loopback port over the hand-coded store of conftest. Every
request the page makes is recorded: all must go to that loopback server. Screenshots go to pytest's
temporary folder, or to docs/screenshots/ with WAQIA_UPDATE_SCREENSHOTS=1.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from server_corpus import QUETTA

from waqia.server import create_app
from waqia.server._live import serving

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
MAX_SCREENSHOT_BYTES = 400 * 1024
TIMEOUT_MS = 15_000

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs Chromium at {CHROMIUM} (scripts/system-deps.sh installs it)")
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=CHROMIUM_ARGS,
            headless=True,
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def base_url(store_url: str) -> Iterator[str]:
    with serving(create_app(store_url)) as url:
        yield url


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("WAQIA_UPDATE_SCREENSHOTS"):
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return DOCS_SCREENSHOTS
    return tmp_path_factory.mktemp("screenshots")


@dataclass
class Visit:
    """A page and everything it asked for or complained about."""

    page: Any
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def foreign_requests(self, base_url: str) -> list[str]:
        own = urlsplit(base_url).netloc
        return [url for url in self.requests if not url.startswith("data:") and urlsplit(url).netloc != own]


def _console(seen: Visit, message: Any) -> None:
    if message.type == "error":
        seen.problems.append(f"console: {message.text}")


@pytest.fixture
def visit(chromium: Any, base_url: str) -> Iterator[Any]:
    contexts: list[Any] = []

    def open_page(path: str = "/", **context_options: Any) -> Visit:
        context = chromium.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        seen = Visit(page)
        page.on("request", lambda request: seen.requests.append(request.url))
        page.on("pageerror", lambda error: seen.problems.append(f"page error: {error}"))
        page.on("console", lambda message: _console(seen, message))
        page.goto(base_url + path)
        return seen

    yield open_page
    for context in contexts:
        context.close()


def _save(page: Any, shots: Path, name: str) -> Path:
    path = shots / name
    page.mouse.move(0, 0)  # no hover highlight in the picture
    page.screenshot(path=str(path))
    assert path.stat().st_size < MAX_SCREENSHOT_BYTES, f"{name} is {path.stat().st_size} bytes"
    return path


def _quetta_event_id(page: Any) -> str:
    row = page.locator("#events-table tbody tr", has_text="Quetta")
    return str(row.get_attribute("data-event-id"))


def test_map_filter_and_event_page(visit: Any, base_url: str, shots: Path) -> None:
    seen = visit("/", viewport={"width": 1366, "height": 900})
    page = seen.page
    page.wait_for_selector("body[data-ready=events]")
    rows = page.locator("#events-table tbody tr[data-event-id]")
    assert rows.count() == 7
    assert page.locator("#result-count").inner_text() == "7 events"
    # one circle per place: Karachi's two events share one, and the Lahore demand has no place
    assert page.locator("path.event-marker").count() == 5
    assert page.locator("#timeline rect.bar").count() == 6  # 8 to 13 March, gaps included
    page.wait_for_function("() => document.querySelectorAll('.leaflet-overlay-pane path').length > 100")
    _save(page, shots, "map.png")

    # filter: the table, the map and the address follow
    page.select_option("select[name=type]", "PROTEST")
    page.wait_for_function("() => document.querySelector('#result-count').textContent === '2 events'")
    assert rows.count() == 2
    assert page.locator("#events-table tbody .type-chip").all_inner_texts() == ["PROTEST", "PROTEST"]
    assert sorted(page.locator("#events-table tbody .mode").all_inner_texts()) == ["demonstrate", "strike"]
    assert "type=PROTEST" in page.evaluate("location.hash")
    assert page.locator("path.event-marker").count() == 2
    page.fill("input[name=q]", "گندم")
    page.wait_for_function("() => document.querySelector('#result-count').textContent === '1 event'")
    page.click("button[type=reset]")
    page.wait_for_function("() => document.querySelector('#result-count').textContent === '7 events'")

    # a map point opens its event page with the evidence marked in the Urdu text
    event_id = _quetta_event_id(page)
    page.locator(f'path.event-marker[data-event-ids="{event_id}"]').click()
    page.wait_for_selector("body[data-ready=event]")
    assert page.evaluate("location.hash") == f"#/event/{event_id}"
    article = page.locator(".article")
    assert article.get_attribute("dir") == "rtl"
    assert article.get_attribute("lang") == "ur"
    # the headline and the body, each with its own words; offsets are those of the whole text
    assert article.locator("p").all_text_contents() == QUETTA.split("\n\n")
    marks = {
        name: page.locator(f".article mark.hl-{name}").all_inner_texts()
        for name in ("trigger", "actor1", "actor2", "location", "date", "fatalities", "injured", "claim")
    }
    assert marks["trigger"] == ["بم سے نشانہ بنایا"]
    assert marks["actor1"] == ["نامعلوم افراد"]
    assert marks["location"] == ["کوئٹہ"]
    assert marks["fatalities"] == ["تین اہلکار"]
    assert marks["injured"] == ["پانچ"]
    assert marks["date"] == ["منگل"]
    assert marks["claim"] == ["پولیس کے مطابق"]
    assert marks["actor2"] == ["پولیس"]
    legend = page.locator(".evidence-legend").inner_text()
    for english in (
        "unidentified armed men",
        "Quetta",
        "3 people",
        "police · official",
        "ASSAULT · explosives",
    ):
        assert english in legend, english
    font = page.evaluate("getComputedStyle(document.querySelector('.article')).fontFamily")
    assert "Naskh" in font or "Nastaliq" in font
    _save(page, shots, "event.png")

    page.click("a.back")
    page.wait_for_selector("body[data-ready=events]")
    assert seen.foreign_requests(base_url) == []
    assert seen.problems == []


def test_table_row_and_shared_map_point_open_events(visit: Any, base_url: str) -> None:
    seen = visit("/", viewport={"width": 1280, "height": 800})
    page = seen.page
    page.wait_for_selector("body[data-ready=events]")
    page.locator("#events-table tbody tr", has_text="Kabul").click()
    page.wait_for_selector("body[data-ready=event]")
    assert page.locator(".article mark.hl-trigger").inner_text() == "ملاقات کی"
    assert "Government of Afghanistan" in page.locator(".evidence-legend").inner_text()

    page.go_back()
    page.wait_for_selector("body[data-ready=events]")
    karachi = page.locator("path.event-marker[data-event-ids*=' ']")  # two events, one place
    karachi.click()
    links = page.locator(".leaflet-popup .popup-link")
    assert links.count() == 2
    links.first.click()
    page.wait_for_selector("body[data-ready=event]")
    assert page.locator(".article mark.hl-trigger").inner_text() in ("خبردار کیا", "ہڑتال کریں گے")
    assert seen.foreign_requests(base_url) == []
    assert seen.problems == []


def test_phone_layout(visit: Any, base_url: str, shots: Path) -> None:
    phone = {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    }
    seen = visit("/", **phone)
    page = seen.page
    page.wait_for_selector("body[data-ready=events]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sideways
    map_box = page.locator("#map").bounding_box()
    table_box = page.locator(".table-panel").bounding_box()
    assert map_box["width"] > 330
    assert table_box["y"] > map_box["y"] + map_box["height"]  # stacked, not side by side
    page.wait_for_function("() => document.querySelectorAll('.leaflet-overlay-pane path').length > 100")
    _save(page, shots, "phone.png")

    page.locator("#events-table tbody tr", has_text="Quetta").click()
    page.wait_for_selector("body[data-ready=event]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    text_box = page.locator(".event-text").bounding_box()
    assert text_box["width"] > 330
    assert page.locator(".article mark.hl-trigger").inner_text() == "بم سے نشانہ بنایا"
    _save(page, shots, "phone-event.png")
    assert seen.foreign_requests(base_url) == []
    assert seen.problems == []


def test_unknown_event_page(visit: Any) -> None:
    seen = visit("/#/event/nope-0", viewport={"width": 1024, "height": 700})
    page = seen.page
    page.wait_for_selector("text=There is no event with this id.")
    assert [p for p in seen.problems if "404" not in p] == []


def test_api_docs_work_offline(visit: Any, base_url: str) -> None:
    seen = visit("/docs", viewport={"width": 1280, "height": 800})
    page = seen.page
    page.wait_for_selector(".swagger-ui .info .title")
    assert "waqia" in page.locator(".swagger-ui .info .title").inner_text()
    # an operation tried out from the page: Swagger UI calls the API under the same CSP
    page.locator(".opblock-summary", has_text="/api/events").first.click()
    page.get_by_text("Try it out").first.click()
    page.get_by_text("Execute").first.click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    assert seen.foreign_requests(base_url) == []
    assert seen.problems == []
