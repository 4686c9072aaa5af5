// The Content-Type rule (docs/plugin-compatibility.md#content-type), without the plugin's quirk.
//
// The plugin forced the type on every header whose name *contained* `content-type`, so a
// user's `X-Content-Type-Options: nosniff` was overwritten with `application/json` and no
// real Content-Type was added. Here only a header whose name *is* `content-type` (any case)
// counts:
// - json / form: a value that already contains the required type is kept as written
//   (`application/json; charset=utf-8` stays); any other value is replaced; none → added.
// - multipart: every user Content-Type is removed and ours, with our boundary, is set —
//   a boundary the body does not use would make the request unreadable.
// - no body (GET, or no data): the user's headers are left exactly as given.
// Several spellings of the header (`Content-Type` and `content-type` in one object) are
// collapsed into one, so a request never carries two.
//
// Header values reach us from render functions and may not be strings at run time (a
// whole-string `@currentTime` is a number; the plugin then failed with InvalidHeader).
// Numbers, booleans and bigints are stringified, objects and arrays JSON-encoded, and
// null/undefined headers are dropped.

import type { ContentKind } from '../compiled-module.js';
import { FORM_TYPE, JSON_TYPE } from './encode-body.js';

export function headerText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? null;
}

/** Header values as strings, in the order given; dropped values left out. */
export function normalizeHeaders(headers: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, value] of Object.entries(headers)) {
    const text = headerText(value);
    if (text !== null) out[name] = text;
  }
  return out;
}

export function requiredType(content: ContentKind): string | null {
  return content === 'json' ? JSON_TYPE : content === 'form' ? FORM_TYPE : null;
}

/**
 * Applies the rule. `bodyType` is the body's actual type from encodeBody (null when there
 * is no body); `content` is the hook's declared kind.
 */
export function applyContentType(
  headers: Record<string, unknown> | null | undefined,
  content: ContentKind,
  bodyType: string | null,
): Record<string, string> {
  const out = normalizeHeaders(headers);
  if (bodyType === null) return out;

  const names = Object.keys(out).filter((n) => n.toLowerCase() === 'content-type');
  if (content === 'multipart' || bodyType.startsWith('multipart/')) {
    for (const n of names) delete out[n];
    out['content-type'] = bodyType;
    return out;
  }

  const required = requiredType(content) ?? bodyType;
  if (names.length === 0) {
    out['content-type'] = required;
    return out;
  }
  const [first, ...rest] = names;
  for (const n of rest) delete out[n];
  if (!out[first].toLowerCase().includes(required)) out[first] = required;
  return out;
}
