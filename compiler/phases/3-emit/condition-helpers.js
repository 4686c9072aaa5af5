// The helpers compiled conditions call (`when …`), copied into the module like the render
// helpers (render-helpers.js; the same rules: plain JavaScript, one exported function per
// helper, named with `$`, standing alone, printable ASCII, comments above a function only).
// The null rule lives here: a missing (undefined) or null operand makes a comparison false;
// `== null` and `!= null` are compiled to plain tests and never reach these.

/** `a == b`: false when either side is missing or null; no conversions. */
export function $eq(a, b) {
  return a !== void 0 && a !== null && b !== void 0 && b !== null && a === b;
}

/** `a != b`: false when either side is missing or null (a missing value is not "different"). */
export function $ne(a, b) {
  return a !== void 0 && a !== null && b !== void 0 && b !== null && a !== b;
}

/** Order of two numbers as -1, 0 or 1; NaN (every comparison false) unless both are numbers. */
export function $cmp(a, b) {
  if (typeof a !== "number" || typeof b !== "number") return NaN;
  return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
}

/** `a in [...]`: a null element matches a missing or null value, any other element as `==`. */
export function $in(a, list) {
  for (const b of list) {
    if (b === null ? a === void 0 || a === null : a !== void 0 && a !== null && a === b) return true;
  }
  return false;
}

/** `a contains b`: a piece of text in text, or a value in a list. */
export function $has(a, b) {
  if (b === void 0 || b === null) return false;
  if (typeof a === "string") return typeof b === "string" && a.includes(b);
  if (Array.isArray(a)) return a.includes(b);
  return false;
}

/** `a matches /re/`: text only, and at most its first 1024 characters, so no pattern can take long. */
export function $m(re, a) {
  return typeof a === "string" && re.test(a.length > 1024 ? a.slice(0, 1024) : a);
}
