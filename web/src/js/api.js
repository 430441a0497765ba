// The JSON API of `waqia serve`, same origin only.

export const FILTER_NAMES = [
  "start", "end", "type", "country", "modality", "min_confidence", "q", "actor", "cluster",
];

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function queryString(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(name, String(value));
  }
  return search.toString();
}

async function getJson(path, params = {}, signal = undefined) {
  const query = queryString(params);
  const response = await fetch(query ? `${path}?${query}` : path, {
    headers: { Accept: "application/json" },
    signal,
  });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (typeof body.detail === "string") message = body.detail;
      else if (Array.isArray(body.detail) && body.detail[0]?.msg) message = body.detail[0].msg;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, message);
  }
  return response.json();
}

export const api = {
  events: (filters, limit, offset, signal) => getJson("/api/events", { ...filters, limit, offset }, signal),
  event: (eventId) => getJson(`/api/events/${encodeURIComponent(eventId)}`),
  document: (docId) => getJson(`/api/documents/${encodeURIComponent(docId)}`),
  stats: (by, filters, signal) => getJson("/api/stats", { ...filters, by }, signal),
};
