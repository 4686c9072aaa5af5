// The server as an editor sees it: diagnostics published over stdio, debounced, with LSP
// positions, codes and links; the design example is clean; a file broken mid-edit still gets
// both its syntax errors and the checker's errors in the parts that parsed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { LspClient, testUri, type PublishedDiagnostics } from '../support/lsp-client.js';
import { projectRoot } from '../support/project-root.js';

const example = readFileSync(join(projectRoot, 'examples/hooks.ohk'), 'utf8');
let client: LspClient;

test.before(async () => {
  client = new LspClient();
  await client.initialize({ debounceMs: 5 });
});

test.after(async () => {
  await client.stop();
});

const errors = (d: PublishedDiagnostics) => d.diagnostics.filter((x) => x.severity === 1);

test('initialize announces the features and the server', async () => {
  const other = new LspClient();
  try {
    const init = await other.initialize();
    assert.is(init.serverInfo?.name, 'octohookc');
    const caps = init.capabilities;
    assert.is(caps.hoverProvider, true);
    assert.is(caps.definitionProvider, true);
    assert.is(caps.documentSymbolProvider, true);
    assert.equal((caps.completionProvider as { triggerCharacters: string[] }).triggerCharacters, ['@', '.', '|', ',']);
  } finally {
    assert.is(await other.stop(), 0, 'shutdown then exit ends the server with code 0');
  }
});

test('the design example from examples/hooks.ohk publishes no errors', async () => {
  const uri = testUri('example.ohk');
  client.open(uri, example, 1);
  const published = await client.diagnostics(uri, 1);
  assert.equal(errors(published), [], JSON.stringify(published.diagnostics));
  for (const d of published.diagnostics) {
    assert.is(d.source, 'octohook');
    assert.match(String(d.code), /^OH\d{4}$/);
    assert.match(d.codeDescription?.href ?? '', new RegExp(`language\\.md#${String(d.code).toLowerCase()}$`));
  }
});

test('a document broken mid-edit: the checker error in a closed hook and the syntax error at the open brace', async () => {
  const uri = testUri('broken.ohk');
  client.open(uri, example, 1);
  await client.diagnostics(uri, 1);
  // The user misspells a field in one hook, and is typing a new hook whose brace is still open.
  const broken = example.replace('file: @job.file.name,', 'file: @job.file.nme,') + '\nhook wip on PrintDone {\n  url "https://example.com"\n  data { x: @job.';
  client.change(uri, broken, 2);
  const published = await client.diagnostics(uri, 2);
  const lines = broken.split('\n');
  const nmeLine = lines.findIndex((l) => l.includes('@job.file.nme'));
  const oh2101 = published.diagnostics.find((d) => d.code === 'OH2101');
  assert.ok(oh2101, JSON.stringify(published.diagnostics));
  assert.equal(oh2101.range, {
    start: { line: nmeLine, character: lines[nmeLine].indexOf('nme') },
    end: { line: nmeLine, character: lines[nmeLine].indexOf('nme') + 3 },
  });
  assert.is(oh2101.severity, 1);
  assert.match(oh2101.message, "Did you mean 'name'?");
  const syntax = published.diagnostics.filter((d) => String(d.code).startsWith('OH1'));
  assert.ok(syntax.length > 0, 'a syntax error is reported while the brace is open');
  const last = lines.length - 1;
  assert.ok(syntax.every((d) => d.range.start.line === last), 'at the end of the unfinished hook');
  assert.ok(syntax.some((d) => d.code === 'OH1010' && /Expected '}'/.test(d.message)), JSON.stringify(syntax));
});

test('fixing the document clears its errors', async () => {
  const uri = testUri('fixed.ohk');
  client.open(uri, 'hook a on PrintDone {\n  url "https://example.com"\n  data { x: @job.file.nme }\n}\n', 1);
  assert.is(errors(await client.diagnostics(uri, 1)).length, 1);
  client.change(uri, 'hook a on PrintDone {\n  url "https://example.com"\n  data { x: @job.file.name }\n}\n', 2);
  assert.equal(errors(await client.diagnostics(uri, 2)), []);
});

test('diagnostics wait until typing pauses: a burst of changes is checked once', async () => {
  const slow = new LspClient();
  try {
    await slow.initialize({ debounceMs: 120 });
    const uri = testUri('burst.ohk');
    const since = slow.notifications.length;
    slow.open(uri, 'hook a on PrintDone {\n  url "https://example.com"\n}\n', 1);
    for (let v = 2; v <= 6; v++) slow.change(uri, `hook a on PrintDone {\n  url "https://example.com"\n  data { x: @job.fi${'l'.repeat(v)} }\n}\n`, v);
    const published = await slow.diagnostics(uri, 6);
    const all = slow.notifications.slice(since).filter((n) => n.method === 'textDocument/publishDiagnostics');
    assert.equal(all.map((n) => (n.params as PublishedDiagnostics).version), [6], 'only the last version was published');
    assert.ok(published.diagnostics.some((d) => d.code === 'OH2101'));
  } finally {
    await slow.stop();
  }
});

test('closing a document clears its diagnostics', async () => {
  const uri = testUri('closed.ohk');
  client.open(uri, 'hook a on Nope {\n  url "https://example.com"\n}\n', 1);
  assert.ok(errors(await client.diagnostics(uri, 1)).length > 0);
  const since = client.notifications.length;
  client.notify('textDocument/didClose', { textDocument: { uri } });
  const cleared = await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as PublishedDiagnostics).uri === uri, 5000, since);
  assert.equal((cleared.params as PublishedDiagnostics).diagnostics, []);
});

test.run();
