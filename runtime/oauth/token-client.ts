// Performs one `oauth NAME { … }` token request and returns its JSON answer.
//
// The request is built like a hook's (../http): `content json` → JSON body with the JSON
// Content-Type forced, `content form` → urlencoded body, `method GET` → data in the query.
// The plugin (docs/plugin-compatibility.md#oauth) had a 30 s timeout for JSON/form and none for GET,
// logged the whole answer (tokens included) at INFO, and reported a non-JSON answer as
// "Unknown Issue when trying to call OAUTH API". Here every variant has the same deadline,
// the token values are registered as secrets before anything can log them, and each
// failure says what the token server did:
//
//   OHK_ERR_OAUTH  "oauth <name>: token server at <url> answered HTTP 401: <excerpt>"
//                  "… answered text/html, not JSON"
//                  "… answered without \"access_token\" (it sent: error, error_description)"
//                  "… did not answer within 30 s" / "… could not be reached: <cause>"
//
// The URL in messages is the rendered token URL with credentials redacted; the excerpt of an
// error answer is redacted too (servers like to echo the client_secret back).

import type { Dispatcher } from 'undici';
import type { OAuthSpec, RenderContext } from '../compiled-module.js';
import { OctohookError, formatDuration, isOctohookError } from '../errors.js';
import { isSensitiveKey, redactText, redactUrl, SecretSet } from '../log/redact.js';
import { prepareRequest } from '../http/prepare-request.js';
import { excerpt, sendRequest } from '../http/send-request.js';

export const DEFAULT_OAUTH_TIMEOUT_MS = 30_000;

export interface TokenAnswer {
  /** The token server's JSON object; hooks read it as `@<name>.<key>`. */
  data: Record<string, unknown>;
  /** From `expires_in` (seconds, number or numeric string); null when absent. */
  expiresInMs: number | null;
}

export interface FetchTokenOptions {
  timeoutMs?: number;
  dispatcher?: Dispatcher;
  /** The logger's secret set: request credentials and answer tokens are added to it. */
  secrets?: SecretSet | null;
}

export async function fetchToken(spec: OAuthSpec, ctx: RenderContext, options: FetchTokenOptions = {}): Promise<TokenAnswer> {
  const secrets = options.secrets ?? new SecretSet();
  const timeoutMs = options.timeoutMs ?? DEFAULT_OAUTH_TIMEOUT_MS;
  const prefix = `oauth ${spec.name}:`;

  let url: string;
  let headers: Record<string, unknown>;
  let data: Record<string, unknown>;
  try {
    url = String(spec.url(ctx));
    headers = spec.headers(ctx) ?? {};
    data = spec.data(ctx) ?? {};
  } catch (err) {
    throw new OctohookError('OHK_ERR_OAUTH', `${prefix} could not build the token request: ${redactText(err instanceof Error ? err.message : String(err), secrets)}`, {
      cause: err,
    });
  }
  registerSensitive(headers, secrets);
  registerSensitive(data, secrets);
  const shown = redactUrl(url, secrets);
  const fail = (what: string, cause?: unknown, details: Record<string, unknown> = {}) =>
    new OctohookError('OHK_ERR_OAUTH', `${prefix} token server at ${shown} ${what}`, { cause, details: { oauth: spec.name, url: shown, ...details } });

  const hasAccept = Object.keys(headers).some((h) => h.toLowerCase() === 'accept');
  const req = prepareRequest({
    method: spec.method,
    content: spec.content,
    url,
    headers: hasAccept ? headers : { ...headers, accept: 'application/json' },
    data,
  });

  let res;
  try {
    res = await sendRequest(req, { timeoutMs, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) });
  } catch (err) {
    if (isOctohookError(err, 'OHK_ERR_TIMEOUT')) throw fail(`did not answer within ${formatDuration(timeoutMs)}`, err);
    if (isOctohookError(err, 'OHK_ERR_NETWORK')) throw fail(`could not be reached: ${err.message.replace(/^could not reach [^:]+:\d+: /, '')}`, err);
    if (isOctohookError(err)) throw new OctohookError('OHK_ERR_OAUTH', `${prefix} ${redactText(err.message, secrets)}`, { cause: err });
    throw fail(`could not be called: ${redactText(err instanceof Error ? err.message : String(err), secrets)}`, err);
  }

  if (res.status < 200 || res.status >= 300) {
    const body = excerpt(redactText(res.bodyText, secrets), 200);
    throw fail(`answered HTTP ${res.status}${body ? `: ${body}` : ''}`, undefined, { status: res.status });
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(res.bodyText);
  } catch {
    const declared = res.headers['content-type']?.split(';')[0].trim();
    const what = declared && !/json/i.test(declared) ? declared : res.bodyText.trim() === '' ? 'an empty body' : 'a body that does not parse';
    throw fail(`answered ${what}, not JSON`, undefined, { status: res.status });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw fail(`answered JSON that is not an object`, undefined, { status: res.status });
  }
  const answer = parsed as Record<string, unknown>;
  registerAnswerSecrets(answer, secrets);

  const missing = Object.keys(spec.returns ?? {}).filter((k) => answer[k] === undefined || answer[k] === null);
  if (missing.length > 0) {
    const got = Object.keys(answer).slice(0, 10).join(', ') || 'an empty object';
    throw fail(`answered without ${missing.map((k) => `"${k}"`).join(', ')} (it sent: ${got})`, undefined, { status: res.status });
  }
  return { data: answer, expiresInMs: expiresInMs(answer.expires_in) };
}

export function expiresInMs(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.max(0, n * 1000) : null;
}

function registerSensitive(values: Record<string, unknown>, secrets: SecretSet): void {
  for (const [k, v] of Object.entries(values)) if (isSensitiveKey(k)) secrets.add(bearerless(v));
}

// Every token-like value of the answer: access_token, refresh_token, id_token, token, …
// but not token_type ("Bearer" is not a secret and would blank the word everywhere).
function registerAnswerSecrets(answer: Record<string, unknown>, secrets: SecretSet): void {
  for (const [k, v] of Object.entries(answer)) {
    if (isSensitiveKey(k) || (/token|secret|password/i.test(k) && !/^token_?type$/i.test(k))) secrets.add(v);
  }
}

function bearerless(v: unknown): unknown {
  return typeof v === 'string' ? v.replace(/^(Bearer|Basic)\s+/i, '') : v;
}
