// The status page of a farm (headed "Printers"): each printer with its own connection state, in /api/status and
// /metrics, with its own last event; a printer that goes down shows so while the others stay live.
import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { startFarmHarness } from '../../support/farm-harness.js';
import { Browser } from '../../support/headless-chromium.js';
import { waitFor } from '../../support/wait-for.js';

test('each printer has its own connection state on the status page and in /metrics', async () => {
  const h = await startFarmHarness(['mk3', 'mini', 'xl'], (url) => `hook all on PrintDone { url "${url}/all" }\n`, {
    status: { listen: { host: '127.0.0.1', port: 0 }, token: 'farm-status-token', publicRead: true },
    push: { backoff: { initialMs: 5000, jitter: 0 } },
  });
  try {
    const status = async () => (await (await fetch(`${h.daemon.statusUrl}api/status`)).json()) as { printers: Array<{ name: string; connection: string; lastEvent: { trigger: string } | null }> };
    const first = await status();
    assert.equal(first.printers.map((p) => [p.name, p.connection]), [['mk3', 'live'], ['mini', 'live'], ['xl', 'live']]);
    h.farm.get('mk3').emitEvent('PrintDone', { name: 'a.gcode', time: 1 });
    await waitFor(() => h.receiver.requests.length === 1, 'the webhook', 5000);
    const browser = await Browser.launch();
    try {
      await browser.goto(h.daemon.statusUrl!);
      await browser.waitFor('document.body.dataset.live === "yes" && document.querySelectorAll("#printers .card").length === 3', 'the three printers on the page');
      assert.is(await browser.evaluate<string>('document.querySelector("#printers-title").textContent'), 'Printers');
    } finally {
      await browser.close();
    }
    const done = await status();
    assert.equal(done.printers.map((p) => p.lastEvent?.trigger === 'PrintDone'), [true, false, false]);
    await h.farm.get('mini').stop();
    await waitFor(() => h.daemon.printers[1].client.state !== 'live', 'mini down', 5000);
    const later = await status();
    assert.equal(later.printers.map((p) => [p.name, p.connection === 'live']), [['mk3', true], ['mini', false], ['xl', true]]);
    const metrics = await (await fetch(`${h.daemon.statusUrl}metrics`)).text();
    assert.match(metrics, /octohook_printer_connected\{printer="mk3"\} 1/);
    assert.match(metrics, /octohook_printer_connected\{printer="mini"\} 0/);
  } finally {
    await h.stop();
  }
});

test.run();
