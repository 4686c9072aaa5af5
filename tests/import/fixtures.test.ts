// Each settings file in fixtures/import imports to the .ohk beside it (UPDATE=1 rewrites them,
// on purpose only), the result checks clean with only meaningful warnings, and no secret value
// from the settings reaches the file.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../compiler/compile.js';
import { importPluginSettings } from '../../compiler/import/import-settings.js';
import { fixturesDir } from '../support/project-root.js';

const t = suite('import: fixtures');
const dir = join(fixturesDir, 'import');
const inputs = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

/** Warnings that say something true about an imported file: a disabled hook, a field some triggers lack. */
const meaningful = new Set(['OH3070', 'OH2103', 'OH2170']);

t('there are fixtures of both settings forms', () => {
  const texts = inputs.map((f) => readFileSync(join(dir, f), 'utf8'));
  assert.ok(texts.some((x) => /^\s+hooks:/m.test(x) || /^hooks:/m.test(x)), 'a hooks list');
  assert.ok(inputs.some((f) => f.startsWith('flat-v1')), 'the flat version-1 keys');
  assert.ok(texts.some((x) => /^plugins:/m.test(x)) && texts.some((x) => !/^plugins:/m.test(x)), 'a whole config.yaml and a bare section');
});

for (const input of inputs) {
  const expectedPath = join(dir, input.replace(/(\.config)?\.yaml$/, '.ohk'));
  const result = importPluginSettings(readFileSync(join(dir, input), 'utf8'), { sourceName: input });

  t(`${input} imports to ${input.replace(/(\.config)?\.yaml$/, '.ohk')}`, () => {
    if (process.env.UPDATE === '1' || !existsSync(expectedPath)) writeFileSync(expectedPath, result.text);
    assert.fixture(result.text, readFileSync(expectedPath, 'utf8'));
  });

  t(`${input}: the result checks clean`, () => {
    const d = compile(result.text, { fileName: 'imported.ohk' }).diagnostics;
    assert.equal(d.filter((x) => x.severity === 'error').map((x) => `${x.range.start.line}: ${x.code} ${x.message}`), []);
    assert.equal(d.filter((x) => x.severity !== 'error' && !meaningful.has(x.code)).map((x) => `${x.range.start.line}: ${x.code} ${x.message}`), []);
  });

  t(`${input}: secrets are read from @env, never written into the file`, () => {
    for (const v of result.env) {
      assert.ok(!result.text.includes(v.value), `${v.name}'s value is in the output`);
      assert.ok(result.text.includes(`@env.${v.name}`) || result.text.includes(`@{env.${v.name}}`), `${v.name} is used`);
      assert.ok(result.text.includes(`//   ${v.name}`), `${v.name} is listed at the top`);
    }
  });
}

t.run();
