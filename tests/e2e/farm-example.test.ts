// The print farm of examples/farm.ohk (the syntax, with addresses from the
// environment) as a user runs it, every program spawned: `octohookc check`, `build` and
// `build --bundle`, then the compiled module and the bundle each watching two simulated
// OctoPrints, and `--printers mini` on the same file watching mini alone. mk3 prints to the
// end, mini's print is cancelled (PrintFailed): each Discord message names its printer, the
// lab hears only mk3 (`from mk3`) with mk3's device, log lines and `octohook outbox list`
// name the printer.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { SimulatorFarm } from '../../simulator/index.js';
import { projectRoot } from '../support/project-root.js';
import { startReceiver, type Receiver, type RecordedRequest } from '../support/receiver.js';
import { bins, runBin, stackTrace } from '../support/spawn-bin.js';
import { waitFor } from '../support/wait-for.js';

const t = suite('e2e: the farm example, checked, built and run');
let dir: string;
let farm: SimulatorFarm;
let receiver: Receiver;
/** mini's failure is answered 503, so it waits in the outbox for `outbox list` to show. */
let refuseMini = true;

const content = (r: RecordedRequest) => (r.json as { content: string }).content;

t.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'octohook-farm-example-'));
  await copyFile(join(projectRoot, 'examples', 'farm.ohk'), join(dir, 'farm.ohk'));
  receiver = await startReceiver((req, res) => {
    const refused = refuseMini && req.url.startsWith('/api/webhooks/') && content(req).startsWith('mini:');
    res.writeHead(refused ? 503 : 204).end();
  });
  farm = await SimulatorFarm.start(['mk3', 'mini'], { speed: 10 });
});

t.after(async () => {
  await farm?.stop();
  await receiver?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Each printer's variables (those `which` names), and the hooks'. */
function envOf(...which: string[]): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', DISCORD_API: `${receiver.url}/api`, DISCORD_WEBHOOK: '1234/farm-token', LAB_URL: `${receiver.url}/lab` };
  for (const p of farm.printers.filter((x) => which.includes(x.name))) {
    env[`${p.name.toUpperCase()}_URL`] = p.sim.url;
    env[`${p.name.toUpperCase()}_KEY`] = p.apiKey;
  }
  return env;
}

/** A daemon as a user starts it (`node bin/octohook.js run …` or `node farm.bundle.mjs …`), stopped with SIGTERM. */
function startDaemon(script: string, args: string[], env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, [script, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    log: () => log,
    async connected(n: number) {
      await waitFor(() => (log.match(/Connected to OctoPrint/g) ?? []).length >= n, `${n} printers connected; log:\n${log}`, 15_000).catch((e: Error) => {
        throw new Error(`${e.message}\n${log}`);
      });
    },
    async stop(): Promise<number | null> {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

t('octohookc check is clean; build and build --bundle write the module and the bundle', async () => {
  const check = await runBin('octohookc', ['check', join(dir, 'farm.ohk')]);
  assert.is(check.code, 0, check.err);
  assert.match(check.out, /farm\.ohk: no problems \(2 hooks\)/);
  const build = await runBin('octohookc', ['build', join(dir, 'farm.ohk')]);
  assert.is(build.code, 0, build.err);
  assert.match(build.out + build.err, /farm\.mjs \(2 hooks\)/);
  const bundle = await runBin('octohookc', ['build', join(dir, 'farm.ohk'), '--bundle'], {}, { timeoutMs: 30_000 });
  assert.is(bundle.code, 0, bundle.err);
  assert.match(bundle.out + bundle.err, /farm\.bundle\.mjs \(2 hooks, runtime included/);
});

t('octohook run farm.mjs: two printers, each message names its printer, the lab hears mk3 only, outbox list names mini', async () => {
  const stateDir = join(dir, 'state-module');
  const daemon = startDaemon(bins.octohook, ['run', 'farm.mjs', '--state-dir', stateDir], envOf('mk3', 'mini'));
  try {
    await daemon.connected(2);
    assert.match(daemon.log(), /starting hooks=2 printers=mk3,mini/);
    await Promise.all([farm.get('mk3').play('done').done, farm.get('mini').play('cancel').done]);
    const discord = () => receiver.requests.filter((r) => r.url === '/api/webhooks/1234/farm-token');
    await waitFor(() => discord().length >= 2 && receiver.requests.filter((r) => r.url === '/lab').length === 9, 'two Discord messages and nine lab milestones', 10_000);

    assert.equal(discord().map(content).sort(), [
      'mini: Something went wrong and your print has failed. (lab_long.gcode)',
      'mk3: Your print is done. (lab_test.gcode)',
    ]);
    const lab = receiver.requests.filter((r) => r.url === '/lab').map((r) => r.json as { device: string; percent: number });
    assert.equal(lab.map((b) => b.percent), [10, 20, 30, 40, 50, 60, 70, 80, 90]);
    assert.ok(lab.every((b) => b.device === 'Prusa MK3S #1'), JSON.stringify(lab));

    await waitFor(() => (daemon.log().match(/hook=lab trigger=Progress printer=mk3/g) ?? []).length >= 9 && /trigger=PrintFailed printer=mini/.test(daemon.log()), 'the log lines', 5000);
    const log = daemon.log();
    assert.match(log, /delivered .*hook=discord trigger=PrintDone printer=mk3/);
    assert.match(log, /hook=discord trigger=PrintFailed printer=mini/);
    assert.match(log, /delivered .*hook=lab trigger=Progress printer=mk3/);
    assert.not.match(log, /hook=lab .*printer=mini/);
    for (const p of farm.printers) assert.not.ok(log.includes(p.apiKey), `${p.name}'s key in the log`);
  } finally {
    assert.is(await daemon.stop(), 0, daemon.log());
  }
  const list = await runBin('octohook', ['outbox', 'list', '--state-dir', stateDir]);
  assert.is(list.code, 0, list.err);
  assert.match(list.out, /^ID\s+PRINTER\s+HOOK\s+TRIGGER/m);
  assert.match(list.out, /^msg_\S+\s+mini\s+discord\s+PrintFailed\s+pending/m);
  assert.not.match(list.out, /\bmk3\b/);
});

t('the bundle runs the same farm: each printer its own message', async () => {
  refuseMini = false;
  receiver.requests.length = 0;
  const daemon = startDaemon(join(dir, 'farm.bundle.mjs'), ['--state-dir', join(dir, 'state-bundle')], envOf('mk3', 'mini'));
  try {
    await daemon.connected(2);
    farm.get('mk3').emitEvent('PrintDone', { name: 'a.gcode', time: 1 });
    farm.get('mini').emitEvent('PrintFailed', { name: 'b.gcode', time: 1, reason: 'error' });
    await waitFor(() => receiver.requests.length === 2, 'two Discord messages', 10_000);
    assert.equal(receiver.requests.map(content).map((c) => c.split(':')[0]).sort(), ['mini', 'mk3']);
    // (The log is written in batches: its lines may follow the requests.)
    await waitFor(() => /delivered .*printer=mk3/.test(daemon.log()) && /delivered .*printer=mini/.test(daemon.log()), 'a delivered line naming each printer', 5000);
  } finally {
    assert.is(await daemon.stop(), 0, daemon.log());
  }
});

t("--printers mini on the same file watches mini alone, needing neither mk3's variables nor the lab's", async () => {
  receiver.requests.length = 0;
  const logins = farm.printers.map((p) => p.sim.loginCount);
  // What docs/deploy.md gives host-b: MINI_URL, MINI_KEY, DISCORD_API, DISCORD_WEBHOOK.
  const { LAB_URL: _lab, ...env } = envOf('mini');
  const daemon = startDaemon(bins.octohook, ['run', 'farm.mjs', '--printers', 'mini', '--state-dir', join(dir, 'state-mini')], env);
  try {
    await daemon.connected(1);
    assert.match(daemon.log(), /starting hooks=2 printers=mini/);
    assert.match(daemon.log(), /hook lab is for printers this daemon does not watch \(mk3\); it stays idle here/);
    farm.get('mk3').emitEvent('PrintDone', { name: 'a.gcode', time: 1 });
    farm.get('mini').emitEvent('PrintDone', { name: 'b.gcode', time: 1 });
    await waitFor(() => receiver.requests.length >= 1, "mini's message", 10_000);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(receiver.requests.map(content), ['mini: Your print is done. (lab_long.gcode)']);
    assert.equal(farm.printers.map((p) => p.sim.loginCount - logins[farm.printers.indexOf(p)]), [0, 1]);
    assert.not.match(daemon.log(), stackTrace);
  } finally {
    assert.is(await daemon.stop(), 0, daemon.log());
  }
});

t.run();
