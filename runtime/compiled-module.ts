// The contract between the compiler's emitted module and the runtime. The emitted file has
// no imports: it exports `hooks` (default export) of type CompiledModule, built only from
// plain data and small render functions. Nothing in it is interpreted at run time.

/**
 * What a render function sees. Roots are filled by the runtime per event and hook;
 * `env` is the process environment (read at run time, never compiled in); each oauth
 * block's JSON answer is under its name.
 */
export interface RenderContext {
  deviceIdentifier: unknown;
  apiSecret: unknown;
  topic: string;
  message: string;
  extra: unknown;
  state: unknown;
  job: unknown;
  progress: unknown;
  currentZ: unknown;
  offsets: unknown;
  meta: unknown;
  currentTime: number;
  percentCompleteMilestone: number;
  env: Record<string, string | undefined>;
  /**
   * The printer the event came from: `{ name, url, device }` (`url` without credentials; `device`
   * the printer block's `device`, else null). A file without `printer` blocks has one printer,
   * named `octoprint`. Optional only so that modules and callers made before print farms
   * existed still type-check; the daemon always fills it.
   */
  printer?: { name: string; url: string; device: unknown };
  [oauthName: string]: unknown;
}

export type Render<T> = (ctx: RenderContext) => T;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** How a hook's body is encoded. The checker accepts these words after `content`, the runtime encodes them. */
export const contentKinds = ['json', 'form', 'multipart'] as const;
export type ContentKind = (typeof contentKinds)[number];

/**
 * A header name a module may carry: an HTTP token (RFC 9110). The checker refuses other names,
 * the importer drops them, and the runtime refuses them again for modules built elsewhere. It sits
 * in the contract because the runtime imports nothing but the contract and the schema types.
 */
export const headerNameToken = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export interface TriggerSpec {
  /** `PrintDone`, `UserActionNeeded`, `Progress`, or any OctoPrint wire name. */
  event: string;
  /** The plugin's `@topic` text for this trigger ("Print Done"), or a readable event name. */
  topic: string;
  /** For `Progress every N%`. */
  every?: number;
}

export interface SnapshotSettings {
  /** Snapshot URL; absent: OctoPrint's own webcam settings. */
  url?: Render<string>;
  fit: { width: number; height: number };
  /** JPEG quality 1–100. */
  quality: number;
  /** Absent: OctoPrint's own webcam setting. */
  flipH?: boolean;
  flipV?: boolean;
  /** Degrees counter-clockwise: 0, 90, 180 or 270; absent: OctoPrint's own setting. */
  rotate?: number;
  timeoutMs: number;
}

export interface OAuthSpec {
  name: string;
  url: Render<string>;
  method: HttpMethod;
  content: 'json' | 'form';
  headers: Render<Record<string, string>>;
  data: Render<Record<string, unknown>>;
  /** Declared fields of the answer (`returns { access_token: string }`). */
  returns: Record<string, string>;
  /** As CompiledHook.needsEnv, for the token request. */
  needsEnv?: string[];
}

export interface CompiledHook {
  name: string;
  enabled: boolean;
  triggers: TriggerSpec[];
  method: HttpMethod;
  content: ContentKind;
  url: Render<string>;
  headers: Render<Record<string, string>>;
  /** The body (or query, for GET) without the snapshot key; null when the hook has no data. */
  data: Render<Record<string, unknown>> | null;
  /** The top-level data key whose value is `@snapshot`, if any. */
  snapshotKey: string | null;
  /** Per-hook snapshot settings (hook's `snapshot { }` over the file's `webcam { }`). */
  snapshot: SnapshotSettings;
  oauth: string | null;
  deviceIdentifier: Render<unknown>;
  apiSecret: Render<unknown>;
  /** The `@message` text per trigger event name, defaults already merged in. */
  messages: Record<string, Render<string>>;
  timeoutMs: number;
  /** Drop a repeat of the same trigger inside this window; 0 for none. */
  cooldownMs: number;
  /** Delays between delivery attempts (jitter is added at run time); attempts = length + 1. */
  retryDelaysMs: number[];
  /** The Standard Webhooks signing secret (`whsec_…`), read from the environment; null: unsigned. */
  sign: Render<string> | null;
  /** Which roots the hook's templates read, so the runtime fetches `meta` only when needed. */
  uses: string[];
  /**
   * The `@env` names the hook reads without a `default` filter (url, headers, data, sign; its
   * messages, device, secret and snapshot URL only when it reads `@message`, `@deviceIdentifier`,
   * `@apiSecret`, `@snapshot`): the daemon does not start while one is unset or empty.
   * Absent in modules built before it existed: then every name in `env` counts.
   */
  needsEnv?: string[];
  /** `from mk3, mini`: the printers whose events fire this hook; absent: every printer. */
  from?: string[];
  /**
   * The hook's `when` lines: null when every condition holds, else the text of the first that
   * does not (`when @job.file.size > 5MB`). Absent: no conditions.
   */
  when?: Render<string | null>;
  /** The hook's quiet hours (its own `quiet` line over the file's); absent: none. */
  quiet?: QuietHours;
}

/** `quiet 23:00-07:00 except PrintFailed`: read in the module's time zone. */
export interface QuietHours {
  /** Minutes after midnight; `endMinute < startMinute` wraps over midnight. The window is [start, end). */
  startMinute: number;
  endMinute: number;
  /** Triggers that still go out inside the window. */
  except: string[];
  /** The line as written back (`quiet 23:00-07:00`), for logs. */
  text: string;
}

/** One `printer NAME { url … apiKey … device … }` block: one OctoPrint instance of a farm. */
export interface PrinterSpec {
  /** The block's name (`mk3`): unique in the file; `@printer.name`, log lines, `--printers`. */
  name: string;
  /** The OctoPrint address (may read `@env`; never logged with credentials). */
  url: Render<string>;
  /** The API key (usually `@env.NAME`, read at run time and never compiled in). */
  apikey: Render<string>;
  /** `device "…"`: this printer's `@deviceIdentifier` and `@printer.device`; null without it. */
  device: Render<unknown> | null;
  /** As CompiledHook.needsEnv, for this printer's url, apiKey and device. */
  needsEnv?: string[];
}

/** The file's `status { }` block: the daemon's status page (off without it, unless --status). */
export interface StatusSpec {
  /** `HOST:PORT`, checked by the compiler. */
  listen: string;
  /** The environment variable holding the bearer token; null: the daemon makes one at start. */
  tokenEnv: string | null;
  /** Reading the page, the JSON and the metrics needs no token. */
  publicRead: boolean;
}

export interface CompiledModule {
  format: 1;
  /** The .ohk file it was compiled from (base name only). */
  source: string;
  /** `needsEnv`: as CompiledHook.needsEnv, per setting (each is read only when no flag or variable replaces it). */
  octoprint: { url: Render<string> | null; apikey: Render<string> | null; needsEnv?: { url: string[]; apikey: string[] } };
  /** Absent: the file has no `status` block. */
  status?: StatusSpec;
  /** `timezone "Europe/Berlin"`: the zone quiet hours are read in; absent: the daemon's local zone. */
  timezone?: string;
  /**
   * The file's `printer` blocks, in file order. Absent or empty: one printer, addressed by the
   * `octoprint` block, the flags and the environment as before print farms existed.
   */
  printers?: PrinterSpec[];
  oauth: Record<string, OAuthSpec>;
  hooks: CompiledHook[];
  /** Every `@env.NAME` the module reads, so the runtime can redact their values and warn when unset. */
  env: string[];
}
