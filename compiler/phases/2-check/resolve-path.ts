// What a parameter path resolves to, the one answer the checker and the language server share:
// which kind of root it starts from, the walk over the root's fields (once per trigger for
// `@extra`, the one root whose type differs per trigger), and from that walk the path's type,
// documentation and per-trigger presence. The checker proves each parameter with `resolvePath`
// and records `describeResolution` per segment in the semantic model (hover reads it there);
// completion asks for the choices at a prefix, the same walk stopped one step early.
import { schemaTables } from '../../schema/tables.js';
import type { SchemaType } from '../../schema/schema-types.js';
import { fieldNames, fieldOf, lookupPath, rootTypeFor, typeToString, unionOf, unionMembers, type PathLookup } from '../../schema/type-utils.js';
import { isTrigger } from './check-triggers.js';
import type { ParamScope } from './param-scope.js';
import type { OAuthInfo } from './semantic-model.js';

type OAuthBlocks = ReadonlyMap<string, OAuthInfo>;

const UNKNOWN: SchemaType = { kind: 'unknown' };

/** A root or field offered by completion. */
export interface FieldChoice {
  name: string;
  /** The type as a person reads it. */
  type: string;
  doc?: string;
  since?: string;
  /** May be absent or null at run time. */
  optional: boolean;
  /** For `@extra…`: the triggers whose payload has (and lacks) it. */
  presentFor?: string[];
  missingFor?: string[];
}

/** What a whole path (up to some segment) is. */
export interface PathInfo {
  /** False when no trigger's data has the path (the checker reports it). */
  exists: boolean;
  type: string;
  doc?: string;
  since?: string;
  /** The triggers whose data has (and lacks) the path; both empty outside hooks. */
  presentFor: string[];
  missingFor: string[];
  /** Present, but may be null or absent at run time (renders as `""`). */
  mayBeMissing: boolean;
  /** What kind of root it starts from, for the hover's wording. */
  root: Resolution['root'];
}

/** One trigger's walk of `@extra.…`; a trigger the tables do not know (a third-party plugin's event) has a payload of unknown shape. */
export interface PayloadWalk {
  trigger: string;
  lookup: PathLookup;
}

/** The root a path starts from and the walk below it. `rest` is the path without its root. */
export type Resolution =
  | { root: 'env'; rest: readonly string[] }
  | { root: 'snapshot'; rest: readonly string[] }
  | { root: 'oauth'; name: string; block: OAuthInfo; rest: readonly string[]; /** The answer field `rest[0]` names, when `returns` declares it. */ field?: { type: string } }
  | { root: 'extra'; rest: readonly string[]; walks: PayloadWalk[] }
  | { root: 'schema'; name: string; type: SchemaType; doc?: string; rest: readonly string[]; lookup: PathLookup }
  | { root: 'unknown'; name: string };

export function walkPayloads(rest: readonly string[], triggers: readonly string[]): PayloadWalk[] {
  return triggers.map((trigger) => ({ trigger, lookup: lookupPath(rootTypeFor('extra', trigger) ?? UNKNOWN, rest) }));
}

/** What `path` names where `scope` holds; an oauth block's name wins over a schema root of the same name, as in the checker. */
export function resolvePath(path: readonly string[], scope: Readonly<ParamScope>, oauthBlocks: OAuthBlocks): Resolution {
  const [root, ...rest] = path;
  if (root === 'env') return { root: 'env', rest };
  if (root === 'snapshot') return { root: 'snapshot', rest };
  if (root === 'extra') return { root: 'extra', rest, walks: walkPayloads(rest, scope.triggers) };
  const block = oauthBlocks.get(root);
  if (block) {
    const field = rest.length > 0 ? block.fields.get(rest[0]) : undefined;
    return field ? { root: 'oauth', name: root, block, rest, field } : { root: 'oauth', name: root, block, rest };
  }
  const field = Object.prototype.hasOwnProperty.call(schemaTables.roots, root) ? schemaTables.roots[root] : undefined;
  if (!field) return { root: 'unknown', name: root };
  const out: Resolution = { root: 'schema', name: root, type: field.type, rest, lookup: lookupPath(field.type, rest) };
  if (field.doc) out.doc = field.doc;
  return out;
}

const envDoc = "The runtime's environment: `@env.NAME` is read when the daemon starts; the compiled module never holds its value.";

/** Whether `@extra` can hold anything for this trigger; a third-party plugin event's payload is unknown, so it may. */
function hasPayload(trigger: string): boolean {
  const t = rootTypeFor('extra', trigger);
  if (t === undefined) return isTrigger(trigger);
  return unionMembers(t).some((m) => m.kind !== 'null');
}

function since(doc: string | undefined, v: string | undefined): string | undefined {
  return v ? `${doc ? `${doc}\n\n` : ''}Since OctoPrint ${v}.` : doc;
}

/** The roots a parameter may start with here, in the order the schema declares them. */
export function rootChoices(env: Readonly<ParamScope>, oauthBlocks: OAuthBlocks): FieldChoice[] {
  const out: FieldChoice[] = [];
  if (!env.envOnly) {
    for (const [name, field] of Object.entries(schemaTables.roots)) {
      if (name === 'snapshot' && env.position !== 'data-top') continue;
      if (name === 'message' && env.inMessage) continue;
      if (name === 'extra' && !env.triggers.some(hasPayload)) continue;
      if (name === 'percentCompleteMilestone' && !env.triggers.includes('Progress')) continue;
      const type = name === 'extra' ? extraRootType(env.triggers) : name === 'snapshot' ? 'image' : typeToString(field.type);
      out.push({ name, type, doc: field.doc, optional: false });
    }
    const oauth = env.oauth ? oauthBlocks.get(env.oauth) : undefined;
    if (oauth && env.oauth) out.push({ name: env.oauth, type: `oauth answer`, doc: oauthDoc(env.oauth, oauth.fields), optional: false });
  }
  out.push({ name: 'env', type: 'environment', doc: envDoc, optional: false });
  return out;
}

function extraRootType(triggers: readonly string[]): string {
  const payloads = triggers.map((t) => rootTypeFor('extra', t)).filter((t): t is SchemaType => !!t);
  return payloads.length === 0 ? 'unknown' : typeToString(unionOf(payloads));
}

function oauthDoc(name: string, returns: Map<string, { type: string }>): string {
  const fields = [...returns].map(([k, v]) => `\`${k}: ${v.type}\``).join(', ');
  return `The JSON answer of oauth block \`${name}\`${fields ? `: ${fields}` : ''}.`;
}

function choiceOf(name: string, type: SchemaType): FieldChoice | undefined {
  const f = fieldOf(type, name);
  if (!f) return undefined;
  return { name, type: typeToString(f.type), doc: since(f.doc, f.since), optional: f.presence === 'sometimes' || f.containerNullable };
}

/** The fields one level below `path` (its root included), for completion after a dot: the walk of `path`, then the names its end has. */
export function fieldChoices(path: readonly string[], env: Readonly<ParamScope>, oauthBlocks: OAuthBlocks, envNames: ReadonlySet<string>): FieldChoice[] {
  if (path.length === 0) return [];
  if (env.envOnly && path[0] !== 'env') return [];
  const r = resolvePath(path, env, oauthBlocks);
  switch (r.root) {
    case 'env':
      if (r.rest.length > 0) return [];
      return [...envNames].sort().map((name) => ({ name, type: 'string', doc: `The environment variable \`${name}\` (used elsewhere in this file).`, optional: false }));
    case 'oauth':
      if (r.name !== env.oauth || r.rest.length > 0) return [];
      return [...r.block.fields].map(([name, f]) => ({ name, type: f.type, doc: `A field of the answer of oauth block \`${r.name}\`.`, optional: false }));
    case 'extra':
      return extraFields(r.walks, env.triggers);
    case 'schema': {
      const l = r.lookup;
      if (!l.ok || l.unknown) return [];
      return fieldNames(l.type)
        .map((n) => choiceOf(n, l.type))
        .filter((c): c is FieldChoice => !!c);
    }
    default:
      return [];
  }
}

/** The union of the triggers' payload fields at the end of their walks, each with the triggers that have it. */
function extraFields(walks: readonly PayloadWalk[], triggers: readonly string[]): FieldChoice[] {
  const byName = new Map<string, { types: SchemaType[]; docs: Set<string>; present: string[]; optional: boolean; since?: string }>();
  for (const { trigger, lookup: r } of walks) {
    if (!r.ok || r.unknown) continue;
    for (const name of fieldNames(r.type)) {
      const f = fieldOf(r.type, name);
      if (!f) continue;
      const entry = byName.get(name) ?? { types: [], docs: new Set<string>(), present: [], optional: false };
      entry.types.push(f.type);
      if (f.doc) entry.docs.add(f.doc);
      entry.since ??= f.since;
      entry.present.push(trigger);
      if (f.presence === 'sometimes' || f.containerNullable) entry.optional = true;
      byName.set(name, entry);
    }
  }
  return [...byName]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, e]) => {
      const missing = triggers.filter((t) => !e.present.includes(t));
      const choice: FieldChoice = { name, type: typeToString(unionOf(e.types)), doc: since([...e.docs].join('\n\n') || undefined, e.since), optional: e.optional || missing.length > 0 };
      if (missing.length > 0) {
        choice.presentFor = e.present;
        choice.missingFor = missing;
      }
      return choice;
    });
}

/** What the path (all its segments) is in this place. */
export function describePath(path: readonly string[], scope: Readonly<ParamScope>, oauthBlocks: OAuthBlocks): PathInfo {
  return describeResolution(resolvePath(path, scope, oauthBlocks), scope.triggers);
}

interface AnswerNode {
  info?: PathInfo;
  next?: Map<string, AnswerNode>;
}

/** Answers that depend only on the schema tables, by triggers and then segment by segment; emptied now and then so a long editing session cannot grow it without end. */
const shared = new Map<string, AnswerNode>();
let sharedCount = 0;
const sharedMax = 20_000;

/**
 * What each prefix of the path is (the root alone, then one segment more each time): what the
 * semantic model records per parameter. Files name the same few paths again and again
 * (`@extra`, `@job.file`, `@env.TOKEN`), and the editor re-checks on every keystroke, so the
 * answers that depend only on the schema are shared. `whole` is the checker's resolution of the whole path.
 */
export function describePrefixes(path: readonly string[], scope: Readonly<ParamScope>, oauthBlocks: OAuthBlocks, whole: Resolution): PathInfo[] {
  const answer = (i: number): PathInfo => (i === path.length - 1 ? describeResolution(whole, scope.triggers) : describePath(path.slice(0, i + 1), scope, oauthBlocks));
  // An oauth block's answers are the file's own and grow as the check reads it (and a name unknown so far may be one later).
  if (whole.root === 'oauth' || whole.root === 'unknown') return path.map((_, i) => answer(i));
  if (sharedCount > sharedMax) {
    shared.clear();
    sharedCount = 0;
  }
  const triggers = scope.triggers.join(',');
  let node = shared.get(triggers);
  if (!node) shared.set(triggers, (node = {}));
  const out: PathInfo[] = [];
  for (let i = 0; i < path.length; i++) {
    node.next ??= new Map();
    let child = node.next.get(path[i]);
    if (!child) {
      node.next.set(path[i], (child = {}));
      sharedCount++;
    }
    child.info ??= answer(i);
    out.push(child.info);
    node = child;
  }
  return out;
}

export function describeResolution(r: Resolution, triggers: readonly string[]): PathInfo {
  const all = (exists: boolean): Pick<PathInfo, 'presentFor' | 'missingFor'> => (exists ? { presentFor: [...triggers], missingFor: [] } : { presentFor: [], missingFor: [...triggers] });
  switch (r.root) {
    case 'env': {
      const doc = r.rest.length === 0 ? envDoc : `The environment variable \`${r.rest[0]}\`, read when the daemon starts; the compiled module never holds its value.`;
      return { exists: r.rest.length <= 1, type: r.rest.length === 0 ? 'environment' : 'string', doc, ...all(r.rest.length <= 1), mayBeMissing: false, root: 'env' };
    }
    case 'oauth': {
      const returns = r.block.fields;
      if (r.rest.length === 0) return { exists: true, type: 'oauth answer', doc: oauthDoc(r.name, returns), ...all(true), mayBeMissing: false, root: 'oauth' };
      const exists = !!r.field && r.rest.length === 1;
      return { exists, type: r.field?.type ?? 'unknown', doc: `A field of the answer of oauth block \`${r.name}\` (declared in its \`returns\`).`, ...all(exists), mayBeMissing: false, root: 'oauth' };
    }
    case 'snapshot':
      return { exists: r.rest.length === 0, type: 'image', doc: schemaTables.roots.snapshot?.doc, ...all(r.rest.length === 0), mayBeMissing: true, root: 'snapshot' };
    case 'extra':
      return describeExtra(r.rest, r.walks);
    case 'unknown':
      return { exists: false, type: 'unknown', presentFor: [], missingFor: [], mayBeMissing: false, root: 'unknown' };
    case 'schema': {
      if (r.rest.length === 0) return { exists: true, type: typeToString(r.type), doc: r.doc, ...all(true), mayBeMissing: false, root: 'schema' };
      const l = r.lookup;
      if (!l.ok) return { exists: false, type: 'unknown', ...all(false), mayBeMissing: false, root: 'schema' };
      const info: PathInfo = { exists: true, type: l.unknown ? 'unknown' : typeToString(l.type), ...all(true), mayBeMissing: l.presence === 'sometimes' || l.nullableOnTheWay, root: 'schema' };
      if (l.doc) info.doc = l.doc;
      if (l.since) info.since = l.since;
      return info;
    }
  }
}

function describeExtra(rest: readonly string[], walks: readonly PayloadWalk[]): PathInfo {
  const types: SchemaType[] = [];
  const present: string[] = [];
  const missing: string[] = [];
  const docs = new Set<string>();
  let mayBeMissing = false;
  let sinceVersion: string | undefined;
  for (const { trigger, lookup: r } of walks) {
    if (!r.ok) {
      missing.push(trigger);
      continue;
    }
    present.push(trigger);
    types.push(r.unknown ? UNKNOWN : r.type);
    if (rest.length === 0) docs.add(schemaTables.events[trigger]?.doc ?? '');
    else if (r.doc) docs.add(r.doc);
    if (r.presence === 'sometimes' || r.nullableOnTheWay) mayBeMissing = true;
    sinceVersion ??= r.since;
  }
  const doc = rest.length === 0 ? schemaTables.roots.extra?.doc : [...docs].filter(Boolean).join('\n\n') || undefined;
  const info: PathInfo = {
    exists: present.length > 0 || walks.length === 0,
    type: types.length > 0 ? typeToString(unionOf(types)) : 'unknown',
    presentFor: present,
    missingFor: missing,
    mayBeMissing: mayBeMissing || missing.length > 0,
    root: 'extra',
  };
  if (doc) info.doc = doc;
  if (sinceVersion) info.since = sinceVersion;
  return info;
}
