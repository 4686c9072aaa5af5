// One outbox for the whole farm: deliveries record their printer, and `octohook outbox list`
// (spawned, as a user runs it) shows it in a PRINTER column and in --json.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { startFarmHarness } from '../../support/farm-harness.js';
import { runBin } from '../../support/spawn-bin.js';
import { waitFor } from '../../support/wait-for.js';

test('deliveries from three printers in one outbox; outbox list names each printer', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'octohook-farm-outbox-'));
  const stateDir = join(dir, 'state');
  const h = await startFarmHarness(['mk3', 'mini', 'xl'], (url) => `hook all on PrintDone {\n  url "${url}/all"\n  retry [1h]\n}\n`, {
    stateDir,
    respond: (_req, res) => void res.writeHead(503).end(),
  });
  try {
    for (const p of h.farm.printers) p.sim.emitEvent('PrintDone', { name: `${p.name}.gcode`, time: 1 });
    // The hook's first delivery failed and waits an hour; the other two wait behind it (one hook, one order).
    await waitFor(() => h.daemon.outbox!.list().length === 3 && h.receiver.requests.length === 1, 'three deliveries, one attempt', 5000);
    assert.equal(h.daemon.outbox!.list().map((d) => d.printer).sort(), ['mini', 'mk3', 'xl']);
  } finally {
    await h.stop();
  }
  try {
    const list = await runBin('octohook', ['outbox', 'list', '--state-dir', stateDir]);
    assert.is(list.code, 0, list.err);
    assert.match(list.out, /^ID\s+PRINTER\s+HOOK\s+TRIGGER/m);
    for (const name of ['mk3', 'mini', 'xl']) assert.match(list.out, new RegExp(`^msg_\\S+\\s+${name}\\s+all\\s+PrintDone\\s+pending`, 'm'));
    const json = await runBin('octohook', ['outbox', 'list', '--json', '--state-dir', stateDir]);
    const deliveries = (JSON.parse(json.out) as { deliveries: Array<{ printer: string; id: string }> }).deliveries;
    assert.equal(deliveries.map((d) => d.printer).sort(), ['mini', 'mk3', 'xl']);
    assert.is(new Set(deliveries.map((d) => d.id)).size, 3);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
