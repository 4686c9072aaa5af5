// Numeric literals: JSON5 numbers (decimal, exponent, hex, leading or trailing '.', sign),
// durations (`500ms`, `1.5s`, `5m`, `10min`, `2h`), image sizes (`1640x1232`, `1640 x 1232`),
// byte sizes (`5MB`, `512KiB`) and the time ranges of quiet hours (`23:00-07:00`).
// The lexer takes the whole run of letters, digits and dots after a digit, so `10sec` is one
// bad literal (OH1006) rather than a number followed by a stray key. Parsing is by hand:
// a backtracking regular expression over a megabyte of digits would be quadratic.
import { isAsciiLetter, isDigit, isHexDigit, isIdentPart, codePointAt } from '../language/char-classes.js';

export type Numeric =
  | { kind: 'number'; value: number }
  | { kind: 'duration'; ms: number }
  | { kind: 'size'; width: number; height: number }
  | { kind: 'bytes'; bytes: number }
  | { kind: 'invalid' };

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** Decimal units as disks and slicers count (1 kB = 1000 B), binary ones spelt with an `i`. */
const byteUnits: Record<string, number> = {
  B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3,
};

/** End of the numeric run starting at `start` (a sign, a digit or a '.'). */
export function scanNumericRun(text: string, start: number, limit = text.length): number {
  let i = start;
  const c0 = text.charCodeAt(i);
  if (c0 === 43 || c0 === 45) i++;
  const hexRun = text.charCodeAt(i) === 48 && (text.charCodeAt(i + 1) | 0x20) === 120 && isHexDigit(text.charCodeAt(i + 2));
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isAsciiLetter(c) || isDigit(c) || c === 46 || c === 95) i++;
    else if ((c === 43 || c === 45) && !hexRun && (text.charCodeAt(i - 1) | 0x20) === 101 && i + 1 < limit && isDigit(text.charCodeAt(i + 1))) i++;
    else break;
  }
  return i;
}

function digits(raw: string, i: number): number {
  while (i < raw.length && isDigit(raw.charCodeAt(i))) i++;
  return i;
}

export function classifyNumeric(raw: string): Numeric {
  let i = 0;
  let sign = 1;
  const c0 = raw.charCodeAt(0);
  if (c0 === 43 || c0 === 45) {
    sign = c0 === 45 ? -1 : 1;
    i = 1;
  }
  const signed = i === 1;
  if (raw.charCodeAt(i) === 48 && (raw.charCodeAt(i + 1) | 0x20) === 120) {
    let j = i + 2;
    while (j < raw.length && isHexDigit(raw.charCodeAt(j))) j++;
    if (j === raw.length && j > i + 2) return { kind: 'number', value: sign * Number(raw.slice(i)) };
    return { kind: 'invalid' };
  }
  const intEnd = digits(raw, i);
  let j = intEnd;
  let dot = false;
  if (raw.charCodeAt(j) === 46) {
    dot = true;
    j = digits(raw, j + 1);
  }
  const mantissaDigits = j - i - (dot ? 1 : 0);
  if (mantissaDigits === 0) return { kind: 'invalid' };
  const mantissaEnd = j;
  let exponent = false;
  if ((raw.charCodeAt(j) | 0x20) === 101) {
    let k = j + 1;
    const s = raw.charCodeAt(k);
    if (s === 43 || s === 45) k++;
    const e = digits(raw, k);
    if (e > k) {
      exponent = true;
      j = e;
    }
  }
  if (j === raw.length) return { kind: 'number', value: sign * Number(raw.slice(i)) };
  if (signed || exponent) return { kind: 'invalid' };
  const rest = raw.slice(mantissaEnd);
  const unit = units[rest];
  if (unit !== undefined) return { kind: 'duration', ms: Number(raw.slice(0, mantissaEnd)) * unit };
  const byteUnit = Object.prototype.hasOwnProperty.call(byteUnits, rest) ? byteUnits[rest] : undefined;
  if (byteUnit !== undefined) return { kind: 'bytes', bytes: Math.round(Number(raw.slice(0, mantissaEnd)) * byteUnit) };
  if (!dot && rest.charCodeAt(0) === 120) {
    const e = digits(raw, mantissaEnd + 1);
    if (e === raw.length && e > mantissaEnd + 1) {
      return { kind: 'size', width: Number(raw.slice(0, intEnd)), height: Number(raw.slice(mantissaEnd + 1)) };
    }
  }
  return { kind: 'invalid' };
}

function skipBlanks(text: string, i: number): number {
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return i;
}

/**
 * `1640 x 1232` written with blanks (on one line). `raw` is the run just read, ending at
 * `runEnd`; it must be `1640` or `1640x`. Returns the size and where it ends, or undefined.
 */
export function readSpacedSize(text: string, raw: string, runEnd: number): { width: number; height: number; end: number } | undefined {
  const intEnd = digits(raw, 0);
  if (intEnd === 0) return undefined;
  let i = runEnd;
  if (intEnd === raw.length) {
    i = skipBlanks(text, i);
    if (text.charCodeAt(i) !== 120) return undefined;
    i++;
  } else if (!(intEnd === raw.length - 1 && raw.charCodeAt(intEnd) === 120)) {
    return undefined;
  }
  i = skipBlanks(text, i);
  const start = i;
  while (isDigit(text.charCodeAt(i))) i++;
  if (i === start) return undefined;
  const after = codePointAt(text, i);
  if (after !== -1 && (isIdentPart(after) || after === 46)) return undefined;
  return { width: Number(raw.slice(0, intEnd)), height: Number(text.slice(start, i)), end: i };
}

/** A time of day as written in a time range. */
export interface ClockTime {
  hour: number;
  minute: number;
  start: number;
  end: number;
}

/** `H:MM` or `HH:MM` at `i`; the numbers as written (the checker judges 24:61). */
function readClock(text: string, i: number): ClockTime | undefined {
  let j = i;
  while (j < i + 2 && isDigit(text.charCodeAt(j))) j++;
  if (j === i || text.charCodeAt(j) !== 58 || !isDigit(text.charCodeAt(j + 1)) || !isDigit(text.charCodeAt(j + 2))) return undefined;
  const end = j + 3;
  return { hour: Number(text.slice(i, j)), minute: Number(text.slice(j + 1, end)), start: i, end };
}

/**
 * `23:00-07:00` (blanks or tabs allowed around `-`, on one line) at `i`, or undefined. Only a
 * digit run directly followed by ':' can start one, which no other literal allows.
 */
export function readTimeRange(text: string, i: number): { from: ClockTime; to: ClockTime; end: number } | undefined {
  const from = readClock(text, i);
  if (!from) return undefined;
  let j = skipBlanks(text, from.end);
  if (text.charCodeAt(j) !== 45) return undefined;
  j = skipBlanks(text, j + 1);
  const to = readClock(text, j);
  if (!to) return undefined;
  const after = codePointAt(text, to.end);
  if (after !== -1 && (isIdentPart(after) || after === 46 || after === 58)) return undefined;
  return { from, to, end: to.end };
}
