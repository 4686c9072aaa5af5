// Every value kind: strings, numbers, durations, sizes, booleans, null, words, parameters,
// objects and arrays.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import type { ArrayNode, ObjectNode, StringNode } from '../../grammar/index.js';
import { parseOhk, show, slice, value } from './helpers.js';

function clean(text: string) {
  const r = value(text);
  assert.equal(r.diagnostics.map(show), [], `no diagnostics for ${text}`);
  assert.ok(r.value, `a value for ${text}`);
  assert.is(slice(r.source, r.value!.range), text, 'the range covers the literal');
  return r.value!;
}

test('strings in either quote, with JSON5 escapes', () => {
  const s = clean(`"a\\"b\\'c\\\\d\\n\\t\\u00e9\\x41\\/\\0"`) as StringNode;
  assert.is(s.kind, 'String');
  assert.is(s.quote, '"');
  assert.is(s.value, `a"b'c\\d\n\té\u0041/\0`);
  assert.equal(s.parts.map((p) => p.kind), ['Text']);
  const single = clean(`'it\\'s "fine"'`) as StringNode;
  assert.is(single.quote, "'");
  assert.is(single.value, `it's "fine"`);
});

test('a line continuation joins lines', () => {
  const r = value('"one \\\ntwo"');
  assert.equal(r.diagnostics, []);
  assert.is((r.value as StringNode).value, 'one two');
  assert.is(r.value!.range.end.line, 2);
  const crlf = value('"one \\\r\ntwo"');
  assert.is((crlf.value as StringNode).value, 'one two');
});

test('an empty string has no parts', () => {
  const s = clean('""') as StringNode;
  assert.is(s.value, '');
  assert.equal(s.parts, []);
});

test('numbers: decimal, negative, exponent, hex, leading dot, plus, trailing dot', () => {
  const cases: Array<[string, number]> = [
    ['42', 42], ['-7', -7], ['3.25', 3.25], ['1e3', 1000], ['2.5E-2', 0.025], ['0x1F', 31], ['-0xff', -255],
    ['.5', 0.5], ['+3', 3], ['5.', 5], ['-.25', -0.25],
  ];
  for (const [raw, n] of cases) {
    const v = clean(raw);
    assert.equal(v, { kind: 'Number', value: n, raw, range: v.range }, raw);
  }
});

test('durations', () => {
  const cases: Array<[string, number]> = [['500ms', 500], ['10s', 10_000], ['5m', 300_000], ['2h', 7_200_000], ['1.5s', 1500], ['0.25h', 900_000]];
  for (const [raw, ms] of cases) {
    const v = clean(raw);
    assert.equal(v, { kind: 'Duration', ms, raw, range: v.range }, raw);
  }
});

test('sizes, with or without blanks', () => {
  for (const raw of ['1640 x 1232', '1640x1232', '1640 x1232', '1640x 1232', '1640\tx\t1232']) {
    const v = clean(raw);
    assert.equal(v, { kind: 'Size', width: 1640, height: 1232, range: v.range }, raw);
  }
});

test('a size does not span lines: the x on the next line is a key', () => {
  const src = 'webcam {\n  fit 1640\n  x 1232\n}';
  const { file, diagnostics } = parseOhk(src);
  assert.equal(diagnostics, []);
  const body = file.items[0].kind === 'Block' ? file.items[0].body : undefined;
  assert.equal(body?.entries.map((e) => e.value?.kind), ['Number', 'Number']);
});

test('bad numeric literals are one error each (OH1006)', () => {
  for (const raw of ['10sec', '1.2.3', '-5s', '0x', '1e5ms', '12abc']) {
    const r = value(raw);
    assert.equal(r.diagnostics.map((d) => d.code), ['OH1006'], raw);
    assert.is(slice(r.source, r.diagnostics[0].range), raw);
    assert.is(r.value?.recovered, true);
  }
});

test('true, false, null and bare words', () => {
  assert.equal(clean('true'), { kind: 'Boolean', value: true, range: value('true').value!.range });
  assert.is(clean('false').kind, 'Boolean');
  assert.is(clean('null').kind, 'Null');
  for (const w of ['POST', 'json', 'token', 'string', 'Content-Type', '$schema', 'hook', 'every', 'on']) {
    assert.equal(clean(w), { kind: 'Word', name: w, range: value(w).value!.range }, w);
  }
});

test('parameters as bare values', () => {
  const p = clean('@job.file.name');
  assert.is(p.kind, 'Param');
  const braced = clean('@{ job.file.name | default("?") }');
  assert.is(braced.kind === 'Param' && braced.braced, true);
});

test('objects: settings style and JSON5 style, one node kind', () => {
  const src = `{ url "x"; method POST, a: 1, "b": [2], 'c d': {e: null}, }`;
  const o = clean(src) as ObjectNode;
  assert.is(o.kind, 'Object');
  assert.equal(o.entries.map((e) => e.colon), [false, false, true, true, true]);
  assert.equal(o.entries.map((e) => (e.key.kind === 'Identifier' ? e.key.name : `"${e.key.value}"`)), ['url', 'method', 'a', '"b"', '"c d"']);
  assert.equal(o.entries.map((e) => e.value?.kind), ['String', 'Word', 'Number', 'Array', 'Object']);
  const source = value(src).source;
  assert.is(slice(source, o.entries[0].range), 'url "x"');
  assert.is(slice(source, o.entries[2].range), 'a: 1');
  assert.is(slice(source, o.entries[4].key.range), "'c d'");
});

test('keywords are keys too', () => {
  const o = clean('{ device: 1, hook: 2, messages: 3, oauth x, on: true, every: 5, null: 0 }') as ObjectNode;
  assert.equal(o.entries.map((e) => (e.key.kind === 'Identifier' ? e.key.name : '')), ['device', 'hook', 'messages', 'oauth', 'on', 'every', 'null']);
});

test('objects may be empty; a value on the next line after a colon is fine', () => {
  assert.equal((clean('{}') as ObjectNode).entries, []);
  const o = clean('{\n  a:\n    1\n  b {\n  }\n}') as ObjectNode;
  assert.equal(o.entries.map((e) => e.value?.kind), ['Number', 'Object']);
});

test('arrays, nested, with trailing commas', () => {
  const a = clean('[1, "two", [3, {four: 4}], @five, 6s, ]') as ArrayNode;
  assert.equal(a.elements.map((e) => e.kind), ['Number', 'String', 'Array', 'Param', 'Duration']);
  assert.equal((clean('[]') as ArrayNode).elements, []);
});

test('semicolons and commas between entries are optional', () => {
  const o = clean('{ a 1 b 2; c 3, d 4 }') as ObjectNode;
  assert.is(o.entries.length, 4);
});

test.run();
