// `octohookc import mk3=A.yaml mini=B.yaml`, run as a user runs it: one file for the farm, one
// printer block per OctoPrint with its address and key from the environment, a hook set up
// alike everywhere written once, the others `from` their printers with names of their own;
// the result compiles. One file keeps working as before.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../../compiler/compile.js';
import { runBin, stackTrace } from '../support/spawn-bin.js';
import { fixturesDir } from '../support/project-root.js';

const t = suite('octohookc import, a print farm');
const dir = mkdtempSync(join(tmpdir(), 'octohook-import-farm-'));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const discord = `- url: https://discord.com/api/webhooks/112233445566778899/Zx9_fake-Discord-Token_0123456789abcdef
  eventPrintStarted: false
  data: '{"content": "@message"}'`;
const mk3 = file('mk3.yaml', `settings_version: 2
hooks:
${discord}
  deviceIdentifier: Prusa MK3S
- url: https://gotify.example.com/message
  headers: '{"X-Gotify-Key": "@apiSecret"}'
  apiSecret: AFakeGotifyAppToken
  data: '{"title": "@topic", "message": "@message"}'
  deviceIdentifier: Prusa MK3S
`);
const mini = file('mini.yaml', `settings_version: 2
hooks:
${discord}
  deviceIdentifier: Prusa MINI
- url: https://gotify.example.com/message
  headers: '{"X-Gotify-Key": "@apiSecret"}'
  apiSecret: AnotherFakeGotifyToken
  data: '{"title": "@topic", "message": "@message"}'
  deviceIdentifier: Prusa MINI
`);

t('two OctoPrints → printer blocks, one shared hook, the differing ones from their printer; it compiles', async () => {
  const r = await runBin('octohookc', ['import', `mk3=${mk3}`, `mini=${mini}`]);
  assert.is(r.code, 0, r.err);
  const out = r.out;
  assert.match(out, /^printer mk3 \{\n  url @env\.MK3_URL\n  apiKey @env\.MK3_API_KEY\n  device "Prusa MK3S"\n\}$/m);
  assert.match(out, /^printer mini \{\n  url @env\.MINI_URL\n  apiKey @env\.MINI_API_KEY\n  device "Prusa MINI"\n\}$/m);
  assert.equal(out.match(/^hook \S+ on [^\n]*\{$/gm), ['hook discord on PrintDone, PrintFailed, PrintPaused, UserActionNeeded, Error {', 'hook gotify on PrintStarted, PrintDone, PrintFailed, PrintPaused, UserActionNeeded, Error from mk3 {', 'hook gotify_mini on PrintStarted, PrintDone, PrintFailed, PrintPaused, UserActionNeeded, Error from mini {']);
  assert.not.match(out, /Fake|Token_/, 'no secret copied into the file');
  assert.match(r.err, /3 hooks from .*mk3\.yaml, .*mini\.yaml \(2 printers\); set MK3_URL, MK3_API_KEY, MINI_URL, MINI_API_KEY, DISCORD_WEBHOOK, GOTIFY_SECRET, GOTIFY_MINI_SECRET/);
  const result = compile(out, { emit: true });
  assert.equal(result.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.equal(result.model?.printers.map((p) => p.name), ['mk3', 'mini']);
  assert.equal(result.model?.hooks.map((h) => [h.name, h.from ?? 'all']), [['discord', 'all'], ['gotify', ['mk3']], ['gotify_mini', ['mini']]]);
});

t('--secrets-file holds the moved secrets of every printer (the addresses and keys are the user\'s to set)', async () => {
  const envFile = join(dir, 'farm.env');
  const r = await runBin('octohookc', ['import', `mk3=${mk3}`, `mini=${mini}`, '--secrets-file', envFile]);
  assert.is(r.code, 0, r.err);
  const text = readFileSync(envFile, 'utf8');
  assert.match(text, /^GOTIFY_SECRET="AFakeGotifyAppToken"$/m);
  assert.match(text, /^GOTIFY_MINI_SECRET="AnotherFakeGotifyToken"$/m);
  assert.not.match(text, /MK3_URL/);
});

t('usage errors: a file without NAME=, a name that is not a word, a name twice; a broken file is named', async () => {
  const plain = await runBin('octohookc', ['import', `mk3=${mk3}`, mini]);
  assert.is(plain.code, 2);
  assert.match(plain.err, /write each as NAME=FILE/);
  const bad = await runBin('octohookc', ['import', `3d=${mk3}`, `mini=${mini}`]);
  assert.is(bad.code, 2);
  assert.match(bad.err, /'3d' cannot name a printer/);
  const twice = await runBin('octohookc', ['import', `a=${mk3}`, `a=${mini}`]);
  assert.is(twice.code, 2);
  assert.match(twice.err, /printer 'a' is given twice/);
  const broken = file('broken.yaml', 'hooks: [\n');
  const b = await runBin('octohookc', ['import', `mk3=${mk3}`, `mini=${broken}`]);
  assert.is(b.code, 2);
  assert.match(b.err, /broken\.yaml: /);
  for (const x of [plain, bad, twice, b]) assert.not.match(x.err, stackTrace);
});

t('one file and one argument: exactly as before, no printer blocks', async () => {
  const r = await runBin('octohookc', ['import', join(fixturesDir, 'import', 'hooks-list.yaml')]);
  assert.is(r.code, 0, r.err);
  assert.fixture(r.out, readFileSync(join(fixturesDir, 'import', 'hooks-list.ohk'), 'utf8'));
});

t.run();
