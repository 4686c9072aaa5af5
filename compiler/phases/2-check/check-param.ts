// Proves one `@path | filter…` against the schema of every trigger the hook listens to.
// Returns the type the value has after its filters, for the checks that care (headers,
// GET bodies); `unknown` wherever the schema cannot say.
import type { ParamNode, PathSegment } from '../../../grammar/ast.js';
import type { Range } from '../../../language/range.js';
import { schemaTables } from '../../schema/tables.js';
import type { SchemaType } from '../../schema/schema-types.js';
import { closestName } from '../../schema/did-you-mean.js';
import { pluginTriggers } from '../../../language/plugin-triggers.js';
import { acceptsAnyField, fieldOf, mustBe, rootTypeFor, typeToString, unionOf, type PathLookup } from '../../schema/type-utils.js';
import type { CheckContext } from './check-context.js';
import { checkFilters } from './check-filters.js';
import type { ParamScope } from './param-scope.js';
import { describePrefixes, resolvePath, type PayloadWalk, type Resolution } from './resolve-path.js';
import { diag } from '../../../language/diagnostic.js';

const UNKNOWN: SchemaType = { kind: 'unknown' };
const STRING: SchemaType = { kind: 'string' };

function span(a: PathSegment, b: PathSegment): Range {
  return { start: a.range.start, end: b.range.end };
}

/** The roots a user can name: the schema's, `env`, and the file's oauth blocks. */
export function rootNames(ctx: CheckContext): string[] {
  return [...Object.keys(schemaTables.roots), 'env', ...ctx.oauth.keys()];
}

type Walk = { ok: true; type: SchemaType } | { ok: false; at: number; parent: SchemaType; scalar: boolean; candidates: string[] };

/** A lookup of segments[1…] as the checker reads it: where it stopped, and whether what it stopped at takes fields at all. */
function walked(r: PathLookup): Walk {
  if (r.ok) return { ok: true, type: r.unknown ? UNKNOWN : r.type };
  const scalar = r.candidates.length === 0 && !acceptsAnyField(r.container);
  return { ok: false, at: r.failedAt + 1, parent: r.container, scalar, candidates: r.candidates };
}

function pathText(segments: PathSegment[], upTo: number): string {
  return segments.slice(0, upTo).map((s) => s.name).join('.');
}

function reportWalkFailure(ctx: CheckContext, segments: PathSegment[], w: Extract<Walk, { ok: false }>): void {
  const seg = segments[w.at];
  const parentPath = pathText(segments, w.at);
  if (w.scalar) {
    ctx.report(diag.fieldOfScalar(span(segments[0], seg), { path: parentPath, type: typeToString(w.parent) }));
  } else {
    ctx.report(diag.unknownField(seg.range, { name: seg.name, parent: parentPath }, { didYouMean: closestName(seg.name, w.candidates) }));
  }
}

/** Proves the parameter and records it in the semantic model with what each prefix of its path is (the walk it was proved by). */
export function checkParam(ctx: CheckContext, param: ParamNode, scope: ParamScope): SchemaType {
  const path = param.segments.map((s) => s.name);
  const resolution = path.length > 0 ? resolvePath(path, scope, ctx.semantic.oauth) : undefined;
  const type = resolution && !param.recovered ? proveParam(ctx, param, scope, resolution) : UNKNOWN;
  const resolved = resolution ? describePrefixes(path, scope, ctx.semantic.oauth, resolution) : [];
  ctx.semantic.params.push(resolution?.root === 'oauth' ? { param, scope, type, resolved, oauth: resolution.name } : { param, scope, type, resolved });
  return type;
}

function proveParam(ctx: CheckContext, param: ParamNode, scope: ParamScope, r: Resolution): SchemaType {
  const segments = param.segments;
  const root = segments[0];
  const whole: Range = param.range;

  if (scope.envOnly && root.name !== 'env') {
    ctx.report(diag.onlyEnvHere(whole, { place: scope.envOnly }));
    return UNKNOWN;
  }
  scope.uses?.add(root.name);

  let type: SchemaType;
  switch (r.root) {
    case 'env': {
      if (segments.length < 2) {
        ctx.report(diag.envNeedsName(whole));
        return UNKNOWN;
      }
      if (segments.length > 2) ctx.report(diag.envTooDeep(span(segments[2], segments[segments.length - 1]), { name: segments[1].name }));
      ctx.env.add(segments[1].name);
      type = STRING;
      break;
    }
    case 'snapshot': {
      if (scope.position === 'text' || scope.position === 'url') ctx.report(diag.snapshotInTemplate(whole));
      else if (scope.position !== 'data-top') ctx.report(diag.snapshotNested(whole));
      if (segments.length > 1) ctx.report(diag.fieldOfScalar(span(segments[0], segments[1]), { path: 'snapshot', type: 'an image' }));
      if (param.filters.length > 0) ctx.report(diag.snapshotWithFilter(param.filters[0].range));
      return UNKNOWN;
    }
    case 'extra': {
      type = checkExtra(ctx, segments, r.walks, scope.triggers, scope.position === 'condition');
      break;
    }
    case 'oauth': {
      if (scope.oauth !== root.name) ctx.report(diag.oauthNotUsed(root.range, { name: root.name }));
      ctx.usedOAuth.add(root.name);
      type = walkOAuth(ctx, segments, r);
      break;
    }
    case 'unknown': {
      ctx.report(diag.unknownRoot(root.range, { name: root.name }, { didYouMean: closestName(root.name, rootNames(ctx)) }));
      return UNKNOWN;
    }
    case 'schema': {
      if (root.name === 'message' && scope.inMessage) ctx.report(diag.messageCycle(whole));
      if (root.name === 'percentCompleteMilestone' && scope.triggers.length > 0 && !scope.triggers.includes('Progress')) {
        ctx.report(diag.emptyMilestone(whole));
      }
      if (root.name === 'apiSecret' && scope.position === 'url') ctx.report(diag.secretInUrl(whole, { subject: "'@apiSecret'" }));
      const w = walked(r.lookup);
      if (!w.ok) {
        reportWalkFailure(ctx, segments, w);
        return UNKNOWN;
      }
      type = w.type;
      if (segments.length === 1 && (scope.position === 'text' || scope.position === 'url') && param.filters.length === 0 && mustBeObject(type)) {
        const replacement = `@{${root.name} | json}`;
        ctx.report(diag.rootWithoutPath(whole, { name: root.name, type: typeToString(type) }, { suggestions: [{ title: "Add '| json'", range: whole, replacement }] }));
      }
    }
  }
  return checkFilters(ctx, param, type, pathText(segments, segments.length));
}

/** `@extra…` differs per trigger: an error when no trigger has it, a warning naming those without. */
function checkExtra(ctx: CheckContext, segments: PathSegment[], walks: readonly PayloadWalk[], triggers: string[], inCondition: boolean): SchemaType {
  if (triggers.length === 0 || segments.length === 1) return UNKNOWN;
  const found: SchemaType[] = [];
  const missing: string[] = [];
  let firstFailure: Extract<Walk, { ok: false }> | undefined;
  const candidates = new Set<string>();
  for (const { trigger, lookup } of walks) {
    const w = walked(lookup);
    if (w.ok) found.push(w.type);
    else {
      missing.push(trigger);
      firstFailure ??= w;
      if (w.at === firstFailure.at) for (const n of w.candidates) candidates.add(n);
    }
  }
  if (found.length === 0 && firstFailure) {
    const seg = segments[firstFailure.at];
    const payloadless = triggers.filter((t) => rootTypeFor('extra', t)?.kind === 'null');
    if (firstFailure.at === 1 && payloadless.length === triggers.length) {
      ctx.report(diag.noPayload(span(segments[0], segments[segments.length - 1]), { triggers: payloadless.join(', '), path: pathText(segments.slice(1), segments.length - 1) }));
      return UNKNOWN;
    }
    const parentPath = pathText(segments, firstFailure.at);
    const elsewhere = triggersWithPath(segments, triggers);
    if (elsewhere.length > 0) {
      ctx.report(diag.fieldOnOtherTrigger(seg.range, { name: seg.name, parent: parentPath, triggers: triggers.join(', '), where: haveIt(elsewhere) }));
      return UNKNOWN;
    }
    if (candidates.size === 0) ctx.report(diag.fieldOfScalar(span(segments[0], seg), { path: parentPath, type: typeToString(firstFailure.parent) }));
    else ctx.report(diag.unknownField(seg.range, { name: seg.name, parent: parentPath }, { didYouMean: closestName(seg.name, [...candidates]) }));
    return UNKNOWN;
  }
  if (missing.length > 0) {
    // In a condition a missing operand makes the comparison false, not an empty text.
    const missingFor = inCondition ? diag.conditionPathMissing : diag.missingForTriggers;
    ctx.report(missingFor(span(segments[0], segments[segments.length - 1]), { param: '@' + pathText(segments, segments.length), triggers: missing.join(', ') }));
  }
  return unionOf(found);
}

/** The events, other than `listened`, whose `@extra` has the whole path: the plugin's seven first. */
function triggersWithPath(segments: PathSegment[], listened: string[]): string[] {
  const has = (event: string) => !listened.includes(event) && declares(rootTypeFor('extra', event) ?? UNKNOWN, segments.slice(1).map((s) => s.name));
  const plugin = Object.keys(pluginTriggers).filter(has);
  const others = Object.keys(schemaTables.events).filter((e) => !(e in pluginTriggers) && has(e)).sort();
  return [...plugin, ...others];
}

/** Whether every step of `path` is a declared field (or a list index): a payload that takes any field proves nothing. */
function declares(type: SchemaType, path: string[]): boolean {
  let current = type;
  for (const name of path) {
    const r = fieldOf(current, name);
    if (!r || r.unknown || (r.fromIndex && !/^\d+$/.test(name))) return false;
    current = r.type;
  }
  return true;
}

/** `PrintFailed has it`, `PrintFailed and PrintPaused have it`, `A, B, C and 4 more have it`. */
function haveIt(events: string[]): string {
  if (events.length === 1) return `${events[0]} has it`;
  const shown = events.slice(0, 3);
  const more = events.length - shown.length;
  const list = more > 0 ? `${shown.join(', ')} and ${more} more` : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return `${list} have it`;
}

function walkOAuth(ctx: CheckContext, segments: PathSegment[], r: Extract<Resolution, { root: 'oauth' }>): SchemaType {
  if (segments.length < 2) return UNKNOWN;
  const names = [...r.block.fields.keys()];
  if (names.length === 0) return UNKNOWN;
  const seg = segments[1];
  const declared = r.field?.type;
  if (declared === undefined) {
    ctx.report(diag.unknownField(seg.range, { name: seg.name, parent: segments[0].name }, { didYouMean: closestName(seg.name, names) }));
    return UNKNOWN;
  }
  const type: SchemaType =
    declared === 'string' ? { kind: 'string' } : declared === 'number' ? { kind: 'number' } : declared === 'boolean' ? { kind: 'boolean' } : UNKNOWN;
  if (segments.length > 2 && type.kind !== 'unknown') {
    ctx.report(diag.fieldOfScalar(span(segments[0], segments[2]), { path: pathText(segments, 2), type: declared }));
    return UNKNOWN;
  }
  return type;
}

/** Objects only (maybe null): text would get its JSON, which is rarely what a message wants. */
function mustBeObject(type: SchemaType): boolean {
  return type.kind !== 'unknown' && mustBe(type, ['object', 'null']) && !mustBe(type, ['null']);
}
