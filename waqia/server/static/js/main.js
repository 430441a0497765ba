// The page: filters kept in the address (#/?type=ASSAULT&start=…, so views can be bookmarked and the
// back button works), a map, a timeline and a table of the matching events, and an event page at
// #/event/<id>.
import { api, FILTER_NAMES } from "./api.js";
import { debounce, el } from "./dom.js";
import { renderEvent } from "./event.js";
import { EventMap } from "./map.js";
import { EVENT_TYPES, MODALITIES } from "./palette.js";
import { renderRows } from "./table.js";
import { renderTimeline } from "./timeline.js";

const PAGE_SIZE = 50;
const MAP_LIMIT = 500; // the API's largest page

const form = document.getElementById("filters");
const eventsView = document.getElementById("view-events");
const eventView = document.getElementById("view-event");
const banner = document.getElementById("error-banner");

const state = { filters: {}, offset: 0, lastListHash: "#/", map: null, pending: null, days: [] };

function showError(message) {
  banner.textContent = message;
  banner.hidden = !message;
}

function openEvent(eventId) {
  location.hash = `#/event/${encodeURIComponent(eventId)}`;
}

// ---------------------------------------------------------------- filters <-> address

function filtersFromHash(hash) {
  const query = hash.includes("?") ? hash.slice(hash.indexOf("?") + 1) : "";
  const params = new URLSearchParams(query);
  const filters = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  const offset = Number.parseInt(params.get("offset") ?? "0", 10);
  return { filters, offset: Number.isFinite(offset) && offset > 0 ? offset : 0 };
}

function hashFor(filters, offset) {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) if (filters[name]) params.set(name, filters[name]);
  if (offset) params.set("offset", String(offset));
  const query = params.toString();
  return query ? `#/?${query}` : "#/";
}

function readForm() {
  const data = new FormData(form);
  const filters = {};
  for (const name of FILTER_NAMES) {
    const value = String(data.get(name) ?? "").trim();
    if (value) filters[name] = value;
  }
  return filters;
}

function writeForm(filters) {
  for (const name of FILTER_NAMES) {
    const field = form.elements.namedItem(name);
    if (!field) continue;
    const value = filters[name] ?? "";
    if (field.tagName === "SELECT" && value && ![...field.options].some((option) => option.value === value)) {
      field.append(el("option", { value, text: value })); // e.g. a country from a bookmarked address
    }
    field.value = value;
  }
}

// Typing waits for a pause. A late call (a "change" fired as focus left a field, then the user
// opened an event) must not pull the page back to the list: only the list view applies the form,
// and only when the form says something new.
const applyForm = debounce(() => {
  if (eventsView.hidden) return;
  const filters = readForm();
  if (hashFor(filters, 0) === hashFor(state.filters, 0)) return;
  location.hash = hashFor(filters, 0);
}, 300);

function fillSelect(name, values, labels = new Map()) {
  const select = form.elements.namedItem(name);
  for (const value of values) select.append(el("option", { value, text: labels.get(value) ?? value }));
}

async function fillCountries() {
  try {
    const rows = await api.stats("country", {});
    const codes = rows.filter((row) => row.key).sort((a, b) => b.count - a.count);
    fillSelect("country", codes.map((row) => row.key), new Map(codes.map((row) => [row.key, `${row.key} (${row.count})`])));
    writeForm(state.filters);
  } catch (error) {
    showError(`Could not load the list of countries: ${error.message}`);
  }
}

// ---------------------------------------------------------------- the events view

async function refreshEvents() {
  state.pending?.abort();
  const controller = new AbortController();
  state.pending = controller;
  const { filters, offset } = state;
  const count = document.getElementById("result-count");
  count.textContent = "loading…";
  try {
    const [page, mapPage, days] = await Promise.all([
      api.events(filters, PAGE_SIZE, offset, controller.signal),
      api.events(filters, MAP_LIMIT, 0, controller.signal),
      api.stats("day", filters, controller.signal),
    ]);
    showError("");
    renderRows(document.querySelector("#events-table tbody"), page.items, openEvent);
    const last = Math.min(page.offset + page.items.length, page.total);
    count.textContent = `${page.total} event${page.total === 1 ? "" : "s"}`;
    document.getElementById("page-info").textContent =
      page.total ? `${page.offset + 1}–${last} of ${page.total}` : "";
    document.getElementById("page-prev").disabled = page.offset === 0;
    document.getElementById("page-next").disabled = last >= page.total;
    const located = mapPage.items.filter((item) => typeof item.lat === "number").length;
    document.getElementById("map-note").textContent = mapPage.total > MAP_LIMIT
      ? `latest ${MAP_LIMIT} of ${mapPage.total} events · ${located} placed`
      : `${located} of ${mapPage.total} events placed`;
    state.map?.show(mapPage.items);
    state.days = days;
    drawTimeline();
    document.body.dataset.ready = "events";
  } catch (error) {
    if (error.name === "AbortError") return;
    count.textContent = "";
    showError(`Could not load events: ${error.message}`);
  }
}

function drawTimeline() {
  renderTimeline(document.getElementById("timeline"), document.getElementById("timeline-note"), state.days,
    (start, end) => {
      location.hash = hashFor({ ...state.filters, start, end }, 0);
    });
}

function showEventsView(hash) {
  eventView.hidden = true;
  eventsView.hidden = false;
  state.lastListHash = hash || "#/";
  const { filters, offset } = filtersFromHash(hash);
  state.filters = filters;
  state.offset = offset;
  writeForm(filters);
  state.map?.invalidate();
  refreshEvents();
}

async function showEventView(eventId) {
  eventsView.hidden = true;
  eventView.hidden = false;
  delete document.body.dataset.ready;
  window.scrollTo(0, 0);
  try {
    const detail = await renderEvent(eventView, eventId, state.lastListHash);
    document.title = `${detail.type} · waqia`;
    showError("");
    document.body.dataset.ready = "event";
  } catch (error) {
    eventView.replaceChildren(
      el("nav", { class: "crumbs" }, el("a", { href: state.lastListHash, class: "back", text: "← All events" })),
      el("p", { class: "empty", text: error.status === 404 ? "There is no event with this id." : `Could not load the event: ${error.message}` }));
  }
}

function route() {
  const hash = location.hash || "#/";
  const match = /^#\/event\/(.+)$/.exec(hash);
  if (match) {
    showEventView(decodeURIComponent(match[1]));
  } else {
    document.title = "waqia · conflict events from Urdu news";
    showEventsView(hash);
  }
}

// ---------------------------------------------------------------- start

function start() {
  // On a phone the filters fold away under their heading so that the map is on the first screen.
  const narrow = window.matchMedia("(max-width: 600px)");
  const filterBox = document.getElementById("filter-box");
  filterBox.open = !narrow.matches;
  narrow.addEventListener("change", () => {
    filterBox.open = !narrow.matches;
  });
  fillSelect("type", EVENT_TYPES);
  fillSelect("modality", MODALITIES);
  form.addEventListener("input", applyForm);
  form.addEventListener("change", applyForm);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    setTimeout(() => {
      location.hash = "#/";
    }, 0);
  });
  document.getElementById("page-prev").addEventListener("click", () => {
    location.hash = hashFor(state.filters, Math.max(0, state.offset - PAGE_SIZE));
  });
  document.getElementById("page-next").addEventListener("click", () => {
    location.hash = hashFor(state.filters, state.offset + PAGE_SIZE);
  });
  state.map = new EventMap(document.getElementById("map"), document.getElementById("map-legend"), openEvent);
  state.map.loadOutlines().catch((error) => showError(`Could not load the country outlines: ${error.message}`));
  window.addEventListener("resize", debounce(() => {
    if (!eventsView.hidden) drawTimeline();
  }, 250));
  window.addEventListener("hashchange", route);
  fillCountries();
  route();
}

start();
