// The syntax tree of a .ohk file. Every node carries its source range so that every
// later phase (checker, emitter, language server) can point at the exact text.
// Settings blocks and JSON5-like objects share one node (ObjectNode): the grammar does
// not know which keys a block allows, the checker does. That keeps the parser small and
// its recovery uniform.
import type { Range } from '../language/range.js';

export interface NodeBase {
  range: Range;
  /** Set on nodes the parser built while recovering from a syntax error: checks skip them. */
  recovered?: boolean;
}

export interface Identifier extends NodeBase {
  kind: 'Identifier';
  name: string;
}

// ---------------------------------------------------------------- values

export interface StringNode extends NodeBase {
  kind: 'String';
  /** The decoded text, escapes resolved. */
  value: string;
  /** The text split into literal runs and parameters (`@path`, `@{path | f}`); `@@` is already text. */
  parts: TemplatePart[];
  quote: '"' | "'";
}

export interface TextPart extends NodeBase {
  kind: 'Text';
  text: string;
}

export type TemplatePart = TextPart | ParamNode;

export interface NumberNode extends NodeBase {
  kind: 'Number';
  value: number;
  raw: string;
}

/** `500ms`, `10s`, `5m`, `2h`. */
export interface DurationNode extends NodeBase {
  kind: 'Duration';
  ms: number;
  raw: string;
}

/** `1640 x 1232` (also `1640x1232`). */
export interface SizeNode extends NodeBase {
  kind: 'Size';
  width: number;
  height: number;
}

export interface BooleanNode extends NodeBase {
  kind: 'Boolean';
  value: boolean;
}

export interface NullNode extends NodeBase {
  kind: 'Null';
}

/** A bare word in value position: `POST`, `json`, `token`, `string` in `returns`. */
export interface WordNode extends NodeBase {
  kind: 'Word';
  name: string;
}

export interface PathSegment {
  name: string;
  range: Range;
}

export interface FilterCall extends NodeBase {
  kind: 'Filter';
  name: string;
  nameRange: Range;
  /** Literal arguments only (string, number, boolean, null). */
  args: Value[];
}

/**
 * `@job.file.name` or `@{progress.printTimeLeft | duration | default("?")}`, either as a
 * bare value or inside a string. `segments[0]` is the root (`job`, `env`, an oauth name…).
 */
export interface ParamNode extends NodeBase {
  kind: 'Param';
  braced: boolean;
  segments: PathSegment[];
  filters: FilterCall[];
}

export interface ObjectEntry extends NodeBase {
  kind: 'Entry';
  key: Identifier | StringNode;
  /** Whether the entry was written `key: value` (objects) or `key value` (settings blocks). */
  colon: boolean;
  /** Missing only when the parser recovered from an error. */
  value: Value | undefined;
}

/** `{ … }`: both a JSON5-like object and a settings block. */
export interface ObjectNode extends NodeBase {
  kind: 'Object';
  entries: ObjectEntry[];
}

export interface ArrayNode extends NodeBase {
  kind: 'Array';
  elements: Value[];
}

export type Value =
  | StringNode
  | NumberNode
  | DurationNode
  | SizeNode
  | BooleanNode
  | NullNode
  | WordNode
  | ParamNode
  | ObjectNode
  | ArrayNode;

// ---------------------------------------------------------------- top level

export interface DeviceDecl extends NodeBase {
  kind: 'Device';
  keyword: Range;
  value: Value | undefined;
}

export interface SecretDecl extends NodeBase {
  kind: 'Secret';
  keyword: Range;
  value: Value | undefined;
}

/** `octoprint { … }`, `webcam { … }`, `messages { … }`, `status { … }`. */
export interface BlockDecl extends NodeBase {
  kind: 'Block';
  keyword: Identifier; // name is 'octoprint' | 'webcam' | 'messages' | 'status'
  body: ObjectNode | undefined;
}

export interface OAuthDecl extends NodeBase {
  kind: 'OAuth';
  keyword: Range;
  name: Identifier | undefined;
  body: ObjectNode | undefined;
}

/** `printer mk3 { url … apiKey … device … }`: one OctoPrint instance of a print farm. */
export interface PrinterDecl extends NodeBase {
  kind: 'Printer';
  keyword: Range;
  name: Identifier | undefined;
  body: ObjectNode | undefined;
}

/** `from mk3, mini` after a hook's triggers: the printers whose events fire it. */
export interface FromClause extends NodeBase {
  kind: 'From';
  keyword: Range;
  names: Identifier[];
}

/** `PrintDone`, `Progress every 10%`. */
export interface TriggerNode extends NodeBase {
  kind: 'Trigger';
  name: Identifier;
  /** Present for `every N%`. */
  every?: NumberNode;
}

export interface HookDecl extends NodeBase {
  kind: 'Hook';
  keyword: Range;
  name: Identifier | undefined;
  triggers: TriggerNode[];
  /** Absent: the hook fires on events from every printer. */
  from?: FromClause;
  body: ObjectNode | undefined;
}

export type TopLevel = DeviceDecl | SecretDecl | BlockDecl | OAuthDecl | PrinterDecl | HookDecl;

export interface OhkFile extends NodeBase {
  kind: 'File';
  items: TopLevel[];
  /** Comments, kept for tools (folding, formatting); not used by the checker. */
  comments: Range[];
}
