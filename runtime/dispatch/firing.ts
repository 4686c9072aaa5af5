// One trigger firing: what happened, when, and the printer as it was at that moment. Hooks
// render from this, not from whatever the printer looks like by the time their turn comes
// (the plugin's bug (c): milestones fired together all read the latest value).
import type { SharedJson } from '../http/shared-json.js';
import type { SnapshotCache } from '../snapshot/snapshot-cache.js';

export interface PrinterView {
  state: unknown;
  job: unknown;
  progress: unknown;
  currentZ: unknown;
  offsets: unknown;
  /** The JSON text of its objects, made once for every hook and firing that embeds them. */
  json?: SharedJson;
}

export interface Firing {
  /** Unique per firing; deliveries derive their ids from it. */
  id: string;
  /** The trigger's event name: `PrintDone`, `Progress`, `UserActionNeeded`, any wire name. */
  trigger: string;
  /** The event's payload, `@extra` (`{}` when the event had none, as the plugin did). */
  payload: unknown;
  /** For Progress: the milestone of the hook named in `onlyHook`. */
  milestone: number;
  /** Progress milestones are per hook: only this hook gets the firing. */
  onlyHook?: string;
  /** Epoch ms. */
  at: number;
  /** The printer as the latest `current` showed it when the firing was made. */
  printer: PrinterView;
  /**
   * Firings made at an event: the printer after the event, for the roots a hook reads
   * (runtime/printer-after-event.ts). Absent for firings made from a `current`: their
   * `printer` already is the printer after it.
   */
  after?: PrinterAfter;
  /** Shared by this firing's hooks: one fetch per snapshot source. */
  snapshots: SnapshotCache;
  /** The file's metadata (`@meta`), fetched at most once per firing and only when a hook asks. */
  meta: () => Promise<unknown>;
  /** The JSON text of the payload and @meta, made once for every hook of the firing. */
  json?: SharedJson;
  /** The printer the firing came from; the daemon always sets it (absent: the one printer `octoprint`). */
  origin?: FiringOrigin;
}

/** `@printer`: the printer's name, its address without credentials, its block's `device` (else null). */
export interface PrinterIdentity {
  name: string;
  url: string;
  device: unknown;
}

/** Where a firing came from: who the printer is, and its OctoPrint for the webcam settings. */
export interface FiringOrigin {
  printer: PrinterIdentity;
  /** The OctoPrint address (may hold credentials: never logged), for relative snapshot URLs; null where none is asked (`octohookc test`). */
  octoprintUrl: string | null;
  /** OctoPrint's settings answer, for its webcam. */
  settings: () => Promise<unknown>;
}

/** The printer a daemon without `printer` blocks watches. */
export const DEFAULT_PRINTER_NAME = 'octoprint';

/** What the intake knows of a firing it makes; the daemon adds the id, the snapshot cache and @meta. */
export type FiringCore = Pick<Firing, 'trigger' | 'payload' | 'milestone' | 'onlyHook' | 'at' | 'printer' | 'after'>;

/** The printer after an event, asked for only by the hooks that read it. */
export interface PrinterAfter {
  /** The view for a hook whose templates read `roots`; null when none of them is a printer root OctoPrint must be asked for. */
  view(roots: readonly string[]): Promise<PrinterView> | null;
}

/** What a hook reading `roots` renders from: the printer after the event when it reads printer data, else the firing's own. */
export function printerFor(firing: Firing, roots: readonly string[]): PrinterView | Promise<PrinterView> {
  return firing.after?.view(roots) ?? firing.printer;
}

/** Memoizes an async loader so concurrent callers share one call. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
}
