// bench:farm — one daemon watching a print farm: 100 simulated OctoPrints printing at once, each
// sending OctoPrint's 2 Hz `current`, each on its own push socket with its own API key.
//
// Setup (all on 127.0.0.1): the simulators and a keep-alive receiver in one process
// (./support/world-process.ts, started with the printer count); the daemon in another, spawned
// as users run it: the one-file bundle (`node farm.bundle.mjs`, made by a spawned `octohookc
// build farm.ohk --bundle`) with deploy/octohook.service's node flags and environment, outbox
// in a state directory on disk. The farm's file is one `printer` block per simulator (its key
// from the environment) written as text, then the bench hook (./support/daemon.ts: the
// plugin's "all data" template, which reads the printer: OctoPrint's REST API is asked at
// each event).
//
// The same world runs twice: the daemon with one printer block (the baseline), then with all
// of them. Per run:
//   - RSS once every printer is connected and its `current` flows (after --settle-ms), and at the end;
//   - CPU per printer: the CPU time of the daemon's threads over --window-ms of printing
//     without events (only `current`), divided by the number of printers, and what each
//     printer beyond the first adds;
//   - event → request: --events plugin events, paced --interval-ms apart, round-robin over the
//     watched printers, from the simulator emitting each to the receiver seeing its headers.
// Printed as figures and as ratios farm / one printer, measured in the same run.
//
// Target: RSS with 100 printers at most 150 MB.
//
//   node dist/bench/farm.js [--printers N] [--events N] [--interval-ms MS] [--window-ms MS] [--settle-ms MS]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceUnitLaunch, unitEnvElsewhere } from '../scripts/service-unit.js';
import { projectRoot } from '../tests/support/project-root.js';
import { BENCH_EVENT, benchHooks, startDaemon, type RunningDaemon } from './support/daemon.js';
import { fixed, median, mib, option, percentile } from './support/stats.js';
import { World } from './support/world.js';

const printers = option('--printers', 100);
const events = option('--events', 300);
const intervalMs = option('--interval-ms', 37);
const windowMs = option('--window-ms', 10_000);
const settleMs = option('--settle-ms', 3000);
const TARGET_RSS = 150 * 1024 * 1024;
// As deploy/octohook.service runs it: its node flags and its Environment= (as bench:memory does).
const unit = serviceUnitLaunch();

interface Run {
  printers: number;
  connectMs: number;
  rssConnected: number;
  rssEnd: number;
  peakRss: number;
  /** CPU time per printer per second of printing, in ms. */
  cpuPerPrinterMs: number;
  latency: number[];
}

/** CPU time the daemon's threads have used, in ms (schedstat: nanoseconds, not USER_HZ ticks of 10 ms). */
function cpuMs(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // a thread that ended meanwhile
    }
  }
  return ns / 1e6;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let nextSeq = 0;

async function run(world: World, dir: string, n: number): Promise<Run> {
  const chosen = world.printers.slice(0, n);
  const env: Record<string, string> = {};
  chosen.forEach((p, i) => (env[`PRINTER_P${i}_KEY`] = p.apiKey));
  const source = join(dir, `farm-${n}.ohk`);
  const blocks = chosen.map((p, i) => `printer p${i} {\n  url ${JSON.stringify(p.url)}\n  apiKey @env.PRINTER_P${i}_KEY\n}\n`);
  writeFileSync(source, blocks.join('') + '\n' + benchHooks(world.receiverUrl));
  const file = join(dir, `farm-${n}.bundle.mjs`);
  const build = spawnSync(process.execPath, [join(projectRoot, 'bin', 'octohookc.js'), 'build', source, '--bundle', '-o', file], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`octohookc build --bundle ${source} exited ${build.status}:\n${build.stderr}`);
  const started = Date.now();
  const daemon: RunningDaemon = await startDaemon({ args: [file], kind: 'bundle', bundlePath: file, bundleBytes: null }, {
    dir,
    stateDir: join(dir, `state-${n}`),
    env: { ...unitEnvElsewhere(unit), ...env },
    nodeArgs: unit.nodeFlags,
  });
  try {
    while (daemon.logCount(/Connected to OctoPrint/) < n) {
      if (Date.now() - started > 120_000) throw new Error(`only ${daemon.logCount(/Connected to OctoPrint/)} of ${n} printers connected:\n${daemon.log().slice(-2000)}`);
      await sleep(50);
    }
    const connectMs = Date.now() - started;
    await sleep(settleMs);
    const rssConnected = daemon.rss();
    const cpu0 = cpuMs(daemon.pid);
    const t0 = Date.now();
    await sleep(windowMs);
    const cpuPerPrinterMs = (cpuMs(daemon.pid) - cpu0) / ((Date.now() - t0) / 1000) / n;

    const from = nextSeq;
    nextSeq += events;
    await world.emit(BENCH_EVENT, from, events, intervalMs, false, n);
    const a = await world.arrivals(from, events, 60_000);
    if (!a.complete) throw new Error(`webhooks missing with ${n} printers`);
    const latency = a.arrived.map((t, i) => (t - a.emitted[i]) / 1e6);
    return { printers: n, connectMs, rssConnected, rssEnd: daemon.rss(), peakRss: daemon.peakRss(), cpuPerPrinterMs, latency };
  } finally {
    const code = await daemon.stop();
    if (code !== 0) console.error(`the daemon with ${n} printers exited ${code}:\n${daemon.log().slice(-2000)}`);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'octohook-bench-farm-'));
const world = await World.start(printers);
try {
  await world.setApiDelay(0);
  const one = await run(world, dir, 1);
  const farm = await run(world, dir, printers);
  const p = (xs: number[], q: number) => fixed(percentile(xs, q), 1);
  console.log(`farm: ${printers} simulated OctoPrints printing, each sending \`current\` at 2 Hz; one daemon (the one-file bundle as deploy/octohook.service runs it, outbox on disk); ${events} events ${intervalMs} ms apart, round-robin over the watched printers`);
  for (const r of [one, farm]) {
    console.log(`  ${String(r.printers).padStart(3)} printer${r.printers === 1 ? ' ' : 's'}: connected in ${fixed(r.connectMs / 1000, 1)} s; RSS ${mib(r.rssConnected)} connected, ${mib(r.rssEnd)} after the events (peak ${mib(r.peakRss)}); CPU ${fixed(r.cpuPerPrinterMs, 2)} ms/s per printer (${fixed(r.cpuPerPrinterMs / 10, 2)} % of a core); event → request p50 ${p(r.latency, 50)} ms, p99 ${p(r.latency, 99)} ms`);
  }
  const marginal = (farm.cpuPerPrinterMs * farm.printers - one.cpuPerPrinterMs) / (farm.printers - 1);
  console.log(`  each printer beyond the first: ${fixed(marginal, 2)} ms/s of CPU (${fixed(marginal / 10, 3)} % of a core), ${mib((farm.rssConnected - one.rssConnected) / (farm.printers - 1))} of RSS once connected`);
  console.log(`  target: RSS with ${printers} printers at most ${mib(TARGET_RSS)}: ${farm.peakRss <= TARGET_RSS ? 'met' : 'NOT met'} (peak ${mib(farm.peakRss)})`);
  const ratio = (a: number, b: number) => `${fixed(a / b, 2)}x`;
  console.log(
    `ratio (${printers} printers / 1): RSS ${ratio(farm.rssEnd, one.rssEnd)}, CPU per printer ${ratio(farm.cpuPerPrinterMs, one.cpuPerPrinterMs)}, ` +
      `event → request p50 ${ratio(median(farm.latency), median(one.latency))}, p99 ${ratio(percentile(farm.latency, 99), percentile(one.latency, 99))}`,
  );
} finally {
  await world.stop();
  rmSync(dir, { recursive: true, force: true });
}
