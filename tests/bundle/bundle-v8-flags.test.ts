// The V8 flags the `--bundle` daemon (and `octohook run`) sets for itself at run time
// (scripts/build.mjs, bundleV8Flags): set when it first loads undici, before its first
// request, so they are in effect for every delivery. --optimize-for-size is what keeps V8's
// old generation near what is live (RSS after 10,000 deliveries, docs/performance.md); a flag
// on the command line instead would cost Node its built-in code cache at every start.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { runBuild } from '../../compiler/cli/command-build.js';
import { bins, spawnBin } from '../support/spawn-bin.js';

const t = suite('bundle: the V8 flags it sets at run time');

const SOURCE = `
device "flags-test"
secret "flags-secret-0123456789abcdef"
hook events on PrintDone {
  url  "http://127.0.0.1:9/events"
  data { topic: @topic }
}
`;

// Preloaded with --import: records each v8.setFlagsFromString the program makes (the bundle
// requires node:v8 itself, the same module object) and ends the process at the first one.
const PRELOAD = `import v8 from 'node:v8';
import { writeFileSync } from 'node:fs';
const set = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => {
  set(flags);
  writeFileSync(process.env.FLAGS_FILE, flags);
  process.exit(0);
};
`;

let dir: string;

t.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'octohook-bundle-flags-'));
  await writeFile(join(dir, 'hooks.ohk'), SOURCE);
  await writeFile(join(dir, 'record-flags.mjs'), PRELOAD);
  let output = '';
  const io = { write: (s: string) => (output += s) };
  assert.is(await runBuild([join(dir, 'hooks.ohk'), '--bundle'], { out: io, err: io }), 0, output);
  assert.is(await runBuild([join(dir, 'hooks.ohk'), '-o', join(dir, 'hooks.mjs')], { out: io, err: io }), 0, output);
});

t.after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The flags `script args` set once it tries to reach OctoPrint (nothing listens on port 9). */
async function flagsSet(script: string, args: string[]): Promise<string> {
  const flagsFile = join(dir, 'flags.txt');
  await rm(flagsFile, { force: true });
  const run = await spawnBin(script, [...args, '--octoprint', 'http://127.0.0.1:9', '--api-key', 'flags-key', '--state-dir', join(dir, 'state')], {
    cwd: dir,
    node: ['--import', join(dir, 'record-flags.mjs')],
    env: { FLAGS_FILE: flagsFile },
    timeoutMs: 15_000,
  });
  assert.is(run.status, 0, `no V8 flags set before the first request: ${run.stderr}`);
  return readFile(flagsFile, 'utf8');
}

t('the bundle sets --optimize-for-size and --liftoff-only before its first request', async () => {
  const flags = (await flagsSet(join(dir, 'hooks.bundle.mjs'), [])).split(' ');
  assert.ok(flags.includes('--optimize-for-size'), flags.join(' '));
  assert.ok(flags.includes('--liftoff-only'), flags.join(' '));
});

t('`octohook run hooks.mjs` sets them too', async () => {
  const flags = (await flagsSet(bins.octohook, ['run', join(dir, 'hooks.mjs')])).split(' ');
  assert.ok(flags.includes('--optimize-for-size'), flags.join(' '));
  assert.ok(flags.includes('--liftoff-only'), flags.join(' '));
});

t.run();
