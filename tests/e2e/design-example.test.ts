// The design example (examples/hooks.ohk) as users run it: `octohook run hooks.ohk` as a
// real process against the simulator, with its example.com URLs pointed at a local
// receiver. Every hook, every trigger, OAuth, multipart with the webcam snapshot.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OctoPrintSimulator } from '../../simulator/index.js';
import { projectRoot } from '../support/project-root.js';
import { startReceiver, type Receiver } from '../support/receiver.js';

const t = suite('e2e: the design example under octohook run');
let receiver: Receiver;
let sim: OctoPrintSimulator;
let stderr = '';
let exitCode: number | null = null;
let tokenCalls = 0;

t.before(async () => {
  receiver = await startReceiver((req, res) => {
    if (req.url.startsWith('/oauth/token')) {
      tokenCalls++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ access_token: 'design-token-xyz', expires_in: 3600 }));
      return;
    }
    res.statusCode = req.url.startsWith('/api/webhooks') ? 204 : 200;
    res.end();
  });
  sim = await new OctoPrintSimulator({ speed: 10 }).start();
  const source = readFileSync(join(projectRoot, 'examples', 'hooks.ohk'), 'utf8')
    .replaceAll('https://api.example.com', receiver.url)
    .replaceAll('https://auth.example.com', receiver.url)
    .replaceAll('https://discord.com', receiver.url)
    .replace('"http://127.0.0.1:5000"', `"${sim.url}"`);
  const dir = mkdtempSync(join(tmpdir(), 'octohook-design-'));
  const file = join(dir, 'hooks.ohk');
  writeFileSync(file, source);

  const entry = new URL('../../compiler/cli/octohook.js', import.meta.url).href;
  const child = spawn(process.execPath, ['--input-type=module', '-e', `import { octohookMain } from ${JSON.stringify(entry)}; process.exitCode = await octohookMain(process.argv.slice(1));`, 'run', file], {
    env: { ...process.env, OCTOPRINT_API_KEY: sim.apiKey, OCTOHOOK_SECRET: 'design-secret', CLIENT_SECRET: 'client-secret', DISCORD_WEBHOOK: '1234/abcd', OCTOHOOK_STATE_DIR: join(dir, 'state') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.on('exit', (code) => { exitCode = code; resolve(); }));
  const deadline = Date.now() + 10_000;
  while (!/Connected to OctoPrint/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await sim.play('done').done;
  // Let the last deliveries finish, then stop the daemon as systemd would.
  const settled = Date.now() + 5000;
  while (receiver.requests.filter((r) => r.url.startsWith('/api/webhooks')).length < 1 && Date.now() < settled) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 300));
  child.kill('SIGTERM');
  await exited;
});

t.after(async () => {
  await sim.stop();
  await receiver.close();
});

t('the api hook: Started, Progress 10…90 with its own message, Done; multipart with the snapshot', () => {
  const api = receiver.requests.filter((r) => r.url === '/v1/printers/Prusa%20MK3S/events');
  const topics = api.map((r) => r.parts!.find((p) => p.name === 'topic')!.text);
  assert.equal(topics, ['Print Started', ...Array(9).fill('Print Progress'), 'Print Done']);
  const progress = api.filter((r) => r.parts!.find((p) => p.name === 'topic')!.text === 'Print Progress');
  assert.match(progress[0].parts!.find((p) => p.name === 'message')!.text, /^lab_test\.gcode is 10% done$/);
  const done = api.at(-1)!;
  assert.equal(done.parts!.map((p) => p.name), ['deviceIdentifier', 'apiSecret', 'topic', 'message', 'extra', 'file', 'left', 'snap']);
  assert.is(done.parts!.find((p) => p.name === 'apiSecret')!.text, 'design-secret');
  assert.is(done.parts!.find((p) => p.name === 'snap')!.filename, 'snapshot.jpg');
  assert.is(done.headers.authorization, 'Bearer design-token-xyz');
  assert.match(String(done.headers['content-type']), /^multipart\/form-data; boundary=/);
});

t('the token is fetched once for the whole print', () => {
  assert.is(tokenCalls, 1);
  const tokenReq = receiver.requests.find((r) => r.url.startsWith('/oauth/token'))!;
  assert.equal(Object.fromEntries(tokenReq.form!), { grant_type: 'client_credentials', client_id: 'octohook', client_secret: 'client-secret' });
});

t('the discord hook: Done only, JSON content with the duration filter', () => {
  const discord = receiver.requests.filter((r) => r.url === '/api/webhooks/1234/abcd');
  assert.is(discord.length, 1);
  assert.match((discord[0].json as { content: string }).content, /^Your print is done\. — lab_test\.gcode, \d+s$/);
});

t('the process logs each delivery, hides every secret, and exits 0 on SIGTERM', () => {
  assert.is(exitCode, 0, stderr);
  assert.match(stderr, /delivered hook=api trigger=PrintStarted status=200/);
  assert.match(stderr, /delivered hook=discord trigger=PrintDone status=204/);
  for (const secret of ['design-secret', 'client-secret', '1234/abcd', 'design-token-xyz', sim.apiKey]) {
    assert.not.ok(stderr.includes(secret), `${secret} in the log`);
  }
});

t.run();
