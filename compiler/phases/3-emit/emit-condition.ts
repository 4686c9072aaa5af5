// `when` conditions → one plain function per hook: `(c) => null` when every condition holds,
// else the text of the first that does not (the reason the daemon logs and the dry run shows).
// Regular expressions are built once, when the module loads, from their checked source; the
// comparisons call the helpers in condition-helpers.js, which carry the null rule.
import type { CompareNode, ConditionExpr, Operand } from '../../../grammar/ast.js';
import { conditionText, plainText } from '../../../grammar/condition-text.js';
import { jsString } from './js-literal.js';
import type { ValueEmitter } from './emit-value.js';

const ordering: Record<string, string> = { '<': '< 0', '<=': '<= 0', '>': '> 0', '>=': '>= 0' };

export function emitConditions(e: ValueEmitter, conditions: readonly ConditionExpr[]): string {
  const patterns: string[] = [];
  const helper = (name: string) => {
    e.helpers.add(name);
    return name;
  };

  const operand = (o: Operand): string => {
    switch (o.kind) {
      case 'Param': return e.param(o);
      case 'String': return jsString(plainText(o));
      case 'Number': return JSON.stringify(o.value);
      // Durations compare with fields that count seconds.
      case 'Duration': return JSON.stringify(o.ms / 1000);
      case 'ByteSize': return JSON.stringify(o.bytes);
      case 'Boolean': return String(o.value);
      case 'Null': return 'null';
    }
  };

  const compare = (x: CompareNode): string => {
    const left = operand(x.left);
    const right = x.right;
    if (!right) return 'false';
    if (right.kind === 'List') return `${helper('$in')}(${left}, [${right.elements.map(operand).join(', ')}])`;
    if (x.op === 'matches' && right.kind === 'String') {
      patterns.push(`new RegExp(${jsString(plainText(right))})`);
      return `${helper('$m')}(r${patterns.length - 1}, ${left})`;
    }
    const r = operand(right);
    if (x.op === 'contains') return `${helper('$has')}(${left}, ${r})`;
    if (x.op === '==' || x.op === '!=') {
      // The null rule's one exception: `== null` is true for a missing or null value.
      if (right.kind === 'Null') return `(${left} ${x.op} null)`;
      if (x.left.kind === 'Null') return `(${r} ${x.op} null)`;
      return `${helper(x.op === '==' ? '$eq' : '$ne')}(${left}, ${r})`;
    }
    return `(${helper('$cmp')}(${left}, ${r}) ${ordering[x.op]})`;
  };

  const expr = (x: ConditionExpr): string => {
    switch (x.kind) {
      case 'Logic': return `(${x.operands.map(expr).join(x.op === 'and' ? ' && ' : ' || ')})`;
      case 'Not': return `!${expr(x.operand)}`;
      case 'Group': return expr(x.inner);
      case 'Compare': return compare(x);
      default: return `(${operand(x)} === true)`;
    }
  };

  const lines = conditions.map((x) => `if (!${expr(x)}) return ${jsString(`when ${conditionText(x)}`)};`);
  const body = `(c) => {\n      ${lines.join('\n      ')}\n      return null;\n    }`;
  if (patterns.length === 0) return body;
  return `((${patterns.map((_, i) => `r${i}`).join(', ')}) => ${body})(${patterns.join(', ')})`;
}
