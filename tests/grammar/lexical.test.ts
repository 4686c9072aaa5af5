// Lexical matters: positions, line endings, comments, unterminated strings and comments,
// escapes, unexpected characters.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import type { DeviceDecl, StringNode } from '../../grammar/index.js';
import { parseOhk, show, slice, value } from './helpers.js';

test('positions: 1-based line and column, 0-based UTF-16 offset, exclusive end', () => {
  const src = 'device "é😀x"\nsecret 1';
  const { file } = parseOhk(src);
  const secret = file.items[1];
  assert.equal(secret.range.start, { line: 2, column: 1, offset: 14 });
  assert.equal(secret.range.end, { line: 2, column: 9, offset: 22 });
  const device = file.items[0] as DeviceDecl;
  assert.equal(device.value?.range.end, { line: 1, column: 14, offset: 13 });
});

test('CR, LF and CRLF each end one line', () => {
  const src = 'device 1\r\nsecret 2\rwebcam {}\n\r\noctoprint {}';
  const { file, diagnostics } = parseOhk(src);
  assert.equal(diagnostics, []);
  assert.equal(file.items.map((i) => [i.range.start.line, i.range.start.column]), [[1, 1], [2, 1], [3, 1], [5, 1]]);
  assert.equal(file.range.end, { line: 5, column: 13, offset: src.length });
});

test('comments are skipped and their ranges collected', () => {
  const src = '// one\ndevice /* two\n lines */ "x" // three\r\n/**/';
  const { file, diagnostics } = parseOhk(src);
  assert.equal(diagnostics, []);
  assert.equal(file.comments.map((c) => slice(src, c)), ['// one', '/* two\n lines */', '// three', '/**/']);
  assert.is(file.items.length, 1);
});

test('an unterminated comment is OH1004', () => {
  const src = 'device "x"\n/* never closed\nhook a on X {}';
  const { file, diagnostics } = parseOhk(src);
  assert.equal(diagnostics.map(show), ["2:1-2:3 OH1004 Unterminated comment: '/*' has no matching '*/'."]);
  assert.is(slice(src, file.comments[0]), '/* never closed\nhook a on X {}');
});

test('a string must end on its line (OH1003); the next line still parses', () => {
  const src = 'hook a on X {\n  url "https://x\n  method POST\n}';
  const { file, diagnostics } = parseOhk(src);
  assert.equal(diagnostics.map(show), ['2:7-2:17 OH1003 Unterminated string: a string must end on the line it starts.']);
  const h = file.items[0];
  if (h.kind !== 'Hook') return assert.unreachable();
  const url = h.body?.entries[0].value as StringNode;
  assert.is(url.value, 'https://x');
  assert.is(url.recovered, true);
  assert.is(h.body?.entries[1].value?.kind, 'Word');
});

test('an unterminated string at the end of the file', () => {
  const r = value("'abc");
  assert.equal(r.diagnostics.map((d) => d.code), ['OH1003']);
  assert.is((r.value as StringNode).value, 'abc');
});

test('invalid escapes are OH1005 with the sequence; the character is kept', () => {
  const r = value('"a\\qb \\x4g \\u12 \\1"');
  assert.equal(r.diagnostics.map((d) => d.message), [
    "Invalid escape sequence '\\q' in a string.",
    "Invalid escape sequence '\\x4' in a string.",
    "Invalid escape sequence '\\u12' in a string.",
    "Invalid escape sequence '\\1' in a string.",
  ]);
  assert.equal(r.diagnostics.map((d) => slice(r.source, d.range)), ['\\q', '\\x4', '\\u12', '\\1']);
  assert.is((r.value as StringNode).value, 'aqb x4g u12 1');
});

test('unexpected characters are OH1002, one per run', () => {
  const src = 'device = "x" !! ~\nsecret \u0000 "y"';
  const { file, diagnostics } = parseOhk(src);
  assert.equal(diagnostics.map((d) => [d.code, slice(src, d.range)]), [
    ['OH1002', '='], ['OH1002', '!!'], ['OH1002', '~'], ['OH1002', '\u0000'],
  ]);
  assert.is(diagnostics[3].message, "Unexpected character '\\u0000'.");
  assert.equal(file.items.map((i) => i.kind), ['Device', 'Secret']);
});

test('a BOM and Unicode spaces are white space', () => {
  const { file, diagnostics } = parseOhk('\uFEFFdevice\u00A0"x"\u2003');
  assert.equal(diagnostics, []);
  assert.is(file.items.length, 1);
});

test('identifiers: hyphens inside, Unicode letters, keywords by whole word only', () => {
  const { file, diagnostics } = parseOhk('hook hook-a on PrintDone { headers { X-Api-Key: "k", Content-Type: "t" } grüße 1 hooks 2 }');
  assert.equal(diagnostics, []);
  const h = file.items[0];
  if (h.kind !== 'Hook') return assert.unreachable();
  assert.is(h.name?.name, 'hook-a');
  const headers = h.body?.entries[0].value;
  assert.equal(headers?.kind === 'Object' && headers.entries.map((e) => e.key.kind === 'Identifier' && e.key.name), ['X-Api-Key', 'Content-Type']);
  assert.equal(h.body?.entries.slice(1).map((e) => e.key.kind === 'Identifier' && e.key.name), ['grüße', 'hooks']);
});

test('an empty file is an empty file', () => {
  const { file, diagnostics } = parseOhk('');
  assert.equal(diagnostics, []);
  assert.equal(file, { kind: 'File', items: [], comments: [], range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } });
  assert.equal(parseOhk('  \n // only a comment\n').file.items, []);
});

test.run();
