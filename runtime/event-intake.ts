// From push messages to trigger firings. Runs on the socket's message path, so it only
// updates state and hands firings to the dispatcher, which queues them; nothing here waits
// for the network or the disk.
//
// OctoPrint pushes an event at once but the printer data (`current`) at most twice a
// second, so when PrintStarted arrives the last `current` still says "Operational" with no
// file. The plugin, inside OctoPrint, read the printer as it was after the event. To give
// hooks the same `@job` and `@state`, events wait for the next `current` (or HOLD_MS at
// most) and fire, in their order, with the printer as that message describes it.
import type { CurrentData, HistoryData } from '../schema/octoprint-current.js';
import type { EventMessagePayload, PluginMessagePayload } from '../schema/octoprint-push.js';
import type { Clock, ClockTimer } from './clock.js';
import type { Dispatcher } from './dispatch/dispatcher.js';
import type { Firing } from './dispatch/firing.js';
import type { LogSink } from './log/logger.js';
import type { PrinterState } from './printer-state.js';
import { ProgressMilestones } from './triggers/progress-milestones.js';
import { UserActionDetector } from './triggers/user-action-detector.js';

export interface IntakeDeps {
  dispatcher: Pick<Dispatcher, 'fire'>;
  printer: PrinterState;
  /** Hooks with `Progress every N%`, by name. */
  progressHooks: Array<{ name: string; every: number }>;
  /** Builds a firing (ids, the per-firing snapshot cache and @meta loader). */
  newFiring: (trigger: string, payload: unknown, extra?: { milestone?: number; onlyHook?: string }) => Firing;
  logger: LogSink;
  /** Time for the hold timer and the user-action detector's quiet period. */
  clock: Clock;
}

/** The longest an event waits for the `current` that shows its effect. */
export const HOLD_MS = 1000;

interface Held {
  trigger: string;
  payload: unknown;
  extra?: { milestone?: number; onlyHook?: string };
}

export class EventIntake {
  private readonly milestones: ProgressMilestones;
  private readonly userAction = new UserActionDetector();
  private lastFile = '';
  private held: Held[] = [];
  private holdTimer: ClockTimer | undefined;
  private readonly clock: Clock;

  constructor(private readonly deps: IntakeDeps) {
    this.milestones = new ProgressMilestones(deps.progressHooks);
    this.clock = deps.clock;
  }

  /** Events waiting for their `current`. */
  get holding(): number {
    return this.held.length;
  }

  /** Fires every held event now (the hold ran out, or the daemon stops). */
  flush(): void {
    this.clock.clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    const held = this.held;
    this.held = [];
    for (const h of held) this.deps.dispatcher.fire(this.deps.newFiring(h.trigger, h.payload, h.extra));
  }

  onHistory(data: HistoryData): void {
    this.deps.printer.update(data);
    this.flush();
    this.lastFile = this.deps.printer.fileKey;
    // Joined mid-print: what is already done is not news. Milestones from here on are.
    const c = this.deps.printer.completion;
    if (this.deps.printer.printing && c !== null && !this.milestones.isPrimed) this.milestones.adopt(c);
  }

  onCurrent(data: CurrentData): void {
    const printer = this.deps.printer;
    printer.update(data);
    this.flush();
    const now = this.clock.now();
    if (Array.isArray(data.logs) && data.logs.length > 0) {
      const found = this.userAction.onLogLines(data.logs, now);
      if (found) this.fire('UserActionNeeded', found);
    }
    if (printer.fileKey !== this.lastFile) {
      this.lastFile = printer.fileKey;
      if (printer.printing) this.milestones.reset();
    }
    if (printer.printing) {
      for (const m of this.milestones.update(printer.completion)) {
        this.fire('Progress', { milestone: m.milestone, completion: printer.completion }, { milestone: m.milestone, onlyHook: m.hook });
      }
    }
    this.flush();
  }

  onEvent(event: EventMessagePayload): void {
    if (!event || typeof event.type !== 'string') return;
    const now = this.clock.now();
    if (event.type === 'PrintStarted') {
      this.milestones.reset();
      this.lastFile = this.deps.printer.fileKey;
    }
    this.catchUpFrom(event);
    this.fire(event.type, event.payload ?? {});
    const found = this.userAction.onEvent(event.type, now);
    if (found) this.fire('UserActionNeeded', found);
  }

  onPlugin(message: PluginMessagePayload): void {
    if (message?.plugin !== 'action_command_prompt') return;
    const found = this.userAction.onPrompt(message.data, this.clock.now());
    if (found) this.fire('UserActionNeeded', found);
  }

  /**
   * `current` comes at most twice a second, so the last one before a pause, a cancel or a
   * firmware error can stop short of a milestone the print did reach (the plugin, inside
   * OctoPrint, saw every percent). These events carry the progress themselves: catch up
   * from it first, so "30 %" still goes out, and before "Print Paused" as the plugin's did.
   */
  private catchUpFrom(event: EventMessagePayload): void {
    if (event.type === 'PrintDone') {
      this.catchUpTo(100);
      return;
    }
    if (!['PrintPaused', 'PrintFailed', 'PrintCancelled'].includes(event.type)) return;
    const p = event.payload as { progress?: unknown; reason?: unknown } | null;
    if (!p || typeof p.progress !== 'number' || p.progress < 0) return;
    // PrintFailed after a firmware error reports a fraction 0..1; the others whole percent.
    this.catchUpTo(event.type === 'PrintFailed' && p.reason === 'error' ? p.progress * 100 : p.progress);
  }

  private catchUpTo(percent: number): void {
    for (const m of this.milestones.update(percent)) {
      this.fire('Progress', { milestone: m.milestone, completion: percent }, { milestone: m.milestone, onlyHook: m.hook });
    }
  }

  /** Queues a firing until the next `current`; firings made from a `current` go out with it. */
  private fire(trigger: string, payload: unknown, extra?: { milestone?: number; onlyHook?: string }): void {
    this.held.push({ trigger, payload, ...(extra ? { extra } : {}) });
    this.holdTimer ??= this.clock.setTimeout(() => this.flush(), HOLD_MS);
  }
}
