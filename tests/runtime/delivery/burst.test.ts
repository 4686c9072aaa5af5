// Durability under load: a burst of firings through the whole pipeline (render, record,
// send, delivered) with the journal on disk. Group commit must keep the fsyncs far below one
// per webhook; the figure is printed so docs/delivery.md can quote it.
import { statSync } from 'node:fs';
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { statePaths } from '../../../runtime/outbox/state-dir.js';
import { startRig } from '../../support/delivery-rig.js';
import { waitFor } from '../../support/wait-for.js';

const t = suite('delivery: a burst with the journal on disk');

t('200 deliveries over 4 hooks: every one arrives once, in order per hook, with few fsyncs', async () => {
  const hooks = ['a', 'b', 'c', 'd'];
  const rig = await startRig((url) => hooks.map((h) => `hook ${h} on PrintDone { url "${url}/${h}" data { extra: @extra } }`).join('\n'), { stateDir: true });
  try {
    const started = performance.now();
    for (let n = 0; n < 50; n++) rig.fire('PrintDone', { n });
    await waitFor(() => rig.receiver.requests.length >= 200, '200 deliveries', 10_000);
    await rig.dispatcher.idle();
    await rig.outbox.flush();
    const ms = performance.now() - started;
    for (const h of hooks) {
      const ns = rig.receiver.requests.filter((r) => r.url === `/${h}`).map((r) => (r.json as { extra: { n: number } }).extra.n);
      assert.equal(ns, Array.from({ length: 50 }, (_, i) => i), `hook ${h} in order`);
    }
    assert.is(new Set(rig.receiver.requests.map((r) => r.headers['webhook-id'])).size, 200);
    const stats = rig.outbox.stats!;
    const perDelivery = stats.syncs / 200;
    console.log(`    burst: 200 deliveries, ${stats.appends} journal records, ${stats.syncs} fsyncs (${perDelivery.toFixed(3)} per delivery), peak journal ${stats.peakSize} B, ${ms.toFixed(0)} ms`);
    assert.ok(perDelivery <= 0.25, `${stats.syncs} fsyncs for 200 deliveries`);
    assert.is(rig.outbox.list().length, 0);
    assert.ok(statSync(statePaths(rig.stateDir!).journal).size <= 1024 * 1024);
  } finally {
    await rig.close();
  }
});

t.run();
