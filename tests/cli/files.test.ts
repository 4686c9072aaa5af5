// Files the programs are given or asked to write, through the real bins: `octohook run` with
// a file it cannot run (a folder, package.json, a one-file bundle, a missing, unreadable or
// broken module, a file without hooks) says so in one line naming the file and exits 2; a
// .ohk's diagnostics come out as `octohookc check` prints them; `octohookc build -o FOLDER`
// is refused and leaves nothing behind.
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { runBuild } from '../../compiler/cli/command-build.js';
import { main as runtimeMain } from '../../runtime/cli/main.js';
import { OctoPrintSimulator } from '../../simulator/index.js';
import { projectRoot } from '../support/project-root.js';
import { bins, spawnBin, stackTrace } from '../support/spawn-bin.js';
import { waitFor } from '../support/wait-for.js';

const t = suite('cli files: what run refuses, what build leaves behind');
const dir = mkdtempSync(join(tmpdir(), 'octohook-files-'));
const example = join(projectRoot, 'examples', 'hooks.ohk');
const sink = { write: () => true };
const env = { OCTOPRINT_API_KEY: 'k', OCTOPRINT_URL: 'http://127.0.0.1:9' };

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

t.before(async () => {
  copyFileSync(join(projectRoot, 'package.json'), join(dir, 'package.json'));
  assert.is(await runBuild([example, '--bundle', '-o', join(dir, 'hooks.bundle.mjs')], { out: sink, err: sink }), 0);
  file('empty.ohk', 'device "nothing here"\n');
  assert.is(await runBuild([join(dir, 'empty.ohk'), '-o', join(dir, 'empty.mjs')], { out: sink, err: sink }), 0);
  file('not-js.mjs', 'this is not JavaScript\n');
  file('other.mjs', 'export default { hello: 1 };\n');
  file('throws.mjs', "throw new Error('thrown while loading');\n");
  mkdirSync(join(dir, 'a-folder'));
});

t('octohook run: each file it cannot run gets one line naming it, exit 2, no stack trace', async () => {
  const cases: Array<[string, RegExp]> = [
    ['a-folder', /^octohook run: 'a-folder' is a folder: give a \.ohk file or a module built by 'octohookc build'\n$/],
    ['package.json', /^octohook run: 'package\.json' is not a \.ohk file or a module built by 'octohookc build'\n$/],
    ['hooks.bundle.mjs', /^octohook run: 'hooks\.bundle\.mjs' is a one-file bundle with the daemon built in: run it as 'node hooks\.bundle\.mjs', not with 'octohook run'\n$/],
    ['missing.mjs', /^octohook run: cannot read 'missing\.mjs': no such file\n$/],
    ['missing.ohk', /^octohook run: cannot read 'missing\.ohk': no such file\n$/],
    ['not-js.mjs', /^octohook run: cannot load 'not-js\.mjs': .+\n$/],
    ['throws.mjs', /^octohook run: cannot load 'throws\.mjs': thrown while loading\n$/],
    ['other.mjs', /^octohook run: 'other\.mjs' is not a \.ohk file or a module built by 'octohookc build'\n$/],
    ['empty.mjs', /^octohook run: 'empty\.mjs' has no hooks: nothing to deliver, not started\n$/],
    ['empty.ohk', /^empty\.ohk:1:1: warning OH3080: .*\n[\s\S]*empty\.ohk: 0 errors, 1 warning\noctohook run: 'empty\.ohk' has no hooks: nothing to deliver, not started\n$/],
  ];
  for (const [name, expected] of cases) {
    const r = await spawnBin(bins.octohook, ['run', name, '--state-dir', join(dir, 'state')], { cwd: dir, env });
    assert.is(r.status, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, expected, name);
    assert.not.match(r.stderr, stackTrace, name);
    assert.is(r.stdout, '', name);
  }
});

t('the runtime without a compiler handed in (as in a bundle) refuses .ohk source in one line, exit 2', async () => {
  let err = '';
  const code = await runtimeMain(['run', join(dir, 'empty.ohk'), '--state-dir', join(dir, 'state')], { out: sink, err: { write: (s: string) => (err += s) }, env });
  assert.is(code, 2, err);
  assert.is(err, `octohook run: '${join(dir, 'empty.ohk')}' is .ohk source and this program has no compiler (a bundle runs the hooks built into it): run it with 'octohook run ${join(dir, 'empty.ohk')}' or build it with 'octohookc build ${join(dir, 'empty.ohk')}'\n`);
});

t('octohook run: a file it may not read (permission denied), exit 2', async () => {
  const secret = file('secret.ohk', 'device "x"\n');
  chmodSync(secret, 0o600);
  chmodSync(dir, 0o755);
  // root reads any file: then the program runs as nobody, as another user of the machine would.
  const asOther = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  if (!asOther.uid) chmodSync(secret, 0o000);
  const r = await spawnBin(bins.octohook, ['run', secret, '--state-dir', join(tmpdir(), 'octohook-nobody-state')], { cwd: tmpdir(), env, ...asOther });
  assert.is(r.status, 2, r.stderr);
  assert.is(r.stderr, `octohook run: cannot read '${secret}': permission denied\n`);
});

t('octohook run FILE.ohk with errors: the diagnostics as check prints them (code frames, warnings too), exit 1', async () => {
  const bad = file(
    'bad.ohk',
    `hook a on PrintDone {
  url "http://127.0.0.1:9/a"
  data { file: @job.file.nme }
}
hook b on PrintDone {
  url "http://127.0.0.1:9/b"
  enabled false
}
`,
  );
  const check = await spawnBin(bins.octohookc, ['check', 'bad.ohk'], { cwd: dir });
  const run = await spawnBin(bins.octohook, ['run', 'bad.ohk', '--state-dir', join(dir, 'state')], { cwd: dir, env });
  assert.is(run.status, 1, run.stderr);
  assert.ok(existsSync(bad));
  // The same text check prints on stdout (no colour in a pipe), then one line of its own.
  assert.is(run.stderr, `${check.stdout}octohook run: bad.ohk has 1 error; not started\n`);
  assert.match(run.stderr, /bad\.ohk:3:26: error OH2101: 'nme' is not a field of job\.file\. Did you mean 'name'\?\n\s+3 \|   data \{ file: @job\.file\.nme \}\n\s+\|\s+~~~\n/);
  assert.match(run.stderr, /bad\.ohk:7:11: warning OH3070: Hook 'b' is disabled/);
});

t('octohook run FILE.ohk with warnings only: they are shown, then the daemon starts', async () => {
  const sim = await new OctoPrintSimulator({ speed: 10 }).start();
  file(
    'warned.ohk',
    `hook a on PrintDone {
  url "http://127.0.0.1:9/a"
}
hook b on PrintDone {
  url "http://127.0.0.1:9/b"
  enabled false
}
`,
  );
  const child = spawn(process.execPath, [bins.octohook, 'run', 'warned.ohk', '--state-dir', join(dir, 'state-warned')], {
    cwd: dir,
    env: { ...process.env, OCTOPRINT_URL: sim.url, OCTOPRINT_API_KEY: sim.apiKey },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    await waitFor(() => stderr.includes('Connected to OctoPrint'), 'the daemon connects', 15_000);
    assert.match(stderr, /^warned\.ohk:\d+:\d+: warning OH\d+: .*\n[\s\S]*warned\.ohk: 0 errors, 1 warning\n/);
    child.kill('SIGTERM');
    assert.is(await exited, 0, stderr);
  } finally {
    child.kill('SIGKILL');
    await sim.stop();
  }
});

t('octohookc build -o FOLDER: a clear error, exit 2, and no temporary file left (plain and --bundle)', async () => {
  const out = join(dir, 'out-folder');
  mkdirSync(out);
  const before = readdirSync(dir).sort();
  for (const extra of [[], ['--bundle']]) {
    const r = await spawnBin(bins.octohookc, ['build', example, '-o', out, ...extra]);
    assert.is(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`octohookc build: cannot write '${out}': it is a folder \\(give a file name\\)\\n$`));
    assert.not.match(r.stderr, stackTrace);
    assert.equal(readdirSync(dir).sort(), before, 'nothing new beside the folder');
    assert.equal(readdirSync(out), [], 'nothing inside it');
  }
});

t('octohookc build -o into a folder that does not exist: said in words, not as a raw Node error', async () => {
  const out = join(dir, 'no-such-folder', 'hooks.mjs');
  for (const extra of [[], ['--bundle']]) {
    const r = await spawnBin(bins.octohookc, ['build', example, '-o', out, ...extra]);
    assert.is(r.status, 2, r.stderr);
    // With --bundle too it names OUT, not the OUT.map written before it.
    assert.match(r.stderr, new RegExp(`octohookc build: cannot write '${out}': its folder does not exist\\n$`));
    assert.not.match(r.stderr, /ENOENT|\.tmp|\.map/);
  }
});

t('octohookc build -o -: the module on stdout, the summary on stderr; --bundle -o - is a usage error', async () => {
  const r = await spawnBin(bins.octohookc, ['build', example, '-o', '-']);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /export default/);
  assert.not.match(r.stdout, / -> /);
  assert.match(r.stderr, /hooks\.ohk -> - \(2 hooks\)\n$/);
  const b = await spawnBin(bins.octohookc, ['build', example, '--bundle', '-o', '-']);
  assert.is(b.status, 2);
  assert.match(b.stderr, /--bundle writes two files/);
});

t.after(() => rmSync(dir, { recursive: true, force: true }));

t.run();
