// What the checker hands the emitter: the file's meaning with every default applied and
// every name resolved. Values stay AST nodes, so the emitter can compile their templates.
import type { ConditionExpr, ObjectEntry, ObjectNode, Value } from '../../../grammar/ast.js';
import type { ContentKind, HttpMethod } from '../../../runtime/compiled-module.js';

export interface CheckedTrigger {
  event: string;
  every?: number;
  topic: string;
}

export interface CheckedSnapshot {
  url?: Value;
  fit: { width: number; height: number };
  quality: number;
  flipH?: boolean;
  flipV?: boolean;
  rotate?: number;
  timeoutMs: number;
}

export interface CheckedHook {
  name: string;
  enabled: boolean;
  triggers: CheckedTrigger[];
  method: HttpMethod;
  content: ContentKind;
  url: Value;
  headers: ObjectEntry[];
  /** The data object's entries, without the snapshot entry. */
  data: ObjectEntry[] | null;
  snapshotKey: string | null;
  snapshot: CheckedSnapshot;
  oauth: string | null;
  device: Value | null;
  /** `device` is the hook's own (else the file's, which a printer's `device` overrides). */
  ownDevice: boolean;
  /** `from mk3, mini`: the printers whose events fire the hook; undefined: every printer. */
  from?: string[];
  secret: Value | null;
  /** `@message` per trigger event: the hook's, else the file's, else the default text. */
  messages: Map<string, Value>;
  timeoutMs: number;
  cooldownMs: number;
  /** Delays between attempts; attempts = length + 1. */
  retryDelaysMs: number[];
  /** `sign @env.NAME`: the Standard Webhooks signing secret. */
  sign: Value | null;
  uses: Set<string>;
  /** The `when` lines' conditions, split at their top-level `and`s: all must hold. */
  conditions: ConditionExpr[];
  /** The hook's quiet hours (its own line over the file's); null: none. */
  quiet: CheckedQuiet | null;
}

/** Quiet hours as minutes of the day; `endMinute < startMinute` wraps over midnight. */
export interface CheckedQuiet {
  startMinute: number;
  endMinute: number;
  /** Triggers that still go out inside the window. */
  except: string[];
  /** The line as the reason and the dry run show it (`quiet 23:00-07:00`). */
  text: string;
}

export interface CheckedOAuth {
  name: string;
  url: Value;
  method: HttpMethod;
  content: 'json' | 'form';
  headers: ObjectEntry[];
  data: ObjectNode | null;
  returns: Record<string, string>;
}

/** `printer NAME { url … apiKey … device … }`: one OctoPrint of a print farm. */
export interface CheckedPrinter {
  name: string;
  url: Value;
  apikey: Value;
  device: Value | null;
}

/** The `status { }` block: the daemon's status page. */
export interface CheckedStatus {
  listen: string;
  /** The environment variable holding the bearer token; null: the daemon makes one. */
  tokenEnv: string | null;
  publicRead: boolean;
}

export interface CheckedFile {
  octoprint: { url: Value | null; apikey: Value | null };
  /** Null without a `status` block. */
  status: CheckedStatus | null;
  oauth: CheckedOAuth[];
  /** The file's printer blocks, in file order; empty: one printer, as before print farms. */
  printers: CheckedPrinter[];
  hooks: CheckedHook[];
  env: Set<string>;
  /** `timezone "…"`: the zone quiet hours are read in; null: the daemon's local zone. */
  timezone: string | null;
}
