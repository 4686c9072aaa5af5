// bench:dispatch — webhooks per second out of the daemon, with the durable outbox on, and
// how long an event takes to become a request at the receiver.
//
// Setup (all on 127.0.0.1): the project's OctoPrint simulator and a keep-alive webhook
// receiver in one process (./support/world-process.ts); the daemon in another, run as on a
// printer host — the `octohookc build --bundle` file with `--state-dir` in a temporary
// folder on the disk, so every webhook is journaled and fdatasync'ed before it is sent. One
// hook listens to a plugin event and sends the plugin's "all data" template as JSON (without
// meta and snapshot; see ./support/daemon.ts).
//
// Measured, each in the same run:
//   throughput  bursts of N events emitted at once by the simulator; webhooks per second
//               from the first emit to the last request seen by the receiver. R rounds, the
//               daemon's and the baseline's bursts taking turns; the median of each.
//   latency     events paced at a steady rate; per event, from the simulator emitting it
//               (push socket, daemon intake, render, outbox journal + fdatasync, send) to
//               the receiver seeing the request's headers. p50 and p99.
//   baseline    a raw undici loop in this process (one keep-alive Agent, `request` + read
//               the answer, one request at a time as the daemon's hook lane does) sending
//               the daemon's last webhook body, byte for byte, to the same receiver:
//               throughput the same way (first send → last arrival), latency from
//               `request()` to arrival.
// The hook reads @state/@job/@progress, so at each event the daemon asks OctoPrint's REST
// API for the printer after it (runtime/printer-after-event.ts; the simulator answers at
// once here) and falls back to the next `current` when that takes over 250 ms, which a
// burst can make it do. For the figures above the simulator sends a `current` right after
// each paced event (after the whole of a burst), so they measure the daemon's own work; a
// last, smaller run leaves the simulator's 2 Hz `current` alone, as a user sees it
// (bench:latency measures that path in detail).
// Clocks: process.hrtime everywhere (CLOCK_MONOTONIC, shared by the processes).
//
//   node dist/bench/dispatch.js [--burst N] [--rounds R] [--paced N] [--interval-ms MS]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { BENCH_EVENT, benchHooks, buildDaemon, startDaemon, type RunningDaemon } from './support/daemon.js';
import { retryPolicy } from '../runtime/delivery/retry-policy.js';
import { fixed, median, option, percentile } from './support/stats.js';
import { World, type Arrivals } from './support/world.js';

// A burst fits in one hook's bound on pending deliveries (retryPolicy.maxPendingPerHook):
// beyond it the daemon dead-letters the oldest, as it would for a target that is down.
const burst = option('--burst', retryPolicy.maxPendingPerHook);
const rounds = option('--rounds', 3);
const paced = option('--paced', 1000);
const intervalMs = option('--interval-ms', 10);
const WARMUP = retryPolicy.maxPendingPerHook;
const HELD = 100;

const now = () => Number(process.hrtime.bigint());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function throughput(a: Arrivals, start: number): number {
  const last = Math.max(...a.arrived);
  return a.arrived.length / ((last - start) / 1e9);
}

function latenciesMs(arrived: number[], sent: number[]): number[] {
  return arrived.map((t, i) => (t - sent[i]) / 1e6);
}

/** Sequence numbers: every webhook and request of the run has its own. */
let nextSeq = 0;
function take(n: number): number {
  const from = nextSeq;
  nextSeq += n;
  return from;
}

// ---- the daemon -------------------------------------------------------------------------
async function daemonRun(world: World, n: number, interval: number, release = true): Promise<Arrivals> {
  const from = take(n);
  await world.emit(BENCH_EVENT, from, n, interval, release);
  const a = await world.arrivals(from, n, 110_000);
  if (!a.complete) throw new Error(`daemon: ${a.arrived.filter((t) => t === 0).length} of ${n} webhooks missing`);
  return a;
}

// ---- the raw undici loop ----------------------------------------------------------------
class RawLoop {
  private readonly agent = new Agent({ keepAliveTimeout: 4_000 });
  private readonly url: string;

  constructor(
    private readonly world: World,
    private readonly body: Buffer,
  ) {
    this.url = `${world.receiverUrl}/hook/json`;
  }

  private async send(seq: number): Promise<void> {
    const res = await request(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bench-seq': String(seq) },
      body: this.body,
      dispatcher: this.agent,
    });
    await res.body.dump();
  }

  /** One request at a time; `interval` > 0 paces them like the simulator paces events. Returns send times and arrivals. */
  async run(n: number, interval: number): Promise<{ sent: number[]; arrivals: Arrivals }> {
    const from = take(n);
    const sent = new Array<number>(n);
    const start = now();
    for (let i = 0; i < n; i++) {
      if (interval > 0) {
        const due = start + i * interval * 1e6;
        const wait = (due - now()) / 1e6;
        if (wait > 1) await sleep(wait - 0.5);
        while (now() < due) {
          // spin the last half millisecond, like the simulator's pacing
        }
      }
      sent[i] = now();
      await this.send(from + i);
    }
    const arrivals = await this.world.arrivals(from, n);
    if (!arrivals.complete) throw new Error('raw loop: requests missing');
    return { sent, arrivals };
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'octohook-bench-dispatch-'));
const world = await World.start();
let daemon: RunningDaemon | undefined;
let raw: RawLoop | undefined;
try {
  const built = buildDaemon(dir, benchHooks(world.receiverUrl));
  daemon = await startDaemon(built, { dir, octoprintUrl: world.octoprintUrl, apiKey: world.apiKey, stateDir: join(dir, 'state') });
  await sleep(500);
  // Warm-up: connections, JIT, the journal file.
  await daemonRun(world, WARMUP, 0);
  // The raw loop sends exactly the bytes the daemon's last webhook carried.
  const body = await world.lastBody();
  if (body.byteLength === 0) throw new Error('no body received from the daemon');
  raw = new RawLoop(world, body);
  await raw.run(WARMUP, 0);

  // Throughput: bursts, the daemon's and the raw loop's taking turns, so a busy moment of the
  // machine does not land on one side only.
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const a = await daemonRun(world, burst, 0);
    ours.push(throughput(a, Math.min(...a.emitted)));
    const b = await raw.run(burst, 0);
    theirs.push(throughput(b.arrivals, b.sent[0]));
  }

  // Latency, paced.
  const p = await daemonRun(world, paced, intervalMs);
  const oursLat = latenciesMs(p.arrived, p.emitted);
  const q = await raw.run(paced, intervalMs);
  const rawLat = latenciesMs(q.arrivals.arrived, q.sent);
  // As a user sees it: OctoPrint's own `current` every 500 ms, the printer after each event from REST.
  const h = await daemonRun(world, HELD, 37, false);
  const heldLat = latenciesMs(h.arrived, h.emitted);

  await daemon.stop();
  const delivered = daemon.logCount(/delivered/);
  daemon = undefined;

  const oursPerSecond = median(ours);
  const rawPerSecond = median(theirs);
  const ratio = oursPerSecond / rawPerSecond;
  const list = (xs: number[]) => xs.map((x) => fixed(x, 0)).join(', ');
  console.log(`dispatch: ${built.kind === 'bundle' ? 'the --bundle daemon' : 'octohook run'} with the outbox on (state dir on disk), one hook, all-data JSON (${body.byteLength} B), 127.0.0.1 keep-alive receiver`);
  console.log(`  throughput, ${rounds} bursts of ${burst.toLocaleString('en-US')} events (median)  daemon ${fixed(oursPerSecond, 0).padStart(6)} webhooks/s   raw undici loop ${fixed(rawPerSecond, 0).padStart(6)} requests/s`);
  console.log(`    per burst: daemon ${list(ours)}; raw ${list(theirs)}`);
  console.log(`  latency, ${paced.toLocaleString('en-US')} events every ${intervalMs} ms   daemon p50 ${fixed(median(oursLat), 2)} ms  p99 ${fixed(percentile(oursLat, 99), 2)} ms (event emitted → request at the receiver)`);
  console.log(`  ${''.padEnd(34)}raw    p50 ${fixed(median(rawLat), 2)} ms  p99 ${fixed(percentile(rawLat, 99), 2)} ms (request() → request at the receiver)`);
  console.log(
    `  with OctoPrint's 2 Hz current, ${HELD} events   daemon p50 ${fixed(median(heldLat), 1)} ms  p99 ${fixed(percentile(heldLat, 99), 1)} ms (the printer after each event asked from OctoPrint's REST API)`,
  );
  const expected = WARMUP + rounds * burst + paced + HELD;
  console.log(`  delivered log lines ${delivered.toLocaleString('en-US')} (${expected.toLocaleString('en-US')} expected)`);
  console.log(`  target: daemon ≥ 0.5x the raw loop: ${ratio >= 0.5 ? 'met' : 'NOT met'}`);
  console.log(`ratio: daemon / raw undici = ${fixed(ratio, 2)}x (${fixed(oursPerSecond, 0)} vs ${fixed(rawPerSecond, 0)} per second)`);
} finally {
  await raw?.close();
  await daemon?.stop();
  await world.stop();
  rmSync(dir, { recursive: true, force: true });
}
