import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { createImageSupport, orientationFor, transformImage, type Rotation, type TransformOptions } from '../../../runtime/snapshot/transform-image.js';
import { corners, decode, quadrantJpeg, quadrantPng } from './synthetic-image.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../support/project-root.js';
import { rejection } from '../../support/rejection.js';

const BIG_FIT = { width: 1640, height: 1232 };
const plain: TransformOptions = { fit: BIG_FIT, quality: 85, flipH: false, flipV: false, rotate: 0 };

/** A JPEG whose header says 320×240 but whose scan data is garbage: decoding it fails. */
function undecodableJpeg(width: number, height: number): Buffer {
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46, ...sof, 0xff, 0xda, 0x00, 0x02, ...new Array(64).fill(0x5a), 0xff, 0xd9]);
}

test('nothing to do: the original bytes come back untouched, never decoded', async () => {
  const bytes = undecodableJpeg(320, 240); // would throw if anything tried to decode it
  const out = await transformImage(bytes, plain);
  assert.is(out.bytes, bytes, 'the very same buffer');
  assert.is(out.transformed, false);
  assert.is(out.contentType, 'image/jpeg');
  assert.equal([out.width, out.height], [320, 240]);
});

test('fit: 1920x1080 into 640x480 → 640x360, JPEG', async () => {
  const src = await quadrantJpeg(1920, 1080, 80);
  const out = await transformImage(src, { ...plain, fit: { width: 640, height: 480 }, quality: 70 });
  const img = await decode(out.bytes);
  assert.equal([img.width, img.height], [640, 360]);
  assert.equal([out.width, out.height], [640, 360]);
  assert.is(out.transformed, true);
  assert.equal(corners(img), ['red', 'green', 'white', 'blue']);
});

test('fit never enlarges', async () => {
  const src = await quadrantJpeg(200, 100);
  const out = await transformImage(src, { ...plain, fit: { width: 640, height: 480 } });
  assert.is(out.bytes, src);
});

test('rotate 90 CCW of a non-square image swaps the dimensions and crops nothing', async () => {
  const src = await quadrantJpeg(64, 32);
  const out = await transformImage(src, { ...plain, rotate: 90 });
  const img = await decode(out.bytes);
  assert.equal([img.width, img.height], [32, 64]);
  // counter-clockwise: the top-right (green) corner moves to the top-left; all four colours survive
  assert.equal(corners(img), ['green', 'white', 'blue', 'red']);
});

test('rotate 270 and 180', async () => {
  const src = await quadrantJpeg(64, 32);
  const r270 = await decode((await transformImage(src, { ...plain, rotate: 270 })).bytes);
  assert.equal([r270.width, r270.height], [32, 64]);
  assert.equal(corners(r270), ['blue', 'red', 'green', 'white']);
  const r180 = await decode((await transformImage(src, { ...plain, rotate: 180 })).bytes);
  assert.equal([r180.width, r180.height], [64, 32]);
  assert.equal(corners(r180), ['white', 'blue', 'red', 'green']);
});

test('flipH and flipV', async () => {
  const src = await quadrantJpeg(64, 32);
  assert.equal(corners(await decode((await transformImage(src, { ...plain, flipH: true })).bytes)), ['green', 'red', 'blue', 'white']);
  assert.equal(corners(await decode((await transformImage(src, { ...plain, flipV: true })).bytes)), ['blue', 'white', 'green', 'red']);
});

// Reference: apply flipH, flipV, then k quarter turns CCW to the corner labels, and compare
// with what the single EXIF orientation from the table produces — all 16 combinations.
test('every flip/rotation combination matches flipH → flipV → rotate CCW', async () => {
  const src = await quadrantJpeg(32, 16);
  for (const flipH of [false, true]) {
    for (const flipV of [false, true]) {
      for (const rotate of [0, 90, 180, 270] as Rotation[]) {
        // corners clockwise from top-left: [TL, TR, BR, BL]
        let c = ['red', 'green', 'white', 'blue'];
        if (flipH) c = [c[1], c[0], c[3], c[2]];
        if (flipV) c = [c[3], c[2], c[1], c[0]];
        for (let k = 0; k < rotate / 90; k++) c = [c[1], c[2], c[3], c[0]]; // CCW: TR→TL, BR→TR, …
        const label = `flipH=${flipH} flipV=${flipV} rotate=${rotate}`;
        if (orientationFor({ flipH, flipV, rotate }) === 1) continue; // the identity: passthrough, tested above
        const img = await decode((await transformImage(src, { ...plain, flipH, flipV, rotate })).bytes);
        assert.equal([img.width, img.height], rotate % 180 ? [16, 32] : [32, 16], label);
        assert.equal(corners(img), c, label);
      }
    }
  }
});

test('fit applies to the image as sent: rotated 1920x1080 into 640x480 → 270x480', async () => {
  const src = await quadrantJpeg(1920, 1080, 70);
  const img = await decode((await transformImage(src, { ...plain, rotate: 90, fit: { width: 640, height: 480 } })).bytes);
  assert.equal([img.width, img.height], [270, 480]);
});

test('a PNG is converted to JPEG (the part is labelled snapshot.jpg)', async () => {
  const out = await transformImage(await quadrantPng(40, 20), plain);
  assert.is(out.contentType, 'image/jpeg');
  assert.equal([out.bytes[0], out.bytes[1]], [0xff, 0xd8]);
  assert.equal(corners(await decode(out.bytes)), ['red', 'green', 'white', 'blue']);
});

test('a corrupt JPEG → OHK_ERR_SNAPSHOT "snapshot is not a decodable image"', async () => {
  const err = await rejection(transformImage(undecodableJpeg(320, 240), { ...plain, flipH: true }));
  assert.is(err.code, 'OHK_ERR_SNAPSHOT');
  assert.match(err.message, /^snapshot is not a decodable image/);
  assert.not.match(err.message, /\n\s+at /);
  const html = await rejection(transformImage(Buffer.from('<html>502 Bad Gateway</html>'), plain));
  assert.is(html.code, 'OHK_ERR_SNAPSHOT');
  assert.match(html.message, /^snapshot is not a decodable image/);
});

test('without @napi-rs/image: original bytes, and one warning for the process', async () => {
  const warnings: string[] = [];
  const fixes: unknown[] = [];
  const logger = { debug() {}, info() {}, error() {}, warn: (msg: string, fields?: Record<string, unknown>) => void (warnings.push(msg), fixes.push(fields?.fix)) };
  const image = createImageSupport(() => Promise.reject(new Error("Cannot find module '@napi-rs/image'")));
  const src = await quadrantPng(40, 20);
  const a = await transformImage(src, { ...plain, rotate: 90 }, { image, logger });
  const b = await transformImage(src, { ...plain, flipH: true }, { image, logger });
  assert.is(a.bytes, src);
  assert.is(b.bytes, src);
  assert.is(a.contentType, 'image/png');
  assert.is(a.transformed, false);
  assert.is(warnings.length, 1);
  assert.match(warnings[0], /@napi-rs\/image could not be loaded/);
  // The fix is the npm line, at the version package.json names, for the folder the import
  // resolves from (here: the octohook package; the bundle's own folder in tests/bundle).
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> };
  const install = `npm install --no-audit --no-fund @napi-rs/image@${pkg.optionalDependencies['@napi-rs/image']}`;
  assert.is(fixes[0], `in ${projectRoot} run: ${install} (with sudo if root owns that folder), then restart octohook`);
});

test('a rotation other than a quarter turn is a coded error', async () => {
  const err = await rejection(transformImage(await quadrantJpeg(8, 8), { ...plain, rotate: 45 as Rotation }));
  assert.is(err.code, 'OHK_ERR_SNAPSHOT');
  assert.match(err.message, /0, 90, 180 or 270/);
});

test.run();
