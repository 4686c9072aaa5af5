// The printer as the last `current` (or `history`) message described it. Each message
// replaces the objects wholesale, so a firing can keep references to them: later messages
// never change what an earlier firing saw, and each object's JSON text is made once for
// every hook and firing that sends it (SharedJson).
import type { PrinterDataBase } from '../schema/octoprint-current.js';
import type { PrinterView } from './dispatch/firing.js';
import { SharedJson } from './http/shared-json.js';

const idle: PrinterView = {
  state: { text: 'Offline', flags: {}, error: '' },
  job: { file: { name: null, path: null, size: null, origin: null, date: null }, estimatedPrintTime: null, lastPrintTime: null, filament: { length: null, volume: null }, user: null },
  progress: { completion: null, filepos: null, printTime: null, printTimeLeft: null, printTimeLeftOrigin: null },
  currentZ: null,
  offsets: {},
};

export class PrinterState {
  private view: PrinterView = idle;

  update(data: Partial<PrinterDataBase> | null | undefined): void {
    if (!data || typeof data !== 'object') return;
    this.view = withSharedJson({
      state: data.state ?? this.view.state,
      job: data.job ?? this.view.job,
      progress: data.progress ?? this.view.progress,
      currentZ: data.currentZ !== undefined ? data.currentZ : this.view.currentZ,
      offsets: data.offsets ?? this.view.offsets,
    });
  }

  get current(): PrinterView {
    return this.view;
  }

  /** Whether OctoPrint says a print is running (or paused within one). */
  get printing(): boolean {
    const flags = (this.view.state as { flags?: Record<string, unknown> } | null)?.flags ?? {};
    return flags.printing === true || flags.paused === true || flags.pausing === true || flags.resuming === true;
  }

  get completion(): number | null {
    const c = (this.view.progress as { completion?: unknown } | null)?.completion;
    return typeof c === 'number' && Number.isFinite(c) ? c : null;
  }

  /** The selected file's identity, to notice a new print without a PrintStarted. */
  get fileKey(): string {
    const file = (this.view.job as { file?: { origin?: unknown; path?: unknown } } | null)?.file;
    return file ? `${String(file.origin)}:${String(file.path)}` : '';
  }
}

/** The view with its own SharedJson: its objects are never mutated, so their JSON text can be made once. */
export function withSharedJson(view: PrinterView): PrinterView {
  const { state, job, progress, currentZ, offsets } = view;
  return { state, job, progress, currentZ, offsets, json: new SharedJson([state, job, progress, offsets]) };
}
