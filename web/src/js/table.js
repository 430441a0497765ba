// The table of matching events, one page at a time; a row opens its event page.
import { el, formatCount, urdu } from "./dom.js";
import { typeColour } from "./palette.js";

export function typeChip(type, mode) {
  const chip = el("span", { class: "type-chip", text: mode ? `${type} · ${mode}` : type });
  chip.style.setProperty("--type-colour", typeColour(type));
  return chip;
}

function actorName(name, text) {
  if (name) return el("span", { text: name, title: text ?? null });
  if (text) return urdu(text);
  return null;
}

// Who acted and, on a second line, at whom: one column keeps the table narrow.
function actorsCell(item) {
  const first = actorName(item.actor1_name, item.actor1_text);
  const second = actorName(item.actor2_name, item.actor2_text);
  if (!first && !second) return el("td", { class: "muted", text: "–" });
  return el("td", {},
    first ?? el("span", { class: "muted", text: "–" }),
    second ? el("span", { class: "target" }, "→ ", second) : null);
}

function placeCell(item) {
  const name = item.location_name ?? null;
  const cell = el("td", {});
  if (name) cell.append(name);
  else if (item.location_text) cell.append(urdu(item.location_text));
  else cell.append(el("span", { class: "muted", text: "–" }));
  if (item.country) cell.append(el("span", { class: "country", text: ` ${item.country}` }));
  return cell;
}

export function renderRows(tbody, items, openEvent) {
  if (!items.length) {
    tbody.replaceChildren(el("tr", {}, el("td", { colspan: 6, class: "empty", text: "No events match these filters." })));
    return;
  }
  tbody.replaceChildren(...items.map((item) => {
    const open = () => openEvent(item.event_id);
    const row = el("tr", {
      tabindex: 0,
      "data-event-id": item.event_id,
      class: item.modality !== "asserted" ? "not-asserted" : null,
      onclick: open,
      onkeydown: (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          open();
        }
      },
    },
    el("td", { class: "nowrap", text: item.date ?? "–" }),
    el("td", {}, typeChip(item.type),
      item.mode ? el("span", { class: "mode", text: item.mode }) : null,
      item.modality !== "asserted" ? el("span", { class: "modality", text: item.modality }) : null),
    placeCell(item),
    actorsCell(item),
    el("td", { class: "num", text: formatCount(item.fatalities) }),
    el("td", {
      class: "num col-optional",
      text: typeof item.confidence === "number" ? item.confidence.toFixed(2) : "–",
    }));
    return row;
  }));
}
