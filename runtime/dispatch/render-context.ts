// The render context of one hook for one firing: the plugin's parameter table
// (docs/plugin-compatibility.md#the-value-table), built fresh per hook so one hook's oauth
// answer or message never leaks into another.
import type { CompiledHook, RenderContext } from '../compiled-module.js';
import type { Firing } from './firing.js';

export function baseContext(hook: CompiledHook, firing: Firing, topic: string, env: Record<string, string | undefined>): RenderContext {
  const ctx: RenderContext = {
    deviceIdentifier: '',
    apiSecret: '',
    topic,
    message: '',
    extra: firing.payload ?? {},
    state: firing.printer.state,
    job: firing.printer.job,
    progress: firing.printer.progress,
    currentZ: firing.printer.currentZ,
    offsets: firing.printer.offsets,
    meta: undefined,
    currentTime: Math.floor(firing.at / 1000),
    percentCompleteMilestone: firing.trigger === 'Progress' ? firing.milestone : 0,
    env,
  };
  ctx.deviceIdentifier = hook.deviceIdentifier(ctx);
  ctx.apiSecret = hook.apiSecret(ctx);
  return ctx;
}

export function topicOf(hook: CompiledHook, trigger: string): string {
  return hook.triggers.find((t) => t.event === trigger)?.topic ?? trigger;
}
