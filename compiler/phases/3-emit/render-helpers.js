// The few helpers every compiled module carries. This file is their source text: the build
// (scripts/gen-emitted-source.mjs) copies each function's text, byte for byte, into
// generated/emitted-source.ts, and the emitter writes that text into the module. No compiler
// or bundler rewrites it, so every build of octohookc emits the same helpers, and the tests
// evaluate the same text (tests/support/emitted-functions.ts).
//
// Plain JavaScript, one exported function per helper, named with `$`. Each must stand alone
// (no imports, no closures: it is evaluated on its own) and be printable ASCII (escape
// anything else). Comments go above a function, never inside it: the body is emitted.
// Written with double quotes and `void 0`, the text compiled modules have always carried.

/** Own-property read that never throws and never reaches into prototypes. */
export function $g(o, k) {
  return o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : void 0;
}

/** A whole-value parameter: missing becomes "" (as the plugin did); everything else keeps its type. */
export function $v(x) {
  return x === void 0 ? "" : x;
}

/** A parameter inside text: missing and null become "", objects JSON, never a language's repr. */
export function $t(x) {
  if (x === void 0 || x === null) return "";
  if (typeof x === "string") return x;
  if (typeof x === "object") return JSON.stringify(x);
  return String(x);
}

/** A parameter inside a URL: as text, with spaces and non-ASCII percent-encoded; `/?&=#` kept. */
export function $u(x) {
  const s = x === void 0 || x === null ? "" : typeof x === "object" ? JSON.stringify(x) : String(x);
  try {
    return encodeURI(s);
  } catch {
    return encodeURI(s.replace(/[\ud800-\udfff]/g, "\uFFFD"));
  }
}
