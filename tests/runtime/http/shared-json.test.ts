// stringifyShared: the same text as JSON.stringify, with a shared object's text made once.
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { SharedJson, stringifyShared } from '../../../runtime/http/shared-json.js';
import { fieldText, jsonEncode } from '../../../runtime/http/encode-body.js';
import { PrinterState } from '../../../runtime/printer-state.js';

const t = suite('http: shared JSON text');

t('the same text as JSON.stringify, shared or not', () => {
  const state = { text: 'Printing', flags: { printing: true, ready: false }, error: '', 'ü "q"\n': [1, -0, 1.5e300, NaN, Infinity] };
  const job = { file: { name: 'cube.gcode', path: null, size: 11911 }, filament: { tool0: { length: 160, volume: 0 } } };
  const cases: unknown[] = [
    { a: 1, b: undefined, c: () => 1, d: Symbol('s'), e: [undefined, () => 1, null], f: new Date(0), g: { toJSON: () => 'x' }, 2: 'two', 1: 'one' },
    { state, job, nested: { again: state, list: [job, state] } },
    [state, 'x', 3, true, null],
    'text',
    42,
    null,
    Object.create(null),
  ];
  const none = new SharedJson();
  for (const c of cases) assert.is(stringifyShared(c, [none]), JSON.stringify(c), 'nothing shared');
  const view = new SharedJson();
  const firing = new SharedJson();
  view.share(state);
  firing.share(job);
  for (const c of cases) {
    assert.is(stringifyShared(c, [view, firing]), JSON.stringify(c), 'shared, first encoding');
    assert.is(stringifyShared(c, [view, firing]), JSON.stringify(c), 'shared, from the cache');
  }
  assert.is(stringifyShared(undefined, [view]), undefined);
  assert.is(jsonEncode({ state, job }, [view]), JSON.stringify({ state, job }));
  assert.is(fieldText(state, [view]), JSON.stringify(state));
});

t('a shared object is encoded once, however many hooks and firings send it', () => {
  let reads = 0;
  const progress = {
    get completion() {
      reads++;
      return 42.5;
    },
  };
  const shared = new SharedJson();
  shared.share(progress);
  const texts = [1, 2, 3, 4, 5].map((hook) => stringifyShared({ hook, progress, again: { progress } }, [shared]));
  // The first request in one native call (it holds `progress` twice), then its text is made once for the four others.
  assert.is(reads, 3);
  assert.is(texts[4], '{"hook":5,"progress":{"completion":42.5},"again":{"progress":{"completion":42.5}}}');
  const elsewhere = new SharedJson();
  elsewhere.reuse = true;
  stringifyShared({ progress }, [elsewhere]);
  assert.is(reads, 4, 'not shared there: encoded again');
});

t("each `current` gives the printer's objects a SharedJson of their own", () => {
  const printer = new PrinterState();
  const state = { text: 'Printing', flags: {}, error: '' } as never;
  printer.update({ state });
  const first = printer.current.json!;
  assert.is(first.textOf(state as object), JSON.stringify(state));
  printer.update({ state: { text: 'Paused', flags: {}, error: '' } as never });
  assert.is.not(printer.current.json, first);
  assert.is(printer.current.json!.textOf(state as object), undefined, 'the old state is not part of the new view');
});

t('a BigInt still throws (jsonEncode then falls back to its string form)', () => {
  const shared = new SharedJson();
  assert.throws(() => stringifyShared({ n: 1n }, [shared]));
  assert.is(jsonEncode({ n: 1n }, [shared]), '{"n":"1"}');
});

t.run();
