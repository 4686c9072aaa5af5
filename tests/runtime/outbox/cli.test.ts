// `octohook outbox list|retry|drop`, with a daemon holding the state directory (requests
// handed over as files) and without one (the command writes the journal itself).
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { main } from '../../../runtime/cli/main.js';
import { realClock } from '../../../runtime/clock.js';
import { RequestWatcher } from '../../../runtime/outbox/control.js';
import { Outbox } from '../../../runtime/outbox/outbox.js';
import { statePaths } from '../../../runtime/outbox/state-dir.js';
import { startRig, type Rig } from '../../support/delivery-rig.js';
import { MemoryLogger } from '../../support/memory-logger.js';

const t = suite('outbox: the command line');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) }, env: {} });
  return { code, out, err };
}

/** A rig with two dead letters (404s) and one pending delivery (503, retrying). */
async function withDeadLetters(): Promise<{ rig: Rig; up: () => void }> {
  let upNow = false;
  const rig = await startRig(
    (url) => `hook gone on PrintDone { url "${url}/gone" data { extra: @extra } }\nhook slow on PrintStarted { url "${url}/slow" }`,
    { stateDir: true, respond: (req, res) => void res.writeHead(upNow ? 200 : req.url.startsWith('/gone') ? 404 : 503).end() },
  );
  rig.fire('PrintDone', { n: 1 });
  rig.fire('PrintDone', { n: 2 });
  rig.fire('PrintStarted');
  await rig.settle();
  await rig.outbox.flush();
  return { rig, up: () => (upNow = true) };
}

t('list: pending and dead letters with id, hook, trigger, attempts, next attempt or reason; --json', async () => {
  const { rig } = await withDeadLetters();
  try {
    const text = await run('outbox', 'list', '--state-dir', rig.stateDir!);
    assert.is(text.code, 0, text.err);
    const lines = text.out.trim().split('\n');
    assert.match(lines[0], /: 1 pending, 2 dead \(daemon running, pid \d+\)$/);
    assert.match(lines[1], /^ID\s+HOOK\s+TRIGGER\s+STATE\s+ATTEMPTS\s+NEXT ATTEMPT \/ REASON$/);
    const dead = rig.outbox.list().filter((d) => d.state === 'dead');
    for (const d of dead) assert.ok(lines.some((l) => l.startsWith(d.id) && /gone\s+PrintDone\s+dead\s+1\s+HTTP 404$/.test(l)), text.out);
    // (the rig's clock is in 2023, so by the wall clock the retry is already due)
    assert.ok(lines.some((l) => /slow\s+PrintStarted\s+pending\s+1\s+due now \(last: HTTP 503\)$/.test(l)), text.out);

    const json = JSON.parse((await run('outbox', 'list', '--json', '--state-dir', rig.stateDir!)).out);
    assert.is(json.deliveries.length, 3);
    const [first] = json.deliveries;
    assert.equal(Object.keys(first).sort(), ['attempts', 'bytes', 'createdAt', 'deadAt', 'hook', 'id', 'method', 'reason', 'state', 'target', 'trigger']);
    assert.is(first.target, rig.receiver.url, 'the origin only, never a path that may hold a token');
  } finally {
    await rig.close();
  }
});

t('retry and drop while the daemon runs: handed over as request files and applied at once', async () => {
  const { rig, up } = await withDeadLetters();
  const watcher = new RequestWatcher(statePaths(rig.stateDir!).requests, (req) => rig.engine.applyControl(req), rig.logger);
  await watcher.start();
  try {
    const [a, b] = rig.outbox.list().filter((d) => d.state === 'dead');
    up();
    const retried = await run('outbox', 'retry', a.id, '--state-dir', rig.stateDir!);
    assert.is(retried.code, 0, retried.err);
    assert.match(retried.out, /^requeued 1 delivery; the running daemon sends them now\n {2}msg_/);
    await rig.settle();
    const gone = rig.receiver.requests.filter((r) => r.url === '/gone');
    assert.is(gone.at(-1)!.headers['webhook-id'], a.id, 'the same webhook-id as before');

    const dropped = await run('outbox', 'drop', '--all-dead', '--state-dir', rig.stateDir!);
    assert.is(dropped.code, 0, dropped.err);
    assert.match(dropped.out, new RegExp(`^dropped 1 delivery\\n {2}${b.id}\\n$`));
    assert.equal(rig.outbox.list().map((d) => d.hook), ['slow']);

    const missing = await run('outbox', 'retry', 'msg_nope', '--state-dir', rig.stateDir!);
    assert.is(missing.code, 1);
    assert.match(missing.err, /no dead letter with id msg_nope/);
  } finally {
    await watcher.stop();
    await rig.close();
  }
});

t('retry and drop without a daemon: the command writes the journal; the daemon finds it on start', async () => {
  const { rig } = await withDeadLetters();
  const dir = rig.stateDir!;
  const dead = rig.outbox.list().filter((d) => d.state === 'dead');
  await rig.close();

  const retried = await run('outbox', 'retry', '--all-dead', '--state-dir', dir);
  assert.is(retried.code, 0, retried.err);
  assert.match(retried.out, /^requeued 2 deliveries; the daemon sends them when it starts/);
  const dropped = await run('outbox', 'drop', dead[1].id, '--state-dir', dir);
  assert.is(dropped.code, 0, dropped.err);

  const box = await Outbox.open({ dir, logger: new MemoryLogger(), clock: realClock });
  assert.equal(box.list().map((d) => [d.hook, d.state, d.attempts]), [['slow', 'pending', 1], ['gone', 'pending', 0]]);
  assert.is(box.list()[1].id, dead[0].id);
  await box.close();
});

t('usage: ids or --all-dead, not both, not neither; unknown subcommand', async () => {
  assert.is((await run('outbox', 'retry')).code, 2);
  assert.is((await run('outbox', 'drop', 'msg_x', '--all-dead')).code, 2);
  assert.is((await run('outbox', 'list', 'msg_x')).code, 2);
  const bad = await run('outbox', 'purge');
  assert.is(bad.code, 2);
  assert.match(bad.err, /unknown command 'purge'/);
  const help = await run('--help');
  assert.match(help.out, /octohook outbox list \[--state-dir DIR\] \[--json\]/);
  assert.match(help.out, /--state-dir DIR/);
});

t.run();
