// Walks a value (a string template, a bare parameter, an object or array) and checks every
// parameter in it. Returns the value's type where it is a whole parameter, so a caller can
// tell, for instance, that a GET query field would receive an object.
import type { StringNode, Value } from '../../../grammar/ast.js';
import type { SchemaType } from '../../schema/schema-types.js';
import type { CheckContext } from './check-context.js';
import { checkForeignPlaceholders } from './check-foreign-placeholders.js';
import { checkParam } from './check-param.js';
import type { ParamScope } from './param-scope.js';
import { entryKey } from '../../../grammar/entry-key.js';
import { diag, firstHere } from '../../../language/diagnostic.js';
import type { Range } from '../../../language/range.js';

const UNKNOWN: SchemaType = { kind: 'unknown' };

/** A string that is exactly one parameter inserts the value with its type, like a bare one. */
export function wholeParam(value: Value | undefined) {
  if (!value) return undefined;
  if (value.kind === 'Param') return value;
  if (value.kind === 'String' && value.parts.length === 1 && value.parts[0].kind === 'Param') return value.parts[0];
  return undefined;
}

export function checkTemplate(ctx: CheckContext, s: StringNode, scope: ParamScope): void {
  const inText: ParamScope = scope.position === 'url' || scope.position === 'text' ? scope : { ...scope, position: 'text' };
  ctx.semantic.regions.push({ range: s.range, scope: inText });
  checkForeignPlaceholders(ctx, s);
  for (const part of s.parts) if (part.kind === 'Param') checkParam(ctx, part, inText);
}

/**
 * `json`: the value must be JSON-like (data, headers); bare words, durations and sizes are
 * errors there. Elsewhere the caller has checked the value's form already.
 */
export function checkValue(ctx: CheckContext, value: Value | undefined, scope: ParamScope, json: boolean): SchemaType {
  if (!value) return UNKNOWN;
  const inner: ParamScope = scope.position === 'data-top' ? { ...scope, position: 'value' } : scope;
  // A container's region is what its elements see, so a parameter typed inside it gets that scope.
  ctx.semantic.regions.push({ range: value.range, scope: value.kind === 'Object' || value.kind === 'Array' ? inner : scope });
  if (value.recovered && value.kind !== 'Object' && value.kind !== 'Array') return UNKNOWN;
  const whole = wholeParam(value);
  if (whole) return checkParam(ctx, whole, scope);
  switch (value.kind) {
    case 'String':
      checkTemplate(ctx, value, inner);
      return { kind: 'string' };
    case 'Object': {
      const seen = new Map<string, Range>();
      for (const entry of value.entries) {
        const key = entryKey(entry);
        const earlier = seen.get(key);
        if (earlier && !entry.recovered) ctx.report(diag.duplicateKey(entry.key.range, { key }, { related: [firstHere(earlier, `'${key}' is first set here.`)] }));
        if (!earlier) seen.set(key, entry.key.range);
        checkValue(ctx, entry.value, inner, json);
      }
      return UNKNOWN;
    }
    case 'Array':
      for (const element of value.elements) checkValue(ctx, element, inner, json);
      return UNKNOWN;
    case 'Word':
    case 'Duration':
    case 'Size':
      if (json) ctx.report(diag.notJsonValue(value.range, { value: `'${value.kind === 'Word' ? value.name : value.kind === 'Duration' ? value.raw : `${value.width} x ${value.height}`}'` }));
      return UNKNOWN;
    case 'Number':
      return { kind: 'number' };
    case 'Boolean':
      return { kind: 'boolean' };
    case 'Null':
      return { kind: 'null' };
    default:
      return UNKNOWN;
  }
}
