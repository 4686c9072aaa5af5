// What a Daemon watches is one OctoPrint (octoprintUrl and apiKey) or a farm's printers, never
// both: the options' type says so, and a farm daemon is built from its printers alone.
import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { moduleFromSource } from '../../../compiler/cli/module-from-source.js';
import { Daemon, type DaemonOptions } from '../../../runtime/daemon.js';
import { createLogger } from '../../../runtime/log/logger.js';
import { printerBlocks } from '../../support/farm-harness.js';

const logger = () => createLogger({ stream: { write() {} } });

test('a farm daemon takes its printers alone; a single one its OctoPrint; never both (a type error), never no printer', async () => {
  const module = await moduleFromSource(printerBlocks(['mk3', 'mini']) + 'hook all on PrintDone { url "http://127.0.0.1:9/all" }\n', 'farm.ohk');
  const printers = [
    { name: 'mk3', url: 'http://127.0.0.1:5001', apiKey: 'k1', device: null },
    { name: 'mini', url: 'http://127.0.0.1:5002', apiKey: 'k2', device: null },
  ];
  const farm = new Daemon({ module, printers, env: {}, logger: logger() });
  assert.equal(farm.printers.map((p) => [p.target.name, p.target.url]), [['mk3', 'http://127.0.0.1:5001'], ['mini', 'http://127.0.0.1:5002']]);
  const single = new Daemon({ module, octoprintUrl: 'http://127.0.0.1:5000', apiKey: 'k', env: {}, logger: logger() });
  assert.equal(single.printers.map((p) => [p.target.name, p.target.url]), [['octoprint', 'http://127.0.0.1:5000']]);
  // @ts-expect-error: a farm's printers bring their own addresses and keys
  const both: DaemonOptions = { module, printers, octoprintUrl: 'http://127.0.0.1:5000', apiKey: 'k', env: {}, logger: logger() };
  // @ts-expect-error: without printers, the one OctoPrint's address and key are required
  const neither: DaemonOptions = { module, env: {}, logger: logger() };
  assert.ok(both && neither);
  assert.throws(() => new Daemon({ module, printers: [], env: {}, logger: logger() }), /at least one printer/);
});

test.run();
