// bench:latency — how long an event takes to become a webhook when the hook reads the printer
// (@state, @job, @progress: asked from OctoPrint's REST API at the event), next to a hook on
// the same event that reads none of it (no REST, sent at once).
//
// Setup (all on 127.0.0.1), as bench:dispatch: the project's OctoPrint simulator with
// OctoPrint's own timing (a `current` every 500 ms, real time) and a keep-alive receiver in one
// process (./support/world-process.ts); the daemon (`octohookc build --bundle`, outbox in a
// state directory on disk) in another. The simulator's REST API answers `--rest-delay-ms`
// late, like OctoPrint on a Raspberry Pi; a second run uses `--slow-rest-delay-ms`.
//
// Two hooks listen to one plugin event carrying `{seq}`:
//   data  @topic, @state, @job, @progress, @currentZ: waits for GET /api/job + GET /api/printer
//   bare  @topic, @extra, @currentTime: needs nothing from OctoPrint
// Per event, from the simulator emitting it to the receiver seeing each request's headers
// (process.hrtime in both processes: CLOCK_MONOTONIC). Events are paced at an interval that
// is no multiple of 500 ms, so they fall at every phase of the `current` cycle.
//
// Target: the data hook's p50 within 20 ms of the bare hook's. Before this version the daemon
// held every event until the next `current` (0–500 ms, p50 about 250 ms), whatever the hook read.
//
//   node dist/bench/event-latency.js [--events N] [--interval-ms MS] [--rest-delay-ms MS] [--slow-rest-delay-ms MS]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_EVENT, buildDaemon, startDaemon, type RunningDaemon } from './support/daemon.js';
import { fixed, median, option, percentile } from './support/stats.js';
import { World } from './support/world.js';

const events = option('--events', 150);
const intervalMs = option('--interval-ms', 113);
const restDelayMs = option('--rest-delay-ms', 15);
const slowRestDelayMs = option('--slow-rest-delay-ms', 40);
const WARMUP = 20;
const TARGET_MS = 20;

function hooks(receiverUrl: string): string {
  return `// bench:latency hooks
hook data on ${BENCH_EVENT} {
  url "${receiverUrl}/hook/data"
  headers { X-Bench-Seq: "@extra.seq" }
  data { topic: @topic, state: @state, job: @job, progress: @progress, currentZ: @currentZ }
}
hook bare on ${BENCH_EVENT} {
  url "${receiverUrl}/hook/bare"
  headers { X-Bench-Seq: "@extra.seq", X-Bench-Lane: "bare" }
  data { topic: @topic, extra: @extra, currentTime: @currentTime }
}
`;
}

interface Run {
  restDelayMs: number;
  data: number[];
  bare: number[];
  /** Per event: data arrival − bare arrival. */
  gap: number[];
  restPerEvent: number;
}

let nextSeq = 0;
async function run(world: World, n: number, delay: number): Promise<Run> {
  await world.setApiDelay(delay);
  const before = (await world.counts()).printerRequests;
  const from = nextSeq;
  nextSeq += n;
  await world.emit(BENCH_EVENT, from, n, intervalMs, false);
  const a = await world.arrivals(from, n, 30_000);
  if (!a.complete || a.bare.some((t) => t === 0)) throw new Error('webhooks missing');
  const ms = (xs: number[]) => xs.map((t, i) => (t - a.emitted[i]) / 1e6);
  const after = (await world.counts()).printerRequests;
  return { restDelayMs: delay, data: ms(a.arrived), bare: ms(a.bare), gap: a.arrived.map((t, i) => (t - a.bare[i]) / 1e6), restPerEvent: (after - before) / n };
}

const dir = mkdtempSync(join(tmpdir(), 'octohook-bench-latency-'));
const world = await World.start();
let daemon: RunningDaemon | undefined;
try {
  const built = buildDaemon(dir, hooks(world.receiverUrl));
  daemon = await startDaemon(built, { dir, octoprintUrl: world.octoprintUrl, apiKey: world.apiKey, stateDir: join(dir, 'state') });
  await new Promise((r) => setTimeout(r, 500));
  await run(world, WARMUP, restDelayMs);
  const main = await run(world, events, restDelayMs);
  const slow = await run(world, events, slowRestDelayMs);
  await daemon.stop();
  daemon = undefined;

  const p = (xs: number[], q: number) => fixed(percentile(xs, q), 1).padStart(6);
  console.log(`latency: event emitted → request at the receiver; ${events} events every ${intervalMs} ms; OctoPrint's 2 Hz current; the --bundle daemon, outbox on disk`);
  for (const r of [main, slow]) {
    console.log(`  REST answers ${r.restDelayMs} ms late (${fixed(r.restPerEvent, 2)} printer requests per event)`);
    console.log(`    data hook (@state @job @progress)  p50 ${p(r.data, 50)} ms  p99 ${p(r.data, 99)} ms`);
    console.log(`    bare hook (no printer data)        p50 ${p(r.bare, 50)} ms  p99 ${p(r.bare, 99)} ms`);
    console.log(`    difference per event               p50 ${p(r.gap, 50)} ms  p99 ${p(r.gap, 99)} ms   (p50s: ${fixed(median(r.data) - median(r.bare), 1)} ms)`);
  }
  const diff = median(main.data) - median(main.bare);
  console.log(`  target: data hook p50 within ${TARGET_MS} ms of the bare hook's (REST ${main.restDelayMs} ms): ${diff <= TARGET_MS ? 'met' : 'NOT met'}`);
  console.log(`ratio: data p50 / bare p50 = ${fixed(median(main.data) / median(main.bare), 2)}x (${fixed(median(main.data), 1)} vs ${fixed(median(main.bare), 1)} ms, +${fixed(diff, 1)} ms)`);
} finally {
  await daemon?.stop();
  await world.stop();
  rmSync(dir, { recursive: true, force: true });
}
