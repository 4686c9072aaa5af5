// Lookups over the schema tables, shared by the checker (paths and filters), the language
// server (hovers, completions, did-you-mean) and the runtime (proving data conforms). Pure
// functions over plain data: nothing here reads files or knows about OctoPrint. Every function
// that resolves `ref`s takes the tables as its last argument, defaulting to the generated
// tables; tests pass small hand-written tables instead.

import type { SchemaField, SchemaTables, SchemaType, SchemaUnit } from './schema-types.js';
import { schemaTables } from './tables.js';

/** The kinds a JSON value can have at run time. */
export type ValueKind = 'number' | 'string' | 'boolean' | 'object' | 'array' | 'null';

const ALL_KINDS: readonly ValueKind[] = ['number', 'string', 'boolean', 'object', 'array', 'null'];
const UNKNOWN: SchemaType = { kind: 'unknown' };
const NEVER: SchemaType = { kind: 'union', types: [] };

/**
 * Follows `ref`s to the named type's definition. A ref to a name the tables lack, or a cycle
 * of aliases, resolves to `unknown` rather than throwing: the tables are generated, so either
 * would be a generator bug, and the checker must not crash on it.
 */
export function resolveType(type: SchemaType, tables: SchemaTables = schemaTables): SchemaType {
  let t = type;
  for (let hops = 0; t.kind === 'ref'; hops++) {
    const next = tables.types[t.name];
    if (!next || hops > 32) return UNKNOWN;
    t = next;
  }
  return t;
}

/**
 * The members of a type as a flat list of resolved, non-union types: `A | (B | null)` gives
 * `[A, B, null]`. A non-union type gives itself.
 */
export function unionMembers(type: SchemaType, tables: SchemaTables = schemaTables): SchemaType[] {
  const out: SchemaType[] = [];
  const visit = (t: SchemaType, depth: number): void => {
    const r = resolveType(t, tables);
    if (r.kind === 'union' && depth < 32) for (const m of r.types) visit(m, depth + 1);
    else out.push(r);
  };
  visit(type, 0);
  return out;
}

/** Builds a union, flattening nested unions and dropping duplicates; one member gives itself. */
export function unionOf(types: SchemaType[]): SchemaType {
  const flat: SchemaType[] = [];
  const seen = new Set<string>();
  for (const t of types) {
    for (const m of t.kind === 'union' ? t.types : [t]) {
      const key = JSON.stringify(m);
      if (seen.has(key)) continue;
      seen.add(key);
      flat.push(m);
    }
  }
  return flat.length === 1 ? flat[0] : { kind: 'union', types: flat };
}

/** Whether a value of this type can be null at run time (`X | null`, `unknown`). */
export function isNullable(type: SchemaType, tables: SchemaTables = schemaTables): boolean {
  return mayBe(type, 'null', tables);
}

/** The type without its null members (`string | null` gives `string`); `never` if only null. */
export function withoutNull(type: SchemaType, tables: SchemaTables = schemaTables): SchemaType {
  const r = resolveType(type, tables);
  if (r.kind === 'null') return NEVER;
  if (r.kind !== 'union') return type;
  if (!unionMembers(r, tables).some((m) => m.kind === 'null')) return type;
  const kept = r.types.filter((m) => resolveType(m, tables).kind !== 'null').map((m) => withoutNull(m, tables));
  return kept.length === 0 ? NEVER : unionOf(kept);
}

/** The result of looking a field up in a type. */
export interface FieldLookup {
  /** The field's type; where union members disagree, the union of their field types. */
  type: SchemaType;
  /**
   * `always`: every non-null member of the container declares it as required. `sometimes`:
   * it is optional, comes from an index signature (`Record<string, X>`), exists in only some
   * members of a union, or the container is `unknown`.
   */
  presence: 'always' | 'sometimes';
  /** JSDoc of the field (members' docs joined when they differ, as PrintFailed's `progress`). */
  doc?: string;
  /** The OctoPrint version that introduced it, when documented. */
  since?: string;
  /** What the number counts (members agreeing), from the schema's `@unit`. */
  unit?: SchemaUnit;
  /** The container itself may be null (`X | null`), so at run time the field may be missing. */
  containerNullable: boolean;
  /** Found through an index signature, not a declared field (`job.filament.tool0`). */
  fromIndex: boolean;
  /** The container is `unknown`: nothing is known about this field. */
  unknown: boolean;
}

function fieldOfMember(member: SchemaType, name: string): FieldLookup | undefined {
  if (member.kind === 'unknown') {
    return { type: UNKNOWN, presence: 'sometimes', containerNullable: false, fromIndex: false, unknown: true };
  }
  // `@extra.logs.0`: a whole-number segment indexes a list (which may be shorter: sometimes).
  if (member.kind === 'array') {
    return /^\d+$/.test(name)
      ? { type: member.element, presence: 'sometimes', containerNullable: false, fromIndex: true, unknown: false }
      : undefined;
  }
  if (member.kind !== 'object') return undefined;
  if (Object.prototype.hasOwnProperty.call(member.fields, name)) {
    const f: SchemaField = member.fields[name];
    const out: FieldLookup = {
      type: f.type,
      presence: f.optional ? 'sometimes' : 'always',
      containerNullable: false,
      fromIndex: false,
      unknown: false,
    };
    if (f.doc) out.doc = f.doc;
    if (f.since) out.since = f.since;
    if (f.unit) out.unit = f.unit;
    return out;
  }
  if (member.index) {
    return { type: member.index, presence: 'sometimes', containerNullable: false, fromIndex: true, unknown: false };
  }
  return undefined;
}

/**
 * Looks up `name` in `type`: a declared field, an index signature's value, or a field of some
 * members of a union. Null members are skipped (`JobInfo | null` has JobInfo's fields) and
 * reported as `containerNullable`. A whole-number name indexes an array (`logs.0`). Returns
 * undefined when no member can have the field (primitives, arrays with a non-number name).
 */
export function fieldOf(type: SchemaType, name: string, tables: SchemaTables = schemaTables): FieldLookup | undefined {
  const members = unionMembers(type, tables);
  const containerNullable = members.some((m) => m.kind === 'null');
  const nonNull = members.filter((m) => m.kind !== 'null');
  const found: FieldLookup[] = [];
  for (const m of nonNull) {
    const r = fieldOfMember(m, name);
    if (r) found.push(r);
  }
  if (found.length === 0) return undefined;
  const docs = [...new Set(found.map((f) => f.doc).filter((d): d is string => !!d))];
  const out: FieldLookup = {
    type: unionOf(found.map((f) => f.type)),
    presence: found.length === nonNull.length && found.every((f) => f.presence === 'always') ? 'always' : 'sometimes',
    containerNullable,
    fromIndex: found.every((f) => f.fromIndex),
    unknown: found.some((f) => f.unknown),
  };
  if (docs.length > 0) out.doc = docs.join('\n\n');
  const since = found.find((f) => f.since)?.since;
  if (since) out.since = since;
  const unit = found[0].unit;
  if (unit && found.every((f) => f.unit === unit)) out.unit = unit;
  return out;
}

/**
 * The declared field names of a type, across all members of a union, sorted: what completion
 * offers and what did-you-mean chooses from. Index signatures add no names.
 */
export function fieldNames(type: SchemaType, tables: SchemaTables = schemaTables): string[] {
  const names = new Set<string>();
  for (const m of unionMembers(type, tables)) {
    if (m.kind === 'object') for (const k of Object.keys(m.fields)) names.add(k);
  }
  return [...names].sort();
}

/** Whether the type (or, for a union, some member) has an index signature or is unknown: any name may exist. */
export function acceptsAnyField(type: SchemaType, tables: SchemaTables = schemaTables): boolean {
  return unionMembers(type, tables).some((m) => m.kind === 'unknown' || (m.kind === 'object' && !!m.index));
}

/** The result of following a whole path such as `job.file.name`. */
export type PathLookup =
  | {
      ok: true;
      /** The type at the end of the path. */
      type: SchemaType;
      /** `always` only if every step is always present. */
      presence: 'always' | 'sometimes';
      /** Some container along the way may be null, so the value may be missing at run time. */
      nullableOnTheWay: boolean;
      /** Some step went through `unknown`: the rest of the path is not checked. */
      unknown: boolean;
      /** The JSDoc of the last field. */
      doc?: string;
      since?: string;
      /** The last field's unit, when the schema gives one. */
      unit?: SchemaUnit;
    }
  | {
      ok: false;
      /** Index in `path` of the first segment that does not exist. */
      failedAt: number;
      /** The type that lacks it. */
      container: SchemaType;
      /** Declared field names of `container`, for did-you-mean. */
      candidates: string[];
    };

/** Follows `path` (field names) from `type`, one `fieldOf` per segment. */
export function lookupPath(type: SchemaType, path: readonly string[], tables: SchemaTables = schemaTables): PathLookup {
  let current = type;
  let presence: 'always' | 'sometimes' = 'always';
  let nullableOnTheWay = false;
  let unknown = false;
  let doc: string | undefined;
  let since: string | undefined;
  let unit: SchemaUnit | undefined;
  for (let i = 0; i < path.length; i++) {
    const r = fieldOf(current, path[i], tables);
    if (!r) return { ok: false, failedAt: i, container: current, candidates: fieldNames(current, tables) };
    if (r.presence === 'sometimes') presence = 'sometimes';
    if (r.containerNullable) nullableOnTheWay = true;
    if (r.unknown) unknown = true;
    doc = r.doc;
    since = r.since;
    unit = r.unit;
    current = r.type;
  }
  const out: PathLookup = { ok: true, type: current, presence, nullableOnTheWay, unknown };
  if (doc) out.doc = doc;
  if (since) out.since = since;
  if (unit) out.unit = unit;
  return out;
}

/**
 * The type of a parameter root for a trigger: `extra` is the trigger's payload (as declared,
 * `null` for events without one), every other root comes from `roots`. Undefined for a root
 * or trigger the tables do not know (`env` and oauth names are the checker's business).
 */
export function rootTypeFor(root: string, trigger: string, tables: SchemaTables = schemaTables): SchemaType | undefined {
  if (root === 'extra') return Object.prototype.hasOwnProperty.call(tables.events, trigger) ? tables.events[trigger].payload : undefined;
  return Object.prototype.hasOwnProperty.call(tables.roots, root) ? tables.roots[root].type : undefined;
}

/** The kinds of value a type allows at run time; `unknown` allows every kind, `never` none. */
export function kindsOf(type: SchemaType, tables: SchemaTables = schemaTables): Set<ValueKind> {
  const kinds = new Set<ValueKind>();
  for (const m of unionMembers(type, tables)) {
    switch (m.kind) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'null':
        kinds.add(m.kind);
        break;
      case 'literal':
        kinds.add(typeof m.value as 'string' | 'number' | 'boolean');
        break;
      case 'object':
        kinds.add('object');
        break;
      case 'array':
        kinds.add('array');
        break;
      case 'unknown':
        for (const k of ALL_KINDS) kinds.add(k);
        break;
      default:
        break;
    }
  }
  return kinds;
}

/** Whether a value of this type may be of `kind` at run time (a filter's input check). */
export function mayBe(type: SchemaType, kind: ValueKind, tables: SchemaTables = schemaTables): boolean {
  return kindsOf(type, tables).has(kind);
}

/** Whether every value of this type is one of `kinds` (false for `unknown`). */
export function mustBe(type: SchemaType, kinds: readonly ValueKind[], tables: SchemaTables = schemaTables): boolean {
  const actual = kindsOf(type, tables);
  if (actual.size === 0) return false;
  for (const k of actual) if (!kinds.includes(k)) return false;
  return true;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A type as a person reads it: `string | null`, `JobInfo`, `"local" | "sdcard"`,
 * `{ [key: string]: number }`, `string[]`. Named types print as their name; anonymous objects
 * show their first few fields.
 */
export function typeToString(type: SchemaType, maxFields = 4): string {
  switch (type.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'unknown':
      return type.kind;
    case 'literal':
      return JSON.stringify(type.value);
    case 'ref':
      return type.name;
    case 'array': {
      const inner = typeToString(type.element, maxFields);
      return type.element.kind === 'union' && type.element.types.length > 1 ? `(${inner})[]` : `${inner}[]`;
    }
    case 'union':
      return type.types.length === 0 ? 'never' : type.types.map((t) => typeToString(t, maxFields)).join(' | ');
    case 'object': {
      if (type.name) return type.name;
      const names = Object.keys(type.fields);
      const parts = names.slice(0, maxFields).map((n) => {
        const f = type.fields[n];
        return `${IDENT.test(n) ? n : JSON.stringify(n)}${f.optional ? '?' : ''}: ${typeToString(f.type, 2)}`;
      });
      if (names.length > maxFields) parts.push('…');
      if (type.index) parts.push(`[key: string]: ${typeToString(type.index, 2)}`);
      return parts.length === 0 ? '{}' : `{ ${parts.join('; ')} }`;
    }
  }
}

/** One way a value does not conform to a type. */
export interface Mismatch {
  /** Where, as a path from the checked value: `job.file.name`, `temps[0].bed.actual`; `""` for the value itself. */
  path: string;
  /** `missing`: a required field is absent; `type`: wrong kind or value; `unexpected`: a field the type does not declare. */
  problem: 'missing' | 'type' | 'unexpected';
  /** What the schema expects there. */
  expected: string;
  /** What the value has (`absent` for a missing field). */
  actual: string;
}

export interface ConformOptions {
  /** Accept fields the type does not declare (default false: they are reported as `unexpected`). */
  allowExtraFields?: boolean;
  /** A path to prefix every mismatch's path with (e.g. `"current"`). */
  path?: string;
}

function valueKind(value: unknown): ValueKind | 'undefined' | 'other' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'object':
      return typeof value as ValueKind;
    case 'undefined':
      return 'undefined';
    default:
      return 'other';
  }
}

function describe(value: unknown): string {
  const kind = valueKind(value);
  if (kind === 'object' || kind === 'array') return kind;
  if (kind === 'undefined' || kind === 'other') return String(value);
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const part = IDENT.test(key) ? key : JSON.stringify(key);
  if (!IDENT.test(key)) return `${base}[${part}]`;
  return base ? `${base}.${part}` : part;
}

/** Whether every field of an object member whose type is literal-only matches the value's field (when present). */
function discriminantsAgree(value: unknown, member: SchemaType, tables: SchemaTables): boolean {
  const m = resolveType(member, tables);
  if (m.kind !== 'object' || valueKind(value) !== 'object') return false;
  const obj = value as Record<string, unknown>;
  for (const [name, field] of Object.entries(m.fields)) {
    if (!Object.prototype.hasOwnProperty.call(obj, name)) continue;
    const literals = unionMembers(field.type, tables);
    if (literals.length === 0 || !literals.every((l) => l.kind === 'literal')) continue;
    if (!literals.some((l) => l.kind === 'literal' && l.value === obj[name])) return false;
  }
  return true;
}

function check(value: unknown, type: SchemaType, path: string, tables: SchemaTables, opts: ConformOptions, out: Mismatch[]): void {
  const t = resolveType(type, tables);
  const mismatch = (): void => {
    out.push({ path, problem: 'type', expected: typeToString(type), actual: describe(value) });
  };
  switch (t.kind) {
    case 'unknown':
      return;
    case 'string':
    case 'number':
    case 'boolean':
      if (typeof value !== t.kind) mismatch();
      return;
    case 'null':
      if (value !== null) mismatch();
      return;
    case 'literal':
      if (value !== t.value) mismatch();
      return;
    case 'array':
      if (!Array.isArray(value)) return mismatch();
      value.forEach((v, i) => check(v, t.element, joinPath(path, i), tables, opts, out));
      return;
    case 'object': {
      if (valueKind(value) !== 'object') return mismatch();
      const obj = value as Record<string, unknown>;
      for (const [name, field] of Object.entries(t.fields)) {
        const has = Object.prototype.hasOwnProperty.call(obj, name) && obj[name] !== undefined;
        if (!has) {
          if (!field.optional) {
            out.push({ path: joinPath(path, name), problem: 'missing', expected: typeToString(field.type), actual: 'absent' });
          }
          continue;
        }
        check(obj[name], field.type, joinPath(path, name), tables, opts, out);
      }
      for (const name of Object.keys(obj)) {
        if (Object.prototype.hasOwnProperty.call(t.fields, name) || obj[name] === undefined) continue;
        if (t.index) check(obj[name], t.index, joinPath(path, name), tables, opts, out);
        else if (!opts.allowExtraFields) {
          out.push({ path: joinPath(path, name), problem: 'unexpected', expected: 'no such field', actual: describe(obj[name]) });
        }
      }
      return;
    }
    case 'union': {
      if (t.types.length === 0) return mismatch();
      // Conforms if any member accepts it. Otherwise report against the closest member of the
      // value's kind, so a payload missing one field says which: members whose literal fields
      // (discriminants such as PrintFailed's `reason`) match the value first, then the one
      // with the fewest mismatches.
      const kind = valueKind(value);
      let best: { found: Mismatch[]; agrees: boolean } | undefined;
      for (const member of t.types) {
        const found: Mismatch[] = [];
        check(value, member, path, tables, opts, found);
        if (found.length === 0) return;
        if (kind !== 'other' && kind !== 'undefined' && !kindsOf(member, tables).has(kind)) continue;
        const agrees = discriminantsAgree(value, member, tables);
        if (!best || (agrees && !best.agrees) || (agrees === best.agrees && found.length < best.found.length)) {
          best = { found, agrees };
        }
      }
      if (best) out.push(...best.found);
      else mismatch();
      return;
    }
    case 'ref':
      // resolveType never returns a ref.
      return;
  }
}

/**
 * Checks a JSON value against a type and lists every mismatch with its path: absent required
 * fields, wrong kinds or literal values, and (unless `allowExtraFields`) fields the type does
 * not declare. An empty list means the value conforms. Used to prove recorded OctoPrint traffic
 * matches the schema, and by the runtime to spot servers that send something else.
 */
export function valueConforms(value: unknown, type: SchemaType, tables: SchemaTables = schemaTables, options: ConformOptions = {}): Mismatch[] {
  const out: Mismatch[] = [];
  check(value, type, options.path ?? '', tables, options, out);
  return out;
}

/** One line per mismatch, for test failures and logs: `job.file.size: expected number | null, got "12"`. */
export function formatMismatches(mismatches: readonly Mismatch[]): string {
  return mismatches
    .map((m) => {
      const where = m.path || '(value)';
      if (m.problem === 'missing') return `${where}: missing (expected ${m.expected})`;
      if (m.problem === 'unexpected') return `${where}: not in the schema (got ${m.actual})`;
      return `${where}: expected ${m.expected}, got ${m.actual}`;
    })
    .join('\n');
}
