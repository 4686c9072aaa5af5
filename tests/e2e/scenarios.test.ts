// The recorded scenarios and the plugin's other triggers, end to end through the simulator.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { startHarness, type Harness } from '../support/run-daemon.js';

const topics = (h: Harness, prefix: string) =>
  h.receiver.requests.filter((r) => r.url.startsWith(prefix)).map((r) => (r.json as { topic: string }).topic);

const allTriggers = (url: string, path: string) => `
hook all on PrintStarted, PrintDone, PrintFailed, PrintPaused, UserActionNeeded, Error, Progress every 10% {
  url "${url}${path}"
  data { topic: @topic, message: @message, extra: @extra, state: @state.text }
}`;

const t = suite('e2e: scenarios');

t('pause: Started, 10 %, Paused, 20 %, 30 %, Paused, Failed — as the plugin sent, without a User Action Needed', async () => {
  const h = await startHarness((url) => allTriggers(url, '/p'));
  try {
    await h.sim.play('pause').done;
    await h.settle();
    assert.equal(topics(h, '/p'), ['Print Started', 'Print Progress', 'Print Paused', 'Print Progress', 'Print Progress', 'Print Paused', 'Print Failed']);
    const failed = h.receiver.requests.at(-1)!.json as { extra: { reason: string; progress: number } };
    assert.is(failed.extra.reason, 'cancelled');
  } finally {
    await h.stop();
  }
});

t('cancel as its own event: PrintCancelled reaches a hook that asks for it', async () => {
  const h = await startHarness(
    (url) => `hook c on PrintCancelled, PrintFailed { url "${url}/c" data { topic: @topic, reason: @extra.reason } }`,
  );
  try {
    await h.sim.play('cancel').done;
    await h.settle();
    assert.equal(topics(h, '/c'), ['Print Cancelled', 'Print Failed']);
  } finally {
    await h.stop();
  }
});

t('error: Started, 10 %, Error, 20 % (caught up from PrintFailed), Failed, with the firmware error text', async () => {
  const h = await startHarness((url) => allTriggers(url, '/e'));
  try {
    await h.sim.play('error').done;
    await h.settle();
    // The last `current` before the crash said 19.5 %; OctoPrint's PrintFailed says 0.202 of
    // the file was printed, so 20 % is caught up from it (the plugin, inside OctoPrint, sent
    // it just before Error; an external client cannot know earlier).
    assert.equal(topics(h, '/e'), ['Print Started', 'Print Progress', 'Error', 'Print Progress', 'Print Failed']);
    const error = h.receiver.requests.find((r) => (r.json as { topic: string }).topic === 'Error')!.json as { extra: { error: string; reason: string } };
    assert.type(error.extra.error, 'string');
    assert.is(error.extra.reason, 'firmware');
  } finally {
    await h.stop();
  }
});

t('notify: "paused for user" lines repeated every 2 s fire User Action Needed once', async () => {
  const h = await startHarness((url) => allTriggers(url, '/n'));
  try {
    await h.sim.play('notify').done;
    await h.settle();
    assert.equal(topics(h, '/n'), ['User Action Needed']);
    const body = h.receiver.requests[0].json as { message: string; extra: { reason: string } };
    assert.is(body.message, 'User action needed. You might need to change the filament color.');
    assert.is(body.extra.reason, 'busy');
  } finally {
    await h.stop();
  }
});

t('filament change with busy lines, action:paused and a prompt: one User Action Needed per wait', async () => {
  const h = await startHarness((url) => allTriggers(url, '/f'));
  try {
    await h.sim.play('filament-change', { filamentChange: { actionPaused: true, prompt: true } }).done;
    await h.settle();
    const seen = topics(h, '/f');
    assert.is(seen.filter((x) => x === 'User Action Needed').length, 1, seen.join(', '));
    assert.is(seen[0], 'Print Started');
    assert.is(seen.at(-1), 'Print Done');
    const milestones = seen.filter((x) => x === 'Print Progress').length;
    assert.is(milestones, 9);
  } finally {
    await h.stop();
  }
});

t('a dropped connection: the daemon logs in again, reconnects, and later events still arrive', async () => {
  const h = await startHarness((url) => `hook d on PrintStarted, PrintDone, Connected, Disconnected { url "${url}/d" data { topic: @topic } }`);
  try {
    const logins = h.sim.loginCount;
    h.sim.dropAllSockets();
    const deadline = Date.now() + 8000;
    while (h.sim.loginCount === logins && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    while (h.daemon.client.state !== 'live' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.is(h.daemon.client.state, 'live');
    await h.sim.play('done').done;
    await h.settle();
    assert.equal(topics(h, '/d'), ['Print Started', 'Print Done']);
  } finally {
    await h.stop();
  }
});

t('OctoPrint 2.0 shapes (health instead of resends, no averagePrintTime): the same deliveries', async () => {
  const h = await startHarness((url) => allTriggers(url, '/v2'), { sim: { flavor: '2.0', version: '2.0.0' } });
  try {
    await h.sim.play('done').done;
    await h.settle();
    assert.equal(topics(h, '/v2'), ['Print Started', ...Array(9).fill('Print Progress'), 'Print Done']);
  } finally {
    await h.stop();
  }
});

t.run();
