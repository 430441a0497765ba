// The event map: country outlines from the bundled Natural Earth file (no tile server) and one circle
// per place, sized by the people killed there and coloured by the event type.
import { el } from "./dom.js";
import { EVENT_TYPES, typeColour } from "./palette.js";

const L = globalThis.L;
const DEFAULT_VIEW = { center: [30.5, 69.5], zoom: 5 }; // Pakistan and its neighbours

function radius(fatalities) {
  return Math.min(30, 5 + 2.5 * Math.sqrt(fatalities));
}

function placeLabel(item) {
  return item.location_name || item.location_text || "unknown place";
}

// Events at the same coordinates (a town geocoded at town level) share one circle.
function groupByPlace(items) {
  const groups = new Map();
  for (const item of items) {
    if (typeof item.lat !== "number" || typeof item.lon !== "number") continue;
    const key = `${item.lat.toFixed(4)},${item.lon.toFixed(4)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  return [...groups.values()];
}

function dominantType(group) {
  // the most serious type present, in the palette's order (tier 1 first)
  const present = new Set(group.map((item) => item.type));
  return EVENT_TYPES.find((type) => present.has(type)) ?? group[0].type;
}

function eventLink(item, openEvent) {
  const text = `${item.date ?? "undated"} · ${item.type}` +
    (item.fatalities ? ` · ${item.fatalities} killed` : "");
  return el("a", {
    href: `#/event/${encodeURIComponent(item.event_id)}`,
    class: "popup-link",
    text,
    onclick: (event) => {
      event.preventDefault();
      openEvent(item.event_id);
    },
  });
}

export class EventMap {
  constructor(container, legend, openEvent) {
    this.openEvent = openEvent;
    this.map = L.map(container, {
      center: DEFAULT_VIEW.center,
      zoom: DEFAULT_VIEW.zoom,
      minZoom: 2,
      maxZoom: 11,
      worldCopyJump: true,
      preferCanvas: false, // SVG circles: each is an element that can be focused, clicked and tested
    });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Natural Earth");
    this.outlines = null;
    this.events = L.layerGroup().addTo(this.map);
    this.fitted = false;
    this.renderLegend(legend);
  }

  async loadOutlines() {
    const response = await fetch("/static/data/countries.geojson");
    if (!response.ok) throw new Error(`country outlines: ${response.status}`);
    const countries = await response.json();
    this.outlines = L.geoJSON(countries, {
      style: { color: "#9aa5b1", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
      interactive: false,
    }).addTo(this.map);
    this.outlines.bringToBack();
  }

  renderLegend(legend) {
    legend.replaceChildren(
      ...EVENT_TYPES.map((type) =>
        el("li", {}, el("span", { class: "swatch", style: null }), type)),
    );
    // colours through the CSSOM (allowed by the page's CSP, unlike style attributes in markup)
    legend.querySelectorAll(".swatch").forEach((swatch, index) => {
      swatch.style.backgroundColor = typeColour(EVENT_TYPES[index]);
    });
  }

  show(items) {
    this.events.clearLayers();
    const bounds = [];
    for (const group of groupByPlace(items)) {
      const killed = group.reduce((sum, item) => sum + (item.fatalities ?? 0), 0);
      const first = group[0];
      const latlng = [first.lat, first.lon];
      bounds.push(latlng);
      const marker = L.circleMarker(latlng, {
        radius: radius(killed),
        color: "#ffffff",
        weight: 1.5,
        fillColor: typeColour(dominantType(group)),
        fillOpacity: 0.85,
        className: "event-marker",
      });
      const label = group.length === 1
        ? `${first.type} · ${placeLabel(first)} · ${first.date ?? "undated"}`
        : `${group.length} events · ${placeLabel(first)}`;
      marker.bindTooltip(label + (killed ? ` · ${killed} killed` : ""), { direction: "top" });
      if (group.length === 1) {
        marker.on("click", () => this.openEvent(first.event_id));
      } else {
        const list = el("div", { class: "popup" },
          el("strong", { text: `${placeLabel(first)}: ${group.length} events` }),
          el("ul", {}, group.slice(0, 20).map((item) => el("li", {}, eventLink(item, this.openEvent)))),
          group.length > 20 ? el("p", { class: "note", text: `and ${group.length - 20} more in the table` }) : null);
        marker.bindPopup(list, { maxWidth: 280 });
      }
      marker.addTo(this.events);
      const path = marker.getElement();
      if (path) {
        path.setAttribute("data-event-ids", group.map((item) => item.event_id).join(" "));
        path.setAttribute("aria-label", label);
        path.setAttribute("role", "button");
      }
    }
    if (bounds.length && !this.fitted) {
      this.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 7 });
      this.fitted = true;
    }
  }

  invalidate() {
    this.map.invalidateSize();
  }
}
