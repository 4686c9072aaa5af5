// Synthetic test images made with @napi-rs/image: four solid quadrants, so a flip or a
// rotation can be checked by the colour at each corner even after lossy JPEG encoding.
import { Transformer } from '@napi-rs/image';

export type Rgb = [number, number, number];
export const RED: Rgb = [255, 0, 0];
export const GREEN: Rgb = [0, 255, 0];
export const BLUE: Rgb = [0, 0, 255];
export const WHITE: Rgb = [255, 255, 255];

/** width×height, quadrants: top-left red, top-right green, bottom-left blue, bottom-right white. */
export function quadrantPixels(width: number, height: number): Uint8Array {
  const px = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const top = y < height / 2;
      const left = x < width / 2;
      const c = top ? (left ? RED : GREEN) : left ? BLUE : WHITE;
      const i = (y * width + x) * 4;
      px[i] = c[0];
      px[i + 1] = c[1];
      px[i + 2] = c[2];
      px[i + 3] = 255;
    }
  }
  return px;
}

export function quadrantJpeg(width: number, height: number, quality = 92): Promise<Buffer> {
  return Transformer.fromRgbaPixels(quadrantPixels(width, height), width, height).jpeg(quality);
}

export function quadrantPng(width: number, height: number): Promise<Buffer> {
  return Transformer.fromRgbaPixels(quadrantPixels(width, height), width, height).png();
}

export interface Decoded {
  width: number;
  height: number;
  at(x: number, y: number): Rgb;
}

export async function decode(bytes: Uint8Array): Promise<Decoded> {
  const t = new Transformer(bytes);
  const meta = await t.metadata();
  const raw = await new Transformer(bytes).rawPixels();
  const channels = raw.length / (meta.width * meta.height);
  return {
    width: meta.width,
    height: meta.height,
    at(x, y) {
      const i = (y * meta.width + x) * channels;
      return channels >= 3 ? [raw[i], raw[i + 1], raw[i + 2]] : [raw[i], raw[i], raw[i]];
    },
  };
}

/** The named colour closest to `c` (JPEG shifts values a little). */
export function colourName(c: Rgb): string {
  const named: Array<[string, Rgb]> = [['red', RED], ['green', GREEN], ['blue', BLUE], ['white', WHITE]];
  let best = named[0];
  let bestD = Infinity;
  for (const n of named) {
    const d = (n[1][0] - c[0]) ** 2 + (n[1][1] - c[1]) ** 2 + (n[1][2] - c[2]) ** 2;
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return bestD < 80 ** 2 * 3 ? best[0] : `rgb(${c.join(',')})`;
}

/** Corner colours, clockwise from top-left, sampled 2 px inside the edges. */
export function corners(img: Decoded): string[] {
  const r = img.width - 3;
  const b = img.height - 3;
  return [img.at(2, 2), img.at(r, 2), img.at(r, b), img.at(2, b)].map(colourName);
}
