import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { request } from 'undici';
import { ManualClock } from '../../runtime/clock.js';
import { OctoPrintSimulator } from '../../simulator/index.js';

async function call(url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {}) {
  const res = await request(url, { method: init.method ?? 'GET', headers: init.headers, body: init.body });
  const buf = Buffer.from(await res.body.arrayBuffer());
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.statusCode, headers: res.headers, buf, json: type.includes('json') && buf.length ? JSON.parse(buf.toString()) : undefined };
}

async function withSim(fn: (sim: OctoPrintSimulator) => Promise<void>, opts: ConstructorParameters<typeof OctoPrintSimulator>[0] = {}): Promise<void> {
  const sim = await new OctoPrintSimulator({ clock: new ManualClock(1_795_831_120_000), ...opts }).start();
  try {
    await fn(sim);
  } finally {
    await sim.stop();
  }
}

const login = (sim: OctoPrintSimulator, headers: Record<string, string>) =>
  call(`${sim.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"passive":true}' });

test('passive login with X-Api-Key or Bearer returns a user record with a new 64-hex session each time', () =>
  withSim(async (sim) => {
    const a = await login(sim, { 'x-api-key': sim.apiKey });
    const b = await login(sim, { authorization: `Bearer ${sim.apiKey}` });
    assert.is(a.status, 200);
    assert.is(a.json.name, 'admin');
    assert.match(a.json.session, /^[0-9a-f]{64}$/);
    assert.is(a.json._login_mechanism, 'apikey');
    assert.is(b.status, 200);
    assert.is.not(a.json.session, b.json.session);
    assert.is(sim.loginCount, 2);
  }));

test('an invalid key is 403; no key is the anonymous record without name or session', () =>
  withSim(async (sim) => {
    const bad = await login(sim, { 'x-api-key': 'wrong' });
    assert.is(bad.status, 403);
    const anon = await login(sim, {});
    assert.is(anon.status, 200);
    assert.is(anon.json.name, undefined);
    assert.is(anon.json.session, undefined);
    assert.is(sim.loginCount, 2);
  }));

test('failLogins forces 429 with Retry-After for a number of logins', () =>
  withSim(async (sim) => {
    sim.failLogins(429, 1);
    const limited = await login(sim, { 'x-api-key': sim.apiKey });
    assert.is(limited.status, 429);
    assert.is(limited.headers['retry-after'], '60');
    assert.is((await login(sim, { 'x-api-key': sim.apiKey })).status, 200);
  }));

test('GET /api/job follows the recorded shape, with error only when set', () =>
  withSim(async (sim) => {
    const h = { 'x-api-key': sim.apiKey };
    const idle = await call(`${sim.url}/api/job`, { headers: h });
    assert.is(idle.status, 200);
    assert.equal(Object.keys(idle.json), ['job', 'progress', 'state']);
    assert.is(idle.json.state, 'Operational');
    sim.setPrinterState('ERROR', { error: 'Thermal Runaway' });
    const err = await call(`${sim.url}/api/job`, { headers: h });
    assert.is(err.json.error, 'Thermal Runaway');
    assert.is((await call(`${sim.url}/api/job`)).status, 403);
  }));

test('GET /api/files returns FileInfo with gcodeAnalysis, prints, statistics, sha1 hash; 404 for unknown', () =>
  withSim(async (sim) => {
    const h = { 'x-api-key': sim.apiKey };
    const f = await call(`${sim.url}/api/files/local/lab_test.gcode`, { headers: h });
    assert.is(f.status, 200);
    assert.is(f.json.name, 'lab_test.gcode');
    assert.is(f.json.origin, 'local');
    assert.is(f.json.type, 'machinecode');
    assert.equal(f.json.typePath, ['machinecode', 'gcode']);
    assert.match(f.json.hash, /^[0-9a-f]{40}$/);
    assert.is(f.json.gcodeAnalysis.filament.tool0.length, 160);
    assert.equal(f.json.prints, { success: 0, failure: 0 });
    assert.equal(f.json.statistics, { averagePrintTime: {}, lastPrintTime: {} });
    assert.is(f.json.refs.resource, `${sim.url}/api/files/local/lab_test.gcode`);
    assert.is((await call(`${sim.url}/api/files/local/nope.gcode`, { headers: h })).status, 404);
    assert.is((await call(`${sim.url}/api/files/sdcard/lab_test.gcode`, { headers: h })).status, 404);
  }));

test('GET /api/settings has a webcam section pointing at the simulator snapshot, which serves a JPEG', () =>
  withSim(async (sim) => {
    const s = await call(`${sim.url}/api/settings`, { headers: { 'x-api-key': sim.apiKey } });
    const cam = s.json.webcam;
    assert.is(cam.webcamEnabled, true);
    assert.is(cam.snapshotUrl, `${sim.url}/webcam/snapshot`);
    assert.is(cam.webcams[0].compat.snapshot, `${sim.url}/webcam/snapshot`);
    assert.is(cam.webcams[0].provider, 'classicwebcam');
    assert.is(cam.rotate90, false);
    const jpeg = await call(cam.snapshotUrl);
    assert.is(jpeg.status, 200);
    assert.is(jpeg.headers['content-type'], 'image/jpeg');
    assert.is(jpeg.buf[0], 0xff);
    assert.is(jpeg.buf[1], 0xd8);
    assert.is(sim.snapshots.count, 1);
  }));

test('the snapshot can be corrupt, missing, or the webcam disabled (legacy keys null)', () =>
  withSim(async (sim) => {
    sim.setWebcam({ mode: 'corrupt' });
    const corrupt = await call(`${sim.url}/webcam/snapshot`);
    assert.is(corrupt.status, 200);
    assert.not.ok(corrupt.buf.includes(Buffer.from([0xff, 0xd9])));
    sim.setWebcam({ mode: '404' });
    assert.is((await call(`${sim.url}/webcam/snapshot`)).status, 404);
    sim.setWebcam({ mode: 'ok', enabled: false });
    const s = await call(`${sim.url}/api/settings`, { headers: { 'x-api-key': sim.apiKey } });
    assert.is(s.json.webcam.snapshotUrl, null);
    assert.equal(s.json.webcam.webcams, []);
  }));

test('a slow snapshot answers only after the delay', () =>
  withSim(
    async (sim) => {
      const started = Date.now();
      const res = await call(`${sim.url}/webcam/snapshot`);
      assert.is(res.status, 200);
      assert.ok(Date.now() - started >= 140);
    },
    { webcam: { mode: 'slow', delayMs: 150, width: 32, height: 24 } },
  ));

test('GET /api/printer is 409 when not operational', () =>
  withSim(async (sim) => {
    const h = { 'x-api-key': sim.apiKey };
    const ok = await call(`${sim.url}/api/printer`, { headers: h });
    assert.is(ok.status, 200);
    assert.is(ok.json.state.text, 'Operational');
    assert.is(typeof ok.json.temperature.tool0.actual, 'number');
    sim.setPrinterState('OFFLINE');
    assert.is((await call(`${sim.url}/api/printer`, { headers: h })).status, 409);
  }));

test('everything can live under a base path', () =>
  withSim(
    async (sim) => {
      assert.match(sim.url, /\/octoprint$/);
      assert.is((await login(sim, { 'x-api-key': sim.apiKey })).status, 200);
      const root = sim.url.replace(/\/octoprint$/, '');
      assert.is((await call(`${root}/api/login`, { method: 'POST', headers: { 'x-api-key': sim.apiKey } })).status, 404);
    },
    { basePath: '/octoprint' },
  ));

test.run();
