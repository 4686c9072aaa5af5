// `octohookc test`: sample data through the real pipeline; --dry-run prints the exact request.
import { suite } from 'uvu';
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
  assert.match(c.out, /# hook snap on Progress, sample data \(dry run: nothing sent\)/);
  assert.match(c.out, new RegExp(`POST ${receiver.url}/x/\\n`));
  assert.match(c.out, /content-type: multipart\/form-data; boundary=/);
  assert.match(c.out, /name="m"\r\n\r\n50\r\n/);
  assert.match(c.out, /name="file"\r\n\r\nexample\.gcode\r\n/);
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
  assert.equal((req.json as { extra: Record<string, unknown> }).extra, {
    name: 'example.gcode', path: 'example.gcode', origin: 'local', size: 242038, owner: 'example_user', time: 50.237335886,
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

t('usage errors exit 2; a file with errors exits 1 with its diagnostics', async () => {
  let c = captureIo();
  assert.is(await runTest([], c.io, {}), 2);
  c = captureIo();
  assert.is(await runTest([file('u.ohk', 'hook a on PrintDone { url "http://127.0.0.1/" }')], c.io, {}), 2);
  c = captureIo();
  assert.is(await runTest([file('bad.ohk', 'hook a on PrintDone { url "http://127.0.0.1/" data { x: @job.fil } }'), '--event', 'PrintDone'], c.io, {}), 1);
  assert.match(c.err, /OH2101/);
});

t.run();
