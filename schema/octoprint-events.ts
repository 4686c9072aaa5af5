// OctoPrint's events: one payload type per event, and the map `OctoPrintEventPayloads` from
// every wire name to its payload. A hook's `@extra` is the payload of the event that fired it.
//
// Sources: OctoPrint 1.11.x docs/events/index.rst and the fire sites (printer/standard.py,
// util/comm.py, filemanager/, server/api/files.py, timelapse.py, slicing/, bundled plugins),
// checked against recorded traffic from OctoPrint 1.10.3 (fixtures/octoprint-captures).
// Names are the WIRE names: the documented `Dwell` is sent as `Dwelling`; emergency stop is
// `EStop`. Fields marked "not in OctoPrint's docs" are sent by the code but undocumented.

import type { FileOrigin } from './octoprint-current.js';
import type { GcodeAnalysis } from './octoprint-rest.js';

/**
 * The payload every print-job event starts with (FileSelected, PrintStarted, PrintDone,
 * PrintFailed, PrintCancelling, PrintCancelled, PrintPaused, PrintResumed). OctoPrint does not
 * fire these events at all when no job is selected.
 */
export interface JobEventPayload {
  /** The file name, e.g. `"cube.gcode"`. */
  name: string;
  /** The path inside its storage, e.g. `"tests/cube.gcode"`. */
  path: string;
  /** The storage the file lives in. */
  origin: FileOrigin;
  /** The file size in bytes; null when unknown (FileSelected, and some SD files). @unit bytes */
  size: number | null;
  /** The user who started the job. Absent when OctoPrint does not know (e.g. started on the printer). */
  owner?: string;
  /** The user who did this action (started, paused, cancelled…). Absent when the printer or OctoPrint itself did it. */
  user?: string;
  /** OctoPrint 2.0 only: the printer connector that fired the event (e.g. `"serial"`). */
  connector?: string;
}

/** PrintDone: the job plus how long it took. */
export interface PrintDonePayload extends JobEventPayload {
  /** How long the print took, in seconds (with fractions). @unit seconds */
  time: number;
}

/**
 * The position of the print head, recorded when a print was paused or cancelled (M114), in mm
 * and mm/min. Each field is null when the printer did not report it. Printers with several
 * extruders add `e0`, `e1`, ….
 */
export type PrintHeadPosition = {
  /** X position in mm; null when unknown. */
  x: number | null;
  /** Y position in mm; null when unknown. */
  y: number | null;
  /** Z position in mm; null when unknown. */
  z: number | null;
  /** Extruder position in mm; null when unknown. */
  e: number | null;
  /** Feed rate in mm/min; null when unknown. */
  f: number | null;
  /** The active tool number; null when unknown. */
  t: number | null;
} & Record<string, number | null>;

/** PrintCancelling: the job, who cancelled it, and the firmware error that caused it if any. */
export interface PrintCancellingPayload extends JobEventPayload {
  /** The firmware error that made OctoPrint cancel the print, when that was the cause. */
  firmwareError?: string;
}

/** PrintCancelled: the job, how long it ran, and where it stopped. */
export interface PrintCancelledPayload extends JobEventPayload {
  /** How long the print ran before it was cancelled, in seconds; null when unknown. @unit seconds */
  time: number | null;
  /** The print head position when the print was cancelled (absent when it was not recorded). */
  position?: PrintHeadPosition;
  /** The byte position in the file when the print was cancelled. */
  fileposition?: number;
  /** How far the print got, as a WHOLE PERCENTAGE 0..100 (unlike PrintFailed with reason "error"). */
  progress?: number;
  /**
   * Always `"cancelled"` when present. Not part of PrintCancelled itself: OctoPrint fires
   * PrintFailed with the same payload object right after and adds `reason` to it, and a socket
   * that serialises PrintCancelled late sends that key too (seen in recorded 1.10.3 traffic).
   */
  reason?: 'cancelled';
}

/**
 * PrintFailed after a cancel (`reason: "cancelled"`): every PrintCancelled field, with
 * `progress` as a WHOLE PERCENTAGE 0..100.
 */
export interface PrintFailedCancelledPayload extends PrintCancelledPayload {
  /** Why the print failed: it was cancelled. */
  reason: 'cancelled';
}

/**
 * PrintFailed after an error (`reason: "error"`, e.g. a firmware error or a lost connection):
 * `progress` is a RAW FRACTION 0..1 here, or -1 when unknown.
 */
export interface PrintFailedErrorPayload extends JobEventPayload {
  /** Why the print failed: an error. */
  reason: 'error';
  /** How long the print ran, in seconds; null when unknown. @unit seconds */
  time: number | null;
  /** The error message (not in OctoPrint's docs). */
  error: string;
  /**
   * How far the print got, as a FRACTION 0..1 (e.g. 0.2 for 20 %), or -1 when unknown. Note
   * the different unit from PrintFailed with reason "cancelled", which sends a whole percentage.
   */
  progress: number;
}

/**
 * PrintFailed: the job failed, because it was cancelled (`reason: "cancelled"`, after
 * PrintCancelling and PrintCancelled) or because of an error (`reason: "error"`). The unit of
 * `progress` depends on `reason`: a whole percentage 0..100 for "cancelled", a raw fraction
 * 0..1 (or -1) for "error".
 */
export type PrintFailedPayload = PrintFailedCancelledPayload | PrintFailedErrorPayload;

/** PrintPaused: the job, who paused it, and where the head was. */
export interface PrintPausedPayload extends JobEventPayload {
  /**
   * The print head position when paused. Absent when the firmware paused the print itself
   * (`//action:paused`) or `serial.logPositionOnPause` is off.
   */
  position?: PrintHeadPosition;
  /** The byte position in the file when the print was paused. */
  fileposition?: number;
  /** How far the print got, as a whole percentage 0..100. */
  progress?: number;
}

/** A reading of the print head position (PositionUpdate), in mm and mm/min. */
export type PositionUpdatePayload = PrintHeadPosition & {
  /**
   * Why the position was read: `"pause"` or `"cancel"` when OctoPrint recorded it for a pause
   * or cancel; null or absent for other M114 answers (not in OctoPrint's docs).
   */
  reason?: 'pause' | 'cancel' | null;
};

/** ConnectivityChanged: OctoPrint's internet connectivity check changed its result. */
export interface ConnectivityChangedPayload {
  /** Whether OctoPrint was online before. */
  old: boolean;
  /** Whether OctoPrint is online now. */
  new: boolean;
  /** Whether the connection check succeeded; null when it is disabled (not in OctoPrint's docs). */
  connection?: boolean | null;
  /** Whether name resolution works; null when it is not checked (not in OctoPrint's docs). */
  resolution?: boolean | null;
}

/** A client's remote address (ClientOpened, ClientClosed). */
export interface RemoteAddressPayload {
  /** The client's IP address. Absent in ClientOpened for non-admin sockets (the payload is `{}`). */
  remoteAddress?: string;
}

/** ClientAuthed: a socket client authenticated. The payload is `{}` for non-admin sockets. */
export interface ClientAuthedPayload {
  /** The client's IP address (absent for non-admin sockets). */
  remoteAddress?: string;
  /** The user name the client authenticated as (absent for non-admin sockets). */
  username?: string;
}

/** UserLoggedIn / UserLoggedOut: only sent to sockets with the ADMIN permission. */
export interface UserLoginPayload {
  /** The user name. */
  username: string;
}

/** Connected: the printer connection is open. */
export interface ConnectedPayload {
  /** The serial port, e.g. `"/dev/ttyUSB0"` or `"VIRTUAL"`. */
  port: string;
  /** The baud rate, e.g. 115200. */
  baudrate: number;
  /** OctoPrint 2.0 only: the printer connector (`port`/`baudrate` are then only sent by the serial connector). */
  connector?: string;
}

/** ConnectionsAutorefreshed: the list of serial ports changed (not in OctoPrint's docs). */
export interface ConnectionsAutorefreshedPayload {
  /** The serial ports now available. */
  ports: string[];
}

/** The machine-readable printer state of PrinterStateChanged. */
export type PrinterStateId =
  | 'OFFLINE'
  | 'OPEN_SERIAL'
  | 'DETECT_SERIAL'
  | 'CONNECTING'
  | 'OPERATIONAL'
  | 'STARTING'
  | 'PRINTING'
  | 'PAUSED'
  | 'PAUSING'
  | 'RESUMING'
  | 'FINISHING'
  | 'CLOSED'
  | 'ERROR'
  | 'CLOSED_WITH_ERROR'
  | 'TRANSFERING_FILE'
  | 'CANCELLING'
  | 'UNKNOWN';

/** PrinterStateChanged: the printer's state changed. */
export interface PrinterStateChangedPayload {
  /** The new state, machine-readable (note OctoPrint's spelling `TRANSFERING_FILE`). */
  state_id: PrinterStateId;
  /** The new state as shown in the UI, e.g. `"Printing"` (the same text as `@state.text`). */
  state_string: string;
  /** OctoPrint 2.0 only: the printer connector. */
  connector?: string;
}

/** PrinterReset: the printer reset itself unexpectedly (not in OctoPrint's docs). */
export interface PrinterResetPayload {
  /** Whether the printer was idle when it reset (if not, a print was interrupted). */
  idle: boolean;
}

/** Why an Error event fired. */
export type ErrorReason =
  | 'firmware'
  | 'resend'
  | 'resend_loop'
  | 'timeout'
  | 'connection'
  | 'start_print'
  | 'autodetect'
  | 'crash';

/** Error: a communication or firmware error. */
export interface ErrorPayload {
  /** The error message, e.g. the firmware's `Error:` text. */
  error: string;
  /** What kind of error it was (`"crash"` is not in OctoPrint's docs). */
  reason: ErrorReason;
  /** What OctoPrint did about it: `"emergency"` (M112 sent), `"disconnect"` or `"cancel"` (the print). Absent when nothing. */
  consequence?: 'emergency' | 'disconnect' | 'cancel';
  /** For firmware errors: the last terminal lines before the error. */
  logs?: string[];
  /** For firmware errors: an id of OctoPrint's FAQ entry, e.g. `"firmware-mintemp"` (not a URL). */
  faq?: string;
  /** OctoPrint 2.0 only: the printer connector. */
  connector?: string;
}

/** FirmwareData: the printer's M115 answer (not in OctoPrint's docs). */
export interface FirmwareDataPayload {
  /** The firmware name (`FIRMWARE_NAME`); null when the printer did not say. */
  name: string | null;
  /** Every `KEY:value` field of the M115 answer. */
  data: Record<string, unknown>;
}

/** Upload: a file was uploaded through the API. */
export interface UploadPayload {
  /** The file name. */
  name: string;
  /** The path inside the target storage. */
  path: string;
  /** Where it was stored. */
  target: FileOrigin;
  /** Whether the upload asked for the file to be selected. */
  select: boolean;
  /** Whether the upload asked for the file to be printed. */
  print: boolean;
  /** Whether the file was really selected. */
  effective_select: boolean;
  /** Whether the file was really printed. */
  effective_print: boolean;
  /** The `userdata` field sent with the upload, parsed as JSON. */
  userdata?: unknown;
}

/** FileAdded: a file was added to a storage. */
export interface FileAddedPayload {
  /** The storage, e.g. `"local"`. */
  storage: string;
  /** The path inside the storage. */
  path: string;
  /** The file name. */
  name: string;
  /** The type path, e.g. `["machinecode", "gcode"]`. */
  type: string[];
  /** How it got there. */
  operation: 'add' | 'copy' | 'move';
}

/** FileRemoved: a file was removed from a storage. */
export interface FileRemovedPayload {
  /** The storage, e.g. `"local"`. */
  storage: string;
  /** The path inside the storage. */
  path: string;
  /** The file name. */
  name: string;
  /** The type path, e.g. `["machinecode", "gcode"]`. */
  type: string[];
  /** Why it went away. */
  operation: 'remove' | 'move';
}

/** FileMoved: a file was moved or renamed. */
export interface FileMovedPayload {
  /** The storage, e.g. `"local"`. */
  storage: string;
  /** The old path. */
  source_path: string;
  /** The old file name. */
  source_name: string;
  /** The old type path. */
  source_type: string[];
  /** The new path. */
  destination_path: string;
  /** The new file name. */
  destination_name: string;
  /** The new type path. */
  destination_type: string[];
}

/** FolderAdded / FolderRemoved. */
export interface FolderPayload {
  /** The storage, e.g. `"local"`. */
  storage: string;
  /** The folder's path inside the storage. */
  path: string;
  /** The folder name. */
  name: string;
}

/** FolderMoved: a folder was moved or renamed. */
export interface FolderMovedPayload {
  /** The storage, e.g. `"local"`. */
  storage: string;
  /** The old path. */
  source_path: string;
  /** The old folder name. */
  source_name: string;
  /** The new path. */
  destination_path: string;
  /** The new folder name. */
  destination_name: string;
}

/** UpdatedFiles: a file list changed, so clients should reload it. */
export interface UpdatedFilesPayload {
  /** Which list changed: `"printables"`. */
  type: 'printables';
}

/** MetadataAnalysisStarted: OctoPrint started analysing a file. */
export interface MetadataAnalysisStartedPayload {
  /** The file name. */
  name: string;
  /** The path inside its storage. */
  path: string;
  /** The storage, e.g. `"local"`. */
  origin: string;
  /** The file type, e.g. `"gcode"` (not in OctoPrint's docs). */
  type?: string;
}

/** MetadataAnalysisFinished: the analysis of a file is done. */
export interface MetadataAnalysisFinishedPayload {
  /** The file name. */
  name: string;
  /** The path inside its storage. */
  path: string;
  /** The storage, e.g. `"local"`. */
  origin: string;
  /** The analysis result (the `gcodeAnalysis` of the file API). */
  result: GcodeAnalysis;
}

/** MetadataStatisticsUpdated: a file's print statistics changed (after a print ended). */
export interface MetadataStatisticsUpdatedPayload {
  /** The storage, e.g. `"local"`. */
  storage: string;
  /** The path inside the storage. */
  path: string;
}

/** TransferStarted: a file started streaming to the printer's SD card. */
export interface TransferStartedPayload {
  /** The local file name. */
  local: string;
  /** The file name on the SD card. */
  remote: string;
}

/** TransferDone / TransferFailed: streaming to the SD card ended. */
export interface TransferEndedPayload {
  /** The local file name. */
  local: string;
  /** The file name on the SD card. */
  remote: string;
  /** How long the transfer took, in seconds. @unit seconds */
  time: number;
}

/** ChartMarked: a mark was put on the temperature chart. */
export interface ChartMarkedPayload {
  /** What happened: `"print"`, `"done"`, `"cancel"`, `"pause"`, `"resume"`, or a plugin's type. */
  type: string;
  /** The text shown on the chart, e.g. `"Start"`. */
  label?: string;
  /** When, seconds since the Unix epoch (absent: now). */
  time?: number;
}

/** ZChange: OctoPrint sent a move to a new Z height (queued, not necessarily executed yet). */
export interface ZChangePayload {
  /** The new Z height in mm. */
  new: number;
  /** The previous Z height in mm; null at the first move. */
  old: number | null;
}

/** ToolChange: the active tool (extruder) changed. */
export interface ToolChangePayload {
  /** The previous tool number; null when unknown. */
  old: number | null;
  /** The new tool number. */
  new: number;
}

/** CommandSuppressed: OctoPrint did not send a command (blocked or ignored by settings). */
export interface CommandSuppressedPayload {
  /** The command, e.g. `"M0"`. */
  command: string;
  /** Why it was suppressed. */
  message: string;
  /** How serious it is. */
  severity: 'warn' | 'info';
}

/** InvalidToolReported: the firmware reported a tool that does not exist. */
export interface InvalidToolReportedPayload {
  /** The invalid tool number. */
  tool: number;
  /** The tool OctoPrint switched to instead. */
  fallback: number;
}

/** CaptureStart / CaptureDone: a timelapse frame is being or was captured. */
export interface CapturePayload {
  /** The frame's full path on the OctoPrint host. */
  file: string;
}

/** CaptureFailed: a timelapse frame could not be captured. */
export interface CaptureFailedPayload {
  /** The frame's full path on the OctoPrint host. */
  file: string;
  /** What went wrong. */
  error: string;
  /** The webcam's display name (not in OctoPrint's docs; shape not verified). */
  webcamDisplay?: string;
  /** The webcam's snapshot display text (not in OctoPrint's docs; shape not verified). */
  snapshotDisplay?: string | null;
  /** The webcam provider plugin (not in OctoPrint's docs; shape not verified). */
  webcamProvider?: string;
}

/** PostRollStart: the timelapse post-roll started (not in OctoPrint's docs). */
export interface PostRollStartPayload {
  /** Post-roll duration in seconds. */
  postroll_duration: number;
  /** Post-roll length in frames. */
  postroll_length: number;
  /** Frames per second of the movie. */
  postroll_fps: number;
}

/** MovieRendering / MovieDone: a timelapse movie is being or was rendered. */
export interface MoviePayload {
  /** The G-code file the timelapse belongs to. */
  gcode: string;
  /** The movie's full path on the OctoPrint host. */
  movie: string;
  /** The movie's file name. */
  movie_basename: string;
  /** The movie's name without extension (not in OctoPrint's docs). */
  movie_prefix?: string;
}

/** MovieFailed: rendering a timelapse movie failed. */
export interface MovieFailedPayload extends MoviePayload {
  /** The exit code of ffmpeg. */
  returncode: number;
  /** Why it failed. */
  reason: 'returncode' | 'no_frames' | 'unknown';
  /** ffmpeg's output (not in OctoPrint's docs). */
  out?: string;
  /** The error message (not in OctoPrint's docs). */
  error?: string;
}

/** SlicingCancelled, and the fields every slicing event starts with. */
export interface SlicingPayload {
  /** The slicer, e.g. `"curaengine"`. */
  slicer: string;
  /** The model file's path. */
  stl: string;
  /** The model file's storage. */
  stl_location: string;
  /** The G-code file's path. */
  gcode: string;
  /** The G-code file's storage. */
  gcode_location: string;
}

/** SlicingStarted. */
export interface SlicingStartedPayload extends SlicingPayload {
  /** Whether the slicer reports progress (`slicingProgress` messages). */
  progressAvailable: boolean;
}

/** SlicingDone. */
export interface SlicingDonePayload extends SlicingPayload {
  /** How long slicing took, in seconds. @unit seconds */
  time: number;
}

/** SlicingFailed. */
export interface SlicingFailedPayload extends SlicingPayload {
  /** Why it failed. */
  reason: string;
}

/** SlicingProfileAdded / Modified / Deleted. */
export interface SlicingProfilePayload {
  /** The slicer. */
  slicer: string;
  /** The profile's identifier. */
  profile: string;
}

/** SettingsUpdated: OctoPrint's settings were saved (fields not in OctoPrint's docs). */
export interface SettingsUpdatedPayload {
  /** Hash of the saved configuration. */
  config_hash?: string;
  /** Hash of the effective configuration. */
  effective_hash?: string;
}

/** RegisteredMessageReceived: a registered message arrived (not in OctoPrint's docs; shapes not verified). */
export interface RegisteredMessageReceivedPayload {
  /** The registered key. */
  key: string;
  /** What matched. */
  matched: unknown;
  /** The outputs. */
  outputs: unknown;
}

/** PrinterProfileAdded / Modified / Deleted. */
export interface PrinterProfilePayload {
  /** The printer profile's identifier, e.g. `"_default"`. */
  identifier: string;
}

/** plugin_backup_backup_created: the bundled Backup plugin made a backup. */
export interface BackupCreatedPayload {
  /** The backup's file name. */
  name: string;
  /** The backup's full path on the OctoPrint host. */
  path: string;
  /** What was left out of the backup (e.g. `"uploads"`, `"timelapse"`). */
  excludes: string[];
}

/** plugin_softwareupdate_update_succeeded / _failed: the bundled Software Update plugin ran an update. */
export interface SoftwareUpdatePayload {
  /** The update target, e.g. `"octoprint"` or a plugin id. */
  target: string;
  /** The version updated from; null when unknown. */
  from_version: string | null;
  /** The version updated to; null when unknown. */
  to_version: string | null;
  /** Further fields the updater adds. */
  [field: string]: unknown;
}

/** plugin_pluginmanager_{install,uninstall,enable,disable}_plugin: the bundled Plugin Manager changed a plugin. */
export interface PluginManagerPayload {
  /** The plugin's identifier. */
  id: string;
  /** The plugin's version; null when it has none. */
  version: string | null;
  /** Install only: where it was installed from (URL or file name). */
  source?: string;
  /** Install only: the kind of source (`"url"`, `"path"`…). */
  source_type?: string;
  /** Install only, newer versions: whether it came from the plugin repository. */
  from_repo?: boolean;
}

/** plugin_achievements_achievement_unlocked: the bundled Achievements plugin unlocked an achievement. */
export interface AchievementUnlockedPayload {
  /** The achievement's key, e.g. `"all_beginnings_are_hard"`. */
  key: string;
  /** The achievement's title. */
  name: string;
  /** What it was awarded for. */
  description: string;
  /** Whether it is hidden until unlocked. */
  hidden: boolean;
  /** Whether it is a nag (e.g. asking for support). */
  nag: boolean;
  /** Whether it depends on time (e.g. a year of use). */
  timebased: boolean;
  /** The kind of entry: `"achievement"`. */
  type: string;
  /** The logo's identifier. */
  logo: string;
}

/**
 * Every event OctoPrint pushes, by WIRE name, mapped to its payload (`null` for events without
 * one). A hook listening to an event sees the payload as `@extra` (a null payload is delivered
 * as `{}`, as the OctoPrint-Webhooks plugin did).
 *
 * Not listed: `GcodeScript<Name>Running/Finished`, which are never pushed, and events of
 * third-party plugins (`plugin_<id>_<event>`), whose payloads are unknown.
 */
export interface OctoPrintEventPayloads {
  /** OctoPrint started. Defined but never pushed (no socket is open yet). */
  Startup: null;
  /** OctoPrint is shutting down. Defined but rarely seen by a socket. */
  Shutdown: null;
  /** Internet connectivity changed. @since 1.3.5 */
  ConnectivityChanged: ConnectivityChangedPayload;
  /** A socket client connected (payload `{}` for non-admin sockets). @since 1.1.0 */
  ClientOpened: RemoteAddressPayload;
  /** A socket client authenticated (payload `{}` for non-admin sockets). @since 1.4.0 */
  ClientAuthed: ClientAuthedPayload;
  /** A socket client disconnected. @since 1.4.0 */
  ClientClosed: RemoteAddressPayload;
  /** Defined but never fired. */
  ClientDeauthed: null;
  /** A user logged in (ADMIN sockets only). Every passive API-key login fires it too. @since 1.4.0 */
  UserLoggedIn: UserLoginPayload;
  /** A user logged out (ADMIN sockets only). @since 1.4.0 */
  UserLoggedOut: UserLoginPayload;
  /** OctoPrint started connecting to the printer. @since 1.3.0 */
  Connecting: null;
  /** The printer connection is open. */
  Connected: ConnectedPayload;
  /** OctoPrint is disconnecting from the printer. */
  Disconnecting: null;
  /** The printer connection closed (also after a firmware error). */
  Disconnected: null;
  /** The list of serial ports changed (not in OctoPrint's docs). */
  ConnectionsAutorefreshed: ConnectionsAutorefreshedPayload;
  /** The printer state changed (`@extra.state_string` is the new text). @since 1.3.0 */
  PrinterStateChanged: PrinterStateChangedPayload;
  /** The printer reset unexpectedly (not in OctoPrint's docs). */
  PrinterReset: PrinterResetPayload;
  /** A communication or firmware error; a running print then fails with PrintFailed (reason "error"). */
  Error: ErrorPayload;
  /** The printer's M115 firmware information arrived (not in OctoPrint's docs). */
  FirmwareData: FirmwareDataPayload;
  /** A file was uploaded through the API. @since 1.4.0 */
  Upload: UploadPayload;
  /** A file was added to a storage. @since 1.3.3 */
  FileAdded: FileAddedPayload;
  /** A file was removed from a storage. @since 1.3.3 */
  FileRemoved: FileRemovedPayload;
  /** A file was moved or renamed. @since 1.8.0 */
  FileMoved: FileMovedPayload;
  /** A folder was added. @since 1.3.3 */
  FolderAdded: FolderPayload;
  /** A folder was removed. @since 1.3.3 */
  FolderRemoved: FolderPayload;
  /** A folder was moved or renamed. @since 1.8.0 */
  FolderMoved: FolderMovedPayload;
  /** A file list changed. @since 1.4.0 */
  UpdatedFiles: UpdatedFilesPayload;
  /** OctoPrint started analysing a file. @since 1.4.0 */
  MetadataAnalysisStarted: MetadataAnalysisStartedPayload;
  /** The analysis of a file is done. @since 1.4.0 */
  MetadataAnalysisFinished: MetadataAnalysisFinishedPayload;
  /** A file's print statistics changed. @since 1.10.0 */
  MetadataStatisticsUpdated: MetadataStatisticsUpdatedPayload;
  /** A file was selected for printing (`size` is null here). @since 1.4.0 */
  FileSelected: JobEventPayload;
  /** The selected file was deselected. */
  FileDeselected: null;
  /** A file started streaming to the SD card. @since 1.1.0 */
  TransferStarted: TransferStartedPayload;
  /** Streaming to the SD card finished. */
  TransferDone: TransferEndedPayload;
  /** Streaming to the SD card failed. */
  TransferFailed: TransferEndedPayload;
  /** A print started. @since 1.4.0 */
  PrintStarted: JobEventPayload;
  /** A print finished; `@extra.time` is its duration in seconds. @since 1.4.0 */
  PrintDone: PrintDonePayload;
  /**
   * A print failed: cancelled (`reason: "cancelled"`, after PrintCancelled) or after an error
   * (`reason: "error"`). `@extra.progress` is a WHOLE PERCENTAGE 0..100 when cancelled but a
   * FRACTION 0..1 (or -1) after an error. @since 1.4.0
   */
  PrintFailed: PrintFailedPayload;
  /** A cancel was requested. @since 1.3.7 */
  PrintCancelling: PrintCancellingPayload;
  /** A print was cancelled; PrintFailed (reason "cancelled") follows. @since 1.4.0 */
  PrintCancelled: PrintCancelledPayload;
  /** A print was paused (by a user, a pausing command such as M0, or the firmware). @since 1.4.0 */
  PrintPaused: PrintPausedPayload;
  /** A paused print resumed. @since 1.4.0 */
  PrintResumed: JobEventPayload;
  /** A mark was put on the temperature chart. @since 1.9.0 */
  ChartMarked: ChartMarkedPayload;
  /** OctoPrint queued M80 (power on). */
  PowerOn: null;
  /** OctoPrint queued M81 (power off). */
  PowerOff: null;
  /** OctoPrint queued G28 (home). */
  Home: null;
  /** OctoPrint queued G4 (dwell). Documented as `Dwell`, but sent as `Dwelling`. */
  Dwelling: null;
  /** OctoPrint queued M226 (wait for pin). M0/M1 do not fire it by default (they pause instead). */
  Waiting: null;
  /** OctoPrint queued M245 (start cooler). */
  Cooling: null;
  /** OctoPrint queued M300 (beep). */
  Alert: null;
  /** OctoPrint queued M240 (trigger conveyor). */
  Conveyor: null;
  /** OctoPrint queued M40 (eject). */
  Eject: null;
  /** OctoPrint queued M112 (emergency stop), or sent it after a fatal firmware error. */
  EStop: null;
  /**
   * OctoPrint queued M600, M701 or M702 (filament change). Not fired for SD prints, and it
   * does not prove the printer paused. @since 1.7.0
   */
  FilamentChange: null;
  /** OctoPrint sent a move to a new Z height (`@extra.new`, in mm). */
  ZChange: ZChangePayload;
  /** The printer answered M114 with its position. @since 1.3.0 */
  PositionUpdate: PositionUpdatePayload;
  /** The active tool changed. @since 1.3.5 */
  ToolChange: ToolChangePayload;
  /** OctoPrint did not send a command. @since 1.5.0 */
  CommandSuppressed: CommandSuppressedPayload;
  /** The firmware reported a tool that does not exist. @since 1.5.0 */
  InvalidToolReported: InvalidToolReportedPayload;
  /** A timelapse frame is being captured. */
  CaptureStart: CapturePayload;
  /** A timelapse frame was captured. */
  CaptureDone: CapturePayload;
  /** A timelapse frame could not be captured. @since 1.3.0 */
  CaptureFailed: CaptureFailedPayload;
  /** The timelapse post-roll started (not in OctoPrint's docs). */
  PostRollStart: PostRollStartPayload;
  /** The timelapse post-roll ended (not in OctoPrint's docs). */
  PostRollEnd: null;
  /** A timelapse movie is being rendered. */
  MovieRendering: MoviePayload;
  /** A timelapse movie was rendered. */
  MovieDone: MoviePayload;
  /** Rendering a timelapse movie failed. */
  MovieFailed: MovieFailedPayload;
  /** Slicing started. */
  SlicingStarted: SlicingStartedPayload;
  /** Slicing finished. */
  SlicingDone: SlicingDonePayload;
  /** Slicing was cancelled. */
  SlicingCancelled: SlicingPayload;
  /** Slicing failed. */
  SlicingFailed: SlicingFailedPayload;
  /** A slicing profile was added. @since 1.2.12 */
  SlicingProfileAdded: SlicingProfilePayload;
  /** A slicing profile was changed. @since 1.2.12 */
  SlicingProfileModified: SlicingProfilePayload;
  /** A slicing profile was deleted. @since 1.2.12 */
  SlicingProfileDeleted: SlicingProfilePayload;
  /** OctoPrint's settings were saved. @since 1.2.0 */
  SettingsUpdated: SettingsUpdatedPayload;
  /** A registered message arrived (not in OctoPrint's docs). */
  RegisteredMessageReceived: RegisteredMessageReceivedPayload;
  /** A printer profile was added. @since 1.3.12 */
  PrinterProfileAdded: PrinterProfilePayload;
  /** A printer profile was changed. @since 1.3.12 */
  PrinterProfileModified: PrinterProfilePayload;
  /** A printer profile was deleted. @since 1.3.12 */
  PrinterProfileDeleted: PrinterProfilePayload;
  /** OctoPrint 2.0 only: the printer's controls changed. Payload not verified. @since 2.0.0 */
  PrinterControlsChanged: unknown;
  /** Bundled Backup plugin: a backup was created (only pushed to users with the Backup access permission). */
  plugin_backup_backup_created: BackupCreatedPayload;
  /** Bundled Software Update plugin: an update succeeded. */
  plugin_softwareupdate_update_succeeded: SoftwareUpdatePayload;
  /** Bundled Software Update plugin: an update failed. */
  plugin_softwareupdate_update_failed: SoftwareUpdatePayload;
  /** Bundled Plugin Manager: a plugin was installed. */
  plugin_pluginmanager_install_plugin: PluginManagerPayload;
  /** Bundled Plugin Manager: a plugin was uninstalled. */
  plugin_pluginmanager_uninstall_plugin: PluginManagerPayload;
  /** Bundled Plugin Manager: a plugin was enabled. */
  plugin_pluginmanager_enable_plugin: PluginManagerPayload;
  /** Bundled Plugin Manager: a plugin was disabled. */
  plugin_pluginmanager_disable_plugin: PluginManagerPayload;
  /** Bundled Achievements plugin: an achievement was unlocked. @since 1.10.0 */
  plugin_achievements_achievement_unlocked: AchievementUnlockedPayload;
  /** Bundled Health Check plugin: the health checks should be re-run. */
  plugin_health_check_update_healthcheck: null;
  /**
   * Only with the OctoPrint-Webhooks plugin installed: its "User Action Needed" event (fired
   * when the printer sends `echo:busy: paused for user`). octohook's own `UserActionNeeded`
   * trigger does not need the plugin.
   */
  plugin_webhooks_notify: null;
  /**
   * Only with the OctoPrint-Webhooks plugin installed: its "Print Progress" event. octohook's
   * own `Progress every N%` trigger does not need the plugin.
   */
  plugin_webhooks_progress: null;
}
