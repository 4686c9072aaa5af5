// The simulator's webcam: `GET /webcam/snapshot` answers a JPEG of a configurable size, or
// misbehaves on purpose (corrupt bytes, a slow answer, 404) so snapshot handling can be tested.
// JPEGs are encoded with @napi-rs/image (an optional dependency); without it a small built-in
// 16x12 JPEG is served whatever size was asked for.

export interface WebcamOptions {
  /** 'ok' serves a JPEG; 'corrupt' serves bytes that are not an image; 'slow' waits `delayMs` first; '404' is not found. */
  mode: 'ok' | 'corrupt' | 'slow' | '404';
  width: number;
  height: number;
  /** Simulated delay for 'slow', in real milliseconds (snapshots are fetched in real time). */
  delayMs: number;
  /** When false, /api/settings reports the webcam disabled and without snapshot URL. */
  enabled: boolean;
  flipH: boolean;
  flipV: boolean;
  rotate90: boolean;
}

export const DEFAULT_WEBCAM: WebcamOptions = { mode: 'ok', width: 640, height: 480, delayMs: 2000, enabled: true, flipH: false, flipV: false, rotate90: false };

const FALLBACK_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAgAAAQABAAD/wAARCAAMABADAREAAhEBAxEB/9sAQwAGBAUGBQQGBgUGBwcGCAoQCgoJCQoUDg8MEBcUGBgXFBYWGh0lHxobIxwWFiAsICMmJykqKRkfLTAtKDAlKCko/9sAQwEHBwcKCAoTCgoTKBoWGigoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgo/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDzXSfCn3f3f6V9JXzHzOLKs221Oz0nwp9393+leNXzHzP0nKs221O30nTrbj5K8WvXn3P51yrE1NNTs9J0624+SvGr159z9JyrE1NNT//Z',
  'base64',
);

type Encoder = (pixels: Uint8Array, width: number, height: number) => Buffer;
let encoder: Promise<Encoder | null> | undefined;

function loadEncoder(): Promise<Encoder | null> {
  encoder ??= import('@napi-rs/image')
    .then((mod) => (pixels: Uint8Array, w: number, h: number) => mod.Transformer.fromRgbaPixels(pixels, w, h).jpegSync(80))
    .catch(() => null);
  return encoder;
}

/** A test card: a gradient with a dark square in the top-left corner, so flips and rotations are visible. */
function testCard(width: number, height: number): Uint8Array {
  const px = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const marker = x < width / 4 && y < height / 4;
      px[i] = marker ? 20 : Math.round((x / width) * 255);
      px[i + 1] = marker ? 20 : Math.round((y / height) * 255);
      px[i + 2] = marker ? 20 : 160;
      px[i + 3] = 255;
    }
  }
  return px;
}

const cache = new Map<string, Buffer>();

/** The JPEG for a size (cached). */
export async function snapshotJpeg(width: number, height: number): Promise<Buffer> {
  const key = `${width}x${height}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const encode = await loadEncoder();
  const jpeg = encode ? encode(testCard(width, height), width, height) : FALLBACK_JPEG;
  cache.set(key, jpeg);
  return jpeg;
}

/** The `webcam` section of `GET /api/settings` (1.9+ shape: `webcams[]` plus the legacy keys). */
export function webcamSettings(opts: WebcamOptions, snapshotUrl: string): Record<string, unknown> {
  const compat = opts.enabled
    ? {
        stream: snapshotUrl.replace(/snapshot$/, 'stream'),
        snapshot: snapshotUrl,
        streamTimeout: 5,
        streamRatio: '16:9',
        streamWebrtcIceServers: ['stun:stun.l.google.com:19302'],
        cacheBuster: false,
        snapshotTimeout: 5,
        snapshotSslValidation: true,
      }
    : null;
  const legacy = compat
    ? {
        flipH: opts.flipH,
        flipV: opts.flipV,
        rotate90: opts.rotate90,
        streamUrl: compat.stream,
        streamRatio: compat.streamRatio,
        streamTimeout: compat.streamTimeout,
        streamWebrtcIceServers: compat.streamWebrtcIceServers,
        snapshotUrl: compat.snapshot,
        snapshotTimeout: compat.snapshotTimeout,
        snapshotSslValidation: compat.snapshotSslValidation,
        cacheBuster: compat.cacheBuster,
      }
    : {
        flipH: null, flipV: null, rotate90: null, streamUrl: null, streamRatio: null, streamTimeout: null,
        streamWebrtcIceServers: null, snapshotUrl: null, snapshotTimeout: null, snapshotSslValidation: null, cacheBuster: null,
      };
  return {
    webcamEnabled: opts.enabled,
    timelapseEnabled: true,
    ffmpegPath: '/usr/bin/ffmpeg',
    ffmpegCommandline: '{ffmpeg} -framerate {fps} -i "{input}" -vcodec {videocodec} -threads {threads} -b:v {bitrate} -f {containerformat} -y {filters} "{output}"',
    bitrate: '10000k',
    ffmpegThreads: 1,
    ffmpegVideoCodec: 'libx264',
    watermark: true,
    renderAfterPrintDelay: 0,
    webcams: opts.enabled
      ? [
          {
            name: 'classic',
            displayName: 'Classic Webcam',
            canSnapshot: true,
            snapshotDisplay: snapshotUrl,
            flipH: opts.flipH,
            flipV: opts.flipV,
            rotate90: opts.rotate90,
            extras: {},
            provider: 'classicwebcam',
            compat,
          },
        ]
      : [],
    defaultWebcam: opts.enabled ? 'classic' : null,
    snapshotWebcam: opts.enabled ? 'classic' : null,
    ...legacy,
  };
}
