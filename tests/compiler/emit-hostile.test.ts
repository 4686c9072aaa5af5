// The hostile-strings fixture, compiled and loaded: every string arrives exactly as written
// in the .ohk file, and nothing in it runs or pollutes a prototype.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { moduleFromSource } from '../../compiler/cli/module-from-source.js';
import type { RenderContext } from '../../runtime/compiled-module.js';
import { fixturesDir } from '../support/project-root.js';

const t = suite('emit: hostile strings');

t('round-trip through the emitted module', async () => {
  const mod = await moduleFromSource(readFileSync(join(fixturesDir, 'emit', 'hostile-strings.ohk')), 'hostile-strings.ohk');
  const hook = mod.hooks[0];
  const ctx = { env: {} } as unknown as RenderContext;
  assert.is(hook.url(ctx), 'http://127.0.0.1:8080/h?q=${x}');
  assert.equal(hook.headers(ctx), { 'X-Quote': 'a " b \' c \\ d', 'X-Close': '*/ </script> <!--' });
  const data = hook.data!(ctx);
  assert.is(data.template, '${process.exit(1)} `backtick`');
  assert.is(data.comment, '*/ alert(1) /*');
  assert.is(data.script, '</script><script>alert(1)</script>');
  assert.is(data.separators, 'line\u2028para\u2029end');
  assert.is(data.lone, '\ud800 and \udc00');
  assert.is(data.nul, '\u0000');
  assert.is(data['key with "quotes"'], 1);
  assert.is(data.email, 'me@example.com @literal');
  assert.ok(Object.prototype.hasOwnProperty.call(data, '__proto__'), '__proto__ is an own key');
  assert.is(Object.getPrototypeOf(data), Object.prototype);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

t.run();
