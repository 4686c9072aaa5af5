// The outbox across a hard crash: `octohook run` as a real process, against the simulator
// and a receiver that answers 503, is SIGKILLed while a request is on the wire, then started
// again on the same state directory with the receiver answering 200. Every delivery arrives
// at least once; duplicates share their webhook-id; per hook, event order holds.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { main } from '../../../runtime/cli/main.js';
import { OctoPrintSimulator } from '../../../simulator/index.js';
import { startReceiver, type RecordedRequest } from '../../support/receiver.js';
import { waitFor } from '../../support/wait-for.js';

const t = suite('delivery: SIGKILL mid-delivery, restart, nothing lost');
const entry = new URL('../../../compiler/cli/octohook.js', import.meta.url).href;

interface Proc {
  child: ChildProcess;
  log: () => string;
  exit: Promise<number | null>;
}

function startDaemon(file: string, stateDir: string, sim: OctoPrintSimulator): Proc {
  let log = '';
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', `import { octohookMain } from ${JSON.stringify(entry)}; process.exitCode = await octohookMain(process.argv.slice(1));`, 'run', file, '--state-dir', stateDir, '--octoprint', sim.url],
    { env: { PATH: process.env.PATH ?? '', OCTOPRINT_API_KEY: sim.apiKey }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, log: () => log, exit };
}

async function listJson(stateDir: string): Promise<{ daemon: { pid: number } | null; deliveries: Array<{ id: string; hook: string; state: string; attempts: number }> }> {
  let out = '';
  const code = await main(['outbox', 'list', '--state-dir', stateDir, '--json'], { out: { write: (s: string) => (out += s) }, err: { write: () => {} }, env: {} });
  assert.is(code, 0);
  return JSON.parse(out);
}

t('every delivery arrives at least once, duplicates share their webhook-id, order per hook holds', async () => {
  let mode: 'fail' | 'hang' | 'ok' = 'fail';
  const accepted: RecordedRequest[] = [];
  const receiver = await startReceiver((req, res) => {
    if (mode === 'hang') return; // on the wire when the daemon dies
    if (mode === 'fail') {
      res.writeHead(503).end();
      return;
    }
    accepted.push(req);
    res.writeHead(200).end();
  });
  const sim = await new OctoPrintSimulator({ speed: 10 }).start();
  const dir = mkdtempSync(join(tmpdir(), 'octohook-crash-'));
  const stateDir = join(dir, 'state');
  const retry = `retry [${Array(19).fill('300ms').join(', ')}]`;
  const file = join(dir, 'hooks.ohk');
  writeFileSync(file, ['api', 'log'].map((h) => `hook ${h} on PrintDone { url "${receiver.url}/${h}" data { extra: @extra } ${retry} }`).join('\n'));
  const procs: Proc[] = [];
  try {
    // 1. Deliveries pending: six firings per hook, the target answering 503.
    const first = startDaemon(file, stateDir, sim);
    procs.push(first);
    await waitFor(() => /Connected to OctoPrint/.test(first.log()), 'the daemon to connect', 10_000);
    for (let n = 1; n <= 6; n++) sim.emitEvent('PrintDone', { name: 'cube.gcode', n });
    let listed = await listJson(stateDir);
    const deadline = Date.now() + 5000;
    while (listed.deliveries.length < 12 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      listed = await listJson(stateDir);
    }
    assert.is(listed.deliveries.length, 12, 'outbox list (while the daemon runs) shows all twelve pending');
    assert.ok(listed.deliveries.every((d) => d.state === 'pending'));
    assert.is(listed.daemon?.pid, first.child.pid);
    await waitFor(() => receiver.requests.length >= 4, 'a few failed attempts', 5000);

    // 2. SIGKILL while a request is on the wire.
    mode = 'hang';
    const before = receiver.requests.length;
    await waitFor(() => receiver.requests.length > before, 'a request in flight', 5000);
    first.child.kill('SIGKILL');
    await first.exit;

    // 3. Restart on the same state directory; the target is back.
    mode = 'ok';
    const second = startDaemon(file, stateDir, sim);
    procs.push(second);
    const key = (r: RecordedRequest) => `${r.url}#${(r.json as { extra: { n: number } }).extra.n}`;
    await waitFor(() => new Set(accepted.map(key)).size >= 12, 'all twelve deliveries accepted', 10_000);
    assert.match(second.log(), /outbox: resuming 12 pending deliveries from before the restart/);

    // Every (hook, n) arrived; all requests for it, before and after the crash, carry one id.
    const idsByKey = new Map<string, Set<string>>();
    for (const r of receiver.requests) {
      if (!r.json) continue;
      const k = key(r);
      if (!idsByKey.has(k)) idsByKey.set(k, new Set());
      idsByKey.get(k)!.add(String(r.headers['webhook-id']));
    }
    assert.is(idsByKey.size, 12);
    for (const [k, ids] of idsByKey) assert.is(ids.size, 1, `${k} had ids ${[...ids].join(', ')}`);
    const allIds = [...idsByKey.values()].map((s) => [...s][0]);
    assert.is(new Set(allIds).size, 12, 'different deliveries, different ids');
    for (const h of ['/api', '/log']) {
      const ns = accepted.filter((r) => r.url === h).map((r) => (r.json as { extra: { n: number } }).extra.n);
      const firstSeen = ns.filter((n, i) => ns.indexOf(n) === i);
      assert.equal(firstSeen, [1, 2, 3, 4, 5, 6], `${h} in event order: ${ns.join(',')}`);
    }

    // 4. A clean stop leaves an empty outbox.
    await new Promise((r) => setTimeout(r, 300));
    second.child.kill('SIGTERM');
    assert.is(await second.exit, 0, second.log());
    assert.equal((await listJson(stateDir)).deliveries, []);
  } finally {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await sim.stop();
    await receiver.close();
  }
});

t.run();
