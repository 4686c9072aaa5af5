// `octohookc test`: one trigger with sample data through the daemon's own delivery
// pipeline, so what a test shows is what `octohook run` would send. With `dryRun` nothing
// leaves the machine: OAuth answers are stand-ins built from `returns`, the snapshot is the
// sample image, and the prepared request is returned instead of sent.
import { randomUUID } from 'node:crypto';
import type { CompiledHook, CompiledModule, RenderContext } from '../../runtime/compiled-module.js';
import type { DeliveryOutcome, Sender } from '../../runtime/delivery/sender.js';
import { prepareHookRequest, type PrepareDeps } from '../../runtime/dispatch/prepare-hook-request.js';
import { sendOnce } from './send-once.js';
import { minuteOfDay, quietReasonAtMinute } from '../../runtime/dispatch/quiet-hours.js';
import type { Firing } from '../../runtime/dispatch/firing.js';
import type { PreparedRequest } from '../../runtime/http/prepare-request.js';
import { sendRequest } from '../../runtime/http/send-request.js';
import type { Logger } from '../../runtime/log/logger.js';
import { fetchToken } from '../../runtime/oauth/token-client.js';
import { createTokenCache } from '../../runtime/oauth/token-cache.js';
import { fetchSnapshot, type FetchedSnapshot } from '../../runtime/snapshot/fetch-snapshot.js';
import { createSnapshotCache } from '../../runtime/snapshot/snapshot-cache.js';
import { newWebhookId, signingKey, withIdentity } from '../../runtime/delivery/signing.js';
import { isOctohookError } from '../../runtime/errors.js';
import { sampleMeta, testSamples, type TestSample } from './sample-data.js';
import { sampleJpeg } from './sample-image.js';
import { testPrinter, type TestPrinter } from './test-printer.js';
import { hearsPrinter } from '../../runtime/dispatch/hears-printer.js';

/** Stands for "OctoPrint's own webcam", which only the daemon can ask. */
const SAMPLE_WEBCAM = 'http://octoprint-webcam.invalid/sample.jpg';

export interface TestEventOptions {
  module: CompiledModule;
  trigger: string;
  hook?: string;
  dryRun: boolean;
  env: Record<string, string | undefined>;
  /** Shown instead of missing variables when rendering (`<unset NAME>`); never registered as secrets. */
  placeholders?: Record<string, string>;
  logger: Logger;
  /** One of `testSamples(trigger)`; absent: the first. */
  sample?: TestSample;
  /** `--printer NAME` (a printer block's name): only hooks firing for it, rendered as its events. */
  printer?: string;
  /** The minute of the day quiet hours are read at (`--at 23:30`); absent: now, in the module's zone. */
  minute?: number;
}

export type TestResult =
  | { hook: CompiledHook; printer: TestPrinter; kind: 'prepared'; request: PreparedRequest; snapshot: Uint8Array | null; ctx: RenderContext; note?: string }
  | { hook: CompiledHook; printer: TestPrinter; kind: 'delivered'; outcome: DeliveryOutcome }
  /** Quiet hours or a `when` condition keep the firing from the hook; `reason` names the part that decided. */
  | { hook: CompiledHook; printer: TestPrinter; kind: 'suppressed'; by: 'quiet hours' | 'a condition'; reason: string };

function sampleFetch(dryRun: boolean) {
  return async (url: string, options: Parameters<typeof fetchSnapshot>[1]): Promise<FetchedSnapshot> => {
    if (dryRun || url === SAMPLE_WEBCAM) return { bytes: Buffer.from(sampleJpeg()), format: 'jpeg', contentType: 'image/jpeg', ms: 0 };
    return fetchSnapshot(url, options);
  };
}

/** The hooks a test runs: the named one, or every enabled hook on the trigger (of those firing for `printer`, when given). */
export function hooksForTest(module: CompiledModule, trigger: string, hook?: string, printer?: string): CompiledHook[] {
  return module.hooks.filter((h) => (hook ? h.name === hook : h.enabled) && h.triggers.some((t) => t.event === trigger) && hearsPrinter(h, printer));
}

export async function runTestEvent(o: TestEventOptions): Promise<TestResult[]> {
  const { module, logger } = o;
  for (const name of module.env) logger.addSecret(o.env[name]);
  const tokens = createTokenCache({
    load: async (name) => {
      const spec = module.oauth[name];
      if (!o.dryRun) return fetchToken(spec, { env: o.env } as never, { secrets: logger.secrets });
      const data: Record<string, unknown> = {};
      for (const [field, type] of Object.entries(spec.returns)) data[field] = type === 'number' ? 3600 : type === 'boolean' ? true : `<${name}.${field}>`;
      if (Object.keys(data).length === 0) data.access_token = `<${name}.access_token>`;
      return { data, expiresInMs: null };
    },
  });
  const deps: PrepareDeps & { send: Sender } = {
    module,
    env: { ...o.env, ...o.placeholders },
    tokens,
    logger,
    send: (req, { timeoutMs }) => sendRequest(req, { timeoutMs }),
    octoprintSettings: async () => ({ webcam: { snapshotUrl: SAMPLE_WEBCAM } }),
    octoprintUrl: null,
  };
  const sample = o.sample ?? testSamples(o.trigger)[0];
  const results: TestResult[] = [];
  const minute = o.minute ?? minuteOfDay(Date.now(), module.timezone);
  for (const hook of hooksForTest(module, o.trigger, o.hook, o.printer)) {
    const printer = testPrinter(module, hook, deps.env, o.printer);
    const quiet = quietReasonAtMinute(hook, o.trigger, minute, module.timezone);
    if (quiet !== null) {
      results.push({ hook, printer, kind: 'suppressed', by: 'quiet hours', reason: quiet });
      continue;
    }
    const firing: Firing = {
      id: randomUUID(),
      trigger: o.trigger,
      payload: sample.payload,
      milestone: sample.milestone,
      at: Date.now(),
      printer: sample.printer,
      snapshots: createSnapshotCache({ fetch: sampleFetch(o.dryRun), logger, secrets: logger.secrets }),
      meta: async () => sampleMeta,
      // As the daemon's firings carry their printer (runtime/printer-link.ts): `@printer`, and its webcam.
      origin: { printer, octoprintUrl: null, settings: deps.octoprintSettings },
    };
    if (o.dryRun) {
      const prepared = await prepareHookRequest(hook, firing, deps, logger.child({ hook: hook.name, trigger: o.trigger }));
      if (!prepared.ok && prepared.suppressed) {
        results.push({ hook, printer, kind: 'suppressed', by: 'a condition', reason: prepared.reason });
      } else if (!prepared.ok) {
        results.push({ hook, printer, kind: 'delivered', outcome: prepared.skipped ? { kind: 'skipped', reason: prepared.reason } : { kind: 'failed', reason: prepared.reason } });
      } else {
        // What one attempt sends: the identity headers, and the signature when the secret is set.
        let key: Buffer | null = null;
        let note: string | undefined;
        try {
          key = signingKey(hook, o.env);
        } catch (err) {
          note = `webhook-signature not computed: ${isOctohookError(err) ? err.message : String(err)}`;
        }
        const request = withIdentity(prepared.request, newWebhookId(), Math.floor(Date.now() / 1000), key);
        results.push({ hook, printer, kind: 'prepared', request, snapshot: prepared.snapshot ? prepared.snapshot.bytes : null, ctx: prepared.ctx, ...(note ? { note } : {}) });
      }
    } else {
      const outcome = await sendOnce(hook, firing, deps);
      results.push(outcome.kind === 'suppressed' ? { hook, printer, kind: 'suppressed', by: 'a condition', reason: outcome.reason } : { hook, printer, kind: 'delivered', outcome });
    }
  }
  return results;
}
