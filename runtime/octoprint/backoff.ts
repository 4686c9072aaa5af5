// The reconnect policy, as data. Delays grow exponentially from `initialMs` by `factor`, are
// capped at `maxMs`, and lose up to `jitter` (a fraction) at random so many daemons restarted
// together do not hammer OctoPrint in step. A rejected key or a 429 waits at least
// `authFailureMs`: OctoPrint rate-limits failed logins (3 per minute), and a wrong key is not
// fixed by retrying quickly.

export interface BackoffPolicy {
  initialMs: number;
  factor: number;
  maxMs: number;
  /** 0..1: the share of each delay that may be taken off at random. */
  jitter: number;
  /** Minimum wait after OHK_ERR_OCTOPRINT_AUTH or OHK_ERR_OCTOPRINT_RATE_LIMITED. */
  authFailureMs: number;
  /** A connection that stayed up this long resets the attempt count. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialMs: 1000,
  factor: 2,
  maxMs: 60_000,
  jitter: 0.2,
  authFailureMs: 60_000,
  resetAfterMs: 30_000,
};

/** The delay before attempt `attempt` (0 = the first retry). `random` returns 0..1. */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.initialMs * Math.pow(policy.factor, Math.max(0, attempt)));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.max(0, Math.round(base * (1 - jitter * random())));
}
