// The settings table is what the checker reads: every range and allowed value it lists is
// the one the checker enforces, and every default it lists is the one a hook gets.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { compile } from '../../compiler/compile.js';
import { defaults, settingsOf, type SettingsBlock, type SettingSpec } from '../../language/settings-table.js';

const wrap: Partial<Record<SettingsBlock, (line: string) => string>> = {
  hook: (l) => `hook a on PrintDone {\n  url "https://example.com"\n  ${l}\n}\n`,
  webcam: (l) => `webcam {\n  ${l}\n}\nhook a on PrintDone {\n  url "https://example.com"\n}\n`,
  snapshot: (l) => `hook a on PrintDone {\n  url "https://example.com"\n  snapshot {\n    ${l}\n  }\n}\n`,
  retry: (l) => `hook a on PrintDone {\n  url "https://example.com"\n  retry {\n    ${l}\n  }\n}\n`,
};

const errors = (text: string) => compile(text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
const ms = (n: number) => `${n}ms`;

function written(spec: SettingSpec): Array<[value: string, ok: boolean]> {
  const r = spec.reader;
  switch (r.kind) {
    case 'duration':
      return [[ms(r.minMs), true], [ms(r.maxMs), true], [ms(r.maxMs + 1), false], ...(r.minMs > 0 ? [[ms(r.minMs - 1), false] as [string, boolean]] : [])];
    case 'number':
      return [[String(r.min), true], [String(r.max), true], [String(r.min - 1), false], [String(r.max + 1), false]];
    case 'size':
      return [[`${r.min} x ${r.max}`, true], [`${r.min - 1} x ${r.max}`, false], [`${r.min} x ${r.max + 1}`, false]];
    case 'word':
    case 'method':
      return [...r.values.map((v): [string, boolean] => [v, true]), ['nonsense', false]];
    case 'choice':
      return [...r.values.map((v): [string, boolean] => [String(v), true]), ['45', false]];
    default:
      return [];
  }
}

for (const block of Object.keys(wrap) as SettingsBlock[]) {
  test(`${block}: the checker enforces the table's ranges and allowed values`, () => {
    let tried = 0;
    for (const spec of settingsOf(block)) {
      for (const [value, ok] of written(spec)) {
        const got = errors(wrap[block]!(`${spec.name} ${value}`));
        if (ok) assert.equal(got, [], `${block}.${spec.name} ${value} is accepted`);
        else assert.ok(got.length > 0, `${block}.${spec.name} ${value} is refused`);
        tried++;
      }
    }
    assert.ok(tried > 0);
  });
}

test("a hook left with no settings but its url gets the table's defaults", () => {
  const hook = compile(wrap.hook!('')).model!.hooks[0];
  assert.is(hook.method, defaults.method);
  assert.is(hook.enabled, defaults.enabled);
  assert.is(hook.timeoutMs, defaults.hookTimeoutMs);
  assert.is(hook.cooldownMs, defaults.cooldownMs);
  assert.equal(hook.retryDelaysMs, [...defaults.retryDelaysMs]);
  assert.equal(hook.snapshot.fit, defaults.snapshot.fit);
  assert.is(hook.snapshot.quality, defaults.snapshot.quality);
  assert.is(hook.snapshot.timeoutMs, defaults.snapshot.timeoutMs);
});

test('every setting has documentation, and each of its completion values is accepted', () => {
  for (const block of ['top', 'hook', 'oauth', 'octoprint', 'webcam', 'snapshot', 'retry'] as SettingsBlock[]) {
    for (const spec of settingsOf(block)) {
      assert.ok(spec.doc.length > 0 && spec.defaultText.length > 0, `${block}.${spec.name}`);
      const w = wrap[block];
      for (const v of w ? spec.values ?? [] : []) assert.equal(errors(w!(`${spec.name} ${v}`)), [], `${block}.${spec.name} ${v}`);
    }
  }
});

test.run();
