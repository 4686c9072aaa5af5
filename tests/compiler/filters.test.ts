import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { emitted as f, evaluateEmitted } from '../support/emitted-functions.js';
import { filters } from '../../compiler/filters/filter-table.js';

const t = suite('filters');

t('round: digits, default 0, null and strings pass through', () => {
  assert.is(f.$round(14.4964, 1), 14.5);
  assert.is(f.$round(14.4964), 14);
  assert.is(f.$round(2.5), 3);
  assert.is(f.$round(null), null);
  assert.is(f.$round(undefined), undefined);
  assert.is(f.$round('x'), 'x');
  assert.ok(Number.isNaN(f.$round(Number.NaN)));
});

t('duration: seconds, minutes, hours, days', () => {
  assert.is(f.$duration(0), '0s');
  assert.is(f.$duration(45), '45s');
  assert.is(f.$duration(307), '5m 07s');
  assert.is(f.$duration(7500), '2h 05m');
  assert.is(f.$duration(97200), '1d 3h');
  assert.is(f.$duration(40.6), '41s');
  assert.is(f.$duration(-5), '0s');
  assert.is(f.$duration(null), null);
});

t('bytes: decimal units', () => {
  assert.is(f.$bytes(0), '0 B');
  assert.is(f.$bytes(999), '999 B');
  assert.is(f.$bytes(242038), '242.0 kB');
  assert.is(f.$bytes(1_500_000), '1.5 MB');
  assert.is(f.$bytes(-2000), '-2.0 kB');
  assert.is(f.$bytes(undefined), undefined);
});

t('upper and lower touch strings only', () => {
  assert.is(f.$upper('Print Done'), 'PRINT DONE');
  assert.is(f.$lower('Print Done'), 'print done');
  assert.is(f.$upper(5), 5);
  assert.is(f.$lower(null), null);
});

t('default replaces missing, null and empty', () => {
  assert.is(f.$default(undefined, 'n/a'), 'n/a');
  assert.is(f.$default(null, 0), 0);
  assert.is(f.$default('', 'x'), 'x');
  assert.is(f.$default(0, 5), 0);
  assert.is(f.$default(false, true), false);
  assert.is(f.$default('a', 'b'), 'a');
});

t('json: JSON text; missing stays missing', () => {
  assert.is(f.$json({ a: [1, null] }), '{"a":[1,null]}');
  assert.is(f.$json('x'), '"x"');
  assert.is(f.$json(null), 'null');
  assert.is(f.$json(undefined), undefined);
});

t('date: epoch seconds to ISO 8601 UTC', () => {
  assert.is(f.$date(1719667200), '2024-06-29T13:20:00Z');
  assert.is(f.$date(1719667476.12), '2024-06-29T13:24:36Z');
  assert.is(f.$date('x'), 'x');
  assert.is(f.$date(1e20), 1e20);
});

t('truncate: by characters, not UTF-16 units, with an ellipsis', () => {
  assert.is(f.$truncate('benchy.gcode', 6), 'bench…');
  assert.is(f.$truncate('short', 10), 'short');
  assert.is(f.$truncate('😀😀😀', 2), '😀…');
  assert.is(f.$truncate(42, 1), 42);
});

t('every filter in the table has a self-contained function named after it', () => {
  for (const spec of Object.values(filters)) {
    // The emitter copies the source text: alone, it must evaluate to the function it names.
    const copy = evaluateEmitted('$' + spec.name);
    assert.type(copy, 'function');
    assert.is(copy.name, '$' + spec.name);
  }
});

t.run();
