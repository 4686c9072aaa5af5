// `octohookc test --printer NAME` in a print farm, run as a user runs it: the event comes from
// that printer (`@printer`, its `device` as `@deviceIdentifier`), only hooks firing for it
// are tested, an unknown name is a usage error listing the printers; without the flag each
// hook is tested as an event of the first printer it fires for.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBin, stackTrace } from '../support/spawn-bin.js';
import { startReceiver, type Receiver } from '../support/receiver.js';

const t = suite('octohookc test --printer');
let dir: string;
let receiver: Receiver;

const farm = (url: string) => `device "farm"
printer mk3 { url "http://user:pw@mk3.local/"  apiKey @env.MK3_KEY  device "Prusa MK3S #1" }
printer mini { url "http://mini.local:5000"  apiKey @env.MINI_KEY }
hook all on PrintDone {
  url "${url}/all"
  data { name: @printer.name, url: @printer.url, device: @deviceIdentifier }
}
hook lab on PrintDone from mini {
  url "${url}/lab"
  data { name: @printer.name, device: @deviceIdentifier }
}
`;

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const bodies = (out: string) => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

t.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'octohook-test-printer-'));
  receiver = await startReceiver((_req, res) => {
    res.end('ok');
  });
});
t.after(() => receiver.close());

t('--printer mk3 --dry-run: @printer is mk3 without credentials, its device is @deviceIdentifier; the mini-only hook is left out', async () => {
  const f = file('farm.ohk', farm('https://example.com'));
  const r = await runBin('octohookc', ['test', f, '--event', 'PrintDone', '--printer', 'mk3', '--dry-run'], { MK3_KEY: 'k', MINI_KEY: 'k' });
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /# hook all on PrintDone from printer mk3, sample data from/);
  assert.not.match(r.out, /hook lab/);
  assert.equal(bodies(r.out), [{ name: 'mk3', url: 'http://mk3.local/', device: 'Prusa MK3S #1' }]);
  assert.not.ok(r.out.includes('pw@'), 'no credentials in @printer.url');
});

t('without --printer: each hook as an event of the first printer it fires for; the file device when the printer has none', async () => {
  const f = file('farm2.ohk', farm('https://example.com'));
  const r = await runBin('octohookc', ['test', f, '--event', 'PrintDone', '--dry-run'], { MK3_KEY: 'k', MINI_KEY: 'k' });
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /# hook all on PrintDone from printer mk3/);
  assert.match(r.out, /# hook lab on PrintDone from printer mini/);
  assert.equal(bodies(r.out), [
    { name: 'mk3', url: 'http://mk3.local/', device: 'Prusa MK3S #1' },
    { name: 'mini', device: 'farm' },
  ]);
});

t('a real send carries the printer too', async () => {
  const f = file('farm3.ohk', farm(receiver.url));
  const r = await runBin('octohookc', ['test', f, '--event', 'PrintDone', '--printer', 'mini'], { MK3_KEY: 'k', MINI_KEY: 'k' });
  assert.is(r.code, 0, r.err);
  const got = receiver.requests.map((q) => q.json);
  assert.equal(got, [
    { name: 'mini', url: 'http://mini.local:5000/', device: 'farm' },
    { name: 'mini', device: 'farm' },
  ]);
});

t("a dry run without the printer's variables shows them as <unset NAME> in @printer", async () => {
  const f = file('farm-env.ohk', 'printer mk3 { url @env.MK3_URL  apiKey @env.MK3_KEY  device @env.MK3_NAME }\nhook a on PrintDone { url "https://example.com", data { u: @printer.url, d: @printer.device } }\n');
  const r = await runBin('octohookc', ['test', f, '--event', 'PrintDone', '--dry-run']);
  assert.is(r.code, 0, r.err);
  assert.equal(bodies(r.out), [{ u: '<unset MK3_URL>', d: '<unset MK3_NAME>' }]);
  const set = await runBin('octohookc', ['test', f, '--event', 'PrintDone', '--dry-run'], { MK3_URL: 'https://me:pw@mk3.example:8443/', MK3_NAME: 'MK3' });
  assert.equal(bodies(set.out), [{ u: 'https://mk3.example:8443/', d: '[redacted]' }], 'credentials dropped; @env values redacted as everywhere');
});

t('an unknown printer is a usage error naming the printers; --printer in a single-printer file says it has none', async () => {
  const f = file('farm4.ohk', farm('https://example.com'));
  const r = await runBin('octohookc', ['test', f, '--event', 'PrintDone', '--printer', 'mk4', '--dry-run']);
  assert.is(r.code, 2);
  assert.match(r.err, /there is no printer 'mk4' in .*farm4\.ohk \(printers: mk3, mini\)/);
  assert.not.match(r.err, stackTrace);
  const solo = file('solo.ohk', 'hook a on PrintDone { url "https://example.com", data { p: @printer.name } }\n');
  const s = await runBin('octohookc', ['test', solo, '--event', 'PrintDone', '--printer', 'mk3', '--dry-run']);
  assert.is(s.code, 2);
  assert.match(s.err, /has none \(its one printer is 'octoprint'\)/);
});

t("a single-printer file: @printer is 'octoprint' at the octoprint block's address, and the output reads as before", async () => {
  const solo = file('solo2.ohk', 'octoprint { url "http://octopi.local" }\nhook a on PrintDone { url "https://example.com", data { p: @printer.name, u: @printer.url, d: @printer.device } }\n');
  const r = await runBin('octohookc', ['test', solo, '--event', 'PrintDone', '--dry-run']);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /# hook a on PrintDone, sample data from/);
  assert.equal(bodies(r.out), [{ p: 'octoprint', u: 'http://octopi.local/', d: null }]);
});

t.run();
