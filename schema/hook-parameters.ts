// The parameter roots a hook's templates can name (`@job.file.name`, `@{progress.printTimeLeft
// | duration}`…). The runtime fills one HookParameters per event and hook; the checker reads
// this declaration (through the generated tables) to prove every `@path` exists. `@env.NAME`
// and the oauth block names are roots too, but the checker handles those itself.
//
// Compatibility: the names and values follow the OctoPrint-Webhooks plugin (3.0.3) so hooks
// written for it keep working; where octohook differs, the field's comment says so.

import type { JobInfo, JobProgress, PrinterState, ToolOffsets } from './octoprint-current.js';
import type { GcodeAnalysis, PrintTimeStatistics } from './octoprint-rest.js';

/** One print of a file, as recorded in its metadata. */
export interface PrintHistoryEntry {
  /** When the print ended, seconds since the Unix epoch (with fractions). */
  timestamp: number;
  /** Whether it succeeded. */
  success: boolean;
  /** The printer profile it was printed with, e.g. `"_default"`. */
  printerProfile: string;
  /** How long it took, in seconds. @unit seconds */
  printTime?: number;
}

/**
 * The metadata OctoPrint's file manager stores for the selected file (`.metadata.json`): the
 * content hash, the G-code analysis, the print history and the print time statistics. Each
 * part is absent until OctoPrint has produced it (a new file has no history or statistics).
 */
export interface FileMetadata {
  /** SHA-1 of the file's content, 40 hex digits. */
  hash?: string;
  /** The G-code analysis: estimated print time, filament per tool, extents. */
  analysis?: GcodeAnalysis;
  /** Every recorded print of the file, oldest first. */
  history?: PrintHistoryEntry[];
  /**
   * Print time statistics per printer profile id, in seconds, e.g.
   * `@meta.statistics.lastPrintTime._default`.
   */
  statistics?: PrintTimeStatistics;
}

/** The OctoPrint instance an event came from (`@printer`): one `printer` block of the file. */
export interface PrinterInfo {
  /**
   * The printer block's name (`mk3`). A file without `printer` blocks has one printer, named
   * `octoprint`.
   */
  name: string;
  /** The printer's OctoPrint address, without credentials (no user name or password in it). */
  url: string;
  /** The printer block's `device` text; null when the block has none. */
  device: string | null;
}

/** The values a hook's `@path` parameters can name, one field per root. */
export interface HookParameters {
  /**
   * The printer's name: the hook's `device`, else the event's printer block's `device`, else
   * the file's `device`. Plugin: the hook's "Device Identifier" setting.
   */
  deviceIdentifier: string;
  /**
   * The shared secret: the hook's `secret`, else the file's `secret` (usually `@env.…`, read
   * at run time and never compiled in). Plugin: the hook's "API Secret" setting.
   */
  apiSecret: string;
  /**
   * The trigger as text: "Print Started", "Print Done", "Print Failed", "Print Paused",
   * "User Action Needed", "Error" and "Print Progress" for the plugin's seven triggers (its
   * exact texts), a readable form of the event name for any other event.
   */
  topic: string;
  /**
   * The hook's message for this trigger (from `messages { }`; defaults are the plugin's
   * texts), with its own `@params` already filled in.
   */
  message: string;
  /**
   * The payload of the event that fired the hook: its type depends on the trigger (the checker
   * checks `@extra.…` against each trigger's payload). Events without a payload give `{}`, as
   * in the plugin. Unlike the plugin, no test-only keys (`popup`, `hook_index`) leak in.
   */
  extra: unknown;
  /** The printer's state when the event fired: text, error and flags. */
  state: PrinterState;
  /**
   * The current job: the selected file, time estimates, filament and user. Its fields are
   * null when no file is selected.
   */
  job: JobInfo;
  /**
   * Progress of the current print: completion in percent, seconds printed and left. Fields
   * are null when no print is active. (The plugin's README calls one field
   * `printTimeOrigin`; the real name is `printTimeLeftOrigin`.)
   */
  progress: JobProgress;
  /** The Z height in mm after the last Z move OctoPrint sent; null when unknown. */
  currentZ: number | null;
  /** Temperature offsets per heater in °C, e.g. `@offsets.tool0`; `{}` when none are set. */
  offsets: ToolOffsets;
  /**
   * The selected file's stored metadata (hash, analysis, print history, statistics). Absent
   * when no file is selected, for SD card files, or when OctoPrint has none; a path into it
   * then gives `""` unless `| default(…)` says otherwise. The runtime fetches it only for
   * hooks that use it.
   */
  meta?: FileMetadata;
  /** When the hook fired: whole seconds since the Unix epoch (the plugin's `int(time.time())`). */
  currentTime: number;
  /**
   * For `Progress every N%`: the milestone just reached, a whole percentage (10, 20, …).
   * 0 for every other trigger. Unlike the plugin, each hook gets its own milestones.
   */
  percentCompleteMilestone: number;
  /**
   * A webcam snapshot, only as a whole top-level value of `data` (`snap: @snapshot`): it is
   * sent as a JPEG file part named `snapshot.jpg` and makes the body multipart. When no image
   * can be taken the key is left out. It has no fields and no text form.
   */
  snapshot: unknown;
  /**
   * The printer the event came from: its `name`, `url` (without credentials) and `device`.
   * Not in the plugin, which serves one printer.
   */
  printer: PrinterInfo;
}
