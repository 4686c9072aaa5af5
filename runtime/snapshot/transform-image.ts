// Fit, flip and rotate a webcam snapshot, with @napi-rs/image (an optional dependency).
//
// Order and meaning (docs/plugin-compatibility.md#snapshots; OctoEverywhere's pipeline does the same):
// flipH, then flipV, then rotate by 0/90/180/270 degrees COUNTER-clockwise (OctoPrint's
// `rotate90` is counter-clockwise too). Unlike the plugin, which used PIL's
// `rotate(90)` without `expand` and so cropped every non-square frame, the canvas turns
// with the image: a 90/270 rotation swaps width and height and keeps every pixel.
// `fit W x H` bounds the image as it is SENT (after rotation), keeps the aspect ratio, and
// only ever shrinks. Output is JPEG at the given quality.
//
// When nothing needs doing — a JPEG already within the fit, no flip, no rotation — the
// original bytes are returned untouched and never decoded (dimensions come from the
// header, ./jpeg-size.ts). A PNG or other format is converted to JPEG, because the part is
// labelled `snapshot.jpg`, image/jpeg (the plugin sent PNGs under that label).
//
// Errors: OHK_ERR_SNAPSHOT "snapshot is not a decodable image" for bytes that are not an
// image or fail to decode. If @napi-rs/image cannot be loaded on this machine, snapshots
// go out as the webcam delivered them and ONE warning is logged for the process.

import type * as NapiImage from '@napi-rs/image';
import { OctohookError } from '../errors.js';
import type { LogSink } from '../log/logger.js';
import { imageModuleFix } from './image-module-fix.js';
import { imageSize, mimeOf, sniffImageFormat } from './jpeg-size.js';

export type Rotation = 0 | 90 | 180 | 270;

export interface TransformOptions {
  fit: { width: number; height: number };
  /** JPEG quality 1–100. */
  quality: number;
  flipH: boolean;
  flipV: boolean;
  /** Degrees counter-clockwise. */
  rotate: Rotation;
}

export interface SnapshotImage {
  bytes: Uint8Array;
  contentType: string;
  /** Null when the size was not needed and not readable from the header. */
  width: number | null;
  height: number | null;
  /** False when these are the webcam's own bytes. */
  transformed: boolean;
}

type ImageModule = typeof NapiImage;

export interface ImageSupport {
  /** The module, or null when it cannot be loaded (warned about once, on `logger`). */
  load(logger?: LogSink): Promise<ImageModule | null>;
}

/** Loads @napi-rs/image once; a failure is remembered and reported once. */
export function createImageSupport(importer: () => Promise<ImageModule> = () => import('@napi-rs/image')): ImageSupport {
  let loading: Promise<ImageModule | null> | null = null;
  let failure: string | null = null;
  let warned = false;
  return {
    async load(logger?: LogSink) {
      loading ??= importer().then(
        (m) => {
          if (typeof m?.Transformer === 'function') return m;
          failure = 'the module has no Transformer';
          return null;
        },
        (err: unknown) => {
          failure = err instanceof Error ? err.message.split('\n')[0] : String(err);
          return null;
        },
      );
      const m = await loading;
      if (m === null && !warned && logger) {
        warned = true;
        logger.warn('snapshot resize, flip and rotation are off: @napi-rs/image could not be loaded; snapshots are sent as the webcam delivers them', {
          reason: failure,
          fix: imageModuleFix(),
        });
      }
      return m;
    },
  };
}

/** The process-wide instance: one import attempt, one warning. */
export const imageSupport: ImageSupport = createImageSupport();

// EXIF orientation that performs "flipH, then flipV, then rotate CCW" in one step — the 8
// flip/rotate combinations form a group and each is one of the 8 EXIF orientations.
// Transformer.rotate(o) applies the correction for orientation o: 2 mirrors horizontally,
// 4 vertically, 3 turns 180°, 6 turns 90° clockwise, 8 turns 90° counter-clockwise, 5 and 7
// are the transposes. Verified pixel by pixel in tests/runtime/snapshot/transform-image.test.ts.
const ORIENTATION: Record<string, number> = {
  'false,false,0': 1, 'false,false,90': 8, 'false,false,180': 3, 'false,false,270': 6,
  'false,true,0': 4, 'false,true,90': 7, 'false,true,180': 2, 'false,true,270': 5,
  'true,false,0': 2, 'true,false,90': 5, 'true,false,180': 4, 'true,false,270': 7,
  'true,true,0': 3, 'true,true,90': 6, 'true,true,180': 1, 'true,true,270': 8,
};

export function normalizeRotation(degrees: number | undefined | null): Rotation {
  const d = (((Math.round(Number(degrees ?? 0)) % 360) + 360) % 360) as number;
  if (d === 0 || d === 90 || d === 180 || d === 270) return d;
  throw new OctohookError('OHK_ERR_SNAPSHOT', `snapshot rotation must be 0, 90, 180 or 270 degrees, not ${String(degrees)}`);
}

export function orientationFor(opts: Pick<TransformOptions, 'flipH' | 'flipV' | 'rotate'>): number {
  return ORIENTATION[`${Boolean(opts.flipH)},${Boolean(opts.flipV)},${normalizeRotation(opts.rotate)}`];
}

/** The size within `fit` (aspect kept, never enlarged); null when no resize is needed. */
export function fitWithin(width: number, height: number, fit: { width: number; height: number }): { width: number; height: number } | null {
  if (!(fit.width > 0 && fit.height > 0) || (width <= fit.width && height <= fit.height)) return null;
  const scale = Math.min(fit.width / width, fit.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function transformImage(
  bytes: Uint8Array,
  opts: TransformOptions,
  deps: { image?: ImageSupport; logger?: LogSink } = {},
): Promise<SnapshotImage> {
  const format = sniffImageFormat(bytes);
  if (format === null) throw notAnImage('the bytes are not JPEG, PNG, GIF or WebP');
  const orientation = orientationFor(opts);
  const turned = orientation >= 5; // 5–8 swap width and height
  const header = imageSize(bytes);

  if (format === 'jpeg' && header && orientation === 1 && fitWithin(header.width, header.height, opts.fit) === null) {
    return { bytes, contentType: 'image/jpeg', width: header.width, height: header.height, transformed: false };
  }

  const image = await (deps.image ?? imageSupport).load(deps.logger);
  if (image === null) {
    return { bytes, contentType: mimeOf(format), width: header?.width ?? null, height: header?.height ?? null, transformed: false };
  }

  try {
    let width = header?.width;
    let height = header?.height;
    if (width === undefined || height === undefined) {
      const meta = await new image.Transformer(bytes).metadata();
      width = meta.width;
      height = meta.height;
    }
    const shownW = turned ? height : width;
    const shownH = turned ? width : height;
    const target = fitWithin(shownW, shownH, opts.fit);
    const t = new image.Transformer(bytes);
    if (orientation !== 1) t.rotate(orientation);
    // Transformer applies the orientation before the resize, so `target` is in sent-image terms.
    // Triangle (bilinear, with its support widened by the scale factor, so still anti-aliased)
    // rather than the default Lanczos3: a third faster on a 1080p frame, and a webcam picture
    // shrunk for a notification shows no difference.
    if (target) t.resize({ width: target.width, height: target.height, filter: image.ResizeFilterType.Triangle, fit: image.ResizeFit.Fill });
    const out = await t.jpeg(clampQuality(opts.quality));
    return { bytes: out, contentType: 'image/jpeg', width: target?.width ?? shownW, height: target?.height ?? shownH, transformed: true };
  } catch (err) {
    if (err instanceof OctohookError) throw err;
    throw notAnImage(err instanceof Error ? err.message.split('\n')[0].trim() : String(err), err);
  }
}

function clampQuality(q: number): number {
  const n = Math.round(Number(q));
  return Number.isFinite(n) ? Math.min(100, Math.max(1, n)) : 75;
}

function notAnImage(reason: string, cause?: unknown): OctohookError {
  return new OctohookError('OHK_ERR_SNAPSHOT', `snapshot is not a decodable image (${reason}): check that the snapshot URL returns a still image`, {
    cause,
  });
}
