// Hover, go to definition and the outline over the wire, then a clean shutdown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { LspClient, positionOf, testUri } from '../support/lsp-client.js';
import { projectRoot } from '../support/project-root.js';

interface Hover {
  contents: { kind: string; value: string };
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
}
interface Location {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: number;
  range: Location['range'];
  selectionRange: Location['range'];
  children?: DocumentSymbol[];
}

const example = readFileSync(join(projectRoot, 'examples/hooks.ohk'), 'utf8');
const extraHook = `\nhook failures on PrintStarted, PrintDone, PrintFailed {\n  url "https://example.com/x"\n  data { took: @extra.time, why: "@{extra.reason | default('none')}", typo: @job.file.nme }\n}\n`;
const text = example + extraHook;
const uri = testUri('navigation.ohk');
let client: LspClient;

test.before(async () => {
  client = new LspClient();
  await client.initialize({ debounceMs: 5 });
  client.open(uri, text, 1);
  await client.diagnostics(uri, 1);
});

const hover = (needle: string, delta: number, n = 1) => client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, delta, n) });
const definition = (needle: string, delta: number, n = 1) =>
  client.request<Location | Location[] | null>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, needle, delta, n) });

test('hover on @job.file.name: its type and documentation, and the hook triggers it is present for', async () => {
  const h = await hover('file: @job.file.name', 'file: @job.file.'.length + 1);
  assert.ok(h);
  assert.is(h.contents.kind, 'markdown');
  assert.match(h.contents.value, '@job.file.name: string | null');
  assert.match(h.contents.value, 'The file name');
  assert.match(h.contents.value, 'Present for every trigger of this hook (PrintStarted, PrintDone, PrintFailed, PrintPaused, UserActionNeeded, Error, Progress)');
  const line = text.split('\n').findIndex((l) => l.includes('file: @job.file.name'));
  const col = text.split('\n')[line].indexOf('name');
  assert.equal(h.range, { start: { line, character: col }, end: { line, character: col + 4 } }, 'the hovered segment');
});

test('hover on an earlier segment describes the path up to it', async () => {
  const h = await hover('file: @job.file.name', 'file: @j'.length);
  assert.match(h!.contents.value, '@job: JobInfo');
});

test('hover on @extra.time names the triggers whose payload has it and those it is missing from', async () => {
  const h = await hover('@extra.time', '@extra.t'.length);
  assert.match(h!.contents.value, 'Present for PrintDone, PrintFailed; missing for PrintStarted');
  const reason = await hover('extra.reason', 'extra.r'.length);
  assert.match(reason!.contents.value, 'Present for PrintFailed; missing for PrintStarted, PrintDone');
});

test('hover on a filter, a trigger and a setting', async () => {
  const f = await hover('| duration}', 3);
  assert.match(f!.contents.value, 'duration');
  assert.match(f!.contents.value, 'readable duration');
  const t = await hover('PrintPaused', 2);
  assert.match(t!.contents.value, 'Print Paused');
  const method = await hover('  method  POST\n  content json', 3);
  assert.match(method!.contents.value, 'HTTP method');
});

test('hover on a misspelled field says so', async () => {
  const h = await hover('@job.file.nme', '@job.file.n'.length);
  assert.match(h!.contents.value, '`nme` is not a field of `job.file`.');
});

test('no hover on plain text', async () => {
  assert.is(await hover('Prusa MK3S', 2), null);
});

test("go to definition from a hook's 'oauth token' to the oauth block", async () => {
  const loc = (await definition('oauth   token', 'oauth   to'.length)) as Location;
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith('oauth token {'));
  assert.is(loc.uri, uri);
  assert.equal(loc.range, { start: { line, character: 6 }, end: { line, character: 11 } });
});

test('go to definition from @token.access_token: the block, and the field in its returns', async () => {
  const lines = text.split('\n');
  const blockLine = lines.findIndex((l) => l.startsWith('oauth token {'));
  const root = (await definition('@token.access_token', 2)) as Location;
  assert.equal(root.range.start, { line: blockLine, character: 6 });
  const field = (await definition('@token.access_token', '@token.acc'.length)) as Location;
  const returnsLine = lines.findIndex((l) => l.includes('returns { access_token'));
  assert.equal(field.range.start, { line: returnsLine, character: lines[returnsLine].indexOf('access_token') });
  assert.is(await definition('@job.file.name', 2), null);
});

test('document symbols: top-level blocks, the oauth block and the hooks with their triggers', async () => {
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(
    symbols.map((s) => s.name),
    ['device', 'secret', 'octoprint', 'token', 'api', 'discord', 'failures'],
  );
  const api = symbols.find((s) => s.name === 'api')!;
  assert.is(api.detail, 'on PrintStarted, PrintDone, PrintFailed, PrintPaused, UserActionNeeded, Error, Progress every 10%');
  assert.is(api.kind, 12, 'Function');
  assert.equal(api.children?.map((c) => c.name), ['url', 'method', 'content', 'oauth', 'headers', 'data', 'messages']);
  const token = symbols.find((s) => s.name === 'token')!;
  assert.is(token.detail, 'oauth');
  const lines = text.split('\n');
  assert.is(token.selectionRange.start.line, lines.findIndex((l) => l.startsWith('oauth token {')));
});

test('shutdown and exit end the server with code 0', async () => {
  assert.is(await client.stop(), 0);
});

test.run();
