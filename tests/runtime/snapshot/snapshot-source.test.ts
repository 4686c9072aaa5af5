import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import type { RenderContext, SnapshotSettings } from '../../../runtime/compiled-module.js';
import { isOctohookError } from '../../../runtime/errors.js';
import { octoprintWebcam, resolveSnapshotSource } from '../../../runtime/snapshot/snapshot-source.js';

const ctx = { deviceIdentifier: 'printer-1', env: { CAM: 'http://cam.local/snap' } } as unknown as RenderContext;
const base: SnapshotSettings = { fit: { width: 1640, height: 1232 }, quality: 80, timeoutMs: 3000 };

// The shape of OctoPrint ≥ 1.9 (GET /api/settings → webcam).
const modern = {
  webcam: {
    webcamEnabled: true,
    snapshotWebcam: 'side',
    defaultWebcam: 'classic',
    webcams: [
      { name: 'classic', canSnapshot: true, flipH: false, flipV: true, rotate90: false, compat: { snapshot: 'http://127.0.0.1:8080/?action=snapshot', snapshotSslValidation: true } },
      { name: 'side', canSnapshot: true, flipH: true, flipV: false, rotate90: true, compat: { snapshot: 'https://cam2.local/snap', snapshotSslValidation: false } },
    ],
    snapshotUrl: 'http://127.0.0.1:8080/?action=snapshot',
    flipH: false,
    flipV: true,
    rotate90: false,
  },
};

test('the hook\'s own URL; each flip/rotate the hook sets wins, the others come from OctoPrint', () => {
  const s = resolveSnapshotSource({ ...base, url: (c) => (c.env as Record<string, string>).CAM, flipV: true }, ctx, { settings: modern });
  // OctoPrint's snapshot webcam "side": flipH true, flipV false, rotate90 true
  assert.equal(s, { url: 'http://cam.local/snap', flipH: true, flipV: true, rotate: 90, timeoutMs: 3000, insecure: false, from: 'hook' });
  const r = resolveSnapshotSource({ ...base, url: () => 'http://x/y', rotate: 180, flipH: false }, ctx, { settings: modern });
  assert.equal([r!.flipH, r!.flipV, r!.rotate], [false, false, 180]);
  const alone = resolveSnapshotSource({ ...base, url: () => 'http://x/y' }, ctx);
  assert.equal([alone!.flipH, alone!.flipV, alone!.rotate], [false, false, 0]);
});

test('OctoPrint ≥ 1.9: the snapshotWebcam, its compat.snapshot, flips, rotate90, TLS setting', () => {
  const s = resolveSnapshotSource(base, ctx, { settings: modern });
  assert.equal(s, { url: 'https://cam2.local/snap', flipH: true, flipV: false, rotate: 90, timeoutMs: 3000, insecure: true, from: 'octoprint' });
});

test('falls back to defaultWebcam, then to any webcam that can snapshot', () => {
  const noSnapshotCam = { webcam: { ...modern.webcam, snapshotWebcam: 'gone' } };
  assert.is(octoprintWebcam(noSnapshotCam)!.url, 'http://127.0.0.1:8080/?action=snapshot');
  const onlySecond = { webcam: { webcams: [{ name: 'a', canSnapshot: false, compat: { snapshot: 'http://a/' } }, { name: 'b', compat: { snapshot: 'http://b/' } }] } };
  assert.is(octoprintWebcam(onlySecond)!.url, 'http://b/');
});

test('legacy top-level snapshotUrl/flipH/flipV/rotate90, and the webcam section alone', () => {
  const legacy = { webcam: { snapshotUrl: 'http://old/snap', flipH: true, flipV: false, rotate90: true } };
  assert.equal(octoprintWebcam(legacy), { url: 'http://old/snap', flipH: true, flipV: false, rotate90: true, insecure: false });
  assert.equal(octoprintWebcam(legacy.webcam)!.url, 'http://old/snap');
});

test('hook flips override OctoPrint\'s both ways; a relative URL resolves against OctoPrint\'s URL', () => {
  const settings = { webcam: { webcams: [{ name: 'c', flipV: true, compat: { snapshot: '/webcam/?action=snapshot' } }], snapshotWebcam: 'c' } };
  const s = resolveSnapshotSource({ ...base, flipH: true, flipV: false }, ctx, { settings, url: 'http://octopi.local:5000' });
  assert.equal([s!.url, s!.flipH, s!.flipV, s!.rotate], ['http://octopi.local:5000/webcam/?action=snapshot', true, false, 0]);
  const t = resolveSnapshotSource(base, ctx, { settings, url: 'http://octopi.local:5000' });
  assert.equal([t!.flipH, t!.flipV], [false, true]);
});

test('no URL anywhere → null; webcam section missing (no WEBCAM permission) → null', () => {
  assert.is(resolveSnapshotSource(base, ctx, {}), null);
  assert.is(resolveSnapshotSource(base, ctx, { settings: { webcam: {} } }), null);
  assert.is(resolveSnapshotSource(base, ctx, { settings: { webcam: { snapshotUrl: null, webcams: [{ name: 'x', compat: null }] } } }), null);
});

test('a hook URL that renders empty is a coded error', () => {
  try {
    resolveSnapshotSource({ ...base, url: () => '' }, ctx);
    assert.unreachable();
  } catch (e) {
    assert.ok(isOctohookError(e, 'OHK_ERR_SNAPSHOT'));
  }
});

test.run();
