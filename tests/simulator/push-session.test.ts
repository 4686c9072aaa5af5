import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../runtime/clock.js';
import { OctoPrintSimulator } from '../../simulator/index.js';
import { openRawClient, passiveLogin } from '../support/raw-push-client.js';
import { delay, waitFor } from '../support/wait-for.js';

const keyOf = (m: Record<string, unknown>): string => {
  const k = Object.keys(m)[0];
  return k === 'event' ? `event:${(m.event as { type: string }).type}` : k;
};

async function withSim(fn: (sim: OctoPrintSimulator, clock: ManualClock) => Promise<void>, opts: ConstructorParameters<typeof OctoPrintSimulator>[0] = {}): Promise<void> {
  const clock = new ManualClock(1_795_831_120_000);
  const sim = await new OctoPrintSimulator({ clock, ...opts }).start();
  try {
    await fn(sim, clock);
  } finally {
    await sim.stop();
  }
}

test('connected arrives on open, before any auth; nothing else without auth', () =>
  withSim(async (sim, clock) => {
    const c = await openRawClient(sim.url, { auth: false });
    await c.waitForMessages((m) => 'connected' in m, 'connected');
    sim.emitEvent('Home', null);
    clock.advance(2000);
    await delay(20);
    assert.equal(c.messages.map(keyOf), ['connected']);
    const connected = c.messages[0].connected as Record<string, unknown>;
    assert.is(connected.version, '1.10.3');
    c.close();
  }));

test('a valid auth gets history, timelapse, ClientAuthed, the pre-auth backlog, then currents', () =>
  withSim(async (sim, clock) => {
    const user = await passiveLogin(sim.url, sim.apiKey);
    const c = await openRawClient(sim.url, { auth: false });
    sim.emitEvent('Home', null); // emitted before auth: kept in the backlog
    await delay(10);
    c.send({ auth: `${user.name}:${user.session}` });
    await c.waitForMessages((m) => 'history' in m, 'history');
    clock.advance(500);
    await c.waitForMessages((m) => 'current' in m, 'current');
    assert.equal(c.messages.map(keyOf), ['connected', 'history', 'timelapse', 'event:Home', 'event:ClientAuthed', 'current']);
    c.close();
  }));

test('an unknown or stale session gets reauthRequired "stale" and no history', () =>
  withSim(async (sim) => {
    const c = await openRawClient(sim.url, { auth: `admin:${'0'.repeat(64)}` });
    assert.equal(c.messages.map(keyOf), ['connected', 'reauthRequired']);
    assert.equal(c.messages[1], { reauthRequired: { reason: 'stale' } });
    const d = await openRawClient(sim.url, { auth: 'not-a-pair' });
    assert.equal(d.messages.map(keyOf), ['connected', 'reauthRequired']);
    c.close();
    d.close();
  }));

test('silentOnBadAuth mimics OctoPrint before 1.8.4: no answer at all', () =>
  withSim(
    async (sim) => {
      const c = await openRawClient(sim.url, { auth: false });
      c.send({ auth: `admin:${'1'.repeat(64)}` });
      await delay(30);
      assert.equal(c.messages.map(keyOf), ['connected']);
      c.close();
    },
    { silentOnBadAuth: true },
  ));

test('subscribe filters: logs by regex, events by list, plugins off', () =>
  withSim(async (sim, clock) => {
    const c = await openRawClient(sim.url, {
      apiKey: sim.apiKey,
      subscribe: { state: { logs: 'paused for user|action:', messages: false }, events: ['PrintDone'], plugins: false },
    });
    sim.play('notify');
    sim.emitEvent('Home', null);
    sim.emitEvent('PrintDone', { name: 'x' });
    sim.emitPlugin('action_command_prompt', { action: 'close' });
    clock.advance(500);
    const [current] = await c.waitForMessages((m) => 'current' in m, 'current');
    const data = current.current as { logs: string[]; messages: string[] };
    assert.equal(data.logs, ['Send: !!DEBUG:send echo:busy: paused for user', 'Recv: echo:busy: paused for user']);
    assert.equal(data.messages, []);
    assert.equal(c.messages.filter((m) => 'event' in m).map(keyOf), ['event:PrintDone']);
    assert.not.ok(c.messages.some((m) => 'plugin' in m));
    const history = c.messages.find((m) => 'history' in m)?.history as { logs: string[] };
    assert.ok(history.logs.every((l) => /paused for user|action:/.test(l)));
    c.close();
  }));

test('throttle multiplies the current interval', () =>
  withSim(async (sim, clock) => {
    const c = await openRawClient(sim.url, { apiKey: sim.apiKey, subscribe: { state: true } });
    c.send({ throttle: 4 });
    await delay(10);
    clock.advance(500); // the first tick was scheduled before the throttle
    clock.advance(1000);
    await delay(20);
    const before = c.messages.filter((m) => 'current' in m).length;
    clock.advance(2000);
    await c.waitForMessages((m) => 'current' in m, 'another current', before + 1);
    await delay(20);
    assert.is(c.messages.filter((m) => 'current' in m).length, before + 1);
    c.close();
  }));

test('a second auth on the same socket kills it (OctoPrint 1.8.3–1.10)', () =>
  withSim(async (sim) => {
    const user = await passiveLogin(sim.url, sim.apiKey);
    const c = await openRawClient(sim.url, { auth: `${user.name}:${user.session}` });
    c.send({ auth: `${user.name}:${user.session}` });
    await waitFor(() => c.closed, 'the socket to close');
    assert.is(c.closed?.code, 1006);
  }));

test('the simulator records client messages in arrival order', () =>
  withSim(async (sim) => {
    const c = await openRawClient(sim.url, { apiKey: sim.apiKey, subscribe: { state: true, events: true } });
    c.send({ throttle: 2 });
    c.ws.send('garbage');
    await waitFor(() => sim.allSessions[0].received.length === 4, 'four client messages');
    assert.equal(sim.allSessions[0].received.map((m) => m.kind), ['subscribe', 'auth', 'throttle', 'invalid']);
    assert.equal(sim.allSessions[0].received[1].data, { user: 'admin' });
    c.close();
  }));

test('dropAllSockets closes with 3000 "Go away!"; invalidateSessions can notify', () =>
  withSim(async (sim) => {
    const a = await openRawClient(sim.url, { apiKey: sim.apiKey });
    sim.invalidateSessions('logout');
    await a.waitForMessages((m) => 'reauthRequired' in m, 'reauthRequired');
    assert.equal(a.messages.at(-1), { reauthRequired: { reason: 'logout' } });
    sim.dropAllSockets();
    await waitFor(() => a.closed, 'close');
    assert.equal(a.closed, { code: 3000, reason: 'Go away!' });
  }));

test('restart forgets sessions and refuses connections while down', () =>
  withSim(async (sim) => {
    const user = await passiveLogin(sim.url, sim.apiKey);
    const a = await openRawClient(sim.url, { auth: `${user.name}:${user.session}` });
    const restarting = sim.restart({ downMs: 80 });
    await waitFor(() => a.closed, 'the socket to drop');
    const refused = await openRawClient(sim.url, { auth: false }).then(
      () => false,
      () => true,
    );
    assert.ok(refused, 'connections are refused while down');
    await restarting;
    const b = await openRawClient(sim.url, { auth: `${user.name}:${user.session}` });
    assert.equal(b.messages.map(keyOf), ['connected', 'reauthRequired']);
    b.close();
  }));

test('non-ASCII is escaped as tornado does', () =>
  withSim(async (sim) => {
    const c = await openRawClient(sim.url, { apiKey: sim.apiKey });
    const raw: string[] = [];
    c.ws.addEventListener('message', (e) => raw.push(String(e.data)));
    sim.emitEvent('Custom', { text: 'Düse </b>' });
    await waitFor(() => raw.length, 'the event');
    assert.ok(raw[0].includes('D\\u00fcse <\\/b>'));
    assert.equal((c.messages.at(-1)?.event as { payload: unknown }).payload, { text: 'Düse </b>' });
    c.close();
  }));

test.run();
