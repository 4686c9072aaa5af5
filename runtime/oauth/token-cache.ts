// Token caching per oauth block (the plugin fetched a token per hook per event and never
// cached, docs/plugin-compatibility.md#oauth).
//
// - A token is reused until its `expires_in` runs out, minus a safety margin: the smaller of
//   30 s and 10 % of its lifetime, so a 1-hour token is renewed 30 s early and a 60 s token
//   6 s early. Lifetime is counted from when the request was SENT (the server's clock
//   started no later than that).
// - No `expires_in`: reused until invalidated.
// - `invalidate(name)`: the caller saw the token rejected (a hook's target answered 401);
//   the next `get` fetches a new one. A fetch already in flight is not dropped — it is by
//   construction newer than the token that failed.
// - Concurrent `get`s for the same block share one in-flight fetch. A failed fetch is not
//   cached: every waiter gets the error, and the next `get` tries again.
// - Time comes from an injected clock — any object with `now()` in epoch ms, such as
//   runtime/clock.ts's Clock — so tests move time without sleeping.

import type { TokenAnswer } from './token-client.js';

export interface ClockLike {
  now(): number;
}

export interface TokenCacheOptions {
  /** Fetches a token for the named oauth block (wire to fetchToken with the module's spec). */
  load: (name: string) => Promise<TokenAnswer>;
  clock?: ClockLike;
  /** Upper bound of the renewal margin; default 30 s. */
  marginMs?: number;
  /** Fraction of the lifetime used as margin when smaller than marginMs; default 0.1. */
  marginRatio?: number;
}

interface Entry {
  promise: Promise<TokenAnswer>;
  settled: boolean;
  /** Epoch ms after which the token is stale; Infinity for "until invalidated". */
  staleAt: number;
}

export class TokenCache {
  #entries = new Map<string, Entry>();
  #load: (name: string) => Promise<TokenAnswer>;
  #clock: ClockLike;
  #marginMs: number;
  #marginRatio: number;
  /** Number of loads started, for tests and debug logs. */
  loads = 0;

  constructor(options: TokenCacheOptions) {
    this.#load = options.load;
    this.#clock = options.clock ?? Date;
    this.#marginMs = options.marginMs ?? 30_000;
    this.#marginRatio = options.marginRatio ?? 0.1;
  }

  /** The current token answer for `name`, fetching when there is none or it went stale. */
  async get(name: string): Promise<Record<string, unknown>> {
    const entry = this.#entries.get(name);
    if (entry && (!entry.settled || this.#clock.now() < entry.staleAt)) return (await entry.promise).data;
    return (await this.#start(name)).data;
  }

  /** Forget the cached token for `name` (its target rejected it). */
  invalidate(name: string): void {
    const entry = this.#entries.get(name);
    if (entry?.settled) this.#entries.delete(name);
  }

  /** Forget everything (configuration reload). */
  clear(): void {
    for (const [name, entry] of this.#entries) if (entry.settled) this.#entries.delete(name);
  }

  /** When the cached token for `name` goes stale (epoch ms; Infinity: never); undefined if none. */
  staleAt(name: string): number | undefined {
    const entry = this.#entries.get(name);
    return entry?.settled ? entry.staleAt : undefined;
  }

  #start(name: string): Promise<TokenAnswer> {
    const sentAt = this.#clock.now();
    this.loads++;
    const entry: Entry = { promise: Promise.resolve(null as unknown as TokenAnswer), settled: false, staleAt: sentAt };
    entry.promise = this.#load(name).then(
      (answer) => {
        entry.settled = true;
        entry.staleAt = this.#staleAt(sentAt, answer.expiresInMs);
        return answer;
      },
      (err: unknown) => {
        if (this.#entries.get(name) === entry) this.#entries.delete(name);
        throw err;
      },
    );
    this.#entries.set(name, entry);
    return entry.promise;
  }

  #staleAt(sentAt: number, lifetimeMs: number | null): number {
    if (lifetimeMs === null) return Infinity;
    const margin = Math.min(this.#marginMs, lifetimeMs * this.#marginRatio);
    return sentAt + lifetimeMs - margin;
  }
}

export function createTokenCache(options: TokenCacheOptions): TokenCache {
  return new TokenCache(options);
}
