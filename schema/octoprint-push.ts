// The messages OctoPrint's push socket (`/sockjs/websocket`) sends. Every message is an object
// with exactly one key, its type; unknown types must be ignored. Source: OctoPrint 1.11.x
// server/util/sockjs.py, checked against recorded 1.10.3 traffic.

import type { CurrentData, HistoryData } from './octoprint-current.js';
import type { OctoPrintEventPayloads } from './octoprint-events.js';

/** One entry of the permission list in `connected`. */
export interface PermissionInfo {
  /** The permission key, e.g. `"STATUS"`. */
  key: string;
  /** Its display name. */
  name: string;
  /** Whether granting it is dangerous. */
  dangerous: boolean;
  /** The groups that have it by default. */
  default_groups: string[];
  /** What it allows. */
  description: string;
  /** The roles (and other needs) it consists of, e.g. `{"role": ["status"]}`. */
  needs: Record<string, string[]>;
  /** For plugin permissions: the plugin's id. */
  plugin?: string;
}

/** The payload of `connected`, sent to every new socket before authentication. */
export interface ConnectedMessagePayload {
  /** OctoPrint's version, e.g. `"1.10.3"`. */
  version: string;
  /** The version as shown in the UI. */
  display_version: string;
  /** The git branch; null for releases. */
  branch: string | null;
  /** The Python version. */
  python_version: string;
  /** Hash over the installed plugins (changes force a UI reload). */
  plugin_hash: string;
  /** Hash over the configuration. */
  config_hash: string;
  /** Whether OctoPrint runs in debug mode. */
  debug: boolean;
  /** Null normally; otherwise why OctoPrint runs in safe mode (a reason string, or true in older versions). */
  safe_mode: string | boolean | null;
  /** Whether OctoPrint believes it is online; null when the check is disabled. */
  online: boolean | null;
  /** Every permission known to the server. @since 1.4.0 */
  permissions: PermissionInfo[];
}

/** `{"connected": …}`: the greeting. It carries no API key since 1.3.11. */
export interface ConnectedMessage {
  /** Server information. */
  connected: ConnectedMessagePayload;
}

/** The payload of `reauthRequired`. */
export interface ReauthRequiredPayload {
  /**
   * Why: `"logout"`, `"stale"` (session expired, or a bad `auth`) and `"removed"` need a new
   * login; `"modified"` needs only a passive re-login.
   */
  reason: 'logout' | 'stale' | 'removed' | 'modified';
}

/** `{"reauthRequired": …}`: the session is no longer valid. @since 1.4.0 */
export interface ReauthRequiredMessage {
  /** Why the session must be renewed. */
  reauthRequired: ReauthRequiredPayload;
}

/** `{"history": …}`: sent once after authentication (the only acknowledgement of `auth`). */
export interface HistoryMessage {
  /** The printer data with 30 minutes of history. */
  history: HistoryData;
}

/** `{"current": …}`: the printer data, about twice a second while printing. */
export interface CurrentMessage {
  /** The printer data. */
  current: CurrentData;
}

/** The payload of an `event` message, untyped: `type` is any wire name. */
export interface EventMessagePayload {
  /** The event's wire name, e.g. `"PrintDone"`. */
  type: string;
  /** The event's payload (see `OctoPrintEventPayloads`); null for events without one. */
  payload: Record<string, unknown> | null;
}

/** `{"event": …}`: an OctoPrint event, pushed as soon as it fires. */
export interface EventMessage {
  /** The event. */
  event: EventMessagePayload;
}

/**
 * An event payload typed by its wire name, for code that switched on `type` (TypeScript use
 * only; not part of the checker's tables because it is generic).
 */
export interface TypedEventPayload<K extends keyof OctoPrintEventPayloads> {
  /** The event's wire name. */
  type: K;
  /** The event's payload. */
  payload: OctoPrintEventPayloads[K];
}

/** The payload of a `plugin` message. */
export interface PluginMessagePayload {
  /** The plugin's id, e.g. `"action_command_prompt"`. */
  plugin: string;
  /** Whatever the plugin sent. */
  data: unknown;
}

/**
 * `{"plugin": …}`: a plugin's message. The firmware prompt plugin sends
 * `{"plugin":"action_command_prompt","data":{"action":"show","text":…,"choices":[…]}}`.
 */
export interface PluginMessage {
  /** The plugin message. */
  plugin: PluginMessagePayload;
}

/** Timelapse configured to take a frame at every Z change. */
export interface ZChangeTimelapseConfig {
  /** The timelapse type. */
  type: 'zchange';
  /** Its options. */
  options: {
    /** Z hop used by retraction, in mm, so hops are not taken for layer changes. */
    retractionZHop: number;
  };
}

/** Timelapse configured to take a frame every few seconds. */
export interface TimedTimelapseConfig {
  /** The timelapse type. */
  type: 'timed';
  /** Its options. */
  options: {
    /** Seconds between frames. */
    interval: number;
  };
}

/** `{"timelapse": …}`: the timelapse configuration; null when timelapses are off. */
export interface TimelapseMessage {
  /** The configuration, or null when off. */
  timelapse: ZChangeTimelapseConfig | TimedTimelapseConfig | null;
}

/** The payload of `slicingProgress`. */
export interface SlicingProgressPayload {
  /** The slicer. */
  slicer: string;
  /** The model's storage. */
  source_location: string;
  /** The model's path. */
  source_path: string;
  /** The G-code's storage. */
  dest_location: string;
  /** The G-code's path. */
  dest_path: string;
  /** Percent done, 0..100. */
  progress: number;
}

/** `{"slicingProgress": …}`: progress of a running slice. */
export interface SlicingProgressMessage {
  /** The progress. */
  slicingProgress: SlicingProgressPayload;
}

/** `{"renderProgress": …}`: progress of a timelapse render (not in OctoPrint's docs). */
export interface RenderProgressMessage {
  /** The progress. */
  renderProgress: {
    /** Percent done, 0..100. */
    progress: number;
  };
}

/** Every message the push socket sends. Ignore any other type. */
export type PushMessage =
  | ConnectedMessage
  | ReauthRequiredMessage
  | HistoryMessage
  | CurrentMessage
  | EventMessage
  | PluginMessage
  | TimelapseMessage
  | SlicingProgressMessage
  | RenderProgressMessage;
