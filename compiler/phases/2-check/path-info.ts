// What a parameter path means in the scope the checker gave it (param-scope.ts, recorded in
// the semantic model): the roots it may start with, the fields one level further, and the
// type, documentation and per-trigger presence of the path itself, for the editor. Every
// answer comes from the schema tables and the oauth blocks as the checker read them; `@extra`
// is the one root whose type differs per trigger, so it is looked up once per trigger and merged.
import { schemaTables } from '../../schema/tables.js';
import type { SchemaType } from '../../schema/schema-types.js';
import { fieldNames, fieldOf, lookupPath, rootTypeFor, typeToString, unionOf, unionMembers } from '../../schema/type-utils.js';
import { isTrigger } from './check-triggers.js';
import type { ParamScope } from './param-scope.js';
import type { OAuthInfo } from './semantic-model.js';

type OAuthBlocks = ReadonlyMap<string, OAuthInfo>;

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
  root: 'schema' | 'extra' | 'env' | 'oauth' | 'snapshot' | 'unknown';
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

/** The fields one level below `path` (its root included), for completion after a dot. */
export function fieldChoices(path: readonly string[], env: Readonly<ParamScope>, oauthBlocks: OAuthBlocks, envNames: ReadonlySet<string>): FieldChoice[] {
  const [root, ...rest] = path;
  if (root === undefined) return [];
  if (root === 'env') {
    if (rest.length > 0) return [];
    return [...envNames].sort().map((name) => ({ name, type: 'string', doc: `The environment variable \`${name}\` (used elsewhere in this file).`, optional: false }));
  }
  if (!env.envOnly && root === env.oauth) {
    const decl = oauthBlocks.get(root);
    if (!decl || rest.length > 0) return [];
    return [...decl.fields].map(([name, r]) => ({ name, type: r.type, doc: `A field of the answer of oauth block \`${root}\`.`, optional: false }));
  }
  if (env.envOnly) return [];
  if (root === 'extra') return extraFields(rest, env.triggers);
  const field = schemaTables.roots[root];
  if (!field || root === 'snapshot') return [];
  const r = lookupPath(field.type, rest);
  if (!r.ok || r.unknown) return [];
  return fieldNames(r.type)
    .map((n) => choiceOf(n, r.type))
    .filter((c): c is FieldChoice => !!c);
}

/** The union of the triggers' payload fields below `rest`, each with the triggers that have it. */
function extraFields(rest: readonly string[], triggers: readonly string[]): FieldChoice[] {
  const byName = new Map<string, { types: SchemaType[]; docs: Set<string>; present: string[]; optional: boolean; since?: string }>();
  const reachable: string[] = [];
  for (const trigger of triggers) {
    const base = rootTypeFor('extra', trigger);
    if (!base) continue;
    const r = lookupPath(base, rest);
    if (!r.ok || r.unknown) continue;
    reachable.push(trigger);
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
export function describePath(path: readonly string[], env: Readonly<ParamScope>, oauthBlocks: OAuthBlocks): PathInfo {
  const [root, ...rest] = path;
  const all = (exists: boolean): Pick<PathInfo, 'presentFor' | 'missingFor'> => (exists ? { presentFor: [...env.triggers], missingFor: [] } : { presentFor: [], missingFor: [...env.triggers] });
  if (root === 'env') {
    const doc = rest.length === 0 ? envDoc : `The environment variable \`${rest[0]}\`, read when the daemon starts; the compiled module never holds its value.`;
    return { exists: rest.length <= 1, type: rest.length === 0 ? 'environment' : 'string', doc, ...all(rest.length <= 1), mayBeMissing: false, root: 'env' };
  }
  const oauth = oauthBlocks.get(root);
  if (oauth && !schemaTables.roots[root]) {
    const returns = oauth.fields;
    if (rest.length === 0) return { exists: true, type: 'oauth answer', doc: oauthDoc(root, returns), ...all(true), mayBeMissing: false, root: 'oauth' };
    const f = returns.get(rest[0]);
    const exists = !!f && rest.length === 1;
    return { exists, type: f?.type ?? 'unknown', doc: `A field of the answer of oauth block \`${root}\` (declared in its \`returns\`).`, ...all(exists), mayBeMissing: false, root: 'oauth' };
  }
  if (root === 'snapshot') {
    return { exists: rest.length === 0, type: 'image', doc: schemaTables.roots.snapshot?.doc, ...all(rest.length === 0), mayBeMissing: true, root: 'snapshot' };
  }
  if (root === 'extra') return describeExtra(rest, env.triggers);
  const field = schemaTables.roots[root];
  if (!field) return { exists: false, type: 'unknown', presentFor: [], missingFor: [], mayBeMissing: false, root: 'unknown' };
  if (rest.length === 0) return { exists: true, type: typeToString(field.type), doc: field.doc, ...all(true), mayBeMissing: false, root: 'schema' };
  const r = lookupPath(field.type, rest);
  if (!r.ok) return { exists: false, type: 'unknown', ...all(false), mayBeMissing: false, root: 'schema' };
  const info: PathInfo = { exists: true, type: r.unknown ? 'unknown' : typeToString(r.type), ...all(true), mayBeMissing: r.presence === 'sometimes' || r.nullableOnTheWay, root: 'schema' };
  if (r.doc) info.doc = r.doc;
  if (r.since) info.since = r.since;
  return info;
}

function describeExtra(rest: readonly string[], triggers: readonly string[]): PathInfo {
  const types: SchemaType[] = [];
  const present: string[] = [];
  const missing: string[] = [];
  const docs = new Set<string>();
  let mayBeMissing = false;
  let sinceVersion: string | undefined;
  for (const trigger of triggers) {
    const base = rootTypeFor('extra', trigger);
    const r = base ? lookupPath(base, rest) : undefined;
    if (!r || !r.ok) {
      missing.push(trigger);
      continue;
    }
    present.push(trigger);
    types.push(r.unknown ? { kind: 'unknown' } : r.type);
    if (rest.length === 0) docs.add(schemaTables.events[trigger]?.doc ?? '');
    else if (r.doc) docs.add(r.doc);
    if (r.presence === 'sometimes' || r.nullableOnTheWay) mayBeMissing = true;
    sinceVersion ??= r.since;
  }
  const doc = rest.length === 0 ? schemaTables.roots.extra?.doc : [...docs].filter(Boolean).join('\n\n') || undefined;
  const info: PathInfo = {
    exists: present.length > 0 || triggers.length === 0,
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
