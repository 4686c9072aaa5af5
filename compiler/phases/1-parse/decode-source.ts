// Files arrive as bytes. Invalid UTF-8 is reported at the first bad byte (by line and
// column of the text before it) instead of being silently replaced, so a user sees where
// their editor saved something odd.
import type { Position } from '../../../language/range.js';

export type Decoded = { ok: true; text: string } | { ok: false; byte: number; at: Position };

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      if (k === 1 && ((b === 0xe0 && c < 0xa0) || (b === 0xed && c > 0x9f) || (b === 0xf0 && c < 0x90) || (b === 0xf4 && c > 0x8f))) return i;
    }
    i += need + 1;
  }
  return -1;
}

export function decodeSource(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: fatal.decode(bytes) };
  } catch {
    const bad = Math.max(0, firstInvalidByte(bytes));
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const lines = before.split(/\r\n|\r|\n/);
    const at: Position = { line: lines.length, column: lines[lines.length - 1].length + 1, offset: before.length };
    return { ok: false, byte: bad, at };
  }
}
