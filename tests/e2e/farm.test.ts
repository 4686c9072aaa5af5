// A print farm end to end: three simulated OctoPrints print at once into one daemon. One of
// them restarts mid-print (its port refuses connections for a while): the other two keep
// delivering meanwhile, and the returning one resumes where it was, every milestone once.
// A printer whose REST answers hang delays only its own webhooks.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { startFarmHarness, type FarmHarness } from '../support/farm-harness.js';
import type { RecordedRequest } from '../support/receiver.js';
import { waitFor } from '../support/wait-for.js';

const t = suite('e2e: a farm of three, one restarting mid-print');

interface Body {
  topic: string;
  milestone: number;
  printer: { name: string };
}
const bodyOf = (r: RecordedRequest) => r.json as Body;
const from = (h: FarmHarness, name: string) => h.receiver.requests.filter((r) => bodyOf(r).printer.name === name);

const hook = (url: string) => `
hook p on PrintStarted, PrintDone, Progress every 10% {
  url "${url}/p"
  data { topic: @topic, milestone: @percentCompleteMilestone, state: @state.text, printer: @printer }
}
`;

t('the others deliver while one printer is down; it resumes without repeating a milestone', async () => {
  const h = await startFarmHarness(['mk3', 'mini', 'xl'], hook, { sim: { speed: 1.5 }, push: { backoff: { initialMs: 200, jitter: 0 } } });
  try {
    const runs = h.farm.printers.map((p) => p.sim.play('done'));
    await waitFor(() => from(h, 'mini').some((r) => bodyOf(r).milestone === 30), "mini's 30 %", 20_000);
    const mini = h.daemon.printers.find((p) => p.target.name === 'mini')!;
    const downAt = Date.now();
    await h.farm.get('mini').restart({ downMs: 2000 });
    await waitFor(() => mini.client.state === 'live', 'mini back', 10_000);
    const backAt = Date.now();
    await Promise.all(runs.map((r) => r.done));
    await h.settle();

    const meanwhile = h.receiver.requests.filter((r) => r.receivedAt >= downAt && r.receivedAt <= backAt);
    const times = h.receiver.requests.map((r) => `${bodyOf(r).printer.name}:${bodyOf(r).topic === 'Print Progress' ? bodyOf(r).milestone : bodyOf(r).topic}@${r.receivedAt - downAt}`);
    // (A webhook of mini's made just before the restart may still arrive meanwhile: only the others' count.)
    assert.ok(meanwhile.some((r) => bodyOf(r).printer.name !== 'mini'), `no webhook of the others while mini was down (${backAt - downAt} ms): ${times.join(' ')}`);
    for (const name of ['mk3', 'mini', 'xl']) {
      const seen = from(h, name).map((r) => (bodyOf(r).topic === 'Print Progress' ? bodyOf(r).milestone : bodyOf(r).topic));
      assert.equal(seen, ['Print Started', 10, 20, 30, 40, 50, 60, 70, 80, 90, 'Print Done'], name);
    }
    const reconnected = h.logs.filter((l) => l.includes('reconnected to OctoPrint'));
    assert.is(reconnected.length, 1);
    assert.match(reconnected[0], /printer=mini/);
  } finally {
    await h.stop();
  }
});

t("a printer whose REST answers hang (and sends no `current`) delays only its own webhooks", async () => {
  const h = await startFarmHarness(['mk3', 'mini', 'xl'], hook, { perPrinter: { xl: { currentIntervalMs: null } } });
  try {
    await h.settle(); // the resync after connecting asks REST too: slow only from here on
    h.farm.get('xl').setApiDelay(3000);
    // xl first: were the hook's firings chained across printers, the others would wait behind it.
    const sent = Date.now();
    h.farm.get('xl').emitEvent('PrintDone', { name: 'a.gcode', time: 1 });
    await waitFor(() => h.daemon.dispatcher.preparing === 1, "xl's firing in the dispatcher");
    for (const name of ['mk3', 'mini']) h.farm.get(name).emitEvent('PrintDone', { name: 'a.gcode', time: 1 });
    await waitFor(() => h.receiver.requests.length === 3, 'three webhooks', 10_000);
    const at = (name: string) => from(h, name)[0].receivedAt - sent;
    // xl waits for OctoPrint's answer, then for a `current`, then takes the printer as last seen.
    assert.ok(at('xl') >= 900, `xl after ${at('xl')} ms`);
    assert.ok(at('mk3') < at('xl') && at('mini') < at('xl'), `mk3 ${at('mk3')} ms, mini ${at('mini')} ms, xl ${at('xl')} ms`);
  } finally {
    await h.stop();
  }
});

t.run();
