// `npm start` runs scripts/demo.ts. It must show deliveries for both demo hooks (with the
// OAuth token, the snapshot and the user-action wait), end with a summary and exit 0 by
// itself, and never print a secret it made up.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { runDemo, type DemoResult } from '../../scripts/demo.js';

const t = suite('demo: npm start');

t('in-process: every hook delivers, the filament change fires User Action Needed, exit code 0, no secret printed', async () => {
  let out = '';
  let err = '';
  const result: DemoResult = await runDemo({ out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) }, speed: 10 });
  assert.is(result.exitCode, 0, out + err);

  const hooks = new Set(result.deliveries.map((d) => d.hook));
  assert.equal([...hooks].sort(), ['api', 'discord']);
  assert.ok(result.deliveries.every((d) => d.ok && d.kind === 'sent'));
  const api = result.deliveries.filter((d) => d.hook === 'api');
  assert.equal(api.filter((d) => d.trigger === 'Progress').map((d) => d.milestone), [25, 50, 75]);
  for (const trigger of ['PrintStarted', 'PrintPaused', 'UserActionNeeded', 'PrintDone']) assert.ok(api.some((d) => d.trigger === trigger), trigger);
  assert.ok(api.every((d) => d.snapshotBytes !== null && d.snapshotBytes > 0), 'every api delivery carries the webcam snapshot');
  assert.equal(result.deliveries.filter((d) => d.hook === 'discord').map((d) => `${d.trigger} ${d.status}`), ['UserActionNeeded 204', 'PrintDone 204']);
  assert.is(result.receiver.tokenRequests, 1, 'one token, reused');
  assert.is(result.receiver.requests, result.deliveries.length + 1);

  // A line per delivery: trigger, hook, status, snapshot size and a body excerpt.
  assert.match(out, /PrintStarted\s+api\s+200\s+snapshot \d+x\d+ [\d.]+ KiB\s+topic=Print Started/);
  assert.match(out, /PrintDone\s+discord\s+204\s+\{"content":"Your print is done\. — lab_test\.gcode"\}/);
  assert.match(out, /Summary \([\d.]+ s\)/);
  assert.match(out, /api\s+7 delivered, 7 with a snapshot/);
  assert.match(out, /discord\s+2 delivered/);
  assert.match(out, /9 deliveries, 0 failed; every request went to 127\.0\.0\.1\./);
  assert.match(out, /apiSecret=\[redacted\]/);
  for (const secret of result.secrets) {
    assert.not.ok(out.includes(secret), 'a secret reached the output');
    assert.not.ok(err.includes(secret), 'a secret reached the error output');
  }
});

t('as a program: exits by itself with code 0 and the summary', async () => {
  const demo = fileURLToPath(new URL('../../scripts/demo.js', import.meta.url));
  const child = spawn(process.execPath, [demo, '--speed', '12'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the demo did not exit within 30 s:\n${out}`));
    }, 30_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  assert.is(code, 0, out);
  assert.match(out, /0 failed; every request went to 127\.0\.0\.1/);
});

t.run();
