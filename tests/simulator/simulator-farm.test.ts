// Several simulated OctoPrints: each on its own port with its own key and its own printer.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { request } from 'undici';
import { SimulatorFarm } from '../../simulator/index.js';

const login = async (url: string, key: string) => (await request(`${url}/api/login`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: '{"passive":true}' })).statusCode;

test("each printer has its own port, key and state; one's key opens no other", async () => {
  const farm = await SimulatorFarm.start(['mk3', 'mini'], {}, { mini: { version: '1.9.3' } });
  try {
    const [mk3, mini] = farm.printers;
    assert.is.not(mk3.sim.url, mini.sim.url);
    assert.is.not(mk3.apiKey, mini.apiKey);
    assert.is(await login(mk3.sim.url, mk3.apiKey), 200);
    assert.is(await login(mini.sim.url, mk3.apiKey), 403);
    farm.get('mk3').setPrinterState('PRINTING');
    assert.is(farm.get('mk3').model.state, 'PRINTING');
    assert.is(farm.get('mini').model.state, 'OPERATIONAL');
    assert.throws(() => farm.get('xl'), /no simulated printer named xl/);
    const duplicate = await SimulatorFarm.start(['a', 'a']).then(() => null, (e: Error) => e);
    assert.match(String(duplicate), /unique/);
  } finally {
    await farm.stop();
  }
});

test.run();
