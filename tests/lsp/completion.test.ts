// Completion over the wire, on documents as they are mid-edit: parameter roots and fields,
// `@extra` fields from the hook's triggers, filters, triggers, settings and their values.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { LspClient, positionOf, testUri } from '../support/lsp-client.js';
import { projectRoot } from '../support/project-root.js';

interface Item {
  label: string;
  kind?: number;
  detail?: string;
  documentation?: { kind: string; value: string };
  textEdit?: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
}

const example = readFileSync(join(projectRoot, 'examples/hooks.ohk'), 'utf8');
let client: LspClient;
let version = 1;
const uri = testUri('completion.ohk');

test.before(async () => {
  client = new LspClient();
  await client.initialize({ debounceMs: 5 });
  client.open(uri, example, version);
});

test.after(async () => {
  await client.stop();
});

/** Sets the document to `text` and completes where `marker` (`‸`) stands, as an editor would right after typing. */
async function complete(textWithCursor: string): Promise<Item[]> {
  const at = textWithCursor.indexOf('‸');
  assert.ok(at >= 0, 'the test text marks the cursor with ‸');
  const text = textWithCursor.replace('‸', '');
  client.change(uri, text, ++version);
  const position = positionOf(text.slice(0, at) + '\u0000' + text.slice(at), '\u0000');
  const result = await client.request<{ items: Item[] } | null>('textDocument/completion', { textDocument: { uri }, position });
  return result?.items ?? [];
}

const labels = (items: Item[]) => items.map((i) => i.label);
const find = (items: Item[], label: string) => {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `'${label}' is offered among ${labels(items).join(', ')}`);
  return item;
};

/** The design example with a hook being typed at its end: its brace, and the file, are still open. */
const typing = (hookHead: string, body: string) => `${example}\n${hookHead} {\n  url "https://example.com/@deviceIdentifier"\n${body}`;

test('after @ in a hook: the roots valid there, extra from its triggers, no oauth it does not use', async () => {
  const items = await complete(typing('hook wip on PrintDone, PrintFailed', '  data { x: @‸'));
  const names = labels(items);
  for (const root of ['job', 'progress', 'state', 'extra', 'topic', 'message', 'deviceIdentifier', 'env', 'snapshot']) assert.ok(names.includes(root), `${root} in ${names}`);
  assert.not.ok(names.includes('token'), 'the oauth block is offered only to hooks that use it');
  assert.not.ok(names.includes('percentCompleteMilestone'), 'no Progress trigger: the milestone is always 0 here');
  const job = find(items, 'job');
  assert.is(job.detail, 'JobInfo');
  assert.match(job.documentation?.value ?? '', 'The current job');
  const edit = job.textEdit!;
  assert.equal(edit.range.start, edit.range.end, 'nothing typed after @ yet: insert at the cursor');
});

test('after @ in a hook that uses an oauth block, its name is a root', async () => {
  const items = await complete(typing('hook wip on Progress every 25%', '  oauth token\n  headers { Authorization: "Bearer @‸'));
  const names = labels(items);
  assert.ok(names.includes('token'), names.join(', '));
  assert.ok(names.includes('percentCompleteMilestone'));
  assert.not.ok(names.includes('snapshot'), '@snapshot cannot stand inside text');
  assert.match(find(items, 'token').documentation?.value ?? '', 'access_token: string');
});

test('after @ in an oauth block only @env is offered', async () => {
  const text = example.replace('client_secret: @env.CLIENT_SECRET', 'client_secret: @‸');
  assert.equal(labels(await complete(text)), ['env']);
});

test('after @env. the environment names the file uses', async () => {
  const items = await complete(typing('hook wip on PrintDone', '  secret @env.‸'));
  const names = labels(items);
  for (const n of ['OCTOHOOK_SECRET', 'OCTOPRINT_API_KEY', 'CLIENT_SECRET', 'DISCORD_WEBHOOK']) assert.ok(names.includes(n), names.join(', '));
});

test('after @job. on a broken document: the schema fields with their types and docs', async () => {
  const items = await complete(typing('hook wip on PrintDone', '  data { x: @job.‸'));
  const names = labels(items);
  for (const f of ['file', 'estimatedPrintTime', 'filament', 'user']) assert.ok(names.includes(f), names.join(', '));
  const file = find(items, 'file');
  assert.is(file.detail, 'JobFile');
  assert.ok(file.documentation && file.documentation.value.length > 0);
  assert.is(file.kind, 5, 'Field');
});

test('deeper: @job.file.na completes to name, replacing what was typed', async () => {
  const items = await complete(typing('hook wip on PrintDone', '  data { x: "@job.file.na‸'));
  const name = find(items, 'name');
  assert.match(name.detail ?? '', 'string');
  assert.match(name.documentation?.value ?? '', 'file name');
  const r = name.textEdit!.range;
  assert.is(r.end.character - r.start.character, 2, 'replaces "na"');
});

test("after @extra. the union of the hook's triggers' payload fields, with where each is missing", async () => {
  const items = await complete(typing('hook wip on PrintDone, PrintFailed', '  data { x: @extra.‸'));
  const names = labels(items);
  for (const f of ['name', 'path', 'origin', 'time', 'reason']) assert.ok(names.includes(f), names.join(', '));
  const reason = find(items, 'reason');
  assert.match(reason.documentation?.value ?? '', 'Present for PrintFailed; missing for PrintDone');
  const name = find(items, 'name');
  assert.not.match(name.documentation?.value ?? '', 'missing for');
});

test('after @extra. of a Progress hook: the synthesized payload', async () => {
  const items = await complete(typing('hook wip on Progress every 10%', '  data { x: @extra.‸'));
  assert.equal(labels(items).sort(), ['completion', 'milestone']);
});

test('after | in @{…}: the filters with their signatures', async () => {
  const items = await complete(typing('hook wip on PrintDone', '  data { left: "@{progress.printTimeLeft | ‸'));
  const names = labels(items);
  for (const f of ['round', 'duration', 'bytes', 'upper', 'lower', 'default', 'json', 'date', 'truncate']) assert.ok(names.includes(f), names.join(', '));
  assert.match(find(items, 'truncate').detail ?? '', 'truncate(length)');
  assert.match(find(items, 'duration').documentation?.value ?? '', 'readable duration');
  const partial = await complete(typing('hook wip on PrintDone', '  data { left: "@{progress.printTimeLeft | round(1) | dur‸'));
  assert.ok(labels(partial).includes('duration'));
});

test('inside @{ the path completes like a bare parameter', async () => {
  const items = await complete(typing('hook wip on PrintDone', '  data { left: "@{progress.‸'));
  assert.ok(labels(items).includes('printTimeLeft'), labels(items).join(', '));
});

test("after 'on' and after ',' in a hook header: triggers with the event docs", async () => {
  const afterOn = await complete(`${example}\nhook wip on ‸`);
  const names = labels(afterOn);
  for (const t of ['PrintStarted', 'PrintDone', 'PrintFailed', 'PrintPaused', 'UserActionNeeded', 'Error', 'Progress', 'PrintResumed', 'ZChange']) {
    assert.ok(names.includes(t), `${t} offered`);
  }
  assert.match(find(afterOn, 'PrintDone').documentation?.value ?? '', 'A print finished');
  assert.is(find(afterOn, 'Progress').textEdit?.newText, 'Progress every 10%');
  const afterComma = await complete(`${example}\nhook wip on PrintDone, Print‸`);
  const again = labels(afterComma);
  assert.ok(again.includes('PrintFailed'));
  assert.not.ok(again.includes('PrintDone'), 'a trigger already listed is not offered again');
  assert.is(find(afterComma, 'PrintFailed').textEdit?.range.end.character! - find(afterComma, 'PrintFailed').textEdit?.range.start.character!, 5);
});

test('inside a hook block: its settings, without those already written', async () => {
  const items = await complete(typing('hook wip on PrintDone', '  me‸'));
  const names = labels(items);
  for (const s of ['method', 'content', 'headers', 'data', 'oauth', 'messages', 'enabled', 'timeout', 'cooldown', 'snapshot']) assert.ok(names.includes(s), names.join(', '));
  assert.not.ok(names.includes('url'), 'url is already set');
  assert.match(find(items, 'cooldown').documentation?.value ?? '', 'repeat');
});

test('settings of oauth, octoprint, webcam and a hook snapshot block', async () => {
  const oauth = labels(await complete(example.replace('  returns {', '  ‸\n  returns {')));
  assert.equal(oauth.sort(), ['headers']);
  const octoprint = labels(await complete(example.replace('  apikey @env.OCTOPRINT_API_KEY', '  ‸')));
  assert.equal(octoprint, ['apikey']);
  const webcam = labels(await complete(`webcam {\n  ‸\n}\n${example}`));
  assert.equal(webcam.sort(), ['fit', 'flip', 'quality', 'rotate', 'snapshot', 'timeout']);
  const snapshot = labels(await complete(typing('hook wip on PrintDone', '  snapshot {\n    fit 640 x 480\n    ‸')));
  assert.equal(snapshot.sort(), ['flip', 'quality', 'rotate', 'timeout', 'url']);
});

test('setting values: oauth block names after oauth, methods after method', async () => {
  const oauth = await complete(typing('hook wip on PrintDone', '  oauth ‸'));
  assert.equal(labels(oauth), ['token']);
  assert.match(oauth[0].documentation?.value ?? '', '@token.access_token');
  assert.equal(labels(await complete(typing('hook wip on PrintDone', '  method P‸'))), ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
});

test("message keys are the hook's triggers; a message's @extra is its trigger's payload", async () => {
  const keys = await complete(typing('hook wip on PrintDone, PrintFailed', '  messages {\n    ‸'));
  assert.equal(labels(keys).sort(), ['PrintDone', 'PrintFailed']);
  const extra = labels(await complete(typing('hook wip on PrintDone, PrintFailed', '  messages {\n    PrintFailed "failed: @extra.‸')));
  assert.ok(extra.includes('reason'));
  const done = labels(await complete(typing('hook wip on PrintDone, PrintFailed', '  messages {\n    PrintDone "done: @extra.‸')));
  assert.not.ok(done.includes('reason'));
  const roots = labels(await complete(typing('hook wip on PrintDone', '  messages {\n    PrintDone "@‸')));
  assert.not.ok(roots.includes('message'), "'@message' inside a message would refer to itself");
});

test('mid-edit, a setting the parser lost is taken from the last version that parsed', async () => {
  const good = 'oauth token {\n  url "https://a.example.com"\n  returns { access_token: string }\n}\nhook a on PrintDone {\n  url "https://example.com"\n  headers { A: "x" }\n  oauth token\n}\n';
  client.change(uri, good, ++version);
  await client.diagnostics(uri, version);
  // An unterminated string in headers: the tree of this version has lost 'oauth token' below it.
  const items = await complete(good.replace('A: "x" }', 'A: "Bearer @‸'));
  assert.ok(labels(items).includes('token'), labels(items).join(', '));
});

test("a third-party plugin event's payload is unknown, so @extra is offered", async () => {
  const items = await complete(typing('hook wip on plugin_backup_backup_created', '  data { x: @‸'));
  assert.ok(labels(items).includes('extra'));
});

test('a hook named with a letter outside the BMP (x𝒜), after a hook left open: its own triggers, settings and scope', async () => {
  const head = `${example}\nhook a on PrintDone {\n  data { x: 1\nhook x𝒜 on PrintFailed {\n  url "https://example.com"\n`;
  const extra = labels(await complete(`${head}  data { why: @extra.‸`));
  assert.ok(extra.includes('reason'), `PrintFailed's payload: ${extra.join(', ')}`);
  const settings = labels(await complete(`${head}  me‸`));
  assert.ok(settings.includes('method'), settings.join(', '));
  assert.not.ok(settings.includes('url'), 'url is already set in x𝒜');
  const keys = labels(await complete(`${head}  messages {\n    ‸`));
  assert.equal(keys, ['PrintFailed']);
});

test('inside a hook\'s retry block: its settings', async () => {
  assert.equal(labels(await complete(typing('hook wip on PrintDone', '  retry {\n    ‸'))).sort(), ['attempts', 'schedule']);
});

test('at the start of a top-level item: the top-level forms', async () => {
  const items = labels(await complete(`${example}\n‸`));
  assert.equal(items, ['device', 'secret', 'octoprint', 'webcam', 'messages', 'status', 'oauth', 'printer', 'hook', 'timezone', 'quiet']);
});

test('nothing in comments, plain text or after a literal @', async () => {
  assert.equal(await complete(`// see @‸\n${example}`), []);
  assert.equal(await complete(typing('hook wip on PrintDone', '  data { x: "just text‸')), []);
  assert.equal(await complete(typing('hook wip on PrintDone', '  data { mail: "me@‸')), []);
  assert.equal(await complete(typing('hook wip on PrintDone', '  data { at: "@@‸')), []);
});

test.run();
