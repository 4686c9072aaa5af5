// One hook's deliveries, in order. Only the head is ever attempted: while it waits for its
// next retry, the deliveries behind it wait too (a receiver sees a hook's webhooks in event
// order), and nothing in another hook's lane waits for it. The wait is a timer on the
// injected Clock, so tests move through a whole retry schedule instantly.
//
// Every delivery also has a deadline (./retry-policy.ts's lifetimeMs, from its acceptance):
// one that is still waiting when its deadline passes, behind a failing head or for a retry
// of its own, leaves the lane through `expire` (the engine dead-letters it). A second timer
// watches the earliest deadline, so a lane stuck behind a target that is down still sheds
// what it holds on time, and never holds more than one schedule's worth of firings.
import type { Clock, ClockTimer } from '../clock.js';
import type { Firing } from '../dispatch/firing.js';
import type { StoredDelivery } from '../outbox/records.js';

export interface LaneItem {
  /** The outbox's own record of the delivery (the outbox updates it). */
  delivery: StoredDelivery;
  /** Resolves when the delivery is on disk; nothing is sent before. */
  durable: Promise<void>;
  /** Epoch ms after which it is no longer attempted (the engine sets and extends it). */
  deadline: number;
  /** The firing it came from, while this process runs (for an OAuth re-render). */
  firing?: Firing;
}

/** What an attempt decided: the item is finished (delivered or dead), or waits for another try. */
export type AttemptEnd = 'final' | 'again';

export class HookLane {
  private readonly items: LaneItem[] = [];
  private timer: ClockTimer | undefined;
  private expiryTimer: ClockTimer | undefined;
  private expiryAt = Infinity;
  private running: Promise<void> | null = null;
  /** The head while an attempt of it is on the wire. */
  private onWire: LaneItem | undefined;
  private stopped = false;
  private paused = false;

  constructor(
    readonly hook: string,
    private readonly clock: Clock,
    private readonly attempt: (lane: HookLane, item: LaneItem) => Promise<AttemptEnd>,
    /** A waiting delivery whose deadline has passed; it is already out of the lane. */
    private readonly expire: (item: LaneItem) => void,
    private readonly onEmpty: () => void,
  ) {}

  get size(): number {
    return this.items.length;
  }

  /** True while an attempt is on the wire (not while waiting for a retry). */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Adds a delivery in `seq` order (new ones always go last; recovered ones are sorted). */
  push(item: LaneItem): void {
    let i = this.items.length;
    while (i > 0 && this.items[i - 1].delivery.seq > item.delivery.seq) i--;
    this.items.splice(i, 0, item);
    this.watchDeadlines();
    this.kick();
  }

  /** Forgets a delivery (dropped by `octohook outbox drop`). An attempt on the wire still ends. */
  remove(id: string): boolean {
    const i = this.items.findIndex((it) => it.delivery.id === id);
    if (i < 0) return false;
    this.items.splice(i, 1);
    this.afterRemoval(i === 0);
    return true;
  }

  /** Takes the oldest delivery that is not on the wire out of the lane (to make room). */
  takeOldestWaiting(): LaneItem | undefined {
    const i = this.onWire ? 1 : 0;
    const [item] = this.items.splice(i, 1);
    if (item) this.afterRemoval(i === 0);
    return item;
  }

  /** Takes every waiting delivery out (the hook was disabled); an attempt on the wire keeps its own. */
  takeAll(): LaneItem[] {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const taken = this.items.splice(this.onWire ? 1 : 0);
    this.watchDeadlines();
    return taken;
  }

  /** No new attempts from now on; resolves when the one on the wire (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    this.clock.clearTimeout(this.expiryTimer);
    this.timer = undefined;
    this.expiryTimer = undefined;
    await this.running;
  }

  /** No new attempts until `resume` (the status page's pause); the one on the wire still ends. */
  pause(): void {
    this.paused = true;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  resume(): void {
    this.paused = false;
    this.kick();
  }

  kick(): void {
    if (this.running || this.stopped || this.paused) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.run().finally(() => {
      this.running = null;
      this.expireDue();
      if (this.items.length === 0) this.onEmpty();
    });
  }

  private afterRemoval(wasHead: boolean): void {
    if (wasHead && !this.running) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
      this.kick();
    }
    this.watchDeadlines();
    if (this.items.length === 0) this.onEmpty();
  }

  /** Dead-letters every waiting delivery whose deadline has passed (never the one on the wire). */
  private expireDue(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    const first = this.onWire ? 1 : 0;
    const expired: LaneItem[] = [];
    for (let i = this.items.length - 1; i >= first; i--) {
      if (this.items[i].deadline <= now) expired.push(...this.items.splice(i, 1));
    }
    for (const item of expired.reverse()) this.expire(item);
    if (expired.length > 0 && !this.running) this.kick();
    this.watchDeadlines();
    if (expired.length > 0 && this.items.length === 0) this.onEmpty();
  }

  /** One timer at the earliest deadline of what waits (kept when that has not changed). */
  private watchDeadlines(): void {
    let earliest = Infinity;
    if (!this.stopped) for (let i = this.onWire ? 1 : 0; i < this.items.length; i++) earliest = Math.min(earliest, this.items[i].deadline);
    if (this.expiryTimer && earliest === this.expiryAt) return;
    this.clock.clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    this.expiryAt = earliest;
    if (earliest === Infinity) return;
    this.expiryTimer = this.clock.setTimeout(() => {
      this.expiryTimer = undefined;
      this.expireDue();
    }, earliest - this.clock.now());
  }

  private async run(): Promise<void> {
    while (!this.stopped && !this.paused) {
      const item = this.items[0];
      if (!item) return;
      await item.durable.catch(() => {
        // The journal could not write it (already logged): deliver from memory all the same.
      });
      if (this.items[0] !== item || this.stopped || this.paused) continue;
      const wait = item.delivery.nextAt - this.clock.now();
      if (wait > 0) {
        this.timer = this.clock.setTimeout(() => {
          this.timer = undefined;
          this.kick();
        }, wait);
        return;
      }
      if (item.deadline <= this.clock.now()) return; // expireDue (in kick's finally) ends it
      // While it is on the wire, its deadline is not watched: the attempt ends by its timeout.
      this.onWire = item;
      this.watchDeadlines();
      let end: AttemptEnd;
      try {
        end = await this.attempt(this, item);
      } finally {
        this.onWire = undefined;
      }
      if (end === 'final') {
        const i = this.items.indexOf(item);
        if (i >= 0) this.items.splice(i, 1);
      }
    }
  }
}
