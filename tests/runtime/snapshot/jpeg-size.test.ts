import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { imageSize, jpegSize, pngSize, sniffImageFormat } from '../../../runtime/snapshot/jpeg-size.js';
import { quadrantJpeg, quadrantPng } from './synthetic-image.js';

test('JPEG size from the SOF marker (past APP segments)', async () => {
  assert.equal(jpegSize(await quadrantJpeg(123, 45)), { format: 'jpeg', width: 123, height: 45 });
  // an EXIF-like APP1 segment and fill bytes before the frame header
  const jpeg = await quadrantJpeg(20, 10);
  const app1 = Buffer.from([0xff, 0xe1, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 0xff]);
  const withApp1 = Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
  assert.equal(imageSize(withApp1), { format: 'jpeg', width: 20, height: 10 });
});

test('progressive (SOF2) frames count too', () => {
  const sof2 = Buffer.from([0xff, 0xd8, 0xff, 0xc2, 0x00, 0x11, 0x08, 0x04, 0x38, 0x07, 0x80, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  assert.equal(jpegSize(sof2), { format: 'jpeg', width: 1920, height: 1080 });
});

test('PNG size from IHDR', async () => {
  assert.equal(pngSize(await quadrantPng(77, 33)), { format: 'png', width: 77, height: 33 });
});

test('truncated or foreign bytes give null, never a throw', async () => {
  const jpeg = await quadrantJpeg(20, 10);
  assert.is(jpegSize(jpeg.subarray(0, 3)), null);
  assert.is(imageSize(Buffer.from('<html></html>')), null);
  assert.is(jpegSize(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2])), null);
  assert.is(jpegSize(Buffer.from([0xff, 0xd8, 0x00, 0x00, 0, 2])), null);
  assert.is(pngSize(Buffer.from([0x89, 0x50])), null);
});

test('format sniffing', async () => {
  assert.is(sniffImageFormat(await quadrantJpeg(4, 4)), 'jpeg');
  assert.is(sniffImageFormat(await quadrantPng(4, 4)), 'png');
  assert.is(sniffImageFormat(Buffer.from('GIF89a......')), 'gif');
  assert.is(sniffImageFormat(Buffer.from('RIFF\0\0\0\0WEBPVP8 ')), 'webp');
  assert.is(sniffImageFormat(Buffer.from('<!doctype html>')), null);
  assert.is(sniffImageFormat(Buffer.alloc(0)), null);
});

test.run();
