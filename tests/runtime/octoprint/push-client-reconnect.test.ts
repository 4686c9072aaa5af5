import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { startHarness, withHarness } from '../../support/push-client-harness.js';
import { delay, waitFor } from '../../support/wait-for.js';

test('reconnects with a new login after the simulator drops the socket (close 3000)', () =>
  withHarness({}, async (h) => {
    await h.resynced(1);
    h.sim.dropAllSockets('close');
    const again = await h.resynced(2);
    assert.is(again.reconnect, true);
    assert.is(h.sim.loginCount, 2);
    assert.is(h.reconnects.length, 1);
    assert.is(h.reconnects[0].delayMs, 1000);
    assert.match(h.reconnects[0].reason, /code 3000, "Go away!"/);
    assert.is(h.histories.length, 2);
  }));

test('reconnects after a TCP drop without a close frame', () =>
  withHarness({}, async (h) => {
    await h.resynced(1);
    h.sim.dropAllSockets('terminate');
    await h.resynced(2);
    assert.match(h.reconnects[0].reason, /closed \(code 1006/);
  }));

test('survives a server restart: sessions forgotten, port down for a while, then a fresh login', () =>
  withHarness({ autoAdvance: 15 }, async (h) => {
    await h.resynced(1);
    await h.sim.restart({ downMs: 100 });
    await h.resynced(2);
    assert.ok(h.reconnects.length >= 2);
    assert.ok(h.reconnects.some((r) => r.code === 'OHK_ERR_OCTOPRINT_UNREACHABLE'));
    assert.ok(h.sim.loginCount >= 2);
    const refused = h.reconnects.find((r) => r.code === 'OHK_ERR_OCTOPRINT_UNREACHABLE');
    assert.match(refused?.reason ?? '', new RegExp(`POST ${h.sim.url}/api/login`));
  }));

test('reauthRequired (a stale session at auth time) → close, log in again, reconnect', () =>
  withHarness({ manualStart: true }, async (h) => {
    h.sim.rejectNextAuths(1);
    h.client.start();
    await h.resynced(1);
    assert.is(h.sim.loginCount, 2);
    assert.match(h.reconnects[0].reason, /reauthRequired: stale/);
    assert.is(h.sim.allSessions.length, 2);
    assert.equal(h.sim.allSessions[0].received.map((m) => m.kind), ['subscribe', 'auth']);
  }));

test('reauthRequired on a live socket (logout) also leads to a fresh login', () =>
  withHarness({}, async (h) => {
    await h.resynced(1);
    h.sim.invalidateSessions('logout');
    await h.resynced(2);
    assert.match(h.reconnects[0].reason, /reauthRequired: logout/);
    // the old socket was closed by the client, not re-authenticated
    assert.equal(h.sim.allSessions[0].received.map((m) => m.kind), ['subscribe', 'auth']);
  }));

test('no ack (OctoPrint < 1.8.4 stays silent on a bad auth): times out on the clock and reconnects', () =>
  withHarness({ sim: { silentOnBadAuth: true }, manualStart: true }, async (h) => {
    h.sim.rejectNextAuths(1);
    h.client.start();
    await waitFor(() => h.sim.allSessions[0]?.received.length === 2, 'subscribe and auth');
    await delay(20);
    assert.is(h.resyncs.length, 0);
    h.clock.advance(9_999);
    assert.is(h.reconnects.length, 0);
    h.clock.advance(1);
    await h.resynced(1);
    assert.match(h.reconnects[0].reason, /no answer to auth within 10000 ms/);
  }));

test('backoff grows exponentially and is capped (manual clock, no jitter)', async () => {
  const h = await startHarness({ manualStart: true });
  try {
    h.sim.failLogins(500);
    h.client.start();
    await waitFor(() => h.reconnects.length >= 9, 'nine retries');
    await h.client.stop();
    assert.equal(
      h.reconnects.slice(0, 9).map((r) => r.delayMs),
      [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000],
    );
    assert.equal(h.reconnects.slice(0, 3).map((r) => r.attempt), [1, 2, 3]);
    assert.is(h.reconnects[0].code, 'OHK_ERR_OCTOPRINT_HTTP');
  } finally {
    await h.stop();
  }
});

test('jitter takes off at most the configured share', async () => {
  const h = await startHarness({ manualStart: true, client: { random: () => 1, backoff: { jitter: 0.25, maxMs: 5000 } } });
  try {
    h.sim.failLogins(500);
    h.client.start();
    await waitFor(() => h.reconnects.length >= 5, 'five retries');
    await h.client.stop();
    assert.equal(h.reconnects.slice(0, 5).map((r) => r.delayMs), [750, 1500, 3000, 3750, 3750]);
  } finally {
    await h.stop();
  }
});

test('a rejected key is an actionable auth error and waits at least authFailureMs', () =>
  withHarness({ client: { apiKey: 'WRONG-KEY-1234' } }, async (h) => {
    await waitFor(() => h.reconnects.length >= 2, 'two retries');
    assert.is(h.reconnects[0].code, 'OHK_ERR_OCTOPRINT_AUTH');
    assert.is(h.reconnects[0].delayMs, 60_000);
    const err = h.logger.at('error')[0];
    assert.match(err.msg, /^OctoPrint rejected the API key \(HTTP 403 to POST http:\/\/127\.0\.0\.1:\d+\/api\/login\)/);
    assert.match(err.msg, /Retrying in 60 s\.$/);
    assert.not.ok(h.logger.text().includes('WRONG-KEY-1234'));
  }));

test('a 429 on login waits for Retry-After (at least authFailureMs)', () =>
  withHarness({ manualStart: true, client: { backoff: { authFailureMs: 5000 } } }, async (h) => {
    h.sim.failLogins(429, 1);
    h.client.start();
    await h.resynced(1);
    assert.is(h.reconnects[0].code, 'OHK_ERR_OCTOPRINT_RATE_LIMITED');
    assert.is(h.reconnects[0].delayMs, 60_000);
  }));

test('the attempt count resets only after a connection that stayed up', () =>
  withHarness({ manualStart: true }, async (h) => {
    h.sim.failLogins(500, 2);
    h.client.start();
    await h.resynced(1);
    h.sim.dropAllSockets(); // up for 0 ms: the count goes on
    await h.resynced(2);
    h.clock.advance(30_000); // stable now
    h.sim.dropAllSockets();
    await h.resynced(3);
    assert.equal(h.reconnects.map((r) => r.delayMs), [1000, 2000, 4000, 1000]);
  }));

test('liveness: a socket that stops answering pings is replaced; an answering one is kept', () =>
  withHarness({ client: { liveness: { intervalMs: 1000, timeoutMs: 500 } } }, async (h) => {
    await h.resynced(1);
    h.clock.advance(1000); // ping
    await delay(30); // the pong travels
    h.clock.advance(500);
    await delay(20);
    assert.is(h.reconnects.length, 0);

    h.sim.setAnswerPings(false);
    h.clock.advance(500); // next ping at +1000 since the last
    await delay(30);
    h.clock.advance(500);
    await h.resynced(2);
    assert.match(h.reconnects[0].reason, /no answer to ping/);
  }));

test('an unreachable OctoPrint names the URL in the reason', async () => {
  const h = await startHarness({ manualStart: true });
  const url = h.sim.url;
  await h.sim.stop();
  try {
    h.client.start();
    await waitFor(() => h.reconnects.length, 'a retry');
    assert.is(h.reconnects[0].code, 'OHK_ERR_OCTOPRINT_UNREACHABLE');
    assert.match(h.reconnects[0].reason, new RegExp(`^Cannot reach OctoPrint: POST ${url}/api/login failed \\(ECONNREFUSED\\)`));
  } finally {
    await h.client.stop();
  }
});

test.run();
