// A hook's cooldown is per printer in a farm: mk3's PrintDone is no repeat of mini's, while a
// second PrintDone of mk3 inside the window still is (and its log line names mk3).
import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { startFarmHarness } from '../../support/farm-harness.js';
import { delay, waitFor } from '../../support/wait-for.js';

test('cooldown per printer', async () => {
  const h = await startFarmHarness(['mk3', 'mini'], (url) => `hook done on PrintDone {\n  url "${url}/done"\n  data { printer: @printer }\n  cooldown 1h\n}\n`);
  try {
    h.farm.get('mk3').emitEvent('PrintDone', { name: 'a.gcode', time: 1 });
    await waitFor(() => h.receiver.requests.length === 1, 'mk3 done', 5000);
    h.farm.get('mini').emitEvent('PrintDone', { name: 'b.gcode', time: 1 });
    h.farm.get('mk3').emitEvent('PrintDone', { name: 'c.gcode', time: 1 });
    await waitFor(() => h.receiver.requests.length === 2, 'mini done', 5000);
    await waitFor(() => h.logs.some((l) => l.includes('cooldown: dropped')), 'the dropped repeat', 5000);
    await delay(100);
    await h.settle();
    const names = h.receiver.requests.map((r) => (r.json as { printer: { name: string } }).printer.name);
    assert.equal(names, ['mk3', 'mini']);
    const dropped = h.logs.filter((l) => l.includes('cooldown: dropped'));
    assert.is(dropped.length, 1);
    assert.match(dropped[0], /hook=done trigger=PrintDone printer=mk3/);
  } finally {
    await h.stop();
  }
});

test.run();
