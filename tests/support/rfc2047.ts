// An RFC 2047 decoder for tests, written from the RFC and not from the runtime's encoder, so
// a test that decodes what was sent proves the encoding, not the encoder against itself.
// Reads B and Q words in UTF-8 (or ISO-8859-1/US-ASCII), drops the white space between
// adjacent encoded words (as RFC 2047 says), keeps everything else as it is.

const WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

export function decodeRfc2047(value: string): string {
  let out = '';
  let last = 0;
  let previousWasWord = false;
  for (const m of value.matchAll(WORD)) {
    const between = value.slice(last, m.index);
    if (!(previousWasWord && /^[ \t]+$/.test(between))) out += between;
    out += decodeWord(m[1], m[2], m[3]);
    last = m.index! + m[0].length;
    previousWasWord = true;
  }
  return out + value.slice(last);
}

function decodeWord(charset: string, encoding: string, text: string): string {
  let bytes: Buffer;
  if (encoding.toUpperCase() === 'B') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new Error(`not base64: ${text}`);
    bytes = Buffer.from(text, 'base64');
  } else {
    const parts: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '_') parts.push(0x20);
      else if (c === '=') {
        parts.push(parseInt(text.slice(i + 1, i + 3), 16));
        i += 2;
      } else parts.push(c.charCodeAt(0));
    }
    bytes = Buffer.from(parts);
  }
  const cs = charset.split('*')[0].toLowerCase();
  if (cs === 'utf-8') return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (cs === 'iso-8859-1' || cs === 'us-ascii') return bytes.toString('latin1');
  throw new Error(`charset ${charset} not supported by this test decoder`);
}
