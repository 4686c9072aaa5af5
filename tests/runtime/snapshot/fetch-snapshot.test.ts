import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { isOctohookError } from '../../../runtime/errors.js';
import { SecretSet } from '../../../runtime/log/redact.js';
import { fetchSnapshot } from '../../../runtime/snapshot/fetch-snapshot.js';
import { startReceiver } from '../../support/receiver.js';
import { quadrantJpeg } from './synthetic-image.js';
import { rejection } from '../../support/rejection.js';

test('a webcam JPEG is fetched as bytes', async () => {
  const jpeg = await quadrantJpeg(32, 16);
  const cam = await startReceiver((_req, res) => {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    res.end(jpeg);
  });
  try {
    const snap = await fetchSnapshot(`${cam.url}/?action=snapshot`);
    assert.ok(snap.bytes.equals(jpeg));
    assert.is(snap.format, 'jpeg');
    assert.is(snap.contentType, 'image/jpeg');
    assert.is(cam.requests[0].url, '/?action=snapshot');
    assert.is(cam.requests[0].method, 'GET');
  } finally {
    await cam.close();
  }
});

test('a slow webcam times out with OHK_ERR_SNAPSHOT naming the URL', async () => {
  const cam = await startReceiver(() => {
    /* never answers */
  });
  try {
    const started = Date.now();
    const err = await rejection(fetchSnapshot(`${cam.url}/snap`, { timeoutMs: 250 }));
    assert.is(err.code, 'OHK_ERR_SNAPSHOT');
    assert.is(err.message, `snapshot URL ${cam.url}/snap did not answer within 250 ms`);
    assert.ok(isOctohookError(err.cause, 'OHK_ERR_TIMEOUT'));
    assert.ok(Date.now() - started < 700);
  } finally {
    await cam.close();
  }
});

test('non-2xx, an HTML page with status 200, an empty body, a too-large body', async () => {
  const cam = await startReceiver((req, res) => {
    if (req.url === '/404') {
      res.writeHead(404);
      res.end('no');
    } else if (req.url === '/html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html>mjpg-streamer: no frame</html>');
    } else if (req.url === '/empty') {
      res.writeHead(200);
      res.end();
    } else {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5000)]));
    }
  });
  try {
    const e404 = await rejection(fetchSnapshot(`${cam.url}/404`));
    assert.is(e404.code, 'OHK_ERR_SNAPSHOT');
    assert.is(e404.message, `snapshot URL ${cam.url}/404 answered HTTP 404, not an image`);
    const html = await rejection(fetchSnapshot(`${cam.url}/html`));
    assert.is(html.message, `snapshot URL ${cam.url}/html answered text/html, not an image`);
    const empty = await rejection(fetchSnapshot(`${cam.url}/empty`));
    assert.match(empty.message, /answered an empty body, not an image/);
    const big = await rejection(fetchSnapshot(`${cam.url}/big`, { maxBytes: 4096 }));
    assert.is(big.code, 'OHK_ERR_SNAPSHOT');
    assert.match(big.message, /sent more than/);
  } finally {
    await cam.close();
  }
});

test('connection refused → OHK_ERR_SNAPSHOT with the cause', async () => {
  const cam = await startReceiver();
  const url = `${cam.url}/snap`;
  await cam.close();
  const err = await rejection(fetchSnapshot(url));
  assert.is(err.code, 'OHK_ERR_SNAPSHOT');
  assert.match(err.message, /could not be reached: connection refused/);
});

test('secrets in the URL never reach the message: userinfo, token query, registered values', async () => {
  const cam = await startReceiver((_req, res) => {
    res.writeHead(401);
    res.end();
  });
  try {
    const secrets = new SecretSet();
    secrets.add('cam-path-secret');
    const url = `http://admin:hunter2@127.0.0.1:${cam.port}/cam-path-secret/snap?action=snapshot&token=abc123`;
    const err = await rejection(fetchSnapshot(url, { secrets }));
    assert.is(cam.requests[0].headers.authorization, `Basic ${Buffer.from('admin:hunter2').toString('base64')}`);
    assert.is(err.message, `snapshot URL http://127.0.0.1:${cam.port}/[redacted]/snap?action=snapshot&token=[redacted] answered HTTP 401, not an image`);
    for (const s of ['hunter2', 'abc123', 'cam-path-secret', 'admin']) assert.not.ok(err.message.includes(s), s);
  } finally {
    await cam.close();
  }
});

test.run();
