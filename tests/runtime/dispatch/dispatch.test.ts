// The dispatcher's own rules, through the delivery rig (real receiver, ManualClock): the
// per-hook cooldown, and what happens when a hook's queued task fails.
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { HookQueues } from '../../../runtime/dispatch/hook-queues.js';
import { startRig, type Rig } from '../../support/delivery-rig.js';

const t = suite('dispatch: cooldown and failing tasks');
let rig: Rig | undefined;
t.after.each(async () => {
  await rig?.close();
  rig = undefined;
});

const hook = (name: string, settings = '') => (url: string) => `hook ${name} on PrintDone, PrintStarted { url "${url}/${name}" data { topic: @topic, extra: @extra } ${settings} }`;
const sent = (r: Rig, name: string) => r.receiver.requests.filter((q) => q.url === `/${name}`).map((q) => (q.json as { extra: { n: number } }).extra.n);

t('cooldown 60s: a repeat of the same trigger inside the window is dropped; the window counts from the last one let through', async () => {
  rig = await startRig((url) => `${hook('calm', 'cooldown 60s')(url)}\n${hook('eager')(url)}`);
  const fireAt = async (n: number, trigger = 'PrintDone') => {
    rig!.fire(trigger, { n });
    await rig!.settle();
  };
  await fireAt(1);
  await fireAt(2); // same instant: dropped
  rig.clock.advance(59_999);
  await fireAt(3); // still inside: dropped, and does not restart the window
  await fireAt(4, 'PrintStarted'); // another trigger has its own window
  rig.clock.advance(1);
  await fireAt(5); // 60 s after the first one let through
  assert.equal(sent(rig, 'calm'), [1, 4, 5]);
  assert.equal(sent(rig, 'eager'), [1, 2, 3, 4, 5], 'a hook without cooldown is not affected');
  assert.is(rig.lines.filter((l) => /INFO {2}cooldown: dropped a repeat inside the window .*hook=calm trigger=PrintDone/.test(l)).length, 2);
});

t('cooldown 24h counts whole milliseconds (a day does not wrap to zero)', async () => {
  rig = await startRig(hook('daily', 'cooldown 24h'));
  rig.fire('PrintDone', { n: 1 });
  await rig.settle();
  rig.clock.advance(24 * 3_600_000 - 1_000);
  rig.fire('PrintDone', { n: 2 });
  await rig.settle();
  rig.clock.advance(1_000);
  rig.fire('PrintDone', { n: 3 });
  await rig.settle();
  assert.equal(sent(rig, 'daily'), [1, 3]);
});

t('a task that fails is logged and reported as a failed outcome; the hook goes on with the next firing', async () => {
  rig = await startRig(hook('api'));
  const engine = rig.engine;
  const accept = engine.accept.bind(engine);
  let failNext = true;
  engine.accept = (...args) => {
    if (failNext) {
      failNext = false;
      throw new Error('the outbox is gone');
    }
    return accept(...args);
  };
  rig.fire('PrintDone', { n: 1 });
  rig.fire('PrintDone', { n: 2 });
  await rig.settle();
  await rig.dispatcher.idle();
  assert.equal(sent(rig, 'api'), [2]);
  assert.ok(rig.lines.some((l) => /ERROR not sent .*hook=api trigger=PrintDone reason="not recorded: the outbox is gone"/.test(l)), rig.lines.join('\n'));
  const failed = rig.outcomes.filter((o) => o.outcome.kind === 'failed');
  assert.equal(
    failed.map((o) => [o.hook, o.trigger, (o.outcome as { reason: string }).reason]),
    [['api', 'PrintDone', 'not recorded: the outbox is gone']],
  );
});

t('HookQueues: a rejection reaches onFailure, the chain keeps its order, idle() resolves', async () => {
  const q = new HookQueues();
  const ran: string[] = [];
  const failures: unknown[] = [];
  q.enqueue('a', async () => void ran.push('a1'), (e) => failures.push(e));
  q.enqueue('a', async () => Promise.reject(new Error('boom')), (e) => failures.push(e));
  q.enqueue('a', async () => void ran.push('a3'), (e) => failures.push(e));
  q.enqueue(
    'b',
    async () => {
      throw new Error('b broke');
    },
    () => {
      throw new Error('and so did its report');
    },
  );
  await q.idle();
  assert.equal(ran, ['a1', 'a3']);
  assert.equal(
    failures.map((e) => (e as Error).message),
    ['boom'],
  );
  assert.is(q.size, 0);
});

t.run();
