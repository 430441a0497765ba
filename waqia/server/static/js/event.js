// The event page: the record in English beside the Urdu article, right to left, with the words each
// field came from marked by their raw offsets. Marks are built with DOM nodes around slices of the text
// (never as HTML), so nothing in an article can become markup.
import { api } from "./api.js";
import { el, formatCount, safeHref, urdu } from "./dom.js";
import { EVIDENCE_FIELDS } from "./palette.js";
import { typeChip } from "./table.js";

const PRECISION = { 1: "exact day", 2: "week", 3: "month" };
const GEO_PRECISION = { 1: "the place itself", 2: "near / part of a region", 3: "province or larger" };

function join(parts) {
  return parts.filter((part) => part !== null && part !== undefined && part !== "").join(" · ");
}

// What a field resolved to, in English.
function resolved(key, value, record) {
  switch (key) {
    case "trigger":
      return join([record.type, record.mode]);
    case "actor1":
    case "actor2":
    case "also":
      return join([value.name, value.sector, value.country]);
    case "location": {
      const coordinates = typeof value.lat === "number" && typeof value.lon === "number"
        ? `${value.lat.toFixed(3)}, ${value.lon.toFixed(3)}` : null;
      return join([value.name, value.admin1, value.country, coordinates]);
    }
    case "date":
      return join([value.value, PRECISION[value.precision]]);
    case "fatalities":
    case "injured": {
      const range = value.low !== null && value.low !== undefined && value.high !== null && value.high !== undefined
        ? `${value.low}–${value.high}` : null;
      return join([value.best !== null && value.best !== undefined ? `${value.best} people` : null, range]);
    }
    case "claim":
      return join([value.by, value.kind]);
    default:
      return "";
  }
}

// Every evidence span of the record, checked against the article: a span is marked only when its
// offsets hold exactly its words. Offsets count code points, as in Python.
function evidenceSpans(record, chars) {
  const spans = [];
  EVIDENCE_FIELDS.forEach((field, rank) => {
    const values = field.key === "also" ? record.also ?? [] : [record[field.key]];
    for (const value of values) {
      if (!value) continue;
      const { start, end } = value;
      const placed = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end &&
        end <= chars.length && chars.slice(start, end).join("") === value.text;
      spans.push({ field, rank, value, start, end, placed });
    }
  });
  return spans;
}

// The marked words of chars[from:to].
function markedRange(chars, placed, from, to) {
  const cuts = new Set([from, to]);
  for (const span of placed) {
    if (span.start > from && span.start < to) cuts.add(span.start);
    if (span.end > from && span.end < to) cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [start, end] = [points[i], points[i + 1]];
    const piece = chars.slice(start, end).join("");
    const covering = placed.filter((span) => span.start <= start && span.end >= end).sort((a, b) => a.rank - b.rank);
    if (!covering.length) {
      nodes.push(document.createTextNode(piece));
      continue;
    }
    const keys = [...new Set(covering.map((span) => span.field.key))];
    nodes.push(el("mark", {
      class: [`hl-${keys[0]}`, ...keys.slice(1).map((key) => `also-${key}`)].join(" "),
      "data-fields": keys.join(" "),
      title: [...new Set(covering.map((span) => span.field.label))].join(", "),
    }, piece));
  }
  return nodes;
}

// The article as paragraphs (split at blank lines; the first is the headline), each holding its
// marks. Offsets stay those of the whole text.
function markedArticle(text, spans) {
  const chars = Array.from(text);
  const placed = spans.filter((span) => span.placed);
  const paragraphs = [];
  let start = 0;
  const flush = (end) => {
    if (end > start) {
      paragraphs.push(el("p", { class: paragraphs.length === 0 ? "headline" : null },
        markedRange(chars, placed, start, end)));
    }
  };
  for (let i = 0; i < chars.length; i += 1) {
    if (chars[i] === "\n" && chars[i + 1] === "\n") {
      flush(i);
      while (chars[i + 1] === "\n") i += 1;
      start = i + 1;
    }
  }
  flush(chars.length);
  return paragraphs;
}

function legendItem(span, record, article) {
  const english = resolved(span.field.key, span.value, record);
  const item = el("li", { class: `legend-item legend-${span.field.key}` },
    el("span", { class: `swatch hl-${span.field.key}` }),
    el("span", { class: "legend-label", text: span.field.label }),
    span.value.text ? urdu(span.value.text, "bdi") : el("span", { class: "muted", text: "(no words)" }),
    el("span", { class: "legend-english", text: english ? `→ ${english}` : "" }),
    span.placed ? null : el("span", { class: "note", text: span.value.text ? " (not located in the text)" : "" }));
  if (span.placed) {
    item.tabIndex = 0;
    item.classList.add("clickable");
    const reveal = () => {
      const target = [...article.querySelectorAll("mark")].find((mark) =>
        mark.dataset.fields.split(" ").includes(span.field.key));
      if (!target) return;
      target.scrollIntoView({ block: "center", behavior: "smooth" });
      target.classList.remove("flash");
      void target.offsetWidth; // restart the animation
      target.classList.add("flash");
    };
    item.addEventListener("click", reveal);
    item.addEventListener("keydown", (event) => {
      if (event.key === "Enter") reveal();
    });
  }
  return item;
}

function detailRow(label, value) {
  if (value === null || value === undefined || value === "") return null;
  return [el("dt", { text: label }), el("dd", {}, value)];
}

function sourceLink(documentInfo) {
  const href = safeHref(documentInfo.url);
  const name = documentInfo.source ?? "source";
  return href ? el("a", { href, rel: "noopener noreferrer", target: "_blank", text: name }) : name;
}

async function otherEvents(section, docId, eventId) {
  try {
    const documentInfo = await api.document(docId);
    const events = documentInfo.events ?? [];
    if (events.length < 2) return;
    section.append(
      el("h2", { text: `All ${events.length} events in this article` }),
      el("ol", { class: "doc-events" }, events.map((item) => el("li", {},
        item.event_id === eventId
          ? el("strong", { text: `${item.type} (this event)` })
          : el("a", { href: `#/event/${encodeURIComponent(item.event_id)}`, text: item.type }),
        item.trigger_text ? [" ", urdu(item.trigger_text, "bdi")] : null))),
    );
  } catch {
    // the list is a convenience; the page is complete without it
  }
}

export async function renderEvent(container, eventId, backHref) {
  container.replaceChildren(el("p", { class: "loading", text: "Loading event…" }));
  const detail = await api.event(eventId);
  const record = detail.record ?? {};
  const documentInfo = detail.document ?? {};
  const text = documentInfo.text ?? "";
  const spans = evidenceSpans(record, Array.from(text));

  const article = el("div", { class: "article", lang: "ur", dir: "rtl" }, markedArticle(text, spans));
  const legend = el("ul", { class: "evidence-legend" }, spans.map((span) => legendItem(span, record, article)));
  const acled = record.acled ? join([record.acled.event_type, record.acled.sub_event_type]) : null;
  const cluster = detail.cluster_id
    ? el("a", { href: `#/?cluster=${encodeURIComponent(detail.cluster_id)}`, text: detail.cluster_id })
    : null;
  const details = el("dl", { class: "details" },
    detailRow("Modality", record.modality),
    detailRow("ACLED", acled),
    detailRow("Confidence", typeof record.confidence === "number" ? record.confidence.toFixed(2) : null),
    detailRow("Geo precision", GEO_PRECISION[record.location?.geo_precision] ?? null),
    detailRow("Same event as", cluster),
    detailRow("Published", documentInfo.pub_date),
    detailRow("Source", documentInfo.source || documentInfo.url ? sourceLink(documentInfo) : null),
    detailRow("Document", documentInfo.doc_id),
    detailRow("Event id", detail.event_id));
  const headline = join([detail.location_name ?? detail.location_text, detail.country, detail.date]);
  const aside = el("section", { class: "event-aside", "aria-label": "Evidence" },
    el("h2", { text: "Evidence" }),
    el("p", { class: "note", text: "Marked in the article by their character offsets." }),
    legend,
    el("h2", { text: "Record" }),
    details);

  container.replaceChildren(
    el("nav", { class: "crumbs" }, el("a", { href: backHref, class: "back", text: "← All events" })),
    el("header", { class: "event-header" },
      el("h1", {}, typeChip(record.type ?? detail.type, record.mode ?? detail.mode),
        record.modality && record.modality !== "asserted"
          ? el("span", { class: "modality", text: record.modality }) : null),
      el("p", { class: "event-sub", text: headline || "place and date unknown" }),
      el("p", { class: "event-figures" },
        el("span", { text: `Killed: ${formatCount(detail.fatalities)}` }),
        el("span", { text: `Injured: ${formatCount(detail.injured)}` }),
        detail.actor1_name ? el("span", { text: `Actor: ${detail.actor1_name}` }) : null,
        detail.actor2_name ? el("span", { text: `Target: ${detail.actor2_name}` }) : null)),
    el("div", { class: "event-body" },
      aside,
      el("section", { class: "event-text", "aria-label": "Source article" },
        el("h2", { text: "Source article" }),
        article)),
  );
  await otherEvents(aside, documentInfo.doc_id ?? detail.doc_id, detail.event_id);
  return detail;
}
