// One hook, one firing: the plugin's whole pipeline (plugin-behaviour.md §3–§6), minus its
// bugs. Context → @meta (only if used) → @message → OAuth token (cached) → snapshot (shared
// per firing; a failure drops the file, not the request) → render → encode. That part,
// `prepareHookRequest`, is what the daemon runs at firing time; the request it returns is
// recorded in the outbox and sent (with retries) by runtime/delivery/. `deliverHook` is the
// one-shot path (`octohookc test`): prepare, sign, send once, with one fresh-token retry when
// an OAuth target answers 401.
import type { CompiledHook, CompiledModule, RenderContext } from '../compiled-module.js';
import { isOctohookError } from '../errors.js';
import { prepareRequest, type PreparedRequest } from '../http/prepare-request.js';
import { excerpt, type SendResult } from '../http/send-request.js';
import type { LogSink } from '../log/logger.js';
import type { TokenCache } from '../oauth/token-cache.js';
import { resolveSnapshotSource } from '../snapshot/snapshot-source.js';
import type { SnapshotImage } from '../snapshot/transform-image.js';
import { newWebhookId, signingKey, withIdentity } from '../delivery/signing.js';
import type { Firing } from './firing.js';
import { baseContext, topicOf } from './render-context.js';

/**
 * Sends one attempt of a delivery: the stored request with its identity (and signature)
 * headers already added. The seam tests use to observe or replace the network.
 */
export type Sender = (req: PreparedRequest, options: SendContext) => Promise<SendResult>;

export interface SendContext {
  timeoutMs: number;
  hook: string;
  /** The webhook-id. */
  id: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** The firing, while the process that saw it runs (absent for deliveries recovered from the outbox). */
  firing?: Firing;
}

export interface DeliveryDeps {
  module: CompiledModule;
  env: Record<string, string | undefined>;
  tokens: TokenCache;
  send: Sender;
  logger: LogSink;
  /** OctoPrint's settings answer (for its webcam) and its URL, for hooks without their own snapshot URL. */
  octoprintSettings: () => Promise<unknown>;
  octoprintUrl: string | null;
}

/**
 * How a delivery ended. `sent` with `ok: false` is a final rejection (a 4xx, or the last
 * retryable answer); `failed` never got an answer (or could not be sent); `skipped` never had
 * a request (no OAuth token). `id` and `attempts` are set once the delivery was recorded.
 */
export type DeliveryOutcome =
  | { kind: 'sent'; status: number; ms: number; ok: boolean; request: PreparedRequest; response: SendResult; id?: string; attempts?: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; reason: string; request?: PreparedRequest; id?: string; attempts?: number };

export function reasonOf(err: unknown): string {
  if (isOctohookError(err)) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** What rendering needs (everything but the sender). */
export type PrepareDeps = Omit<DeliveryDeps, 'send'>;

export type PrepareResult =
  | { ok: true; request: PreparedRequest; ctx: RenderContext; snapshot: SnapshotImage | null }
  | { ok: false; skipped: boolean; reason: string };

/** Builds the request for a hook: everything up to, not including, the send. */
export async function prepareHookRequest(hook: CompiledHook, firing: Firing, deps: PrepareDeps, log: LogSink): Promise<PrepareResult> {
  const ctx = baseContext(hook, firing, topicOf(hook, firing.trigger), deps.env);
  if (hook.uses.includes('meta')) {
    try {
      ctx.meta = await firing.meta();
    } catch (err) {
      ctx.meta = {};
      log.warn('@meta unavailable: the file metadata could not be read from OctoPrint', { reason: reasonOf(err) });
    }
  }
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
      const settings = hook.snapshot.url ? undefined : await deps.octoprintSettings().catch(() => undefined);
      const source = resolveSnapshotSource(hook.snapshot, ctx, { settings, url: deps.octoprintUrl });
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
    });
    return { ok: true, request, ctx, snapshot };
  } catch (err) {
    return { ok: false, skipped: false, reason: reasonOf(err) };
  }
}

export async function deliverHook(hook: CompiledHook, firing: Firing, deps: DeliveryDeps): Promise<DeliveryOutcome> {
  const log = childLog(deps.logger, { hook: hook.name, trigger: firing.trigger });
  let attempt = await prepareHookRequest(hook, firing, deps, log);
  if (!attempt.ok) {
    if (attempt.skipped) log.error('skipped', { reason: attempt.reason });
    else log.error('not sent', { reason: attempt.reason });
    return attempt.skipped ? { kind: 'skipped', reason: attempt.reason } : { kind: 'failed', reason: attempt.reason };
  }
  const id = newWebhookId();
  const context = { timeoutMs: hook.timeoutMs, hook: hook.name, id, attempt: 1, firing };
  try {
    const key = signingKey(hook, deps.env);
    const send = (req: PreparedRequest) => deps.send(withIdentity(req, id, Math.floor(Date.now() / 1000), key), context);
    let response = await send(attempt.request);
    if (response.status === 401 && hook.oauth) {
      // The token was revoked or expired early: fetch a fresh one and try once more.
      deps.tokens.invalidate(hook.oauth);
      const again = await prepareHookRequest(hook, firing, deps, log);
      if (again.ok) {
        attempt = again;
        response = await send(again.request);
      }
    }
    const fields: Record<string, unknown> = { status: response.status, ms: response.ms };
    if (attempt.snapshot) fields.snapshot = `${attempt.snapshot.bytes.byteLength} B`;
    if (response.ok) log.info('delivered', fields);
    else log.error('rejected', { ...fields, body: excerpt(response.bodyText, 200) });
    return { kind: 'sent', status: response.status, ms: response.ms, ok: response.ok, request: attempt.request, response, id, attempts: 1 };
  } catch (err) {
    const reason = reasonOf(err);
    log.error('not sent', { reason });
    return { kind: 'failed', reason, request: attempt.request, id, attempts: 1 };
  }
}

/** A child logger with `bindings` when the sink can make one (the Logger can). */
export function childLog(logger: LogSink, bindings: Record<string, unknown>): LogSink {
  const maybe = logger as LogSink & { child?: (b: Record<string, unknown>) => LogSink };
  return typeof maybe.child === 'function' ? maybe.child(bindings) : logger;
}
