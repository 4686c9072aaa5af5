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

/** `5MB`, `512KiB`: a count of bytes (conditions only; an image size is a SizeNode). */
export interface ByteSizeNode extends NodeBase {
  kind: 'ByteSize';
  bytes: number;
  raw: string;
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
  /** The body's settings; its `when` and `quiet` lines are in `conditions` and `quiet`. */
  body: ObjectNode | undefined;
  /** `when EXPR` lines, in order: all must hold. */
  conditions: WhenNode[];
  /** `quiet …` lines (more than one is an error the checker reports). */
  quiet: QuietNode[];
}

/** `timezone "Europe/Berlin"`. */
export interface TimezoneDecl extends NodeBase {
  kind: 'Timezone';
  keyword: Range;
  value: Value | undefined;
}

export type TopLevel = DeviceDecl | SecretDecl | BlockDecl | OAuthDecl | PrinterDecl | HookDecl | TimezoneDecl | QuietNode;

// ---------------------------------------------------------------- conditions and quiet hours

/** A value a condition compares. */
export type Operand = StringNode | NumberNode | DurationNode | ByteSizeNode | BooleanNode | NullNode | ParamNode;

export interface OperandList extends NodeBase {
  kind: 'List';
  elements: Operand[];
}

export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'contains' | 'matches';

/** `left OP right`; `in` takes a list, `matches` a string (the regular expression). */
export interface CompareNode extends NodeBase {
  kind: 'Compare';
  op: CompareOperator;
  opRange: Range;
  left: Operand;
  /** Missing only when the parser recovered from an error. */
  right: Operand | OperandList | undefined;
}

/** `a and b and c` or `a or b`: flat, so a long chain never makes a deep tree. */
export interface LogicNode extends NodeBase {
  kind: 'Logic';
  op: 'and' | 'or';
  operands: ConditionExpr[];
}

/** `not X` (`not not X` is X: the parser keeps one `not` per odd count). */
export interface NotNode extends NodeBase {
  kind: 'Not';
  operand: ConditionExpr;
}

/** `( X )`, kept so the reason a condition gives quotes what was written. */
export interface GroupNode extends NodeBase {
  kind: 'Group';
  inner: ConditionExpr;
}

/** A bare operand is a condition when it is a boolean (`when @meta.flag`). */
export type ConditionExpr = LogicNode | NotNode | GroupNode | CompareNode | Operand;

/** `when EXPR` in a hook body. */
export interface WhenNode extends NodeBase {
  kind: 'When';
  keyword: Range;
  condition: ConditionExpr | undefined;
}

export interface ClockTimeNode extends NodeBase {
  hour: number;
  minute: number;
}

/** `23:00-07:00`: wraps over midnight when `to` is earlier than `from`. */
export interface TimeRangeNode extends NodeBase {
  kind: 'TimeRange';
  from: ClockTimeNode;
  to: ClockTimeNode;
}

/** `quiet 23:00-07:00 except PrintFailed, Error` or `quiet off`, at the top level or in a hook. */
export interface QuietNode extends NodeBase {
  kind: 'Quiet';
  keyword: Range;
  /** Present for `quiet off`. */
  off?: Range;
  window?: TimeRangeNode;
  except: Identifier[];
}

export interface OhkFile extends NodeBase {
  kind: 'File';
  items: TopLevel[];
  /** Comments, kept for tools (folding, formatting); not used by the checker. */
  comments: Range[];
}
