// The few helpers every compiled module carries. Like the filters, their source text is
// copied into the module, so each must be self-contained.

/** Own-property read that never throws and never reaches into prototypes. */
export function $g(o: unknown, k: string): unknown {
  return o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k) ? (o as Record<string, unknown>)[k] : undefined;
}

/** A whole-value parameter: missing becomes "" (as the plugin did); everything else keeps its type. */
export function $v(x: unknown): unknown {
  return x === undefined ? '' : x;
}

/** A parameter inside text: missing and null become "", objects JSON, never a language's repr. */
export function $t(x: unknown): string {
  if (x === undefined || x === null) return '';
  if (typeof x === 'string') return x;
  if (typeof x === 'object') return JSON.stringify(x);
  return String(x);
}

/** A parameter inside a URL: as text, with spaces and non-ASCII percent-encoded; `/?&=#` kept. */
export function $u(x: unknown): string {
  const s = x === undefined || x === null ? '' : typeof x === 'object' ? JSON.stringify(x) : String(x);
  try {
    return encodeURI(s);
  } catch {
    return encodeURI(s.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
}
