// Error recovery: several problems reported in one run, later items still parsed, and
// messages that name tokens the way they are written.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { parser } from '../../grammar/parser.js';
import { entry, hooks, parseOhk, show, slice } from './helpers.js';

test("a missing '}' and a bad top-level token are both reported; later hooks still parse", () => {
  const src = [
    'hook a on PrintDone {',
    '  url "https://a.example"',
    '  data { x: 1',
    '}',
    'hook b on PrintFailed { url "https://b.example" }',
    'url "stray"',
    'hook c on Error { method GET }',
  ].join('\n');
  const { file, diagnostics } = parseOhk(src);
  assert.equal(diagnostics.map(show), [
    "4:2-4:2 OH1010 Expected '}' but found 'hook'.",
    "6:1-6:4 OH1011 Expected 'device', 'secret', 'octoprint', 'webcam', 'messages', 'status', 'oauth', 'printer', 'hook', 'timezone' or 'quiet' but found 'url'.",
  ]);
  const hs = hooks(file);
  assert.equal(hs.map((h) => h.name?.name), ['a', 'b', 'c']);
  assert.is(hs[0].body?.recovered, true);
  assert.is(entry(hs[0].body, 'url')?.value?.kind, 'String');
  assert.not.ok(hs[1].recovered);
  assert.is(entry(hs[2].body, 'method')?.value?.kind, 'Word');
});

test('messages use labels, never token class names', () => {
  const src = 'hook a on X { url "x"\noauth t { url "y" }\nhook b on Y, { }\nwebcam x { }\ndevice\nhook c on Progress every { }';
  const { diagnostics } = parseOhk(src);
  const text = diagnostics.map((d) => d.message).join('\n');
  for (const name of ['RCurly', 'LCurly', 'Name', 'Ident', 'StringLit', 'NumberLit', 'EOF', 'Comma', 'Percent']) {
    assert.not.ok(new RegExp(`\\b${name}\\b`).test(text), `${name} in:\n${text}`);
  }
  assert.equal(diagnostics.map(show), [
    "1:22-1:22 OH1010 Expected '}' but found 'oauth'.",
    "3:14-3:15 OH1010 Expected a trigger name but found '{'.",
    "4:8-4:9 OH1010 Expected '{' but found 'x'.",
    "5:7-5:7 OH1012 Expected a value but found 'hook'.",
    "6:26-6:27 OH1010 Expected a number, as in 'every 10%', but found '{'.",
  ]);
});

test('a missing value is reported where it belongs, without eating the next line', () => {
  const src = 'hook a on X {\n  url\n  method POST\n  data: }';
  const { file, diagnostics } = parseOhk(src);
  assert.equal(diagnostics.map(show), ['2:6-2:6 OH1012 Expected a value but found end of line.', "4:9-4:10 OH1012 Expected a value but found '}'."]);
  const body = hooks(file)[0].body;
  assert.equal(body?.entries.map((e) => [e.key.kind === 'Identifier' && e.key.name, e.value?.kind, e.recovered ?? false]), [
    ['url', undefined, true],
    ['method', 'Word', false],
    ['data', undefined, true],
  ]);
});

test("a missing ',' between triggers keeps both triggers", () => {
  const { file, diagnostics } = parseOhk('hook a on PrintDone PrintFailed, Error {}');
  assert.equal(diagnostics.map(show), ["1:21-1:32 OH1010 Expected ',' but found 'PrintFailed'."]);
  assert.equal(hooks(file)[0].triggers.map((t) => t.name.name), ['PrintDone', 'PrintFailed', 'Error']);
});

test('a stray token before the body is dropped, not turned into a key', () => {
  const { file, diagnostics } = parseOhk('octoprint x { url "u" }');
  assert.equal(diagnostics.map(show), ["1:11-1:12 OH1010 Expected '{' but found 'x'."]);
  const item = file.items[0];
  assert.equal(item.kind === 'Block' && item.body?.entries.map((e) => e.key.kind === 'Identifier' && e.key.name), ['url']);
});

test('stray separators are reported once each', () => {
  const { diagnostics } = parseOhk('hook a on X { a: [1,, 2], , b: 2;; }');
  assert.equal(diagnostics.map(show), [
    "1:21-1:22 OH1010 Expected a value or ']' but found ','.",
    "1:27-1:28 OH1010 Expected a key or '}' but found ','.",
    "1:34-1:35 OH1010 Expected a key or '}' but found ';'.",
  ]);
});

test('junk at the start of the file and after an item', () => {
  const { file, diagnostics } = parseOhk('= 1\n"x" device "d" } ]\nsecret "s"');
  assert.equal(diagnostics.map((d) => d.code), ['OH1002', 'OH1011', 'OH1011']);
  assert.equal(diagnostics.map((d) => d.message.split(' but found ')[1]), [undefined, "'1'.", "'}'."]);
  assert.equal(file.items.map((i) => i.kind), ['Device', 'Secret']);
});

test('hooks without triggers, and without on, still parse (the checker reports them)', () => {
  const { file, diagnostics } = parseOhk('hook a { url "x" }\nhook b on { url "y" }');
  assert.equal(diagnostics, []);
  assert.equal(hooks(file).map((h) => h.triggers.length), [0, 0]);
});

test('a missing hook name is recovered and the name left out', () => {
  const { file, diagnostics } = parseOhk('hook { url "x" }');
  assert.equal(diagnostics.map((d) => d.code), ['OH1010']);
  assert.match(diagnostics[0].message, "Expected a hook name but found '{'.");
  const h = hooks(file)[0];
  assert.is(h.name, undefined);
  assert.is(h.recovered, true);
  assert.is(h.body?.entries.length, 1);
});

test('an unclosed body at the end of the file', () => {
  const src = 'hook a on X {\n  url "x"\n';
  const { file, diagnostics } = parseOhk(src);
  assert.equal(diagnostics.map(show), ["2:10-2:10 OH1010 Expected '}' but found end of file."]);
  const h = hooks(file)[0];
  assert.is(h.body?.recovered, true);
  assert.is(slice(src, h.body!.range), '{\n  url "x"');
});

test('an unclosed array does not swallow the next hook', () => {
  const { file, diagnostics } = parseOhk('hook a on X { data { list: [1, 2 }\nhook b on Y { }');
  assert.equal(diagnostics.map(show), ["1:34-1:35 OH1010 Expected ']' but found '}'.", "1:35-1:35 OH1010 Expected '}' but found 'hook'."]);
  assert.equal(hooks(file).map((h) => h.name?.name), ['a', 'b']);
});

test('an oauth block or hook named like a keyword', () => {
  const { file, diagnostics } = parseOhk('oauth hook { url "x" }\nhook secret on X { oauth hook }');
  assert.equal(diagnostics, []);
  assert.equal(file.items.map((i) => (i.kind === 'OAuth' || i.kind === 'Hook' ? i.name?.name : '')), ['hook', 'secret']);
});

test('errors stop after 100 with OH1099', () => {
  const src = 'hook a on X {\n' + '  a: ,\n'.repeat(300) + '}';
  const { diagnostics } = parseOhk(src);
  assert.is(diagnostics.length, 101);
  assert.is(diagnostics[100].code, 'OH1099');
  assert.is(diagnostics[100].message, 'Too many syntax errors; stopped after 100.');
  assert.ok(diagnostics.slice(0, 100).every((d) => d.code !== 'OH1099'));
});

test("a closer left over by an item's own error is not reported again", () => {
  const { file, diagnostics } = parseOhk('hook a on X { data: [1, 2} }\nhook b on Y {} }');
  assert.equal(diagnostics.map(show), [
    "1:26-1:27 OH1010 Expected ']' but found '}'.",
    "2:16-2:17 OH1011 Expected 'device', 'secret', 'octoprint', 'webcam', 'messages', 'status', 'oauth', 'printer', 'hook', 'timezone' or 'quiet' but found '}'.",
  ]);
  assert.is(file.items.length, 2);
});

test('the safety net: an internal failure becomes OH1098, not an exception', () => {
  const original = parser.parseItem;
  parser.parseItem = () => {
    throw new Error('boom');
  };
  try {
    const { file, diagnostics } = parseOhk('device "x"');
    assert.equal(diagnostics.map((d) => d.code), ['OH1098']);
    assert.match(diagnostics[0].message, 'boom');
    assert.is(file.kind, 'File');
  } finally {
    parser.parseItem = original;
  }
  assert.equal(parseOhk('device "x"').diagnostics, []);
});

test('diagnostics come sorted by position', () => {
  const { diagnostics } = parseOhk('hook a on X { a: } "\n device ~ \n /* ');
  const offsets = diagnostics.map((d) => d.range.start.offset);
  assert.equal(offsets, [...offsets].sort((a, b) => a - b));
  assert.equal(diagnostics.map((d) => d.code), ['OH1012', 'OH1003', 'OH1011', 'OH1012', 'OH1002', 'OH1004']);
});

test.run();
