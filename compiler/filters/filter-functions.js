// The filters' run-time implementations. This file is their source text: the build
// (scripts/gen-emitted-source.mjs) copies each function's text, byte for byte, into
// generated/emitted-source.ts, and the emitter writes that text into every compiled module
// that uses the filter. The unit tests evaluate the same text (tests/support/emitted-functions.ts),
// so what is tested is what ships, whichever build of octohookc emits it.
//
// Plain JavaScript, one exported function per filter, named `$` + the filter's name
// (./filter-table.ts). Each must stand alone (no imports, no closures: it is evaluated on its
// own) and be printable ASCII (escape anything else). Comments go above a function, never
// inside it: the body is emitted. A value that is missing (undefined) or null passes through
// every filter except `default`, and renders as "" in the end.

export function $round(x, digits) {
  if (typeof x !== "number" || !Number.isFinite(x)) return x;
  const d = typeof digits === "number" ? digits : 0;
  const f = Math.pow(10, d);
  return Math.round(x * f) / f;
}

export function $duration(x) {
  if (typeof x !== "number" || !Number.isFinite(x)) return x;
  let s = Math.max(0, Math.round(x));
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (d > 0) return d + "d " + h + "h";
  if (h > 0) return h + "h " + (m < 10 ? "0" : "") + m + "m";
  if (m > 0) return m + "m " + (s < 10 ? "0" : "") + s + "s";
  return s + "s";
}

export function $bytes(x) {
  if (typeof x !== "number" || !Number.isFinite(x)) return x;
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = Math.abs(x);
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const sign = x < 0 ? "-" : "";
  return i === 0 ? sign + v + " B" : sign + v.toFixed(1) + " " + units[i];
}

export function $upper(x) {
  return typeof x === "string" ? x.toUpperCase() : x;
}

export function $lower(x) {
  return typeof x === "string" ? x.toLowerCase() : x;
}

export function $default(x, fallback) {
  return x === void 0 || x === null || x === "" ? fallback : x;
}

export function $json(x) {
  if (x === void 0) return x;
  return JSON.stringify(x);
}

/** Epoch seconds (OctoPrint's unit) to ISO 8601 UTC, second precision. */
export function $date(x) {
  if (typeof x !== "number" || !Number.isFinite(x)) return x;
  const t = new Date(x * 1000);
  if (Number.isNaN(t.getTime())) return x;
  return t.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function $truncate(x, n) {
  if (typeof x !== "string" || typeof n !== "number") return x;
  const chars = Array.from(x);
  return chars.length <= n ? x : chars.slice(0, Math.max(0, n - 1)).join("") + "\u2026";
}
