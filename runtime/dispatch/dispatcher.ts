// Fans a firing out to the hooks that listen to it. Returns at once: each delivery runs on
// its hook's own queue, so event intake (the socket reader) never waits on a network call.
import type { CompiledHook } from '../compiled-module.js';
import { Cooldowns } from './cooldown.js';
import { deliverHook, type DeliveryDeps, type DeliveryOutcome } from './deliver-hook.js';
import type { Firing } from './firing.js';
import { HookQueues } from './hook-queues.js';

export interface DispatcherOptions extends DeliveryDeps {
  now: () => number;
  /** Called after each delivery (tests, the demo's live view). */
  onOutcome?: (hook: CompiledHook, firing: Firing, outcome: DeliveryOutcome) => void;
}

export class Dispatcher {
  private readonly queues = new HookQueues();
  private readonly cooldowns = new Cooldowns();

  constructor(private readonly options: DispatcherOptions) {}

  /** The enabled hooks that listen to a trigger. */
  hooksFor(trigger: string, onlyHook?: string): CompiledHook[] {
    return this.options.module.hooks.filter(
      (h) => h.enabled && (!onlyHook || h.name === onlyHook) && h.triggers.some((t) => t.event === trigger),
    );
  }

  fire(firing: Firing): number {
    let queued = 0;
    for (const hook of this.hooksFor(firing.trigger, firing.onlyHook)) {
      if (!this.cooldowns.allow(hook.name, firing.trigger, hook.cooldownMs, this.options.now())) {
        this.options.logger.info('cooldown: dropped a repeat inside the window', { hook: hook.name, trigger: firing.trigger });
        continue;
      }
      queued++;
      this.queues.enqueue(hook.name, async () => {
        const outcome = await deliverHook(hook, firing, this.options);
        this.options.onOutcome?.(hook, firing, outcome);
      });
    }
    return queued;
  }

  /** Deliveries queued or in flight. */
  get pending(): number {
    return this.queues.size;
  }

  idle(): Promise<void> {
    return this.queues.idle();
  }
}
