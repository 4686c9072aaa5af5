// The shipped output is the tested output: the golden modules (fixtures/emit/*.mjs) come from
// the unbundled dist/ build (tests/compiler/golden.test.ts); users run bin/octohookc.js, the
// bundled and minified program. Both must emit the same bytes for every fixture, as a module
// (`build X.ohk -o OUT.mjs`) and inside a `--bundle` file, which carries the module as the body
// of __octohookHooks (compiler/cli/write-bundle.ts).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { fixturesDir, projectRoot } from '../support/project-root.js';

const t = suite('emit: the bundled bin writes the golden modules');
const emitDir = join(fixturesDir, 'emit');
const names = readdirSync(emitDir).filter((f) => f.endsWith('.ohk')).sort();
let dir: string;

function octohookc(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(projectRoot, 'bin/octohookc.js'), ...args], { cwd: projectRoot }, (error, stdout, stderr) =>
      resolve({ code: error ? (error as { code?: number }).code ?? 1 : 0, out: stdout + stderr }),
    );
  });
}

/** The hooks module a --bundle file carries, turned back into the module it was made from. */
function embeddedModule(bundle: string): string {
  const start = bundle.lastIndexOf('\nfunction __octohookHooks() {\n');
  const end = bundle.lastIndexOf('\n}\n//# sourceMappingURL=');
  assert.ok(start >= 0 && end > start, 'the bundle ends with the hooks function');
  return bundle.slice(start + '\nfunction __octohookHooks() {\n'.length, end).replace(/^return /m, 'export default ') + '\n';
}

t.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'octohook-emit-bin-'));
});

t.after(async () => {
  await rm(dir, { recursive: true, force: true });
});

t('there are emit fixtures to compare', () => {
  assert.ok(names.length >= 3, `fixtures/emit has ${names.length} .ohk files`);
});

for (const name of names) {
  const golden = join(emitDir, name.replace(/\.ohk$/, '.mjs'));

  t(`${name}: build -o gives the golden module byte for byte`, async () => {
    const out = join(dir, name.replace(/\.ohk$/, '.mjs'));
    const run = await octohookc(['build', join('fixtures/emit', name), '-o', out]);
    assert.is(run.code, 0, run.out);
    const [actual, expected] = await Promise.all([readFile(out), readFile(golden)]);
    if (!actual.equals(expected)) assert.fixture(actual.toString('utf8'), expected.toString('utf8'));
    assert.ok(actual.equals(expected));
  });

  t(`${name}: build --bundle carries the golden module`, async () => {
    const out = join(dir, name.replace(/\.ohk$/, '.bundle.mjs'));
    const run = await octohookc(['build', join('fixtures/emit', name), '--bundle', '-o', out]);
    assert.is(run.code, 0, run.out);
    assert.fixture(embeddedModule(await readFile(out, 'utf8')), await readFile(golden, 'utf8'));
  });
}

t.run();
