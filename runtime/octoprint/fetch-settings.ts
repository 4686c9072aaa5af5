// `GET /api/settings`, for OctoPrint's own webcam (snapshot URL, flips, rotation). Read
// lazily, only when a hook with `@snapshot` has no URL of its own, and kept for a minute:
// webcam settings rarely change and a print's events should not each cost a request.
import { requestJson, statusError, type OctoPrintRequestOptions } from './octoprint-request.js';

export function cachedSettings(options: OctoPrintRequestOptions, now: () => number, ttlMs = 60_000): () => Promise<unknown> {
  let cached: { at: number; value: Promise<unknown> } | undefined;
  return () => {
    if (cached && now() - cached.at < ttlMs) return cached.value;
    const value = requestJson('GET', '/api/settings', options).then((answer) => {
      if (answer.status !== 200) throw statusError(answer, 'GET');
      return answer.json;
    });
    value.catch(() => {
      cached = undefined;
    });
    cached = { at: now(), value };
    return value;
  };
}
