// Runs the daemon as users run it, in a process of its own: the hooks are built with
// `octohookc build --bundle` into the one-file deployment bundle (docs/deploy.md), and that
// file is started with node, `--octoprint`, `--api-key` and `--state-dir` (the durable
// outbox, in a temporary folder on the real disk). When the bundle cannot be built, the
// fallback is `octohookc build` + `octohook run hooks.mjs`. Its log (stdout and stderr) goes
// to a pipe this process drains, as under systemd (journald reads the daemon's stderr from a
// socket).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { projectRoot } from '../../tests/support/project-root.js';

export const BENCH_EVENT = 'plugin_bench_tick';

/**
 * One hook on a plugin event carrying `{seq}`, sending the plugin's "all data" template as
 * JSON without `meta` (which the daemon fetches from OctoPrint's REST API per firing: a cost
 * of OctoPrint, not of delivery) and without the snapshot. The seq travels in a header so the
 * receiver can stamp it without parsing the body.
 */
export function benchHooks(receiverUrl: string): string {
  return `// bench hooks
device "lab-printer"
secret @env.BENCH_SECRET

hook bench on ${BENCH_EVENT} {
  url "${receiverUrl}/hook/json"
  method POST
  content json
  headers { Content-Type: "application/json", X-Bench-Seq: "@extra.seq" }
  data {
    deviceIdentifier: @deviceIdentifier, apiSecret: @apiSecret, topic: @topic, message: @message,
    extra: @extra, state: @state, job: @job, progress: @progress, currentZ: @currentZ,
    offsets: @offsets, currentTime: @currentTime,
  }
}
`;
}

export interface Built {
  /** The command that starts the daemon (after `node`). */
  args: string[];
  /** 'bundle' (octohookc build --bundle) or 'run' (octohook run hooks.mjs). */
  kind: 'bundle' | 'run';
  bundlePath: string | null;
  bundleBytes: number | null;
}

export function buildDaemon(dir: string, source: string): Built {
  const ohk = join(dir, 'hooks.ohk');
  writeFileSync(ohk, source);
  const cli = join(projectRoot, 'bin', 'octohookc.js');
  const bundle = join(dir, 'hooks.bundle.mjs');
  // OCTOHOOK_BENCH_FORM=run: `octohook run hooks.mjs` even when --bundle works (its code keeps
  // its names, which makes a --cpu-prof readable).
  if (process.env.OCTOHOOK_BENCH_FORM !== 'run') try {
    execFileSync(process.execPath, [cli, 'build', ohk, '--bundle', '-o', bundle], { stdio: 'pipe' });
    if (existsSync(bundle)) return { args: [bundle], kind: 'bundle', bundlePath: bundle, bundleBytes: statSync(bundle).size };
  } catch {
    // no --bundle in this version: fall through
  }
  const mjs = join(dir, 'hooks.mjs');
  execFileSync(process.execPath, [cli, 'build', ohk, '-o', mjs], { stdio: 'pipe' });
  return { args: [join(projectRoot, 'bin', 'octohook.js'), 'run', mjs], kind: 'run', bundlePath: null, bundleBytes: null };
}

export interface ProbeAnswer {
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  /** v8.getHeapStatistics(): committed pages, malloc'ed by V8 now and at its peak. */
  heap: { committed: number; malloced: number; peakMalloced: number };
  /** v8.getHeapSpaceStatistics(): committed and used per space. */
  spaces: Array<{ name: string; committed: number; used: number }>;
}

export interface RunningDaemon {
  pid: number;
  /** Its log so far (stdout and stderr). */
  log(): string;
  /** Resident set size now, from /proc (bytes). */
  rss(): number;
  /** Peak resident set size so far (bytes). */
  peakRss(): number;
  /** process.memoryUsage() before and after a full GC, and V8's heap before it (only with `probe`). */
  memory(): Promise<ProbeAnswer>;
  /** /proc/<pid>/smaps_rollup, in bytes by field (Rss, Anonymous, Shared_Clean, ...). */
  smaps(): Record<string, number>;
  /** Lines of its log matching a pattern. */
  logCount(pattern: RegExp): number;
  stop(): Promise<number | null>;
}

export async function startDaemon(
  built: Built,
  o: { dir: string; /** Absent: a farm's module, whose printer blocks say where. */ octoprintUrl?: string; apiKey?: string; stateDir: string; probe?: boolean; nodeArgs?: string[]; daemonArgs?: string[]; env?: Record<string, string> },
): Promise<RunningDaemon> {
  const probe = fileURLToPath(new URL('./memory-probe.js', import.meta.url));
  // OCTOHOOK_BENCH_NODE_ARGS: extra node flags for the daemon, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = (process.env.OCTOHOOK_BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const nodeArgs = [...(o.probe ? ['--expose-gc', '--import', pathToFileURL(probe).href] : []), ...extra, ...(o.nodeArgs ?? [])];
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, ...built.args, ...(o.octoprintUrl ? ['--octoprint', o.octoprintUrl, '--api-key', o.apiKey ?? ''] : []), '--state-dir', o.stateDir, ...(o.daemonArgs ?? []), ...(process.env.OCTOHOOK_BENCH_DAEMON_ARGS ?? '').split(/\s+/).filter(Boolean)],
    { stdio: ['ignore', 'pipe', 'pipe', ...(o.probe ? ['ipc' as const] : [])], env: { ...process.env, ...o.env, BENCH_SECRET: 'lab-secret' } },
  );
  const chunks: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (c: string) => chunks.push(c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => chunks.push(c));
  let exited: number | null | undefined;
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve((exited = code))));
  const log = () => {
    if (chunks.length > 1) chunks.splice(0, chunks.length, chunks.join(''));
    return chunks[0] ?? '';
  };
  const deadline = Date.now() + 20_000;
  while (!/Connected to OctoPrint/.test(log())) {
    if (exited !== undefined) throw new Error(`the daemon exited (${exited}) before connecting:\n${log()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the daemon did not connect within 20 s:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const status = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  };
  return {
    pid: child.pid!,
    log,
    rss: () => status('VmRSS'),
    peakRss: () => status('VmHWM'),
    memory: () =>
      new Promise((resolve, reject) => {
        if (!o.probe) return reject(new Error('started without the memory probe'));
        const timer = setTimeout(() => reject(new Error('the memory probe did not answer')), 10_000);
        child.once('message', (m: ProbeAnswer & { op: string }) => {
          clearTimeout(timer);
          resolve({ before: m.before, after: m.after, heap: m.heap, spaces: m.spaces });
        });
        child.send('mem');
      }),
    smaps: () => {
      const fields: Record<string, number> = {};
      for (const m of readFileSync(`/proc/${child.pid}/smaps_rollup`, 'utf8').matchAll(/^(\w+):\s+(\d+) kB/gm)) fields[m[1]] = Number(m[2]) * 1024;
      return fields;
    },
    logCount: (pattern) => log().split('\n').filter((l) => pattern.test(l)).length,
    async stop() {
      if (exited !== undefined) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
}
