// OctoPrint's printer data as pushed in the `current` and `history` socket messages, and as
// exposed to hooks through `@state`, `@job`, `@progress`, `@currentZ` and `@offsets`.
//
// Source: OctoPrint 1.11.x `StateMonitor.get_current_data()` (printer/standard.py) plus the
// additions of server/util/sockjs.py, checked against recorded traffic from OctoPrint 1.10.3
// (fixtures/octoprint-captures). Fields that OctoPrint 2.0 adds or drops are optional here,
// so one set of types accepts both.
//
// Types only: the runtime imports these as types, and scripts/gen-schema-tables.mjs reads them
// with the TypeScript compiler API into the checker's tables. Every JSDoc comment below ends up
// in hovers and completions, so write it for a hook author.

/**
 * The eleven printer state flags. Several can be true at once: while printing, `operational`
 * and `printing`; while finishing, `printing` and `finishing`; after a firmware error,
 * `closedOrError` and `error`.
 */
export interface PrinterStateFlags {
  /** The printer is connected and able to take commands (true while printing or paused too). */
  operational: boolean;
  /** A print is running (also true while it is finishing). */
  printing: boolean;
  /** A cancel was requested and OctoPrint is stopping the print. */
  cancelling: boolean;
  /** A pause was requested and OctoPrint is waiting for the printer to stop. */
  pausing: boolean;
  /** A resume was requested and OctoPrint is restarting the print. */
  resuming: boolean;
  /** The last line was sent and OctoPrint waits for the printer to finish the print. */
  finishing: boolean;
  /** The connection is closed, or closed because of an error. */
  closedOrError: boolean;
  /** The printer is in an error state (firmware error, lost connection…); see `state.error`. */
  error: boolean;
  /** The print is paused. */
  paused: boolean;
  /** Operational and idle: a print could be started. */
  ready: boolean;
  /** The printer's SD card is initialised and ready. */
  sdReady: boolean;
}

/** The printer's state: its readable text, the error message if any, and the state flags. */
export interface PrinterState {
  /**
   * The state as text: "Offline", "Opening serial connection", "Detecting serial connection",
   * "Connecting", "Operational", "Starting", "Printing", "Printing from SD", "Sending file to SD",
   * "Cancelling", "Pausing", "Paused", "Resuming", "Finishing", "Error", "Offline after error",
   * "Transferring file to SD".
   */
  text: string;
  /** The last error message (for example a firmware `Error:` line); `""` when there is none. */
  error: string;
  /** The state flags. */
  flags: PrinterStateFlags;
}

/**
 * Where a file lives: `"local"` (OctoPrint's upload folder) or `"sdcard"` (the printer's SD
 * card). OctoPrint 2.0 calls the printer's storage `"printer"` instead of `"sdcard"`.
 */
export type FileOrigin = 'local' | 'sdcard' | 'printer';

/**
 * The selected file of the current job. Every field is null when no file is selected
 * (after a deselect, a disconnect or a firmware error).
 */
export interface JobFile {
  /** The file name, e.g. `"cube.gcode"`; null when no file is selected. */
  name: string | null;
  /** The path inside its storage, e.g. `"tests/cube.gcode"`; null when no file is selected. */
  path: string | null;
  /**
   * The display name (may differ from `name` for files uploaded with special characters);
   * null when no file is selected. Absent until a file has been selected once since startup.
   */
  display?: string | null;
  /** The storage the file lives in; null when no file is selected. */
  origin: FileOrigin | null;
  /** The file size in bytes; null when no file is selected or the size is unknown (SD files). @unit bytes */
  size: number | null;
  /** The file's modification time, whole seconds since the Unix epoch; null when unknown. */
  date: number | null;
  /** OctoPrint 2.0 only: upload state of the file to the printer. Shape not verified. */
  upload?: unknown;
}

/** Filament use of one tool (extruder) as estimated by the G-code analysis. */
export interface FilamentUsage {
  /** Filament length in millimetres. */
  length: number;
  /** Filament volume in cubic centimetres (0 when the analysis knows no filament diameter). */
  volume: number;
}

/** Filament use per tool, keyed by the tool's name: `tool0`, `tool1`, … */
export type FilamentByTool = Record<string, FilamentUsage>;

/**
 * What `job.filament` holds when OctoPrint has no analysis for the job: both fields null.
 * Seen before any file has been selected since startup.
 */
export interface NoFilamentData {
  /** Always null here. */
  length: null;
  /** Always null here. */
  volume: null;
}

/** The current print job: the selected file and OctoPrint's time and filament estimates. */
export interface JobInfo {
  /** The selected file (all fields null when none is selected). */
  file: JobFile;
  /** The analysis' estimate of the total print time in seconds; null when unknown. @unit seconds */
  estimatedPrintTime: number | null;
  /**
   * The average duration of earlier successful prints of this file with this printer profile,
   * in seconds; null when the file was never printed. Absent until a file has been selected
   * once since startup; dropped in OctoPrint 2.0.
   * @unit seconds
   */
  averagePrintTime?: number | null;
  /**
   * The duration of the last successful print of this file with this printer profile, in
   * seconds; null when the file was never printed. Dropped in OctoPrint 2.0.
   * @unit seconds
   */
  lastPrintTime?: number | null;
  /**
   * Estimated filament use per tool (`@job.filament.tool0.length`, in mm). It is
   * `{length: null, volume: null}` before any file has been selected since startup, and null
   * after a deselect or a disconnect.
   */
  filament: FilamentByTool | NoFilamentData | null;
  /** The user who selected or started the job; null when unknown or no job is selected. */
  user: string | null;
  /** OctoPrint 2.0 only: the build plate of the job. Shape not verified. */
  plate?: unknown;
}

/** How `progress.printTimeLeft` was estimated, from the least to the most reliable sources. */
export type PrintTimeLeftOrigin =
  | 'linear'
  | 'analysis'
  | 'estimate'
  | 'average'
  | 'mixed-analysis'
  | 'mixed-average';

/** Progress of the current print. Every field is null when no print is running or selected. */
export interface JobProgress {
  /**
   * Percent done, 0..100, measured by file position (bytes sent / file size): a float while
   * printing, exactly 100 when done; null when no print is active.
   */
  completion: number | null;
  /** The byte position in the file that was sent last; null when no print is active. @unit bytes */
  filepos: number | null;
  /** Seconds spent printing so far (whole seconds); null when no print is active. @unit seconds */
  printTime: number | null;
  /**
   * OctoPrint's estimate of the seconds left (whole seconds); null when no print is active or
   * no estimate exists yet (early in a print).
   * @unit seconds
   */
  printTimeLeft: number | null;
  /** How `printTimeLeft` was estimated; null when there is no estimate. */
  printTimeLeftOrigin: PrintTimeLeftOrigin | null;
}

/**
 * Temperature offsets per heater, in °C, keyed by `tool0`, `tool1`, …, `bed`, `chamber`:
 * `{}` when none are set, e.g. `{"tool0": 0, "bed": 5}`.
 */
export type ToolOffsets = Record<string, number>;

/** Communication statistics: how many lines the printer asked to be resent. */
export interface ResendStats {
  /** Resend requests since the connection was opened. */
  count: number;
  /** Lines transmitted since the connection was opened. */
  transmitted?: number;
  /** Resends as a whole percentage of transmitted lines (0..100). */
  ratio: number;
}

/** OctoPrint 2.0's replacement for `resends`. Shape from the 2.0 source; not verified live. */
export interface ConnectionHealth {
  /** Resend requests since the connection was opened. */
  count: number;
  /** Lines transmitted since the connection was opened. */
  transmitted: number;
  /** Resends as a whole percentage of transmitted lines (0..100). */
  ratio: number;
  /** Whether the resend ratio is high enough to endanger prints. */
  critical: boolean;
}

/** One heater's temperature reading, in °C. */
export interface HeaterTemperature {
  /** The measured temperature in °C; null when the heater reports none. */
  actual: number | null;
  /** The target temperature in °C (0 when off); null when unknown. */
  target: number | null;
}

/**
 * One temperature sample: `time` plus one entry per heater (`tool0`, `tool1`, …, `bed`,
 * `chamber`, custom heaters). A sample taken while disconnected may hold only `time`.
 */
export type TemperatureSample = {
  /** When the sample was taken, whole seconds since the Unix epoch. */
  time: number;
} & Record<string, HeaterTemperature>;

/** A file that is in use (being printed or streamed), so it cannot be changed. */
export interface BusyFile {
  /** The file's storage, e.g. `"local"` or `"sdcard"`. */
  origin: string;
  /** The file's path inside its storage. */
  path: string;
}

/** A mark on the temperature chart (print started, paused, done…). */
export interface ChartMarking {
  /**
   * What happened: `"print"`, `"done"`, `"cancel"`, `"pause"`, `"resume"`, `"connected"`,
   * `"disconnected"`, or a plugin's own type.
   */
  type: string;
  /** The text shown on the chart, e.g. `"Start"`; null when there is none. */
  label: string | null;
  /** When it happened, seconds since the Unix epoch (with fractions). */
  time: number;
}

/** The fields shared by the `current` and `history` messages. */
export interface PrinterDataBase {
  /** The printer's state. */
  state: PrinterState;
  /** The current job. */
  job: JobInfo;
  /** Progress of the current print. */
  progress: JobProgress;
  /** The Z height of the nozzle in mm after the last Z move OctoPrint sent; null when unknown. */
  currentZ: number | null;
  /** Temperature offsets per heater in °C; `{}` when none are set. */
  offsets: ToolOffsets;
  /** Resend statistics (OctoPrint 1.x; OctoPrint 2.0 sends `health` instead). */
  resends?: ResendStats;
  /** OctoPrint 2.0 only: connection health, replacing `resends`. */
  health?: ConnectionHealth;
  /** OctoPrint 2.0 only: the number of the active tool; null when unknown. */
  currentTool?: number | null;
  /** The server's clock when the message was built, seconds since the Unix epoch (with fractions). */
  serverTime: number;
  /**
   * Temperature samples since the last message (`current`) or for the last 30 minutes
   * (`history`); often empty.
   */
  temps: TemperatureSample[];
  /** Chart markings of the last 30 minutes, the whole list every time. Since OctoPrint 1.8.0. */
  markings: ChartMarking[];
  /**
   * Terminal lines since the last message (`"Send: …"`, `"Recv: …"`); `history` holds the last
   * 300. Only sent to users with the MONITOR_TERMINAL permission.
   */
  logs?: string[];
  /** Lines received from the printer since the last message; only with MONITOR_TERMINAL. */
  messages?: string[];
  /** Extra state from plugins (`additional_state_data` hook), keyed by plugin id. No bundled plugin uses it. */
  plugins?: Record<string, unknown>;
}

/**
 * The payload of the `current` message: a snapshot of the printer, sent about twice a second
 * while printing and on every temperature report when idle.
 */
export interface CurrentData extends PrinterDataBase {
  /** Files in use right now (the file being printed). */
  busyFiles: BusyFile[];
}

/**
 * The payload of the `history` message, sent once after the socket is authenticated: like
 * `current` without `busyFiles`, with the last 30 minutes of temperatures and the last 300
 * log lines and messages.
 */
export interface HistoryData extends PrinterDataBase {}
