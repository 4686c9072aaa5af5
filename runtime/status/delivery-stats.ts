// What the status page and /metrics count, fed by the daemon as things happen: how each
// delivery ended, how long each attempt took, which events OctoPrint sent. Counters only:
// what is pending or dead is read from the outbox when asked, never duplicated here.
import type { DeliveryOutcome } from '../delivery/sender.js';

/** Upper bounds (seconds) of the attempt latency histogram's buckets; +Inf is implied. */
export const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

export type EndedAs = 'delivered' | 'dead' | 'skipped';

export interface LastDelivery {
  id: string | null;
  trigger: string;
  outcome: EndedAs;
  at: number;
  status: number | null;
  ms: number | null;
  reason: string | null;
}

export interface HookCounts {
  ended: Record<EndedAs, number>;
  last: LastDelivery | null;
  /** Attempts by latency bucket (cumulative counts are computed when written out). */
  buckets: number[];
  attempts: number;
  attemptSeconds: number;
  /** Firings that quiet hours or a `when` condition kept from the hook (nothing was sent or journaled). */
  suppressed: number;
}

export class DeliveryStats {
  readonly hooks = new Map<string, HookCounts>();
  readonly events = new Map<string, number>();
  lastEvent: { trigger: string; at: number } | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(hookNames: readonly string[], private readonly now: () => number) {
    for (const name of hookNames) this.hook(name);
  }

  /** Called after every change (the live page listens); returns the unsubscribe. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  changed(): void {
    for (const fn of this.listeners) fn();
  }

  event(trigger: string): void {
    this.events.set(trigger, (this.events.get(trigger) ?? 0) + 1);
    this.lastEvent = { trigger, at: this.now() };
    this.changed();
  }

  attempt(hook: string, ms: number): void {
    const h = this.hook(hook);
    const seconds = ms / 1000;
    let i = LATENCY_BUCKETS.findIndex((b) => seconds <= b);
    if (i < 0) i = LATENCY_BUCKETS.length;
    h.buckets[i]++;
    h.attempts++;
    h.attemptSeconds += seconds;
    // A failed attempt that will be retried changes what is pending (its reason, its next try).
    this.changed();
  }

  outcome(hook: string, trigger: string, outcome: DeliveryOutcome): void {
    const h = this.hook(hook);
    const as: EndedAs = outcome.kind === 'skipped' ? 'skipped' : outcome.kind === 'sent' && outcome.ok ? 'delivered' : 'dead';
    h.ended[as]++;
    h.last = {
      id: ('id' in outcome && outcome.id) || null,
      trigger,
      outcome: as,
      at: this.now(),
      status: outcome.kind === 'sent' ? outcome.status : null,
      ms: outcome.kind === 'sent' ? Math.round(outcome.ms) : null,
      // An answered delivery is told by its status; only the others need a reason.
      reason: outcome.kind === 'sent' ? null : outcome.reason,
    };
    this.changed();
  }

  suppressed(hook: string): void {
    this.hook(hook).suppressed++;
    this.changed();
  }

  private hook(name: string): HookCounts {
    let h = this.hooks.get(name);
    if (!h) {
      h = { ended: { delivered: 0, dead: 0, skipped: 0 }, last: null, buckets: new Array<number>(LATENCY_BUCKETS.length + 1).fill(0), attempts: 0, attemptSeconds: 0, suppressed: 0 };
      this.hooks.set(name, h);
    }
    return h;
  }
}
