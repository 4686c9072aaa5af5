// One hook's deliveries, in order. Only the head is ever attempted: while it waits for its
// next retry, the deliveries behind it wait too (a receiver sees a hook's webhooks in event
// order), and nothing in another hook's lane waits for it. The wait is a timer on the
// injected Clock, so tests move through a whole retry schedule instantly.
import type { Clock, ClockTimer } from '../clock.js';
import type { Firing } from '../dispatch/firing.js';
import type { StoredDelivery } from '../outbox/records.js';
import type { PreparedRequest } from '../http/prepare-request.js';

export interface LaneItem {
  /** The outbox's own record of the delivery (the outbox updates it). */
  delivery: StoredDelivery;
  /** Resolves when the delivery is on disk; nothing is sent before. */
  durable: Promise<void>;
  /** The firing it came from, while this process runs (for an OAuth re-render). */
  firing?: Firing;
  /** The rendered request, while this process runs: attempts need not decode the stored copy. */
  request?: PreparedRequest;
}

/** What an attempt decided: the item is finished (delivered or dead), or waits for another try. */
export type AttemptEnd = 'final' | 'again';

export class HookLane {
  private readonly items: LaneItem[] = [];
  private timer: ClockTimer | undefined;
  private running: Promise<void> | null = null;
  private stopped = false;
  private paused = false;

  constructor(
    readonly hook: string,
    private readonly clock: Clock,
    private readonly attempt: (lane: HookLane, item: LaneItem) => Promise<AttemptEnd>,
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
    this.kick();
  }

  /** Forgets a delivery (dropped by `octohook outbox drop`). An attempt on the wire still ends. */
  remove(id: string): boolean {
    const i = this.items.findIndex((it) => it.delivery.id === id);
    if (i < 0) return false;
    this.items.splice(i, 1);
    if (i === 0) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
      this.kick();
    }
    if (this.items.length === 0) this.onEmpty();
    return true;
  }

  /** Takes every waiting delivery out (the hook was disabled); an attempt on the wire keeps its own. */
  takeAll(): LaneItem[] {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const head = this.running ? this.items[0] : undefined;
    const taken = this.items.splice(head ? 1 : 0);
    return taken;
  }

  /** No new attempts from now on; resolves when the one on the wire (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
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
      if (this.items.length === 0) this.onEmpty();
    });
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
      const end = await this.attempt(this, item);
      if (end === 'final') {
        const i = this.items.indexOf(item);
        if (i >= 0) this.items.splice(i, 1);
      }
    }
  }
}
