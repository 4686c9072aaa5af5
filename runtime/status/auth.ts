// Who may do what on the status server. Actions need `Authorization: Bearer TOKEN`; reads
// need it too unless `public read`. A browser cannot add that header to a cross-site request
// without a CORS preflight, which the server never answers, so the header is the main
// defence against cross-site requests; Origin and Sec-Fetch-Site, when a browser sends them,
// are checked as well. The Host check keeps a DNS-rebound name from reaching a loopback-only
// server as if it were the page's own origin.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time: both sides are hashed first, so neither the length nor a prefix leaks. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function hasBearer(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return false;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return m !== null && tokenMatches(m[1], token);
}

/** Why a request looks cross-site, or undefined. */
export function crossSite(req: IncomingMessage): string | undefined {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site: ${site}`;
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== `http://${req.headers.host ?? ''}`) return 'its Origin is not this server';
  return undefined;
}

const LOOPBACK_NAMES = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d+)?$/i;

/** On a loopback address, only loopback Host names are this server. */
export function hostAllowed(req: IncomingMessage, loopbackOnly: boolean): boolean {
  const host = req.headers.host;
  if (typeof host !== 'string' || host === '') return false;
  return !loopbackOnly || LOOPBACK_NAMES.test(host);
}
