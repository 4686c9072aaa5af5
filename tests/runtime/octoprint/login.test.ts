import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../../runtime/clock.js';
import { isOctohookError, type OctohookError } from '../../../runtime/errors.js';
import { fetchJob } from '../../../runtime/octoprint/fetch-job.js';
import { passiveLogin } from '../../../runtime/octoprint/login.js';
import { OctoPrintSimulator } from '../../../simulator/index.js';

async function withSim(fn: (sim: OctoPrintSimulator) => Promise<void>): Promise<void> {
  const sim = await new OctoPrintSimulator({ clock: new ManualClock() }).start();
  try {
    await fn(sim);
  } finally {
    await sim.stop();
  }
}

async function failure(p: Promise<unknown>): Promise<OctohookError> {
  try {
    await p;
  } catch (err) {
    if (isOctohookError(err)) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

test('passive login returns the login name and a new session', () =>
  withSim(async (sim) => {
    const a = await passiveLogin({ baseUrl: sim.url, apiKey: sim.apiKey });
    assert.is(a.name, 'admin');
    assert.match(a.session, /^[0-9a-f]{64}$/);
    assert.is(a.user._login_mechanism, 'apikey');
    const b = await passiveLogin({ baseUrl: `${sim.url}/`, apiKey: sim.apiKey });
    assert.is.not(a.session, b.session);
  }));

test('403: OHK_ERR_OCTOPRINT_AUTH with a message the user can act on, never the key', () =>
  withSim(async (sim) => {
    const err = await failure(passiveLogin({ baseUrl: sim.url, apiKey: 'BAD-KEY-0001' }));
    assert.is(err.code, 'OHK_ERR_OCTOPRINT_AUTH');
    assert.match(err.message, /^OctoPrint rejected the API key \(HTTP 403 to POST http:\/\/127\.0\.0\.1:\d+\/api\/login\)\. Check the key in the config/);
    assert.not.ok(err.message.includes('BAD-KEY-0001'));
    assert.not.ok(JSON.stringify(err).includes('BAD-KEY-0001'));
    assert.is(err.details.status, 403);
  }));

test('an empty key gets the anonymous record: OHK_ERR_OCTOPRINT_AUTH "returned no user"', () =>
  withSim(async (sim) => {
    const err = await failure(passiveLogin({ baseUrl: sim.url, apiKey: '' }));
    assert.is(err.code, 'OHK_ERR_OCTOPRINT_AUTH');
    assert.match(err.message, /returned no user/);
  }));

test('429 is OHK_ERR_OCTOPRINT_RATE_LIMITED with Retry-After; 500 is OHK_ERR_OCTOPRINT_HTTP', () =>
  withSim(async (sim) => {
    sim.failLogins(429, 1);
    const limited = await failure(passiveLogin({ baseUrl: sim.url, apiKey: sim.apiKey }));
    assert.is(limited.code, 'OHK_ERR_OCTOPRINT_RATE_LIMITED');
    assert.is(limited.details.retryAfterMs, 60_000);
    sim.failLogins(500, 1);
    const broken = await failure(passiveLogin({ baseUrl: sim.url, apiKey: sim.apiKey }));
    assert.is(broken.code, 'OHK_ERR_OCTOPRINT_HTTP');
    assert.match(broken.message, /HTTP 500/);
  }));

test('network errors name the URL (without credentials)', async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  const err = await failure(passiveLogin({ baseUrl: `http://user:pw@127.0.0.1:${port}/octo`, apiKey: 'k' }));
  assert.is(err.code, 'OHK_ERR_OCTOPRINT_UNREACHABLE');
  assert.is(err.message, `Cannot reach OctoPrint: POST http://127.0.0.1:${port}/octo/api/login failed (ECONNREFUSED). Check that OctoPrint is running and that the configured URL is right.`);
});

test('a timeout and a non-JSON answer are coded too', async () => {
  const server = createServer((req, res) => {
    if (req.url?.includes('slow')) return; // never answers
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html>proxy page</html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const html = await failure(passiveLogin({ baseUrl: base, apiKey: 'k' }));
    assert.is(html.code, 'OHK_ERR_NOT_OCTOPRINT', 'a proxy page answering the login is not OctoPrint');
    const slow = await failure(passiveLogin({ baseUrl: `${base}/slow`, apiKey: 'k', timeoutMs: 100 }));
    assert.is(slow.code, 'OHK_ERR_OCTOPRINT_UNREACHABLE');
    assert.match(slow.message, /no answer within 100 ms/);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('fetchJob returns the job with its state text', () =>
  withSim(async (sim) => {
    const job = await fetchJob({ baseUrl: sim.url, apiKey: sim.apiKey });
    assert.is(job.state, 'Operational');
    assert.equal(Object.keys(job.progress), ['completion', 'filepos', 'printTime', 'printTimeLeft', 'printTimeLeftOrigin']);
    const denied = await failure(fetchJob({ baseUrl: sim.url, apiKey: 'nope' }));
    assert.is(denied.code, 'OHK_ERR_OCTOPRINT_AUTH');
  }));

test.run();
