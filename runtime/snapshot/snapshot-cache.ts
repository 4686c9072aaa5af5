// One snapshot per event, shared by the hooks that want it.
//
// A cache lives for one event. It memoises PROMISES, not results, so hooks that ask at the
// same moment wait on the same work: a URL is fetched at most once per event and each
// distinct transform (fit, quality, flips, rotation) of it is computed at most once. The
// plugin fetched once per event too (docs/plugin-compatibility.md#snapshots), but
// synchronously on OctoPrint's event thread;
// here creating the cache costs nothing and nothing runs until a hook's delivery asks, so
// taking an event in never waits for a webcam.
//
// A failed fetch or transform is remembered for the rest of the event (every hook that
// wanted it gets the same OHK_ERR_SNAPSHOT, and the webcam is not hammered); the next
// event gets a new cache and tries again.

import type { LogSink } from '../log/logger.js';
import type { SecretSet } from '../log/redact.js';
import type { Dispatcher } from 'undici';
import { fetchSnapshot, type FetchedSnapshot, type FetchSnapshotOptions } from './fetch-snapshot.js';
import type { SnapshotSource } from './snapshot-source.js';
import { transformImage, type SnapshotImage, type TransformOptions } from './transform-image.js';

export interface SnapshotCacheDeps {
  fetch?: (url: string, options: FetchSnapshotOptions) => Promise<FetchedSnapshot>;
  transform?: (bytes: Uint8Array, options: TransformOptions) => Promise<SnapshotImage>;
  logger?: LogSink;
  secrets?: SecretSet | null;
  dispatcher?: Dispatcher;
  maxBytes?: number;
}

export type SnapshotOutcome = { ok: true; image: SnapshotImage } | { ok: false; error: unknown };

export class SnapshotCache {
  #fetches = new Map<string, Promise<FetchedSnapshot>>();
  #images = new Map<string, Promise<SnapshotImage>>();
  #deps: SnapshotCacheDeps;
  /** How much work was actually done (for tests and debug logs). */
  readonly stats = { fetches: 0, transforms: 0 };

  constructor(deps: SnapshotCacheDeps = {}) {
    this.#deps = deps;
  }

  /** The snapshot for `source`, fitted to `fit` at `quality`; rejects with OHK_ERR_SNAPSHOT. */
  get(source: SnapshotSource, output: { fit: { width: number; height: number }; quality: number }): Promise<SnapshotImage> {
    const opts: TransformOptions = { fit: output.fit, quality: output.quality, flipH: source.flipH, flipV: source.flipV, rotate: source.rotate };
    const key = `${source.url}\n${opts.fit.width}x${opts.fit.height}\n${opts.quality}\n${opts.flipH}\n${opts.flipV}\n${opts.rotate}`;
    let image = this.#images.get(key);
    if (!image) {
      image = this.#fetch(source).then((fetched) => {
        this.stats.transforms++;
        return this.#deps.transform
          ? this.#deps.transform(fetched.bytes, opts)
          : transformImage(fetched.bytes, opts, this.#deps.logger ? { logger: this.#deps.logger } : {});
      });
      image.catch(() => {}); // rejection is delivered to every caller; the memo itself must not count as unhandled
      this.#images.set(key, image);
    }
    return image;
  }

  /** Like get, but never rejects: a failed snapshot is a normal outcome (send without it). */
  async tryGet(source: SnapshotSource, output: { fit: { width: number; height: number }; quality: number }): Promise<SnapshotOutcome> {
    try {
      return { ok: true, image: await this.get(source, output) };
    } catch (error) {
      return { ok: false, error };
    }
  }

  #fetch(source: SnapshotSource): Promise<FetchedSnapshot> {
    let p = this.#fetches.get(source.url);
    if (!p) {
      this.stats.fetches++;
      const options: FetchSnapshotOptions = {
        timeoutMs: source.timeoutMs,
        insecure: source.insecure,
        secrets: this.#deps.secrets ?? null,
        ...(this.#deps.dispatcher ? { dispatcher: this.#deps.dispatcher } : {}),
        ...(this.#deps.maxBytes ? { maxBytes: this.#deps.maxBytes } : {}),
      };
      p = (this.#deps.fetch ?? fetchSnapshot)(source.url, options);
      p.catch(() => {});
      this.#fetches.set(source.url, p);
    }
    return p;
  }
}

/** A new, empty cache for one event. */
export function createSnapshotCache(deps: SnapshotCacheDeps = {}): SnapshotCache {
  return new SnapshotCache(deps);
}
