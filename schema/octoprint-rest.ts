// The OctoPrint REST responses octohook reads: the job, a file's information (and the G-code
// analysis it shares with the MetadataAnalysisFinished event), the webcam settings used for
// snapshots, and the passive login. Source: OctoPrint 1.11.x server/api/*.py, checked against
// recorded 1.10.3 traffic where there is some.

import type { FileOrigin, FilamentByTool, JobInfo, JobProgress } from './octoprint-current.js';

/** `GET /api/job`: the current job and its progress, with the state as plain text. */
export interface JobResponse {
  /** The current job, as in the `current` message. */
  job: JobInfo;
  /** Progress of the current print, as in the `current` message. */
  progress: JobProgress;
  /** The printer state as text, e.g. `"Printing"` (the `state.text` of the `current` message). */
  state: string;
  /** The error message; only present when the printer has one. */
  error?: string;
}

/** Width, depth and height of a box, in mm. */
export interface Dimensions {
  /** Size along X in mm. */
  width: number;
  /** Size along Y in mm. */
  depth: number;
  /** Size along Z in mm. */
  height: number;
}

/** A bounding box, in mm. */
export interface Area {
  /** Smallest X in mm. */
  minX: number;
  /** Largest X in mm. */
  maxX: number;
  /** Smallest Y in mm. */
  minY: number;
  /** Largest Y in mm. */
  maxY: number;
  /** Smallest Z in mm. */
  minZ: number;
  /** Largest Z in mm. */
  maxZ: number;
}

/**
 * OctoPrint's analysis of a G-code file: print time estimate, filament use and extents. Called
 * `gcodeAnalysis` in the file API and `analysis` in the stored metadata (`@meta.analysis`).
 * Fields are absent when the analysis could not compute them.
 */
export interface GcodeAnalysis {
  /** Estimated print time in seconds. @unit seconds */
  estimatedPrintTime?: number;
  /** Filament use per tool (`tool0`, …): length in mm, volume in cm³. */
  filament?: FilamentByTool;
  /** The size of the printed part (extrusion moves only), in mm. */
  dimensions?: Dimensions;
  /** The bounding box of the extrusion moves, in mm. */
  printingArea?: Area;
  /** The bounding box of all moves, travel included, in mm. */
  travelArea?: Area;
  /** The size of all moves, travel included, in mm. */
  travelDimensions?: Dimensions;
  /** Set (to true) when the analysis found no moves at all. */
  _empty?: true;
}

/** The last print of a file, as summarised by the file API. */
export interface LastPrint {
  /** Whether it succeeded. */
  success: boolean;
  /** When it ended, seconds since the Unix epoch (with fractions). */
  date: number;
  /** How long it took, in seconds. @unit seconds */
  printTime?: number;
}

/** Print counts of a file, aggregated from its history. */
export interface PrintCounts {
  /** Successful prints. */
  success: number;
  /** Failed or cancelled prints. */
  failure: number;
  /** The last print. */
  last?: LastPrint;
}

/** Print time statistics of a file, per printer profile id (e.g. `"_default"`), in seconds. */
export interface PrintTimeStatistics {
  /** Average duration of successful prints, per printer profile id, in seconds. */
  averagePrintTime: Record<string, number>;
  /** Duration of the last successful print, per printer profile id, in seconds. */
  lastPrintTime: Record<string, number>;
}

/** Links of a file entry. */
export interface FileRefs {
  /** The file's API URL. */
  resource: string;
  /** The download URL (absent for SD files). */
  download?: string;
}

/**
 * `GET /api/files/{origin}/{path}`: one file (or folder). There is no `meta` wrapper: the
 * stored metadata is merged in, `analysis` becomes `gcodeAnalysis` and `history` is summarised
 * as `prints`. SD card entries carry only type, typePath, name, display, path, origin and
 * refs.resource, plus size and date when known. Plugins may add their own keys.
 */
export interface FileInfo {
  /** The file name. */
  name: string;
  /** The display name. */
  display: string;
  /** The path inside its storage. */
  path: string;
  /** What it is. */
  type: 'machinecode' | 'model' | 'folder';
  /** The type path, e.g. `["machinecode", "gcode"]`. */
  typePath: string[];
  /** The storage it lives in. */
  origin: FileOrigin;
  /** Size in bytes. @unit bytes */
  size?: number;
  /** Modification time, whole seconds since the Unix epoch. */
  date?: number;
  /** SHA-1 of the content as 40 hex digits (OctoPrint's docs wrongly say MD5). */
  hash?: string;
  /** The user who uploaded it. */
  user?: string;
  /** Links stored with the file's metadata. */
  links?: unknown[];
  /** Notes stored with the file's metadata. */
  notes?: unknown[];
  /** The `userdata` sent with the upload. */
  userdata?: unknown;
  /** API and download URLs. */
  refs: FileRefs;
  /** The G-code analysis. */
  gcodeAnalysis?: GcodeAnalysis;
  /** Print counts (OctoPrint's docs wrongly call it `print`). */
  prints?: PrintCounts;
  /** Print time statistics per printer profile. */
  statistics?: PrintTimeStatistics;
  /** Metadata added by plugins, under the plugin's own key. */
  [pluginMetadata: string]: unknown;
}

/** The compatibility view of a webcam, for clients that know only one stream and snapshot URL. */
export interface WebcamCompat {
  /** The stream URL. */
  stream: string;
  /** The snapshot URL; often `http://127.0.0.1:8080/…`, local to the OctoPrint host. */
  snapshot: string;
  /** Stream timeout in seconds. */
  streamTimeout: number;
  /** Aspect ratio of the stream. */
  streamRatio: '16:9' | '4:3';
  /** ICE servers for WebRTC streams. */
  streamWebrtcIceServers: string[];
  /** Whether to add a cache-busting parameter to the URLs. */
  cacheBuster: boolean;
  /** Snapshot timeout in seconds. */
  snapshotTimeout: number;
  /** Whether to validate the snapshot URL's TLS certificate. */
  snapshotSslValidation: boolean;
}

/** One webcam as offered by a webcam provider plugin (since OctoPrint 1.9). */
export interface WebcamConfig {
  /** The webcam's identifier, e.g. `"classic"`. */
  name: string;
  /** The name shown in the UI. */
  displayName: string;
  /** Whether OctoPrint can take snapshots from it. */
  canSnapshot: boolean;
  /** Where snapshots come from, as shown in the UI. */
  snapshotDisplay: string | null;
  /** Flip the image horizontally. */
  flipH: boolean;
  /** Flip the image vertically. */
  flipV: boolean;
  /** Rotate the image 90° COUNTER-clockwise. */
  rotate90: boolean;
  /** Provider-specific settings. */
  extras: Record<string, unknown>;
  /** The provider plugin's id, e.g. `"classicwebcam"`. */
  provider: string;
  /** The single-URL view of the webcam; null when the provider has none. */
  compat: WebcamCompat | null;
}

/**
 * The `webcam` section of `GET /api/settings` (needs the WEBCAM permission). The legacy
 * top-level keys mirror the default webcam's `compat` and are null unless it has one.
 */
export interface WebcamSettings {
  /** Whether the webcam is enabled. */
  webcamEnabled: boolean;
  /** Whether timelapses are enabled. */
  timelapseEnabled: boolean;
  /** Path of the ffmpeg binary. */
  ffmpegPath: string | null;
  /** The ffmpeg command line template. */
  ffmpegCommandline: string | null;
  /** Timelapse bit rate, e.g. `"10000k"`. */
  bitrate: string | null;
  /** ffmpeg threads. */
  ffmpegThreads: number | null;
  /** ffmpeg video codec. */
  ffmpegVideoCodec: string | null;
  /** Whether to watermark timelapses. */
  watermark: boolean;
  /** Seconds to wait after a print before rendering. */
  renderAfterPrintDelay: number | null;
  /** Every configured webcam. @since 1.9.0 */
  webcams: WebcamConfig[];
  /** The `name` of the default webcam; null when none. @since 1.9.0 */
  defaultWebcam: string | null;
  /** The `name` of the webcam used for snapshots; null when none. @since 1.9.0 */
  snapshotWebcam: string | null;
  /** Legacy: flip horizontally; null unless the default webcam has `compat`. */
  flipH: boolean | null;
  /** Legacy: flip vertically; null unless the default webcam has `compat`. */
  flipV: boolean | null;
  /** Legacy: rotate 90° counter-clockwise; null unless the default webcam has `compat`. */
  rotate90: boolean | null;
  /** Legacy: stream URL; null unless the default webcam has `compat`. */
  streamUrl: string | null;
  /** Legacy: stream aspect ratio; null unless the default webcam has `compat`. */
  streamRatio: string | null;
  /** Legacy: stream timeout in seconds; null unless the default webcam has `compat`. */
  streamTimeout: number | null;
  /** Legacy: WebRTC ICE servers; null unless the default webcam has `compat`. */
  streamWebrtcIceServers: string[] | null;
  /** Legacy: snapshot URL; null unless the default webcam has `compat`. */
  snapshotUrl: string | null;
  /** Legacy: snapshot timeout in seconds; null unless the default webcam has `compat`. */
  snapshotTimeout: number | null;
  /** Legacy: validate the snapshot URL's TLS certificate; null unless the default webcam has `compat`. */
  snapshotSslValidation: boolean | null;
  /** Legacy: add a cache-busting parameter; null unless the default webcam has `compat`. */
  cacheBuster: boolean | null;
}

/** `GET /api/settings`: only the part octohook reads is typed; other sections pass through. */
export interface SettingsResponse {
  /** Webcam settings; `{}` without the WEBCAM permission. */
  webcam?: WebcamSettings | Record<string, never>;
  /** Every other settings section. */
  [section: string]: unknown;
}

/**
 * `POST /api/login` with `{"passive": true}` and an API key: the user record plus the session
 * to send in the socket's `auth` message (`name + ":" + session`). An unknown user gets an
 * anonymous record without `name` and `session`.
 */
export interface LoginResponse {
  /** The user name; use it (not the key's owner as typed) in the socket `auth` message. */
  name?: string;
  /** Whether the account is active. */
  active?: boolean;
  /** The user's permission keys. */
  permissions?: unknown[];
  /** The user's groups. */
  groups?: unknown[];
  /** The user's needs (role lists). */
  needs?: Record<string, unknown>;
  /** The user's API key (may be null). */
  apikey?: string | null;
  /** The user's UI settings. */
  settings?: Record<string, unknown>;
  /** Whether the user is an admin. */
  admin?: boolean;
  /** Whether the user is a regular user. */
  user?: boolean;
  /** Legacy role names. */
  roles?: string[];
  /** The session id (64 hex digits), new for every login; absent for an unknown user. */
  session?: string;
  /** Whether the request came from outside the local network. */
  _is_external_client?: boolean;
  /** How the user logged in: `"apikey"` for API-key logins. */
  _login_mechanism?: string;
  /** When the credentials were last seen, if known. */
  _credentials_seen?: unknown;
  /** Any further fields. */
  [field: string]: unknown;
}
