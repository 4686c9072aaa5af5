// The project's test runner: tests/support/suite-runner.ts keeps uvu's semantics for the shapes
// the suites use (only, skip, hooks and their order), reports what uvu would swallow, and
// dist/tests/run.js ends with the plain totals line and a non-zero exit on a failure or an
// empty run. Test files import the runner, never uvu's own (whose totals run.js cannot see).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import { suite, takeQueued, type SuiteResult } from './support/suite-runner.js';
import { projectRoot } from './support/project-root.js';

const t = suite('test runner');

async function runNow(s: { run(): void }): Promise<SuiteResult & { output: string }> {
  s.run();
  const queued = takeQueued();
  assert.is(queued.length, 1);
  let output = '';
  const result = await queued[0].execute((text) => void (output += text));
  return { ...result, output };
}

t('test.only runs only those tests; the others and test.skip count as skipped', async () => {
  const ran: string[] = [];
  const s = suite('inner');
  s('a', () => void ran.push('a'));
  s.only('b', () => void ran.push('b'));
  s.skip('c', () => void ran.push('c'));
  s('d', () => void ran.push('d'));
  s.only('e', () => void ran.push('e'));
  const r = await runNow(s);
  assert.equal(ran, ['b', 'e']);
  assert.equal([r.passed, r.failed, r.skipped], [2, 0, 3]);
  assert.match(r.output, '(2 / 2)');
});

t('hooks run in uvu order, after.each also after a failing test, and run() starts a fresh plan', async () => {
  const calls: string[] = [];
  const s = suite('inner');
  s.before(() => void calls.push('before'));
  s.before.each(() => void calls.push('each+'));
  s.after.each(() => void calls.push('each-'));
  s.after(() => void calls.push('after'));
  s('passes', () => void calls.push('passes'));
  s('fails', () => {
    calls.push('fails');
    assert.is(1 + 1, 3, 'arithmetic broke');
  });
  const r = await runNow(s);
  assert.equal(calls, ['before', 'each+', 'passes', 'each-', 'each+', 'fails', 'each-', 'after']);
  assert.equal([r.passed, r.failed, r.skipped], [1, 1, 0]);
  assert.is(r.failures.length, 1);
  assert.match(r.failures[0], '[inner] "fails"');
  assert.match(r.failures[0], 'arithmetic broke');
  assert.match(r.output, '(1 / 2)');

  const again = await runNow(s);
  assert.equal([again.passed, again.failed], [0, 0], 'the second run has no tests left from the first');
});

t('a throwing before hook fails every test it kept from running; the after hook still runs', async () => {
  let cleaned = false;
  const s = suite('inner');
  s.before(() => {
    throw new Error('no server');
  });
  s.after(() => void (cleaned = true));
  s('one', () => {});
  s('two', () => {});
  const r = await runNow(s);
  assert.equal([r.passed, r.failed], [0, 2]);
  assert.ok(cleaned);
  assert.match(r.failures.join('\n'), 'no server');
});

t('a throwing after hook or after.each is a failure, not swallowed', async () => {
  const s = suite('inner');
  s.after(() => {
    throw new Error('cleanup failed');
  });
  s('one', () => {});
  const r = await runNow(s);
  assert.equal([r.passed, r.failed], [1, 1]);
  assert.match(r.failures[0], 'cleanup failed');

  const e = suite('inner');
  e.after.each(() => {
    throw new Error('each cleanup failed');
  });
  e('one', () => {});
  const re = await runNow(e);
  assert.equal([re.passed, re.failed], [0, 1]);
  assert.match(re.failures[0], 'each cleanup failed');
});

t('the default suite and suite state reach the handlers', async () => {
  const s = suite('with state', { port: 8080 });
  let seen = 0;
  s('reads state', (state) => void (seen = state.port));
  const r = await runNow(s);
  assert.is(r.passed, 1);
  assert.is(seen, 8080);
});

// run.js and the runner need nothing but Node, so a copy of them in a scratch folder can run a
// test file that fails on purpose without it ever being part of the project's own run.
function scratchRun(files: Record<string, string>, filter?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'octohook-runner-'));
  try {
    const here = dirname(fileURLToPath(import.meta.url));
    mkdirSync(join(dir, 'support'));
    copyFileSync(join(here, 'run.js'), join(dir, 'run.js'));
    copyFileSync(join(here, 'support/suite-runner.js'), join(dir, 'support/suite-runner.js'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const r = spawnSync(process.execPath, [join(dir, 'run.js'), ...(filter ? [filter] : [])], { encoding: 'utf8' });
    return { status: r.status, lines: r.stdout.trim().split('\n'), stdout: r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

t('run.js ends with the plain totals line and exits 1 when a test fails', () => {
  const r = scratchRun({
    'a.test.js': `import { test } from './support/suite-runner.js';
test('passes', () => {});
test('fails', () => { throw new Error('on purpose'); });
test.skip('later');
test.run();`,
    'b.test.js': `import { suite } from './support/suite-runner.js';
const t = suite('second file');
t('passes too', () => {});
t.run();`,
  });
  assert.is(r.lines.at(-1), '2 passed, 1 failed, 1 skipped');
  assert.is(r.status, 1);
  assert.match(r.stdout, 'a.test.js');
  assert.match(r.stdout, 'FAIL "fails"');
  assert.match(r.stdout, 'on purpose');
});

t('run.js exits 0 when all pass and 1 when the filter matches no test', () => {
  const files = { 'a.test.js': `import { test } from './support/suite-runner.js';\ntest('passes', () => {});\ntest.run();` };
  const ok = scratchRun(files);
  assert.is(ok.lines.at(-1), '1 passed, 0 failed');
  assert.is(ok.status, 0);
  const none = scratchRun(files, 'no-such-file');
  assert.is(none.lines.at(-1), '0 passed, 0 failed');
  assert.is(none.status, 1);
});

t('test files take test and suite from the project runner, not from uvu', () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts') && /from ['"]uvu['"]/.test(readFileSync(p, 'utf8'))) offenders.push(p.slice(projectRoot.length + 1));
    }
  };
  walk(join(projectRoot, 'tests'));
  assert.equal(offenders, [], `import { test, suite } from tests/support/suite-runner.js instead of 'uvu' in: ${offenders.join(', ')}`);
});

t.run();
