// Build the third-party files `waqia serve` serves beside the page's own sources (which live in
// waqia/server/static/ and are edited there): copied from node_modules (installed from the npm registry
// with `npm ci`) into static/vendor/ and static/data/. Those two folders are rebuilt from scratch so
// nothing stale is ever served. Run: `npm ci --ignore-scripts && npm run build` in web/ (no install
// script is needed; swagger-ui-dist pulls in @scarf/scarf, whose postinstall would phone home).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";
import { presimplify, simplify } from "topojson-simplify";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const out = join(here, "..", "waqia", "server", "static");

function copy(from, to) {
  mkdirSync(dirname(join(out, to)), { recursive: true });
  cpSync(join(modules, from), join(out, to));
}

function version(name) {
  return JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version;
}

for (const generated of ["vendor", "data"]) {
  rmSync(join(out, generated), { recursive: true, force: true });
}

// Leaflet: the minified UMD build (it defines window.L) and its stylesheet; no marker images are
// needed because events are drawn as vector circles.
copy("leaflet/dist/leaflet.js", "vendor/leaflet/leaflet.js");
copy("leaflet/dist/leaflet.css", "vendor/leaflet/leaflet.css");
copy("leaflet/LICENSE", "vendor/leaflet/LICENSE");

// Swagger UI for /docs, so the OpenAPI page works without a CDN.
copy("swagger-ui-dist/swagger-ui-bundle.js", "vendor/swagger-ui/swagger-ui-bundle.js");
copy("swagger-ui-dist/swagger-ui.css", "vendor/swagger-ui/swagger-ui.css");
copy("swagger-ui-dist/LICENSE", "vendor/swagger-ui/LICENSE");
copy("swagger-ui-dist/NOTICE", "vendor/swagger-ui/NOTICE");

// Noto Naskh Arabic (Arabic-script subset, regular and bold), so Urdu renders on machines without
// an Urdu font.
const fonts = "@fontsource/noto-naskh-arabic/files";
for (const weight of ["400", "700"]) {
  copy(`${fonts}/noto-naskh-arabic-arabic-${weight}-normal.woff2`,
       `vendor/noto-naskh-arabic/noto-naskh-arabic-arabic-${weight}-normal.woff2`);
}
copy("@fontsource/noto-naskh-arabic/LICENSE", "vendor/noto-naskh-arabic/LICENSE");

// Country outlines: Natural Earth 1:50m admin-0 (public domain) via world-atlas, simplified with shared
// borders kept (triangles under 0.02 square degrees dropped: finer than 1:110m, a quarter of the 1:50m
// size) and converted to GeoJSON here, so the browser needs no TopoJSON decoder; coordinates rounded
// to ~1 km.
const topology = JSON.parse(readFileSync(join(modules, "world-atlas/countries-50m.json"), "utf8"));
const simplified = simplify(presimplify(topology), 0.02);
const countries = feature(simplified, simplified.objects.countries);
const round = (value) => (Array.isArray(value) ? value.map(round) : Math.round(value * 100) / 100);
for (const item of countries.features) {
  item.geometry.coordinates = round(item.geometry.coordinates);
  item.properties = { name: item.properties.name };
}
mkdirSync(join(out, "data"), { recursive: true });
writeFileSync(join(out, "data", "countries.geojson"), JSON.stringify(countries));
copy("world-atlas/LICENSE", "data/LICENSE-world-atlas");

const manifest = {
  leaflet: version("leaflet"),
  "swagger-ui-dist": version("swagger-ui-dist"),
  "@fontsource/noto-naskh-arabic": version("@fontsource/noto-naskh-arabic"),
  "world-atlas": version("world-atlas"),
  "topojson-client (build only)": version("topojson-client"),
  "topojson-simplify (build only)": version("topojson-simplify"),
};
writeFileSync(join(out, "vendor", "versions.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`built ${out}`);
