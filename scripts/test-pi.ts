// `npm run test:pi`: octohook as a Raspberry Pi runs it, emulated on this machine. Slow (minutes),
// so not part of `npm test`.
//
// For each Pi system of docs/deploy.md — arm64 (64-bit Raspberry Pi OS) on Node 24, armhf
// (32-bit) on Node 22 — it:
//  1. takes that Node's official Linux build for the Pi's CPU from the npm registry
//     (./node-from-npm.ts); when the registry has none, says so and skips that system;
//  2. builds scripts/demo.ohk (the design example, every URL on 127.0.0.1) with
//     `octohookc build --bundle`, copies the bundle alone into an empty folder, and installs
//     @napi-rs/image beside it with the npm line docs/deploy.md gives (plus --cpu/--os/--libc,
//     since this machine is not a Pi);
//  3. starts the bundle under qemu-user with the Node flags of deploy/octohook.service,
//     against the OctoPrint simulator and the demo receiver (host Node, 127.0.0.1), plays a
//     print, and checks that Print Started and Print Done arrive, with a webcam snapshot that
//     was resized on the emulated CPU (its JPEG dimensions), and that SIGTERM exits 0;
//  4. prints the start time (process start → first log line, → connected) and the RSS of
//     the qemu process. Emulated figures: indicative only, and qemu-user's RSS includes the
//     emulator and its translated-code cache on top of Node's own memory.
// On an x64 machine the same run follows without emulation (Node 24 for x64), as the baseline
// those figures compare with. `npm run test:pi -- arm64` (or armhf, x64) runs one of them.
// qemu-user-static and the Pi's C libraries (Debian's cross packages, used as qemu's -L
// sysroot) are installed with apt-get when missing, which needs root.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { imageSize } from '../runtime/snapshot/jpeg-size.js';
import { IMAGE_INSTALL } from '../runtime/snapshot/image-module-fix.js';
import { OctoPrintSimulator } from '../simulator/index.js';
import { startDemoReceiver, type DemoReceiver } from './demo-receiver.js';
import { nodeFromNpm, type NodeBinary } from './node-from-npm.js';
import { serviceUnitLaunch, unitEnvElsewhere } from './service-unit.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

interface PiSystem {
  /** Debian architecture, as `dpkg --print-architecture` names it on the Pi. */
  name: string;
  nodeLine: string;
  /** npm's node-<platform> package. */
  nodePlatform: string;
  /** The qemu-user binary and its sysroot; none for the baseline run on this machine. */
  qemu: string | null;
  sysroot: string;
  crossPackages: string[];
  /** npm's --cpu for the image module's prebuilt binary, and the package it must bring. */
  npmCpu: string;
  imagePackage: string;
}

const SYSTEMS: PiSystem[] = [
  {
    name: 'arm64',
    nodeLine: '24',
    nodePlatform: 'linux-arm64',
    qemu: 'qemu-aarch64-static',
    sysroot: '/usr/aarch64-linux-gnu',
    crossPackages: ['libc6-arm64-cross', 'libstdc++6-arm64-cross'],
    npmCpu: 'arm64',
    imagePackage: '@napi-rs/image-linux-arm64-gnu',
  },
  {
    name: 'armhf',
    nodeLine: '22',
    nodePlatform: 'linux-armv7l',
    qemu: 'qemu-arm-static',
    sysroot: '/usr/arm-linux-gnueabihf',
    crossPackages: ['libc6-armhf-cross', 'libstdc++6-armhf-cross'],
    npmCpu: 'arm',
    imagePackage: '@napi-rs/image-linux-arm-gnueabihf',
  },
];

/** The same run on this machine, without emulation, so the emulated figures have something to be compared with. */
const BASELINE: PiSystem = {
  name: 'x64',
  nodeLine: '24',
  nodePlatform: 'linux-x64',
  qemu: null,
  sysroot: '/',
  crossPackages: [],
  npmCpu: 'x64',
  imagePackage: '@napi-rs/image-linux-x64-gnu',
};

/** The simulator's webcam answers a typical 720p frame; the demo's `fit 320 x 240` makes it 320 x 180. */
const WEBCAM = { width: 1280, height: 720 };
const FITTED = { width: 320, height: 180 };
/** Emulated Node is slow to start and to JIT; each step gets this long. */
const STEP_MS = 180_000;

interface Result {
  system: string;
  outcome: 'passed' | 'failed' | 'skipped';
  detail: string[];
}

const say = (s: string) => process.stdout.write(`test:pi: ${s}\n`);

class PiFailure extends Error {}

async function main(): Promise<number> {
  const only = process.argv[2];
  const all = [...SYSTEMS, ...(process.arch === 'x64' ? [BASELINE] : [])];
  if (only !== undefined && !all.some((s) => s.name === only)) {
    process.stderr.write(`usage: npm run test:pi [-- ${all.map((s) => s.name).join('|')}]\n`);
    return 2;
  }
  if (process.platform !== 'linux') {
    process.stderr.write('test:pi: needs Linux (qemu-user and Debian cross libraries)\n');
    return 1;
  }
  const systems = all.filter((s) => only === undefined || s.name === only);
  const work = await mkdtemp(join(tmpdir(), 'octohook-pi-'));
  const results: Result[] = [];
  try {
    const bundle = await buildBundle(work);
    for (const system of systems) results.push(await runSystem(system, bundle, work));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  say('');
  // Emulation runs on the host's cores: a busy machine stretches every emulated figure.
  say(`load average when done: ${loadavg().map((l) => l.toFixed(1)).join(', ')} (1, 5, 15 min) on ${availableParallelism()} cores`);
  for (const r of results) {
    say(`${r.system}: ${r.outcome.toUpperCase()}`);
    for (const d of r.detail) say(`  ${d}`);
  }
  return results.some((r) => r.outcome === 'failed') ? 1 : 0;
}

/** `octohookc build scripts/demo.ohk --bundle`, as a user runs it (docs/deploy.md, step 3). */
async function buildBundle(work: string): Promise<string> {
  const out = join(work, 'hooks.bundle.mjs');
  const built = spawnSync(process.execPath, [join(projectRoot, 'bin', 'octohookc.js'), 'build', join(projectRoot, 'scripts', 'demo.ohk'), '--bundle', '-o', out], { encoding: 'utf8' });
  if (built.status !== 0) throw new PiFailure(`octohookc build --bundle failed:\n${built.stdout}${built.stderr}`);
  say(built.stdout.trim());
  return out;
}

async function runSystem(system: PiSystem, bundle: string, work: string): Promise<Result> {
  const result: Result = { system: `${system.name} (Node ${system.nodeLine})`, outcome: 'failed', detail: [] };
  try {
    const node = await nodeFromNpm(system.nodePlatform, system.nodeLine, say);
    if (node === null) {
      result.outcome = 'skipped';
      result.detail.push(`the npm registry has no node-${system.nodePlatform} build of Node ${system.nodeLine} (\`npm view node-${system.nodePlatform} versions\` lists what it has), so ${system.name} is not emulated here: nothing was tested for it`);
      return result;
    }
    result.system = `${system.name} (Node v${node.version} ${system.qemu ? `under ${system.qemu}` : 'on this machine, not emulated: the baseline'})`;
    ensureEmulator(system);
    const [command, ...args] = launch(system, node, ['--version']);
    const version = spawnSync(command, args, { encoding: 'utf8' });
    if (version.stdout?.trim() !== `v${node.version}`) {
      throw new PiFailure(`node does not run: ${(version.stderr || version.error?.message || version.stdout || '').trim()}`);
    }

    // The printer host: an empty folder with the bundle, then the image module beside it.
    const pi = join(work, system.name);
    await mkdir(pi);
    await copyFile(bundle, join(pi, 'hooks.bundle.mjs'));
    await copyFile(`${bundle}.map`, join(pi, 'hooks.bundle.mjs.map'));
    const install = `${IMAGE_INSTALL} --cpu=${system.npmCpu} --os=linux --libc=glibc`;
    say(`${system.name}: in ${pi}: ${install}`);
    const npm = spawnSync('npm', install.split(' ').slice(1), { cwd: pi, encoding: 'utf8' });
    if (npm.status !== 0) throw new PiFailure(`${install} failed:\n${npm.stdout}${npm.stderr}`);
    if (!existsSync(join(pi, 'node_modules', ...system.imagePackage.split('/')))) throw new PiFailure(`npm did not install ${system.imagePackage}`);

    result.detail.push(...(await printOnPi(system, node, pi)));
    result.outcome = 'passed';
  } catch (err) {
    result.detail.push(err instanceof Error ? err.message : String(err));
  }
  return result;
}

/** The command line that runs `node ARGS` on this system: under qemu-user with the Pi's libraries, or directly. */
function launch(system: PiSystem, node: NodeBinary, args: string[]): string[] {
  return system.qemu ? [system.qemu, '-L', system.sysroot, node.bin, ...args] : [node.bin, ...args];
}

function ensureEmulator(system: PiSystem): void {
  const { qemu } = system;
  if (qemu === null) return;
  const ready = () => spawnSync(qemu, ['--version']).status === 0 && existsSync(join(system.sysroot, 'lib', 'libstdc++.so.6'));
  if (ready()) return;
  const packages = ['qemu-user-static', ...system.crossPackages];
  if (process.getuid?.() !== 0) throw new PiFailure(`${qemu} or ${system.sysroot} is missing; as root: apt-get update && apt-get install -y ${packages.join(' ')}`);
  say(`installing ${packages.join(' ')} with apt-get`);
  for (const args of [['update'], ['install', '-y', ...packages]]) {
    const apt = spawnSync('apt-get', args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (apt.status !== 0) throw new PiFailure(`apt-get ${args.join(' ')} failed:\n${apt.stderr}`);
  }
  if (!ready()) throw new PiFailure(`${qemu} or ${join(system.sysroot, 'lib', 'libstdc++.so.6')} still missing after apt-get install`);
}


async function printOnPi(system: PiSystem, node: NodeBinary, pi: string): Promise<string[]> {
  const env = { DEMO_API_SECRET: 'pi-api-secret', DEMO_CLIENT_SECRET: 'pi-client-secret', DISCORD_WEBHOOK: '123456/pi-webhook-token' };
  let receiver: DemoReceiver | undefined;
  let sim: OctoPrintSimulator | undefined;
  let child: ChildProcess | undefined;
  try {
    receiver = await startDemoReceiver({ clientSecret: env.DEMO_CLIENT_SECRET, discordWebhook: env.DISCORD_WEBHOOK });
    sim = await new OctoPrintSimulator({ speed: 5, webcam: WEBCAM }).start();
    // Started as deploy/octohook.service starts it: its node flags and its variables (MALLOC_ARENA_MAX).
    const unit = serviceUnitLaunch();
    const [command, ...args] = launch(system, node, [...unit.nodeFlags, join(pi, 'hooks.bundle.mjs'), '--log-format', 'json']);
    say(`${system.name}: ${command} ${args.join(' ')}`);
    const started = performance.now();
    child = spawn(command, args, {
      cwd: pi,
      env: { PATH: process.env.PATH ?? '', OCTOPRINT_URL: sim.url, OCTOPRINT_API_KEY: sim.apiKey, OCTOHOOK_STATE_DIR: join(pi, 'state'), DEMO_RECEIVER: receiver.url, ...unitEnvElsewhere(unit), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = collectLines(child, started);
    const exit = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    const pid = child.pid!;

    await until(`${system.name}: the first log line`, () => log.lines.length > 0, exit, log);
    const firstLine = log.lines[0].at;
    await until(`${system.name}: connected to OctoPrint`, () => log.find('Connected to OctoPrint') !== undefined && sim!.sessions.length > 0, exit, log);
    const connected = log.find('Connected to OctoPrint')!.at;
    const idle = memory(pid);

    await sim.play('done').done;
    const api = (topic: string) => receiver!.requests.find((r) => r.service === 'api' && field(r.parts, 'topic') === topic);
    await until(`${system.name}: Print Started and Print Done at the receiver`, () => api('Print Started') !== undefined && api('Print Done') !== undefined && receiver!.requests.some((r) => r.service === 'discord'), exit, log);
    const peak = memory(pid);

    for (const topic of ['Print Started', 'Print Done']) {
      const snap = api(topic)!.parts!.find((p) => p.name === 'snap');
      const size = snap ? imageSize(snap.data) : null;
      if (!size || size.width !== FITTED.width || size.height !== FITTED.height) {
        throw new PiFailure(`${topic}: the snapshot is ${size ? `${size.width}x${size.height}` : 'missing'}, not the ${WEBCAM.width}x${WEBCAM.height} webcam frame fitted to ${FITTED.width}x${FITTED.height}`);
      }
    }
    const warnings = log.records().filter((r) => r.level === 'warn' || r.level === 'error');
    if (warnings.length > 0) throw new PiFailure(`the daemon warned:\n${warnings.map((r) => JSON.stringify(r)).join('\n')}`);

    child.kill('SIGTERM');
    const code = await Promise.race([exit, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 30_000))]);
    if (code !== 0) throw new PiFailure(`after SIGTERM: exit ${String(code)}\n${log.text()}`);

    const delivered = log.records().filter((r) => r.msg === 'delivered').length;
    return [
      `Print Started and Print Done delivered (${delivered} deliveries in all), each with the ${WEBCAM.width}x${WEBCAM.height} snapshot resized to ${FITTED.width}x${FITTED.height} by ${system.imagePackage}; SIGTERM: exit 0`,
      `start: process start → first log line ${seconds(firstLine)}, → connected to OctoPrint ${seconds(connected)}`,
      system.qemu
        ? `RSS of the qemu process: ${idle} once connected; ${peak} after the print (qemu-user RSS includes the emulator and its translated code)`
        : `RSS of the node process: ${idle} once connected; ${peak} after the print`,
    ];
  } finally {
    child?.kill('SIGKILL');
    await sim?.stop().catch(() => undefined);
    await receiver?.close().catch(() => undefined);
  }
}

interface Lines {
  lines: Array<{ text: string; at: number }>;
  find(text: string): { text: string; at: number } | undefined;
  records(): Array<Record<string, unknown>>;
  text(): string;
}

function collectLines(child: ChildProcess, started: number): Lines {
  const lines: Array<{ text: string; at: number }> = [];
  let partial = '';
  const take = (chunk: Buffer) => {
    partial += chunk.toString();
    const parts = partial.split('\n');
    partial = parts.pop()!;
    for (const text of parts) lines.push({ text, at: performance.now() - started });
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  return {
    lines,
    find: (text) => lines.find((l) => l.text.includes(text)),
    records: () => lines.filter((l) => l.text.startsWith('{')).map((l) => JSON.parse(l.text) as Record<string, unknown>),
    text: () => lines.map((l) => l.text).join('\n'),
  };
}

async function until(what: string, done: () => boolean, exit: Promise<number | null>, log: Lines): Promise<void> {
  let exited: number | null | undefined;
  void exit.then((code) => (exited = code));
  const deadline = Date.now() + STEP_MS;
  while (!done()) {
    if (exited !== undefined) throw new PiFailure(`${what}: the daemon exited (${String(exited)}) first:\n${log.text()}`);
    if (Date.now() > deadline) throw new PiFailure(`${what}: not within ${STEP_MS / 1000} s:\n${log.text()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function field(parts: Array<{ name: string; filename: string | null; data: Buffer }> | undefined, name: string): string | undefined {
  return parts?.find((p) => p.name === name && p.filename === null)?.data.toString('utf8');
}

/** VmRSS (now) and VmHWM (peak) of a process, from /proc. */
function memory(pid: number): string {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return `${(kib('VmRSS') / 1024).toFixed(0)} MiB (peak ${(kib('VmHWM') / 1024).toFixed(0)} MiB)`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`test:pi: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
