// PrinterAfterEvent and PrinterQueries with a ManualClock and a REST API the test answers by
// hand: which requests go out, how many, and what stands in when they fail or are late.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { ManualClock } from '../../runtime/clock.js';
import type { PrinterView } from '../../runtime/dispatch/firing.js';
import { silentLogger } from '../../runtime/log/logger.js';
import { PrinterAfterEvent, PrinterQueries, printerAfterEventPolicy, type PrinterRest } from '../../runtime/printer-after-event.js';

const t = suite('runtime: the printer after an event');

interface Pending {
  source: 'job' | 'state';
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

function handRest(): PrinterRest & { pending: Pending[] } {
  const pending: Pending[] = [];
  const ask = (source: 'job' | 'state') => new Promise<unknown>((resolve, reject) => pending.push({ source, resolve, reject }));
  return {
    pending,
    job: () => ask('job') as Promise<{ job: unknown; progress: unknown }>,
    state: () => ask('state'),
  };
}

const view = (text: string, file: string | null, z = 0.2): PrinterView => ({ state: { text }, job: { file: { name: file } }, progress: { completion: 0 }, currentZ: z, offsets: {} });
const flush = () => new Promise((r) => setImmediate(r));

function afterEvent(queries: PrinterQueries | undefined, clock: ManualClock, latest: PrinterView, next?: Promise<PrinterView>) {
  return new PrinterAfterEvent({ queries, clock, nextCurrent: next ?? new Promise(() => undefined), latest: () => latest, logger: silentLogger });
}

t('roots that need no REST give null; @job/@progress/@meta share GET /api/job, @state asks GET /api/printer, once per event', async () => {
  const rest = handRest();
  const clock = new ManualClock(0);
  const after = afterEvent(new PrinterQueries(rest), clock, view('Operational', null, 0.4));
  assert.is(after.view(['topic', 'message', 'extra', 'currentZ', 'offsets', 'env']), null);
  assert.is(rest.pending.length, 0);
  const a = after.view(['job', 'progress'])!;
  const b = after.view(['meta', 'state'])!;
  const c = after.view(['state', 'job'])!;
  assert.equal(rest.pending.map((p) => p.source), ['job', 'state'], 'one of each, both at once');
  rest.pending[0].resolve({ job: { file: { name: 'cube.gcode' } }, progress: { completion: 1 } });
  rest.pending[1].resolve({ text: 'Printing', flags: {} });
  const [va, vb, vc] = await Promise.all([a, b, c]);
  assert.equal(va.job, { file: { name: 'cube.gcode' } });
  assert.equal(vb.state, { text: 'Printing', flags: {} });
  assert.is(vb.job, va.job, 'the same answer object');
  assert.is(vc, vb, 'the same view for the same requests');
  assert.is(va.currentZ, 0.4, '@currentZ from the latest current');
});

t('an answer later than the deadline: the next current stands in', async () => {
  const rest = handRest();
  const clock = new ManualClock(0);
  let giveNext!: (v: PrinterView) => void;
  const next = new Promise<PrinterView>((r) => (giveNext = r));
  const after = afterEvent(new PrinterQueries(rest), clock, view('Operational', null), next);
  let got: PrinterView | undefined;
  void after.view(['job'])!.then((v) => (got = v));
  clock.advance(printerAfterEventPolicy.restDeadlineMs - 1);
  await flush();
  assert.is(got, undefined, 'still waiting inside the deadline');
  clock.advance(1);
  await flush();
  assert.is(got, undefined, 'past the deadline it waits for the next current');
  giveNext(view('Printing', 'from-current.gcode'));
  await flush();
  assert.equal(got!.job, { file: { name: 'from-current.gcode' } });
  rest.pending[0].resolve({ job: { file: { name: 'late.gcode' } }, progress: {} });
  await flush();
  assert.equal(got!.job, { file: { name: 'from-current.gcode' } }, 'the late answer changes nothing');
});

t('a failed request: the next current stands in for it, a good one still counts', async () => {
  const rest = handRest();
  const clock = new ManualClock(0);
  const after = afterEvent(new PrinterQueries(rest), clock, view('Operational', null), Promise.resolve(view('Error', null, 9)));
  const v = after.view(['state', 'job'])!;
  rest.pending.find((p) => p.source === 'state')!.reject(new Error('HTTP 409'));
  rest.pending.find((p) => p.source === 'job')!.resolve({ job: { file: { name: 'rest.gcode' } }, progress: {} });
  const got = await v;
  assert.equal(got.state, { text: 'Error' });
  assert.equal(got.job, { file: { name: 'rest.gcode' } });
  assert.is(got.currentZ, 9);
});

t('no REST API (a replay): the next current describes the printer', async () => {
  const clock = new ManualClock(0);
  const after = afterEvent(undefined, clock, view('Operational', null), Promise.resolve(view('Printing', 'next.gcode')));
  assert.equal((await after.view(['job'])!).job, { file: { name: 'next.gcode' } });
});

t('bounded: events during a request share the one that follows it; never more than two per source', async () => {
  const rest = handRest();
  const queries = new PrinterQueries(rest);
  const first = queries.askedAfterNow('job');
  const seconds = [queries.askedAfterNow('job'), queries.askedAfterNow('job'), queries.askedAfterNow('job')];
  assert.is(rest.pending.length, 1, 'the follow-up is asked only once the first answered');
  rest.pending[0].resolve({ job: 1, progress: 1 });
  assert.equal(await first, { job: 1, progress: 1 });
  await flush();
  assert.is(rest.pending.length, 2, 'then one request for the three events that came meanwhile');
  rest.pending[1].resolve({ job: 2, progress: 2 });
  for (const s of seconds) assert.equal(await s, { job: 2, progress: 2 });
  const third = queries.askedAfterNow('job');
  assert.is(rest.pending.length, 3, 'nothing on the wire: asked at once');
  rest.pending[2].reject(new Error('down'));
  await third.then(
    () => assert.unreachable('should fail'),
    (e: Error) => assert.is(e.message, 'down'),
  );
  void queries.askedAfterNow('job');
  assert.is(rest.pending.length, 4, 'a failure does not block the next request');
});

t.run();
