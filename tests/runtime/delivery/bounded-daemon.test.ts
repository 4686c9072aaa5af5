// Bounded delivery in a real process: `octohook run` spawned against the simulator, its hook
// pointing at a port that refuses connections, with a short retry schedule, while events
// come fast. Pending deliveries stay within what one schedule holds, every one ends (dead,
// "expired …") shortly after its deadline, and `octohook outbox list` shows them.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { OctoPrintSimulator } from '../../../simulator/index.js';
import { projectRoot } from '../../support/project-root.js';
import { waitFor } from '../../support/wait-for.js';

const t = suite('delivery: bounded, in a real daemon');
const bin = join(projectRoot, 'bin', 'octohook.js');

async function refusingPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function outboxList(stateDir: string, json: boolean): string {
  const r = spawnSync(process.execPath, [bin, 'outbox', 'list', '--state-dir', stateDir, ...(json ? ['--json'] : [])], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  return r.stdout;
}

const states = (stateDir: string) => (JSON.parse(outboxList(stateDir, true)) as { deliveries: Array<{ state: string; reason?: string }> }).deliveries;

t('a refusing target and a fast event source: pending stays bounded, expired ones are dead letters in `octohook outbox list`', async () => {
  const port = await refusingPort();
  const sim = await new OctoPrintSimulator({ speed: 10 }).start();
  const dir = mkdtempSync(join(tmpdir(), 'octohook-bounded-'));
  const stateDir = join(dir, 'state');
  const file = join(dir, 'hooks.ohk');
  // Lifetime of each delivery: 300 ms × 1.2 (jitter) + the 1 s timeout = 1.36 s from acceptance.
  writeFileSync(file, `hook api on PrintDone { url "http://127.0.0.1:${port}/api" data { extra: @extra } retry [300ms] timeout 1s }\n`);
  let log = '';
  const child = spawn(process.execPath, [bin, 'run', file, '--state-dir', stateDir, '--octoprint', sim.url], {
    env: { PATH: process.env.PATH ?? '', OCTOPRINT_API_KEY: sim.apiKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitFor(() => /Connected to OctoPrint/.test(log), 'the daemon to connect', 10_000);
    // 600 firings over about 3 s: without deadlines a lane draining one delivery per ~300 ms
    // would still hold nearly all of them afterwards.
    const total = 600;
    let maxPending = 0;
    for (let n = 1; n <= total; n++) {
      sim.emitEvent('PrintDone', { name: 'cube.gcode', n });
      if (n % 20 === 0) await new Promise((r) => setTimeout(r, 100));
      if (n % 200 === 0) maxPending = Math.max(maxPending, states(stateDir).filter((d) => d.state === 'pending').length);
    }
    await waitFor(() => states(stateDir).filter((d) => d.state === 'dead').length === total, 'every delivery to end', 15_000);
    assert.ok(maxPending < total / 2, `at most ${maxPending} were pending at once`);
    const list = states(stateDir);
    assert.is(list.filter((d) => d.state === 'pending').length, 0);
    const expired = list.filter((d) => /^expired after \d+ s without being delivered, the most its hook's retry schedule allows \(target down\?/.test(d.reason ?? ''));
    assert.ok(expired.length > 0, 'some expired while they waited');
    // The rest were tried as the head and gave up when the next try would have been too late.
    for (const d of list) assert.match(d.reason ?? '', /^(expired after|gave up after)/);
    const human = outboxList(stateDir, false);
    assert.match(human, new RegExp(`: 0 pending, ${total} dead \\(daemon running, pid ${child.pid}\\)`));
    assert.match(human, /dead +0 +expired after \d+ s without being delivered/);
    assert.match(log, /ERROR dead letter: gave up on this webhook .*reason="expired after/);
    child.kill('SIGTERM');
    assert.is(await exit, 0, log);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await sim.stop();
  }
});

t.run();
