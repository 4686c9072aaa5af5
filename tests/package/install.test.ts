// octohook installed the way a user installs it before it is on the registry: the tarball of
// `npm pack`, installed globally into a temporary prefix and as a dev dependency of a
// temporary project, all in a folder under os.tmpdir() with no clone above it
// (support/packed-tarball.ts). Every command runs as a spawned installed bin from an unrelated
// folder. Only the tarball's files are there, and no dev dependency: a command that needed
// TypeScript, chevrotain or a file left out of `files` fails here.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { OctoPrintSimulator } from '../../simulator/index.js';
import { LspClient } from '../support/lsp-client.js';
import { cleanEnv, npm, packedTarball, runProgram, type PackedTarball } from '../support/packed-tarball.js';
import { fixturesDir, projectRoot } from '../support/project-root.js';
import { startReceiver } from '../support/receiver.js';
import { waitFor } from '../support/wait-for.js';

const t = suite('package: npm pack, installed where no clone is');

const HOOKS = `device "packed"
hook done on PrintDone {
  url  "@env.RECEIVER/done"
  data { file: @extra.name, topic: @topic }
}
`;
const BROKEN = HOOKS.replace('@extra.name', '@job.file.nme');
const nmeColumn = BROKEN.split('\n')[3].indexOf('nme') + 1;

let packed: PackedTarball;
let prefix: string;
let work: string;
const bin = (name: string) => join(prefix, 'bin', name);
const installed = () => join(prefix, 'lib', 'node_modules', 'octohook');
// The installed bins run with the Node running the tests first on PATH (their #! is `env node`).
const env = (extra: Record<string, string> = {}) => cleanEnv({ PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, ...extra });
const run = (name: string, args: string[], extra: Record<string, string> = {}) => runProgram(bin(name), args, { cwd: work, env: env(extra) });

/** True when no folder from `dir` up holds a package.json or node_modules: nothing to fall back on. */
function standsAlone(dir: string): boolean {
  for (let d = dirname(dir); ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json')) || existsSync(join(d, 'node_modules'))) return false;
    if (dirname(d) === d) return true;
  }
}

t.before(async () => {
  packed = await packedTarball();
  prefix = join(packed.dir, 'global');
  const install = await npm(['install', '--global', '--prefix', prefix, packed.tarball], packed.dir);
  assert.is(install.code, 0, install.stderr);
  work = mkdtempSync(join(packed.dir, 'work-'));
  writeFileSync(join(work, 'hooks.ohk'), HOOKS);
  writeFileSync(join(work, 'broken.ohk'), BROKEN);
});

t('the tarball holds what runs and nothing else', () => {
  assert.equal([...packed.files].sort(), [
    'README.md',
    'bin/octohook.js',
    'bin/octohookc.js',
    'dist/compiler/cli/octohook-compiler.bundle.js',
    'dist/compiler/cli/octohook.bundle.js',
    'dist/compiler/cli/octohookc.bundle.js',
    'dist/runtime/cli/octohook-standalone.js',
    'dist/runtime/cli/octohook-standalone.js.map',
    'dist/runtime/cli/require-node-version.bundle.js',
    'docs/language.md',
    'package.json',
  ]);
  assert.ok(standsAlone(prefix) && standsAlone(work), 'no package.json or node_modules above the install or the work folder');
});

t('installed: no dev dependency beside it, and the programs import only Node built-ins and the optional image library', () => {
  const deps = existsSync(join(installed(), 'node_modules')) ? readdirSync(join(installed(), 'node_modules')) : [];
  for (const dev of ['typescript', 'esbuild', 'chevrotain', 'undici', 'yaml', 'vscode-languageserver']) assert.not.ok(deps.includes(dev), `${dev} installed`);
  const pkg = JSON.parse(readFileSync(join(installed(), 'package.json'), 'utf8')) as { dependencies?: object };
  assert.is(pkg.dependencies, undefined, 'no run-time dependency: the libraries are bundled');
  for (const file of ['dist/compiler/cli/octohookc.bundle.js', 'dist/compiler/cli/octohook.bundle.js', 'dist/compiler/cli/octohook-compiler.bundle.js', 'dist/runtime/cli/octohook-standalone.js', 'dist/runtime/cli/require-node-version.bundle.js']) {
    const code = readFileSync(join(installed(), file), 'utf8');
    // Statement-shaped only: `import x from "m"`, `import{a}from"m"`, `export*from"m"`, `import("m")`, `require("m")`;
    // a bare `from "…"` would match text inside strings ('state from "Printing" to "Error"').
    const specifiers = [...code.matchAll(/(?:\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?|\bexport\s*(?:\*|\{[^}]*\})\s*from\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)(["'])([^"'\s]+)\1/g)].map((m) => m[2]);
    // node:sqlite counts too: a built-in of newer Node that undici imports only for a cache store octohook does not use.
    const outside = [...new Set(specifiers.filter((s) => !isBuiltin(s) && !s.startsWith('node:') && !s.startsWith('.') && !s.startsWith('@napi-rs/image')))];
    assert.equal(outside, [], `${file} imports ${outside.join(', ')}`);
  }
});

t('octohookc check: clean (0), an error (1, with line and suggestion), SARIF', async () => {
  const clean = await run('octohookc', ['check', 'hooks.ohk']);
  assert.is(clean.code, 0, clean.stderr);
  assert.match(clean.stdout, /hooks\.ohk: no problems \(1 hook\)/);
  const broken = await run('octohookc', ['check', 'broken.ohk']);
  assert.is(broken.code, 1, broken.stderr);
  assert.ok(broken.stdout.includes(`broken.ohk:4:${nmeColumn}: error OH2101: 'nme' is not a field of job.file. Did you mean 'name'?`), broken.stdout);
  const sarif = await run('octohookc', ['check', '--format', 'sarif', 'broken.ohk']);
  assert.is(sarif.code, 1);
  const log = JSON.parse(sarif.stdout);
  assert.is(log.runs[0].tool.driver.version, JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version, 'the version, read from the installed package.json');
  assert.is(log.runs[0].results[0].ruleId, 'OH2101');
});

t('octohookc build: a module, and --bundle a file that runs with plain node', async () => {
  const built = await run('octohookc', ['build', 'hooks.ohk', '-o', 'hooks.mjs']);
  assert.is(built.code, 0, built.stderr);
  assert.match(readFileSync(join(work, 'hooks.mjs'), 'utf8'), /^export default /m);
  const bundled = await run('octohookc', ['build', 'hooks.ohk', '--bundle']);
  assert.is(bundled.code, 0, bundled.stderr);
  assert.ok(existsSync(join(work, 'hooks.bundle.mjs.map')), 'the source map beside it');
  const help = await runProgram(process.execPath, ['hooks.bundle.mjs', '--help'], { cwd: work, env: env() });
  assert.is(help.code, 0, help.stderr);
  assert.match(help.stdout, /octohook with the hooks of hooks\.ohk built in/);
});

t('octohookc test --dry-run prints the request it would send', async () => {
  const dry = await run('octohookc', ['test', 'hooks.ohk', '--event', 'PrintDone', '--dry-run'], { RECEIVER: 'http://127.0.0.1:9' });
  assert.is(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /# hook done on PrintDone, sample data from capture [\w-]+ \(dry run: nothing sent\)/);
  assert.match(dry.stdout, /^POST \[redacted\]\/done$/m, 'the @env value in the URL is not shown');
  assert.match(dry.stdout, /^\{"file":"[^"]+\.gcode","topic":"Print Done"\}$/m);
});

t("octohookc import translates the plugin's settings", async () => {
  const imported = await runProgram(bin('octohookc'), ['import', join(fixturesDir, 'import', 'hooks-list.yaml')], { cwd: work, env: env() });
  assert.is(imported.code, 0, imported.stderr);
  assert.fixture(imported.stdout, readFileSync(join(fixturesDir, 'import', 'hooks-list.ohk'), 'utf8'));
  assert.match(imported.stderr, /octohookc import: 7 hooks from/);
});

t('octohookc lsp: initialize, diagnostics linking the shipped language reference, shutdown', async () => {
  const client = new LspClient(env(), { file: bin('octohookc'), args: ['lsp'], cwd: work });
  try {
    const init = await client.initialize();
    assert.ok(init.capabilities.completionProvider, JSON.stringify(init));
    const uri = 'file:///nowhere/broken.ohk';
    client.open(uri, BROKEN);
    const published = await client.diagnostics(uri);
    const d = published.diagnostics.find((x) => x.code === 'OH2101');
    assert.ok(d, JSON.stringify(published));
    const href = d!.codeDescription!.href;
    assert.is(href.split('#')[1], 'oh2101');
    assert.ok(existsSync(fileURLToPath(href.split('#')[0])), `${href}: the page it links is installed`);
  } finally {
    assert.is(await client.stop(), 0, client.stderr);
  }
});

t('octohook run: connects to OctoPrint, delivers a webhook, stops cleanly; outbox list reads its state', async () => {
  const sim = await new OctoPrintSimulator({ speed: 10 }).start();
  const receiver = await startReceiver();
  const stateDir = join(work, 'state');
  const child = spawn(bin('octohook'), ['run', 'hooks.ohk', '--state-dir', stateDir], {
    cwd: work,
    env: env({ OCTOPRINT_URL: sim.url, OCTOPRINT_API_KEY: sim.apiKey, RECEIVER: receiver.url }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitFor(() => log.includes('Connected to OctoPrint'), `the daemon to connect (log: ${log})`, 10_000).catch((e: Error) => {
      throw new Error(`${e.message}: ${log}`);
    });
    sim.emitEvent('PrintDone', { name: 'benchy.gcode', path: 'benchy.gcode', origin: 'local', size: 1234, time: 3600 });
    const [request] = await receiver.waitFor(1, 10_000);
    assert.is(request.url, '/done');
    assert.equal(request.json, { file: 'benchy.gcode', topic: 'Print Done' });
  } finally {
    child.kill('SIGTERM');
    const code = await exited;
    await receiver.close();
    await sim.stop();
    assert.is(code, 0, log);
  }
  assert.match(log, /delivered hook=done trigger=PrintDone status=200/);
  const list = await run('octohook', ['outbox', 'list', '--state-dir', stateDir]);
  assert.is(list.code, 0, list.stderr);
  assert.match(list.stdout, /: 0 pending, 0 dead\n/);
});

t('as a dev dependency of a project: npx octohookc and npx octohook', async () => {
  const project = mkdtempSync(join(packed.dir, 'project-'));
  assert.ok(standsAlone(project));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'printer-hooks', private: true }));
  writeFileSync(join(project, 'hooks.ohk'), HOOKS);
  const install = await npm(['install', '--save-dev', packed.tarball], project);
  assert.is(install.code, 0, install.stderr);
  assert.not.ok(existsSync(join(project, 'node_modules', 'typescript')), 'no TypeScript installed');
  const npx = (args: string[]) => runProgram('npx', ['--no-install', ...args], { cwd: project, env: env() });
  const check = await npx(['octohookc', 'check', 'hooks.ohk']);
  assert.is(check.code, 0, check.stderr);
  assert.match(check.stdout, /no problems/);
  const bundle = await npx(['octohookc', 'build', 'hooks.ohk', '--bundle']);
  assert.is(bundle.code, 0, bundle.stderr);
  assert.ok(existsSync(join(project, 'hooks.bundle.mjs')));
  mkdirSync(join(project, 'state'));
  const list = await npx(['octohook', 'outbox', 'list', '--state-dir', 'state']);
  assert.is(list.code, 0, list.stderr);
  assert.match(list.stdout, /0 pending, 0 dead/);
});

t.run();
