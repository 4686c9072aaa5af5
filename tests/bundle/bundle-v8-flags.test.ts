// The V8 flags the `--bundle` daemon (and `octohook run`) sets for itself at run time
// (scripts/build.mjs, bundleV8Flags): set when it first loads undici, before its first
// request, so they are in effect for every delivery. --optimize-for-size and the two
// incremental-marking triggers are what keep V8's old generation near what is live, and
// --no-sparkplug keeps baseline machine code out of it (RSS through 10,000 deliveries,
// docs/performance.md); a flag on the command line instead would cost Node its built-in code
// cache at every start.
import { execFileSync } from 'node:child_process';
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

const EXPECTED = [
  '--liftoff-only',
  '--no-wasm-tier-up',
  '--no-wasm-dynamic-tiering',
  '--optimize-for-size',
  '--no-sparkplug',
  '--no-maglev',
  '--incremental-marking-soft-trigger=20',
  '--incremental-marking-hard-trigger=20',
];

t('the bundle sets its memory flags before its first request', async () => {
  const flags = (await flagsSet(join(dir, 'hooks.bundle.mjs'), [])).split(' ');
  assert.equal(flags, EXPECTED);
});

t('`octohook run hooks.mjs` sets them too', async () => {
  const flags = (await flagsSet(bins.octohook, ['run', join(dir, 'hooks.mjs')])).split(' ');
  assert.equal(flags, EXPECTED);
});

// V8 reads these where it decides, not once at start: set at run time they must change what it
// does (a Node whose V8 read them once would silently lose the memory they save). A child
// process with nothing of octohook in it keeps 60,000 objects and churns through more, some of
// which live long enough to reach the old generation; with the triggers set at run time V8
// marks and collects that generation while it is far smaller (here 9.5-9.8 MiB at most,
// against 15.4-16.1 without).
const CHURN = `const v8 = require('node:v8');
if (process.argv[2] === 'set') v8.setFlagsFromString('--incremental-marking-soft-trigger=20 --incremental-marking-hard-trigger=20');
const live = [];
for (let i = 0; i < 60000; i++) live.push({ i, s: 'live' + i });
let recent = [];
let peak = 0;
const oldUsed = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_used_size;
for (let i = 0; i < 600000; i++) {
  recent.push({ i, s: 'x' + i });
  if (recent.length > 3000) recent = [];
  if (i % 500 === 0) peak = Math.max(peak, oldUsed());
}
process.stdout.write(String(live.length === 60000 ? peak : -1));
`;

t('set at run time, the marking triggers take effect: V8 collects the old generation while it is smaller', async () => {
  const script = join(dir, 'churn.cjs');
  await writeFile(script, CHURN);
  const peak = (how: string) => Number(execFileSync(process.execPath, ['--max-semi-space-size=1', '--optimize-for-size', script, how], { encoding: 'utf8' }));
  const without = peak('unset');
  const withTriggers = peak('set');
  assert.ok(withTriggers < 0.8 * without, `old generation at most ${(withTriggers / 1048576).toFixed(1)} MiB with the triggers, ${(without / 1048576).toFixed(1)} MiB without`);
});

t.run();
