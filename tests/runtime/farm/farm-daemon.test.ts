// One daemon, three printers: each event fires the hooks that hear its printer (`from`), with
// `@printer` naming where it came from, the printer's `device` as its @deviceIdentifier, log
// lines and outbox records naming the printer, and webhook ids unique across the farm.
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { startFarmHarness, type FarmHarness } from '../../support/farm-harness.js';
import { waitFor } from '../../support/wait-for.js';
import { PrinterLink } from '../../../runtime/printer-link.js';
import { createLogger } from '../../../runtime/log/logger.js';
import { realClock } from '../../../runtime/clock.js';
import type { CompiledModule } from '../../../runtime/compiled-module.js';

const t = suite('farm: one daemon, three printers');
let h: FarmHarness;

const body = (r: { json?: unknown }) => r.json as { printer: { name: string; url: string; device: unknown }; device: unknown; file?: string };

t.before(async () => {
  h = await startFarmHarness(
    ['mk3', 'mini', 'xl'],
    (url) => `
hook all on PrintDone {
  url "${url}/all"
  data { device: @deviceIdentifier, printer: @printer }
}
hook lab on PrintDone from mk3 {
  url "${url}/lab"
  data { printer: @printer }
}
`,
    { devices: { mk3: 'Prusa MK3S #1' } },
  );
  for (const p of h.farm.printers) p.sim.emitEvent('PrintDone', { name: `${p.name}.gcode`, time: 60 });
  await waitFor(() => h.receiver.requests.length >= 4, 'four webhooks', 5000);
  await h.settle();
});

t.after(async () => {
  await h.stop();
});

t('a hook without from hears every printer; @printer names each', () => {
  const all = h.receiver.requests.filter((r) => r.url === '/all');
  assert.equal(all.map((r) => body(r).printer.name).sort(), ['mini', 'mk3', 'xl']);
  for (const r of all) {
    const { printer } = body(r);
    assert.is(printer.url, h.env[`PRINTER_${printer.name.toUpperCase()}_URL`] + '/');
  }
});

t('a hook `from mk3` hears only mk3', () => {
  const lab = h.receiver.requests.filter((r) => r.url === '/lab');
  assert.equal(lab.map((r) => body(r).printer.name), ['mk3']);
  assert.is(h.receiver.requests.length, 4);
});

t("a printer's device is its @printer.device and @deviceIdentifier; without one it is null", () => {
  const all = h.receiver.requests.filter((r) => r.url === '/all');
  const mk3 = body(all.find((r) => body(r).printer.name === 'mk3')!);
  const mini = body(all.find((r) => body(r).printer.name === 'mini')!);
  assert.is(mk3.printer.device, 'Prusa MK3S #1');
  assert.is(mk3.device, 'Prusa MK3S #1');
  assert.is(mini.printer.device, null);
});

t('webhook ids are unique across printers', () => {
  const ids = h.receiver.requests.map((r) => String(r.headers['webhook-id']));
  assert.is(ids.length, 4);
  assert.is(new Set(ids).size, 4);
  assert.ok(ids.every((id) => id.startsWith('msg_')), ids.join(' '));
});

t('log lines name the printer; no printer key in any line', () => {
  const delivered = h.logs.filter((l) => /\bdelivered\b/.test(l));
  assert.is(delivered.length, 4);
  for (const name of ['mk3', 'mini', 'xl']) assert.ok(delivered.some((l) => l.includes(`printer=${name}`)), name);
  for (const p of h.farm.printers) assert.not.ok(h.logs.some((l) => l.includes(p.apiKey)), p.name);
});

t('@printer.url never carries credentials', () => {
  const module = { hooks: [], printers: [], oauth: {}, env: [], format: 1, source: 'x', octoprint: { url: null, apikey: null } } as CompiledModule;
  const link = new PrinterLink(
    { name: 'mk3', url: 'http://maker:hunter2@127.0.0.1:1/octoprint?x=1', apiKey: 'k', device: null },
    { module, dispatcher: { fire: () => 0 }, clock: realClock, logger: createLogger({ stream: { write() {} } }), namePrinters: true },
  );
  assert.is(link.origin.printer.url, 'http://127.0.0.1:1/octoprint');
  assert.is(link.origin.octoprintUrl, 'http://maker:hunter2@127.0.0.1:1/octoprint?x=1');
});

t.run();
