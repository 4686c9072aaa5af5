// The retry policy as a table, and Standard Webhooks signing against the reference library.
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { Webhook } from 'standardwebhooks';
import { classify, nextDelayMs, parseRetryAfter } from '../../../runtime/delivery/retry-policy.js';
import { newWebhookId, parseSecret, signature, withIdentity } from '../../../runtime/delivery/signing.js';
import { OctohookError, isOctohookError } from '../../../runtime/errors.js';
import type { SendResult } from '../../../runtime/http/send-request.js';

const t = suite('delivery: retry policy and signing');
const answer = (status: number, headers: Record<string, string> = {}): { response: SendResult } => ({
  response: { ok: status >= 200 && status < 400, status, headers, body: Buffer.alloc(0), bodyText: '', truncated: false, ms: 1 },
});

t('classify: success 200–399; retry network, timeout, 408, 429, 5xx; 410 gone; other 4xx and request errors dead', () => {
  const kind = (o: Parameters<typeof classify>[0]) => classify(o, 0).kind;
  for (const s of [200, 201, 204, 301, 304, 399]) assert.is(kind(answer(s)), 'success', String(s));
  for (const s of [408, 429, 500, 502, 503, 504, 599]) assert.is(kind(answer(s)), 'retry', String(s));
  assert.is(kind(answer(410)), 'gone');
  for (const s of [400, 401, 403, 404, 405, 409, 413, 422]) assert.is(kind(answer(s)), 'dead', String(s));
  assert.is(kind({ error: new OctohookError('OHK_ERR_NETWORK', 'reset') }), 'retry');
  assert.is(kind({ error: new OctohookError('OHK_ERR_TIMEOUT', 'slow') }), 'retry');
  assert.is(kind({ error: new OctohookError('OHK_ERR_URL', 'bad') }), 'dead');
  assert.is(kind({ error: new Error('boom') }), 'dead');
});

t('Retry-After: seconds or an HTTP date, relative to now; garbage ignored', () => {
  const now = Date.UTC(2030, 0, 1);
  assert.is(parseRetryAfter('120', now), 120_000);
  assert.is(parseRetryAfter(' 0 ', now), 0);
  assert.is(parseRetryAfter(new Date(now + 90_000).toUTCString(), now), 90_000);
  assert.is(parseRetryAfter(new Date(now - 90_000).toUTCString(), now), 0);
  assert.is(parseRetryAfter('soon', now), undefined);
  assert.is(parseRetryAfter(undefined, now), undefined);
  assert.equal(classify(answer(429, { 'retry-after': '7' }), now), { kind: 'retry', reason: 'HTTP 429', retryAfterMs: 7000 });
});

t('nextDelayMs: the schedule with ±20 % jitter, Retry-After only lengthens (capped at 1 h), null when used up', () => {
  const d = [5_000, 300_000];
  assert.is(nextDelayMs(d, 1, undefined, () => 0.5), 5_000);
  assert.is(nextDelayMs(d, 1, undefined, () => 0), 4_000);
  assert.is(nextDelayMs(d, 1, undefined, () => 1), 6_000);
  assert.is(nextDelayMs(d, 2, undefined, () => 0.5), 300_000);
  assert.is(nextDelayMs(d, 3, undefined, () => 0.5), null);
  assert.is(nextDelayMs([], 1), null, 'retry off');
  assert.is(nextDelayMs(d, 1, 60_000, () => 0.5), 60_000);
  assert.is(nextDelayMs(d, 2, 1_000, () => 0.5), 300_000);
  assert.is(nextDelayMs(d, 1, 10 * 3_600_000, () => 0.5), 3_600_000);
});

t('signature: byte-for-byte what the reference library computes, and it verifies', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const key = parseSecret(secret, 'S', 'h');
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const ts = Math.floor(Date.now() / 1000);
  const body = Buffer.from('{"test": 2432232314}');
  const ours = signature(key, id, ts, body);
  assert.is(ours, new Webhook(secret).sign(id, new Date(ts * 1000), body.toString()));
  const req = withIdentity({ method: 'POST', url: 'http://x/', headers: { 'Content-Type': 'application/json', 'Webhook-Id': 'user-set' }, body, contentType: 'application/json' }, id, ts, key);
  assert.equal(Object.keys(req.headers), ['Content-Type', 'webhook-id', 'webhook-timestamp', 'webhook-signature'], 'a same-named header of the hook is replaced');
  assert.equal(new Webhook(secret).verify(body.toString(), req.headers), { test: 2432232314 });
  // Without a key: identity headers, no signature.
  assert.equal(Object.keys(withIdentity({ ...req, headers: {} }, id, ts, null).headers), ['webhook-id', 'webhook-timestamp']);
});

t('secrets: whsec_ + base64 required; messages name the variable and never the value', () => {
  const bad = (value: string) => {
    try {
      parseSecret(value, 'MY_SECRET', 'api');
    } catch (e) {
      assert.ok(isOctohookError(e, 'OHK_ERR_SIGN_SECRET'));
      assert.ok((e as Error).message.includes('MY_SECRET'));
      if (value.length > 6) assert.not.ok((e as Error).message.includes(value.slice(6)), (e as Error).message);
      return (e as Error).message;
    }
    assert.unreachable(value);
  };
  assert.match(bad('')!, /MY_SECRET is not set/);
  assert.match(bad('supersecretvalue')!, /does not start with whsec_/);
  assert.match(bad('whsec_not base64!')!, /not valid base64/);
  assert.match(bad('whsec_')!, /not valid base64/);
  assert.is(parseSecret('whsec_AAAA', 'S', 'h').length, 3);
});

t('webhook ids: msg_ and 20 URL-safe characters, unique', () => {
  const ids = new Set(Array.from({ length: 1000 }, newWebhookId));
  assert.is(ids.size, 1000);
  for (const id of ids) assert.match(id, /^msg_[A-Za-z0-9_-]{20}$/);
});

t.run();
