// The strong test: every message recorded from a real OctoPrint 1.10.3 (one of each message
// and event type, fixtures/octoprint-captures/samples/push) and every body the
// OctoPrint-Webhooks plugin sent (samples/webhooks/json) conforms to the schema: no missing
// required field, no wrong type, and no field the schema does not declare.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { schemaTables } from '../../compiler/schema/tables.js';
import type { SchemaType } from '../../compiler/schema/schema-types.js';
import { formatMismatches, valueConforms } from '../../compiler/schema/type-utils.js';
import { capturesDir, readHttpJsonBody, readJsonDir } from './support.js';

const ref = (name: string): SchemaType => ({ kind: 'ref', name });

const pushSamples = readJsonDir(join(capturesDir, 'push'));

function expectConforms(value: unknown, type: SchemaType, where: string): void {
  const mismatches = valueConforms(value, type, schemaTables);
  assert.ok(mismatches.length === 0, `${where} does not conform:\n${formatMismatches(mismatches)}`);
}

test('the push samples are all there (one per message and event type)', () => {
  assert.ok(pushSamples.length >= 37, `only ${pushSamples.length} samples`);
  const events = pushSamples.filter((s) => s.file.startsWith('event-'));
  assert.ok(events.length >= 28, `only ${events.length} event samples`);
});

test('every captured event payload conforms to its event type in the tables', () => {
  let checked = 0;
  for (const { file, data } of pushSamples) {
    const msg = data as { event?: { type: string; payload: unknown } };
    if (!msg.event) continue;
    const ev = schemaTables.events[msg.event.type];
    assert.ok(ev, `${file}: event ${msg.event.type} is not in the tables`);
    expectConforms(msg.event.payload, ev.payload, `${file} payload`);
    expectConforms(msg.event, ref('EventMessagePayload'), `${file} envelope`);
    checked++;
  }
  assert.ok(checked >= 28, `checked ${checked}`);
});

test('every captured current and history message conforms to CurrentData / HistoryData', () => {
  let checked = 0;
  for (const { file, data } of pushSamples) {
    const msg = data as { current?: unknown; history?: unknown };
    if (msg.current !== undefined) {
      expectConforms(msg.current, ref('CurrentData'), file);
      checked++;
    }
    if (msg.history !== undefined) {
      expectConforms(msg.history, ref('HistoryData'), file);
      checked++;
    }
  }
  assert.ok(checked >= 6, `checked ${checked}`);
});

test('every captured message, of every type, conforms to the PushMessage union', () => {
  for (const { file, data } of pushSamples) expectConforms(data, ref('PushMessage'), file);
});

test('the conformance check has teeth: broken captures are caught with paths', () => {
  const current = (pushSamples.find((s) => s.file === 'current-printing.json')!.data as { current: Record<string, unknown> }).current;
  const broken = structuredClone(current) as Record<string, any>;
  delete broken.state.flags.printing;
  broken.job.file.size = '11911';
  broken.progress.printTimeLeftOrigin = 'guess';
  broken.surprise = 1;
  const found = valueConforms(broken, ref('CurrentData'), schemaTables);
  const byPath = Object.fromEntries(found.map((m) => [m.path, m.problem]));
  assert.equal(byPath, {
    'state.flags.printing': 'missing',
    'job.file.size': 'type',
    'progress.printTimeLeftOrigin': 'type',
    surprise: 'unexpected',
  });
  const failed = (pushSamples.find((s) => s.file === 'event-PrintFailed-error.json')!.data as { event: { payload: Record<string, unknown> } }).event.payload;
  const noReason = { ...failed };
  delete noReason.error;
  const m = valueConforms(noReason, schemaTables.events.PrintFailed.payload, schemaTables);
  assert.equal(m.map((x) => `${x.path}:${x.problem}`), ['error:missing']);
});

/** The plugin's topics and the event whose payload it put in `extra`. */
const TOPIC_EVENT: Record<string, string> = {
  'Print Started': 'PrintStarted',
  'Print Done': 'PrintDone',
  'Print Failed': 'PrintFailed',
  'Print Paused': 'PrintPaused',
  Error: 'Error',
  'Print Progress': 'plugin_webhooks_progress',
  'User Action Needed': 'plugin_webhooks_notify',
};

test('every captured plugin webhook body conforms to HookParameters, and extra to its event', () => {
  const dir = join(capturesDir, 'webhooks', 'json');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  assert.ok(files.length >= 20, `only ${files.length} bodies`);
  let metas = 0;
  for (const file of files) {
    const body = readHttpJsonBody(join(dir, file));
    const event = TOPIC_EVENT[body.topic as string];
    assert.ok(event, `${file}: unknown topic ${String(body.topic)}`);
    for (const [key, value] of Object.entries(body)) {
      const root = schemaTables.roots[key];
      assert.ok(root, `${file}: ${key} is not a parameter root`);
      // The plugin writes a missing value as "" (here: `meta` once the file is deselected).
      if (value === '' && root.optional) continue;
      if (key === 'extra') {
        const payload = schemaTables.events[event].payload;
        // A null payload reaches hooks as {} (plugin and octohook alike).
        if (payload.kind === 'null') assert.equal(value, {}, `${file}: extra`);
        else expectConforms(value, payload, `${file} extra (${event})`);
        continue;
      }
      if (key === 'meta') metas++;
      expectConforms(value, root.type, `${file} ${key}`);
    }
  }
  assert.ok(metas > 0, 'no body carried meta');
});

test('hand-written synthesized payloads conform, and wrong reasons do not', () => {
  const uan = schemaTables.events.UserActionNeeded.payload;
  expectConforms({ reason: 'busy', line: 'echo:busy: paused for user' }, uan, 'busy');
  expectConforms({ reason: 'prompt', text: 'Nozzle Parked', choices: ['Continue'] }, uan, 'prompt');
  expectConforms({ reason: 'filamentChange' }, uan, 'filamentChange');
  assert.is(valueConforms({ reason: 'bored' }, uan, schemaTables).length, 1);
  expectConforms({ milestone: 20, completion: 21.5 }, schemaTables.events.Progress.payload, 'progress');
});

test.run();
