// Fault tests of the delivery engine against a real receiver on 127.0.0.1, with the retry
// schedule run on a ManualClock: a whole day of back-off takes milliseconds.
import { randomBytes } from 'node:crypto';
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { Webhook } from 'standardwebhooks';
import { ManualClock } from '../../../runtime/clock.js';
import type { RecordedRequest } from '../../support/receiver.js';
import { scripted, startRig, type Rig } from '../../support/delivery-rig.js';

const t = suite('delivery: faults');
let rig: Rig | undefined;
t.after.each(async () => {
  await rig?.close();
  rig = undefined;
});

const hook = (name: string, settings = '') => (url: string) => `hook ${name} on PrintDone, PrintStarted { url "${url}/${name}" data { topic: @topic, extra: @extra } ${settings} }`;
const ids = (reqs: RecordedRequest[]) => reqs.map((r) => String(r.headers['webhook-id']));
const bodies = (reqs: RecordedRequest[]) => reqs.map((r) => r.raw.toString('utf8'));

t('500, 500, then 200: one delivery in three attempts, same webhook-id and bytes, back-off per schedule', async () => {
  rig = await startRig(hook('api'), { respond: scripted([500, 500, 200]) });
  rig.fire('PrintDone', { n: 1 });
  await rig.settle();
  assert.is(rig.receiver.requests.length, 1);
  assert.is(await rig.step(), 5_000, 'second attempt after 5 s');
  assert.is(await rig.step(), 300_000, 'third attempt after 5 min');
  assert.is(rig.clock.pendingCount, 0, 'nothing left to retry');
  const reqs = rig.receiver.requests;
  assert.is(reqs.length, 3);
  assert.is(new Set(ids(reqs)).size, 1);
  assert.match(ids(reqs)[0], /^msg_[A-Za-z0-9_-]{20}$/);
  assert.is(new Set(bodies(reqs)).size, 1, 'the stored bytes, not a re-render');
  const stamps = reqs.map((r) => Number(r.headers['webhook-timestamp']));
  assert.equal(stamps, [1_700_000_000, 1_700_000_005, 1_700_000_305], 'the timestamp is per attempt');
  assert.is(rig.outbox.list().length, 0, 'delivered: out of the outbox');
  assert.is(rig.outcomes.length, 1);
  assert.is(rig.outcomes[0].outcome.kind, 'sent');
  assert.ok(rig.lines.some((l) => /WARN {2}attempt failed; trying again in 5 s .*status=500.*attempt=1\/5/.test(l)));
  assert.is(rig.lines.filter((l) => /\bdelivered\b/.test(l)).length, 1);
});

t('jitter: delays stay within ±20 % of the schedule', async () => {
  let r = 0;
  const draws = [0, 0.999];
  rig = await startRig(hook('api'), { respond: scripted([503, 503, 200]), random: () => draws[r++ % 2] });
  rig.fire('PrintDone');
  await rig.settle();
  const first = await rig.step();
  const second = await rig.step();
  assert.is(first, 4_000);
  assert.ok(second > 359_000 && second <= 360_000, String(second));
});

t('connection resets are retried', async () => {
  rig = await startRig(hook('api'), { respond: scripted(['reset', 'reset', 200]) });
  rig.fire('PrintDone');
  await rig.settle();
  await rig.step();
  await rig.step();
  assert.is(rig.receiver.requests.length, 3);
  assert.is(new Set(ids(rig.receiver.requests)).size, 1);
  assert.ok(rig.lines.some((l) => /attempt failed.*OHK_ERR_NETWORK/.test(l)), rig.lines.join('\n'));
  assert.is(rig.outbox.list().length, 0);
});

t('a target hanging past the timeout is retried', async () => {
  rig = await startRig(hook('api'), { respond: scripted(['hang', 200]) });
  rig.module.hooks[0].timeoutMs = 150;
  rig.fire('PrintDone');
  await rig.settle();
  assert.ok(rig.lines.some((l) => /attempt failed.*OHK_ERR_TIMEOUT/.test(l)));
  await rig.step();
  assert.is(rig.receiver.requests.length, 2);
  assert.is(rig.outcomes[0].outcome.kind, 'sent');
});

t('down for the whole schedule: dead letter after the last attempt; retry requeues it with the same id', async () => {
  let up = false;
  rig = await startRig(hook('api', 'retry [1s, 2s]'), { stateDir: true, respond: (_r, res) => void res.writeHead(up ? 200 : 503).end() });
  rig.fire('PrintDone', { n: 7 });
  await rig.settle();
  assert.is(await rig.step(), 1_000);
  assert.is(await rig.step(), 2_000);
  assert.is(rig.clock.pendingCount, 0);
  assert.is(rig.receiver.requests.length, 3);
  const [dead] = rig.outbox.list();
  assert.is(dead.state, 'dead');
  assert.is(dead.attempts, 3);
  assert.match(dead.reason!, /gave up after 3 attempts: HTTP 503/);
  assert.is(rig.outcomes[0].outcome.kind, 'sent');
  assert.is((rig.outcomes[0].outcome as { ok: boolean }).ok, false);
  assert.ok(rig.lines.some((l) => /ERROR dead letter/.test(l)));

  up = true;
  const result = rig.engine.applyControl({ op: 'retry', allDead: true });
  assert.equal(result.affected, [dead.id]);
  await rig.settle();
  assert.is(rig.receiver.requests.length, 4);
  assert.is(new Set(ids(rig.receiver.requests)).size, 1);
  assert.is(rig.outbox.list().length, 0);
});

t('429 with Retry-After (seconds, then an HTTP date) waits as long as the target asks', async () => {
  const clock = new ManualClock(Date.UTC(2030, 0, 1));
  const inTenMinutes = new Date(Date.UTC(2030, 0, 1) + 120_000 + 600_000).toUTCString();
  rig = await startRig(hook('api'), {
    clock,
    respond: scripted([
      { status: 429, headers: { 'retry-after': '120' } },
      { status: 503, headers: { 'retry-after': inTenMinutes } },
      { status: 429, headers: { 'retry-after': '0' } },
      200,
    ]),
  });
  rig.fire('PrintDone');
  await rig.settle();
  assert.is(await rig.step(), 120_000, 'Retry-After: 120 beats the 5 s schedule');
  assert.is(await rig.step(), 600_000, 'an HTTP date, ten minutes on');
  assert.is(await rig.step(), 1_800_000, 'Retry-After: 0 does not shorten the 30 min back-off');
  assert.is(rig.receiver.requests.length, 4);
});

t('Retry-After is capped at an hour', async () => {
  rig = await startRig(hook('api'), { respond: scripted([{ status: 503, headers: { 'retry-after': '86400' } }, 200]) });
  rig.fire('PrintDone');
  await rig.settle();
  assert.is(await rig.step(), 3_600_000);
});

t('410 Gone: dead letter, the hook is disabled until restart (queued ones too), other hooks go on', async () => {
  rig = await startRig((url) => `${hook('gone')(url)}\n${hook('fine')(url)}`, {
    respond: (req, res) => void res.writeHead(req.url.startsWith('/gone') ? 410 : 200).end(),
  });
  rig.fire('PrintStarted', { n: 1 });
  rig.fire('PrintDone', { n: 2 });
  await rig.settle();
  rig.fire('PrintDone', { n: 3 });
  await rig.settle();
  const gone = rig.receiver.requests.filter((r) => r.url.startsWith('/gone'));
  const fine = rig.receiver.requests.filter((r) => r.url.startsWith('/fine'));
  assert.is(gone.length, 1, 'one attempt, no retry');
  assert.is(fine.length, 3);
  const dead = rig.outbox.list();
  assert.is(dead.length, 2);
  assert.ok(dead.every((d) => d.state === 'dead' && d.hook === 'gone'));
  assert.match(dead[0].reason!, /HTTP 410/);
  assert.match(dead[1].reason!, /hook disabled until restart/);
  assert.ok(rig.lines.some((l) => /ERROR HOOK DISABLED: gone will send nothing more until octohook restarts/.test(l)));
  assert.ok(rig.lines.some((l) => /skipped: the hook is disabled until restart.*hook=gone/.test(l)));
  assert.is(rig.clock.pendingCount, 0);
});

t('other 4xx go straight to dead letter; 3xx without a redirect target counts as delivered', async () => {
  rig = await startRig((url) => `${hook('missing')(url)}\n${hook('moved')(url)}`, {
    respond: (req, res) => void res.writeHead(req.url.startsWith('/missing') ? 404 : 304).end(),
  });
  rig.fire('PrintDone');
  await rig.settle();
  assert.is(rig.receiver.requests.length, 2);
  const dead = rig.outbox.list();
  assert.equal(dead.map((d) => [d.hook, d.state, d.attempts, d.reason]), [['missing', 'dead', 1, 'HTTP 404']]);
  assert.is(rig.clock.pendingCount, 0);
});

t('signatures verify with the standardwebhooks reference library; each attempt is signed afresh', async () => {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  rig = await startRig(hook('signed', 'sign @env.WEBHOOK_SECRET retry [2s]'), {
    clock: new ManualClock(Date.now()),
    env: { WEBHOOK_SECRET: secret },
    respond: scripted([500, 200]),
  });
  rig.fire('PrintDone', { n: 1 });
  await rig.settle();
  await rig.step();
  const wh = new Webhook(secret);
  const reqs = rig.receiver.requests;
  assert.is(reqs.length, 2);
  for (const r of reqs) {
    const verified = wh.verify(r.raw.toString('utf8'), r.headers as Record<string, string>);
    assert.equal(verified, { topic: 'Print Done', extra: { n: 1 } });
    assert.match(String(r.headers['webhook-signature']), /^v1,[A-Za-z0-9+/]{43}=$/);
  }
  assert.is(reqs[0].headers['webhook-id'], reqs[1].headers['webhook-id']);
  assert.is.not(reqs[0].headers['webhook-timestamp'], reqs[1].headers['webhook-timestamp']);
  assert.is.not(reqs[0].headers['webhook-signature'], reqs[1].headers['webhook-signature']);
  // A tampered body fails.
  assert.throws(() => wh.verify(reqs[0].raw.toString('utf8').replace('1', '2'), reqs[0].headers as Record<string, string>));
  assert.not.ok(rig.lines.join('\n').includes(secret.slice(6)), 'the secret is never logged');
});

t('a missing or malformed signing secret: a dead letter naming the variable, never the value', async () => {
  rig = await startRig((url) => `${hook('unset', 'sign @env.UNSET_SECRET')(url)}\n${hook('bad', 'sign @env.BAD_SECRET')(url)}`, {
    env: { BAD_SECRET: 'hunter2-not-a-whsec' },
  });
  rig.fire('PrintDone');
  await rig.settle();
  assert.is(rig.receiver.requests.length, 0, 'nothing unsigned goes out');
  const dead = rig.outbox.list();
  assert.equal(dead.map((d) => d.state), ['dead', 'dead']);
  const unset = dead.find((d) => d.hook === 'unset')!;
  const bad = dead.find((d) => d.hook === 'bad')!;
  assert.match(unset.reason!, /^OHK_ERR_SIGN_SECRET: hook unset signs with UNSET_SECRET, but UNSET_SECRET is not set/);
  assert.match(bad.reason!, /^OHK_ERR_SIGN_SECRET: hook bad signs with BAD_SECRET, but its value does not start with whsec_/);
  assert.not.ok(rig.lines.join('\n').includes('hunter2'));
  assert.not.ok(bad.reason!.includes('hunter2'));
});

t('ordering: a hook waits behind its own stuck delivery, in event order; another hook is not held up', async () => {
  let stuckUp = false;
  rig = await startRig((url) => `${hook('stuck')(url)}\n${hook('free')(url)}`, {
    respond: (req, res) => void res.writeHead(req.url.startsWith('/stuck') && !stuckUp ? 503 : 200).end(),
  });
  for (let n = 1; n <= 3; n++) rig.fire(n === 1 ? 'PrintStarted' : 'PrintDone', { n });
  await rig.settle();
  const at = (p: string) => rig!.receiver.requests.filter((r) => r.url.startsWith(p)).map((r) => (r.json as { extra: { n: number } }).extra.n);
  assert.equal(at('/free'), [1, 2, 3], 'the free hook delivered everything at once');
  assert.equal(at('/stuck'), [1], 'the stuck hook tried only its first');
  await rig.step();
  assert.equal(at('/stuck'), [1, 1], 'then retried its first, still not the second');
  stuckUp = true;
  await rig.step();
  assert.equal(at('/stuck'), [1, 1, 1, 2, 3], 'in event order once the target is back');
  assert.is(rig.outbox.list().length, 0);
});

t('OAuth 401: forget the token, render again with a fresh one, store it, same webhook-id', async () => {
  let tokens = 0;
  rig = await startRig(
    (url) => `
oauth auth { url "${url}/token" returns { access_token: string } }
hook api on PrintDone { url "${url}/api" oauth auth headers { Authorization: "Bearer @auth.access_token" } data { extra: @extra } }`,
    {
      respond: (req, res) => {
        if (req.url === '/token') {
          tokens++;
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `tok-${tokens}` }));
          return;
        }
        res.writeHead(req.headers.authorization === 'Bearer tok-1' ? 401 : 200).end();
      },
    },
  );
  rig.fire('PrintDone', { n: 5 });
  await rig.settle();
  const api = rig.receiver.requests.filter((r) => r.url === '/api');
  assert.equal(api.map((r) => r.headers.authorization), ['Bearer tok-1', 'Bearer tok-2']);
  assert.is(api[0].headers['webhook-id'], api[1].headers['webhook-id']);
  assert.is(tokens, 2);
  assert.is(rig.outbox.list().length, 0);
  assert.is(rig.outcomes[0].outcome.kind, 'sent');
});

t('firing time, not send time: a queued delivery keeps what it rendered when it fired', async () => {
  let up = false;
  rig = await startRig((url) => `hook api on PrintDone { url "${url}/api" data { at: @currentTime } }`, {
    respond: (_r, res) => void res.writeHead(up ? 200 : 503).end(),
  });
  rig.fire('PrintDone');
  rig.clock.advance(60_000);
  rig.fire('PrintDone');
  await rig.settle();
  up = true;
  await rig.step();
  const at = rig.receiver.requests.map((r) => (r.json as { at: number }).at);
  assert.equal(at, [1_700_000_000, 1_700_000_000, 1_700_000_060]);
});

t.run();
