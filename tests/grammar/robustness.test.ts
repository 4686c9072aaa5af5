// parseOhk must never throw and must stay fast on hostile input. Timings are asserted only
// loosely (a generous bound), to catch quadratic behaviour rather than to benchmark.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { checkRanges, parseOhk } from './helpers.js';

const MB = 1 << 20;

function garbage(n: number): string {
  let x = 12345;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out.push(String.fromCharCode(x & 0xffff));
  }
  return out.join('');
}

const hostile: Record<string, () => string> = {
  'empty': () => '',
  '1 MB of {': () => '{'.repeat(MB),
  '1 MB of }': () => '}'.repeat(MB),
  '100k nested [': () => '['.repeat(100_000),
  '100k nested [ in a hook, closed': () => `hook a on X { data: ${'['.repeat(100_000)}${']'.repeat(100_000)} }`,
  '50k nested objects': () => `hook a on X { data: ${'{a:'.repeat(50_000)}1${'}'.repeat(50_000)} }`,
  'binary garbage': () => garbage(MB),
  'NUL bytes': () => '\0'.repeat(MB),
  'lone surrogates': () => '\ud800x\udc00'.repeat(MB / 3),
  'unterminated string': () => `device "${'a'.repeat(MB)}`,
  'unterminated comment': () => `/*${'a'.repeat(MB)}`,
  'unterminated @{': () => `device @{${'a'.repeat(MB)}`,
  'unterminated @{ in a string': () => `device "@{${'a '.repeat(MB / 2)}`,
  'many @{ in a string': () => `device "${'@{'.repeat(MB / 2)}"`,
  'many lone @ in a string': () => `device "${'@ '.repeat(MB / 2)}"`,
  'many bad escapes': () => `device "${'\\q'.repeat(MB / 2)}"`,
  '1 MB of :': () => `hook a on X { ${':'.repeat(MB)} }`,
  'entries without values': () => `hook a on X { ${'a: : '.repeat(MB / 5)} }`,
  'stray commas': () => `hook a on X { ${','.repeat(MB)} }`,
  'keyword soup': () => 'hook on every oauth { '.repeat(MB / 22),
  'a megabyte of digits': () => `device ${'1'.repeat(MB)}x`,
  'every unfinished thing': () => 'hook a on Progress every 10 % , { data: [ { "x\\',
};

for (const [name, make] of Object.entries(hostile)) {
  test(`never throws: ${name}`, () => {
    const src = make();
    const t0 = performance.now();
    const r = parseOhk(src);
    const ms = performance.now() - t0;
    assert.ok(Array.isArray(r.diagnostics));
    assert.is(r.file.kind, 'File');
    assert.ok(r.diagnostics.length <= 101, `${r.diagnostics.length} diagnostics`);
    assert.ok(r.diagnostics.every((d) => d.code.startsWith('OH1') && d.code !== 'OH1098'), r.diagnostics.map((d) => d.code).join());
    checkRanges(src, r.file);
    for (const d of r.diagnostics) checkRanges(src, d);
    assert.ok(ms < 10_000, `${name} took ${ms.toFixed(0)} ms`);
  });
}

test('nesting deeper than 64 is reported once and the deep value is cut', () => {
  const src = `hook a on X { data: ${'['.repeat(100)}1${']'.repeat(100)} }\nhook b on Y {}`;
  const { file, diagnostics } = parseOhk(src);
  assert.equal(diagnostics.map((d) => d.code), ['OH1013']);
  assert.is(diagnostics[0].message, 'Values are nested more than 64 levels deep.');
  assert.is(diagnostics[0].range.start.offset, 'hook a on X { data: '.length + 63);
  assert.is(file.items.length, 2);
  let v = file.items[0].kind === 'Hook' ? file.items[0].body?.entries[0].value : undefined;
  let depth = 1;
  while (v?.kind === 'Array' && v.elements.length > 0) {
    v = v.elements[0];
    depth++;
  }
  assert.is(depth, 64);
  assert.is(v?.kind === 'Array' && v.recovered, true);
});

test('64 levels are fine', () => {
  const src = `hook a on X { data: ${'['.repeat(63)}${']'.repeat(63)} }`;
  assert.equal(parseOhk(src).diagnostics, []);
});

test('a non-string input is treated as empty rather than throwing', () => {
  const r = parseOhk(undefined as unknown as string);
  assert.equal(r.diagnostics, []);
  assert.equal(r.file.items, []);
});

test('a typical file parses quickly once the parser exists', () => {
  const src = 'hook a on PrintDone, Progress every 25% {\n  url "https://x.example/@job.file.name"\n  data { a: 1, b: [true, null], c: "@{progress.completion | round(1)}%" }\n}\n'.repeat(15);
  parseOhk(src);
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) parseOhk(src);
  const each = (performance.now() - t0) / 20;
  assert.ok(each < 50, `${each.toFixed(2)} ms per parse`);
});

test.run();
