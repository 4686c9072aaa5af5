import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deserializeRequest, prepareRequest, serializeRequest, type PreparedRequest } from '../../../runtime/http/prepare-request.js';
import { excerpt, isTransient, sendRequest } from '../../../runtime/http/send-request.js';
import { startReceiver } from '../../support/receiver.js';
import { rejection } from '../../support/rejection.js';
import { decodeRfc2047 } from '../../support/rfc2047.js';

function post(url: string, data: Record<string, unknown> | null = { a: 1 }): PreparedRequest {
  return prepareRequest({ method: 'POST', content: 'json', url, headers: {}, data });
}

/** A TCP server that accepts connections and never reads or answers: the worst target. */
async function startBlackHole(): Promise<{ url: string; close(): Promise<void>; connections: number }> {
  const sockets = new Set<Socket>();
  const state = { connections: 0 };
  const server: NetServer = createNetServer((s) => {
    state.connections++;
    sockets.add(s);
    s.pause();
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return state.connections;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

test('200: ok, status, headers, body text, duration', async () => {
  const rx = await startReceiver((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-thing': 'yes' });
    res.end('{"received":true}');
  });
  try {
    const r = await sendRequest(post(`${rx.url}/hook`));
    assert.is(r.ok, true);
    assert.is(r.status, 200);
    assert.is(r.headers['x-thing'], 'yes');
    assert.is(r.bodyText, '{"received":true}');
    assert.is(r.truncated, false);
    assert.type(r.ms, 'number');
    assert.is(rx.requests[0].method, 'POST');
    assert.equal(rx.requests[0].json, { a: 1 });
  } finally {
    await rx.close();
  }
});

test('success is 200–399: 300 is ok, 400 is not (and its body is kept for the log)', async () => {
  const rx = await startReceiver((req, res) => {
    const status = req.url === '/300' ? 300 : 400;
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(status === 400 ? 'bad request: field "topic" missing' : 'choices');
  });
  try {
    const a = await sendRequest(post(`${rx.url}/300`));
    assert.is(a.status, 300);
    assert.is(a.ok, true);
    const b = await sendRequest(post(`${rx.url}/400`));
    assert.is(b.status, 400);
    assert.is(b.ok, false);
    assert.is(excerpt(b.bodyText, 11), 'bad request…');
  } finally {
    await rx.close();
  }
});

test('redirects are followed, as the plugin\'s requests library did', async () => {
  const rx = await startReceiver((req, res) => {
    if (req.url === '/old') {
      res.writeHead(307, { location: '/new' });
      res.end();
    } else {
      res.writeHead(204);
      res.end();
    }
  });
  try {
    const r = await sendRequest(post(`${rx.url}/old`));
    assert.is(r.status, 204);
    assert.equal(rx.requests.map((q) => q.url), ['/old', '/new']);
    assert.equal(rx.requests[1].json, { a: 1 }, '307 re-sends the body');
  } finally {
    await rx.close();
  }
});

test('the response body is read only up to the cap', async () => {
  const big = 'x'.repeat(200_000);
  const rx = await startReceiver((_req, res) => {
    res.writeHead(500);
    res.end(big);
  });
  try {
    const r = await sendRequest(post(rx.url), { maxBodyBytes: 64 * 1024 });
    assert.is(r.ok, false);
    assert.is(r.truncated, true);
    assert.is(r.body.length, 64 * 1024);
  } finally {
    await rx.close();
  }
});

test('a hanging target times out (OHK_ERR_TIMEOUT) while a concurrent request to a fast target completes promptly', async () => {
  const hole = await startBlackHole();
  const rx = await startReceiver();
  try {
    const started = Date.now();
    let hangingSettled = false;
    const hanging = rejection(sendRequest(post(`${hole.url}/never`), { timeoutMs: 400 })).finally(() => {
      hangingSettled = true;
    });
    // give the hanging request time to connect, so the fast one really runs alongside it
    await new Promise((r) => setTimeout(r, 20));
    const fastStarted = Date.now();
    const fast = await sendRequest(post(`${rx.url}/fast`), { timeoutMs: 400 });
    const fastMs = Date.now() - fastStarted;
    assert.ok(fast.ok);
    assert.not.ok(hangingSettled, 'the fast answer arrived while the hanging request was still waiting');
    assert.ok(fastMs < 250, `fast request took ${fastMs} ms`);
    const err = await hanging;
    const total = Date.now() - started;
    assert.is(err.code, 'OHK_ERR_TIMEOUT');
    assert.match(err.message, /did not answer within 400 ms/);
    assert.match(err.message, new RegExp(`^POST ${hole.url.replace(/\./g, '\\.')}`));
    assert.ok(total >= 380 && total < 900, `timed out after ${total} ms`);
    assert.ok(isTransient(err));
    assert.is(hole.connections, 1);
  } finally {
    await hole.close();
    await rx.close();
  }
});

test('the deadline also covers a slow upload (the target never reads the body)', async () => {
  const hole = await startBlackHole();
  try {
    const data = { blob: 'y'.repeat(8 * 1024 * 1024) };
    const err = await rejection(sendRequest(post(hole.url, data), { timeoutMs: 300 }));
    assert.is(err.code, 'OHK_ERR_TIMEOUT');
  } finally {
    await hole.close();
  }
});

test('the deadline also covers a slow response body', async () => {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('a');
    const t = setInterval(() => res.write('b'), 50); // trickles forever: idle timeouts never fire
    res.on('close', () => clearInterval(t));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const started = Date.now();
    const err = await rejection(sendRequest(post(url), { timeoutMs: 300 }));
    assert.is(err.code, 'OHK_ERR_TIMEOUT');
    assert.ok(Date.now() - started < 800);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('connection refused → OHK_ERR_NETWORK naming host:port and the cause', async () => {
  const rx = await startReceiver();
  const port = rx.port;
  await rx.close();
  const err = await rejection(sendRequest(post(`http://127.0.0.1:${port}/x`)));
  assert.is(err.code, 'OHK_ERR_NETWORK');
  assert.is(err.message, `could not reach 127.0.0.1:${port}: connection refused (is the server running and listening on that port?)`);
  assert.is(err.details.hostPort, `127.0.0.1:${port}`);
  assert.ok(isTransient(err));
});

test('a connection closed before the answer → OHK_ERR_NETWORK', async () => {
  const server = createNetServer((s) => s.once('data', () => s.destroy()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  try {
    const err = await rejection(sendRequest(post(`http://127.0.0.1:${port}/`)));
    assert.is(err.code, 'OHK_ERR_NETWORK');
    assert.match(err.message, `could not reach 127.0.0.1:${port}: `);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('invalid URLs → OHK_ERR_URL with a message that says what a URL needs', async () => {
  const empty = await rejection(sendRequest(post('')));
  assert.is(empty.code, 'OHK_ERR_URL');
  assert.match(empty.message, /empty/);
  const bad = await rejection(sendRequest(post('not a url')));
  assert.is(bad.code, 'OHK_ERR_URL');
  assert.match(bad.message, /is not a valid URL/);
  const ftp = await rejection(sendRequest(post('ftp://example.com/x')));
  assert.is(ftp.code, 'OHK_ERR_URL');
  assert.not.ok(isTransient(ftp));
});

test('a rendered header value with a line break is sent encoded: one header, nothing injected', async () => {
  const rx = await startReceiver();
  try {
    const req = prepareRequest({ method: 'POST', content: 'json', url: rx.url, headers: { 'X-A': 'ok\r\nX-Injected: 1' }, data: {} });
    await sendRequest(req);
    const got = rx.requests[0];
    assert.is(got.headers['x-injected'], undefined);
    assert.is(decodeRfc2047(String(got.headers['x-a'])), 'ok\r\nX-Injected: 1');
  } finally {
    await rx.close();
  }
});

test('a request built with a raw line break in a header (not through prepareRequest) → OHK_ERR_HEADER, nothing sent', async () => {
  const rx = await startReceiver();
  try {
    const req: PreparedRequest = { ...post(rx.url), headers: { 'X-A': 'ok\r\nX-Injected: 1' } };
    const err = await rejection(sendRequest(req));
    assert.is(err.code, 'OHK_ERR_HEADER');
    assert.is(rx.requests.length, 0);
  } finally {
    await rx.close();
  }
});

test('URL userinfo becomes Basic auth and never travels in the URL (plugin issue #25)', async () => {
  const rx = await startReceiver();
  try {
    await sendRequest(post(`http://user:p%40ss@127.0.0.1:${rx.port}/auth`));
    const got = rx.requests[0];
    assert.is(got.url, '/auth');
    assert.is(got.headers.authorization, `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
  } finally {
    await rx.close();
  }
});

test('retry seam: a stored request re-sends byte-identical bodies', async () => {
  const rx = await startReceiver((_req, res) => {
    res.writeHead(503);
    res.end();
  });
  try {
    const req = prepareRequest({
      method: 'POST', content: 'multipart', url: rx.url, headers: { 'X-Id': 'msg_1' }, data: { a: 'b' },
      snapshotKey: 'snap', snapshot: { bytes: Buffer.from([0xff, 0xd8, 1, 2, 3]) },
    });
    const stored = JSON.parse(JSON.stringify(serializeRequest(req)));
    const first = await sendRequest(req);
    const second = await sendRequest(deserializeRequest(stored));
    assert.is(first.status, 503);
    assert.is(second.status, 503);
    assert.ok(rx.requests[0].raw.equals(rx.requests[1].raw));
    assert.is(rx.requests[0].headers['content-type'], rx.requests[1].headers['content-type']);
    assert.is(rx.requests[1].headers['x-id'], 'msg_1');
  } finally {
    await rx.close();
  }
});

test('PUT, PATCH and DELETE carry their bodies; GET has none', async () => {
  const rx = await startReceiver();
  try {
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      await sendRequest(prepareRequest({ method, content: 'form', url: rx.url, headers: {}, data: { m: method } }));
    }
    await sendRequest(prepareRequest({ method: 'GET', content: 'form', url: rx.url, headers: {}, data: { m: 'GET' } }));
    assert.equal(rx.requests.map((r) => [r.method, r.form ?? r.query]), [
      ['PUT', [['m', 'PUT']]], ['PATCH', [['m', 'PATCH']]], ['DELETE', [['m', 'DELETE']]], ['GET', [['m', 'GET']]],
    ]);
  } finally {
    await rx.close();
  }
});

test.run();
