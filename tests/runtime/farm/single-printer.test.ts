// Without printer blocks the daemon watches one printer, named `octoprint`, as it always did:
// `@printer` is filled, and neither log lines nor outbox records gain a printer field.
import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { Daemon } from '../../../runtime/daemon.js';
import { createLogger } from '../../../runtime/log/logger.js';
import { OctoPrintSimulator } from '../../../simulator/index.js';
import { moduleFromSource } from '../../../compiler/cli/module-from-source.js';
import { startReceiver } from '../../support/receiver.js';
import { waitFor } from '../../support/wait-for.js';

test('one printer named octoprint: @printer filled, no printer= on log lines, no printer in the outbox', async () => {
  const receiver = await startReceiver((_req, res) => {
    res.writeHead(503);
    res.end();
  });
  const sim = await new OctoPrintSimulator({ speed: 10 }).start();
  const module = await moduleFromSource(`hook all on PrintDone {\n  url "${receiver.url}/all"\n  data { printer: @printer }\n  retry [1h]\n}\n`, 'one.ohk');
  const logs: string[] = [];
  const daemon = new Daemon({ module, octoprintUrl: sim.url, apiKey: sim.apiKey, env: {}, logger: createLogger({ stream: { write: (s: string) => logs.push(s) }, level: 'debug' }) });
  try {
    await daemon.start();
    await waitFor(() => daemon.client.state === 'live', 'live', 5000);
    sim.emitEvent('PrintDone', { name: 'a.gcode', time: 1 });
    await waitFor(() => receiver.requests.length === 1, 'the webhook', 5000);
    const printer = (receiver.requests[0].json as { printer: unknown }).printer;
    assert.equal(printer, { name: 'octoprint', url: `${sim.url}/`, device: null });
    assert.is(daemon.printers.length, 1);
    await waitFor(() => daemon.outbox!.list()[0]?.attempts === 1, 'the failed attempt', 5000);
    assert.is(daemon.outbox!.list()[0].printer, undefined);
    assert.not.ok(logs.some((l) => l.includes('printer=')), logs.join(''));
  } finally {
    await daemon.stop(100);
    await sim.stop();
    await receiver.close();
  }
});

test.run();
