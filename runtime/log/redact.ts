// Redaction: what keeps secrets out of every log line and every error message.
//
// Two independent nets, because either alone leaks:
// - by KEY: a field named like a credential (`authorization`, `client_secret`, …) is replaced
//   whole, whatever its value — this catches secrets nobody registered, e.g. a literal
//   password in a data block;
// - by VALUE: the daemon registers every secret it learns at run time (OctoPrint API key,
//   `apiSecret`, `@env` values, OAuth tokens, session ids) and any occurrence inside any
//   string — a URL, an error message from a server, a rendered body — becomes `[redacted]`.
//   The ancestor plugin logged headers, data and token answers at INFO; this is the fix.
// Plus patterns that are secrets by shape: `Bearer xyz`, URL userinfo, and credential-like
// query parameters.

export const REDACTED = '[redacted]';

// Compared after lower-casing and dropping `-` and `_`, so `X-Api-Key`, `x_api_key`,
// `API_KEY` and `apiKey` are one name. Exact names only: `secretary` is not a secret.
const SENSITIVE_KEYS = new Set(
  [
    'authorization', 'proxy-authorization', 'x-api-key', 'apikey', 'api_key', 'apiSecret',
    'secret', 'password', 'passwd', 'token', 'access_token', 'refresh_token', 'id_token',
    'client_secret', 'webhook-signature', 'cookie', 'set-cookie', 'session',
  ].map(normalizeKey),
);

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(normalizeKey(key));
}

// Query parameter names that carry credentials in webcam and webhook URLs
// (`?token=`, `?apikey=`, `?pwd=`, `?sig=`, `?X-Amz-Signature=` …). Broader than the key
// list on purpose: a URL's query is shown only to help find the endpoint.
const SENSITIVE_QUERY_NAME = /pass|pwd|secret|token|key|auth|sig|session|cred/i;

// Values shorter than this are not registered: redacting every "1" or "on" in every line
// would make logs useless, and such values are not secrets anyone can rely on anyway.
export const MIN_SECRET_LENGTH = 3;

/** The run-time set of secret strings; the logger and error paths share one. */
export class SecretSet {
  #values = new Set<string>();
  #sorted: string[] | null = [];

  add(value: unknown): void {
    if (typeof value === 'number') value = String(value);
    if (typeof value !== 'string') return;
    const v = value.trim();
    if (v.length < MIN_SECRET_LENGTH || this.#values.has(v)) return;
    this.#values.add(v);
    this.#sorted = null;
  }

  has(value: string): boolean {
    return this.#values.has(value);
  }

  get size(): number {
    return this.#values.size;
  }

  /** Longest first, so a secret that contains another is replaced whole. */
  values(): readonly string[] {
    if (this.#sorted === null) this.#sorted = [...this.#values].sort((a, b) => b.length - a.length);
    return this.#sorted;
  }

  #forms: string[] | null = null;

  /**
   * Every form a secret can take in a log line (raw, JSON-escaped, escaped twice, URL- and
   * form-encoded), longest first; computed once per change of the set, not per line.
   */
  forms(): readonly string[] {
    if (this.#forms === null || this.#formsOf !== this.values()) {
      const all = new Set<string>();
      for (const s of this.values()) {
        const json = JSON.stringify(s).slice(1, -1);
        const url = encodeURIComponent(s);
        for (const f of [s, json, JSON.stringify(json).slice(1, -1), url, url.replace(/%20/g, '+')]) all.add(f);
      }
      this.#forms = [...all].sort((a, b) => b.length - a.length);
      this.#formsOf = this.values();
    }
    return this.#forms;
  }

  #formsOf: readonly string[] | null = null;
}

// `Bearer <anything token-like>` always; `Basic <…>` only when it looks like base64 (a digit,
// `+/=`, or a lower-upper case change), so prose such as "Basic authentication failed" survives.
const BEARER = /\b(Bearer)(\s+)[A-Za-z0-9\-._~+/]+=*/gi;
const BASIC = /\b([Bb][Aa][Ss][Ii][Cc])(\s+)(?=[A-Za-z0-9+/]*(?:[0-9+/=]|[a-z][A-Z]))[A-Za-z0-9+/]{8,}=*/g;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s?#@]+@/gi;
// key=value (query strings, form bodies) and "key": "value" (JSON text) for sensitive keys.
const QUERY_PARAM = /([?&;]|^)([^=&?#\s]+)=([^&#\s]*)/g;
const JSON_PAIR = /"([^"\\]{1,64})"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;

/**
 * Redacts one string: registered secrets (raw and in their JSON-escaped and URL-encoded
 * forms), `Bearer …`, URL userinfo, credential-like query parameters and JSON pairs.
 */
export function redactText(text: string, secrets?: SecretSet | null): string {
  let out = text;
  if (secrets && secrets.size > 0) {
    for (const form of secrets.forms()) if (out.includes(form)) out = replaceAll(out, form, REDACTED);
  }
  if (!/[@=:]|bearer|basic/i.test(out)) return out;
  out = out.replace(BEARER, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
  out = out.replace(BASIC, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
  out = out.replace(URL_USERINFO, (_m, scheme: string) => `${scheme}${REDACTED}@`);
  out = out.replace(QUERY_PARAM, (m, lead: string, name: string) =>
    isSensitiveKey(safeDecode(name)) || (lead === '?' || lead === '&' ? SENSITIVE_QUERY_NAME.test(name) : false)
      ? `${lead}${name}=${REDACTED}`
      : m,
  );
  out = out.replace(JSON_PAIR, (m, key: string, sep: string) =>
    isSensitiveKey(key) ? `"${key}"${sep}"${REDACTED}"` : m,
  );
  return out;
}

/**
 * A URL as it may appear in a message: userinfo dropped, credential-like query values
 * replaced, registered secrets (say, a Discord webhook token in the path) replaced.
 * Not a URL parser's job to validate here: an unparsable string is redacted as text.
 */
export function redactUrl(url: string, secrets?: SecretSet | null): string {
  let shown = url;
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '';
      u.password = '';
      shown = u.toString();
    }
  } catch {
    // not a URL: fall through to the text rules
  }
  return redactText(shown, secrets);
}

/**
 * A deep copy of `value` with sensitive keys replaced and every string redacted.
 * Errors become `{ code?, message }` (never a stack). Cycles and depth are bounded so a
 * log call can never throw or hang.
 */
export function redactValue(value: unknown, secrets?: SecretSet | null): unknown {
  return walk(value, secrets ?? null, new WeakSet(), 0);
}

const MAX_DEPTH = 8;

function walk(value: unknown, secrets: SecretSet | null, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'function' || typeof value === 'symbol') return String(value);
    return value;
  }
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[…]';
  seen.add(value);
  try {
    if (value instanceof Error) return errorView(value, secrets, seen, depth);
    if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map((v) => walk(v, secrets, seen, depth + 1));
    if (value instanceof Map) return walk(Object.fromEntries(value), secrets, seen, depth);
    if (value instanceof URL) return redactUrl(value.href, secrets);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSensitiveKey(k) && v !== null && v !== undefined && v !== '' ? REDACTED : walk(v, secrets, seen, depth + 1);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function errorView(err: Error, secrets: SecretSet | null, seen: WeakSet<object>, depth: number): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') view.code = code;
  view.message = redactText(err.message, secrets);
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error && depth < MAX_DEPTH - 1) {
    const c = walk(cause, secrets, seen, depth + 1) as Record<string, unknown>;
    view.cause = c.code ? `${String(c.code)}: ${String(c.message)}` : c.message;
  }
  return view;
}

function replaceAll(haystack: string, needle: string, replacement: string): string {
  return haystack.includes(needle) ? haystack.split(needle).join(replacement) : haystack;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
