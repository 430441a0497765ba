// Events over time as a small SVG bar chart: one bar per day, or per month when the days span more
// than half a year. Clicking a bar narrows the date filter to it.
import { el, svg } from "./dom.js";

const HEIGHT = 130;
const PAD = { left: 34, right: 8, top: 10, bottom: 24 };
const DAY_MS = 86_400_000;

function parseDay(key) {
  return new Date(`${key}T00:00:00Z`);
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

function lastDayOfMonth(month) {
  const [year, number] = month.split("-").map(Number);
  return isoDay(new Date(Date.UTC(year, number, 0)));
}

// Fill the gaps so that the bars stand on a true time axis.
function buckets(rows) {
  const dated = rows.filter((row) => /^\d{4}-\d{2}-\d{2}$/.test(row.key ?? ""));
  if (!dated.length) return { unit: "day", bars: [] };
  const counts = new Map(dated.map((row) => [row.key, row.count]));
  const keys = [...counts.keys()].sort();
  const first = parseDay(keys[0]);
  const last = parseDay(keys[keys.length - 1]);
  const days = Math.round((last - first) / DAY_MS) + 1;
  if (days <= 183) {
    const bars = [];
    for (let i = 0; i < days; i += 1) {
      const key = isoDay(new Date(first.getTime() + i * DAY_MS));
      bars.push({ key, start: key, end: key, count: counts.get(key) ?? 0 });
    }
    return { unit: "day", bars };
  }
  const months = new Map();
  for (const [key, count] of counts) months.set(key.slice(0, 7), (months.get(key.slice(0, 7)) ?? 0) + count);
  const bars = [];
  const cursor = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1));
  while (cursor <= last) {
    const month = isoDay(cursor).slice(0, 7);
    bars.push({ key: month, start: `${month}-01`, end: lastDayOfMonth(month), count: months.get(month) ?? 0 });
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return { unit: "month", bars };
}

export function renderTimeline(container, note, rows, onPick) {
  const { unit, bars } = buckets(rows);
  const undated = rows.filter((row) => row.key === null).reduce((sum, row) => sum + row.count, 0);
  note.textContent = (unit === "month" ? "events per month" : "events per day") +
    (undated ? ` · ${undated} undated` : "");
  if (!bars.length) {
    container.replaceChildren(el("p", { class: "empty", text: "No dated events match." }));
    return;
  }
  const width = Math.max(container.clientWidth || 600, 280);
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const max = Math.max(...bars.map((bar) => bar.count));
  const step = plotWidth / bars.length;
  const barWidth = Math.max(1, step * 0.8);
  const chart = svg("svg", {
    width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: "img",
    "aria-label": `Timeline: ${bars.length} ${unit}s, at most ${max} events in one`,
  });
  chart.append(svg("line", {
    x1: PAD.left, x2: width - PAD.right, y1: PAD.top + plotHeight, y2: PAD.top + plotHeight, class: "axis",
  }));
  for (const [value, y] of [[max, PAD.top], [0, PAD.top + plotHeight]]) {
    const label = svg("text", { x: PAD.left - 6, y: y + 4, "text-anchor": "end", class: "tick" });
    label.textContent = String(value);
    chart.append(label);
  }
  bars.forEach((bar, index) => {
    const height = max ? (bar.count / max) * plotHeight : 0;
    const rect = svg("rect", {
      x: PAD.left + index * step + (step - barWidth) / 2,
      y: PAD.top + plotHeight - height,
      width: barWidth,
      height: Math.max(height, bar.count ? 1 : 0),
      class: "bar",
      "data-key": bar.key,
    });
    const title = svg("title");
    title.textContent = `${bar.key}: ${bar.count} event${bar.count === 1 ? "" : "s"}`;
    rect.append(title);
    rect.addEventListener("click", () => onPick(bar.start, bar.end));
    chart.append(rect);
  });
  const labelIndexes = bars.length > 2 ? [0, Math.floor(bars.length / 2), bars.length - 1] : bars.map((_, i) => i);
  for (const index of labelIndexes) {
    const anchor = index === 0 ? "start" : index === bars.length - 1 ? "end" : "middle";
    const x = index === 0 ? PAD.left : index === bars.length - 1 ? width - PAD.right : PAD.left + (index + 0.5) * step;
    const label = svg("text", { x, y: HEIGHT - 6, "text-anchor": anchor, class: "tick" });
    label.textContent = bars[index].key;
    chart.append(label);
  }
  container.replaceChildren(chart);
}
