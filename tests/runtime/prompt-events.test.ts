// Events go out within milliseconds, with the printer as it is after them: the daemon asks
// OctoPrint's REST API at the event, only for hooks that read printer data, and falls back to
// the next `current` when that fails. Real sockets against the simulator; the simulator sends
// no `current` on its own here, so what a webhook knows of the new print came from REST
// unless the test pushes a `current` itself.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { LAB_TEST_FILE } from '../../simulator/capture-templates.js';
import { printerAfterEventPolicy } from '../../runtime/printer-after-event.js';
import { startHarness, type Harness } from '../support/run-daemon.js';

const t = suite('runtime: prompt events with the printer after them');

type Body = { topic: string; job?: { file: { name: string | null } }; state?: { text: string }; progress?: { completion: number | null } };

const printerApi = (h: Harness) => h.sim.requests.filter((r) => r.path === '/api/job' || r.path === '/api/printer');

/** Past the daemon's resync after connecting (its own GET /api/job). */
async function resynced(h: Harness): Promise<void> {
  const until = Date.now() + 3000;
  while (!h.sim.requests.some((r) => r.path === '/api/job') && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 50));
}

/** The simulator's printer is now printing lab_test.gcode, silently: no `current` tells the daemon. */
function startPrintSilently(h: Harness, completion: number | null = null): void {
  const m = h.sim.model;
  m.selected = m.getFile('local', LAB_TEST_FILE.name)!;
  m.jobMode = 'selected';
  m.progress = { ...m.progress, completion };
  h.sim.setPrinterState('PRINTING', { silent: true });
}

function emitPrintStarted(h: Harness): number {
  const at = Date.now();
  h.sim.emitEvent('PrintStarted', { name: LAB_TEST_FILE.name, path: LAB_TEST_FILE.name, origin: 'local', size: 11911 });
  return at;
}

const quiet = { sim: { currentIntervalMs: null, temperatureIntervalMs: null } };

t('a hook reading @job and @state gets them from REST at the event, long before the next current', async () => {
  const h = await startHarness((url) => `hook a on PrintStarted { url "${url}/a" data { topic: @topic, job: @job, state: @state } }`, quiet);
  try {
    await resynced(h);
    h.sim.setApiDelay(20);
    startPrintSilently(h);
    const before = printerApi(h).length;
    const emitted = emitPrintStarted(h);
    const [req] = await h.receiver.waitFor(1, 3000);
    const body = req.json as Body;
    assert.is(body.job!.file.name, LAB_TEST_FILE.name, 'the file of the print that started');
    assert.is(body.state!.text, 'Printing');
    const ms = req.receivedAt - emitted;
    assert.ok(ms < printerAfterEventPolicy.restDeadlineMs, `arrived ${ms} ms after the event`);
    assert.equal(
      printerApi(h).slice(before).map((r) => r.path).sort(),
      ['/api/job', '/api/printer'],
      'one request each, in parallel',
    );
  } finally {
    await h.stop();
  }
});

t('REST later than the deadline: the next current describes the printer', async () => {
  const h = await startHarness((url) => `hook a on PrintStarted { url "${url}/a" data { job: @job } }`, quiet);
  try {
    await resynced(h);
    h.sim.setApiDelay(2000);
    startPrintSilently(h);
    const emitted = emitPrintStarted(h);
    await new Promise((r) => setTimeout(r, printerAfterEventPolicy.restDeadlineMs + 50));
    assert.is(h.receiver.requests.length, 0, 'nothing goes out before the data is there');
    h.sim.sendCurrentNow();
    const [req] = await h.receiver.waitFor(1, 3000);
    assert.is((req.json as Body).job!.file.name, LAB_TEST_FILE.name, 'from the current');
    const ms = req.receivedAt - emitted;
    assert.ok(ms < printerAfterEventPolicy.holdMs, `with the current (${ms} ms), not after the hold or the late REST answer`);
    assert.ok(h.logs.some((l) => /comes from the next current/.test(l) && /no answer within 250 ms/.test(l)), h.logs.join(''));
  } finally {
    await h.stop();
  }
});

t('REST refused (409: the printer is not operational): @state comes from the next current', async () => {
  const h = await startHarness((url) => `hook e on Error { url "${url}/e" data { state: @state.text } }`, quiet);
  try {
    await resynced(h);
    h.sim.setPrinterState('ERROR', { silent: true, error: 'Printer halted. kill() called!' });
    h.sim.emitEvent('Error', { error: 'Printer halted. kill() called!', reason: 'firmware' });
    await new Promise((r) => setTimeout(r, 100));
    assert.is(h.receiver.requests.length, 0);
    assert.ok(printerApi(h).some((r) => r.path === '/api/printer'), 'asked');
    h.sim.sendCurrentNow();
    const [req] = await h.receiver.waitFor(1, 3000);
    assert.is((req.json as { state: string }).state, 'Error');
  } finally {
    await h.stop();
  }
});

t('a hook reading no printer data fires at once, with no REST request at all', async () => {
  const h = await startHarness((url) => `hook n on PrintStarted { url "${url}/n" data { topic: @topic, message: @message, file: @extra.name, at: @currentTime } }`, quiet);
  try {
    await resynced(h);
    h.sim.setApiDelay(200);
    const before = printerApi(h).length;
    const emitted = emitPrintStarted(h);
    const [req] = await h.receiver.waitFor(1, 3000);
    assert.is((req.json as { file: string }).file, LAB_TEST_FILE.name);
    assert.ok(req.receivedAt - emitted < 200, `arrived ${req.receivedAt - emitted} ms after the event`);
    await new Promise((r) => setTimeout(r, 100));
    assert.is(printerApi(h).length, before, 'no /api/job, no /api/printer');
  } finally {
    await h.stop();
  }
});

t('per hook, firings keep their order while REST answers; other hooks do not wait for them', async () => {
  const h = await startHarness(
    (url) => `
hook a on PrintStarted, Progress every 10% { url "${url}/a" data { topic: @topic, file: @job.file.name } }
hook b on Progress every 10% { url "${url}/b" data { topic: @topic, milestone: @percentCompleteMilestone } }`,
    quiet,
  );
  try {
    await resynced(h);
    h.sim.setApiDelay(150);
    startPrintSilently(h, 15);
    emitPrintStarted(h);
    // The `current` right behind the event crosses 10 %: its firings need no REST.
    h.sim.sendCurrentNow();
    await h.receiver.waitFor(3, 3000);
    await h.settle();
    const seen = h.receiver.requests.map((r) => `${r.url}|${(r.json as Body).topic}`);
    assert.equal(
      seen.filter((s) => s.startsWith('/a')),
      ['/a|Print Started', '/a|Print Progress'],
      'Print Started first, although its REST answer came after the current',
    );
    const b = h.receiver.requests.find((r) => r.url === '/b')!;
    const started = h.receiver.requests.find((r) => (r.json as Body).topic === 'Print Started')!;
    assert.ok(b.receivedAt <= started.receivedAt, 'hook b did not wait for hook a');
    assert.ok(h.receiver.requests.filter((r) => r.url === '/a').every((r) => (r.json as { file: string }).file === LAB_TEST_FILE.name));
  } finally {
    await h.stop();
  }
});

t.run();
