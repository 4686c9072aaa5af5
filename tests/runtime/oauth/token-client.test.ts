import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import type { OAuthSpec, RenderContext } from '../../../runtime/compiled-module.js';
import { SecretSet } from '../../../runtime/log/redact.js';
import { fetchToken } from '../../../runtime/oauth/token-client.js';
import { startReceiver, type Responder } from '../../support/receiver.js';
import { rejection } from '../../support/rejection.js';

const ctx = { env: { CLIENT_SECRET: 'cs-from-env-0042' } } as unknown as RenderContext;

function spec(url: string, over: Partial<OAuthSpec> = {}): OAuthSpec {
  return {
    name: 'token',
    url: () => url,
    method: 'POST',
    content: 'json',
    headers: () => ({}),
    data: (c) => ({ grant_type: 'client_credentials', client_id: 'octohook', client_secret: (c.env as Record<string, string>).CLIENT_SECRET }),
    returns: { access_token: 'string', expires_in: 'number' },
    ...over,
  };
}

const tokenServer: Responder = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ access_token: 'at-123456789', token_type: 'Bearer', expires_in: 3600 }));
};

test('json: POSTs the rendered data as JSON and returns the answer with its lifetime', async () => {
  const rx = await startReceiver(tokenServer);
  try {
    const answer = await fetchToken(spec(`${rx.url}/oauth/token`), ctx);
    assert.equal(answer, { data: { access_token: 'at-123456789', token_type: 'Bearer', expires_in: 3600 }, expiresInMs: 3_600_000 });
    const req = rx.requests[0];
    assert.is(req.method, 'POST');
    assert.is(req.headers['content-type'], 'application/json');
    assert.is(req.headers.accept, 'application/json');
    assert.equal(req.json, { grant_type: 'client_credentials', client_id: 'octohook', client_secret: 'cs-from-env-0042' });
  } finally {
    await rx.close();
  }
});

test('form: urlencoded body with the form type forced over a wrong user header', async () => {
  const rx = await startReceiver(tokenServer);
  try {
    await fetchToken(spec(rx.url, { content: 'form', headers: () => ({ 'Content-Type': 'application/json' }) }), ctx);
    const req = rx.requests[0];
    assert.is(req.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(req.form, [['grant_type', 'client_credentials'], ['client_id', 'octohook'], ['client_secret', 'cs-from-env-0042']]);
  } finally {
    await rx.close();
  }
});

test('GET: data in the query string, no body', async () => {
  const rx = await startReceiver(tokenServer);
  try {
    await fetchToken(spec(`${rx.url}/token?audience=api`, { method: 'GET' }), ctx);
    const req = rx.requests[0];
    assert.is(req.method, 'GET');
    assert.is(req.raw.length, 0);
    assert.equal(req.query[0], ['audience', 'api']);
    assert.equal(req.query[1], ['grant_type', 'client_credentials']);
  } finally {
    await rx.close();
  }
});

test('an HTML answer → OHK_ERR_OAUTH "token server at <url> answered text/html, not JSON"', async () => {
  const rx = await startReceiver((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<html><body>Login</body></html>');
  });
  try {
    const err = await rejection(fetchToken(spec(`${rx.url}/oauth/token`), ctx));
    assert.is(err.code, 'OHK_ERR_OAUTH');
    assert.is(err.message, `oauth token: token server at ${rx.url}/oauth/token answered text/html, not JSON`);
  } finally {
    await rx.close();
  }
});

test('a non-2xx answer → status and a short excerpt, with the echoed secret redacted', async () => {
  const rx = await startReceiver((req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' });
    const sent = req.json as Record<string, string>;
    res.end(JSON.stringify({ error: 'invalid_client', error_description: `unknown secret ${sent.client_secret}`, padding: 'x'.repeat(1000) }));
  });
  try {
    const secrets = new SecretSet();
    const err = await rejection(fetchToken(spec(rx.url), ctx, { secrets }));
    assert.is(err.code, 'OHK_ERR_OAUTH');
    assert.match(err.message, `oauth token: token server at ${rx.url} answered HTTP 401: {"error":"invalid_client","error_description":"unknown secret [redacted]"`);
    assert.not.ok(err.message.includes('cs-from-env-0042'));
    assert.ok(err.message.length < 400, 'a short excerpt, not the whole body');
    assert.is(err.details.status, 401);
  } finally {
    await rx.close();
  }
});

test('a declared field missing from the answer is named', async () => {
  const rx = await startReceiver((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"error":"slow_down"}');
  });
  try {
    const err = await rejection(fetchToken(spec(rx.url), ctx));
    assert.is(err.message, `oauth token: token server at ${rx.url} answered without "access_token", "expires_in" (it sent: error)`);
  } finally {
    await rx.close();
  }
});

test('timeouts and refused connections are OHK_ERR_OAUTH too', async () => {
  const slow = await startReceiver(() => {});
  try {
    const err = await rejection(fetchToken(spec(slow.url), ctx, { timeoutMs: 200 }));
    assert.is(err.code, 'OHK_ERR_OAUTH');
    assert.is(err.message, `oauth token: token server at ${slow.url} did not answer within 200 ms`);
  } finally {
    await slow.close();
  }
  const gone = await startReceiver();
  await gone.close();
  const err = await rejection(fetchToken(spec(gone.url), ctx));
  assert.match(err.message, /could not be reached: connection refused/);
});

test('credentials and tokens are registered as secrets (token_type is not)', async () => {
  const rx = await startReceiver(tokenServer);
  try {
    const secrets = new SecretSet();
    await fetchToken(spec(rx.url, { headers: () => ({ Authorization: 'Basic b2N0bzpzZWNyZXQ=' }) }), ctx, { secrets });
    assert.ok(secrets.has('cs-from-env-0042'));
    assert.ok(secrets.has('at-123456789'));
    assert.ok(secrets.has('b2N0bzpzZWNyZXQ='));
    assert.not.ok(secrets.has('Bearer'));
  } finally {
    await rx.close();
  }
});

test('a userinfo token URL is never shown with its password', async () => {
  const rx = await startReceiver((_req, res) => {
    res.writeHead(500);
    res.end();
  });
  try {
    const err = await rejection(fetchToken(spec(`http://client:pa55word@127.0.0.1:${rx.port}/t`), ctx));
    assert.is(err.message, `oauth token: token server at http://127.0.0.1:${rx.port}/t answered HTTP 500`);
  } finally {
    await rx.close();
  }
});

test.run();
