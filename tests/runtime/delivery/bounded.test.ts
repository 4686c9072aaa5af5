// Every pending delivery ends: a hook's lane behind a target that is down sheds what waits
// by each delivery's own deadline (acceptance + its hook's schedule), keeps at most its
// bound, and still delivers in order once the target is back. Run on a ManualClock.
import { readFileSync } from 'node:fs';
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { lifetimeMs } from '../../../runtime/delivery/retry-policy.js';
import { decodeFile } from '../../../runtime/outbox/frame.js';
import { replay } from '../../../runtime/outbox/records.js';
import { startRig, type Rig } from '../../support/delivery-rig.js';

const t = suite('delivery: bounded');
let rig: Rig | undefined;
t.after.each(async () => {
  await rig?.close();
  rig = undefined;
});

const hook = (settings: string) => (url: string) => `hook api on PrintDone { url "${url}/api" data { extra: @extra } ${settings} }`;
const nOf = (json: unknown) => (json as { extra: { n: number } }).extra.n;

/** Moves the clock timer by timer until nothing is scheduled. */
async function runOut(r: Rig): Promise<void> {
  for (let i = 0; i < 1000 && r.clock.nextDelay() !== undefined; i++) await r.step();
  assert.is(r.clock.nextDelay(), undefined, 'the lane went quiet');
}

t('retry [1s, 1s], target down: the sixth in line is dead within its own schedule from acceptance, not after five others', async () => {
  rig = await startRig(hook('retry [1s, 1s] timeout 1s'), { respond: (_r, res) => void res.writeHead(503).end() });
  for (let n = 1; n <= 6; n++) rig.fire('PrintDone', { n });
  await rig.settle();
  await runOut(rig);
  const life = lifetimeMs([1000, 1000], 1000);
  assert.is(life, 3400);
  const list = rig.outbox.list();
  assert.is(list.length, 6);
  assert.ok(list.every((d) => d.state === 'dead'));
  for (const d of list) assert.ok(d.deadAt! - d.createdAt <= life, `${d.id} lived ${d.deadAt! - d.createdAt} ms`);
  assert.match(list[0].reason!, /^gave up after 3 attempts: HTTP 503$/);
  assert.match(list[1].reason!, /^gave up after 2 attempts: HTTP 503; the next, in 1 s, would come after this delivery's deadline/);
  assert.match(list[5].reason!, /^gave up after 1 attempt: HTTP 503; the next, in 1 s, would come after this delivery's deadline \(400 ms left/);
  assert.is(rig.engine.pending, 0);
  assert.is(rig.outcomes.length, 6, 'every one reported its outcome');
});

t('a head that hangs: those behind it expire at their deadlines while it is on the wire; the head still gets its whole schedule', async () => {
  let clock: Rig['clock'] | undefined;
  rig = await startRig(hook('retry [1s, 1s] timeout 1s'), {
    respond: (_r, res) => void res.writeHead(503).end(),
    // Each attempt takes the whole timeout of the clock's time before its 503 comes back.
    send: (real) => async (req, o) => {
      const answer = await real(req, o);
      clock!.advance(1000);
      return answer;
    },
  });
  clock = rig.clock;
  for (let n = 1; n <= 4; n++) rig.fire('PrintDone', { n });
  await rig.settle();
  await runOut(rig);
  const [head, ...behind] = rig.outbox.list();
  assert.is(head.attempts, 3);
  assert.is(head.reason, 'gave up after 3 attempts: HTTP 503');
  assert.is(head.deadAt! - head.createdAt, 5000, 'three attempts of 1 s and two waits of 1 s');
  for (const d of behind) {
    assert.is(d.attempts, 0);
    assert.is(d.deadAt! - d.createdAt, 3400);
    assert.is(d.reason, "expired after 3 s without being delivered, the most its hook's retry schedule allows (target down? it waited behind an earlier delivery of this hook that was not taken)");
  }
  assert.is(rig.receiver.requests.length, 3, 'nothing but the head was attempted');
  assert.ok(rig.lines.some((l) => /ERROR dead letter.*expired after 3 s/.test(l)));
  assert.is(rig.engine.pending, 0);
});

t('the per-hook bound: the oldest waiting go to dead letter with a reason; the rest are delivered in order once the target is back', async () => {
  let up = false;
  rig = await startRig(hook(''), { maxPendingPerHook: 3, respond: (_r, res) => void res.writeHead(up ? 200 : 503).end() });
  for (let n = 1; n <= 5; n++) {
    rig.fire('PrintDone', { n });
    await rig.settle();
  }
  assert.is(rig.engine.pending, 3);
  const dead = rig.outbox.list().filter((d) => d.state === 'dead');
  assert.is(dead.length, 2);
  for (const d of dead) assert.match(d.reason!, /^evicted: hook api already had 3 deliveries pending \(the most one hook keeps\); the oldest waiting one made room for a newer one$/);
  up = true;
  await runOut(rig);
  assert.equal(
    rig.receiver.requests.map((r) => nOf(r.json)),
    [1, 2, 3, 3, 4, 5],
    'the evicted were tried once each as the head; then the survivors, in order',
  );
  assert.is(rig.engine.pending, 0);
});

t('a target down for long: pending stays at the bound and the journal, after compaction, holds no more than that', async () => {
  const bound = 20;
  const maxDead = 10;
  rig = await startRig(hook(''), {
    stateDir: true,
    maxPendingPerHook: bound,
    outbox: { compaction: { minBytes: 4096, ratio: 2 }, maxDead },
    respond: (_r, res) => void res.writeHead(503).end(),
  });
  for (let n = 1; n <= 200; n++) {
    rig.fire('PrintDone', { n });
    if (n % 20 === 0) await rig.settle();
    assert.ok(rig.engine.pending <= bound, `pending ${rig.engine.pending}`);
  }
  await rig.settle();
  await rig.outbox.flush();
  assert.is(rig.engine.pending, bound);
  assert.ok(rig.outbox.stats!.compactions >= 1, 'compacted');
  const file = decodeFile(readFileSync(rig.outbox.journalPath!));
  const state = replay(file.records);
  assert.is(state.filter((d) => d.state === 'pending').length, bound);
  assert.is(state.filter((d) => d.state === 'dead').length, maxDead, 'dead letters are bounded too');
  assert.ok(file.records.length < 200, `${file.records.length} records in the file`);
  // The newest are kept (and the head, if it was on the wire when the last ones came).
  assert.equal(
    state
      .filter((d) => d.state === 'pending')
      .slice(1)
      .map((d) => d.seq),
    Array.from({ length: bound - 1 }, (_, i) => 200 - bound + 2 + i),
  );
});

t('after a restart, a recovered delivery past its deadline is dead-lettered as expired', async () => {
  rig = await startRig(hook('retry [1s]'), { stateDir: true, respond: (_r, res) => void res.writeHead(503).end() });
  rig.fire('PrintDone', { n: 1 });
  rig.fire('PrintDone', { n: 2 });
  await rig.settle();
  const stateDir = rig.stateDir!;
  const clock = rig.clock;
  await rig.close();
  rig = undefined;
  clock.advance(60 * 60_000);
  rig = await startRig(hook('retry [1s]'), { stateDir, clock, respond: (_r, res) => void res.writeHead(200).end() });
  await rig.settle();
  await runOut(rig);
  const list = rig.outbox.list();
  assert.equal(
    list.map((d) => d.state),
    ['dead', 'dead'],
  );
  assert.match(list[0].reason!, /^expired after 1 h without being delivered, the most its hook's retry schedule allows \(target down\? 1 attempt failed, the last with HTTP 503\)$/);
  assert.is(rig.receiver.requests.length, 0);
});

t.run();
