// The command-line conventions of both programs and of a one-file bundle, through the real
// entry points in processes of their own: --help/-h on every command (stdout, exit 0),
// --version, usage errors (stderr, exit 2), quiet when the reader of the output goes away
// (`| head`), and one line, exit 70, for anything unexpected.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { runBuild } from '../../compiler/cli/command-build.js';
import { internalErrorExit } from '../../runtime/cli/run-program.js';
import { projectRoot } from '../support/project-root.js';
import { bins, spawnBin, stackTrace } from '../support/spawn-bin.js';

const t = suite('cli conventions: help, version, usage errors, closed pipes, internal errors');
const dir = mkdtempSync(join(tmpdir(), 'octohook-cli-'));
const example = join(projectRoot, 'examples', 'hooks.ohk');
const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
let bundle = '';

t.before(async () => {
  bundle = join(dir, 'hooks.bundle.mjs');
  const sink = { write: () => true };
  assert.is(await runBuild([example, '--bundle', '-o', bundle], { out: sink, err: sink }), 0);
});

const helpCases: Array<[string, string[], RegExp]> = [
  [bins.octohookc, ['--help'], /octohookc check FILE\.ohk[\s\S]*octohookc import/],
  [bins.octohookc, ['-h'], /octohookc check FILE\.ohk/],
  [bins.octohookc, ['help'], /octohookc build/],
  ...['check', 'build', 'test', 'lsp', 'import'].flatMap((c): Array<[string, string[], RegExp]> => [
    [bins.octohookc, [c, '--help'], new RegExp(`octohookc ${c}\\b`)],
    [bins.octohookc, [c, '-h'], new RegExp(`octohookc ${c}\\b`)],
  ]),
  [bins.octohook, ['--help'], /octohook run COMPILED\.mjs\|FILE\.ohk/],
  [bins.octohook, ['-h'], /octohook run/],
  [bins.octohook, ['run', '--help'], /octohook run COMPILED\.mjs/],
  [bins.octohook, ['run', '-h'], /octohook run COMPILED\.mjs/],
  [bins.octohook, ['outbox', '--help'], /octohook outbox list/],
  ...['list', 'retry', 'drop'].flatMap((c): Array<[string, string[], RegExp]> => [
    [bins.octohook, ['outbox', c, '--help'], /octohook outbox retry ID/],
    [bins.octohook, ['outbox', c, '-h'], /octohook outbox drop ID/],
  ]),
];

t('--help and -h on every command print usage on stdout and exit 0', async () => {
  const bundleCases: Array<[string, string[], RegExp]> = [
    [bundle, ['--help'], /node BUNDLE\.mjs[\s\S]*hooks of hooks\.ohk built in/],
    [bundle, ['-h'], /node BUNDLE\.mjs/],
    [bundle, ['outbox', 'list', '--help'], /octohook outbox list/],
  ];
  for (const [bin, args, usage] of [...helpCases, ...bundleCases]) {
    const r = await spawnBin(bin, args);
    const what = `${bin.split('/').pop()} ${args.join(' ')}`;
    assert.is(r.status, 0, `${what}: ${r.stderr}`);
    assert.match(r.stdout, usage, what);
    assert.is(r.stderr, '', what);
  }
});

t('--version: both programs and a bundle', async () => {
  for (const [bin, expected] of [
    [bins.octohookc, `octohookc ${version}\n`],
    [bins.octohook, `octohook ${version}\n`],
    [bundle, `octohook ${version} with the hooks of hooks.ohk built in\n`],
  ]) {
    const r = await spawnBin(bin, ['--version']);
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stdout, expected);
  }
});

t('usage errors: exit 2, the message and usage on stderr, nothing on stdout', async () => {
  const cases: Array<[string, string[]]> = [
    [bins.octohookc, []],
    [bins.octohookc, ['frobnicate']],
    [bins.octohookc, ['check']],
    [bins.octohookc, ['check', example, '--nope']],
    [bins.octohookc, ['build', example, '--format', 'json']],
    [bins.octohookc, ['test', example]],
    [bins.octohookc, ['import']],
    [bins.octohookc, ['lsp', '--nope']],
    [bins.octohook, []],
    [bins.octohook, ['frobnicate']],
    [bins.octohook, ['run']],
    [bins.octohook, ['run', example, '--nope']],
    [bins.octohook, ['outbox']],
    [bins.octohook, ['outbox', 'list', '--nope']],
    [bins.octohook, ['outbox', 'retry']],
    [bundle, ['extra-argument']],
    [bundle, ['--nope']],
  ];
  for (const [bin, args] of cases) {
    const r = await spawnBin(bin, args);
    const what = `${bin.split('/').pop()} ${args.join(' ')}`;
    assert.is(r.status, 2, `${what}: ${r.stderr}`);
    assert.is(r.stdout, '', what);
    assert.match(r.stderr, /Usage:/, what);
    assert.not.match(r.stderr, stackTrace, what);
  }
});

/** Runs a program whose stdout reader goes away after `keep` bytes; returns how it ended. */
function readThenClose(script: string, args: string[], keep: number): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let got = 0;
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const close = () => child.stdout.destroy();
    if (keep === 0) close();
    else child.stdout.on('data', (b: Buffer) => ((got += b.length) >= keep ? close() : undefined));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

t('a reader that goes away (`| head`) ends the program quietly, with its own exit code', async () => {
  // A file with thousands of diagnostics: megabytes of JSON, far more than a pipe holds.
  const big = join(dir, 'big.ohk');
  const broken = readFileSync(example, 'utf8').replace(/hook (\w+)/g, 'hook $1_N').replace(/@job\.file\.name/g, '@job.file.nme');
  writeFileSync(big, Array.from({ length: 200 }, (_, i) => broken.replace(/_N/g, `_${i}`)).join('\n'));
  const runs: Array<[string, string[], number, number]> = [
    [bins.octohookc, ['check', big, '--format', 'json'], 10, 1],
    [bins.octohookc, ['check', big], 100, 1],
    [bins.octohookc, ['build', example, '-o', '/dev/stdout'], 1, 0],
    [bins.octohookc, ['--help'], 0, 0],
    [bins.octohook, ['--help'], 0, 0],
    [bins.octohook, ['outbox', 'list', '--state-dir', dir], 0, 0],
    [bundle, ['--help'], 0, 0],
  ];
  for (const [bin, args, keep, code] of runs) {
    for (let i = 0; i < 3; i++) {
      const r = await readThenClose(bin, args, keep);
      const what = `${bin.split('/').pop()} ${args.join(' ')}`;
      assert.not.match(r.stderr, /EPIPE|internal error|Error:/, `${what}: ${r.stderr}`);
      assert.is(r.status, code, `${what}: ${r.stderr}`);
    }
  }
});

t('build -o /dev/stdout: the module alone on stdout, the summary on stderr', async () => {
  const r = await spawnBin(bins.octohookc, ['build', example, '-o', '/dev/stdout']);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\/\/ /);
  assert.ok(r.stdout.trimEnd().endsWith('};') || r.stdout.includes('export default'), 'the module');
  assert.not.match(r.stdout, /-> \/dev\/stdout/);
  assert.match(r.stderr, /-> \/dev\/stdout \(2 hooks\)/);
});

// A preload that throws outside any command, as a bug would: the last-resort guard answers.
const boom = join(dir, 'boom.mjs');
writeFileSync(boom, "setTimeout(() => { throw new Error('boom from a test preload'); }, 200);\n");

t('anything unexpected: one line "PROGRAM: internal error: …", exit 70; the stack only with OCTOHOOK_DEBUG=1', async () => {
  assert.is(internalErrorExit, 70);
  // Each waits (lsp on stdin, the daemon for OctoPrint) long enough for the timer to fire.
  const cases: Array<[string, string[], string]> = [
    [bins.octohookc, ['lsp'], 'octohookc'],
    [bins.octohook, ['run', example, '--octoprint', 'http://127.0.0.1:9', '--state-dir', join(dir, 'state')], 'octohook'],
    [bundle, ['--octoprint', 'http://127.0.0.1:9', '--state-dir', join(dir, 'state-bundle')], 'octohook'],
  ];
  for (const [bin, args, program] of cases) {
    // The example's @env variables are set, so the daemon starts and waits (it refuses to start without them).
    const env = { OCTOPRINT_API_KEY: 'k', OCTOHOOK_DEBUG: undefined, CLIENT_SECRET: 'c', DISCORD_WEBHOOK: '1/d', OCTOHOOK_SECRET: 's' };
    const r = await spawnBin(bin, args, { node: ['--import', boom], env, stdin: null });
    assert.is(r.status, 70, r.stderr);
    assert.match(r.stderr, new RegExp(`(^|\\n)${program}: internal error: boom from a test preload\\n$`));
    assert.not.match(r.stderr, stackTrace);
    const debug = await spawnBin(bin, args, { node: ['--import', boom], env: { ...env, OCTOHOOK_DEBUG: '1' }, stdin: null });
    assert.is(debug.status, 70);
    assert.match(debug.stderr, /internal error: boom from a test preload\nError: boom from a test preload\n\s+at /);
  }
});

t.after(() => rmSync(dir, { recursive: true, force: true }));

t.run();
