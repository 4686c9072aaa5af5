// `octohookc build --bundle`: one file with the runtime and the hooks, run with plain `node`
// from a folder with no node_modules (as on a printer host), against the simulator and a
// receiver on 127.0.0.1. It must deliver what the hooks say, read @env at run time (no value
// in the file), degrade to untransformed snapshots with one warning where @napi-rs/image is
// missing, use it where it is present, and stop with exit 0 on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { runBuild } from '../../compiler/cli/command-build.js';
import { templatePath } from '../../compiler/cli/write-bundle.js';
import { imageSize } from '../../runtime/snapshot/jpeg-size.js';
import { OctoPrintSimulator } from '../../simulator/index.js';
import { projectRoot } from '../support/project-root.js';
import { startReceiver, type Receiver } from '../support/receiver.js';

const t = suite('bundle: octohookc build --bundle, run with node');

const SOURCE = `
device "bundle-test"
secret @env.BUNDLE_SECRET
hook events on PrintStarted, PrintDone, Progress every 50% {
  url     "@env.RECEIVER/events"
  headers { X-Token: "@env.BUNDLE_TOKEN" }
  data    { topic: @topic, secret: @apiSecret, file: @job.file.name, milestone: @percentCompleteMilestone, snap: @snapshot }
  snapshot { fit 320 x 240 }
}
hook chat on PrintDone {
  url  "@env.RECEIVER/chat"
  data { content: "@message (@job.file.name)" }
}
`;

// Values the hooks read from the environment. They are in this process's environment while
// the bundle is built, to prove the compiler does not inline them.
const SECRET = 'bundle-secret-5f1c9a7e3b';
const TOKEN = 'bundle-token-8d2e4c6a0f';

let dir: string;
let bundle: string;
let buildOutput = '';

t.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'octohook-bundle-'));
  await writeFile(join(dir, 'hooks.ohk'), SOURCE);
  bundle = join(dir, 'hooks.bundle.mjs');
  const io = { write: (s: string) => (buildOutput += s) };
  process.env.BUNDLE_SECRET = SECRET;
  process.env.BUNDLE_TOKEN = TOKEN;
  try {
    const code = await runBuild([join(dir, 'hooks.ohk'), '--bundle'], { out: io, err: io });
    assert.is(code, 0, `${buildOutput}\n(the bundle template ${templatePath()} comes from a full build: node scripts/build.mjs without OCTOHOOK_DIRS)`);
  } finally {
    delete process.env.BUNDLE_SECRET;
    delete process.env.BUNDLE_TOKEN;
  }
});

t.after(async () => {
  await rm(dir, { recursive: true, force: true });
});

t('writes OUT.bundle.mjs and its map by default; reasonable size; no @env value, no compiler inside', async () => {
  assert.match(buildOutput, /hooks\.ohk -> .*hooks\.bundle\.mjs \(2 hooks, runtime included, \d+ KiB; source map .*hooks\.bundle\.mjs\.map\)/);
  const size = (await stat(bundle)).size;
  assert.ok(size > 100_000 && size < 1_500_000, `bundle is ${size} bytes`);
  const code = await readFile(bundle, 'utf8');
  assert.not.ok(code.includes(SECRET));
  assert.not.ok(code.includes(TOKEN));
  assert.not.ok(/chevrotain/i.test(code), 'the compiler is not in the bundle');
  assert.not.ok(/^\s*import .* from ['"](?!node:)/m.test(code), 'no import but node: builtins');
  assert.match(code, /"BUNDLE_SECRET"/, 'the hooks name the variable, not its value');
  assert.ok(code.trimEnd().endsWith('//# sourceMappingURL=hooks.bundle.mjs.map'));
});

t('the source map points into the TypeScript sources, past the header lines', async () => {
  const code = await readFile(bundle, 'utf8');
  const map = JSON.parse(await readFile(`${bundle}.map`, 'utf8')) as { file: string; sources: string[]; sourcesContent: string[] };
  assert.is(map.file, 'hooks.bundle.mjs');
  assert.ok(map.sources.includes('octohook/runtime/daemon.ts'), map.sources.filter((s) => s.includes('runtime')).slice(0, 5).join(', '));
  const at = code.indexOf('could not start');
  assert.ok(at > 0);
  const before = code.slice(0, at).split('\n');
  const entry = new SourceMap(map as never).findEntry(before.length - 1, before.at(-1)!.length) as { originalSource?: string };
  assert.is(entry.originalSource, 'octohook/runtime/cli/main.ts');
});

interface Run {
  child: ChildProcess;
  logs: () => string[];
  exit: Promise<number | null>;
}

function runBundle(sim: OctoPrintSimulator, receiver: Receiver, cwd: string, file: string): Run {
  const lines: string[] = [];
  let partial = '';
  const child = spawn(process.execPath, [file, '--log-format', 'json'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', OCTOPRINT_URL: sim.url, OCTOPRINT_API_KEY: sim.apiKey, RECEIVER: receiver.url, BUNDLE_SECRET: SECRET, BUNDLE_TOKEN: TOKEN, OCTOHOOK_STATE_DIR: join(cwd, 'state') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (c: Buffer) => {
    partial += c.toString();
    const parts = partial.split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, logs: () => lines, exit };
}

async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Plays a short print against a running bundle and returns what the receiver got, then SIGTERMs it. */
async function printThrough(cwd: string, file: string): Promise<{ receiver: Receiver; logs: string[]; code: number | null; sim: OctoPrintSimulator }> {
  const receiver = await startReceiver();
  const sim = await new OctoPrintSimulator({ speed: 20 }).start();
  const run = runBundle(sim, receiver, cwd, file);
  try {
    await until('the bundle connects', () => run.logs().some((l) => l.includes('Connected to OctoPrint')) && sim.sessions.some((s) => s.authed));
    await new Promise((r) => setTimeout(r, 100));
    await sim.play('done').done;
    await receiver.waitFor(4, 10_000);
    await new Promise((r) => setTimeout(r, 100));
    run.child.kill('SIGTERM');
    const code = await Promise.race([run.exit, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 8000))]);
    assert.is(code, 0, `exit after SIGTERM (${String(code)}):\n${run.logs().join('\n')}`);
    return { receiver, logs: run.logs(), code: code as number, sim };
  } finally {
    run.child.kill('SIGKILL');
    await sim.stop();
    await receiver.close();
  }
}

function parsed(logs: string[]): Array<Record<string, unknown>> {
  return logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

t('runs with node from a folder without node_modules: deliveries, env read at run time, one image warning, SIGTERM exits 0', async () => {
  const { receiver, logs } = await printThrough(dir, bundle);
  const events = receiver.requests.filter((r) => r.url === '/events');
  const chat = receiver.requests.filter((r) => r.url === '/chat');
  assert.is(events.length, 3);
  assert.is(chat.length, 1);
  const field = (r: (typeof events)[number], name: string) => r.parts?.find((p) => p.name === name)?.text;
  assert.equal(events.map((r) => field(r, 'topic')), ['Print Started', 'Print Progress', 'Print Done']);
  assert.is(field(events[1], 'milestone'), '50');
  for (const r of events) {
    assert.is(r.method, 'POST');
    assert.match(String(r.headers['content-type']), /^multipart\/form-data; boundary=/);
    assert.is(r.headers['x-token'], TOKEN);
    assert.is(field(r, 'secret'), SECRET);
  }
  // At PrintStarted OctoPrint may not report the job yet (as in the recorded run); later it does.
  assert.equal(events.slice(1).map((r) => field(r, 'file')), ['lab_test.gcode', 'lab_test.gcode']);
  assert.equal(chat[0].json, { content: 'Your print is done. (lab_test.gcode)' });

  // @napi-rs/image cannot be found from this folder: the webcam's own JPEG goes out, after one warning.
  const snap = events[0].parts!.find((p) => p.filename !== null)!;
  assert.ok(snap, 'the snapshot part is there');
  const size = imageSize(snap.data)!;
  const records = parsed(logs);
  const imageWarnings = records.filter((r) => r.level === 'warn' && String(r.msg).includes('@napi-rs/image'));
  if (size.width > 320 || size.height > 240) {
    assert.equal([size.width, size.height], [640, 480], 'untransformed');
    assert.is(imageWarnings.length, 1, logs.join('\n'));
    // The fix is docs/deploy.md's npm line, run beside the bundle (where the import looks).
    const fix = String(imageWarnings[0].fix);
    assert.ok(fix.startsWith(`in ${dir} run: npm install --no-audit --no-fund @napi-rs/image@`), fix);
  } else {
    assert.is(imageWarnings.length, 0); // the simulator served a tiny fallback JPEG: nothing to do
  }
  assert.ok(records.some((r) => r.msg === 'stopping'));
  assert.ok((await stat(join(dir, 'state', 'outbox.journal'))).isFile(), 'the outbox lives in OCTOHOOK_STATE_DIR');
  assert.is(records.filter((r) => r.msg === 'delivered').length, 4);
  for (const line of logs) {
    assert.not.ok(line.includes(SECRET), line);
    assert.not.ok(line.includes(TOKEN), line);
  }
});

t('with @napi-rs/image resolvable beside it, the snapshot is fitted and nothing is warned', async () => {
  let available = true;
  try {
    await import('@napi-rs/image');
  } catch {
    available = false;
  }
  if (!available) return; // nothing to prove on a machine without the optional module
  const withImage = join(dir, 'with-image');
  await mkdir(join(withImage, 'node_modules'), { recursive: true });
  await symlink(join(projectRoot, 'node_modules', '@napi-rs'), join(withImage, 'node_modules', '@napi-rs'), 'dir');
  const file = join(withImage, 'hooks.bundle.mjs');
  await writeFile(file, await readFile(bundle));
  await writeFile(`${file}.map`, await readFile(`${bundle}.map`));
  const { receiver, logs } = await printThrough(withImage, file);
  const snap = receiver.requests.find((r) => r.url === '/events')!.parts!.find((p) => p.filename !== null)!;
  const fitted = imageSize(snap.data)!;
  assert.equal([fitted.width, fitted.height], [320, 240]);
  assert.is(parsed(logs).filter((r) => r.level === 'warn').length, 0, logs.join('\n'));
});

t('--help names the variables the built-in hooks read; an argument is a usage error; missing variables stop the start', async () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [bundle, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env } });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('exit', (code) => resolve({ code, out }));
    });
  const help = await run(['--help']);
  assert.is(help.code, 0);
  assert.match(help.out, /node BUNDLE\.mjs/);
  assert.match(help.out, /read: BUNDLE_SECRET, BUNDLE_TOKEN, RECEIVER/);
  const extra = await run(['hooks.ohk']);
  assert.is(extra.code, 2);
  assert.match(extra.out, /built into this file/);
  const noEnv = await run([]);
  assert.is(noEnv.code, 2);
  assert.match(noEnv.out, /^octohook: missing environment variables: BUNDLE_SECRET \(hook events\), BUNDLE_TOKEN \(hook events\), RECEIVER \(hook events, hook chat\); set them/m);
  const noKey = await run([], { RECEIVER: 'http://127.0.0.1:9', BUNDLE_SECRET: SECRET, BUNDLE_TOKEN: TOKEN });
  assert.is(noKey.code, 2);
  assert.match(noKey.out, /no OctoPrint API key/);
});

t.run();
