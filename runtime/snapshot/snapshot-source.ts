// Where a hook's snapshot comes from, and how it is turned.
//
// The hook's own `snapshot { url }` (or the file's `webcam { snapshot }`) wins. Without one,
// OctoPrint's webcam settings from `GET /api/settings` are used, as the plugin did
// (docs/plugin-compatibility.md#snapshots), from the `webcam` section of that answer:
// - OctoPrint ≥ 1.9: `webcam.webcams[]` — the one named by `snapshotWebcam`, else by
//   `defaultWebcam`, else the first that can snapshot — its `compat.snapshot` URL and its
//   `flipH` / `flipV` / `rotate90`;
// - older, or no webcam with `compat`: the legacy top-level `snapshotUrl`, `flipH`, `flipV`,
//   `rotate90` (null on 1.9+ unless a default webcam with `compat` exists).
// `webcamEnabled` is not consulted: the plugin took the snapshot URL regardless of it.
// A relative snapshot URL is resolved against OctoPrint's own URL.
//
// Flips and rotation, each on its own: the hook's value when it sets one (`flip`, `rotate`
// in `snapshot { }` / `webcam { }`), else OctoPrint's setting for its snapshot webcam
// (`flipH`, `flipV`, `rotate90` = 90° counter-clockwise), else off. This holds also when the
// hook names its own URL: most such URLs point at the same camera OctoPrint shows, and a
// hook that means "no flip" or "no rotation" can say so explicitly.

import type { RenderContext, SnapshotSettings } from '../compiled-module.js';
import { OctohookError } from '../errors.js';
import { normalizeRotation, type Rotation } from './transform-image.js';
import { isObject } from '../common/is-object.js';

export interface SnapshotSource {
  url: string;
  flipH: boolean;
  flipV: boolean;
  rotate: Rotation;
  timeoutMs: number;
  /** TLS verification off (OctoPrint's `snapshotSslValidation: false`). */
  insecure: boolean;
  from: 'hook' | 'octoprint';
}

/** The parts of OctoPrint's webcam settings we read (all optional: older versions lack them). */
interface WebcamEntry {
  name?: string;
  canSnapshot?: boolean;
  flipH?: boolean;
  flipV?: boolean;
  rotate90?: boolean;
  compat?: { snapshot?: string | null; snapshotSslValidation?: boolean } | null;
}
interface WebcamSection {
  webcams?: WebcamEntry[];
  snapshotWebcam?: string | null;
  defaultWebcam?: string | null;
  snapshotUrl?: string | null;
  flipH?: boolean | null;
  flipV?: boolean | null;
  rotate90?: boolean | null;
  snapshotSslValidation?: boolean | null;
}

export interface OctoPrintWebcam {
  url: string;
  flipH: boolean;
  flipV: boolean;
  rotate90: boolean;
  insecure: boolean;
}

/**
 * OctoPrint's snapshot webcam from a `GET /api/settings` answer (the whole answer or its
 * `webcam` section); null when it has none with a snapshot URL.
 */
export function octoprintWebcam(settings: unknown, octoprintUrl?: string | null): OctoPrintWebcam | null {
  if (!isObject(settings)) return null;
  const section = (isObject(settings.webcam) ? settings.webcam : settings) as WebcamSection;
  const cams = Array.isArray(section.webcams) ? section.webcams.filter(isObject) as WebcamEntry[] : [];
  const usable = (c: WebcamEntry | undefined) => c !== undefined && c.canSnapshot !== false && nonEmpty(c.compat?.snapshot);
  const byName = (n: unknown) => (typeof n === 'string' ? cams.find((c) => c.name === n) : undefined);
  const cam = [byName(section.snapshotWebcam), byName(section.defaultWebcam), ...cams].find(usable);
  if (cam) {
    const url = resolveUrl(cam.compat!.snapshot!, octoprintUrl);
    if (url) return { url, flipH: cam.flipH === true, flipV: cam.flipV === true, rotate90: cam.rotate90 === true, insecure: cam.compat?.snapshotSslValidation === false };
  }
  if (nonEmpty(section.snapshotUrl)) {
    const url = resolveUrl(section.snapshotUrl, octoprintUrl);
    if (url) {
      return { url, flipH: section.flipH === true, flipV: section.flipV === true, rotate90: section.rotate90 === true, insecure: section.snapshotSslValidation === false };
    }
  }
  return null;
}

/**
 * The snapshot source for one hook and event, or null when neither the hook nor OctoPrint
 * names a snapshot URL (the hook then goes out without the image, as the plugin's did).
 */
export function resolveSnapshotSource(
  settings: SnapshotSettings,
  ctx: RenderContext,
  octoprint: { settings?: unknown; url?: string | null } = {},
): SnapshotSource | null {
  const cam = octoprintWebcam(octoprint.settings, octoprint.url);
  const rotate = normalizeRotation(settings.rotate ?? (cam?.rotate90 ? 90 : 0));
  const flipH = settings.flipH ?? cam?.flipH ?? false;
  const flipV = settings.flipV ?? cam?.flipV ?? false;
  if (settings.url) {
    let url: unknown;
    try {
      url = settings.url(ctx);
    } catch (err) {
      throw new OctohookError('OHK_ERR_SNAPSHOT', `the hook's snapshot url could not be rendered: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if (typeof url !== 'string' || url.trim() === '') {
      throw new OctohookError('OHK_ERR_SNAPSHOT', "the hook's snapshot url rendered to an empty value: check the @params it uses");
    }
    return { url: url.trim(), flipH, flipV, rotate, timeoutMs: settings.timeoutMs, insecure: false, from: 'hook' };
  }
  if (!cam) return null;
  return { url: cam.url, flipH, flipV, rotate, timeoutMs: settings.timeoutMs, insecure: cam.insecure, from: 'octoprint' };
}

function resolveUrl(url: string, base: string | null | undefined): string | null {
  try {
    return new URL(url.trim(), base ?? undefined).toString();
  } catch {
    return null;
  }
}

function nonEmpty(s: unknown): s is string {
  return typeof s === 'string' && s.trim() !== '';
}

