// Escape sequences, shared by strings and by string arguments of filters. The set is JSON5's
// minus its "any other character stands for itself" rule: an unknown escape is reported
// (OH1005), because `\d` or `\@` is almost always a mistake. Decoding still yields the
// character, so the rest of the string reads as the user most likely meant.
import { codePointAt, isHexDigit, unitLength } from '../language/char-classes.js';

export interface Escape {
  /** The decoded text ('' for a line continuation). */
  text: string;
  /** Source units the escape spans, backslash included. */
  length: number;
  invalid: boolean;
}

const simple: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0',
  '"': '"', "'": "'", '\\': '\\', '/': '/',
};

function hex(text: string, from: number, count: number, limit: number): number {
  let n = 0;
  while (n < count && from + n < limit && isHexDigit(text.charCodeAt(from + n))) n++;
  return n;
}

/** Reads the escape whose backslash is at `i`; nothing at or after `limit` is read. */
export function readEscape(text: string, i: number, limit: number): Escape {
  if (i + 1 >= limit) return { text: '', length: 1, invalid: true };
  const c = text[i + 1];
  const s = simple[c];
  if (s !== undefined) return { text: s, length: 2, invalid: false };
  if (c === 'x' || c === 'u') {
    const want = c === 'x' ? 2 : 4;
    const got = hex(text, i + 2, want, limit);
    if (got === want) return { text: String.fromCharCode(parseInt(text.slice(i + 2, i + 2 + want), 16)), length: 2 + want, invalid: false };
    return { text: text.slice(i + 1, i + 2 + got), length: 2 + got, invalid: true };
  }
  if (c === '\r') return { text: '', length: i + 2 < limit && text[i + 2] === '\n' ? 3 : 2, invalid: false };
  if (c === '\n' || c === '\u2028' || c === '\u2029') return { text: '', length: 2, invalid: false };
  const cp = codePointAt(text, i + 1);
  const len = Math.min(unitLength(cp), limit - i - 1);
  return { text: text.slice(i + 1, i + 1 + len), length: 1 + len, invalid: true };
}
