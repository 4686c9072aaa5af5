// A condition written back as text: the reason a suppressed firing gives ("@job.file.name
// matches \"^calib\"") and what the dry run prints. Normalised spacing, the literals as written.
import type { ConditionExpr, Operand, OperandList, ParamNode, StringNode, Value } from './ast.js';

/** A string's text with no parameters in it: its text parts (`@@` already an `@`). */
export function plainText(s: StringNode): string {
  return s.parts.map((p) => (p.kind === 'Text' ? p.text : '')).join('');
}

function literal(v: Value): string {
  switch (v.kind) {
    case 'String': return JSON.stringify(plainText(v));
    case 'Number': return v.raw;
    case 'Duration': return v.raw;
    case 'Boolean': return String(v.value);
    case 'Null': return 'null';
    case 'Word': return v.name;
    default: return '…';
  }
}

export function paramText(p: ParamNode): string {
  const path = p.segments.map((s) => s.name).join('.');
  if (p.filters.length === 0 && !p.braced) return `@${path}`;
  const filters = p.filters.map((f) => (f.args.length > 0 ? `${f.name}(${f.args.map(literal).join(', ')})` : f.name));
  return `@{${[path, ...filters].join(' | ')}}`;
}

function operandText(o: Operand | OperandList | undefined): string {
  if (!o) return '…';
  switch (o.kind) {
    case 'List': return `[${o.elements.map(operandText).join(', ')}]`;
    case 'Param': return paramText(o);
    case 'ByteSize': return o.raw;
    default: return literal(o);
  }
}

export function conditionText(e: ConditionExpr | undefined): string {
  if (!e) return '…';
  switch (e.kind) {
    case 'Logic': return e.operands.map(conditionText).join(` ${e.op} `);
    case 'Not': return `not ${conditionText(e.operand)}`;
    case 'Group': return `(${conditionText(e.inner)})`;
    case 'Compare': return `${operandText(e.left)} ${e.op} ${operandText(e.right)}`;
    default: return operandText(e);
  }
}
