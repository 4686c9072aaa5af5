// One hook, one firing: the plugin's whole pipeline (docs/plugin-compatibility.md), minus its
// bugs, up to the request. The printer after the event (only if read) → context → @meta (only if used) → @message → OAuth token (cached) →
// snapshot (shared per firing; a failure drops the file, not the request) → render → encode.
// The daemon runs it at firing time and hands the request to runtime/delivery/ (outbox,
// retries, signing); `octohookc test` sends it once (compiler/test-event/).
import type { CompiledHook, CompiledModule, RenderContext } from '../compiled-module.js';
import { reasonOf } from '../errors.js';
import { prepareRequest, type PreparedRequest } from '../http/prepare-request.js';
import type { SharedJson } from '../http/shared-json.js';
import type { LogSink } from '../log/logger.js';
import type { TokenCache } from '../oauth/token-cache.js';
import { resolveSnapshotSource } from '../snapshot/snapshot-source.js';
import type { SnapshotImage } from '../snapshot/transform-image.js';
import { printerFor, type Firing } from './firing.js';
import { baseContext, topicOf } from './render-context.js';

/** What rendering needs: the module, the environment, tokens, OctoPrint for the webcam, a log. */
export interface PrepareDeps {
  module: CompiledModule;
  env: Record<string, string | undefined>;
  tokens: TokenCache;
  logger: LogSink;
  /** OctoPrint's settings answer (for its webcam) and its URL, for hooks without their own snapshot URL. */
  octoprintSettings: () => Promise<unknown>;
  octoprintUrl: string | null;
}

export type PrepareResult =
  | { ok: true; request: PreparedRequest; ctx: RenderContext; snapshot: SnapshotImage | null }
  | { ok: false; skipped: boolean; reason: string; /** A `when` condition does not hold: nothing is sent, by design. */ suppressed?: true };

/** Builds the request for a hook: everything up to, not including, the send. */
export async function prepareHookRequest(hook: CompiledHook, firing: Firing, deps: PrepareDeps, log: LogSink): Promise<PrepareResult> {
  const view = printerFor(firing, hook.uses);
  const printer = view instanceof Promise ? await view : view;
  const ctx = baseContext(hook, firing, printer, topicOf(hook, firing.trigger), deps.env);
  // The event's payload and the file's metadata are the same objects for every hook of the
  // firing, and nothing changes them: each is JSON-encoded once (runtime/http/shared-json.ts).
  firing.json?.share(ctx.extra);
  if (hook.uses.includes('meta')) {
    try {
      ctx.meta = await firing.meta();
      firing.json?.share(ctx.meta);
    } catch (err) {
      ctx.meta = {};
      log.warn('@meta unavailable: the file metadata could not be read from OctoPrint', { reason: reasonOf(err) });
    }
  }
  // Conditions read the same context the webhook would, before any token or photo is fetched.
  const unmet = hook.when ? hook.when(ctx) : null;
  if (unmet !== null) return { ok: false, skipped: true, reason: unmet, suppressed: true };

  const message = hook.messages[firing.trigger];
  ctx.message = message ? message(ctx) : '';

  if (hook.oauth) {
    try {
      ctx[hook.oauth] = await deps.tokens.get(hook.oauth);
    } catch (err) {
      return { ok: false, skipped: true, reason: `no OAuth token (${reasonOf(err)})` };
    }
  }

  let snapshot: SnapshotImage | null = null;
  if (hook.snapshotKey) {
    try {
      // The webcam of the printer the event came from.
      const octoprint = firing.origin ? { settings: firing.origin.settings, url: firing.origin.octoprintUrl } : { settings: deps.octoprintSettings, url: deps.octoprintUrl };
      const settings = hook.snapshot.url ? undefined : await octoprint.settings().catch(() => undefined);
      const source = resolveSnapshotSource(hook.snapshot, ctx, { settings, url: octoprint.url });
      if (!source) log.warn('no snapshot: neither the hook nor OctoPrint names a snapshot URL; sending without the image');
      else {
        const outcome = await firing.snapshots.tryGet(source, { fit: hook.snapshot.fit, quality: hook.snapshot.quality });
        if (outcome.ok) snapshot = outcome.image;
        else log.warn('no snapshot; sending without the image', { reason: reasonOf(outcome.error) });
      }
    } catch (err) {
      log.warn('no snapshot; sending without the image', { reason: reasonOf(err) });
    }
  }

  try {
    const request = prepareRequest({
      method: hook.method,
      content: hook.content,
      url: hook.url(ctx),
      headers: hook.headers(ctx),
      data: hook.data ? hook.data(ctx) : null,
      snapshotKey: hook.snapshotKey,
      snapshot: snapshot ? { bytes: snapshot.bytes, contentType: snapshot.contentType } : null,
      shared: [printer.json, firing.json].filter((j): j is SharedJson => j !== undefined),
    });
    return { ok: true, request, ctx, snapshot };
  } catch (err) {
    return { ok: false, skipped: false, reason: reasonOf(err) };
  }
}
