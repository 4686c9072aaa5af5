// Parameters, bare and inside strings, with exact source ranges.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import type { ParamNode, StringNode, TemplatePart } from '../../grammar/index.js';
import { show, slice, value } from './helpers.js';

/** Each part as source text, params as `P(text)`. */
function parts(text: string): { shown: string[]; s: StringNode; source: string; codes: string[] } {
  const r = value(text);
  const s = r.value as StringNode;
  assert.is(s.kind, 'String');
  const shown = s.parts.map((p: TemplatePart) => (p.kind === 'Param' ? `P(${slice(r.source, p.range)})` : slice(r.source, p.range)));
  return { shown, s, source: r.source, codes: r.diagnostics.map((d) => d.code) };
}

function params(s: StringNode): ParamNode[] {
  return s.parts.filter((p): p is ParamNode => p.kind === 'Param');
}

test('a path ends at the first character that cannot continue a name', () => {
  const r = parts('"@progress.completion% and @topic! @job.file.name."');
  assert.equal(r.codes, []);
  assert.equal(r.shown, ['P(@progress.completion)', '% and ', 'P(@topic)', '! ', 'P(@job.file.name)', '.']);
  assert.equal(params(r.s)[2].segments.map((g) => g.name), ['job', 'file', 'name']);
});

test('segments may be all digits', () => {
  const r = parts('"@extra.logs.0/@a.1b"');
  assert.equal(params(r.s).map((p) => p.segments.map((g) => g.name)), [['extra', 'logs', '0'], ['a', '1b']]);
});

test('every segment has its exact range', () => {
  const r = parts('"x @job.file.name"');
  const p = params(r.s)[0];
  assert.equal(p.segments.map((g) => slice(r.source, g.range)), ['job', 'file', 'name']);
  assert.equal(p.segments.map((g) => [g.range.start.column, g.range.end.column]), [[12, 15], [16, 20], [21, 25]]);
  assert.equal([p.range.start.offset, p.range.end.offset], [10, 24]);
});

test('@@ is a literal @, and @ after a letter or digit is literal', () => {
  const r = parts('"me@example.com, @@x, a@@b, 4@y"');
  assert.equal(r.codes, []);
  assert.equal(r.s.parts.length, 1);
  const t = r.s.parts[0];
  assert.is(t.kind === 'Text' && t.text, 'me@example.com, @x, a@b, 4@y');
  assert.is(slice(r.source, t.range), 'me@example.com, @@x, a@@b, 4@y');
  assert.is(r.s.value, 'me@example.com, @@x, a@@b, 4@y', 'value keeps the text as written, escapes resolved');
});

test('an @ that starts nothing is OH1021 and stays text', () => {
  const r = value('"50 @ 10 @"');
  assert.equal(r.diagnostics.map((d) => d.code), ['OH1021', 'OH1021']);
  assert.equal(r.diagnostics.map((d) => slice(r.source, d.range)), ['@', '@']);
  const s = r.value as StringNode;
  assert.equal(s.parts.map((p) => p.kind === 'Text' && p.text), ['50 @ 10 @']);
});

test('@{…} after a letter is still a parameter; text merges around it', () => {
  const r = parts('"v@{version}.x"');
  assert.equal(r.shown, ['v', 'P(@{version})', '.x']);
});

test('braced form: blanks, filters, literal arguments in either quote', () => {
  const r = parts(`"@{ progress.printTimeLeft | duration | default('n/a', \\"x\\", 2, -1.5, true, false, null) | round(2)}!"`);
  assert.equal(r.codes, []);
  const p = params(r.s)[0];
  assert.is(p.braced, true);
  assert.equal(p.segments.map((g) => slice(r.source, g.range)), ['progress', 'printTimeLeft']);
  assert.equal(p.filters.map((f) => f.name), ['duration', 'default', 'round']);
  assert.equal(p.filters.map((f) => slice(r.source, f.nameRange)), ['duration', 'default', 'round']);
  assert.is(slice(r.source, p.filters[1].range), `default('n/a', \\"x\\", 2, -1.5, true, false, null)`);
  const args = p.filters[1].args;
  assert.equal(args.map((a) => a.kind), ['String', 'String', 'Number', 'Number', 'Boolean', 'Boolean', 'Null']);
  assert.equal(args.map((a) => slice(r.source, a.range)), [`'n/a'`, `\\"x\\"`, '2', '-1.5', 'true', 'false', 'null']);
  assert.is((args[1] as StringNode).value, 'x');
  assert.is(r.shown[1], '!');
});

test('ranges inside strings account for escapes before the parameter', () => {
  const r = parts('"\\u00e9\\t@job.name\\n@topic"');
  assert.equal(r.shown, ['\\u00e9\\t', 'P(@job.name)', '\\n', 'P(@topic)']);
  const t = r.s.parts[0];
  assert.is(t.kind === 'Text' && t.text, 'é\t');
});

test('an @ written as an escape is literal', () => {
  const r = parts('"\\u0040topic"');
  assert.equal(r.codes, []);
  assert.equal(r.s.parts.map((p) => p.kind), ['Text']);
});

test('filter arguments must be literals (OH1023)', () => {
  for (const [arg, found] of [['@x.y', '@x.y'], ['foo', 'foo'], ['10s', '10s']]) {
    const r = value(`"@{a | default(${arg})}"`);
    assert.equal(r.diagnostics.map((d) => d.code), ['OH1023'], arg);
    assert.ok(r.diagnostics[0].message.endsWith(`found '${found}'.`), r.diagnostics[0].message);
    assert.is(slice(r.source, r.diagnostics[0].range), found);
    assert.is((r.value as StringNode).parts[0].recovered, true);
  }
});

test('unterminated braced parameter (OH1020), in a string and bare', () => {
  const s = value('"@{a.b | duration left"');
  assert.equal(s.diagnostics.map((d) => d.code), ['OH1020']);
  assert.is(slice(s.source, s.diagnostics[0].range), '@{');
  const p = (s.value as StringNode).parts[0] as ParamNode;
  assert.is(p.recovered, true);
  assert.equal(p.segments.map((g) => g.name), ['a', 'b']);
  const bare = value('@{a.b\nhook x on A {}');
  assert.equal(bare.diagnostics.map((d) => d.code), ['OH1020']);
});

test('malformed braced parameters are OH1022', () => {
  for (const src of ['"@{}"', '"@{ | x}"', '"@{a.}"', '"@{a | }"', '"@{a b}"', '"@{a | f(1 2)}"', '"@{a | f(}"']) {
    const r = value(src);
    assert.equal(r.diagnostics.map((d) => d.code), ['OH1022'], src);
  }
});

test('bare parameters: one token, same reader', () => {
  const r = value('@job.file.name');
  assert.equal(r.diagnostics, []);
  const p = r.value as ParamNode;
  assert.equal(p.segments.map((g) => slice(r.source, g.range)), ['job', 'file', 'name']);
  const b = value('@{job.file.name | default("}")}');
  assert.equal(b.diagnostics.map(show), []);
  const bp = b.value as ParamNode;
  assert.is(slice(b.source, bp.range), '@{job.file.name | default("}")}');
  assert.is((bp.filters[0].args[0] as StringNode).value, '}');
});

test('a bare @ alone is OH1021 and leaves no value', () => {
  const r = value('@');
  assert.equal(r.diagnostics.map((d) => d.code), ['OH1021']);
  assert.is(r.value, undefined);
});

test('a bare path stops before a trailing dot, which is then unexpected', () => {
  const r = value('@job.file.name.');
  assert.equal((r.value as ParamNode).segments.map((g) => g.name), ['job', 'file', 'name']);
  assert.equal(r.diagnostics.map((d) => d.code), ['OH1002']);
  assert.is(slice(r.source, r.diagnostics[0].range), '.');
});

test.run();
