// Issue 10.4: no webhook lost to a header. The ntfy example puts the file name in a header;
// a print of "Würfel — Teil 1.gcode" used to be dead-lettered at send (OHK_ERR_HEADER). Now
// the daemon sends it as RFC 2047 encoded words, and `octohookc test --dry-run` shows the
// header exactly as `octohookc test` then sends it.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness } from '../support/run-daemon.js';
import { startReceiver } from '../support/receiver.js';
import { projectRoot } from '../support/project-root.js';
import { decodeRfc2047 } from '../support/rfc2047.js';
import { runBin } from '../support/spawn-bin.js';

const t = suite('e2e: non-ASCII header values');
const ntfy = readFileSync(join(projectRoot, 'examples', 'ntfy.ohk'), 'utf8');
const fileName = 'Würfel — Teil 1.gcode';

t('the ntfy example: a failed print of a non-ASCII file name reaches the receiver; the header decodes to the text', async () => {
  assert.ok(ntfy.includes('url "https://ntfy.sh/@env.NTFY_TOPIC"'), 'the example still posts to ntfy.sh');
  const h = await startHarness((url) => ntfy.replace('https://ntfy.sh/', `${url}/`), { env: { NTFY_TOPIC: 'octoprint-k9x2m4' } });
  try {
    h.sim.emitEvent('PrintFailed', { name: fileName, path: fileName, origin: 'local', size: 1234, time: 61.5, reason: 'cancelled' });
    const [req] = await h.receiver.waitFor(1, 5000);
    await h.settle();
    assert.is(req.url, '/octoprint-k9x2m4');
    assert.is(decodeRfc2047(String(req.headers.message)), `${fileName} failed (cancelled)`);
    assert.is(req.headers.title, 'Prusa MK3S: Print Failed', 'plain ASCII stays as written');
    assert.equal(h.outcomes.map((o) => o.outcome.kind), ['sent']);
  } finally {
    await h.stop();
  }
});

t('octohookc test --dry-run shows the header as octohookc test sends it', async () => {
  const rx = await startReceiver();
  try {
    const dir = mkdtempSync(join(tmpdir(), 'octohook-headers-'));
    const device = 'Drucker „Würfel“ 🎲 — Werkstatt im Keller, zweites Regal links neben der Tür';
    const file = join(dir, 'ntfy.ohk');
    writeFileSync(file, ntfy.replace('device "Prusa MK3S"', `device "${device}"`).replace('https://ntfy.sh/', `${rx.url}/`));
    const env = { NTFY_TOPIC: 'octoprint-k9x2m4' };
    const dry = await runBin('octohookc', ['test', file, '--event', 'PrintDone', '--dry-run'], env);
    assert.is(dry.code, 0, dry.err);
    const shown = /^Title: (.*)$/m.exec(dry.out)?.[1];
    assert.ok(shown && /^=\?UTF-8\?B\?/.test(shown), dry.out);
    assert.ok(shown!.split(' ').length > 1, 'a long value takes several encoded words');
    assert.is(decodeRfc2047(shown!), `${device}: Print Done`);
    assert.is(rx.requests.length, 0);

    const sent = await runBin('octohookc', ['test', file, '--event', 'PrintDone'], env);
    assert.is(sent.code, 0, sent.out + sent.err);
    assert.is(rx.requests[0].headers.title, shown);
  } finally {
    await rx.close();
  }
});

t('--dry-run hides a secret inside an encoded header (its base64 would show it); --show-secrets shows it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'octohook-headers-'));
  const file = join(dir, 'secret.ohk');
  writeFileSync(file, `hook h on PrintDone {\n  url "http://127.0.0.1:9/x"\n  headers { X-Note: "für @env.NOTE_TOKEN", X-Plain: "ok" }\n}\n`);
  const env = { NOTE_TOKEN: 'tok-5e3r3t-value' };
  const dry = await runBin('octohookc', ['test', file, '--event', 'PrintDone', '--dry-run'], env);
  assert.is(dry.code, 0, dry.err);
  assert.match(dry.out, /^X-Note: \[redacted\]$/m);
  assert.match(dry.out, /^X-Plain: ok$/m);
  const shown = await runBin('octohookc', ['test', file, '--event', 'PrintDone', '--dry-run', '--show-secrets'], env);
  assert.is(decodeRfc2047(/^X-Note: (.*)$/m.exec(shown.out)?.[1] ?? ''), 'für tok-5e3r3t-value');
});

t.run();
