// A prepared request as a person reads it: the request line, the headers, a blank line and
// the body as sent, except that the snapshot's bytes are shown as one bracketed line.
// Header values are shown as sent (encoded words included); `redact`, when given, also looks
// inside an encoded value, where a secret is not visible as itself.
import { REDACTED } from '../../runtime/log/redact.js';
import { decodeHeaderValue } from '../../runtime/http/header-encoding.js';
import type { PreparedRequest } from '../../runtime/http/prepare-request.js';

export function formatRequest(req: PreparedRequest, snapshot: Uint8Array | null, redact?: (text: string) => string): string {
  const lines = [`${req.method} ${req.url}`];
  for (const [name, value] of Object.entries(req.headers)) lines.push(`${name}: ${shownValue(value, redact)}`);
  let body = '';
  if (req.body) {
    const bytes = Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength);
    const at = snapshot && snapshot.byteLength > 0 ? bytes.indexOf(Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength)) : -1;
    body =
      at >= 0 && snapshot
        ? bytes.subarray(0, at).toString('utf8') + `[snapshot.jpg: image/jpeg, ${snapshot.byteLength} bytes]` + bytes.subarray(at + snapshot.byteLength).toString('utf8')
        : bytes.toString('utf8');
  }
  return `${lines.join('\n')}\n\n${body}${body.endsWith('\n') || body === '' ? '' : '\n'}`;
}

function shownValue(value: string, redact: ((text: string) => string) | undefined): string {
  if (!redact) return value;
  const decoded = decodeHeaderValue(value);
  return decoded !== value && redact(decoded) !== decoded ? REDACTED : value;
}
