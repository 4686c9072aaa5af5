// Replays a recorded OctoPrint push stream (fixtures/import/captures/*.push.jsonl) through the
// daemon's own intake (printer state, progress milestones, user-action detection) and renders
// each hook's request with the daemon's own `prepareHookRequest`, so a test can set the
// result beside what the plugin sent in the same run (*.webhooks.jsonl). Nothing is sent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '../../runtime/clock.js';
import type { CompiledHook, CompiledModule } from '../../runtime/compiled-module.js';
import { prepareHookRequest } from '../../runtime/dispatch/prepare-hook-request.js';
import type { Firing } from '../../runtime/dispatch/firing.js';
import { EventIntake } from '../../runtime/event-intake.js';
import type { PreparedRequest } from '../../runtime/http/prepare-request.js';
import { silentLogger } from '../../runtime/log/logger.js';
import { createTokenCache } from '../../runtime/oauth/token-cache.js';
import { PrinterState } from '../../runtime/printer-state.js';
import { createSnapshotCache } from '../../runtime/snapshot/snapshot-cache.js';
import { sampleJpeg } from '../../runtime/test-event/sample-image.js';
import { fixturesDir } from '../support/project-root.js';
import { hooksListening } from '../../runtime/dispatch/dispatcher.js';
import { progressIntervals } from '../../runtime/triggers/progress-milestones.js';

export const capturesDir = join(fixturesDir, 'import', 'captures');

/** One request the plugin sent (trimmed copy of the shared capture). */
export interface PluginRequest {
  t: number;
  method: string;
  url: string;
  contentType: string;
  json?: Record<string, unknown>;
  form?: Record<string, string>;
  /** Raw body, for multipart (JPEG bytes elided by the recorder). */
  body?: string;
}

function lines<T>(file: string): T[] {
  return readFileSync(join(capturesDir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export function pluginRequests(name: string): PluginRequest[] {
  return lines<PluginRequest>(`${name}.webhooks.jsonl`);
}

interface PushLine {
  t: number;
  msg: Record<string, unknown>;
}

/** Every value each printer field (state, job, …) had in the push stream's `current` and `history` messages, as JSON. */
export function pushSamples(name: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const line of lines<PushLine>(`${name}.push.jsonl`)) {
    const body = (line.msg.current ?? line.msg.history) as Record<string, unknown> | undefined;
    if (!body) continue;
    for (const [k, v] of Object.entries(body)) {
      if (!out.has(k)) out.set(k, new Set());
      out.get(k)!.add(JSON.stringify(v));
    }
  }
  return out;
}

/** One firing that a hook receives, in the order the daemon would queue it. */
export interface HookFiring {
  hook: CompiledHook;
  firing: Firing;
}

/** Feeds the push stream through EventIntake; returns, per hook, the firings it gets. */
export function replayFirings(module: CompiledModule, name: string): HookFiring[] {
  const printer = new PrinterState();
  const pushed = lines<PushLine>(`${name}.push.jsonl`);
  // Recorded time: the intake's hold timer runs on it. There is no REST API in a recording, so
  // an event's printer is the next `current`'s (the daemon's fallback).
  const clock = new ManualClock(pushed[0]?.t ?? 0);
  const out: HookFiring[] = [];
  const intake = new EventIntake({
    dispatcher: {
      fire(firing: Firing) {
        const hooks = hooksListening(module.hooks, firing.trigger, firing.onlyHook);
        for (const hook of hooks) out.push({ hook, firing });
        return hooks.length;
      },
    },
    printer,
    progressHooks: progressIntervals(module),
    clock,
    logger: silentLogger,
    newFiring: (trigger, payload, extra) => ({
      id: `firing-${clock.now()}-${trigger}`,
      trigger,
      payload,
      milestone: extra?.milestone ?? 0,
      ...(extra?.onlyHook ? { onlyHook: extra.onlyHook } : {}),
      at: clock.now(),
      printer: printer.current,
      ...(extra?.after ? { after: extra.after } : {}),
      snapshots: createSnapshotCache({
        fetch: async () => ({ bytes: Buffer.from(sampleJpeg()), format: 'jpeg', contentType: 'image/jpeg', ms: 0 }),
        logger: silentLogger,
      }),
      meta: async () => undefined,
    }),
  });
  for (const line of pushed) {
    clock.advance(Math.max(0, line.t - clock.now()));
    const [type] = Object.keys(line.msg);
    const body = line.msg[type] as never;
    if (type === 'history') intake.onHistory(body);
    else if (type === 'current') intake.onCurrent(body);
    else if (type === 'event') intake.onEvent(body);
  }
  intake.flush();
  return out;
}

export interface RenderOptions {
  env: Record<string, string>;
  /** OctoPrint's webcam snapshot URL (null: no webcam, as in the `default` profile). */
  webcam: string | null;
  /** `@meta`: the files API answer for this firing (the captures hold only what the plugin read). */
  meta: unknown;
}

/** The request the daemon would send for one hook and firing. */
export async function render(module: CompiledModule, hf: HookFiring, o: RenderOptions): Promise<PreparedRequest> {
  const deps = {
    module,
    env: o.env,
    tokens: createTokenCache({ load: () => Promise.reject(new Error('no OAuth in the capture profiles')) }),
    logger: silentLogger,
    send: () => Promise.reject(new Error('nothing is sent in a replay')),
    octoprintSettings: async () => ({ webcam: { snapshotUrl: o.webcam } }),
    octoprintUrl: 'http://127.0.0.1:5000',
  };
  const firing: Firing = { ...hf.firing, meta: async () => o.meta };
  const r = await prepareHookRequest(hf.hook, firing, deps, silentLogger);
  if (!r.ok) throw new Error(`hook ${hf.hook.name} on ${firing.trigger}: ${r.reason}`);
  return r.request;
}
