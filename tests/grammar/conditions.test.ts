// Conditions and quiet hours: `when EXPR` and `quiet …` in a hook body, `timezone` and
// `quiet` at the top level, and the literals they bring (10min, 5MB, 23:00-07:00).
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import type { CompareNode, ConditionExpr, LogicNode, QuietNode, TimezoneDecl } from '../../grammar/index.js';
import { checkRanges, entry, hooks, parseOhk, show, slice } from './helpers.js';

function hookOf(body: string) {
  const source = `hook h on PrintDone, PrintFailed {\n${body}\n  url "https://example.com/x"\n}`;
  const r = parseOhk(source);
  checkRanges(source, r.file);
  return { source, hook: hooks(r.file)[0], diagnostics: r.diagnostics.map(show) };
}

/** The condition written back with explicit structure, to prove precedence. */
function shape(e: ConditionExpr | undefined): string {
  if (!e) return '?';
  switch (e.kind) {
    case 'Logic': return `(${e.operands.map(shape).join(` ${e.op} `)})`;
    case 'Not': return `not ${shape(e.operand)}`;
    case 'Group': return `[${shape(e.inner)}]`;
    case 'Compare': return `${shape(e.left)} ${e.op} ${e.right?.kind === 'List' ? `[${e.right.elements.map(shape).join(',')}]` : shape(e.right)}`;
    case 'Param': return '@' + e.segments.map((s) => s.name).join('.');
    case 'String': return JSON.stringify(e.value);
    case 'Number': return String(e.value);
    case 'Duration': return `${e.ms}ms`;
    case 'ByteSize': return `${e.bytes}B`;
    case 'Boolean': return String(e.value);
    case 'Null': return 'null';
  }
}

test('the issue\'s example parses: two when lines, quiet lines, the rest stays settings', () => {
  const { hook, diagnostics, source } = hookOf(
    '  when @job.estimatedPrintTime > 10min and not (@job.file.name matches "^calib")\n' +
      '  when @progress.completion < 100 or @topic == "Print Done"\n' +
      '  quiet 22:00-08:00 except PrintFailed\n' +
      '  quiet off',
  );
  assert.equal(diagnostics, []);
  assert.is(hook.conditions.length, 2);
  assert.is(shape(hook.conditions[0].condition), '(@job.estimatedPrintTime > 600000ms and not [@job.file.name matches "^calib"])');
  assert.is(shape(hook.conditions[1].condition), '(@progress.completion < 100 or @topic == "Print Done")');
  assert.is(slice(source, hook.conditions[1].range), 'when @progress.completion < 100 or @topic == "Print Done"');
  assert.equal(hook.quiet.map((q) => [q.window ? `${q.window.from.hour}-${q.window.to.hour}` : 'off', q.except.map((e) => e.name)]), [['22-8', ['PrintFailed']], ['off', []]]);
  assert.equal(hook.body?.entries.map((e) => (e.key.kind === 'Identifier' ? e.key.name : '')), ['url'], 'when and quiet are not settings');
});

test('precedence: not binds tighter than and, and tighter than or; chains are flat; not not is nothing', () => {
  const { hook } = hookOf('  when @a == 1 or @b == 2 and not @c == 3 or not not @d');
  assert.is(shape(hook.conditions[0].condition), '(@a == 1 or (@b == 2 and not @c == 3) or @d)');
  const long = hookOf(`  when ${Array.from({ length: 2000 }, (_, i) => `@a == ${i}`).join(' and ')}`);
  assert.equal(long.diagnostics, []);
  assert.is((long.hook.conditions[0].condition as LogicNode).operands.length, 2000);
});

test('operators: comparisons, in [list], contains, matches; operands of every kind', () => {
  const { hook, diagnostics } = hookOf('  when @job.file.size <= 5MB and @job.file.origin in ["local", "sdcard"] and @job.file.name contains "x" and @meta.flag != null and @a >= 1.5 and @b == true and @{job.file.name | default("x")} matches "^a"');
  assert.equal(diagnostics, []);
  const ops = (hook.conditions[0].condition as LogicNode).operands.map((o) => (o as CompareNode).op);
  assert.equal(ops, ['<=', 'in', 'contains', '!=', '>=', '==', 'matches']);
  assert.is(shape(hook.conditions[0].condition).includes('@job.file.origin in ["local","sdcard"]'), true);
  const filtered = (hook.conditions[0].condition as LogicNode).operands[6] as CompareNode;
  assert.is(filtered.left.kind === 'Param' && filtered.left.filters[0].name, 'default');
});

test('literals: 10min is a duration everywhere, 5MB and 512KiB are byte sizes, 23:00-07:00 a time range', () => {
  const { hook } = hookOf('  when @a > 10min and @b < 5MB and @c < 512KiB and @d < 1.5kB');
  assert.is(shape(hook.conditions[0].condition), '(@a > 600000ms and @b < 5000000B and @c < 524288B and @d < 1500B)');
  const cooldown = parseOhk('hook h on PrintDone {\n  url "https://example.com/x"\n  cooldown 10min\n}');
  assert.equal(cooldown.diagnostics, []);
  assert.is(entry(hooks(cooldown.file)[0].body, 'cooldown')?.value?.kind, 'Duration');
});

test('top level: timezone and quiet are items; quiet with except takes comma-separated triggers', () => {
  const source = 'timezone "Europe/Berlin"\nquiet 23:00 - 7:30 except PrintFailed, Error\nhook h on PrintDone { url "https://example.com/x" }';
  const { file, diagnostics } = parseOhk(source);
  assert.equal(diagnostics, []);
  assert.equal(file.items.map((i) => i.kind), ['Timezone', 'Quiet', 'Hook']);
  const q = file.items[1] as QuietNode;
  assert.equal([q.window?.from.hour, q.window?.from.minute, q.window?.to.hour, q.window?.to.minute], [23, 0, 7, 30]);
  assert.equal(q.except.map((e) => e.name), ['PrintFailed', 'Error']);
  assert.is(slice(source, q.range), 'quiet 23:00 - 7:30 except PrintFailed, Error');
  assert.is((file.items[0] as TimezoneDecl).value?.kind, 'String');
});

test('outside a hook body, and with a colon, when and quiet are ordinary keys', () => {
  const { hook, diagnostics } = hookOf('  data { when: 1, quiet: "x", in: 2, not: 3 }');
  assert.equal(diagnostics, []);
  assert.is(hook.conditions.length, 0);
  assert.equal(entry(hook.body, 'data')?.value?.kind, 'Object');
});

test('errors are readable and recovery keeps the next setting', () => {
  const missing = hookOf('  when @a >');
  assert.equal(missing.diagnostics, ["3:3-3:6 OH1010 Expected a parameter, a string, a number, a duration, a byte size, true, false or null but found 'url'."]);
  const bare = hookOf('  when');
  assert.equal(bare.diagnostics, ['2:7-2:7 OH1010 Expected a condition but found end of line.']);
  assert.ok(entry(bare.hook.body, 'url'), 'url still parsed');
  const quiet = hookOf('  quiet');
  assert.equal(quiet.diagnostics, ["2:8-2:8 OH1010 Expected 'off' or a time range (23:00-07:00) but found end of line."]);
  assert.ok(entry(quiet.hook.body, 'url'));
  const regex = hookOf('  when @a matches 3');
  assert.equal(regex.diagnostics, ["2:19-2:20 OH1010 Expected a string but found '3'."]);
  const top = parseOhk('quiet 23:00\nhook h on PrintDone { url "https://example.com/x" }');
  assert.equal(top.diagnostics.map(show), ["1:7-1:9 OH1010 Expected 'off' or a time range (23:00-07:00) but found '23'."]);
  assert.is(hooks(top.file).length, 1, 'the next item still parses');
});

test('parentheses nest under the depth limit, like braces', () => {
  const deep = hookOf(`  when ${'('.repeat(100)}@a == 1${')'.repeat(100)}`);
  assert.equal(deep.diagnostics.map((d) => d.split(' ')[1]), ['OH1013']);
  assert.ok(entry(deep.hook.body, 'url'));
});

test.run();
