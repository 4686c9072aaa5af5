// The helpers compiled conditions call, evaluated from the text the modules carry
// (tests/support/emitted-functions.ts), and a compiled `when` end to end: the null rule,
// and a pattern that passes the check stays fast on a hostile subject.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { moduleFromSource } from '../../compiler/cli/module-from-source.js';
import type { RenderContext } from '../../runtime/compiled-module.js';
import { emitted as h } from '../support/emitted-functions.js';

const t = suite('condition helpers');

t('the null rule: a missing or null operand makes ==, != and ordering false; in [null] matches it', () => {
  for (const missing of [undefined, null]) {
    assert.is(h.$eq(missing, 1), false);
    assert.is(h.$ne(missing, 1), false);
    assert.ok(Number.isNaN(h.$cmp(missing, 1) as number));
    assert.is(h.$in(missing, [1, 2]), false);
    assert.is(h.$in(missing, [1, null]), true);
    assert.is(h.$has(missing, 'a'), false);
    assert.is(h.$m(/a/, missing), false);
  }
  assert.is(h.$eq('1', 1), false, 'no conversions');
  assert.is(h.$ne('a', 'b'), true);
  assert.is(h.$cmp(1, 2), -1);
  assert.is(h.$cmp(2, 2), 0);
  assert.is(h.$has(['a', 'b'], 'b'), true);
  assert.is(h.$has('calibration', 'calib'), true);
  assert.is(h.$has(12, 1), false);
});

t('matches tests at most the first 1024 characters', () => {
  assert.is(h.$m(/^a+$/, 'a'.repeat(1024)), true);
  assert.is(h.$m(/b/, `${'a'.repeat(1024)}b`), false, 'what lies past the bound is not tested');
});

t('a compiled when: reasons name the part that decided; a hostile subject does not hang it', async () => {
  const mod = await moduleFromSource(
    'hook h on PrintDone {\n  when @extra.name matches "^.*a.*b$"\n  when @extra.size < 5MB and @extra.time >= 90s\n  url "https://example.com/h"\n}',
    'h.ohk',
  );
  const when = mod.hooks[0].when!;
  const ctx = (extra: unknown) => ({ extra, env: {} }) as unknown as RenderContext;
  assert.is(when(ctx({ name: 'ab', size: 10, time: 90 })), null);
  assert.is(when(ctx({ name: 'ab', size: 5_000_000, time: 90 })), 'when @extra.size < 5MB');
  assert.is(when(ctx({ name: 'ab', size: 1 })), 'when @extra.time >= 90s', 'a missing operand makes its comparison false');
  const started = performance.now();
  // Quadratic for the engine; unbounded this would take minutes.
  assert.is(when(ctx({ name: 'a'.repeat(2_000_000), size: 1, time: 100 })), 'when @extra.name matches "^.*a.*b$"');
  assert.ok(performance.now() - started < 2000, 'bounded');
});

t.run();
