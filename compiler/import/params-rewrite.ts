// The plugin's `@param` reading (docs/plugin-compatibility.md#how-the-plugin-reads-name),
// replayed statically so that
// each value is translated into what the plugin actually did with it:
// - a name runs from `@` to the next space (in URLs: the next `/`, space, `?` or `#`), so
//   `"@deviceIdentifier, hi"` looked up `deviceIdentifier,`, found nothing and sent `" hi"`;
// - a name is looked up in the value table: the schema roots, then — for a hook with OAuth —
//   the token answer's keys (`@access_token` → `@NAME.access_token`); a miss is `""`;
// - a string that is exactly one `@name` inserts the value with its type;
// - `str.replace` rewrote every occurrence of a token, also as the start of a longer one
//   (`@p1` inside `@p10`).
// What octohook cannot or should not copy comes back as notes for a `//` comment: a literal
// `@` the plugin ate (`me@example.com`), a prefix collision, Python's repr of a non-string
// inside text, a name the plugin could not resolve.
import { schemaTables } from '../schema/tables.js';
import type { SchemaType } from '../schema/schema-types.js';
import { lookupPath, mayBe, rootTypeFor, unionOf } from '../schema/type-utils.js';
import type { OhkValue, TemplatePart } from './ohk-model.js';

export type ParamMode = 'data' | 'header' | 'url' | 'message';

export interface ParamContext {
  mode: ParamMode;
  /** The hook's octohook triggers, for `@extra.…`. */
  triggers: string[];
  /** The hook's oauth block, when the plugin had OAuth on for it. */
  oauth: string | null;
  /** Private-use markers in the text that stand for `@env.NAME` (secrets taken out earlier). */
  envMarkers?: Map<string, string>;
}

export interface Rewritten {
  value: OhkValue;
  notes: string[];
}

type Resolved = { ok: true; path: string[]; type: SchemaType | null } | { ok: false; why: string };

const rootNames = new Set(Object.keys(schemaTables.roots));
const rootSegment = /^[A-Za-z_][A-Za-z0-9_]*$/;
const laterSegment = /^[A-Za-z0-9_]+$/;
export const ENV_MARKER = /\uE000(\d+)\uE001/g;

function show(s: string): string {
  return JSON.stringify(s);
}

/** The type at a path, or undefined when no trigger of the hook has it. */
function typeAt(root: string, rest: string[], triggers: string[]): SchemaType | null | undefined {
  if (root === 'extra') {
    if (rest.length === 0) return null;
    const found: SchemaType[] = [];
    for (const t of triggers) {
      const base = rootTypeFor('extra', t);
      if (!base) continue;
      const r = lookupPath(base, rest);
      if (r.ok) found.push(r.type);
    }
    return found.length > 0 ? unionOf(found) : undefined;
  }
  const r = lookupPath(schemaTables.roots[root].type, rest);
  return r.ok ? (r.unknown ? null : r.type) : undefined;
}

function resolve(name: string, ctx: ParamContext, midWord = false): Resolved {
  const segments = name.split('.');
  const root = segments[0];
  const wellFormed = rootSegment.test(root) && segments.slice(1).every((s) => laterSegment.test(s));
  if (root === 'snapshot') return { ok: false, why: "'@snapshot' is the image only as a whole top-level data value; anywhere else the plugin sent \"\"" };
  if (root === 'message' && ctx.mode === 'message') return { ok: false, why: "a message that names '@message' made the plugin loop forever" };
  if (rootNames.has(root) && wellFormed) {
    const type = typeAt(root, segments.slice(1), ctx.triggers);
    if (type === undefined) return { ok: false, why: `'@${name}' is not a value OctoPrint has for this hook's events, so the plugin sent ""` };
    return { ok: true, path: segments, type };
  }
  // Mid-word (`me@example.com`) only a real root counts: an address is not an OAuth key.
  if (ctx.oauth && wellFormed && !midWord) return { ok: true, path: [ctx.oauth, ...segments], type: null };
  if (!wellFormed) {
    const prefix = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*/.exec(name)?.[0];
    if (prefix && (rootNames.has(prefix.split('.')[0]) || ctx.oauth)) {
      return {
        ok: false,
        why: `the plugin's parameter names end only at a ${ctx.mode === 'url' ? "'/', '?', '#' or space" : 'space'}, so '@${name}' looked up '${name}' and sent ""; here it is left out too. In octohook '@${name}' would send '@${prefix}' (its names end at the first character that cannot continue them)`,
      };
    }
  }
  return { ok: false, why: `'@${name}' is not a parameter${ctx.oauth ? ' (nor, as far as can be told, a key of the OAuth answer)' : ''}, so the plugin sent "" for it; write '@@' for a literal '@'` };
}

/** The schema type of a parameter path (null: unknown, as for oauth answers; undefined: no such path). */
export function typeOfPath(path: string[], triggers: string[]): SchemaType | null | undefined {
  const [root, ...rest] = path;
  if (!rootNames.has(root)) return null;
  return typeAt(root, rest, triggers);
}

/** Whether Python's str() of this value differs from octohook's text of it (None, True, repr of dicts). */
function oddInText(type: SchemaType | null): boolean {
  return !!type && (['object', 'array', 'boolean', 'null'] as const).some((k) => mayBe(type, k));
}

function terminator(ctx: ParamContext): RegExp {
  return ctx.mode === 'url' ? /[/ ?#]/ : / /;
}

function isLetterOrDigit(ch: string | undefined): boolean {
  return !!ch && /[\p{L}\p{Nl}\p{N}]/u.test(ch);
}

/** Splits text at env markers into text and `@env.NAME` parts. */
function withEnv(textIn: string, ctx: ParamContext, into: TemplatePart[]): void {
  let last = 0;
  for (const m of textIn.matchAll(ENV_MARKER)) {
    if (m.index! > last) into.push({ kind: 'text', text: textIn.slice(last, m.index) });
    const name = ctx.envMarkers?.get(m[1]) ?? 'UNKNOWN';
    into.push({ kind: 'param', path: ['env', name] });
    last = m.index! + m[0].length;
  }
  if (last < textIn.length) into.push({ kind: 'text', text: textIn.slice(last) });
}

function merge(parts: TemplatePart[]): TemplatePart[] {
  const out: TemplatePart[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (p.kind === 'text' && prev?.kind === 'text') prev.text += p.text;
    else if (p.kind !== 'text' || p.text !== '') out.push(p.kind === 'text' ? { ...p } : p);
  }
  return out;
}

/** Translates one plugin string value (data, header, URL or message) with the plugin's reading in mind. */
export function rewriteString(s: string, ctx: ParamContext): Rewritten {
  const notes: string[] = [];
  const term = terminator(ctx);

  // Exactly one `@name`: the value with its type (in data; headers, URLs and messages are text).
  if (s.startsWith('@') && s.length > 1 && !term.test(s) && s.indexOf('@', 1) < 0) {
    const r = resolve(s.slice(1), ctx);
    if (r.ok) return { value: ctx.mode === 'data' ? { kind: 'param', path: r.path } : { kind: 'template', parts: [{ kind: 'param', path: r.path }] }, notes };
    if (/^[A-Za-z_]/.test(s.slice(1))) {
      notes.push(r.why);
      return { value: { kind: 'template', parts: [] }, notes };
    }
  }

  const parts: TemplatePart[] = [];
  const reprs = new Set<string>();
  let i = 0;
  while (i < s.length) {
    const k = s.indexOf('@', i);
    if (k < 0) {
      withEnv(s.slice(i), ctx, parts);
      break;
    }
    withEnv(s.slice(i, k), ctx, parts);
    let end = k + 1;
    while (end < s.length && !term.test(s[end])) end++;
    const token = s.slice(k, end);
    const name = token.slice(1);
    const midWord = isLetterOrDigit(s[k - 1]);
    const r = resolve(name, ctx, midWord);

    if (r.ok) {
      parts.push({ kind: 'param', path: r.path });
      if (oddInText(r.type)) reprs.add('@' + r.path.join('.'));
    } else if (midWord || !/^[A-Za-z_]/.test(name)) {
      // A literal '@' (an address, a lone '@'): the plugin ate the token; octohook keeps the text.
      withEnv(token, ctx, parts);
      notes.push(`the plugin dropped ${show(token)} from this text (it read it as a parameter that does not exist); octohook keeps it as written`);
    } else {
      notes.push(r.why);
    }

    // `str.replace` also rewrote the token where it starts a longer one.
    for (let at = s.indexOf(token, end); at >= 0; at = s.indexOf(token, at + 1)) {
      const after = s[at + token.length];
      if (after !== undefined && !term.test(after)) {
        const longer = s.slice(at, s.slice(at).search(term) < 0 ? s.length : at + s.slice(at).search(term));
        notes.push(`the plugin also replaced ${show(token)} inside ${show(longer)} (its str.replace() matched the longer name's start); octohook reads ${show(longer)} on its own`);
        break;
      }
    }
    i = end;
  }
  if (reprs.size > 0) {
    notes.push(`inside text the plugin wrote ${[...reprs].join(', ')} with Python's str() (None, True, {'a': 1}); octohook writes "", true and JSON`);
  }
  return { value: { kind: 'template', parts: merge(parts) }, notes };
}

/** Text that the plugin never read for parameters (OAuth settings): every '@' is literal. */
export function literalText(s: string, ctx: Pick<ParamContext, 'envMarkers'>): OhkValue {
  const parts: TemplatePart[] = [];
  withEnv(s, { mode: 'data', triggers: [], oauth: null, ...ctx }, parts);
  const merged = merge(parts);
  if (merged.length === 1 && merged[0].kind === 'param') return { kind: 'param', path: merged[0].path };
  return { kind: 'template', parts: merged };
}
