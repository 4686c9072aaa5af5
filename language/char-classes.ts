// Character classes shared by the lexer, strings and parameters. They work on code points so
// that a letter outside the BMP is one letter, and a lone surrogate is never a letter.

const letter = /[\p{L}\p{Nl}]/u;
const letterOrDigit = /[\p{L}\p{Nl}\p{N}]/u;
const identPart = /[\p{L}\p{Nl}\p{N}\p{Mn}\p{Mc}\p{Pc}]/u;

/** The code point at `i` (a lone surrogate is returned as itself). */
export function codePointAt(text: string, i: number): number {
  return text.codePointAt(i) ?? -1;
}

/** How many UTF-16 units the code point `cp` takes. */
export function unitLength(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** The code point just before `i`, or -1 at the start. */
export function codePointBefore(text: string, i: number): number {
  if (i <= 0) return -1;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(i - 2) ?? -1;
  }
  return low;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function nonAscii(cp: number, re: RegExp): boolean {
  return cp >= 0x80 && re.test(String.fromCodePoint(cp));
}

/** Start of a bare word or key: JSON5 identifiers (letters, `_`, `$`). */
export function isIdentStart(cp: number): boolean {
  return isAsciiLetter(cp) || cp === 95 || cp === 36 || nonAscii(cp, letter);
}

/** Rest of a bare word or key. */
export function isIdentPart(cp: number): boolean {
  return isAsciiLetter(cp) || isDigit(cp) || cp === 95 || cp === 36 || nonAscii(cp, identPart);
}

/** First character of a parameter root (`@job`): a letter or `_`. */
export function isParamStart(cp: number): boolean {
  return isAsciiLetter(cp) || cp === 95 || nonAscii(cp, letter);
}

/** A character that continues a parameter name; a segment after `.` may be all digits. */
export function isParamPart(cp: number): boolean {
  return isAsciiLetter(cp) || isDigit(cp) || cp === 95 || nonAscii(cp, letterOrDigit);
}

/** An `@` right after one of these is literal text (`me@example.com`). */
export function isLetterOrDigit(cp: number): boolean {
  return isAsciiLetter(cp) || isDigit(cp) || nonAscii(cp, letterOrDigit);
}

/** JSON5 white space (line terminators included; positions count only CR, LF and CRLF). */
export function isWhitespace(c: number): boolean {
  switch (c) {
    case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x20:
    case 0xa0: case 0xfeff: case 0x1680: case 0x2028: case 0x2029:
    case 0x202f: case 0x205f: case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200a;
  }
}

/** Shows a character in a message: printable as itself, anything else as `\uXXXX`. */
export function showChar(cp: number): string {
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfeff) {
    return `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return String.fromCodePoint(cp);
}
