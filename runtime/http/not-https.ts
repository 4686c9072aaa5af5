// An https:// URL pointed at a port that speaks plain HTTP fails in the TLS handshake: the
// server answers the ClientHello with "HTTP/1.1 400", which OpenSSL reports as a wrong record
// version (ERR_SSL_WRONG_VERSION_NUMBER, or EPROTO with that text on other builds). That is
// never a certificate problem, and the fix is always `http://`, so callers say exactly that.

import { displayUrl } from '../octoprint/urls.js';

const CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_HTTP_REQUEST']);
const TEXT = /wrong version number|packet length too long|http request/i;

/** True when `err` (or a cause of it) is a TLS handshake answered by plain HTTP. */
export function isPlainHttpAnswer(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && CODES.has(code)) return true;
    if (code === 'EPROTO' && typeof message === 'string' && TEXT.test(message)) return true;
    e = e instanceof AggregateError && e.errors.length > 0 ? e.errors[0] : (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The same URL with http:// (for the hint), credentials, query and fragment left out. */
export function asHttp(url: string): string {
  return displayUrl(url.replace(/^https:/i, 'http:'));
}
