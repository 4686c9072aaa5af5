// What the importer writes, before it is text: a small model of a .ohk file that the
// translation fills in and write-ohk.ts prints. Values are templates of text and parameter
// parts, so the writer alone decides how an `@` or a parameter is spelled.

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'param'; path: string[]; filters?: string[] };

export type OhkValue =
  | { kind: 'template'; parts: TemplatePart[] }
  | { kind: 'param'; path: string[]; filters?: string[] }
  | { kind: 'scalar'; value: null | boolean | number }
  | { kind: 'object'; entries: OhkEntry[] }
  | { kind: 'array'; items: OhkValue[] };

export interface OhkEntry {
  key: string;
  value: OhkValue;
}

export interface OhkOAuth {
  name: string;
  comments: string[];
  url: OhkValue;
  method: string;
  content: 'json' | 'form' | null;
  headers: OhkEntry[];
  data: OhkEntry[] | null;
}

export interface OhkHook {
  name: string;
  comments: string[];
  /** As written after `on`: `PrintDone`, `Progress every 10%`. */
  triggers: string[];
  enabled: boolean;
  url: OhkValue;
  /** Null for the default (POST). */
  method: string | null;
  /** Null for the default (json, or multipart when the data has `@snapshot`). */
  content: 'json' | 'form' | 'multipart' | null;
  oauth: string | null;
  device: OhkValue | null;
  secret: OhkValue | null;
  headers: OhkEntry[];
  /** Null: no data at all (no body). */
  data: OhkEntry[] | null;
  messages: OhkEntry[];
  /** Commented-out messages of events the hook does not listen to. */
  idleMessages: string[];
  cooldown: string | null;
  /** `from mk3, mini`: a hook of some printers of a farm; absent: every printer. */
  from?: string[];
}

/** `printer NAME { url … apiKey … device … }`: one OctoPrint of a farm. */
export interface OhkPrinter {
  name: string;
  url: OhkValue;
  apiKey: OhkValue;
  device: OhkValue | null;
}

export interface OhkFile {
  header: string[];
  device: OhkValue | null;
  secret: OhkValue | null;
  oauth: OhkOAuth[];
  /** Absent or empty: a single-printer file. */
  printers?: OhkPrinter[];
  hooks: OhkHook[];
}

export function text(s: string): OhkValue {
  return { kind: 'template', parts: s === '' ? [] : [{ kind: 'text', text: s }] };
}

export function param(...path: string[]): OhkValue {
  return { kind: 'param', path };
}

export function env(name: string): OhkValue {
  return { kind: 'param', path: ['env', name] };
}
