// Time as an injected dependency. Everything in the daemon that waits (backoff, ack timeouts,
// liveness pings) goes through a Clock, so tests can replace real time with a ManualClock and
// move it forward instantly instead of sleeping.

/** An opaque handle returned by `Clock.setTimeout`. */
export interface ClockTimer {
  readonly id: number;
}

export interface Clock {
  /** Milliseconds since the Unix epoch (the clock's own notion of it). */
  now(): number;
  /** Runs `fn` once after `ms` milliseconds of this clock's time. */
  setTimeout(fn: () => void, ms: number): ClockTimer;
  /** Cancels a timer; unknown or already fired timers are ignored. */
  clearTimeout(timer: ClockTimer | undefined): void;
  /** Resolves after `ms`; rejects with the signal's reason when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

/** Shared by both clocks: a sleep built on the clock's own setTimeout. */
function sleepOn(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The wall clock, backed by the global timers. */
export class RealClock implements Clock {
  private readonly handles = new Map<number, ReturnType<typeof setTimeout>>();
  private nextId = 1;

  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, ms: number): ClockTimer {
    const id = this.nextId++;
    const handle = setTimeout(() => {
      this.handles.delete(id);
      fn();
    }, Math.max(0, ms));
    this.handles.set(id, handle);
    return { id };
  }

  clearTimeout(timer: ClockTimer | undefined): void {
    if (!timer) return;
    const handle = this.handles.get(timer.id);
    if (handle !== undefined) clearTimeout(handle);
    this.handles.delete(timer.id);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }
}

export const realClock: Clock = new RealClock();

interface ManualTimer {
  id: number;
  due: number;
  seq: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to. `advance(ms)` jumps forward, firing every timer that
 * falls due on the way, in order of due time (then creation order), each with `now()` set to
 * its due time. Nothing waits in real time.
 */
export class ManualClock implements Clock {
  private current: number;
  private timers: ManualTimer[] = [];
  private nextId = 1;
  private seq = 0;

  constructor(startMs = 1_700_000_000_000) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): ClockTimer {
    const timer: ManualTimer = { id: this.nextId++, due: this.current + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return { id: timer.id };
  }

  clearTimeout(timer: ClockTimer | undefined): void {
    if (!timer) return;
    this.timers = this.timers.filter((t) => t.id !== timer.id);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  /** Number of timers waiting to fire. */
  get pendingCount(): number {
    return this.timers.length;
  }

  /** Milliseconds until the next timer is due, or undefined when none is pending. */
  nextDelay(): number | undefined {
    const next = this.peek();
    return next ? next.due - this.current : undefined;
  }

  /** Moves time forward by `ms`, firing every timer due up to then (including ones scheduled meanwhile). */
  advance(ms: number): void {
    const target = this.current + Math.max(0, ms);
    for (;;) {
      const next = this.peek();
      if (!next || next.due > target) break;
      this.fire(next);
    }
    this.current = target;
  }

  /**
   * Like `advance`, but yields to the event loop after each timer so promise continuations
   * (for example the code after `await clock.sleep()`) run and can schedule further timers.
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.current + Math.max(0, ms);
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const next = this.peek();
      if (!next || next.due > target) break;
      this.fire(next);
    }
    this.current = target;
  }

  /** Jumps to the next timer and fires it; returns the time jumped, or undefined when none is pending. */
  runNext(): number | undefined {
    const next = this.peek();
    if (!next) return undefined;
    const jumped = next.due - this.current;
    this.fire(next);
    return jumped;
  }

  private peek(): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.timers) {
      if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    return best;
  }

  private fire(timer: ManualTimer): void {
    this.timers = this.timers.filter((t) => t !== timer);
    if (timer.due > this.current) this.current = timer.due;
    timer.fn();
  }
}
