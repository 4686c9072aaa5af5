// Golden fixtures. fixtures/check/NAME.ohk has its expected diagnostics in
// NAME.errors.txt (TypeScript-style: the span underlined); fixtures/emit/NAME.ohk has its
// expected module in NAME.mjs. Regenerate on purpose with UPDATE=1 npm test.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../compiler/compile.js';
import { formatBaseline } from '../../compiler/diagnostics/format-baseline.js';
import { fixturesDir } from '../support/project-root.js';

const update = process.env.UPDATE === '1';

function compare(expectedPath: string, actual: string): void {
  if (update || !existsSync(expectedPath)) {
    if (!update) assert.unreachable(`missing baseline ${expectedPath}: run UPDATE=1 npm test`);
    writeFileSync(expectedPath, actual);
    return;
  }
  assert.fixture(actual, readFileSync(expectedPath, 'utf8'));
}

const checkCases = suite('golden: diagnostics');
const checkDir = join(fixturesDir, 'check');
for (const name of readdirSync(checkDir).filter((f) => f.endsWith('.ohk')).sort()) {
  checkCases(name, () => {
    const bytes = readFileSync(join(checkDir, name));
    const result = compile(bytes, { fileName: name });
    compare(join(checkDir, name.replace(/\.ohk$/, '.errors.txt')), formatBaseline(name, result.source, result.diagnostics));
  });
}
checkCases.run();

const emitCases = suite('golden: emitted modules');
const emitDir = join(fixturesDir, 'emit');
for (const name of readdirSync(emitDir).filter((f) => f.endsWith('.ohk')).sort()) {
  emitCases(name, () => {
    const result = compile(readFileSync(join(emitDir, name)), { fileName: name, emit: true });
    assert.equal(result.diagnostics.filter((d) => d.severity === 'error'), [], 'emit fixtures must be free of errors');
    compare(join(emitDir, name.replace(/\.ohk$/, '.mjs')), result.code ?? '');
  });
}
emitCases.run();
