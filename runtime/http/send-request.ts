// Sends one prepared request with undici and says what happened, as data or as a coded error.
//
// - One shared keep-alive Agent for the process. An Agent keeps a pool per origin with no
//   connection limit, so a target that hangs holds only its own sockets: requests to other
//   targets (and further requests to the same one) go out on other connections at once.
//   The plugin sent synchronously on OctoPrint's event thread, so one slow hook stalled
//   every later event (docs/plugin-compatibility.md#sending); here nothing waits on anything else.
// - One total deadline per request (default 10 s) that covers connecting, uploading the
//   body, waiting for headers and reading the response. undici's own timeouts are idle
//   timeouts (they restart on every byte), so a target that trickles would never trip them.
// - The response body is read up to a cap (64 kB) and then dropped; enough for a log
//   excerpt and an OAuth answer, never a memory hazard.
// - Success is 200–399, as in the plugin. Redirects are followed (up to 5), as requests
//   did, so a final 3xx is rare; undici drops Authorization/Cookie on a cross-origin hop.
//
// Errors (OctohookError):
//   OHK_ERR_URL      the URL is empty, unparsable, or not http/https
//   OHK_ERR_HEADER   a header name or value cannot be sent (bad name; a raw line break, which
//                    prepareRequest never leaves: it encodes such values, see header-encoding.ts)
//   OHK_ERR_TIMEOUT  no complete answer within the deadline
//   OHK_ERR_NETWORK  refused, reset, DNS failure, unreachable, TLS rejected, closed early
// Messages name the target by origin only (scheme://host:port): paths and queries may hold
// tokens (a Discord webhook URL is a credential). Retrying is a caller's decision; TIMEOUT
// and NETWORK are the transient ones (see isTransient).

import { Agent, interceptors, request, type Dispatcher } from 'undici';
import { OctohookError, formatDuration, isOctohookError } from '../errors.js';
import { redactText } from '../log/redact.js';
import { asHttp, isPlainHttpAnswer } from './not-https.js';
import type { PreparedRequest } from './prepare-request.js';
import { headerNameToken } from '../compiled-module.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const MAX_REDIRECTIONS = 5;

export interface SendOptions {
  /** Total deadline for the whole exchange; default 10 s. */
  timeoutMs?: number;
  /** Response bytes kept; the rest is discarded and `truncated` set. Default 64 kB. */
  maxBodyBytes?: number;
  /** Default: the shared keep-alive dispatcher. */
  dispatcher?: Dispatcher;
}

export interface SendResult {
  /** 200 ≤ status < 400. */
  ok: boolean;
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The kept bytes of the response body. */
  body: Buffer;
  /** `body` as UTF-8. */
  bodyText: string;
  /** The body was longer than maxBodyBytes. */
  truncated: boolean;
  /** Wall time of the whole exchange. */
  ms: number;
}

let shared: Dispatcher | null = null;

/** The process-wide keep-alive dispatcher (created on first use). */
export function sharedDispatcher(): Dispatcher {
  shared ??= createDispatcher();
  return shared;
}

/** A keep-alive Agent that follows redirects; `insecure` skips TLS verification. */
export function createDispatcher(options: { insecure?: boolean } = {}): Dispatcher {
  const agent = new Agent({
    keepAliveTimeout: 4_000,
    // HTTP/1.1 only: the packed undici of the --bundle file has no node:http2 (scripts/bundle-lazy-parts.mjs).
    allowH2: false,
    // A backstop only: the per-request deadline below is what normally ends a wait.
    connect: { timeout: 30_000, ...(options.insecure ? { rejectUnauthorized: false } : {}) },
  });
  return agent.compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTIONS }));
}

/** Closes the shared dispatcher (daemon shutdown); the next send creates a new one. */
export async function closeSharedDispatcher(): Promise<void> {
  const d = shared;
  shared = null;
  if (d) await d.close();
}

export async function sendRequest(req: PreparedRequest, options: SendOptions = {}): Promise<SendResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cap = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const target = checkUrl(req.url);
  const headers = outgoingHeaders(req.headers, target.url);
  const started = performance.now();

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('octohook deadline'));
  }, timeoutMs);

  try {
    const res = await request(target.url, {
      method: req.method,
      headers,
      body: req.body === null ? null : Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength),
      signal: controller.signal,
      dispatcher: options.dispatcher ?? sharedDispatcher(),
    });
    const { body, truncated } = await readCapped(res.body, cap);
    return {
      ok: res.statusCode >= 200 && res.statusCode < 400,
      status: res.statusCode,
      headers: flattenHeaders(res.headers),
      body,
      bodyText: body.toString('utf8'),
      truncated,
      ms: Math.round(performance.now() - started),
    };
  } catch (err) {
    throw toCodedError(err, req.method, target, timedOut, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

/** TIMEOUT and NETWORK failures may succeed if tried again; the rest will not. */
export function isTransient(err: unknown): boolean {
  return isOctohookError(err, 'OHK_ERR_TIMEOUT') || isOctohookError(err, 'OHK_ERR_NETWORK');
}

/** The first `max` characters of a response body, on one line, for a log or an error. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

interface Target {
  url: URL;
  origin: string;
  hostPort: string;
}

function checkUrl(raw: string): Target {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new OctohookError('OHK_ERR_URL', 'the URL is empty: give the hook a url (http:// or https://)');
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OctohookError('OHK_ERR_URL', `"${redactText(raw)}" is not a valid URL: it needs a scheme and a host, like https://example.com/hook`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OctohookError('OHK_ERR_URL', `only http:// and https:// URLs can be called, not ${url.protocol}//…`);
  }
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return { url, origin: url.origin, hostPort: `${url.hostname}:${port}` };
}

// Headers undici computes itself or refuses; a user value for them could only break the
// request (a stale content-length, a second transfer-encoding).
const MANAGED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'expect']);

function outgoingHeaders(given: Record<string, string>, url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    if (!headerNameToken.test(name)) {
      throw new OctohookError('OHK_ERR_HEADER', `header name ${JSON.stringify(name)} is not valid: use letters, digits and - only`);
    }
    if (MANAGED.has(name.toLowerCase())) continue;
    const text = String(value);
    if (/[\r\n\0]/.test(text)) {
      throw new OctohookError('OHK_ERR_HEADER', `header ${name} contains a line break, which HTTP does not allow: remove it from the value`);
    }
    out[name] = text;
  }
  // userinfo (`https://user:pass@host/`) becomes Basic auth unless the hook sets its own
  // Authorization — the plugin mangled such URLs (its issue #25). It never travels in the URL.
  if (url.username || url.password) {
    if (!Object.keys(out).some((n) => n.toLowerCase() === 'authorization')) {
      const user = decodeURIComponent(url.username);
      const pass = decodeURIComponent(url.password);
      out.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    }
    url.username = '';
    url.password = '';
  }
  return out;
}

async function readCapped(body: Dispatcher.ResponseData['body'], cap: number): Promise<{ body: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    const room = cap - size;
    if (buf.length > room) {
      if (room > 0) chunks.push(buf.subarray(0, room));
      size = cap;
      truncated = true;
      break; // leaving the loop destroys the stream; undici closes that connection
    }
    chunks.push(buf);
    size += buf.length;
  }
  return { body: Buffer.concat(chunks, size), truncated };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the server running and listening on that port?)',
  ECONNRESET: 'the connection was reset by the server',
  EPIPE: 'the server closed the connection while the request was being sent',
  UND_ERR_SOCKET: 'the server closed the connection before answering',
  ENOTFOUND: 'the host name was not found (DNS): check the spelling',
  EAI_AGAIN: 'the host name could not be resolved right now (DNS)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EADDRNOTAVAIL: 'the address is not available',
  UND_ERR_HTTP_PARSER: 'the server answered something that is not HTTP',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the answer was shorter than its Content-Length',
};

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL|EPROTO/;

function toCodedError(err: unknown, method: string, target: Target, timedOut: boolean, timeoutMs: number): OctohookError {
  if (isOctohookError(err)) return err;
  const code = errorCode(err);
  const details = { origin: target.origin, hostPort: target.hostPort, cause: code ?? 'unknown' };
  if (timedOut || (code !== null && TIMEOUT_CODES.has(code))) {
    return new OctohookError('OHK_ERR_TIMEOUT', `${method} ${target.origin} did not answer within ${formatDuration(timeoutMs)}`, {
      cause: err,
      details: { ...details, timeoutMs },
    });
  }
  if (code === 'UND_ERR_INVALID_ARG') {
    return new OctohookError('OHK_ERR_HEADER', `the request to ${target.origin} could not be built: ${redactText(messageOf(err))}`, { cause: err, details });
  }
  let cause = code !== null ? NETWORK_CAUSES[code] : undefined;
  if (!cause && target.url.protocol === 'https:' && isPlainHttpAnswer(err)) cause = `the server speaks plain HTTP, not HTTPS, on that port: try ${asHttp(target.origin)}`;
  if (!cause && code !== null && TLS_CODES.test(code)) cause = `the TLS certificate was rejected (${code})`;
  if (!cause) cause = redactText(messageOf(err)) || 'unknown network error';
  return new OctohookError('OHK_ERR_NETWORK', `could not reach ${target.hostPort}: ${cause}`, { cause: err, details });
}

// Node and undici put the useful code on the error or on its cause (fetch-style wrapping),
// and a failed dual-stack connect arrives as an AggregateError of per-address errors.
function errorCode(err: unknown): string | null {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === 'string' && c !== 'UND_ERR' && c !== 'UND_ERR_ABORTED' && c !== 'UND_ERR_ABORT') return c;
    if (e instanceof AggregateError && e.errors.length > 0) e = e.errors[0];
    else e = (e as { cause?: unknown }).cause;
  }
  return null;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
