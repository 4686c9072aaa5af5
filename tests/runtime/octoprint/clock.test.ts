import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { ManualClock, RealClock } from '../../../runtime/clock.js';

test('ManualClock fires due timers in time order with now() at their due time', () => {
  const clock = new ManualClock(1000);
  const seen: string[] = [];
  clock.setTimeout(() => seen.push(`b@${clock.now()}`), 200);
  clock.setTimeout(() => seen.push(`a@${clock.now()}`), 100);
  clock.setTimeout(() => seen.push(`c@${clock.now()}`), 100);
  clock.advance(150);
  assert.equal(seen, ['a@1100', 'c@1100']);
  assert.is(clock.now(), 1150);
  assert.is(clock.nextDelay(), 50);
  clock.advance(50);
  assert.equal(seen, ['a@1100', 'c@1100', 'b@1200']);
  assert.is(clock.pendingCount, 0);
});

test('timers scheduled while advancing fire in the same advance when due', () => {
  const clock = new ManualClock(0);
  const seen: number[] = [];
  clock.setTimeout(() => {
    seen.push(clock.now());
    clock.setTimeout(() => seen.push(clock.now()), 10);
  }, 10);
  clock.advance(25);
  assert.equal(seen, [10, 20]);
});

test('clearTimeout cancels; runNext jumps to the next timer', () => {
  const clock = new ManualClock(0);
  let fired = 0;
  const t = clock.setTimeout(() => fired++, 10);
  clock.clearTimeout(t);
  clock.clearTimeout(undefined);
  clock.setTimeout(() => fired++, 500);
  assert.is(clock.runNext(), 500);
  assert.is(fired, 1);
  assert.is(clock.runNext(), undefined);
});

test('sleep resolves on advance and rejects on abort', async () => {
  const clock = new ManualClock(0);
  let done = false;
  const p = clock.sleep(1000).then(() => (done = true));
  clock.advance(999);
  await Promise.resolve();
  assert.is(done, false);
  clock.advance(1);
  await p;
  assert.is(done, true);
  const ac = new AbortController();
  const q = clock.sleep(1000, ac.signal);
  ac.abort(new Error('stop'));
  await q.then(
    () => assert.unreachable('should reject'),
    (err: Error) => assert.is(err.message, 'stop'),
  );
  assert.is(clock.pendingCount, 0);
});

test('advanceAsync lets promise continuations schedule further timers', async () => {
  const clock = new ManualClock(0);
  const seen: number[] = [];
  void (async () => {
    for (let i = 0; i < 3; i++) {
      await clock.sleep(100);
      seen.push(clock.now());
    }
  })();
  await clock.advanceAsync(300);
  assert.equal(seen, [100, 200, 300]);
});

test('RealClock sleeps in real time and can be cancelled', async () => {
  const clock = new RealClock();
  const started = Date.now();
  await clock.sleep(15);
  assert.ok(Date.now() - started >= 10);
  let fired = false;
  const t = clock.setTimeout(() => (fired = true), 5);
  clock.clearTimeout(t);
  await new Promise((r) => setTimeout(r, 15));
  assert.is(fired, false);
});

test.run();
