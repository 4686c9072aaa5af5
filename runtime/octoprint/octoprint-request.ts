// One JSON request to OctoPrint's REST API with the API key, mapping every failure to a coded
// error whose message names the URL (never the key) and says what to check.
import { request, type Dispatcher } from 'undici';
import { OctohookError, formatDuration } from '../errors.js';
import { asHttp, isPlainHttpAnswer } from '../http/not-https.js';
import { OCTOPRINT_ERR } from './error-codes.js';
import { apiUrl, displayUrl } from './urls.js';

export interface OctoPrintRequestOptions {
  baseUrl: string;
  apiKey: string;
  /** Per-request time limit for headers and body (default 10 s). */
  timeoutMs?: number;
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
}

export interface JsonAnswer {
  status: number;
  json: unknown;
  /** Retry-After in ms, when the server sent one. */
  retryAfterMs?: number;
  url: string;
}

function retryAfter(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Sends the request; resolves with status and parsed JSON (undefined for an empty body). */
export async function requestJson(method: 'GET' | 'POST', path: string, options: OctoPrintRequestOptions, body?: unknown): Promise<JsonAnswer> {
  const url = apiUrl(options.baseUrl, path);
  const shown = `${method} ${displayUrl(url)}`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let res: Dispatcher.ResponseData;
  try {
    res = await request(url, {
      method,
      headers: {
        'x-api-key': options.apiKey,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      dispatcher: options.dispatcher,
      signal: options.signal,
    });
  } catch (err) {
    if (url.startsWith('https:') && isPlainHttpAnswer(err)) {
      throw new OctohookError(
        OCTOPRINT_ERR.notHttps,
        `OctoPrint at ${displayUrl(options.baseUrl)} does not speak HTTPS (the TLS handshake was answered in plain HTTP); try ${asHttp(options.baseUrl)}`,
        { cause: err, details: { url: displayUrl(url) } },
      );
    }
    const e = err as { code?: string; message?: string; name?: string };
    const what = e.code === 'UND_ERR_HEADERS_TIMEOUT' ? `no answer within ${formatDuration(timeoutMs)}` : (e.code ?? e.message ?? 'unknown error');
    throw new OctohookError(
      OCTOPRINT_ERR.unreachable,
      `Cannot reach OctoPrint: ${shown} failed (${what}). Check that OctoPrint is running and that the configured URL is right.`,
      { cause: err, details: { url: displayUrl(url), reason: e.code ?? e.name } },
    );
  }
  let text: string;
  try {
    text = await res.body.text();
  } catch (err) {
    throw new OctohookError(OCTOPRINT_ERR.unreachable, `OctoPrint's answer to ${shown} broke off while reading it.`, {
      cause: err,
      details: { url: displayUrl(url), status: res.statusCode },
    });
  }
  let json: unknown;
  if (text.trim()) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
      if (res.statusCode < 300) {
        throw new OctohookError(
          OCTOPRINT_ERR.protocol,
          `OctoPrint's answer to ${shown} is not JSON (HTTP ${res.statusCode}). Check that the URL points at OctoPrint itself and not at another service or a proxy page.`,
          { details: { url: displayUrl(url), status: res.statusCode } },
        );
      }
    }
  }
  return { status: res.statusCode, json, retryAfterMs: retryAfter(res.headers['retry-after']), url: displayUrl(url) };
}

/** The coded error for a non-2xx status of `method url`. */
export function statusError(answer: JsonAnswer, method: string): OctohookError {
  const shown = `${method} ${answer.url}`;
  const details = { url: answer.url, status: answer.status, ...(answer.retryAfterMs !== undefined ? { retryAfterMs: answer.retryAfterMs } : {}) };
  if (answer.status === 401 || answer.status === 403) {
    return new OctohookError(
      OCTOPRINT_ERR.auth,
      `OctoPrint rejected the API key (HTTP ${answer.status} to ${shown}). Check the key in the config: use a user's or an ` +
        `application key (OctoPrint settings → Application Keys) of a user with the Status permission.`,
      { details },
    );
  }
  if (answer.status === 429) {
    return new OctohookError(
      OCTOPRINT_ERR.rateLimited,
      `OctoPrint is rate-limiting requests (HTTP 429 to ${shown}); waiting before trying again.`,
      { details },
    );
  }
  return new OctohookError(OCTOPRINT_ERR.http, `OctoPrint answered HTTP ${answer.status} to ${shown}.`, { details });
}
