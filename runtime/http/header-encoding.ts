// Header values on the wire are printable ASCII. A rendered value with anything else — a
// file name like "Würfel — Teil 1.gcode", an emoji, a line break in a message — is sent as
// RFC 2047 encoded words (`=?UTF-8?B?…?=`, base64 of the UTF-8 bytes), which ntfy and most
// mail-minded receivers decode back to the original text. Control characters (CR, LF, NUL,
// tab, DEL) are encoded too rather than rejected: the encoded form has no line break, so a
// value can never add a header of its own (no header injection), and the receiver still gets
// the text as rendered. Printable ASCII is left exactly as it is, unless it already reads as
// an encoded word (`=?utf-8?q?x?=`): a decoder would turn that into something else, so it is
// encoded too and comes back unchanged.
//
// RFC 2047 limits an encoded word to 75 characters; adjacent words are joined by white
// space that the decoder drops; each word holds whole characters, so a chunk never splits a
// UTF-8 sequence. `=?UTF-8?B?` + `?=` leaves 63 characters, 60 of them whole base64
// quads: 45 bytes of text per word.

const PREFIX = '=?UTF-8?B?';
const SUFFIX = '?=';
const MAX_BYTES_PER_WORD = 45;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const LOOKS_ENCODED = /=\?[^?\s]+\?[bq]\?[^?\s]*\?=/i;

/** True when `value` cannot travel as it is: anything but printable ASCII, or a look-alike encoded word. */
export function needsEncoding(value: string): boolean {
  return !PRINTABLE_ASCII.test(value) || LOOKS_ENCODED.test(value);
}

/** The value as it goes on the wire: unchanged, or RFC 2047 encoded words joined by a space. */
export function encodeHeaderValue(value: string): string {
  if (!needsEncoding(value)) return value;
  const words: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const ch of value) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > MAX_BYTES_PER_WORD && chunk !== '') {
      words.push(encodedWord(chunk));
      chunk = '';
      bytes = 0;
    }
    chunk += ch;
    bytes += size;
  }
  if (chunk !== '') words.push(encodedWord(chunk));
  return words.join(' ');
}

/** Every value of a header record through encodeHeaderValue; names and order kept. */
export function encodeHeaderValues(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = encodeHeaderValue(value);
  return out;
}

/**
 * The text an encoded value stands for, for redacting secrets in what `octohookc test`
 * shows; only the form encodeHeaderValue writes (UTF-8, base64) is read. Other values are
 * returned as they are.
 */
export function decodeHeaderValue(value: string): string {
  const words = value.split(' ');
  if (!words.every((w) => w.startsWith(PREFIX) && w.endsWith(SUFFIX))) return value;
  const bytes = words.map((w) => Buffer.from(w.slice(PREFIX.length, -SUFFIX.length), 'base64'));
  return Buffer.concat(bytes).toString('utf8');
}

function encodedWord(text: string): string {
  return `${PREFIX}${Buffer.from(text, 'utf8').toString('base64')}${SUFFIX}`;
}
