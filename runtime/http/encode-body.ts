// Turns a hook's rendered data into what goes on the wire: a JSON body, an
// x-www-form-urlencoded body, a multipart body with the snapshot, or — for GET — a query
// string appended to the URL. The result is plain bytes plus a content type, so a rendered
// request can be stored and sent again unchanged (see send-request.ts).
//
// Deliberate differences from OctoPrint-Webhooks (docs/plugin-compatibility.md#encoding):
// - Booleans in form and multipart fields are `true`/`false`. The plugin sent Python's
//   `str(True)`, i.e. `True`/`False` — an accident of the language, not a format anyone
//   parses on purpose — so we do not copy it.
// - GET: nested values are JSON-encoded into one parameter. The plugin handed dicts to
//   requests' `params=`, which repeats the key once per *dict key* (`a=k&a=j`) and loses
//   every value.
// - Nested values are encoded as compact JSON (`{"a":1}`); the plugin used Python's
//   `json.dumps` spacing (`{"a": 1}`) and float spelling (`60.0`). Both parse to the same
//   value; no receiver can rely on the spacing.
// Kept: null/undefined values are dropped from form, multipart and query (as the plugin
// did); fields come first in key order and the file part last; a failed snapshot still
// produces a multipart request, just without the file part.

import { randomBytes } from 'node:crypto';
import type { ContentKind, HttpMethod } from '../compiled-module.js';
import { stringifyShared, type SharedJson } from './shared-json.js';

export const FORM_TYPE = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';
export const MULTIPART_TYPE = 'multipart/form-data';

export interface SnapshotPart {
  bytes: Uint8Array;
  /** Default `image/jpeg`. */
  contentType?: string;
  /** Default `snapshot.jpg`, the plugin's file name. */
  filename?: string;
}

export interface EncodeInput {
  method: HttpMethod;
  content: ContentKind;
  url: string;
  /** The rendered data without the snapshot key; null when the hook has none. */
  data: Record<string, unknown> | null;
  /** The top-level data key that names the file part (`CompiledHook.snapshotKey`). */
  snapshotKey?: string | null;
  /** The image, or null/absent when there is none or it failed. */
  snapshot?: SnapshotPart | null;
  /** Fixed multipart boundary, for tests; default: 32 random hex digits. */
  boundary?: string;
  /** Objects whose JSON text is made once for every request that embeds them (printer data, payload, @meta). */
  shared?: readonly SharedJson[];
}

export interface EncodedBody {
  /** The URL to request: unchanged, or with the query appended for GET. */
  url: string;
  /** Null for GET, and for json/form without data. */
  body: Uint8Array | null;
  /** The body's type, with the boundary for multipart; null when there is no body. */
  contentType: string | null;
}

export function encodeBody(input: EncodeInput): EncodedBody {
  const { method, content, data } = input;
  const shared = input.shared ?? [];
  // GET never has a body (a query instead), and never carries the snapshot: a file does
  // not fit in a URL. The plugin dropped it too.
  if (method === 'GET') return { url: appendQuery(input.url, data, shared), body: null, contentType: null };

  if (content === 'multipart') {
    const boundary = input.boundary ?? randomBytes(16).toString('hex');
    const file = input.snapshot && input.snapshotKey ? { name: input.snapshotKey, ...input.snapshot } : null;
    return {
      url: input.url,
      body: encodeMultipart(data ?? {}, file, boundary, shared),
      contentType: `${MULTIPART_TYPE}; boundary=${boundary}`,
    };
  }
  if (data === null) return { url: input.url, body: null, contentType: null };
  if (content === 'form') {
    return { url: input.url, body: ownBytes(formEncode(data, shared)), contentType: FORM_TYPE };
  }
  return { url: input.url, body: ownBytes(jsonEncode(data, shared)), contentType: JSON_TYPE };
}

/**
 * A body lives until its delivery ends, behind every delivery its hook has pending. A small
 * Buffer.from() is a slice of Node's shared 8 KiB pool, and would keep that whole slab (full of
 * other, short-lived buffers) alive with it: through a burst, 4x the bodies' own size.
 */
function ownBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text, 'utf8'));
  bytes.write(text, 0, 'utf8');
  return bytes;
}

/** JSON body text. `undefined` members vanish, as JSON.stringify does; a top-level `undefined` is `null`. */
export function jsonEncode(data: unknown, shared: readonly SharedJson[] = []): string {
  // A replacer takes V8 off its fast path (+60 % on a plugin-sized body), and a BigInt only
  // comes from a user's own data, so the safe variant runs only when the plain one throws.
  try {
    return stringifyShared(data, shared) ?? 'null';
  } catch {
    return JSON.stringify(data, bigintSafe) ?? 'null';
  }
}

/**
 * The text of one top-level field in form, multipart and query encodings, or null when the
 * field is dropped. Strings as they are; numbers and booleans as JS prints them (`true`,
 * not Python's `True`); objects and arrays as compact JSON.
 */
export function fieldText(value: unknown, shared: readonly SharedJson[] = []): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  try {
    return stringifyShared(value, shared) ?? null;
  } catch {
    return JSON.stringify(value, bigintSafe) ?? null;
  }
}

/** Top-level entries in key order, dropped ones left out. */
export function fieldEntries(data: Record<string, unknown> | null, shared: readonly SharedJson[] = []): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!data) return out;
  for (const [k, v] of Object.entries(data)) {
    const text = fieldText(v, shared);
    if (text !== null) out.push([k, text]);
  }
  return out;
}

export function formEncode(data: Record<string, unknown> | null, shared: readonly SharedJson[] = []): string {
  return new URLSearchParams(fieldEntries(data, shared)).toString();
}

/**
 * Appends `data` to the URL's existing query (before any `#fragment`), leaving the existing
 * part byte-for-byte as written — re-serialising it through URLSearchParams would re-encode
 * what the user wrote.
 */
export function appendQuery(url: string, data: Record<string, unknown> | null, shared: readonly SharedJson[] = []): string {
  const extra = formEncode(data, shared);
  if (!extra) return url;
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const fragment = hash >= 0 ? url.slice(hash) : '';
  const q = base.indexOf('?');
  if (q < 0) return `${base}?${extra}${fragment}`;
  const sep = q === base.length - 1 || base.endsWith('&') ? '' : '&';
  return `${base}${sep}${extra}${fragment}`;
}

interface FilePart extends SnapshotPart {
  name: string;
}

function encodeMultipart(data: Record<string, unknown>, file: FilePart | null, boundary: string, shared: readonly SharedJson[]): Buffer {
  const chunks: Buffer[] = [];
  for (const [name, text] of fieldEntries(data, shared)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"\r\n\r\n${text}\r\n`, 'utf8'));
  }
  if (file) {
    const filename = escapeName(file.filename ?? 'snapshot.jpg');
    const type = file.contentType ?? 'image/jpeg';
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(file.name)}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
        'utf8',
      ),
      Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
      Buffer.from('\r\n', 'utf8'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return Buffer.concat(chunks);
}

// The HTML form-data rule for names in Content-Disposition: quote, CR and LF are
// percent-encoded, so a key can never end the header early.
function escapeName(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
