// From push messages to trigger firings. Runs on the socket's message path, so it only
// updates state and hands firings to the dispatcher, which queues them; nothing here waits
// for the network or the disk.
//
// Every firing goes to the dispatcher the moment its message arrives. A firing made at an
// event carries the event's PrinterAfterEvent: the hooks that read @state, @job, @progress
// or @meta get the printer as OctoPrint's REST API describes it after the event (or, when
// that fails, as the next `current` does); the others render at once. Per hook, the
// dispatcher keeps the firings in this order whatever their REST answers take.
import type { CurrentData, HistoryData } from '../schema/octoprint-current.js';
import type { EventMessagePayload, PluginMessagePayload } from '../schema/octoprint-push.js';
import type { Clock, ClockTimer } from './clock.js';
import type { Dispatcher } from './dispatch/dispatcher.js';
import type { Firing, FiringCore, PrinterAfter, PrinterView } from './dispatch/firing.js';
import type { LogSink } from './log/logger.js';
import { PrinterAfterEvent, PrinterQueries, printerAfterEventPolicy, type PrinterRest } from './printer-after-event.js';
import type { PrinterState } from './printer-state.js';
import { ProgressMilestones } from './triggers/progress-milestones.js';
import { UserActionDetector } from './triggers/user-action-detector.js';

export interface IntakeDeps {
  dispatcher: Pick<Dispatcher, 'fire'>;
  printer: PrinterState;
  /** Hooks with `Progress every N%`, by name. */
  progressHooks: Array<{ name: string; every: number }>;
  /** Builds a firing (ids, the per-firing snapshot cache and @meta loader) carrying `extra`. */
  /** Completes a firing the intake made (ids, the per-firing snapshot cache and @meta loader). */
  newFiring: (core: FiringCore) => Firing;
  logger: LogSink;
  /** Time for the REST deadline, the hold timer and the user-action detector's quiet period. */
  clock: Clock;
  /** OctoPrint's REST API for the printer after an event; absent: the next `current` describes it. */
  rest?: PrinterRest;
}

export interface FiringExtra {
  milestone?: number;
  onlyHook?: string;
  /** Firings made at an event: the printer after it. */
  after?: PrinterAfter;
}

export class EventIntake {
  private readonly milestones: ProgressMilestones;
  private readonly userAction = new UserActionDetector();
  private lastFile = '';
  /** Events whose printer may still have to come from the next `current`. */
  private awaitingCurrent: Array<(view: PrinterView) => void> = [];
  private holdTimer: ClockTimer | undefined;
  private readonly clock: Clock;
  private readonly queries: PrinterQueries | undefined;

  constructor(private readonly deps: IntakeDeps) {
    this.milestones = new ProgressMilestones(deps.progressHooks);
    this.clock = deps.clock;
    this.queries = deps.rest ? new PrinterQueries(deps.rest) : undefined;
  }

  /**
   * Gives every event still waiting for a `current` the printer as last seen: a `current`
   * came (it is that one), the hold ran out, or the daemon stops.
   */
  flush(): void {
    this.clock.clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    const waiting = this.awaitingCurrent;
    if (waiting.length === 0) return;
    this.awaitingCurrent = [];
    const view = this.deps.printer.current;
    for (const resolve of waiting) resolve(view);
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
  }

  onEvent(event: EventMessagePayload): void {
    if (!event || typeof event.type !== 'string') return;
    const now = this.clock.now();
    if (event.type === 'PrintStarted') {
      this.milestones.reset();
      this.lastFile = this.deps.printer.fileKey;
    }
    const after = this.afterEvent();
    this.catchUpFrom(event, after);
    this.fire(event.type, event.payload ?? {}, { after });
    const found = this.userAction.onEvent(event.type, now);
    if (found) this.fire('UserActionNeeded', found, { after });
  }

  onPlugin(message: PluginMessagePayload): void {
    if (message?.plugin !== 'action_command_prompt') return;
    const found = this.userAction.onPrompt(message.data, this.clock.now());
    if (found) this.fire('UserActionNeeded', found, { after: this.afterEvent() });
  }

  /** The printer after the message just received, shared by every firing made from it. */
  private afterEvent(): PrinterAfter {
    const nextCurrent = new Promise<PrinterView>((resolve) => this.awaitingCurrent.push(resolve));
    this.holdTimer ??= this.clock.setTimeout(() => this.flush(), printerAfterEventPolicy.holdMs);
    const printer = this.deps.printer;
    return new PrinterAfterEvent({ queries: this.queries, clock: this.clock, nextCurrent, latest: () => printer.current, logger: this.deps.logger });
  }

  /**
   * `current` comes at most twice a second, so the last one before a pause, a cancel or a
   * firmware error can stop short of a milestone the print did reach (the plugin, inside
   * OctoPrint, saw every percent). These events carry the progress themselves: catch up
   * from it first, so "30 %" still goes out, and before "Print Paused" as the plugin's did.
   */
  private catchUpFrom(event: EventMessagePayload, after: PrinterAfter): void {
    if (event.type === 'PrintDone') {
      this.catchUpTo(100, after);
      return;
    }
    if (!['PrintPaused', 'PrintFailed', 'PrintCancelled'].includes(event.type)) return;
    const p = event.payload as { progress?: unknown; reason?: unknown } | null;
    if (!p || typeof p.progress !== 'number' || p.progress < 0) return;
    // PrintFailed after a firmware error reports a fraction 0..1; the others whole percent.
    this.catchUpTo(event.type === 'PrintFailed' && p.reason === 'error' ? p.progress * 100 : p.progress, after);
  }

  private catchUpTo(percent: number, after: PrinterAfter): void {
    for (const m of this.milestones.update(percent)) {
      this.fire('Progress', { milestone: m.milestone, completion: percent }, { milestone: m.milestone, onlyHook: m.hook, after });
    }
  }

  private fire(trigger: string, payload: unknown, extra?: FiringExtra): void {
    const core: FiringCore = {
      trigger,
      payload,
      milestone: extra?.milestone ?? 0,
      ...(extra?.onlyHook ? { onlyHook: extra.onlyHook } : {}),
      at: this.clock.now(),
      printer: this.deps.printer.current,
      ...(extra?.after ? { after: extra.after } : {}),
    };
    this.deps.dispatcher.fire(this.deps.newFiring(core));
  }
}
