// What the checker learned about the file besides its diagnostics, for the editor features:
// every setting it read with its spec from the settings table, every parameter it proved
// with the scope it stood in, the type it came out as and what each prefix of its path
// resolved to (resolve-path.ts, presence per trigger included), and every value it read with the
// scope its parameters had (so a parameter still being typed inside it gets the same scope).
import type { ObjectEntry, ParamNode } from '../../../grammar/ast.js';
import type { Range } from '../../../language/range.js';
import type { SettingSpec } from '../../../language/settings-table.js';
import type { SchemaType } from '../../schema/schema-types.js';
import type { ParamScope } from './param-scope.js';
import type { PathInfo } from './resolve-path.js';

export interface SettingUse {
  spec: SettingSpec;
  entry: ObjectEntry;
  /** The hook, oauth block or top-level block the setting is in. */
  owner: string;
}

export interface ParamUse {
  param: ParamNode;
  scope: Readonly<ParamScope>;
  /** The value's type after its filters (`unknown` where the schema cannot say). */
  type: SchemaType;
  /**
   * What each prefix of the path resolved to when the checker proved it: `[0]` the root alone,
   * `[i]` the path up to segment i, each with its type, documentation and per-trigger presence.
   * Parameters naming the same prefix share its answer, so it is read, never changed.
   */
  resolved: Readonly<PathInfo>[];
  /** For `@NAME.…` of an oauth block: the block it resolved to. */
  oauth?: string;
}

/** A value the checker read, and the scope its parameters have there. */
export interface ScopeRegion {
  range: Range;
  scope: Readonly<ParamScope>;
}

export interface HookScope {
  name: string;
  range: Range;
  triggers: string[];
  oauth: string | null;
}

/** An oauth block as hooks see it: where it is named, and the answer fields its `returns` declares. */
export interface OAuthInfo {
  name: string;
  nameRange: Range;
  fields: Map<string, { type: string; keyRange: Range }>;
}

/** A printer block as hooks and `@printer` see it. */
export interface PrinterInfo {
  name: string;
  nameRange: Range;
  /** Its `device` when that is plain text, for hovers. */
  device: string | null;
}

export interface SemanticModel {
  settings: SettingUse[];
  params: ParamUse[];
  regions: ScopeRegion[];
  hooks: HookScope[];
  /** The file's oauth blocks by name (the first of a name). */
  oauth: Map<string, OAuthInfo>;
  /** The file's printer blocks by name (the first of a name). */
  printers: Map<string, PrinterInfo>;
}

export function emptySemanticModel(): SemanticModel {
  return { settings: [], params: [], regions: [], hooks: [], oauth: new Map(), printers: new Map() };
}

function width(r: Range): number {
  return r.end.offset - r.start.offset;
}

function holds(r: Range, offset: number): boolean {
  return r.start.offset <= offset && offset <= r.end.offset;
}

/** The innermost value read at `offset`, with its scope. */
export function scopeAt(model: SemanticModel, offset: number): ScopeRegion | undefined {
  let best: ScopeRegion | undefined;
  for (const r of model.regions) if (holds(r.range, offset) && (!best || width(r.range) <= width(best.range))) best = r;
  return best;
}

/** The parameter whose text holds `offset` (its end included, as a cursor after it). */
export function paramAt(model: SemanticModel, offset: number): ParamUse | undefined {
  return model.params.find((p) => holds(p.param.range, offset));
}

/** The setting whose name is at `offset`. */
export function settingAt(model: SemanticModel, offset: number): SettingUse | undefined {
  let best: SettingUse | undefined;
  for (const s of model.settings) {
    const k = s.entry.key.range;
    if (k.start.offset <= offset && offset < k.end.offset && (!best || width(k) < width(best.entry.key.range))) best = s;
  }
  return best;
}
