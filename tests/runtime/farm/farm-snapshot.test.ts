// A hook's @snapshot without a URL of its own comes from the webcam of the printer whose
// event it is: each printer's OctoPrint settings and snapshot URL, never another's.
import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { startFarmHarness } from '../../support/farm-harness.js';
import { waitFor } from '../../support/wait-for.js';

test("each printer's event photographs its own webcam", async () => {
  const h = await startFarmHarness(['mk3', 'mini', 'xl'], (url) => `hook photo on PrintDone {\n  url "${url}/photo"\n  data { topic: @topic, image: @snapshot }\n  snapshot { fit 320 x 240 }\n}\n`);
  try {
    h.farm.get('mk3').emitEvent('PrintDone', { name: 'a.gcode', time: 1 });
    h.farm.get('xl').emitEvent('PrintDone', { name: 'b.gcode', time: 1 });
    await waitFor(() => h.receiver.requests.length === 2, 'two webhooks', 10_000);
    assert.equal(h.farm.printers.map((p) => p.sim.snapshots.count), [1, 0, 1]);
    assert.equal(h.farm.printers.map((p) => p.sim.requests.filter((r) => r.path === '/api/settings').length), [1, 0, 1]);
    assert.ok(h.receiver.requests.every((r) => r.parts?.some((part) => part.contentType === 'image/jpeg')));
  } finally {
    await h.stop();
  }
});

test.run();
