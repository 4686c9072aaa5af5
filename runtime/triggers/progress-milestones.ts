// `Progress every N%`, per hook. The plugin kept one global "last percent" that the first
// progress hook advanced, so a second hook with another interval never fired at its own
// steps (docs/plugin-compatibility.md#print-progress). Here every hook has its own interval and its own
// last-seen percent; skipped steps are caught up (5 → 37 fires 10, 20, 30); 0 and 100
// never fire; a new print starts over.

import type { CompiledModule } from '../compiled-module.js';
import { hearsPrinter } from '../dispatch/hears-printer.js';

/** The hooks with `Progress every N%` that hear `printer` (a hook's `from`; undefined: every hook), and their N. */
export function progressIntervals(module: CompiledModule, printer?: string): Array<{ name: string; every: number }> {
  return module.hooks.filter((h) => hearsPrinter(h, printer)).flatMap((h) => h.triggers.filter((t) => t.event === 'Progress').map((t) => ({ name: h.name, every: t.every ?? 10 })));
}

export interface Milestone {
  hook: string;
  milestone: number;
}

interface Track {
  every: number;
  /** The last whole percent seen, or -1 before the print's first progress. */
  last: number;
}

export class ProgressMilestones {
  private readonly tracks = new Map<string, Track>();
  /** False until we have seen this print from its start; then no catch-up is owed. */
  private primed = false;

  constructor(hooks: ReadonlyArray<{ name: string; every: number }>) {
    for (const h of hooks) this.tracks.set(h.name, { every: h.every, last: -1 });
  }

  /** A new print (PrintStarted, or a different file): every hook starts from 0 again. */
  reset(): void {
    for (const t of this.tracks.values()) t.last = -1;
    this.primed = true;
  }

  /**
   * Joined mid-print (daemon start, or a reconnect without history of this print): take the
   * current percent as seen, so a restart does not re-send every milestone already passed.
   */
  adopt(completion: number): void {
    const p = Math.floor(completion);
    for (const t of this.tracks.values()) t.last = p;
    this.primed = true;
  }

  get isPrimed(): boolean {
    return this.primed;
  }

  /** Feeds a completion (0..100, float); returns the milestones reached, in order. */
  update(completion: number | null | undefined): Milestone[] {
    if (typeof completion !== 'number' || !Number.isFinite(completion)) return [];
    const p = Math.max(0, Math.min(100, Math.floor(completion)));
    if (!this.primed) {
      this.adopt(p);
      return [];
    }
    const out: Milestone[] = [];
    for (const [hook, t] of this.tracks) {
      // Going backwards means another print started without us seeing PrintStarted.
      if (p < t.last) t.last = -1;
      for (let q = t.last + 1; q <= p; q++) {
        if (q !== 0 && q !== 100 && q % t.every === 0) out.push({ hook, milestone: q });
      }
      if (p > t.last) t.last = p;
    }
    return out.sort((a, b) => a.milestone - b.milestone);
  }
}
