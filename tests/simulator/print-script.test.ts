// Scripted prints beyond the recorded runs: M600, cancel, lost printer connection, the
// "Starting" window, script timing on a manual clock and a scaled clock.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../runtime/clock.js';
import { createScript, OctoPrintSimulator, ScaledClock, type ScriptName, type ScriptOptions } from '../../simulator/index.js';
import { messageKey } from '../support/octoprint-captures.js';
import { openRawClient } from '../support/raw-push-client.js';
import { delay } from '../support/wait-for.js';

type Msg = Record<string, unknown>;

async function play(script: ScriptName, options: ScriptOptions = {}, simOpts: ConstructorParameters<typeof OctoPrintSimulator>[0] = {}): Promise<{ messages: Msg[]; sim: OctoPrintSimulator }> {
  const clock = new ManualClock(1_795_831_120_000);
  const sim = await new OctoPrintSimulator({ clock, ...simOpts }).start();
  try {
    const c = await openRawClient(sim.url, { apiKey: sim.apiKey, subscribe: { state: { logs: 'paused for user|action:', messages: false }, events: true, plugins: true } });
    const run = sim.play(script, options);
    while (run.ran.length < run.script.steps.length) clock.advance(100);
    clock.advance(1000);
    assert.equal(sim.scriptErrors, []);
    await c.waitForMessages((m) => 'event' in m || 'plugin' in m, 'all events', sim.emitted.length);
    await delay(20);
    c.close();
    return { messages: c.messages, sim };
  } finally {
    await sim.stop();
  }
}

const events = (messages: Msg[]): string[] => messages.map(messageKey).filter((k) => k.startsWith('event:') || k.startsWith('plugin:'));
const payloadOf = (messages: Msg[], key: string): Record<string, unknown> => {
  const m = messages.find((x) => messageKey(x) === key);
  if (!m) throw new Error(`no ${key}`);
  return (m.event as { payload: Record<string, unknown> }).payload;
};
const logs = (messages: Msg[]): string[] => messages.filter((m) => 'current' in m).flatMap((m) => (m.current as { logs: string[] }).logs);

test('M600 (Prusa style): FilamentChange, "paused for user" every ~2 s in current.logs, state stays Printing', async () => {
  const { messages } = await play('filament-change', { filamentChange: { waitMs: 6000 } });
  const ev = events(messages);
  assert.ok(ev.includes('event:FilamentChange'));
  assert.not.ok(ev.includes('event:PrintPaused'));
  assert.ok(ev.includes('event:PrintDone'));
  assert.is(logs(messages).filter((l) => l === 'Recv: echo:busy: paused for user').length, 2);
  const states = messages.filter((m) => 'current' in m).map((m) => (m.current as { state: { text: string } }).state.text);
  assert.not.ok(states.includes('Paused'));
});

test('M600 with //action:paused and a prompt: PrintPaused without position or user, prompt show/close', async () => {
  const { messages } = await play('filament-change', { filamentChange: { actionPaused: true, prompt: true, waitMs: 4000 } });
  const ev = events(messages).filter((e) => !e.startsWith('event:Metadata') && e !== 'event:ZChange');
  const i = ev.indexOf('event:FilamentChange');
  assert.equal(ev.slice(i, i + 6), [
    'event:FilamentChange',
    'event:PrinterStateChanged',
    'event:PrintPaused',
    'event:ChartMarked',
    'event:PrinterStateChanged',
    'plugin:action_command_prompt',
  ]);
  const paused = payloadOf(messages, 'event:PrintPaused');
  assert.not.ok('position' in paused);
  assert.not.ok('user' in paused);
  assert.is(typeof paused.progress, 'number');
  const prompts = messages.filter((m) => messageKey(m) === 'plugin:action_command_prompt').map((m) => (m.plugin as { data: unknown }).data);
  assert.equal(prompts, [{ action: 'show', text: 'Nozzle Parked', choices: ['Continue'] }, { action: 'close' }]);
  assert.ok(logs(messages).includes('Recv: //action:paused'));
  assert.ok(ev.includes('event:PrintResumed'));
});

test('cancel while printing: PrintCancelling, Cancelling, PrintCancelled, PrintFailed(cancelled) with an int %', async () => {
  const { messages } = await play('cancel');
  const ev = events(messages).filter((e) => e !== 'event:ZChange');
  const i = ev.indexOf('event:PrintCancelling');
  assert.equal(ev.slice(i), [
    'event:PrintCancelling',
    'event:PrinterStateChanged',
    'event:PrintCancelled',
    'event:ChartMarked',
    'event:MetadataAnalysisStarted',
    'event:MetadataStatisticsUpdated',
    'event:PrintFailed:cancelled',
    'event:MetadataAnalysisFinished',
    'event:PrinterStateChanged',
  ]);
  const failed = payloadOf(messages, 'event:PrintFailed:cancelled');
  assert.ok(Number.isInteger(failed.progress));
  assert.is(failed.progress, 30);
});

test('firmware error: PrintFailed(error) carries a 0..1 fraction; the job ends deselected and Offline after error', async () => {
  const { messages } = await play('error');
  const failed = payloadOf(messages, 'event:PrintFailed:error');
  assert.ok((failed.progress as number) > 0.19 && (failed.progress as number) < 0.21);
  assert.is(failed.error, 'Thermal Runaway, system stopped! Heater_ID: bed - Printer halted. kill() called!');
  const last = messages.filter((m) => 'current' in m).at(-1)?.current as { state: { text: string; flags: { closedOrError: boolean; error: boolean } }; job: { filament: unknown } };
  assert.is(last.state.text, 'Offline after error');
  assert.is(last.state.flags.closedOrError, true);
  assert.is(last.state.flags.error, false);
  assert.is(last.job.filament, null);
});

test('lost printer connection mid-print: Error(connection), Disconnected, PrintFailed(error), then reconnect', async () => {
  const { messages } = await play('disconnect');
  const ev = events(messages).filter((e) => e !== 'event:ZChange');
  const i = ev.indexOf('event:Error');
  assert.equal(ev.slice(i, i + 5), ['event:Error', 'event:UpdatedFiles', 'event:FileDeselected', 'event:Disconnected', 'event:PrinterStateChanged']);
  assert.is(payloadOf(messages, 'event:Error').reason, 'connection');
  assert.ok(ev.includes('event:PrintFailed:error'));
  assert.equal(ev.slice(-4), ['event:Connecting', 'event:PrinterStateChanged', 'event:Connected', 'event:PrinterStateChanged']);
});

test('PrintStarted can be seen while the state is still "Starting" with null progress', async () => {
  const { messages } = await play('done', { startingMs: 600 });
  const starting = messages.filter((m) => 'current' in m).map((m) => m.current as { state: { text: string }; progress: { completion: number | null } }).find((c) => c.state.text === 'Starting');
  assert.ok(starting, 'a current in the Starting state');
  assert.is(starting?.progress.completion, null);
});

test('script durations follow the recordings and run instantly on a manual clock', () => {
  assert.ok(Math.abs(createScript('done').durationMs - 10_790) < 200);
  const pause = createScript('pause');
  assert.ok(pause.durationMs > 15_000 && pause.durationMs < 17_000);
  assert.ok(pause.steps.some((s) => s.label === 'resume'));
});

test('with a scaled clock a print plays in real time at speed x', async () => {
  const sim = await new OctoPrintSimulator({ clock: new ScaledClock(200), currentIntervalMs: 100 }).start();
  try {
    const started = Date.now();
    await sim.play('done').done;
    const took = Date.now() - started;
    assert.ok(took < 400, `took ${took} ms`);
    assert.ok(sim.emitted.some((e) => e.type === 'PrintDone'));
  } finally {
    await sim.stop();
  }
});

test.run();
