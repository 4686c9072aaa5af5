// The bench side of ./world-process.ts: starts it, emits events, collects arrivals.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type WorldRequest =
  | { op: 'emit'; event: string; from: number; count: number; intervalMs: number; release: boolean; spread?: number }
  | { op: 'arrivals'; from: number; count: number; timeoutMs: number }
  | { op: 'count' }
  | { op: 'api-delay'; ms: number }
  | { op: 'last-body' }
  | { op: 'stop' };

export type WorldReply =
  | { op: 'ready'; receiverUrl: string; octoprintUrl: string; apiKey: string; printers: Array<{ url: string; apiKey: string }> }
  | { op: 'emitted' }
  | { op: 'arrivals'; complete: boolean; arrived: number[]; bare: number[]; emitted: number[] }
  | { op: 'count'; received: number; printerRequests: number }
  | { op: 'api-delay-set' }
  | { op: 'last-body'; base64: string }
  | { op: 'stopped' };

export interface Arrivals {
  complete: boolean;
  /** process.hrtime ns per seq (0: never arrived / never emitted). */
  arrived: number[];
  /** The same for requests of the `x-bench-lane: bare` hook. */
  bare: number[];
  emitted: number[];
}

export class World {
  private constructor(
    private readonly child: ChildProcess,
    readonly receiverUrl: string,
    readonly octoprintUrl: string,
    readonly apiKey: string,
    /** Every simulated printer (one unless started with a count). */
    readonly printers: Array<{ url: string; apiKey: string }>,
  ) {}

  /** `printers` simulators (bench:farm), each printing; default one. */
  static async start(printers = 1): Promise<World> {
    const child = fork(fileURLToPath(new URL('./world-process.js', import.meta.url)), [String(printers)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = await next(child, 'ready', 60_000);
    if (ready.op !== 'ready') throw new Error('world did not start');
    return new World(child, ready.receiverUrl, ready.octoprintUrl, ready.apiKey, ready.printers);
  }

  /**
   * Emits `count` events (seq from..from+count-1); `intervalMs` 0: all at once. `release`:
   * send a `current` right after each paced event (after the whole of a burst), which ends the
   * daemon's wait for one (see ./world-process.ts). `spread`: seq N goes to printer N mod spread.
   */
  async emit(event: string, from: number, count: number, intervalMs = 0, release = true, spread = 1): Promise<void> {
    this.child.send({ op: 'emit', event, from, count, intervalMs, release, spread } satisfies WorldRequest);
    await next(this.child, 'emitted', 600_000);
  }

  /** Waits until every seq in the range reached the receiver (or the timeout). */
  async arrivals(from: number, count: number, timeoutMs = 60_000): Promise<Arrivals> {
    this.child.send({ op: 'arrivals', from, count, timeoutMs } satisfies WorldRequest);
    const r = await next(this.child, 'arrivals', timeoutMs + 10_000);
    if (r.op !== 'arrivals') throw new Error('unexpected reply');
    return r;
  }

  async received(): Promise<number> {
    return (await this.counts()).received;
  }

  /** Requests the receiver got, and `GET /api/job` + `GET /api/printer` requests the simulator got. */
  async counts(): Promise<{ received: number; printerRequests: number }> {
    this.child.send({ op: 'count' } satisfies WorldRequest);
    const r = await next(this.child, 'count', 10_000);
    return r.op === 'count' ? r : { received: NaN, printerRequests: NaN };
  }

  /** From now on the simulator's REST answers come `ms` late (a Raspberry Pi's OctoPrint takes tens of ms). */
  async setApiDelay(ms: number): Promise<void> {
    this.child.send({ op: 'api-delay', ms } satisfies WorldRequest);
    await next(this.child, 'api-delay-set', 10_000);
  }

  /** The body of the last request the receiver got. */
  async lastBody(): Promise<Buffer> {
    this.child.send({ op: 'last-body' } satisfies WorldRequest);
    const r = await next(this.child, 'last-body', 10_000);
    return r.op === 'last-body' ? Buffer.from(r.base64, 'base64') : Buffer.alloc(0);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.send({ op: 'stop' } satisfies WorldRequest);
    await Promise.race([next(this.child, 'stopped', 5000).catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
    if (this.child.exitCode === null) this.child.kill();
  }
}

function next(child: ChildProcess, op: WorldReply['op'], timeoutMs: number): Promise<WorldReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`world: no '${op}' within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (m: WorldReply) => {
      if (m.op !== op) return;
      cleanup();
      resolve(m);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`world exited (${code}) while waiting for '${op}'`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
