// The two triggers octohook synthesizes itself, which OctoPrint has no event for. They sit in
// their own map, `SynthesizedTriggerPayloads`, so that `OctoPrintEventPayloads` stays exactly
// what OctoPrint sends on the wire; `TriggerPayloads` is the union of both maps: every name a
// hook can listen to, with the type of its `@extra`. The schema tables list both maps under
// `events`, marking these two `synthesized`.

import type { OctoPrintEventPayloads } from './octoprint-events.js';

/**
 * What made octohook decide the printer needs a person. The OctoPrint-Webhooks plugin only
 * knew `"busy"`; the others catch the cases it missed.
 */
export type UserActionReason =
  | 'busy'
  | 'action'
  | 'prompt'
  | 'filamentChange';

/** The payload of octohook's `UserActionNeeded` trigger. */
export interface UserActionNeededPayload {
  /**
   * Why it fired: `"busy"` — the printer sent `echo:busy: paused for user` (Prusa/Marlin
   * waiting during M600 or an MMU error; seen in the terminal log); `"action"` — the firmware
   * sent a `//action:paused` or `//action:pause` command; `"prompt"` — the firmware opened a
   * host prompt (the `action_command_prompt` plugin message); `"filamentChange"` — OctoPrint
   * fired its FilamentChange event (M600, M701 or M702 queued).
   */
  reason: UserActionReason;
  /** For `"busy"` and `"action"`: the printer's line as received, e.g. `"echo:busy: paused for user"`. */
  line?: string;
  /** For `"prompt"`: the prompt's text, e.g. `"Nozzle Parked"`. */
  text?: string;
  /** For `"prompt"`: the buttons the prompt offers, e.g. `["Continue"]`. */
  choices?: string[];
}

/** The payload of octohook's `Progress every N%` trigger. */
export interface ProgressPayload {
  /**
   * The milestone reached, a whole percentage and a multiple of the hook's N (never 0 or 100).
   * The same value as `@percentCompleteMilestone`.
   */
  milestone: number;
  /** The print's completion when the milestone fired, percent 0..100 (`@progress.completion`). */
  completion: number;
}

/** The triggers octohook synthesizes, by trigger name, mapped to their `@extra` payload. */
export interface SynthesizedTriggerPayloads {
  /**
   * The printer waits for a person (filament change, a firmware pause or prompt, Prusa's
   * `paused for user`). Topic "User Action Needed". (The plugin's version re-fired about
   * every 2 s during one wait.)
   */
  UserActionNeeded: UserActionNeededPayload;
  /**
   * The print passed another N % (`Progress every 10%`). 0 % and 100 % never fire, skipped
   * milestones are caught up and a new print starts over. Topic "Print Progress".
   */
  Progress: ProgressPayload;
}

/** Every trigger name a hook can listen to, with the type of its `@extra`. */
export type TriggerPayloads = OctoPrintEventPayloads & SynthesizedTriggerPayloads;
