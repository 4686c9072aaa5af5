// bench:memory — how much memory the daemon holds, and whether it keeps growing.
//
// The daemon runs as on a printer host: the one-file bundle from `octohookc build --bundle`,
// in its own process, with the durable outbox in a temporary state directory, connected to
// the project's OctoPrint simulator (playing a long print). Its resident set size is read
// from /proc/<pid>/status (VmRSS; VmHWM for the peak):
//   - after start (connected, history received),
//   - after an idle stretch (only OctoPrint's `current` messages, twice a second),
//   - after 10,000 deliveries to a local keep-alive receiver (events fired through the
//     simulator's push socket in batches of 500), and after 10,000 more: bounded growth
//     means the second 10,000 add (about) nothing,
//   - after a short idle again.
// Plus the sizes of the one-file programs, and of the outbox's state directory at the end,
// and the bundle's cold start: process start to its first log line, median of `--starts` runs.
// The daemon gets the node flags that deploy/octohook.service starts it with
// (`--max-semi-space-size=1`); `--plain-node` leaves them out.
//
//   node dist/bench/memory.js [--deliveries N] [--idle-seconds S] [--starts N] [--plain-node]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../tests/support/project-root.js';
import { BENCH_EVENT, benchHooks, buildDaemon, startDaemon } from './support/daemon.js';
import { fixed, kib, mib, option } from './support/stats.js';
import { World } from './support/world.js';

const deliveries = option('--deliveries', 10_000);
const idleMs = option('--idle-seconds', 15) * 1000;
const starts = option('--starts', 15);
const unitFlags = process.argv.includes('--plain-node') ? [] : serviceNodeFlags();
const BATCH = 500;

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

/** The node flags in deploy/octohook.service's ExecStart. */
function serviceNodeFlags(): string[] {
  const unit = readFileSync(join(projectRoot, 'deploy', 'octohook.service'), 'utf8');
  const exec = /^ExecStart=node((?: --\S+)*) /m.exec(unit);
  return exec ? exec[1].trim().split(/\s+/).filter(Boolean) : [];
}

/** Wall time from spawning the daemon to its first log line, `runs` times (ms, sorted). */
async function coldStarts(args: string[], octoprintUrl: string, apiKey: string, dir: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...unitFlags, ...args, '--octoprint', octoprintUrl, '--api-key', apiKey, '--state-dir', join(dir, `cold-${i}`)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BENCH_SECRET: 'lab-secret' },
    });
    await new Promise<void>((resolve) => {
      child.stdout!.once('data', () => resolve());
      child.stderr!.once('data', () => resolve());
      child.once('exit', () => resolve());
    });
    times.push(performance.now() - t0);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
  return times.sort((a, b) => a - b);
}

const dir = mkdtempSync(join(tmpdir(), 'octohook-bench-memory-'));
const world = await World.start();
let daemon: Awaited<ReturnType<typeof startDaemon>> | undefined;
try {
  const built = buildDaemon(dir, benchHooks(world.receiverUrl));
  const stateDir = join(dir, 'state');
  const cold = await coldStarts(built.args, world.octoprintUrl, world.apiKey, dir, starts);
  daemon = await startDaemon(built, { dir, octoprintUrl: world.octoprintUrl, apiKey: world.apiKey, stateDir, probe: true, nodeArgs: unitFlags });
  const d = daemon;
  const points: Array<{ label: string; rss: number; live: number; external: number }> = [];
  // RSS first, as it is; then the probe's full GC for the heap still reachable.
  const measure = async (label: string) => {
    const rss = d.rss();
    const m = await d.memory();
    points.push({ label, rss, live: m.after.heapUsed, external: m.after.external + m.after.arrayBuffers });
    return rss;
  };
  await sleep(500); // history and the first `current` handled
  const atStart = await measure('after start');

  await sleep(idleMs);
  await measure(`after ${idleMs / 1000} s idle`);

  let seq = 0;
  const deliver = async (n: number) => {
    const t0 = performance.now();
    for (let done = 0; done < n; done += BATCH) {
      const count = Math.min(BATCH, n - done);
      await world.emit(BENCH_EVENT, seq, count);
      const a = await world.arrivals(seq, count, 60_000);
      if (!a.complete) throw new Error(`only ${a.arrived.filter((t) => t > 0).length} of ${count} webhooks arrived`);
      seq += count;
    }
    return performance.now() - t0;
  };
  const firstMs = await deliver(deliveries);
  await sleep(200);
  const after1 = await measure(`after ${deliveries.toLocaleString('en-US')} deliveries`);
  const secondMs = await deliver(deliveries);
  await sleep(200);
  const after2 = await measure(`after ${(2 * deliveries).toLocaleString('en-US')} deliveries`);
  await sleep(5000);
  await measure('after 5 s idle again');
  const peak = daemon.peakRss();
  const delivered = daemon.logCount(/delivered/);
  const stateBytes = dirBytes(stateDir);
  const code = await daemon.stop();
  daemon = undefined;

  // `octohook run hooks.mjs`, the npm-installed form, started once for comparison.
  execFileSync(process.execPath, [join(projectRoot, 'bin', 'octohookc.js'), 'build', join(dir, 'hooks.ohk'), '-o', join(dir, 'hooks.mjs')], { stdio: 'pipe' });
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

  const cliBundle = sizeOf(join(projectRoot, 'dist/runtime/cli/octohook.bundle.js'));
  const template = sizeOf(join(projectRoot, 'dist/runtime/cli/octohook-standalone.js'));
  const perSec = (ms: number) => fixed((deliveries / ms) * 1000, 0);
  const what = built.kind === 'bundle' ? 'the `octohookc build --bundle` file' : '`octohook run hooks.mjs` (no --bundle available)';
  console.log(`memory: daemon = ${what}${unitFlags.length ? ` run with ${unitFlags.join(' ')} (as deploy/octohook.service)` : ' run with plain node'}, outbox in a state dir on disk, OctoPrint simulator printing, one hook (all-data JSON)`);
  console.log(`  ${''.padEnd(26)} ${'RSS'.padStart(10)}  ${'JS heap live'.padStart(13)}  ${'buffers'.padStart(9)}   (live: in use after a full GC)`);
  for (const p of points) console.log(`  ${p.label.padEnd(26)} ${mib(p.rss).padStart(10)}  ${mib(p.live).padStart(13)}  ${mib(p.external).padStart(9)}`);
  console.log(`  peak RSS ${mib(peak)}; ${deliveries.toLocaleString('en-US')} deliveries took ${fixed(firstMs / 1000, 1)} s (${perSec(firstMs)}/s), the next ${fixed(secondMs / 1000, 1)} s (${perSec(secondMs)}/s)`);
  const live1 = points[2].live;
  const live2 = points[3].live;
  const bounded = live2 - live1 < 2 * 1024 * 1024 && after2 - after1 < 0.5 * Math.max(after1 - atStart, 8 * 1024 * 1024);
  console.log(
    `  growth: start → ${deliveries.toLocaleString('en-US')}: RSS ${mib(after1 - atStart)}, live heap ${mib(live1 - points[0].live)}; ${deliveries.toLocaleString('en-US')} → ${(2 * deliveries).toLocaleString('en-US')}: RSS ${mib(after2 - after1)}, live heap ${mib(live2 - live1)} (bounded: ${bounded ? 'yes' : 'NO'})`,
  );
  console.log(`  delivered log lines ${delivered.toLocaleString('en-US')}; outbox state dir at the end ${kib(stateBytes)}; exit code ${code}`);
  console.log(`  \`octohook run hooks.mjs\` RSS after start, for comparison: ${mib(runFormStart)}; a bare \`node -e\` process: ${mib(bareRss)}`);
  const median = cold[Math.floor(cold.length / 2)];
  console.log(`cold start (process start → first log line, ${cold.length} runs): median ${fixed(median, 0)} ms, min ${fixed(cold[0], 0)} ms, max ${fixed(cold[cold.length - 1], 0)} ms (budget 100 ms)`);
  console.log(`sizes:`);
  if (built.bundleBytes !== null) console.log(`  octohookc build --bundle output   ${kib(built.bundleBytes)}  (the daemon + these hooks, one file; its .map beside it)`);
  if (template !== null) console.log(`  dist/runtime/cli/octohook-standalone.js  ${kib(template)}  (the bundle's template)`);
  if (cliBundle !== null) console.log(`  dist/runtime/cli/octohook.bundle.js      ${kib(cliBundle)}  (\`octohook\` CLI, one file; includes the compiler for .ohk input)`);
  console.log(`ratio: RSS after ${deliveries.toLocaleString('en-US')} deliveries / after start = ${fixed(after1 / atStart, 2)}x (after ${(2 * deliveries).toLocaleString('en-US')}: ${fixed(after2 / atStart, 2)}x)`);
} finally {
  await daemon?.stop();
  await world.stop();
  rmSync(dir, { recursive: true, force: true });
}
