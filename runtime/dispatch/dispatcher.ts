// Fans a firing out to the hooks that listen to it. `fire` returns at once: the socket
// reader never waits for the disk or the network.
//
// Per hook, two stages:
//  1. Preparing starts right away, at firing time (render, @meta, OAuth token, snapshot), so
//     a hook whose earlier webhook is stuck in retries still renders and photographs *this*
//     moment, not the one when its turn comes.
//  2. A per-hook chain (./hook-queues.ts) then takes the prepared requests in event order and
//     hands them to the delivery engine, which records each in the outbox and sends them in
//     that order, retrying as the hook's policy says (runtime/delivery/).
// One hook's backlog never holds up another's: chains and lanes are per hook. The chains are
// per hook and printer, so a printer whose REST answers are slow (its firings wait for the
// printer after the event) never holds up another printer's firings of the same hook.
import type { CompiledHook } from '../compiled-module.js';
import type { DeliveryEngine } from '../delivery/delivery-engine.js';
import { Cooldowns } from './cooldown.js';
import type { DeliveryOutcome } from '../delivery/sender.js';
import { reasonOf } from '../errors.js';
import { childLog } from '../log/logger.js';
import { prepareHookRequest, type PrepareDeps } from './prepare-hook-request.js';
import type { Firing } from './firing.js';
import { hearsPrinter } from './hears-printer.js';
import { HookQueues } from './hook-queues.js';
import { quietReason } from './quiet-hours.js';

export interface DispatcherOptions extends PrepareDeps {
  now: () => number;
  engine: DeliveryEngine;
  /** Log lines name the printer: a file with `printer` blocks. */
  namePrinters?: boolean;
  /** Called when a firing ends for a hook before it became a delivery (skipped, or could not be rendered). */
  onOutcome?: (hook: CompiledHook, firing: Firing, outcome: DeliveryOutcome) => void;
  /** Called when quiet hours or a `when` condition keep a firing from a hook (never journaled). */
  onSuppressed?: (hook: CompiledHook, firing: Firing, reason: string) => void;
}

/**
 * The enabled hooks that listen to `trigger` (only `onlyHook`, for a per-hook Progress
 * milestone) from `printer` (a hook's `from` names the printers it hears; absent: all).
 */
export function hooksListening(hooks: readonly CompiledHook[], trigger: string, onlyHook?: string, printer?: string): CompiledHook[] {
  return hooks.filter((h) => h.enabled && (!onlyHook || h.name === onlyHook) && hearsPrinter(h, printer) && h.triggers.some((t) => t.event === trigger));
}

export class Dispatcher {
  private readonly queues = new HookQueues();
  private readonly cooldowns = new Cooldowns();

  constructor(private readonly options: DispatcherOptions) {}

  /** The enabled hooks that listen to a trigger. */
  hooksFor(trigger: string, onlyHook?: string, printer?: string): CompiledHook[] {
    return hooksListening(this.options.module.hooks, trigger, onlyHook, printer);
  }

  fire(firing: Firing): number {
    const { engine, logger } = this.options;
    let queued = 0;
    const printer = firing.origin?.printer.name;
    const hooks = this.hooksFor(firing.trigger, firing.onlyHook, printer);
    // Several requests will embed the payload (and the printer): encode it once for all.
    if (hooks.length > 1 && firing.json) firing.json.reuse = true;
    for (const hook of hooks) {
      const log = childLog(logger, { hook: hook.name, trigger: firing.trigger, ...this.printerField(firing) });
      const disabled = engine.disabledReason(hook.name);
      if (disabled) {
        log.warn('skipped: the hook is disabled until restart', { reason: disabled });
        continue;
      }
      const quiet = quietReason(hook, firing.trigger, firing.at, this.options.module.timezone);
      if (quiet !== null) {
        log.info('suppressed: quiet hours', { reason: quiet });
        this.options.onSuppressed?.(hook, firing, quiet);
        continue;
      }
      // A farm's printers each have their own chain and cooldown: mk3's PrintDone is no repeat of mini's.
      const perPrinter = printer === undefined ? hook.name : `${hook.name}\u0000${printer}`;
      const now = this.options.now();
      if (!this.cooldowns.allow(perPrinter, firing.trigger, hook.cooldownMs, now)) {
        log.info('cooldown: dropped a repeat inside the window');
        continue;
      }
      queued++;
      // Started now, awaited in order below.
      const prepared = prepareHookRequest(hook, firing, this.options, log);
      this.queues.enqueue(perPrinter, async () => {
        const p = await prepared;
        if (!p.ok && p.suppressed) {
          log.info('suppressed: condition not met', { reason: p.reason });
          this.cooldowns.release(perPrinter, firing.trigger, now);
          this.options.onSuppressed?.(hook, firing, p.reason);
          return;
        }
        if (!p.ok) {
          log.error(p.skipped ? 'skipped' : 'not sent', { reason: p.reason });
          this.options.onOutcome?.(hook, firing, p.skipped ? { kind: 'skipped', reason: p.reason } : { kind: 'failed', reason: p.reason });
          return;
        }
        const disabledNow = engine.disabledReason(hook.name);
        if (disabledNow) {
          log.warn('skipped: the hook is disabled until restart', { reason: disabledNow });
          this.options.onOutcome?.(hook, firing, { kind: 'skipped', reason: disabledNow });
          return;
        }
        engine.accept(hook, firing, p.request);
      }, (error) => {
        // A bug, or the outbox refusing the record: this firing is lost for this hook, and says so.
        const reason = `not recorded: ${reasonOf(error)}`;
        log.error('not sent', { reason });
        this.options.onOutcome?.(hook, firing, { kind: 'failed', reason });
      });
    }
    return queued;
  }

  /** `printer=NAME` on log lines, in a file with `printer` blocks. */
  private printerField(firing: Firing): { printer?: string } {
    return this.options.namePrinters && firing.origin ? { printer: firing.origin.printer.name } : {};
  }

  /** Firings being prepared, plus deliveries pending in the engine. */
  get pending(): number {
    return this.queues.size + this.options.engine.pending;
  }

  /** Firings still being prepared (not yet in the outbox). */
  get preparing(): number {
    return this.queues.size;
  }

  /** Resolves when every firing so far has been prepared and recorded. */
  recorded(): Promise<void> {
    return this.queues.idle();
  }

  /** Resolves when every firing so far has ended: delivered, dead-lettered or skipped. */
  async idle(): Promise<void> {
    while (this.pending > 0) {
      await this.queues.idle();
      await this.options.engine.idle();
    }
  }
}
