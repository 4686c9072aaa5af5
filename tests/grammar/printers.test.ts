// Print farms in the grammar: `printer NAME { … }` items and a hook's `from NAME, …` after its
// triggers, with the recovery the other items have.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import type { PrinterDecl } from '../../grammar/ast.js';
import { checkRanges, entry, hooks, parseOhk, show, slice } from './helpers.js';

const farm = [
  'printer mk3 {',
  '  url "http://mk3.local"',
  '  apiKey @env.MK3_KEY',
  '  device "Prusa MK3S #1"',
  '}',
  'printer mini { url "http://mini.local:5000"  apiKey @env.MINI_KEY }',
  'hook discord on PrintDone, PrintFailed { url "https://example.com/d" }',
  'hook lab on Progress every 10% from mk3 {',
  '  url "http://127.0.0.1:8099/lab"',
  '}',
  'hook two on PrintDone from mk3, mini { url "https://example.com/2" }',
].join('\n');

function printers(src: string): PrinterDecl[] {
  return parseOhk(src).file.items.filter((i): i is PrinterDecl => i.kind === 'Printer');
}

test('printer blocks parse like oauth blocks: a name and a settings body', () => {
  const { file, diagnostics } = parseOhk(farm);
  assert.equal(diagnostics.map(show), []);
  checkRanges(farm, file);
  const ps = printers(farm);
  assert.equal(ps.map((p) => p.name?.name), ['mk3', 'mini']);
  assert.is(slice(farm, ps[0].range).split('\n').length, 5);
  assert.is(entry(ps[0].body, 'apiKey')?.value?.kind, 'Param');
  assert.is(entry(ps[1].body, 'url')?.value?.kind, 'String');
});

test("a hook's `from` list follows its triggers; without it a hook has none", () => {
  const hs = hooks(parseOhk(farm).file);
  assert.is(hs[0].from, undefined);
  assert.equal(hs[0].triggers.map((t) => t.name.name), ['PrintDone', 'PrintFailed']);
  assert.equal(hs[1].triggers.map((t) => t.name.name), ['Progress']);
  assert.is(hs[1].triggers[0].every?.value, 10);
  assert.equal(hs[1].from?.names.map((n) => n.name), ['mk3']);
  assert.equal(slice(farm, hs[1].from!.range), 'from mk3');
  assert.equal(hs[2].from?.names.map((n) => n.name), ['mk3', 'mini']);
  assert.not.ok(hs[2].recovered);
});

test('`from` without triggers, keywords as printer names, and `printer`/`from` still usable as keys', () => {
  const src = 'printer status { url "http://a" apiKey @env.K }\nhook a from status { url "https://x", data { printer: 1, from: 2 } }';
  const { file, diagnostics } = parseOhk(src);
  assert.equal(diagnostics.map(show), []);
  assert.equal(printers(src).map((p) => p.name?.name), ['status']);
  const h = hooks(file)[0];
  assert.equal(h.triggers, []);
  assert.equal(h.from?.names.map((n) => n.name), ['status']);
  const data = entry(h.body, 'data')?.value;
  assert.equal(data?.kind === 'Object' ? data.entries.map((e) => (e.key.kind === 'Identifier' ? e.key.name : '')) : [], ['printer', 'from']);
});

test("a missing ',' in the from list is reported and both names kept; an empty from list is an error", () => {
  const a = parseOhk('hook a on PrintDone from mk3 mini { url "https://x" }');
  assert.equal(a.diagnostics.map(show), ["1:30-1:34 OH1010 Expected ',' but found 'mini'."]);
  assert.equal(hooks(a.file)[0].from?.names.map((n) => n.name), ['mk3', 'mini']);
  const b = parseOhk('hook a on PrintDone from { url "https://x" }');
  assert.equal(b.diagnostics.map((d) => d.code), ['OH1010']);
  assert.is(hooks(b.file)[0].name?.name, 'a');
});

test("a stray ',' before from is one error; the from list still reads", () => {
  const { file, diagnostics } = parseOhk('hook a on PrintDone, from mk3 { url "https://x" }');
  assert.equal(diagnostics.map(show), ["1:22-1:26 OH1010 Expected a trigger name but found 'from'."]);
  const h = hooks(file)[0];
  assert.equal(h.triggers.map((t) => t.name.name), ['PrintDone']);
  assert.equal(h.from?.names.map((n) => n.name), ['mk3']);
  assert.is(entry(h.body, 'url')?.value?.kind, 'String');
});

test('a printer block missing its } does not swallow the next printer or hook', () => {
  const src = 'printer a {\n  url "http://a"\nprinter b { url "http://b" apiKey @env.B }\nhook h on PrintDone from b { url "https://x" }';
  const { file, diagnostics } = parseOhk(src);
  assert.equal(diagnostics.map((d) => d.code), ['OH1010']);
  assert.equal(printers(src).map((p) => p.name?.name), ['a', 'b']);
  assert.is(printers(src)[0].body?.recovered, true);
  assert.equal(hooks(file)[0].from?.names.map((n) => n.name), ['b']);
});

test.run();
