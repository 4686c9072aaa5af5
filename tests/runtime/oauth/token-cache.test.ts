import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import type { OAuthSpec, RenderContext } from '../../../runtime/compiled-module.js';
import { isOctohookError } from '../../../runtime/errors.js';
import { createTokenCache } from '../../../runtime/oauth/token-cache.js';
import { fetchToken, type TokenAnswer } from '../../../runtime/oauth/token-client.js';
import { startReceiver } from '../../support/receiver.js';

/** A clock that moves only when told (any object with now() will do). */
function manualClock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

function counter(answers: Array<Partial<TokenAnswer> & { token?: string }>) {
  let n = 0;
  return {
    get count() {
      return n;
    },
    load: async (): Promise<TokenAnswer> => {
      const a = answers[Math.min(n, answers.length - 1)];
      n++;
      return { data: { access_token: a.token ?? `t${n}` }, expiresInMs: a.expiresInMs ?? null };
    },
  };
}

test('cached until expires_in minus 30 s (long-lived token)', async () => {
  const clock = manualClock();
  const src = counter([{ expiresInMs: 3_600_000 }]);
  const cache = createTokenCache({ load: src.load, clock });
  assert.equal(await cache.get('token'), { access_token: 't1' });
  clock.advance(3_600_000 - 30_000 - 1);
  assert.equal(await cache.get('token'), { access_token: 't1' });
  assert.is(src.count, 1);
  clock.advance(1);
  assert.equal(await cache.get('token'), { access_token: 't2' });
  assert.is(src.count, 2);
});

test('short-lived token: the margin is 10 % of its lifetime', async () => {
  const clock = manualClock();
  const src = counter([{ expiresInMs: 60_000 }]);
  const cache = createTokenCache({ load: src.load, clock });
  await cache.get('token');
  assert.is(cache.staleAt('token'), clock.now() + 54_000);
  clock.advance(53_999);
  await cache.get('token');
  assert.is(src.count, 1);
  clock.advance(1);
  await cache.get('token');
  assert.is(src.count, 2);
});

test('no expires_in: cached until invalidated; invalidate forces a new fetch', async () => {
  const clock = manualClock();
  const src = counter([{}]);
  const cache = createTokenCache({ load: src.load, clock });
  await cache.get('token');
  clock.advance(365 * 24 * 3600 * 1000);
  assert.equal(await cache.get('token'), { access_token: 't1' });
  cache.invalidate('token'); // a hook's target answered 401
  assert.equal(await cache.get('token'), { access_token: 't2' });
  assert.is(src.count, 2);
});

test('blocks are cached separately', async () => {
  const names: string[] = [];
  const cache = createTokenCache({
    clock: manualClock(),
    load: async (name) => {
      names.push(name);
      return { data: { access_token: name }, expiresInMs: null };
    },
  });
  assert.equal(await cache.get('a'), { access_token: 'a' });
  assert.equal(await cache.get('b'), { access_token: 'b' });
  await cache.get('a');
  cache.invalidate('b');
  await cache.get('a');
  assert.equal(names, ['a', 'b']);
});

test('a failed fetch is not cached; concurrent waiters all see it', async () => {
  let n = 0;
  const cache = createTokenCache({
    clock: manualClock(),
    load: async () => {
      n++;
      if (n === 1) throw new Error('boom');
      return { data: { access_token: 'ok' }, expiresInMs: null };
    },
  });
  const results = await Promise.allSettled([cache.get('t'), cache.get('t')]);
  assert.equal(results.map((r) => r.status), ['rejected', 'rejected']);
  assert.is(n, 1);
  assert.equal(await cache.get('t'), { access_token: 'ok' });
});

// Over a real socket: five hooks need the token at the same moment → one token request.
test('concurrent gets share one in-flight request to the token server', async () => {
  const rx = await startReceiver((_req, res) => {
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"access_token":"shared-token-1","expires_in":3600}');
    }, 40);
  });
  try {
    const spec: OAuthSpec = {
      name: 'token', url: () => `${rx.url}/token`, method: 'POST', content: 'form',
      headers: () => ({}), data: () => ({ grant_type: 'client_credentials' }), returns: { access_token: 'string' },
    };
    const ctx = { env: {} } as unknown as RenderContext;
    const cache = createTokenCache({ load: () => fetchToken(spec, ctx), clock: manualClock() });
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => cache.get('token')));
    assert.is(rx.requests.length, 1);
    for (const a of answers) assert.is(a.access_token, 'shared-token-1');
    await cache.get('token');
    assert.is(rx.requests.length, 1, 'still cached');
  } finally {
    await rx.close();
  }
});

test('a token server error reaches every waiter as OHK_ERR_OAUTH, and the next get retries', async () => {
  let calls = 0;
  const rx = await startReceiver((_req, res) => {
    calls++;
    res.writeHead(calls === 1 ? 503 : 200, { 'content-type': 'application/json' });
    res.end(calls === 1 ? '{"error":"busy"}' : '{"access_token":"second-try"}');
  });
  try {
    const spec: OAuthSpec = {
      name: 'token', url: () => rx.url, method: 'POST', content: 'json',
      headers: () => ({}), data: () => ({}), returns: {},
    };
    const ctx = { env: {} } as unknown as RenderContext;
    const cache = createTokenCache({ load: () => fetchToken(spec, ctx), clock: manualClock() });
    const settled = await Promise.allSettled([cache.get('token'), cache.get('token')]);
    for (const s of settled) assert.ok(s.status === 'rejected' && isOctohookError(s.reason, 'OHK_ERR_OAUTH'));
    assert.equal(await cache.get('token'), { access_token: 'second-try' });
    assert.is(rx.requests.length, 2);
  } finally {
    await rx.close();
  }
});

test.run();
