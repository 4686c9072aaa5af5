// The status page's parts without a browser: pausing a hook's lane on the ManualClock, the
// metrics text (cumulative buckets, escaped labels from event names off the wire), the token
// (from the environment, or made and printed once, then redacted), and `--status` refusing an
// address it cannot listen on.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import type { CompiledModule } from '../../../runtime/compiled-module.js';
import type { StoredDelivery } from '../../../runtime/outbox/records.js';
import { createLogger } from '../../../runtime/log/logger.js';
import { SecretSet } from '../../../runtime/log/redact.js';
import { DeliveryStats } from '../../../runtime/status/delivery-stats.js';
import { metricsText } from '../../../runtime/status/metrics-text.js';
import { resolveStatusOptions } from '../../../runtime/status/status-options.js';
import { StatusServer } from '../../../runtime/status/status-server.js';
import { statusSnapshot, type StatusSource } from '../../../runtime/status/status-snapshot.js';
import { scripted, startRig, type Rig } from '../../support/delivery-rig.js';
import { projectRoot } from '../../support/project-root.js';

const t = suite('status page parts');
let rig: Rig | undefined;
t.after.each(async () => {
  await rig?.close();
  rig = undefined;
});

/** One hook `a`, an empty outbox, no printer. */
function source(stats: DeliveryStats): StatusSource {
  return {
    hooks: [{ name: 'a', enabled: true } as CompiledModule['hooks'][number]],
    stats,
    deliveries: () => [],
    outboxBytes: () => 0,
    isPaused: () => false,
    disabledReason: () => undefined,
    printers: () => [],
    secrets: new SecretSet(),
    startedAt: 0,
    now: () => 0,
  };
}

t('a paused hook makes no attempt when its retry falls due; resume sends it; other hooks go on', async () => {
  rig = await startRig((url) => `hook api on PrintDone { url "${url}/api" }\nhook other on PrintDone { url "${url}/other" }`, { respond: scripted([500, 200, 200]) });
  rig.fire('PrintDone', {});
  await rig.settle();
  assert.is(rig.receiver.requests.filter((r) => r.url === '/api').length, 1);
  assert.ok(rig.engine.pause('api'));
  assert.ok(rig.engine.isPaused('api'));
  // An hour: past the 5 s retry, within the delivery's deadline (which still holds while paused).
  await rig.clock.advanceAsync(60 * 60_000);
  rig.fire('PrintDone', {});
  await rig.settle();
  assert.is(rig.receiver.requests.filter((r) => r.url === '/api').length, 1, 'nothing sent while paused');
  assert.is(rig.receiver.requests.filter((r) => r.url === '/other').length, 2, 'the other hook is not held');
  assert.is(rig.outbox.list().filter((d) => d.hook === 'api').length, 2, 'both wait in the outbox');
  assert.ok(rig.engine.resume('api'));
  await rig.settle();
  await rig.engine.idle();
  assert.is(rig.receiver.requests.filter((r) => r.url === '/api').length, 3, 'the retry, then the held one, in order');
  assert.not.ok(rig.engine.pause('nope'), 'an unknown hook');
});

t('metrics: cumulative latency buckets, and label values escaped', () => {
  let now = 0;
  const stats = new DeliveryStats(['a'], () => now);
  stats.attempt('a', 30);
  stats.attempt('a', 700);
  stats.attempt('a', 60_000);
  stats.event('Weird"Event\nName\\');
  stats.suppressed('a');
  stats.suppressed('a');
  const snap = statusSnapshot({
    ...source(stats),
    outboxBytes: () => 123,
    printers: () => [{ name: 'octoprint', url: 'http://user:pw@127.0.0.1:5000/path?apikey=x', connection: 'waiting', state: 'Offline' }],
    now: () => ++now,
  });
  assert.is(snap.printers[0].url, 'http://127.0.0.1:5000', 'the origin only: no credentials, no path');
  assert.is(snap.hooks[0].suppressed, 2, 'firings quiet hours or conditions kept from the hook');
  const text = metricsText(snap, stats);
  const lines = text.split('\n');
  for (const line of [
    'octohook_attempt_duration_seconds_bucket{hook="a",le="0.05"} 1',
    'octohook_attempt_duration_seconds_bucket{hook="a",le="0.5"} 1',
    'octohook_attempt_duration_seconds_bucket{hook="a",le="1"} 2',
    'octohook_attempt_duration_seconds_bucket{hook="a",le="30"} 2',
    'octohook_attempt_duration_seconds_bucket{hook="a",le="+Inf"} 3',
    'octohook_attempt_duration_seconds_count{hook="a"} 3',
    'octohook_events_total{trigger="Weird\\"Event\\nName\\\\"} 1',
    'octohook_printer_connected{printer="octoprint"} 0',
    'octohook_printer_connection_state{printer="octoprint",state="waiting"} 1',
    'octohook_outbox_bytes 123',
    'octohook_suppressed_total{hook="a"} 2',
  ]) assert.ok(lines.includes(line), `missing: ${line}\n${text}`);
});

t('public read: the data without the token, actions still with it', async () => {
  const stats = new DeliveryStats(['a'], () => 0);
  const logger = createLogger({ stream: { write: () => {} }, level: 'error' });
  let controlled = 0;
  const server = new StatusServer({
    listen: { host: '127.0.0.1', port: 0 },
    token: 'the-token-123',
    publicRead: true,
    stats,
    logger,
    source: source(stats),
    control: () => {
      controlled++;
      return { affected: [], missing: [] };
    },
    pause: () => true,
    resume: () => true,
  });
  const { url } = await server.start();
  try {
    assert.is((await fetch(url + 'api/status')).status, 200);
    assert.is((await fetch(url + 'metrics')).status, 200);
    const action = (auth: string) => fetch(url + 'api/actions', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: auth }, body: '{"op":"retry","allDead":true}' });
    assert.is((await action('')).status, 401);
    assert.is(controlled, 0);
    assert.is((await action('Bearer the-token-123')).status, 200);
    assert.is(controlled, 1);
  } finally {
    await server.stop();
  }
});

t('the snapshot lists the oldest pending and newest dead letters with bodies, and counts them all', () => {
  const stats = new DeliveryStats(['a'], () => 0);
  const letter = (seq: number, state: 'pending' | 'dead'): StoredDelivery => ({
    id: `msg_${seq}`, hook: 'a', trigger: 'PrintDone', seq, createdAt: seq, attempts: 1, nextAt: seq, state,
    req: { method: 'POST', url: 'https://example.com/path/secret-part', headers: {}, body: Buffer.from(`{"n":${seq}}`).toString('base64'), contentType: 'application/json' },
  });
  const all = [...Array.from({ length: 30 }, (_, i) => letter(i, 'pending')), ...Array.from({ length: 60 }, (_, i) => letter(100 + i, 'dead'))];
  const snap = statusSnapshot({ ...source(stats), deliveries: () => all });
  assert.equal([snap.hooks[0].pending, snap.hooks[0].dead], [30, 60]);
  assert.equal(snap.pending.map((d) => d.id), Array.from({ length: 20 }, (_, i) => `msg_${i}`));
  assert.equal(snap.dead.map((d) => d.id), Array.from({ length: 50 }, (_, i) => `msg_${110 + i}`));
  assert.equal(snap.unlisted, { pending: 10, dead: 10 });
  assert.is(snap.dead[0].body, '{"n":110}');
  assert.is(snap.dead[0].target, 'https://example.com', 'the origin only');
});

function module(status: CompiledModule['status']): CompiledModule {
  return { format: 1, source: 'x.ohk', octoprint: { url: null, apikey: null }, oauth: {}, hooks: [], env: [], ...(status ? { status } : {}) };
}

t('the token: from the environment variable the block names, or made, printed once and redacted after', () => {
  const lines: string[] = [];
  const logger = createLogger({ stream: { write: (s: string) => lines.push(s) }, level: 'debug' });
  assert.is(resolveStatusOptions(undefined, module(undefined), {}, logger), null, 'off without the flag or the block');

  const fromEnv = resolveStatusOptions(undefined, module({ listen: '127.0.0.1:8787', tokenEnv: 'STATUS_TOKEN', publicRead: true }), { STATUS_TOKEN: 'from-the-env-123' }, logger)!;
  assert.equal([fromEnv.token, fromEnv.publicRead, fromEnv.listen], ['from-the-env-123', true, { host: '127.0.0.1', port: 8787 }]);
  assert.not.ok(lines.join('').includes('from-the-env-123'), 'a named token is never printed');

  const made = resolveStatusOptions('[::1]:0', module({ listen: '127.0.0.1:8787', tokenEnv: 'UNSET_TOKEN', publicRead: false }), {}, logger)!;
  assert.equal(made.listen, { host: '::1', port: 0 }, '--status wins over listen');
  assert.match(made.token, /^[A-Za-z0-9_-]{32}$/);
  assert.ok(lines.some((l) => /WARN .*UNSET_TOKEN is not set/.test(l)));
  assert.is(lines.filter((l) => l.includes(made.token)).length, 1, 'printed once');
  logger.info(`a later line with ${made.token}`);
  assert.is(lines.filter((l) => l.includes(made.token)).length, 1, 'and redacted from then on');
});

t('octohook run --status refuses an address it cannot listen on (exit 2)', () => {
  const r = spawnSync(process.execPath, [join(projectRoot, 'bin', 'octohook.js'), 'run', 'hooks.mjs', '--status', '127.0.0.1'], { encoding: 'utf8', env: { ...process.env, OCTOPRINT_API_KEY: 'k' } });
  assert.is(r.status, 2);
  assert.match(r.stderr, /--status 127\.0\.0\.1: write it as HOST:PORT/);
  assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
});

t.run();
