// Proves a filter chain: each filter exists, gets the arguments it takes, and receives a
// value of the kind it works on. Returns the chain's output type.
import type { ParamNode, Value } from '../../../grammar/ast.js';
import { filters, type FilterArg } from '../../filters/filter-table.js';
import { closestName } from '../../schema/did-you-mean.js';
import type { SchemaType } from '../../schema/schema-types.js';
import { mayBe, typeToString, unionOf, withoutNull } from '../../schema/type-utils.js';
import type { CheckContext } from './check-context.js';
import { diag } from '../../../language/diagnostic.js';

const article = (kind: string) => (kind === 'any' ? 'any value' : kind === 'integer' ? 'a whole number' : `a ${kind}`);

function argOk(arg: Value, spec: FilterArg): boolean {
  if (spec.kind === 'any') return arg.kind === 'String' || arg.kind === 'Number' || arg.kind === 'Boolean' || arg.kind === 'Null';
  if (arg.kind !== 'Number') return false;
  if (spec.kind === 'integer' && !Number.isInteger(arg.value)) return false;
  return (spec.min === undefined || arg.value >= spec.min) && (spec.max === undefined || arg.value <= spec.max);
}

function literalType(arg: Value): SchemaType {
  switch (arg.kind) {
    case 'String': return { kind: 'string' };
    case 'Number': return { kind: 'number' };
    case 'Boolean': return { kind: 'boolean' };
    default: return { kind: 'null' };
  }
}

export function checkFilters(ctx: CheckContext, param: ParamNode, input: SchemaType, path: string): SchemaType {
  let type = input;
  let described = path;
  for (const call of param.filters) {
    if (call.recovered) return { kind: 'unknown' };
    const spec = filters[call.name];
    if (!spec) {
      ctx.report(diag.unknownFilter(call.nameRange, { name: call.name }, { didYouMean: closestName(call.name, Object.keys(filters)) }));
      return { kind: 'unknown' };
    }
    if (call.args.length < spec.required || call.args.length > spec.args.length) {
      ctx.report(diag.filterArgCount(call.range, { filter: spec.name, signature: spec.signature }));
    } else {
      call.args.forEach((arg, i) => {
        if (!argOk(arg, spec.args[i])) {
          const s = spec.args[i];
          const range = s.min !== undefined ? ` from ${s.min} to ${s.max}` : '';
          ctx.report(diag.filterArgType(arg.range, { index: i + 1, filter: spec.name, expected: article(s.kind) + range }));
        }
      });
    }
    if (spec.input !== 'any' && type.kind !== 'unknown' && !mayBe(type, spec.input)) {
      ctx.report(diag.filterInputType(call.nameRange, { filter: spec.name, input: article(spec.input), subject: described, type: typeToString(type) }));
    }
    if (spec.output === 'input') {
      type = call.args[0] ? unionOf([withoutNull(type), literalType(call.args[0])]) : type;
    } else {
      type = spec.output === 'any' ? { kind: 'unknown' } : { kind: spec.output };
    }
    described = `${described} | ${spec.name}`;
  }
  return type;
}
