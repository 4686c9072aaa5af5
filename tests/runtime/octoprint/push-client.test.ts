import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { withHarness } from '../../support/push-client-harness.js';
import { delay, waitFor } from '../../support/wait-for.js';

test('logs in, subscribes before auth, takes history as the ack, resyncs, then receives events', () =>
  withHarness({}, async (h) => {
    const first = await h.resynced(1);
    const received = h.sim.allSessions[0].received;
    assert.equal(received.map((m) => m.kind), ['subscribe', 'auth']);
    assert.equal(received[0].data, { state: { logs: 'paused for user|action:', messages: false }, events: true, plugins: true });
    assert.equal(received[1].data, { user: 'admin' });
    assert.is(h.client.state, 'live');
    assert.is(h.client.serverVersion, '1.10.3');
    assert.is(first.reconnect, false);
    assert.is(first.state, 'Operational');
    assert.is(first.job?.state, 'Operational');
    assert.is(h.histories.length, 1);
    assert.is(h.sim.loginCount, 1);

    h.sim.play('done');
    for (let i = 0; i < 60; i++) h.simClock.advance(250);
    await waitFor(() => h.events.some((e) => e.type === 'PrintDone'), 'PrintDone');
    const types = h.events.map((e) => e.type);
    assert.ok(types.indexOf('PrintStarted') < types.indexOf('PrintDone'));
    assert.ok(h.currents.length > 10);
    assert.ok(h.currents.every((c) => (c.logs ?? []).every((l) => /paused for user|action:/.test(l))));
  }));

test('delivers plugin messages and M600 "paused for user" log lines', () =>
  withHarness({}, async (h) => {
    await h.resynced(1);
    h.sim.play('filament-change', { filamentChange: { prompt: true, waitMs: 4000 } });
    for (let i = 0; i < 80; i++) h.simClock.advance(250);
    await waitFor(() => h.events.some((e) => e.type === 'PrintDone'), 'PrintDone');
    await delay(10);
    assert.ok(h.events.some((e) => e.type === 'FilamentChange'));
    assert.equal(h.plugins.map((p) => p.plugin), ['action_command_prompt', 'action_command_prompt']);
    assert.ok(h.currents.some((c) => c.logs?.includes('Recv: echo:busy: paused for user')));
  }));

test('a 300 kB frame arrives intact', () =>
  withHarness({}, async (h) => {
    await h.resynced(1);
    const blob = 'x'.repeat(300_000) + 'END';
    h.sim.emitPlugin('big', { blob });
    await waitFor(() => h.plugins.length, 'the big plugin message');
    assert.is((h.plugins[0].data as { blob: string }).blob, blob);
  }));

test('malformed frames are skipped with a clear warning; the connection carries on', () =>
  withHarness({}, async (h) => {
    await h.resynced(1);
    for (const bad of ['not json {', '[1,2,3]', '"just a string"', 'null', '{}', '{"event":{"payload":{}}}', '{"plugin":42}', '{"current":"nope"}']) {
      h.sim.sendRawToAll(bad);
    }
    h.sim.emitEvent('PrintStarted', { name: 'a.gcode' });
    await waitFor(() => h.events.some((e) => e.type === 'PrintStarted'), 'the event after the garbage');
    const warnings = h.logger.at('warn').filter((r) => r.msg.startsWith('Skipped a malformed push message from OctoPrint'));
    assert.is(warnings.length, 8);
    assert.match(warnings[0].msg, /not valid JSON/);
    assert.match(warnings[1].msg, /an array, not a JSON object/);
    assert.is(warnings[0].fields?.frame, 'not json {');
    assert.equal(h.events.map((e) => e.type), ['ClientAuthed', 'PrintStarted']);
    assert.is(h.sim.loginCount, 1);
    assert.is(h.reconnects.length, 0);
  }));

test('unknown message types are ignored without a warning; unknown fields and 2.0 shapes pass through', () =>
  withHarness({ sim: { flavor: '2.0', version: '2.0.0' } }, async (h) => {
    await h.resynced(1);
    h.sim.sendToAll({ slicingProgress: { progress: 10 } });
    h.sim.sendToAll({ somethingNew: { a: 1 } });
    h.sim.emitEvent('PrinterControlsChanged', { extra: { nested: true } });
    h.sim.sendCurrentNow();
    await waitFor(() => h.currents.length && h.events.some((e) => e.type === 'PrinterControlsChanged'), 'current and event');
    assert.is(h.logger.at('warn').length, 0);
    assert.is(h.client.serverVersion, '2.0.0');
    const current = h.currents[0] as unknown as Record<string, unknown>;
    assert.ok('health' in current);
    assert.not.ok('resends' in current);
    assert.equal(h.events.at(-1), { type: 'PrinterControlsChanged', payload: { extra: { nested: true } } });
  }));

test('keeps a base path: <base>/sockjs/websocket and <base>/api/…', () =>
  withHarness({ sim: { basePath: '/octoprint' } }, async (h) => {
    await h.resynced(1);
    assert.ok(h.sim.requests.some((r) => r.path === '/octoprint/api/login'));
    assert.ok(h.sim.requests.some((r) => r.path === '/octoprint/api/job'));
  }));

test('live messages that arrive during the resync are delivered after "resynced"', () =>
  withHarness({}, async (h) => {
    const order: string[] = [];
    h.client.on('history', () => order.push('history'));
    h.client.on('resynced', () => order.push('resynced'));
    h.client.on('event', (e) => order.push(e.type));
    // Sent right after auth, while GET /api/job is still in flight.
    h.client.on('history', () => h.sim.emitEvent('PrintStarted', {}));
    await h.resynced(1);
    await waitFor(() => order.includes('PrintStarted'), 'the event');
    assert.equal(order.slice(0, 2), ['history', 'resynced']);
  }));

test('stop() closes the socket and ends the loop', () =>
  withHarness({}, async (h) => {
    await h.resynced(1);
    await h.client.stop();
    assert.is(h.client.state, 'stopped');
    await waitFor(() => h.sim.sessions.length === 0, 'the server to see the close');
  }));

test('neither the API key nor any session reaches the log; both are registered as secrets', () =>
  withHarness({}, async (h) => {
    await h.resynced(1);
    h.sim.dropAllSockets();
    await h.resynced(2);
    h.sim.invalidateSessions('stale');
    await h.resynced(3);
    const text = h.logger.text();
    assert.not.ok(text.includes(h.sim.apiKey));
    assert.is(h.sim.auth.issuedSessions.length, 3);
    for (const s of h.sim.auth.issuedSessions) {
      assert.not.ok(text.includes(s));
      assert.ok(h.logger.secrets.includes(s));
    }
    assert.ok(h.logger.secrets.includes(h.sim.apiKey));
  }));

test('a throwing listener is logged and does not break delivery', () =>
  withHarness({}, async (h) => {
    await h.resynced(1);
    h.client.on('event', () => {
      throw new Error('listener bug');
    });
    h.sim.emitEvent('Home', null);
    h.sim.emitEvent('PrintStarted', {});
    await waitFor(() => h.events.some((e) => e.type === 'PrintStarted'), 'both events');
    assert.equal(h.events.map((e) => e.type), ['ClientAuthed', 'Home', 'PrintStarted']);
    assert.is(h.logger.at('error').length, 2);
    assert.is(h.client.state, 'live');
  }));

test.run();
