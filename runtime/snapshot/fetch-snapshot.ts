// GET one snapshot from a webcam URL, with a deadline and a size cap (the plugin had
// neither: a dead webcam blocked OctoPrint's event thread forever, docs/plugin-compatibility.md#snapshots).
//
// Every failure is OHK_ERR_SNAPSHOT with the URL in the message — userinfo and
// credential-like query values redacted — and the underlying coded error as `cause`:
// a non-2xx answer, a timeout, a connection failure, a body that is not an image
// (mjpg-streamer's HTML error page comes with status 200), or one larger than the cap.

import type { Dispatcher } from 'undici';
import { OctohookError, formatDuration, isOctohookError } from '../errors.js';
import { redactUrl, type SecretSet } from '../log/redact.js';
import { createDispatcher, sendRequest } from '../http/send-request.js';
import { sniffImageFormat, type ImageFormat } from './jpeg-size.js';

export const DEFAULT_SNAPSHOT_TIMEOUT_MS = 5_000;
export const DEFAULT_SNAPSHOT_MAX_BYTES = 8 * 1024 * 1024;

export interface FetchSnapshotOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** Skip TLS verification (OctoPrint's `snapshotSslValidation: false`). */
  insecure?: boolean;
  dispatcher?: Dispatcher;
  /** Used to redact registered secrets from the URL shown in messages. */
  secrets?: SecretSet | null;
}

export interface FetchedSnapshot {
  bytes: Buffer;
  format: ImageFormat;
  /** The Content-Type the webcam declared, if any. */
  contentType: string | null;
  ms: number;
}

let insecureDispatcher: Dispatcher | null = null;

export async function fetchSnapshot(url: string, options: FetchSnapshotOptions = {}): Promise<FetchedSnapshot> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SNAPSHOT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_SNAPSHOT_MAX_BYTES;
  const shown = redactUrl(url, options.secrets);
  const fail = (what: string, cause?: unknown, details: Record<string, unknown> = {}) =>
    new OctohookError('OHK_ERR_SNAPSHOT', `snapshot URL ${shown} ${what}`, { cause, details: { url: shown, ...details } });

  const dispatcher = options.dispatcher ?? (options.insecure ? (insecureDispatcher ??= createDispatcher({ insecure: true })) : undefined);
  let res;
  try {
    res = await sendRequest(
      { method: 'GET', url, headers: { accept: 'image/jpeg, image/*;q=0.9' }, body: null, contentType: null },
      { timeoutMs, maxBodyBytes: maxBytes + 1, ...(dispatcher ? { dispatcher } : {}) },
    );
  } catch (err) {
    if (isOctohookError(err, 'OHK_ERR_TIMEOUT')) throw fail(`did not answer within ${formatDuration(timeoutMs)}`, err, { timeoutMs });
    if (isOctohookError(err, 'OHK_ERR_NETWORK')) {
      throw fail(`could not be reached: ${err.message.replace(/^could not reach [^:]+:\d+: /, '')}`, err);
    }
    if (isOctohookError(err, 'OHK_ERR_URL')) throw fail(`is not usable: ${err.message}`, err);
    throw fail(`could not be fetched: ${err instanceof Error ? err.message : String(err)}`, err);
  }

  const declared = res.headers['content-type'] ?? null;
  if (res.status < 200 || res.status >= 300) throw fail(`answered HTTP ${res.status}, not an image`, undefined, { status: res.status });
  if (res.truncated) throw fail(`sent more than ${Math.round(maxBytes / 1024 / 1024)} MB; a snapshot should be a single still image`);
  const format = sniffImageFormat(res.body);
  if (format === null) {
    const what = declared ? declared.split(';')[0].trim() : res.body.length === 0 ? 'an empty body' : 'something';
    throw fail(`answered ${what}, not an image`, undefined, { status: res.status });
  }
  return { bytes: res.body, format, contentType: declared, ms: res.ms };
}
