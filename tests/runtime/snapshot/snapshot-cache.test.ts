import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { isOctohookError } from '../../../runtime/errors.js';
import { createSnapshotCache } from '../../../runtime/snapshot/snapshot-cache.js';
import type { SnapshotSource } from '../../../runtime/snapshot/snapshot-source.js';
import { startReceiver } from '../../support/receiver.js';
import { decode, quadrantJpeg } from './synthetic-image.js';

function source(url: string, extra: Partial<SnapshotSource> = {}): SnapshotSource {
  return { url, flipH: false, flipV: false, rotate: 0, timeoutMs: 1000, insecure: false, from: 'octoprint', ...extra };
}
const FIT = { fit: { width: 1640, height: 1232 }, quality: 80 };

test('three hooks asking at once: the webcam sees one request, all get the same image', async () => {
  const jpeg = await quadrantJpeg(64, 32);
  const cam = await startReceiver((_req, res) => {
    // answer late, so all three asks are in flight together
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(jpeg);
    }, 50);
  });
  try {
    const cache = createSnapshotCache();
    const src = source(`${cam.url}/snap`);
    const [a, b, c] = await Promise.all([cache.get(src, FIT), cache.get(src, FIT), cache.get(src, FIT)]);
    assert.is(cam.requests.length, 1);
    assert.is(a, b);
    assert.is(b, c);
    assert.ok(Buffer.from(a.bytes).equals(jpeg), 'untransformed: the webcam\'s bytes');
    assert.equal(cache.stats, { fetches: 1, transforms: 1 });
  } finally {
    await cam.close();
  }
});

test('one fetch per URL, one transform per distinct settings', async () => {
  const jpeg = await quadrantJpeg(64, 32);
  const cam = await startReceiver((_req, res) => {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    res.end(jpeg);
  });
  try {
    const cache = createSnapshotCache();
    const url = `${cam.url}/snap`;
    const [plain, rotated, rotatedAgain, small] = await Promise.all([
      cache.get(source(url), FIT),
      cache.get(source(url, { rotate: 90 }), FIT),
      cache.get(source(url, { rotate: 90 }), FIT),
      cache.get(source(url), { fit: { width: 32, height: 32 }, quality: 60 }),
    ]);
    assert.is(cam.requests.length, 1);
    assert.equal(cache.stats, { fetches: 1, transforms: 3 });
    assert.is(rotated, rotatedAgain);
    assert.equal([(await decode(rotated.bytes)).width, (await decode(rotated.bytes)).height], [32, 64]);
    assert.equal([small.width, small.height], [32, 16]);
    assert.is(plain.transformed, false);
  } finally {
    await cam.close();
  }
});

test('a failed fetch is shared for the event (no hammering) and tryGet turns it into an outcome', async () => {
  const cam = await startReceiver((_req, res) => {
    res.writeHead(503);
    res.end();
  });
  try {
    const cache = createSnapshotCache();
    const src = source(`${cam.url}/snap`);
    const outcomes = await Promise.all([cache.tryGet(src, FIT), cache.tryGet(src, FIT), cache.tryGet(src, { ...FIT, quality: 50 })]);
    assert.is(cam.requests.length, 1);
    for (const o of outcomes) {
      assert.is(o.ok, false);
      if (!o.ok) assert.ok(isOctohookError(o.error, 'OHK_ERR_SNAPSHOT'));
    }
    // a new event gets a new cache and tries again
    await createSnapshotCache().tryGet(src, FIT);
    assert.is(cam.requests.length, 2);
  } finally {
    await cam.close();
  }
});

test('creating a cache does no work: nothing is fetched until a hook asks', async () => {
  let fetches = 0;
  const cache = createSnapshotCache({
    fetch: async () => {
      fetches++;
      throw new Error('unused');
    },
  });
  await new Promise((r) => setImmediate(r));
  assert.is(fetches, 0);
  assert.equal(cache.stats, { fetches: 0, transforms: 0 });
});

test.run();
