// UserActionNeeded: the printer waits for a person. The plugin watched only for Prusa's
// `echo:busy: paused for user` and re-fired every ~2 s because any other serial line reset
// it (issue #15: up to 285 calls per colour change). Here any of the signals starts an
// *episode*, which fires once; the episode ends when the print moves on (resumed, ended),
// the prompt closes, or the busy lines have stopped for a while.
import type { UserActionNeededPayload } from '../../schema/octohook-triggers.js';

/** Busy lines come about every 2 s while the printer waits; this much silence ends a wait. */
export const QUIET_END_MS = 30_000;

const BUSY = /echo:\s*busy:\s*paused for user/i;
const ACTION_PAUSED = /\/\/\s*action:\s*(paused|pause)\b/i;

/** Events after which a wait is over. */
const ENDS = new Set(['PrintResumed', 'PrintStarted', 'PrintDone', 'PrintFailed', 'PrintCancelled', 'Disconnected']);

export class UserActionDetector {
  private inEpisode = false;
  private lastSignal = 0;

  /** Terminal lines from `current.logs` ("Recv: echo:busy: paused for user"). */
  onLogLines(lines: readonly string[], now: number): UserActionNeededPayload | undefined {
    let found: UserActionNeededPayload | undefined;
    for (const raw of lines) {
      if (typeof raw !== 'string' || !raw.startsWith('Recv:')) continue;
      const line = raw.slice(5).trim();
      if (BUSY.test(line)) found ??= { reason: 'busy', line };
      else if (ACTION_PAUSED.test(line)) found ??= { reason: 'action', line };
    }
    if (!found) {
      // Quiet for long enough: the wait is over even without an event saying so.
      if (this.inEpisode && now - this.lastSignal > QUIET_END_MS && lines.length > 0) this.inEpisode = false;
      return undefined;
    }
    return this.signal(found, now);
  }

  /** OctoPrint events: FilamentChange starts a wait; resume and the ends of a print end one. */
  onEvent(type: string, now: number): UserActionNeededPayload | undefined {
    if (ENDS.has(type)) {
      this.inEpisode = false;
      return undefined;
    }
    if (type === 'FilamentChange') return this.signal({ reason: 'filamentChange' }, now);
    return undefined;
  }

  /** The action_command_prompt plugin's messages: a prompt shown, or closed. */
  onPrompt(data: unknown, now: number): UserActionNeededPayload | undefined {
    if (!data || typeof data !== 'object') return undefined;
    const d = data as { action?: unknown; text?: unknown; choices?: unknown };
    if (d.action === 'close') {
      this.inEpisode = false;
      return undefined;
    }
    if (d.action !== 'show') return undefined;
    const payload: UserActionNeededPayload = { reason: 'prompt' };
    if (typeof d.text === 'string') payload.text = d.text;
    if (Array.isArray(d.choices)) payload.choices = d.choices.filter((c): c is string => typeof c === 'string');
    return this.signal(payload, now);
  }

  private signal(payload: UserActionNeededPayload, now: number): UserActionNeededPayload | undefined {
    const quietTooLong = this.inEpisode && now - this.lastSignal > QUIET_END_MS;
    this.lastSignal = now;
    if (this.inEpisode && !quietTooLong) return undefined;
    this.inEpisode = true;
    return payload;
  }
}
