// The language server on `when`, `quiet` and `timezone` lines, over the wire: completion of
// paths, operators and trigger names, hover with types, and quick fixes where a diagnostic
// carries a suggestion.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { LspClient, positionOf, testUri } from '../support/lsp-client.js';

interface Item {
  label: string;
  kind?: number;
  textEdit?: { newText: string };
}
interface Hover {
  contents: { kind: string; value: string };
}
interface TextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}
interface CodeAction {
  title: string;
  edit?: { changes?: Record<string, TextEdit[]> };
}

let client: LspClient;
let n = 0;

test.before(async () => {
  client = new LspClient();
  await client.initialize({ debounceMs: 5 });
});

test.after(async () => {
  await client.stop();
});

const hookWith = (line: string, on = 'PrintDone, PrintFailed') => `hook h on ${on} {\n  url "https://example.com/h"\n  ${line}\n}\n`;

/** Opens `textWithCursor` (cursor at ‸) as a new document and completes there. */
async function complete(textWithCursor: string): Promise<string[]> {
  const at = textWithCursor.indexOf('‸');
  const text = textWithCursor.replace('‸', '');
  const uri = testUri(`conditions-${++n}.ohk`);
  client.open(uri, text, 1);
  const position = positionOf(text.slice(0, at) + '\u0000' + text.slice(at), '\u0000');
  const result = await client.request<{ items: Item[] } | null>('textDocument/completion', { textDocument: { uri }, position });
  return (result?.items ?? []).map((i) => i.label);
}

test('a hook body offers when and quiet next to its settings; the top level offers timezone and quiet', async () => {
  const body = await complete(hookWith('‸'));
  assert.ok(body.includes('when') && body.includes('quiet') && body.includes('method'), body.join(', '));
  const top = await complete(`‸\nhook h on PrintDone { url "https://example.com/h" }\n`);
  assert.ok(top.includes('timezone') && top.includes('quiet') && top.includes('hook'), top.join(', '));
});

test('in a when line: paths after @ and ., operators after an operand, not and literals where an operand starts', async () => {
  const roots = await complete(hookWith('when @‸'));
  assert.ok(roots.includes('job') && roots.includes('progress'), roots.join(', '));
  const fields = await complete(hookWith('when @job.file.‸'));
  assert.ok(fields.includes('name') && fields.includes('size'), fields.join(', '));
  const ops = await complete(hookWith('when @job.file.size ‸'));
  for (const op of ['==', '<', '>=', 'in', 'contains', 'matches', 'and', 'or']) assert.ok(ops.includes(op), `${op} in ${ops.join(', ')}`);
  const start = await complete(hookWith('when @job.file.size > 5MB and ‸'));
  assert.ok(start.includes('not') && start.includes('null') && !start.includes('=='), start.join(', '));
});

test("in a quiet line: off or a window, then except, then the hook's trigger names", async () => {
  const first = await complete(hookWith('quiet ‸'));
  assert.ok(first.includes('off'), first.join(', '));
  const except = await complete(hookWith('quiet 23:00-07:00 ‸'));
  assert.equal(except, ['except']);
  const triggers = await complete(hookWith('quiet 23:00-07:00 except ‸'));
  assert.equal(triggers.sort(), ['PrintDone', 'PrintFailed']);
  const more = await complete(hookWith('quiet 23:00-07:00 except PrintFailed, ‸'));
  assert.equal(more, ['PrintDone'], 'a listed trigger is not offered again');
  const top = await complete(`quiet 23:00-07:00 except ‸\nhook h on PrintDone { url "https://example.com/h" }\n`);
  assert.ok(top.includes('PrintFailed') && top.includes('Error'), 'the top level offers every trigger');
});

test('hover on a path in a condition: its type, and what a missing value does there', async () => {
  const text = hookWith('when @job.file.size > 5MB and @job.averagePrintTime > 10min');
  const uri = testUri(`conditions-${++n}.ohk`);
  client.open(uri, text, 1);
  await client.diagnostics(uri, 1);
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '@job.file.size', '@job.file.s'.length) });
  assert.ok(h, 'a hover');
  assert.match(h.contents.value, /@job\.file\.size: number \| null/);
  const avg = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '@job.averagePrintTime', '@job.a'.length) });
  assert.match(avg?.contents.value ?? '', /@job\.averagePrintTime: number \| null[\s\S]*a comparison with it is then false/);
  const q = hookWith('quiet 23:00-07:00 except PrintFailed');
  const quri = testUri(`conditions-${++n}.ohk`);
  client.open(quri, q, 1);
  await client.diagnostics(quri, 1);
  const t = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: quri }, position: positionOf(q, 'PrintFailed', 2, 2) });
  assert.match(t?.contents.value ?? '', /except PrintFailed[\s\S]*inside the quiet hours/);
});

/** The quick fix titled `title` at the `code` diagnostic, applied to `text`. */
async function fix(text: string, code: string, title: string): Promise<{ fixed: string; after: string[] }> {
  const uri = testUri(`conditions-${++n}.ohk`);
  client.open(uri, text, 1);
  const before = (await client.diagnostics(uri, 1)).diagnostics;
  const d = before.find((x) => x.code === code);
  assert.ok(d, `${code} expected, got ${JSON.stringify(before.map((x) => x.code))}`);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `'${title}' among ${JSON.stringify(actions.map((a) => a.title))}`);
  const edit = action.edit!.changes![uri][0];
  const lines = text.split('\n');
  const line = lines[edit.range.start.line];
  lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
  const fixed = lines.join('\n');
  client.change(uri, fixed, 2);
  const after = (await client.diagnostics(uri, 2)).diagnostics.map((x) => String(x.code));
  return { fixed, after };
}

test('quick fixes: a misspelled except trigger, a time zone, a plain number of seconds', async () => {
  const t1 = await fix(hookWith('quiet 23:00-07:00 except PrintFaild'), 'OH3010', "Change to 'PrintFailed'");
  assert.ok(t1.fixed.includes('except PrintFailed\n'), t1.fixed);
  assert.equal(t1.after, []);
  const t2 = await fix(`timezone "Europe/Berln"\n${hookWith('quiet off')}`, 'OH5030', "Change to 'Europe/Berlin'");
  assert.ok(t2.fixed.startsWith('timezone "Europe/Berlin"\n'), t2.fixed);
  assert.equal(t2.after, []);
  const t3 = await fix(hookWith('when @job.estimatedPrintTime > 600'), 'OH5004', "Write '600s'");
  assert.ok(t3.fixed.includes('> 600s\n'), t3.fixed);
  assert.equal(t3.after, []);
});

test.run();
