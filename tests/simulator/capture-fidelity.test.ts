// The simulator against the recorded OctoPrint 1.10.3 traffic: every message and event type of
// the recordings is produced, with the same field names and JSON value kinds (recursively), and
// the scripted done/pause/error prints fire the recorded event order.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../runtime/clock.js';
import { OctoPrintSimulator, type ScriptName } from '../../simulator/index.js';
import { shapeDiffAny } from '../support/json-shape.js';
import { capturedByKey, capturedEventOrder, isLabPluginKey, messageKey } from '../support/octoprint-captures.js';
import { openRawClient } from '../support/raw-push-client.js';
import { delay } from '../support/wait-for.js';

/** Plays a script on a fresh simulator with a client subscribed to everything; returns what it received. */
async function record(script: ScriptName): Promise<{ messages: Record<string, unknown>[]; sim: OctoPrintSimulator }> {
  const clock = new ManualClock(1_795_831_120_000);
  const sim = await new OctoPrintSimulator({ clock }).start();
  try {
    const c = await openRawClient(sim.url, { apiKey: sim.apiKey });
    clock.advance(1500); // idle currents and a temperature report first, as recorded
    const run = sim.play(script);
    for (let i = 0; i < 200 && run.ran.length < run.script.steps.length; i++) clock.advance(250);
    clock.advance(1500);
    const last = run.script.steps.at(-1)?.label;
    assert.is(run.ran.at(-1), last, 'the script ran to its end');
    assert.equal(sim.scriptErrors, []);
    const expected = sim.emitted.length;
    await c.waitForMessages((m) => 'event' in m || 'plugin' in m, 'every event', expected);
    await delay(30); // the currents sent after the last event
    c.close();
    return { messages: c.messages, sim };
  } finally {
    await sim.stop();
  }
}

const recorded: Record<string, Record<string, unknown>[]> = {};
const runs = async (): Promise<Record<string, unknown>[]> => {
  for (const s of ['done', 'pause', 'error', 'notify', 'cancel'] as ScriptName[]) recorded[s] ??= (await record(s)).messages;
  return Object.values(recorded).flat();
};

test('every recorded message and event type is produced (lab plugins aside)', async () => {
  const produced = new Set((await runs()).map(messageKey));
  const missing = [...capturedByKey().keys()].filter((k) => !isLabPluginKey(k) && !produced.has(k));
  assert.equal(missing, []);
});

test('every produced message has the recorded field names and value kinds', async () => {
  const captured = capturedByKey();
  const problems: string[] = [];
  const checked = new Set<string>();
  for (const msg of await runs()) {
    const key = messageKey(msg);
    const samples = captured.get(key);
    if (!samples) continue;
    checked.add(key);
    const diff = shapeDiffAny(msg, samples);
    if (diff.length) problems.push(`${key}: ${diff.slice(0, 4).join('; ')}`);
  }
  assert.equal([...new Set(problems)].slice(0, 10), []);
  assert.ok(checked.size >= 30, `compared ${checked.size} kinds`);
});

test('the shape helper notices a wrong kind, a missing and an extra field', () => {
  const sample = { a: 1, b: { c: 'x' }, d: [{ e: true }] };
  assert.equal(shapeDiffAny({ a: 1, b: { c: 'y' }, d: [] }, [sample]), []);
  assert.equal(shapeDiffAny({ a: '1', b: { c: 'x' }, d: [] }, [sample]), ['$.a: string where the capture has number']);
  assert.equal(shapeDiffAny({ a: 1, b: {}, d: [] }, [sample]), ['$.b.c: missing']);
  assert.equal(shapeDiffAny({ a: 1, b: { c: 'x' }, d: [{ e: true, f: 1 }] }, [sample]), ['$.d[0].f: not in the capture']);
});

const order = (messages: Record<string, unknown>[]): string[] =>
  messages.map(messageKey).filter((k) => (k.startsWith('event:') || k.startsWith('plugin:')) && k !== 'event:ClientAuthed' && k !== 'event:ZChange');

test('a scripted done print fires the recorded event order', async () => {
  await runs();
  assert.equal(order(recorded.done), capturedEventOrder('default-done'));
});

test('a scripted pause/resume/pause/cancel fires the recorded event order', async () => {
  await runs();
  assert.equal(order(recorded.pause), capturedEventOrder('default-pause'));
});

test('a scripted firmware error fires the recorded event order', async () => {
  await runs();
  assert.equal(order(recorded.error), capturedEventOrder('default-error'));
});

test('ZChange rises layer by layer and progress rises in current.progress.completion', async () => {
  await runs();
  const z = recorded.done.filter((m) => messageKey(m) === 'event:ZChange').map((m) => (m.event as { payload: { new: number; old: number | null } }).payload);
  assert.ok(z.length >= 8);
  assert.is(z[0].old, null);
  for (let i = 1; i < z.length; i++) {
    assert.ok(z[i].new > z[i - 1].new);
    assert.is(z[i].old, z[i - 1].new);
  }
  const completions = recorded.done
    .filter((m) => 'current' in m)
    .map((m) => (m.current as { progress: { completion: number | null } }).progress.completion)
    .filter((c): c is number => c !== null);
  assert.ok(completions.length >= 10);
  for (let i = 1; i < completions.length; i++) assert.ok(completions[i] >= completions[i - 1]);
  assert.is(completions.at(-1), 100);
});

test.run();
