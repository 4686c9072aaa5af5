// What the `--bundle` daemon (and `octohook run`) loads before its first log line: nothing it does not need there
// (scripts/bundle-lazy-parts.mjs). Node's crypto, zlib, http, os, v8 and fs/promises,
// and undici (which the bundle compiles on first use, after setting its V8 flags), come later,
// when the daemon first signs, journals, connects. Cold start itself is timed by bench:memory
// (docs/performance.md), not here.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { runBuild } from '../../compiler/cli/command-build.js';
import { projectRoot } from '../support/project-root.js';
import { bins, spawnBin } from '../support/spawn-bin.js';

const t = suite('bundle: what loads before the first log line');

const SOURCE = `
device "start-test"
secret "start-secret-0123456789abcdef"
hook events on PrintDone {
  url  "http://127.0.0.1:9/events"
  data { topic: @topic, file: @job.file.name, note: "Druck fertig 🎉 — @job.file.name" }
}
`;

// Preloaded with --import: at the program's first write, the Node modules loaded since the
// program began go to a file, and the process ends.
const PRELOAD = `import { writeFileSync } from 'node:fs';
const before = new Set(process.moduleLoadList);
let done = false;
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = (chunk, ...rest) => {
    if (!done) {
      done = true;
      writeFileSync(process.env.LOADED_FILE, JSON.stringify({ first: String(chunk), loaded: process.moduleLoadList.filter((m) => !before.has(m)) }));
      process.exit(0);
    }
    return write(chunk, ...rest);
  };
}
`;

// Loaded later, when first used. Not here: `net` and the `diagnostics_channel` it loads, which a
// piped stderr needs for the log line itself. undici is compiled after zlib has unpacked it, so
// zlib not loaded means undici not loaded either.
const LATER = ['crypto', 'zlib', 'http', 'https', 'http2', 'tls', 'os', 'v8'];
// And in the bundle, whose hooks are in its own text, fs/promises: the outbox is opened after the
// `starting` line is out (runtime/log/batched-stream.ts). `octohook run` reads its file with it.
const BUNDLE_LATER = [...LATER, 'fs/promises'];

let dir: string;

t.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'octohook-bundle-start-'));
  await writeFile(join(dir, 'hooks.ohk'), SOURCE);
  await writeFile(join(dir, 'first-write.mjs'), PRELOAD);
  let output = '';
  const io = { write: (s: string) => (output += s) };
  assert.is(await runBuild([join(dir, 'hooks.ohk'), '--bundle'], { out: io, err: io }), 0, output);
  assert.is(await runBuild([join(dir, 'hooks.ohk'), '-o', join(dir, 'hooks.mjs')], { out: io, err: io }), 0, output);
});

/** The Node modules `script args` loaded before its first output, and that output. */
async function loadedBeforeFirstLine(script: string, args: string[]): Promise<{ first: string; loaded: string[] }> {
  const loadedFile = join(dir, 'loaded.json');
  const run = await spawnBin(script, [...args, '--octoprint', 'http://127.0.0.1:9', '--api-key', 'start-key', '--state-dir', join(dir, 'state')], {
    cwd: dir,
    node: ['--import', join(dir, 'first-write.mjs')],
    env: { LOADED_FILE: loadedFile },
  });
  assert.is(run.status, 0, run.stderr);
  return JSON.parse(await readFile(loadedFile, 'utf8')) as { first: string; loaded: string[] };
}

function assertNothingEarly({ first, loaded }: { first: string; loaded: string[] }, later = LATER): void {
  assert.match(first, /INFO {2}starting hooks=1/);
  // The list covers the program's own start: it parsed its flags (node:util's parseArgs).
  assert.ok(loaded.includes('NativeModule internal/util/parse_args/parse_args'), loaded.join(', '));
  const early = loaded.filter((m) => later.some((name) => m === `NativeModule ${name}`));
  assert.equal(early, [], `loaded before the first log line: ${early.join(', ')}`);
}

t.after(async () => {
  await rm(dir, { recursive: true, force: true });
});

t('the bundle logs `starting` before it loads crypto, zlib, http, os, v8, fs/promises or undici', async () => {
  assertNothingEarly(await loadedBeforeFirstLine(join(dir, 'hooks.bundle.mjs'), []), BUNDLE_LATER);
});

t('`octohook run hooks.mjs` too, and its program holds no compiler: that is a file of its own, imported for a .ohk', async () => {
  assertNothingEarly(await loadedBeforeFirstLine(bins.octohook, ['run', join(dir, 'hooks.mjs')]));
  const program = await readFile(join(projectRoot, 'dist/compiler/cli/octohook.bundle.js'), 'utf8');
  assert.not.match(program, /chevrotain/i);
  assert.match(program, /import\("\.\/octohook-compiler\.bundle\.js"\)/);
  assert.match(await readFile(join(projectRoot, 'dist/compiler/cli/octohook-compiler.bundle.js'), 'utf8'), /chevrotain/i);
});

t('the bundle is ASCII: V8 keeps the text of a file with one other character at two bytes per character', async () => {
  const code = await readFile(join(dir, 'hooks.bundle.mjs'), 'utf8');
  const other = [...new Set(code.match(/[^\x00-\x7f]/g) ?? [])];
  assert.equal(other, []);
});

t.run();
