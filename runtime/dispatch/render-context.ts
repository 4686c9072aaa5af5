// The render context of one hook for one firing: the plugin's parameter table
// (docs/plugin-compatibility.md#the-value-table), built fresh per hook so one hook's oauth
// answer or message never leaks into another.
import type { CompiledHook, RenderContext } from '../compiled-module.js';
import { DEFAULT_PRINTER_NAME, type Firing, type PrinterView } from './firing.js';

/** `printer`: what the hook renders @state, @job… from (`printerFor`: after the event when it reads them). */
export function baseContext(hook: CompiledHook, firing: Firing, printer: PrinterView, topic: string, env: Record<string, string | undefined>): RenderContext {
  const ctx: RenderContext = {
    deviceIdentifier: '',
    apiSecret: '',
    topic,
    message: '',
    extra: firing.payload ?? {},
    state: printer.state,
    job: printer.job,
    progress: printer.progress,
    currentZ: printer.currentZ,
    offsets: printer.offsets,
    meta: undefined,
    currentTime: Math.floor(firing.at / 1000),
    percentCompleteMilestone: firing.trigger === 'Progress' ? firing.milestone : 0,
    env,
    // Before the hook's device renders: a printer block's `device` is its @deviceIdentifier.
    printer: firing.origin?.printer ?? { name: DEFAULT_PRINTER_NAME, url: '', device: null },
  };
  ctx.deviceIdentifier = hook.deviceIdentifier(ctx);
  ctx.apiSecret = hook.apiSecret(ctx);
  return ctx;
}

export function topicOf(hook: CompiledHook, trigger: string): string {
  return hook.triggers.find((t) => t.event === trigger)?.topic ?? trigger;
}
