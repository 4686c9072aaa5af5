// The status page as a user runs it: `octohook run hooks.ohk --status 127.0.0.1:0` spawned
// against the OctoPrint simulator and a receiver. One hook is answered 200, the other 500
// (no retries), so there is a delivery and a dead letter to see. The API and the metrics
// are read over HTTP, every security rule is tried, then headless Chromium loads the page,
// sees the delivery, retries the dead letter by clicking and sees it delivered.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { OctoPrintSimulator } from '../../simulator/index.js';
import { Browser } from '../support/headless-chromium.js';
import { projectRoot } from '../support/project-root.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { waitFor } from '../support/wait-for.js';

const t = suite('status page: API, metrics, security and a real browser');

const TOKEN = 'status-token-3f9a1c77d2';
const HOOK_KEY = 'hook-key-8b1e44a0c9';
let dir: string;
let sim: OctoPrintSimulator;
let receiver: Receiver;
let child: ChildProcess;
let log = '';
let base = '';
let failBad = true;

interface Snap {
  printers: Array<{ name: string; connection: string; lastEvent: { trigger: string } | null }>;
  hooks: Array<{ name: string; delivered: number; failed: number; pending: number; dead: number; last: { outcome: string; status: number } | null }>;
  dead: Array<{ id: string; hook: string; reason: string; body: string }>;
}

async function get(path: string, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }): Promise<Response> {
  return fetch(base + path, { headers });
}

async function status(): Promise<Snap> {
  return (await (await get('/api/status')).json()) as Snap;
}

function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(base + '/api/actions', { method: 'POST', body, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...headers } });
}

async function until<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; daemon log:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

t.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'octohook-status-'));
  receiver = await startReceiver((req, res) => void res.writeHead(req.url === '/bad' && failBad ? 500 : 200).end(req.url === '/bad' && failBad ? 'boom' : 'ok'));
  sim = await new OctoPrintSimulator({ speed: 10 }).start();
  const hooks = join(dir, 'hooks.ohk');
  await writeFile(
    hooks,
    `status { token @env.STATUS_TOKEN }
hook good on PrintDone { url "${receiver.url}/good"  data { file: @extra.name } }
hook bad on PrintDone {
  url   "${receiver.url}/bad"
  retry off
  data  { file: @extra.name, key: @env.HOOK_KEY }
}
`,
  );
  child = spawn(process.execPath, [join(projectRoot, 'bin', 'octohook.js'), 'run', hooks, '--status', '127.0.0.1:0', '--state-dir', join(dir, 'state')], {
    cwd: dir,
    env: { ...process.env, OCTOPRINT_URL: sim.url, OCTOPRINT_API_KEY: sim.apiKey, STATUS_TOKEN: TOKEN, HOOK_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  base = (await waitFor(() => /status page on (http:\/\/127\.0\.0\.1:\d+)\//.exec(log)?.[1], 'the status page address in the log', 15_000).catch((e: Error) => {
    throw new Error(`${e.message}; log:\n${log}`);
  })) as string;
  await until(async () => (await status()).printers[0]?.connection === 'live', 'the daemon to be live');
  sim.emitEvent('PrintDone', { name: 'cube.gcode', path: 'cube.gcode', origin: 'local', time: 1234.5 });
  await until(async () => {
    const s = await status();
    return s.hooks.find((h) => h.name === 'good')?.delivered === 1 && s.dead.length === 1 && s;
  }, 'one delivery and one dead letter');
});

t.after(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await sim?.stop();
  await receiver?.close();
  await rm(dir, { recursive: true, force: true });
});

t('/api/status: the printer, each hook with its counts and last delivery, the dead letter with reason and redacted body', async () => {
  const s = await status();
  assert.equal(s.printers.map((p) => [p.name, p.connection, p.lastEvent?.trigger]), [['octoprint', 'live', 'PrintDone']]);
  const good = s.hooks.find((h) => h.name === 'good')!;
  const bad = s.hooks.find((h) => h.name === 'bad')!;
  assert.equal([good.delivered, good.failed, good.last?.outcome, good.last?.status], [1, 0, 'delivered', 200]);
  assert.equal([bad.delivered, bad.failed, bad.dead, bad.last?.outcome], [0, 1, 1, 'dead']);
  assert.match(s.dead[0].reason, /500/);
  assert.match(s.dead[0].body, /"file":"cube\.gcode"/);
  assert.match(s.dead[0].body, /"key":"\[redacted\]"/);
});

t('/metrics: deliveries by hook and outcome, latency histogram, pending and dead, events, connection, outbox size', async () => {
  const r = await get('/metrics');
  assert.is(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const text = await r.text();
  for (const line of [
    'octohook_deliveries_total{hook="good",outcome="delivered"} 1',
    'octohook_deliveries_total{hook="bad",outcome="dead"} 1',
    'octohook_attempt_duration_seconds_count{hook="good"} 1',
    'octohook_attempt_duration_seconds_bucket{hook="bad",le="+Inf"} 1',
    'octohook_pending_deliveries{hook="good"} 0',
    'octohook_dead_letters{hook="bad"} 1',
    'octohook_events_total{trigger="PrintDone"} 1',
    'octohook_printer_connection_state{printer="octoprint",state="live"} 1',
    'octohook_printer_connected{printer="octoprint"} 1',
  ]) assert.ok(text.split('\n').includes(line), `missing: ${line}\n${text}`);
  const size = /^octohook_outbox_bytes (\d+)$/m.exec(text);
  assert.ok(size && Number(size[1]) > 0, 'the outbox journal size');
  // Every sample line is NAME{labels} NUMBER: what a Prometheus scraper accepts.
  for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) assert.match(line, /^[a-z_]+(\{[^}]*\})? -?[0-9.e+]+$/);
});

t('the token is asked for: reads and actions without it or with a wrong one are 401', async () => {
  for (const path of ['/api/status', '/metrics', '/api/events']) {
    assert.is((await get(path, {})).status, 401, path);
    assert.is((await get(path, { Authorization: `Bearer ${TOKEN}x` })).status, 401, path);
    assert.is((await get(path, { Authorization: TOKEN })).status, 401, path);
  }
  assert.is((await post('{"op":"retry","allDead":true}', { Authorization: '' })).status, 401);
  assert.is((await post('{"op":"retry","allDead":true}', { Authorization: 'Bearer wrong' })).status, 401);
  // The page itself holds no data, so it loads without the token.
  const page = await get('/', {});
  assert.is(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
});

t('cross-site actions are refused, and no CORS header is ever sent', async () => {
  assert.is((await post('{"op":"retry","allDead":true}', { Origin: 'https://evil.example' })).status, 403);
  assert.is((await post('{"op":"retry","allDead":true}', { 'Sec-Fetch-Site': 'cross-site' })).status, 403);
  assert.is((await post('{"op":"retry","allDead":true}', { 'Content-Type': 'text/plain' })).status, 415);
  const preflight = await fetch(base + '/api/actions', { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
  assert.is(preflight.status, 405);
  assert.is(preflight.headers.get('access-control-allow-origin'), null);
  // A DNS-rebound name reaching the loopback server is not its own address.
  const rebound = await new Promise<number>((resolve, reject) => {
    const req = httpRequest(base + '/api/status', { headers: { Authorization: `Bearer ${TOKEN}`, Host: 'evil.example:80' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
  assert.is(rebound, 400);
  assert.is((await status()).dead.length, 1, 'nothing was retried');
});

t('malformed requests and huge bodies get a 4xx and the server keeps answering', async () => {
  assert.is((await post('{not json')).status, 400);
  assert.is((await post('[]')).status, 400);
  assert.is((await post('{"op":"explode"}')).status, 400);
  assert.is((await post('{"op":"retry","ids":[1,2]}')).status, 400);
  assert.is((await post('{"op":"pause","hook":"nope"}')).status, 404);
  assert.is((await post('x'.repeat(1024 * 1024))).status, 413);
  assert.is((await fetch(base + '/api/status', { method: 'DELETE', headers: { Authorization: `Bearer ${TOKEN}` } })).status, 405);
  assert.is((await get('/nothing-here')).status, 404);
  const raw = await new Promise<string>((resolve) => {
    const url = new URL(base);
    const socket = connect(Number(url.port), url.hostname, () => socket.end('GARBAGE / HTTP/9.9\r\n\x00\x01\r\n\r\n'));
    let answer = '';
    socket.on('data', (c) => (answer += c.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
  assert.match(raw, /^HTTP\/1\.1 400/);
  assert.is((await get('/api/status')).status, 200);
  assert.is(child.exitCode, null, 'the daemon still runs');
});

t('no secret, API key or token appears in the page, the JSON or the metrics', async () => {
  const texts = [await (await get('/')).text(), await (await get('/api/status')).text(), await (await get('/metrics')).text()];
  for (const text of texts) for (const secret of [TOKEN, HOOK_KEY, sim.apiKey]) assert.not.ok(text.includes(secret), `a secret leaked: ${secret}`);
  assert.ok(!log.includes(TOKEN) && !log.includes(HOOK_KEY), 'nor in the log');
});

t('pause holds a hook in the outbox, resume sends what waited', async () => {
  assert.is((await post('{"op":"pause","hook":"good"}')).status, 200);
  sim.emitEvent('PrintDone', { name: 'second.gcode', path: 'second.gcode', origin: 'local', time: 1 });
  await until(async () => (await status()).hooks.find((h) => h.name === 'good')?.pending === 1, 'the paused hook to hold a delivery');
  await new Promise((r) => setTimeout(r, 300));
  assert.is(receiver.requests.filter((r) => r.url === '/good').length, 1, 'nothing sent while paused');
  assert.is((await post('{"op":"resume","hook":"good"}')).status, 200);
  await until(async () => (await status()).hooks.find((h) => h.name === 'good')?.delivered === 2, 'the held delivery to go out');
  // The bad hook's second firing is a second dead letter; drop it so the page shows one.
  const s = await until(async () => { const x = await status(); return x.dead.length === 2 && x; }, 'the second dead letter');
  const r = await post(JSON.stringify({ op: 'drop', ids: [s.dead[1].id] }));
  assert.equal(((await r.json()) as { affected: string[] }).affected, [s.dead[1].id]);
});

t('in Chromium: the page loads, shows the delivery, retries the dead letter by a click and shows the result', async () => {
  const browser = await Browser.launch();
  try {
    await browser.goto(base + '/');
    await browser.waitFor('!document.querySelector("#login").hidden', 'the page to ask for the token');
    await browser.click('#token');
    await browser.type(TOKEN);
    await browser.click('#login button');
    await browser.waitFor('document.body.dataset.live === "yes"', 'live updates');
    assert.is(await browser.evaluate<string>('document.querySelector("#printers-title").textContent'), 'Printer', 'one printer: the heading in the singular');
    const last = await browser.evaluate<string>('document.querySelector("[data-hook=good] .last").textContent');
    assert.match(last, /PrintDone delivered \(HTTP 200/);
    const letters = await browser.evaluate<number>('document.querySelectorAll("#dead .letter").length');
    assert.is(letters, 1);
    const body = await browser.evaluate<string>('document.querySelector("#dead .letter pre").textContent');
    assert.ok(body.includes('[redacted]') && !body.includes(HOOK_KEY));
    const shot = await browser.screenshot();
    assert.equal([...shot.subarray(1, 4)], [...Buffer.from('PNG')]);
    if (process.env.UPDATE_SCREENSHOT === '1') await writeFile(join(projectRoot, 'docs', 'images', 'status-page.png'), shot);
    assert.not.ok(await browser.evaluate<boolean>('location.href.includes(' + JSON.stringify(TOKEN) + ')'), 'the token is not in the URL');

    failBad = false;
    await browser.click('#dead .letter button.retry');
    await browser.waitFor('document.querySelector("#note").textContent.includes("Requeued 1 delivery")', 'the retry to be confirmed');
    // Live update, no reload: the dead letter goes and the hook shows its delivery.
    await browser.waitFor('document.querySelectorAll("#dead .letter").length === 0', 'the dead letter to leave the page');
    await browser.waitFor('/delivered/.test(document.querySelector("[data-hook=bad] .last").textContent)', 'the retried delivery on the page');
    assert.is(receiver.requests.filter((r) => r.url === '/bad').length, 3);

    // Pause by a click: the next firing shows up as pending, live; resume sends it.
    await browser.click('[data-hook=good] button.pause');
    await browser.waitFor('document.querySelector("[data-hook=good] .pill").textContent === "paused"', 'the hook shown paused');
    sim.emitEvent('PrintDone', { name: 'third.gcode', path: 'third.gcode', origin: 'local', time: 2 });
    await browser.waitFor('[...document.querySelectorAll("#pending .letter .name")].some((e) => e.textContent === "good")', 'the held delivery shown pending');
    await browser.click('[data-hook=good] button.pause');
    await browser.waitFor('document.querySelector("[data-hook=good] .nums b").textContent === "3" && document.querySelectorAll("#pending .letter").length === 0', 'the held delivery delivered');

    // A new dead letter appears without a reload; 'octohook outbox drop' from a shell removes it from the page.
    failBad = true;
    sim.emitEvent('PrintDone', { name: 'fourth.gcode', path: 'fourth.gcode', origin: 'local', time: 3 });
    await browser.waitFor('document.querySelectorAll("#dead .letter").length === 1', 'the new dead letter on the page');
    const drop = spawnSync(process.execPath, [join(projectRoot, 'bin', 'octohook.js'), 'outbox', 'drop', '--all-dead', '--state-dir', join(dir, 'state')], { encoding: 'utf8' });
    assert.is(drop.status, 0, drop.stderr);
    await browser.waitFor('document.querySelectorAll("#dead .letter").length === 0', 'the dropped letter to leave the page', 5_000);
  } finally {
    await browser.close();
  }
});

t.run();
