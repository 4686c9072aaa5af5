// bench:memory — how much memory the daemon holds, and whether it keeps growing.
//
// The daemon runs as on a printer host: the one-file bundle from `octohookc build --bundle`,
// in its own process, with the durable outbox in a temporary state directory, connected to
// the project's OctoPrint simulator (playing a long print). Its resident set size is read
// from /proc/<pid>/smaps_rollup (Rss; VmHWM of /proc/<pid>/status for the peak):
//   - after start (connected, history received),
//   - after an idle stretch (only OctoPrint's `current` messages, twice a second),
//   - after 10,000 deliveries to a local keep-alive receiver (events fired through the
//     simulator's push socket), and after 10,000 more: bounded growth means the second
//     10,000 add (about) nothing,
//   - after a short idle again.
// That in two daemons: one taking bursts (500 firings at once, then waiting for all of them to
// arrive: the stress case, hundreds pending at once) and one paced (--paced-batch firings at a
// time, 25 by default, each group delivered before the next: a steady rate, though still hundreds
// a second, far more than a printer makes).
// RSS after connecting is also read from --connect-runs daemons (5) started as the service
// starts them with nothing else in the process: the probe that reports the heap costs a few
// tenths of a MiB itself.
// Plus the sizes of the one-file programs, and of the outbox's state directory at the end,
// and cold start: process start to the first log line of the bundle and of `octohook run`, median of
// `--starts` rounds, each round also timing a bare `node -e ''` (the floor, under the same load).
// The daemon gets what deploy/octohook.service starts it with: the node flags of its
// ExecStart line and the variables of its `Environment=` lines (MALLOC_ARENA_MAX);
// `--plain-node` leaves both out. Besides RSS, each point shows where the memory is
// (/proc/<pid>/smaps_rollup's anonymous memory; the pages V8 has committed for its heap;
// ArrayBuffers), so a growth can be told apart from room V8 or malloc keeps.
// Then the status page's cost: the same daemon started in pairs, without and with
// `--status 127.0.0.1:0`, each taking --status-deliveries webhooks; the second with a live
// page (an SSE client) connected and the page, the JSON and the metrics read meanwhile.
// The median difference over --status-runs pairs is reported (RSS, and live heap after a GC).
//
//   node dist/bench/memory.js [--deliveries N] [--idle-seconds S] [--starts N] [--plain-node] [--paced-batch N] [--connect-runs N] [--spaces] [--status-deliveries N] [--status-runs N]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../tests/support/project-root.js';
import { BENCH_EVENT, benchHooks, buildDaemon, startDaemon, type Built, type ProbeAnswer } from './support/daemon.js';
import { serviceUnitLaunch, unitEnvElsewhere } from '../scripts/service-unit.js';
import { fixed, kib, mib, option } from './support/stats.js';
import { World } from './support/world.js';

const deliveries = option('--deliveries', 10_000);
const idleMs = option('--idle-seconds', 15) * 1000;
const starts = option('--starts', 15);
const statusDeliveries = option('--status-deliveries', 2_000);
const statusRuns = option('--status-runs', 3);
const connectRuns = option('--connect-runs', 5);
const showSpaces = process.argv.includes('--spaces');
const unit = process.argv.includes('--plain-node') ? { nodeFlags: [], env: {} } : serviceUnitLaunch();
const unitFlags = unit.nodeFlags;
// The state directory is given here as a flag instead.
const unitEnv = unitEnvElsewhere(unit);
/** The burst: firings at once, then waiting for them all to arrive. */
const BATCH = 500;
/** The paced run: firings at once, each group delivered before the next. */
const PACED = option('--paced-batch', 25);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function dirBytes(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const st = statSync(join(dir, name));
    n += st.isDirectory() ? dirBytes(join(dir, name)) : st.size;
  }
  return n;
}

function sizeOf(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}



/** The CPU time a process's main thread has had so far (ms), from /proc/<pid>/schedstat. */
function mainThreadCpuMs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
}

/**
 * Wall time from spawning `args` to its first output (or its exit, for a program that prints
 * nothing), and the CPU time its main thread had used by then: that one depends much less on
 * what else the machine is doing.
 */
async function firstOutput(args: string[], env: Record<string, string>): Promise<{ wall: number; cpu: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, BENCH_SECRET: 'lab-secret' } });
  let cpu = NaN;
  await new Promise<void>((resolve) => {
    const first = () => {
      try {
        cpu = mainThreadCpuMs(child.pid!);
      } catch {
        // already gone
      }
      resolve();
    };
    child.stdout!.once('data', first);
    child.stderr!.once('data', first);
    child.once('exit', () => resolve());
  });
  const wall = performance.now() - t0;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
  return { wall, cpu };
}

interface ColdStart {
  /** Wall times, ms, sorted. */
  wall: number[];
  /** Main-thread CPU times at the first output, ms, sorted (none for `node -e ''`, which prints nothing). */
  cpu: number[];
}

interface ColdStarts {
  /** `node -e ''`: the floor under any Node program on this machine, now. */
  bare: ColdStart;
  /** `node -e 'console.log()'`: the same floor with one line of output, for the CPU time. */
  bareLine: ColdStart;
  /** The bundle, as the service starts it, to its first log line. */
  bundle: ColdStart;
  /** The bundle with a plain `node`: on Node 20 any heap flag makes Node compile its own modules without their code cache. */
  plainBundle: ColdStart;
  /** `octohook run hooks.mjs` (bin/octohook.js), to its first log line. */
  program: ColdStart;
}

/**
 * Cold starts, `runs` rounds of the five taking turns, so that each figure meets the same
 * load as the floor it is compared with.
 */
async function coldStarts(built: Built, mjs: string, octoprintUrl: string, apiKey: string, dir: string, runs: number): Promise<ColdStarts> {
  const daemonFlags = (i: number, what: string) => ['--octoprint', octoprintUrl, '--api-key', apiKey, '--state-dir', join(dir, `cold-${what}-${i}`)];
  const starts: Array<[keyof ColdStarts, (i: number) => [string[], Record<string, string>]]> = [
    ['bare', () => [['-e', ''], {}]],
    ['bareLine', () => [['-e', 'console.log()'], {}]],
    ['bundle', (i) => [[...unitFlags, ...built.args, ...daemonFlags(i, 'bundle')], unitEnv]],
    ['plainBundle', (i) => [[...built.args, ...daemonFlags(i, 'plain')], {}]],
    ['program', (i) => [[join(projectRoot, 'bin', 'octohook.js'), 'run', mjs, ...daemonFlags(i, 'program')], {}]],
  ];
  const out = Object.fromEntries(starts.map(([name]) => [name, { wall: [], cpu: [] }])) as unknown as ColdStarts;
  for (let i = 0; i < runs; i++) {
    for (const [name, launch] of starts) {
      const { wall, cpu } = await firstOutput(...launch(i));
      out[name].wall.push(wall);
      if (Number.isFinite(cpu) && name !== 'bare') out[name].cpu.push(cpu);
    }
  }
  for (const { wall, cpu } of Object.values(out) as ColdStart[]) {
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
  }
  return out;
}

/** One way of running the daemon through the same measurement (its own process and state). */
interface Configuration {
  name: string;
  nodeArgs: string[];
  env: Record<string, string>;
  /** Extra daemon arguments, after the common ones. */
  args?: string[];
  /** Firings sent at once, each group delivered before the next. */
  batch: number;
}

interface Point {
  label: string;
  rss: number;
  /** Anonymous memory (smaps_rollup): the heap, malloc, ArrayBuffers; the rest is file-backed code. */
  anon: number;
  /** Pages V8 had committed for its heap, before the probe's GC. */
  v8Committed: number;
  live: number;
  external: number;
  spaces: ProbeAnswer['spaces'];
}

interface RunResult {
  points: Point[];
  peak: number;
  firstMs: number;
  secondMs: number;
  delivered: number;
  stateBytes: number;
  code: number | null;
}

/** Start, idle, 2 × `deliveries` deliveries, idle again: RSS and where it is at each point. */
async function measureConfiguration(world: World, built: Built, dir: string, c: Configuration, firstSeq: number): Promise<RunResult> {
  const stateDir = join(dir, `state-${c.name.replace(/[^a-z0-9]+/gi, '-')}`);
  const d = await startDaemon(built, { dir, octoprintUrl: world.octoprintUrl, apiKey: world.apiKey, stateDir, probe: true, nodeArgs: c.nodeArgs, env: c.env });
  try {
    const points: Point[] = [];
    // RSS first, as it is; then the probe's full GC for the heap still reachable.
    const measure = async (label: string) => {
      const smaps = d.smaps();
      const m = await d.memory();
      points.push({ label, rss: smaps.Rss, anon: smaps.Anonymous, v8Committed: m.heap.committed, live: m.after.heapUsed, external: m.after.external + m.after.arrayBuffers, spaces: m.spaces });
    };
    await sleep(500); // history and the first `current` handled
    await measure('after start');
    await sleep(idleMs);
    await measure(`after ${idleMs / 1000} s idle`);

    // Event numbers apart from every other run's: the receiver tells arrivals apart by them.
    let seq = firstSeq;
    const deliver = async (n: number) => {
      const t0 = performance.now();
      for (let done = 0; done < n; done += c.batch) {
        const count = Math.min(c.batch, n - done);
        await world.emit(BENCH_EVENT, seq, count);
        const a = await world.arrivals(seq, count, 60_000);
        if (!a.complete) throw new Error(`only ${a.arrived.filter((t) => t > 0).length} of ${count} webhooks arrived`);
        seq += count;
      }
      return performance.now() - t0;
    };
    const firstMs = await deliver(deliveries);
    await sleep(200);
    await measure(`after ${deliveries.toLocaleString('en-US')} deliveries`);
    const secondMs = await deliver(deliveries);
    await sleep(200);
    await measure(`after ${(2 * deliveries).toLocaleString('en-US')} deliveries`);
    await sleep(5000);
    await measure('after 5 s idle again');
    const peak = d.peakRss();
    const delivered = d.logCount(/delivered/);
    const stateBytes = dirBytes(stateDir);
    const code = await d.stop();
    return { points, peak, firstMs, secondMs, delivered, stateBytes, code };
  } finally {
    await d.stop();
  }
}

function report(c: Configuration, r: RunResult): void {
  const { points } = r;
  const perSec = (ms: number) => fixed((deliveries / ms) * 1000, 0);
  const launch = [...Object.entries(c.env).map(([k, v]) => `${k}=${v}`), 'node', ...c.nodeArgs].join(' ');
  console.log(`memory (${c.name}: deliveries fired ${c.batch} at a time, each group delivered before the next): ${launch} <bundle>`);
  console.log(`  ${''.padEnd(26)} ${'RSS'.padStart(10)} ${'anonymous'.padStart(10)} ${'V8 heap'.padStart(10)}  ${'JS live'.padStart(9)} ${'buffers'.padStart(9)}`);
  for (const p of points) {
    console.log(`  ${p.label.padEnd(26)} ${mib(p.rss).padStart(10)} ${mib(p.anon).padStart(10)} ${mib(p.v8Committed).padStart(10)}  ${mib(p.live).padStart(9)} ${mib(p.external).padStart(9)}`);
    // --spaces: V8's committed and used pages per space (before the probe's full GC).
    if (showSpaces) console.log(`    ${p.spaces.filter((s) => s.committed > 0).map((s) => `${s.name.replace(/_space$/, '')} ${mib(s.committed)}/${mib(s.used)}`).join(', ')}`);
  }
  console.log(`  (anonymous: RSS less the node binary's and libraries' pages; V8 heap: pages V8 has committed; JS live and buffers: in use after a full GC)`);
  console.log(`  peak RSS ${mib(r.peak)}; ${deliveries.toLocaleString('en-US')} deliveries took ${fixed(r.firstMs / 1000, 1)} s (${perSec(r.firstMs)}/s), the next ${fixed(r.secondMs / 1000, 1)} s (${perSec(r.secondMs)}/s)`);
  const [atStart, , after1, after2] = points;
  const bounded = after2.live - after1.live < 2 * 1024 * 1024 && after2.rss - after1.rss < 0.5 * Math.max(after1.rss - atStart.rss, 8 * 1024 * 1024);
  console.log(
    `  growth: start → ${deliveries.toLocaleString('en-US')}: RSS ${mib(after1.rss - atStart.rss)}, live heap ${mib(after1.live - atStart.live)}; ${deliveries.toLocaleString('en-US')} → ${(2 * deliveries).toLocaleString('en-US')}: RSS ${mib(after2.rss - after1.rss)}, live heap ${mib(after2.live - after1.live)} (bounded: ${bounded ? 'yes' : 'NO'})`,
  );
  console.log(`  delivered log lines ${r.delivered.toLocaleString('en-US')}; outbox state dir at the end ${kib(r.stateBytes)}; exit code ${r.code}`);
  const budget = 60e6;
  // Through the deliveries means at every moment of them: the peak (VmHWM, from the start of
  // the process) counts, not only the points measured after each 10,000.
  const worst = Math.max(atStart.rss, after1.rss, after2.rss, r.peak);
  console.log(`  budget 60 MB after connecting and through ${(2 * deliveries).toLocaleString('en-US')} deliveries, peak included: ${worst <= budget ? 'met' : 'NOT met'} (at most ${mib(worst)} = ${fixed(worst / 1e6, 1)} MB)`);
  console.log(`ratio (${c.name}): RSS after ${deliveries.toLocaleString('en-US')} deliveries / after start = ${fixed(after1.rss / atStart.rss, 2)}x (after ${(2 * deliveries).toLocaleString('en-US')}: ${fixed(after2.rss / atStart.rss, 2)}x)`);
}

// The configurations measured, each in a daemon of its own, started as deploy/octohook.service
// starts it: bursts, and a paced rate.
const launchName = process.argv.includes('--plain-node') ? 'plain node' : 'as deploy/octohook.service';
const configurations: Configuration[] = [
  { name: `burst, ${launchName}`, nodeArgs: unitFlags, env: unitEnv, batch: BATCH },
  { name: `paced, ${launchName}`, nodeArgs: unitFlags, env: unitEnv, batch: PACED },
];

const dir = mkdtempSync(join(tmpdir(), 'octohook-bench-memory-'));
const world = await World.start();
try {
  const built = buildDaemon(dir, benchHooks(world.receiverUrl));
  // `octohook run hooks.mjs`, the npm-installed form: its cold start, and its RSS for comparison.
  execFileSync(process.execPath, [join(projectRoot, 'bin', 'octohookc.js'), 'build', join(dir, 'hooks.ohk'), '-o', join(dir, 'hooks.mjs')], { stdio: 'pipe' });
  const cold = await coldStarts(built, join(dir, 'hooks.mjs'), world.octoprintUrl, world.apiKey, dir, starts);
  const results = [];
  for (const [i, c] of configurations.entries()) results.push({ c, r: await measureConfiguration(world, built, dir, c, i * 2 * deliveries) });

  // RSS after connecting with nothing but the daemon in the process, as the service runs it: the
  // probe above (--expose-gc, an IPC channel, its module) costs a few tenths of a MiB itself.
  const connected: number[] = [];
  for (let i = 0; i < connectRuns; i++) {
    const d = await startDaemon(built, { dir, octoprintUrl: world.octoprintUrl, apiKey: world.apiKey, stateDir: join(dir, `state-connected-${i}`), nodeArgs: unitFlags, env: unitEnv });
    await sleep(500);
    connected.push(d.smaps().Rss);
    await d.stop();
  }
  connected.sort((a, b) => a - b);

  const runForm = await startDaemon(
    { args: [join(projectRoot, 'bin', 'octohook.js'), 'run', join(dir, 'hooks.mjs')], kind: 'run', bundlePath: null, bundleBytes: null },
    { dir, octoprintUrl: world.octoprintUrl, apiKey: world.apiKey, stateDir: join(dir, 'state-run') },
  );
  await sleep(500);
  const runFormStart = runForm.rss();
  await runForm.stop();

  // A bare node process doing nothing: the floor under any Node daemon on this machine.
  const bare = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  await sleep(500);
  const bareRss = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${bare.pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;
  bare.kill();

  // The status page's cost, in pairs started alike (RSS after start varies by several MiB between runs).
  // Event numbers after every earlier configuration's, so arrivals are told apart.
  let seq = configurations.length * 2 * deliveries;
  const withoutStatus: Array<{ rss: number; live: number }> = [];
  const withStatus: Array<{ rss: number; live: number }> = [];
  for (let run = 0; run < statusRuns; run++) {
    for (const status of [false, true]) {
      const p = await startDaemon(built, {
        dir,
        octoprintUrl: world.octoprintUrl,
        apiKey: world.apiKey,
        stateDir: join(dir, `state-status-${run}-${status}`),
        probe: true,
        nodeArgs: unitFlags,
        env: unitEnv,
        ...(status ? { daemonArgs: ['--status', '127.0.0.1:0'] } : {}),
      });
      let sse: AbortController | null = null;
      try {
        await sleep(500);
        let page: { base: string; auth: Record<string, string> } | null = null;
        if (status) {
          const log = p.log();
          const base = /status page on (http:\/\/[^\s/]+)\//.exec(log)?.[1];
          const token = /status page token for this run: (\S+)/.exec(log)?.[1];
          if (!base || !token) throw new Error(`no status page address or token in the log:\n${log}`);
          page = { base, auth: { Authorization: `Bearer ${token}` } };
          sse = new AbortController();
          const events = await fetch(`${base}/api/events`, { headers: page.auth, signal: sse.signal });
          void events.body?.pipeTo(new WritableStream()).catch(() => {});
        }
        for (let done = 0; done < statusDeliveries; done += BATCH) {
          const count = Math.min(BATCH, statusDeliveries - done);
          await world.emit(BENCH_EVENT, seq, count);
          const a = await world.arrivals(seq, count, 60_000);
          if (!a.complete) throw new Error('webhooks went missing in the status page run');
          seq += count;
          if (page) for (const path of ['/', '/api/status', '/metrics']) await (await fetch(page.base + path, { headers: page.auth })).text();
        }
        await sleep(300);
        const rss = p.rss();
        const m = await p.memory();
        (status ? withStatus : withoutStatus).push({ rss, live: m.after.heapUsed });
      } finally {
        sse?.abort();
        await p.stop();
      }
    }
  }
  const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rssDiffs = withStatus.map((w, i) => w.rss - withoutStatus[i].rss);
  const liveDiffs = withStatus.map((w, i) => w.live - withoutStatus[i].live);

  const cliBundle = sizeOf(join(projectRoot, 'dist/compiler/cli/octohook.bundle.js'));
  const template = sizeOf(join(projectRoot, 'dist/runtime/cli/octohook-standalone.js'));
  const what = built.kind === 'bundle' ? 'the `octohookc build --bundle` file' : '`octohook run hooks.mjs` (no --bundle available)';
  console.log(`daemon = ${what}, outbox in a state dir on disk, OctoPrint simulator printing, one hook (all-data JSON)`);
  for (const { c, r } of results) report(c, r);
  const connectedMedian = connected[Math.floor(connected.length / 2)];
  console.log(
    `RSS after connecting, no probe in the process (${launchName}; ${connected.length} starts): median ${mib(connectedMedian)} (min ${mib(connected[0])}, max ${mib(connected[connected.length - 1])}); budget 60 MB: ${connected[connected.length - 1] <= 60e6 ? 'met in every start' : connectedMedian <= 60e6 ? 'met by the median, not in every start' : 'NOT met'}`,
  );
  console.log(`\`octohook run hooks.mjs\` RSS after start (plain node), for comparison: ${mib(runFormStart)}; a bare \`node -e\` process: ${mib(bareRss)}`);
  const mid = (xs: number[]) => xs[Math.floor(xs.length / 2)];
  const spread = (xs: number[]) => `median ${fixed(mid(xs), 0)} ms (min ${fixed(xs[0], 0)}, max ${fixed(xs[xs.length - 1], 0)})`;
  const cpuOf = (c: ColdStart) => (c.cpu.length > 0 ? `; main-thread CPU ${fixed(mid(c.cpu), 0)} ms, ${fixed(mid(c.cpu) - mid(cold.bareLine.cpu), 0)} above \`node -e 'console.log()'\`` : '');
  const row = (label: string, c: ColdStart, budget = '') => console.log(`  ${label.padEnd(45)} ${spread(c.wall)}; ${fixed(mid(c.wall) - mid(cold.bare.wall), 0)} ms above the floor${budget}${cpuOf(c)}`);
  console.log(`cold start (process start → first log line; ${cold.bare.wall.length} rounds, the five taking turns; wall times, and the CPU time of the main thread by then):`);
  console.log(`  ${"`node -e ''`".padEnd(45)} ${spread(cold.bare.wall)}  (the floor, same run)`);
  console.log(`  ${"`node -e 'console.log()'`".padEnd(45)} ${spread(cold.bareLine.wall)}; main-thread CPU ${fixed(mid(cold.bareLine.cpu), 0)} ms`);
  row('the --bundle file, as the service starts it', cold.bundle, ` (budget 100 ms: ${mid(cold.bundle.wall) <= 100 ? 'met' : 'NOT met'})`);
  row('the --bundle file, plain node', cold.plainBundle);
  row('`octohook run hooks.mjs`', cold.program);
  console.log(`status page: ${statusRuns} pairs of daemons, ${statusDeliveries.toLocaleString('en-US')} deliveries each; with --status a live page connected and /, /api/status, /metrics read every ${BATCH} deliveries`);
  console.log(`  RSS      without ${withoutStatus.map((x) => mib(x.rss)).join(', ')}; with ${withStatus.map((x) => mib(x.rss)).join(', ')}`);
  console.log(`  live heap without ${withoutStatus.map((x) => mib(x.live)).join(', ')}; with ${withStatus.map((x) => mib(x.live)).join(', ')}`);
  console.log(`  the status page adds: RSS ${mib(medianOf(rssDiffs))} (median of the pairs), live heap ${mib(medianOf(liveDiffs))} (budget 5 MiB: ${medianOf(rssDiffs) <= 5 * 1024 * 1024 ? 'met' : 'MISSED'})`);
  console.log(`sizes:`);
  if (built.bundleBytes !== null) console.log(`  octohookc build --bundle output   ${kib(built.bundleBytes)}  (the daemon + these hooks, one file; its .map beside it)`);
  if (template !== null) console.log(`  dist/runtime/cli/octohook-standalone.js  ${kib(template)}  (the bundle's template)`);
  if (cliBundle !== null) console.log(`  dist/compiler/cli/octohook.bundle.js      ${kib(cliBundle)}  (\`octohook\` CLI; its compiler, for .ohk input, is octohook-compiler.bundle.js beside it)`);
} finally {
  await world.stop();
  rmSync(dir, { recursive: true, force: true });
}
