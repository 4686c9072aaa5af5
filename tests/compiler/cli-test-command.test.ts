// `octohookc test`: sample data through the real pipeline; --dry-run prints the exact request.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTest } from '../../compiler/cli/command-test.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { captureIo } from '../support/capture-io.js';

const t = suite('octohookc test');
let receiver: Receiver;
let dir: string;

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

t.before(async () => {
  receiver = await startReceiver((req, res) => {
    res.statusCode = req.url.includes('fail') ? 500 : 200;
    res.end(req.url.includes('fail') ? 'boom' : 'thanks');
  });
  dir = mkdtempSync(join(tmpdir(), 'octohook-test-cmd-'));
});
t.after(() => receiver.close());

t('--dry-run prints method, URL, headers, body and the attachment size; sends nothing', async () => {
  const f = file('dry.ohk', `secret @env.MY_SECRET
hook snap on PrintDone, Progress every 10% {
  url "${receiver.url}/x/@deviceIdentifier"
  headers { X-Secret: "@apiSecret" }
  data { topic: @topic, file: @job.file.name, m: @percentCompleteMilestone, image: @snapshot }
}`);
  const c = captureIo();
  const code = await runTest([f, '--event', 'Progress', '--dry-run'], c.io, { MY_SECRET: 'abcdef-secret' });
  assert.is(code, 0, c.err);
  assert.match(c.out, /# hook snap on Progress, sample data from capture default-done \(dry run: nothing sent\)/);
  assert.match(c.out, new RegExp(`POST ${receiver.url}/x/\\n`));
  assert.match(c.out, /content-type: multipart\/form-data; boundary=/);
  assert.match(c.out, /name="m"\r\n\r\n50\r\n/);
  assert.match(c.out, /name="file"\r\n\r\nlab_test\.gcode\r\n/);
  assert.match(c.out, /\[snapshot\.jpg: image\/jpeg, \d+ bytes\]/);
  assert.match(c.out, /X-Secret: \[redacted\]/);
  assert.not.ok(c.out.includes('abcdef-secret'));
  assert.is(receiver.requests.length, 0, 'a dry run sends nothing');
});

t('--dry-run shows the identity headers and a verifiable signature; names unset variables', async () => {
  const f = file('signed.ohk', `hook s on PrintDone { url "${receiver.url}/s" sign @env.SIGN_SECRET data { topic: @topic, who: @env.WHO } }`);
  const secret = 'whsec_' + Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');
  const c = captureIo();
  assert.is(await runTest([f, '--event', 'PrintDone', '--dry-run'], c.io, { SIGN_SECRET: secret }), 0, c.err);
  const id = /webhook-id: (msg_\S+)/.exec(c.out)?.[1];
  const ts = /webhook-timestamp: (\d+)/.exec(c.out)?.[1];
  const sig = /webhook-signature: (v1,\S+)/.exec(c.out)?.[1];
  assert.ok(id && ts && sig, c.out);
  const body = c.out.trim().split('\n').at(-1)!;
  const { Webhook } = await import('standardwebhooks');
  const verified = new Webhook(secret.slice('whsec_'.length)).verify(body, { 'webhook-id': id!, 'webhook-timestamp': ts!, 'webhook-signature': sig! });
  assert.equal(verified, { topic: 'Print Done', who: '<unset WHO>' });
  assert.match(c.err, /warning: not set, shown as <unset NAME>: WHO \(hook s\)/);
});

t('without --dry-run the request is sent and the answer shown; exit 0 on 2xx', async () => {
  const f = file('send.ohk', `hook a on PrintDone { url "${receiver.url}/ok" data { extra: @extra } }`);
  const c = captureIo();
  assert.is(await runTest([f, '--event', 'PrintDone'], c.io, {}), 0, c.out + c.err);
  assert.match(c.out, /200 OK in \d+ ms\nthanks/);
  const req = receiver.requests.at(-1)!;
  // The PrintDone OctoPrint sent in the recorded run (fixtures/octoprint-captures/push/default-done.jsonl).
  assert.equal((req.json as { extra: Record<string, unknown> }).extra, {
    name: 'lab_test.gcode', path: 'lab_test.gcode', origin: 'local', size: 11911, owner: 'admin', time: 10.645221172999982,
  });
});

t('exit 1 when the target answers 500, or no hook listens to the trigger', async () => {
  const f = file('fail.ohk', `hook a on PrintDone { url "${receiver.url}/fail" }`);
  let c = captureIo();
  assert.is(await runTest([f, '--event', 'PrintDone'], c.io, {}), 1);
  assert.match(c.out, /500 rejected/);
  c = captureIo();
  assert.is(await runTest([f, '--event', 'PrintStarted'], c.io, {}), 1);
  assert.match(c.err, /no enabled hook .* listens to PrintStarted/);
  c = captureIo();
  assert.is(await runTest([f, '--event', 'PrintDone', '--hook', 'nope'], c.io, {}), 1);
  assert.match(c.err, /there is no hook 'nope'/);
});

t('the sample is a recorded firing: PrintFailed after a firmware error has no file and no progress', async () => {
  const f = file('failed.ohk', `hook a on PrintFailed { url "${receiver.url}/f" data { state: @state.text, file: @job.file.name, reason: @extra.reason } }`);
  const c = captureIo();
  assert.is(await runTest([f, '--event', 'PrintFailed', '--dry-run'], c.io, {}), 0, c.err);
  assert.match(c.out, /# hook a on PrintFailed, sample data from capture default-error, reason error/);
  assert.match(c.out, /\{"state":"Offline after error","file":null,"reason":"error"\}/);
});

t('--all previews every hook on each of its triggers and recorded variants, and names each placeholder that renders empty', async () => {
  const f = file('all.ohk', `hook chat on PrintDone, PrintFailed, Error {
  url "${receiver.url}/chat"
  data { text: "@job.file.name after @{progress.printTime | duration}", ok: "@{job.file.name | default('no file')}", left: @progress.printTimeLeft }
}
hook other on Progress every 50% { url "${receiver.url}/p" data { m: "@percentCompleteMilestone" } }`);
  const c = captureIo();
  assert.is(await runTest([f, '--all', '--dry-run'], c.io, {}), 0, c.err);
  const headers = c.out.split('\n').filter((l) => l.startsWith('# hook'));
  assert.equal(headers.map((h) => h.replace(/, sample data from .*$/, '')), [
    '# hook chat on PrintDone', '# hook chat on PrintFailed', '# hook chat on PrintFailed', '# hook chat on Error', '# hook other on Progress',
  ]);
  assert.match(c.out, /PrintFailed, sample data from capture default-pause, reason cancelled/);
  const warnings = c.err.split('\n').filter((l) => l.includes('warning:'));
  assert.equal(warnings, [
    "octohookc test: warning: hook 'chat' on PrintFailed (reason error): @job.file.name in data.text renders empty",
    "octohookc test: warning: hook 'chat' on PrintFailed (reason error): @{progress.printTime | duration} in data.text renders empty",
    "octohookc test: warning: hook 'chat' on PrintFailed (reason cancelled): @{progress.printTime | duration} in data.text renders empty",
    "octohookc test: warning: hook 'chat' on Error: @job.file.name in data.text renders empty",
    "octohookc test: warning: hook 'chat' on Error: @{progress.printTime | duration} in data.text renders empty",
  ]);
  assert.match(c.err, /5 placeholders rendered empty: give each a `\| default\('…'\)`/);
  assert.is(receiver.requests.filter((r) => r.url === '/chat').length, 0, 'a dry run sends nothing');

  const one = captureIo();
  assert.is(await runTest([f, '--all', '--hook', 'other', '--dry-run'], one.io, {}), 0, one.err);
  assert.equal(one.out.split('\n').filter((l) => l.startsWith('# hook')).length, 1);
  assert.not.match(one.err, /warning/);
});

t('a text that reads "null" or "undefined" is flagged too; a whole JSON null is data, not flagged', async () => {
  const f = file('nulls.ohk', `hook a on Error { url "${receiver.url}/n" data { j: @{job | json}, t: "@{progress.completion | json}", n: @progress.completion } }`);
  const c = captureIo();
  assert.is(await runTest([f, '--event', 'Error', '--dry-run'], c.io, {}), 0, c.err);
  const warnings = c.err.split('\n').filter((l) => l.includes('warning:'));
  assert.equal(warnings, ["octohookc test: warning: hook 'a' on Error: @{progress.completion | json} in data.t renders as \"null\""]);
});

t('usage errors exit 2; a file with errors exits 1 with its diagnostics', async () => {
  let c = captureIo();
  assert.is(await runTest([], c.io, {}), 2);
  c = captureIo();
  assert.is(await runTest([file('u.ohk', 'hook a on PrintDone { url "http://127.0.0.1/" }')], c.io, {}), 2);
  c = captureIo();
  assert.is(await runTest([file('u2.ohk', 'hook a on PrintDone { url "http://127.0.0.1/" }'), '--all', '--event', 'PrintDone'], c.io, {}), 2);
  assert.match(c.err, /--event TRIGGER or --all, not both/);
  c = captureIo();
  assert.is(await runTest([file('bad.ohk', 'hook a on PrintDone { url "http://127.0.0.1/" data { x: @job.fil } }'), '--event', 'PrintDone'], c.io, {}), 1);
  assert.match(c.err, /OH2101/);
});

t.run();
