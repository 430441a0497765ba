// Event types (PLOVER) and their colours: the five tier-1 types (force and its threat) in strong
// warm colours, the others in cooler, lighter ones.

export const TYPE_COLOURS = {
  ASSAULT: "#c62828",
  COERCE: "#ef6c00",
  MOBILIZE: "#6d4c41",
  PROTEST: "#8e24aa",
  THREATEN: "#d81b60",
  ACCUSE: "#9e9d24",
  REQUEST: "#00838f",
  REJECT: "#546e7a",
  CONSULT: "#1565c0",
  AGREE: "#2e7d32",
  SUPPORT: "#558b2f",
  COOPERATE: "#0277bd",
  AID: "#00897b",
  SANCTION: "#f9a825",
  CONCEDE: "#8d6e63",
  RETREAT: "#78909c",
};

export const EVENT_TYPES = Object.keys(TYPE_COLOURS);

export const MODALITIES = ["asserted", "reported_future", "threatened", "hypothetical", "negated"];

export function typeColour(type) {
  return TYPE_COLOURS[type] ?? "#616161";
}

// The evidence fields of an event record, in the order they win when their spans overlap.
export const EVIDENCE_FIELDS = [
  { key: "trigger", label: "Trigger" },
  { key: "fatalities", label: "Killed" },
  { key: "injured", label: "Injured" },
  { key: "actor1", label: "Actor" },
  { key: "actor2", label: "Target" },
  { key: "also", label: "Also" },
  { key: "location", label: "Place" },
  { key: "date", label: "Date" },
  { key: "claim", label: "Claim" },
];
