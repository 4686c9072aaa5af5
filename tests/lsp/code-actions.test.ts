// Quick fixes over the wire: the editor asks for code actions at a diagnostic, applies the
// WorkspaceEdit the server returns, and the re-check no longer reports that diagnostic. Also
// the related places of a diagnostic, published as relatedInformation.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { LspClient, testUri, type PublishedDiagnostics } from '../support/lsp-client.js';

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface TextEdit {
  range: LspRange;
  newText: string;
}
interface CodeAction {
  title: string;
  kind?: string;
  diagnostics?: Array<{ code?: string | number }>;
  edit?: { changes?: Record<string, TextEdit[]> };
}
type LspDiagnostic = PublishedDiagnostics['diagnostics'][number] & { relatedInformation?: Array<{ location: { uri: string; range: LspRange }; message: string }> };

let client: LspClient;
let n = 0;

test.before(async () => {
  client = new LspClient();
  await client.initialize({ debounceMs: 5 });
});

test.after(async () => {
  await client.stop();
});

function offsetOf(text: string, p: { line: number; character: number }): number {
  const lines = text.split('\n');
  return lines.slice(0, p.line).reduce((sum, l) => sum + l.length + 1, 0) + p.character;
}

function apply(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  for (const e of sorted) text = text.slice(0, offsetOf(text, e.range.start)) + e.newText + text.slice(offsetOf(text, e.range.end));
  return text;
}

/** Opens `text`, asks for the quick fixes at its `code` diagnostic, applies the one titled `title`, and returns the re-check. */
async function fix(text: string, code: string, title: string): Promise<{ fixed: string; before: LspDiagnostic[]; after: LspDiagnostic[] }> {
  const uri = testUri(`code-action-${++n}.ohk`);
  client.open(uri, text, 1);
  const before = (await client.diagnostics(uri, 1)).diagnostics as LspDiagnostic[];
  const d = before.find((x) => x.code === code);
  assert.ok(d, `${code} expected, got ${JSON.stringify(before.map((x) => `${x.code} ${x.message}`))}`);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `'${title}' expected among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.is(action.kind, 'quickfix');
  assert.is(action.diagnostics?.[0]?.code, code);
  const fixed = apply(text, action.edit!.changes![uri]);
  client.change(uri, fixed, 2);
  const after = (await client.diagnostics(uri, 2)).diagnostics as LspDiagnostic[];
  return { fixed, before, after };
}

const hook = (body: string, on = 'PrintDone') => `hook h on ${on} {\n  url "https://example.com/hook"\n${body}}\n`;
const codes = (ds: LspDiagnostic[]) => ds.map((d) => d.code);

test('initialize announces quick fixes', async () => {
  const other = new LspClient();
  try {
    const init = await other.initialize();
    assert.equal(init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
  } finally {
    await other.stop();
  }
});

test('a misspelled field: the did-you-mean is applied', async () => {
  const { fixed, after } = await fix(hook('  data { file: @job.file.nme }\n'), 'OH2101', "Change to 'name'");
  assert.ok(fixed.includes('@job.file.name }'), fixed);
  assert.equal(codes(after), []);
});

test('an unknown printer in from: the closest printer name is applied', async () => {
  const text = 'printer mk3 { url "http://mk3.local" apiKey @env.K }\nhook h on PrintDone from mk4 {\n  url "https://example.com/hook"\n}\n';
  const { fixed, after } = await fix(text, 'OH6001', "Change to 'mk3'");
  assert.ok(fixed.includes('on PrintDone from mk3 {'), fixed);
  assert.equal(codes(after), []);
});

test('a trigger under another tool\'s name: the synonym becomes the trigger', async () => {
  const { fixed, after } = await fix(hook('', 'PrintFinished'), 'OH3010', "Change to 'PrintDone'");
  assert.ok(fixed.startsWith('hook h on PrintDone {'), fixed);
  assert.equal(codes(after), []);
});

test('a setting under another tool\'s name: body becomes data', async () => {
  const { fixed, after } = await fix(hook('  body { x: 1 }\n'), 'OH3020', "Change to 'data'");
  assert.ok(fixed.includes('  data { x: 1 }'), fixed);
  assert.equal(codes(after), []);
});

test('a misspelled filter', async () => {
  const { fixed, after } = await fix(hook('  data { f: "@{job.file.name | uper}" }\n'), 'OH2110', "Change to 'upper'");
  assert.ok(fixed.includes('| upper}'), fixed);
  assert.equal(codes(after), []);
});

test('a Jinja placeholder becomes a parameter, braced where a letter follows', async () => {
  const plain = await fix(hook('  data { f: "{{ job.file.name }} done" }\n'), 'OH2180', "Write '@job.file.name'");
  assert.ok(plain.fixed.includes('"@job.file.name done"'), plain.fixed);
  assert.equal(codes(plain.after), []);
  const braced = await fix(hook('  data { f: "{{ job.file.name }}s" }\n'), 'OH2180', "Write '@{job.file.name}'");
  assert.ok(braced.fixed.includes('"@{job.file.name}s"'), braced.fixed);
  assert.equal(codes(braced.after), []);
});

test("a whole object in text: '| json' says it is meant", async () => {
  const { fixed, after } = await fix(hook('  headers { "X-Job": "job @job here" }\n'), 'OH2160', "Add '| json'");
  assert.ok(fixed.includes('"job @{job | json} here"'), fixed);
  assert.equal(codes(after), []);
});

test('a hook without a url gets one, on a line of its own', async () => {
  for (const text of ['hook h on PrintDone {\n  data { x: 1 }\n}\n', 'hook h on PrintDone { method POST }\n', '  hook h on PrintDone {}\n']) {
    const { fixed, after } = await fix(text, 'OH3022', "Add a 'url'");
    assert.match(fixed, /\{\n {2,4}url "https:\/\/example\.invalid\/set-the-url"\n/);
    assert.equal(after.filter((d) => d.severity === 1), [], fixed);
    assert.not.ok(codes(after).includes('OH3022'));
  }
});

test('no quick fix where nothing was suggested', async () => {
  const uri = testUri('code-action-none.ohk');
  const text = hook('  data { file: @job.file.zzzzzzzzzz }\n');
  client.open(uri, text, 1);
  const [d] = (await client.diagnostics(uri, 1)).diagnostics;
  assert.is(d.code, 'OH2101');
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  assert.equal(actions, []);
});

test('a duplicate hook names the first in relatedInformation', async () => {
  const uri = testUri('related.ohk');
  const text = 'hook h on PrintDone {\n  url "https://example.com/a"\n}\n\nhook h on PrintFailed {\n  url "https://example.com/b"\n}\n';
  client.open(uri, text, 1);
  const ds = (await client.diagnostics(uri, 1)).diagnostics as LspDiagnostic[];
  const d = ds.find((x) => x.code === 'OH3001');
  assert.ok(d);
  assert.equal(d.range.start, { line: 4, character: 5 });
  assert.equal(d.relatedInformation, [
    { location: { uri, range: { start: { line: 0, character: 5 }, end: { line: 0, character: 6 } } }, message: "Hook 'h' is first defined here." },
  ]);
});

test('a second @snapshot points at the first', async () => {
  const uri = testUri('related-snapshot.ohk');
  const text = hook('  data { a: @snapshot, b: @snapshot }\n');
  client.open(uri, text, 1);
  const ds = (await client.diagnostics(uri, 1)).diagnostics as LspDiagnostic[];
  const d = ds.find((x) => x.code === 'OH2124');
  assert.ok(d, JSON.stringify(ds));
  assert.is(d.message, "Only one '@snapshot' per hook; the first is on line 3.");
  assert.is(d.relatedInformation?.[0].location.range.start.line, 2);
  assert.is(d.relatedInformation?.[0].message, "The first '@snapshot' is here.");
});

test.run();
