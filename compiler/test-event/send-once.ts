// `octohookc test` without --dry-run: one attempt, no outbox. The request carries the same
// identity headers and signature a daemon attempt would (runtime/delivery/signing.ts), and an
// OAuth target answering 401 gets one more try with a fresh token, as in the daemon.
import type { CompiledHook } from '../../runtime/compiled-module.js';
import { newWebhookId, signingKey, withIdentity } from '../../runtime/delivery/signing.js';
import type { DeliveryOutcome, Sender } from '../../runtime/delivery/sender.js';
import { prepareHookRequest, type PrepareDeps } from '../../runtime/dispatch/prepare-hook-request.js';
import type { Firing } from '../../runtime/dispatch/firing.js';
import { reasonOf } from '../../runtime/errors.js';
import type { PreparedRequest } from '../../runtime/http/prepare-request.js';
import { excerpt } from '../../runtime/http/send-request.js';
import { childLog } from '../../runtime/log/logger.js';

/** A `when` condition kept the firing from the hook: nothing was sent, by design. */
export interface Suppressed {
  kind: 'suppressed';
  reason: string;
}

export async function sendOnce(hook: CompiledHook, firing: Firing, deps: PrepareDeps & { send: Sender }): Promise<DeliveryOutcome | Suppressed> {
  const log = childLog(deps.logger, { hook: hook.name, trigger: firing.trigger });
  let attempt = await prepareHookRequest(hook, firing, deps, log);
  if (!attempt.ok && attempt.suppressed) return { kind: 'suppressed', reason: attempt.reason };
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
