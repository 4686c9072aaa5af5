// Replays a recorded OctoPrint push stream (fixtures/import/captures/*.push.jsonl) through the
// daemon's own intake (printer state, progress milestones, user-action detection) and renders
// each hook's request with the daemon's own `prepareHookRequest`, so a test can set the
// result beside what the plugin sent in the same run (*.webhooks.jsonl). Nothing is sent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledHook, CompiledModule } from '../../runtime/compiled-module.js';
import { prepareHookRequest } from '../../runtime/dispatch/prepare-hook-request.js';
import type { Firing } from '../../runtime/dispatch/firing.js';
import type { PreparedRequest } from '../../runtime/http/prepare-request.js';
import { silentLogger } from '../../runtime/log/logger.js';
import { createTokenCache } from '../../runtime/oauth/token-cache.js';
import { fixturesDir } from '../support/project-root.js';
import { replayThroughIntake, type PushLine } from '../support/replay-intake.js';
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
  const out: HookFiring[] = [];
  replayThroughIntake(lines<PushLine>(`${name}.push.jsonl`), progressIntervals(module), (firing) => {
    const hooks = hooksListening(module.hooks, firing.trigger, firing.onlyHook);
    for (const hook of hooks) out.push({ hook, firing });
    return hooks.length;
  });
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
