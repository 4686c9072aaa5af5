// Scripted prints: phases (print-phases.ts) placed on a simulated time line. The named scripts
// reproduce the recorded runs (`done`, `pause`, `error`, `notify`) plus the cases that were not
// recorded but the daemon must handle (`cancel`, `filament-change`, `disconnect`). A script runs
// on the simulator's clock, so a manual clock or a speed factor makes a 40 s print take
// milliseconds.
import type { Clock, ClockTimer } from '../runtime/clock.js';
import { LAB_LONG_FILE, LAB_TEST_FILE } from './capture-templates.js';
import * as phase from './print-phases.js';
import type { PhaseContext, FilamentChangeOptions } from './print-phases.js';
import type { FileSpec } from './printer-model.js';

export interface ScriptStep {
  /** Simulated milliseconds from the start of the script. */
  at: number;
  label: string;
  run(ctx: PhaseContext): void;
}

export interface PrintScript {
  name: string;
  steps: ScriptStep[];
  /** Simulated duration of the whole script. */
  durationMs: number;
}

export interface ScriptOptions {
  file?: FileSpec;
  /** Simulated ms between progress updates (default 250). */
  progressStepMs?: number;
  /** Simulated ms between PrintStarted and Printing, while the state is still "Starting" with null progress (default 30). */
  startingMs?: number;
  /** `filament-change` only. */
  filamentChange?: FilamentChangeOptions & { atPercent?: number; waitMs?: number; busyIntervalMs?: number };
}

/** Builds a script step by step; `t` is the cursor on the simulated time line. */
export class ScriptBuilder {
  private t = 0;
  private percent = 0;
  private readonly steps: ScriptStep[] = [];

  constructor(
    readonly name: string,
    readonly file: FileSpec,
    private readonly options: ScriptOptions = {},
  ) {}

  /** Adds a step at the cursor. */
  step(label: string, run: (ctx: PhaseContext) => void): this {
    this.steps.push({ at: this.t, label, run });
    return this;
  }

  wait(ms: number): this {
    this.t += ms;
    return this;
  }

  preselect(): this {
    const file = this.file;
    return this.step('preselect', (ctx) => phase.preselect(ctx, file));
  }

  upload(): this {
    const file = this.file;
    return this.step('upload', (ctx) => phase.uploadFile(ctx, file)).wait(5);
  }

  start(): this {
    const name = this.file.name;
    this.percent = 0;
    return this.step('start', (ctx) => phase.startPrint(ctx, name))
      .wait(this.options.startingMs ?? 30)
      .step('printing', (ctx) => phase.beginPrinting(ctx));
  }

  /** Prints from the current percentage up to `percent`, in steps of `progressStepMs`. */
  printTo(percent: number): this {
    const stepMs = this.options.progressStepMs ?? 250;
    const span = ((percent - this.percent) / 100) * this.file.durationMs;
    const count = Math.max(1, Math.round(span / stepMs));
    const from = this.percent;
    for (let i = 1; i <= count; i++) {
      const target = from + ((percent - from) * i) / count;
      this.wait(span / count).step(`progress ${target.toFixed(1)}%`, (ctx) => phase.advanceTo(ctx, target));
    }
    this.percent = percent;
    return this;
  }

  pause(): this {
    return this.wait(10).step('pause', (ctx) => phase.pausePrint(ctx));
  }

  resume(): this {
    return this.step('resume', (ctx) => phase.resumePrint(ctx));
  }

  cancel(): this {
    return this.wait(10).step('cancel', (ctx) => phase.cancelPrint(ctx));
  }

  finish(): this {
    return this.wait(100).step('done', (ctx) => phase.finishPrint(ctx));
  }

  /**
   * A firmware error 50 ms on; with `atPercent`, the printer got that far first, in the same
   * step, so no `current` can show it (as recorded: the last `current` said 19.5 %, PrintFailed
   * said 0.202 of the file was printed).
   */
  firmwareError(atPercent?: number): this {
    return this.wait(50).step('firmware error', (ctx) => {
      if (atPercent !== undefined) phase.advanceTo(ctx, atPercent);
      phase.firmwareError(ctx);
    });
  }

  filamentChange(opts: FilamentChangeOptions & { waitMs?: number; busyIntervalMs?: number }): this {
    const waitMs = opts.waitMs ?? 6000;
    const interval = opts.busyIntervalMs ?? 2000;
    this.step('M600', (ctx) => phase.beginFilamentChange(ctx, opts));
    for (let at = interval; at < waitMs; at += interval) {
      this.wait(interval).step('busy: paused for user', (ctx) => phase.busyPausedForUser(ctx));
    }
    return this.wait(waitMs - Math.floor((waitMs - 1) / interval) * interval).step('filament changed', (ctx) => phase.endFilamentChange(ctx, opts));
  }

  disconnect(): this {
    return this.step('disconnect', (ctx) => phase.disconnectPrinter(ctx));
  }

  connect(): this {
    return this.step('connect', (ctx) => phase.connectPrinter(ctx));
  }

  build(): PrintScript {
    return { name: this.name, steps: [...this.steps], durationMs: this.t };
  }
}

export type ScriptName = 'done' | 'pause' | 'cancel' | 'error' | 'filament-change' | 'disconnect' | 'notify';
export const SCRIPT_NAMES: ScriptName[] = ['done', 'pause', 'cancel', 'error', 'filament-change', 'disconnect', 'notify'];

/** The named scripts. `done`, `pause`, `error` and `notify` follow the recorded runs. */
export function createScript(name: ScriptName, options: ScriptOptions = {}): PrintScript {
  const b = (file: FileSpec) => new ScriptBuilder(name, options.file ?? file, options);
  switch (name) {
    case 'done':
      return b(LAB_TEST_FILE).upload().start().printTo(100).finish().build();
    case 'pause':
      // Pause at 15 %, resume after 2.2 s, pause at 30 %, cancel 1.15 s later (as recorded).
      return b(LAB_LONG_FILE).upload().start().printTo(15).pause().wait(2200).resume().printTo(30).pause().wait(1150).cancel().build();
    case 'cancel':
      return b(LAB_LONG_FILE).upload().start().printTo(30).cancel().build();
    case 'error':
      // In the recorded run the file was still selected from the run before, so the upload re-selects it.
      return b(LAB_LONG_FILE).preselect().upload().start().printTo(19.5).firmwareError(20.2).build();
    case 'filament-change': {
      const fc = options.filamentChange ?? {};
      return b(LAB_TEST_FILE).upload().start().printTo(fc.atPercent ?? 40).filamentChange(fc).printTo(100).finish().build();
    }
    case 'disconnect':
      return b(LAB_LONG_FILE).upload().start().printTo(25).wait(100).disconnect().wait(1000).connect().build();
    case 'notify':
      return new ScriptBuilder(name, options.file ?? LAB_TEST_FILE, options).step('paused for user', (ctx) => phase.notifyPausedForUser(ctx)).build();
  }
}

export interface ScriptRun {
  readonly script: PrintScript;
  /** Resolves after the last step ran, or when the run is stopped. */
  readonly done: Promise<void>;
  /** Labels of the steps run so far. */
  readonly ran: string[];
  stop(): void;
}

/**
 * Runs a script on `clock`. Each step is scheduled only after the previous one ran, so steps
 * at the same instant keep their order under any clock.
 */
export function runScript(script: PrintScript, clock: Clock, ctx: PhaseContext, onError: (err: unknown) => void): ScriptRun {
  let index = 0;
  let timer: ClockTimer | undefined;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const ran: string[] = [];
  let stopped = false;
  const scheduleNext = (prevAt: number): void => {
    if (stopped) return;
    if (index >= script.steps.length) return finish();
    const step = script.steps[index];
    timer = clock.setTimeout(() => {
      index++;
      try {
        step.run(ctx);
        ran.push(step.label);
      } catch (err) {
        onError(err);
      }
      scheduleNext(step.at);
    }, step.at - prevAt);
  };
  scheduleNext(0);
  return {
    script,
    done,
    ran,
    stop: () => {
      stopped = true;
      clock.clearTimeout(timer);
      finish();
    },
  };
}
