// The language server in a print farm, over the wire: printer names complete after a hook's
// `from` and after each `,` of its list, `@printer.` completes its fields, a name in `from`
// hovers and goes to its printer block, and the outline lists the printers.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { LspClient, positionOf, testUri } from '../support/lsp-client.js';

interface Item {
  label: string;
  detail?: string;
}
interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

const farm = `printer mk3 {
  url "http://mk3.local"
  apiKey @env.MK3_KEY
  device "Prusa MK3S #1"
}
printer mini { url "http://mini.local:5000"  apiKey @env.MINI_KEY }
printer xl { url "http://xl.local"  apiKey @env.XL_KEY }
hook lab on Progress every 10% from mk3, mini {
  url "http://127.0.0.1:8099/lab"
}
`;

let client: LspClient;
let version = 1;
const uri = testUri('printers.ohk');

test.before(async () => {
  client = new LspClient();
  await client.initialize({ debounceMs: 5 });
  client.open(uri, farm, version);
  await client.diagnostics(uri, version);
});

test.after(async () => {
  await client.stop();
});

async function complete(textWithCursor: string): Promise<string[]> {
  const at = textWithCursor.indexOf('‸');
  const text = textWithCursor.replace('‸', '');
  client.change(uri, text, ++version);
  const position = positionOf(text.slice(0, at) + '\u0000' + text.slice(at), '\u0000');
  const result = await client.request<{ items: Item[] } | null>('textDocument/completion', { textDocument: { uri }, position });
  return (result?.items ?? []).map((i) => i.label);
}

test('after `from`: every printer; after a `,` of the list: those not yet listed', async () => {
  assert.equal(await complete(`${farm}hook b on PrintDone from ‸`), ['mk3', 'mini', 'xl']);
  assert.equal(await complete(`${farm}hook b on PrintDone from mk3, ‸`), ['mini', 'xl']);
  assert.equal(await complete(`${farm}hook b on PrintDone from mk3, m‸ {\n  url "https://x.example"\n}\n`), ['mini', 'xl']);
  assert.equal(await complete(`${farm}hook b on PrintDone, ‸`).then((l) => l.includes('mk3')), false, 'triggers, not printers, before from');
});

test('after the triggers, in a file with printers: from', async () => {
  assert.equal(await complete(`${farm}hook b on PrintDone, Progress every 10% f‸`), ['from']);
  assert.equal(await complete(`${farm}hook b on PrintDone ‸`), ['from']);
  assert.equal(await complete('hook b on PrintDone ‸\nhook c on Error { url "https://x.example" }\n'), [], 'not without printer blocks');
});

test('@printer. completes name, url and device; a printer block completes its settings', async () => {
  const fields = await complete(`${farm}hook b on PrintDone {\n  url "https://x.example"\n  data { p: @printer.‸ }\n}\n`);
  assert.equal(fields.sort(), ['device', 'name', 'url']);
  const settings = await complete(`printer p {\n  url "http://p.local"\n  ‸\n}\n`);
  assert.equal(settings, ['apiKey', 'device']);
});

test('hover on @printer.device: its type and the schema\'s documentation', async () => {
  const text = `${farm}hook b on PrintDone {\n  url "https://x.example"\n  data { d: @printer.device }\n}\n`;
  client.change(uri, text, ++version);
  await client.diagnostics(uri, version);
  const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '@printer.device', '@printer.d'.length) });
  assert.match(hover?.contents.value ?? '', '@printer.device: string | null');
  assert.match(hover?.contents.value ?? '', "printer block's `device`");
});

test('hover and go to definition on a printer name in from', async () => {
  client.change(uri, farm, ++version);
  await client.diagnostics(uri, version);
  const at = positionOf(farm, 'from mk3', 'from m'.length);
  const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: at });
  assert.ok(hover);
  assert.match(hover.contents.value, 'printer mk3');
  assert.match(hover.contents.value, '"Prusa MK3S #1"');
  const def = await client.request<{ uri: string; range: Range } | null>('textDocument/definition', { textDocument: { uri }, position: positionOf(farm, 'mini {', 2, 2) });
  assert.equal(def?.range, { start: { line: 5, character: 8 }, end: { line: 5, character: 12 } }, 'the second mini is in from; its block is on line 6');
});

test('the outline lists each printer, and a hook shows its from list', async () => {
  const symbols = await client.request<Array<{ name: string; detail?: string }>>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(symbols.map((s) => `${s.name}: ${s.detail ?? ''}`), ['mk3: printer', 'mini: printer', 'xl: printer', 'lab: on Progress every 10% from mk3, mini']);
});

test.run();
