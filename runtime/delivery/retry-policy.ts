// What an attempt's answer means, and when to try again: the whole retry policy, as data
// plus two small functions, in one place (the shape undici's RetryHandler uses).
//
// - Success is 200–399, as in the plugin (send-request.ts follows redirects, so a final 3xx
//   is rare). Standard Webhooks counts only 2xx; we keep the plugin's rule so a target that
//   answered 302 to the plugin does not start failing here.
// - Retried: network errors and timeouts (OHK_ERR_NETWORK, OHK_ERR_TIMEOUT), 408, 429 and
//   every 5xx. Nothing else will get better by itself.
// - 410 Gone: the target says it will never want these again. The hook is disabled until
//   the daemon restarts (Standard Webhooks: "410 means disable").
// - Any other 4xx, and request errors that will not change (bad URL, bad header, missing
//   signing secret): dead letter at once.
// - A retry waits the hook's next delay ± `jitter` (so a fleet of printers that went offline
//   together does not come back in lockstep), or longer when the target said so in
//   Retry-After, capped so a confused server cannot park a hook for days.
// - Every delivery's life is bounded from its acceptance (`lifetimeMs`): what is still
//   pending at its deadline, waiting behind an earlier delivery or for a retry that would
//   come too late, becomes a dead letter. A hook keeps at most `maxPendingPerHook` pending
//   deliveries; the oldest waiting one makes room. So a target that is down for good costs
//   a bounded queue, not one that grows with every firing.
import { isOctohookError, type OctohookErrorCode } from '../errors.js';
import type { SendResult } from '../http/send-request.js';

export const retryPolicy = {
  /** A delay d becomes a uniform draw from [d·(1−jitter), d·(1+jitter)]. */
  jitter: 0.2,
  /** Statuses worth another attempt, besides every 5xx. */
  retryStatuses: [408, 429] as readonly number[],
  /** Error codes worth another attempt (send-request.ts's transient ones). */
  retryErrorCodes: ['OHK_ERR_TIMEOUT', 'OHK_ERR_NETWORK'] as readonly OctohookErrorCode[],
  /** Disables the hook until restart. */
  goneStatus: 410,
  /** Retry-After never pushes an attempt further out than this. */
  retryAfterCapMs: 60 * 60_000,
  /** Pending deliveries one hook keeps; a new one beyond it dead-letters the oldest waiting one. */
  maxPendingPerHook: 1000,
} as const;

/**
 * How long a delivery may stay pending after its acceptance: every delay of its hook's
 * schedule at its longest (+jitter), plus one attempt's timeout. The time its own attempts
 * take is added as they happen (the engine extends the deadline), so a delivery that is tried
 * on time always gets its whole schedule, even against a target that hangs each time.
 */
export function lifetimeMs(delaysMs: readonly number[], timeoutMs: number): number {
  let total = 0;
  for (const d of delaysMs) total += d;
  return Math.ceil(total * (1 + retryPolicy.jitter)) + timeoutMs;
}

export type Verdict =
  | { kind: 'success' }
  /** Worth another attempt; `retryAfterMs` when the target asked for a pause. */
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  | { kind: 'gone'; reason: string }
  | { kind: 'dead'; reason: string };

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 400;
}

export function isRetryableStatus(status: number): boolean {
  return (status >= 500 && status < 600) || retryPolicy.retryStatuses.includes(status);
}

/** Classifies one attempt: its response, or the error sendRequest threw. */
export function classify(outcome: { response: SendResult } | { error: unknown }, nowMs: number): Verdict {
  if ('error' in outcome) {
    const err = outcome.error;
    const reason = describeError(err);
    const retryable = retryPolicy.retryErrorCodes.some((code) => isOctohookError(err, code));
    return retryable ? { kind: 'retry', reason } : { kind: 'dead', reason };
  }
  const { status, headers } = outcome.response;
  if (isSuccess(status)) return { kind: 'success' };
  const reason = `HTTP ${status}`;
  if (status === retryPolicy.goneStatus) return { kind: 'gone', reason };
  if (isRetryableStatus(status)) {
    const retryAfterMs = parseRetryAfter(headers['retry-after'], nowMs);
    return retryAfterMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs };
  }
  return { kind: 'dead', reason };
}

/**
 * The wait before the next attempt, or null when the schedule is used up. `attemptsMade`
 * counts the attempts so far (1 after the first); `delaysMs` is the hook's schedule.
 * Retry-After only ever lengthens a wait: a "Retry-After: 0" does not turn a 5-minute
 * back-off into a tight loop.
 */
export function nextDelayMs(delaysMs: readonly number[], attemptsMade: number, retryAfterMs?: number, random: () => number = Math.random): number | null {
  const base = delaysMs[attemptsMade - 1];
  if (base === undefined) return null;
  const spread = base * retryPolicy.jitter;
  const jittered = Math.round(base - spread + random() * 2 * spread);
  if (retryAfterMs === undefined) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, retryPolicy.retryAfterCapMs));
}

/** `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT` → milliseconds from now. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

function describeError(err: unknown): string {
  if (isOctohookError(err)) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
