// `when EXPR`: every operand is typed where it is written. Parameters are proved with the one
// path walk (checkParam → resolve-path.ts), so every root a hook can name works here too; their
// unit (seconds, bytes) comes from the schema's `@unit`. A duration compares only with seconds,
// a byte size only with bytes; text with text; `matches` patterns compile here, and patterns
// that could backtrack for ever are refused.
import type { CompareNode, ConditionExpr, Operand, OperandList, StringNode, WhenNode } from '../../../grammar/ast.js';
import { paramText, plainText } from '../../../grammar/condition-text.js';
import { diag } from '../../../language/diagnostic.js';
import type { SchemaUnit } from '../../schema/schema-types.js';
import { kindsOf, typeToString, type ValueKind } from '../../schema/type-utils.js';
import type { CheckContext } from './check-context.js';
import { checkParam } from './check-param.js';
import type { ParamScope } from './param-scope.js';
import { resolvePath } from './resolve-path.js';
import { unsafeRegexReason } from './regex-safety.js';

/** What the checker knows of one operand. */
interface OperandInfo {
  /** The kinds it may have at run time (null and missing aside); null: unknown. */
  kinds: Set<ValueKind> | null;
  /** `@unit` of a parameter, or the literal's own unit. */
  unit?: SchemaUnit;
  /** A duration or byte-size literal (not a field that counts seconds or bytes). */
  literalUnit?: SchemaUnit;
  isNull: boolean;
  /** How messages name it. */
  text: string;
  /** As the schema writes its type, for messages. */
  type: string;
}

const kindNames: Record<ValueKind, string> = { string: 'text', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list', null: 'null' };

function describeKinds(kinds: Set<ValueKind>): string {
  return [...kinds].map((k) => kindNames[k]).join(' or ');
}

/** Checks one `when` line; returns its top-level conjuncts (`a and b` → [a, b]) when it is usable. */
export function checkCondition(ctx: CheckContext, when: WhenNode, scope: ParamScope): ConditionExpr[] {
  if (!when.condition) return [];
  const before = ctx.diagnostics.length;
  new ConditionChecker(ctx, { ...scope, position: 'condition' }).condition(when.condition);
  const failed = ctx.diagnostics.slice(before).some((d) => d.severity === 'error');
  if (failed || when.recovered) return [];
  const c = when.condition;
  return c.kind === 'Logic' && c.op === 'and' ? c.operands : [c];
}

class ConditionChecker {
  constructor(
    private readonly ctx: CheckContext,
    private readonly scope: ParamScope,
  ) {}

  condition(e: ConditionExpr): void {
    switch (e.kind) {
      case 'Logic':
        for (const o of e.operands) this.condition(o);
        return;
      case 'Not':
        this.condition(e.operand);
        return;
      case 'Group':
        this.condition(e.inner);
        return;
      case 'Compare':
        this.compare(e);
        return;
      default: {
        const info = this.operand(e);
        if (!info || e.recovered) return;
        if (info.kinds && !info.kinds.has('boolean')) this.ctx.report(diag.notACondition(e.range, { subject: info.text, type: info.type }));
      }
    }
  }

  private operand(o: Operand): OperandInfo | undefined {
    switch (o.kind) {
      case 'String': {
        const text = this.plain(o);
        return text === undefined ? undefined : { kinds: new Set(['string']), isNull: false, text: JSON.stringify(text), type: 'text' };
      }
      case 'Number':
        return { kinds: new Set(['number']), isNull: false, text: o.raw, type: 'a number' };
      case 'Duration':
        return { kinds: new Set(['number']), unit: 'seconds', literalUnit: 'seconds', isNull: false, text: o.raw, type: 'a duration' };
      case 'ByteSize':
        return { kinds: new Set(['number']), unit: 'bytes', literalUnit: 'bytes', isNull: false, text: o.raw, type: 'a byte size' };
      case 'Boolean':
        return { kinds: new Set(['boolean']), isNull: false, text: String(o.value), type: 'true or false' };
      case 'Null':
        return { kinds: new Set(['null']), isNull: true, text: 'null', type: 'null' };
      case 'Param': {
        if (o.segments.length === 0) return undefined;
        const type = checkParam(this.ctx, o, this.scope);
        if (o.recovered) return undefined;
        const text = paramText(o);
        if (type.kind === 'unknown') return { kinds: null, isNull: false, text, type: 'unknown' };
        const kinds = kindsOf(type);
        kinds.delete('null');
        const info: OperandInfo = { kinds: kinds.size > 0 ? kinds : null, isNull: false, text, type: typeToString(type) };
        const unit = o.filters.length === 0 ? this.unitOf(o.segments.map((s) => s.name)) : undefined;
        if (unit) info.unit = unit;
        return info;
      }
    }
  }

  /** The text of a string operand (`@@` is an `@`), or undefined (reported) when it holds parameters. */
  private plain(s: StringNode): string | undefined {
    const param = s.parts.find((p) => p.kind === 'Param');
    if (param && param.kind === 'Param') {
      this.ctx.report(diag.templateInCondition(s.range, { param: paramText(param) }));
      return undefined;
    }
    return plainText(s);
  }

  /** The schema's unit for a path; for `@extra`, only when every trigger's payload agrees. */
  private unitOf(path: string[]): SchemaUnit | undefined {
    const r = resolvePath(path, this.scope, this.ctx.semantic.oauth);
    if (r.root === 'schema') return r.lookup.ok ? r.lookup.unit : undefined;
    if (r.root !== 'extra') return undefined;
    const units = new Set(r.walks.filter((w) => w.lookup.ok).map((w) => (w.lookup.ok ? w.lookup.unit : undefined)));
    return units.size === 1 ? [...units][0] : undefined;
  }

  private compare(e: CompareNode): void {
    const left = this.operand(e.left);
    const right = e.right?.kind === 'List' ? undefined : e.right ? this.operand(e.right) : undefined;
    const list = e.right?.kind === 'List' ? this.list(e.right) : [];
    if (!left || e.recovered) return;
    switch (e.op) {
      case 'in':
        for (const [node, info] of list) this.equality(e, left, info, node.range);
        return;
      case 'matches':
        this.matches(e, left);
        return;
      case 'contains':
        if (!right) return;
        if (left.kinds && !left.kinds.has('string') && !left.kinds.has('array')) {
          this.ctx.report(diag.containsNeedsTextOrList(e.left.range, { subject: left.text, type: left.type }));
        } else if (left.kinds && !left.kinds.has('array') && right.kinds && !right.kinds.has('string')) {
          this.ctx.report(diag.compareTypes(e.right!.range, { left: left.text, leftType: 'text', right: right.text, rightType: right.type }));
        }
        return;
      case '==':
      case '!=':
        if (right) this.equality(e, left, right, e.right!.range);
        return;
      default:
        if (right) this.ordering(e, left, right);
    }
  }

  private list(l: OperandList): Array<[Operand, OperandInfo]> {
    const out: Array<[Operand, OperandInfo]> = [];
    for (const el of l.elements) {
      const info = this.operand(el);
      if (info) out.push([el, info]);
    }
    return out;
  }

  private equality(e: CompareNode, left: OperandInfo, right: OperandInfo, rightRange: CompareNode['range']): void {
    if (left.isNull || right.isNull) return;
    if (this.units(e, left, right)) return;
    if (left.kinds && right.kinds && ![...left.kinds].some((k) => right.kinds!.has(k))) {
      this.ctx.report(diag.compareTypes(rightRange, { left: left.text, leftType: describeKinds(left.kinds), right: right.text, rightType: describeKinds(right.kinds) }));
    }
  }

  private ordering(e: CompareNode, left: OperandInfo, right: OperandInfo): void {
    for (const [side, node] of [[left, e.left], [right, e.right!]] as const) {
      if (side.isNull) {
        this.ctx.report(diag.nullNeedsEquality(node.range, { op: e.op }));
        return;
      }
      if (side.kinds && !side.kinds.has('number')) {
        this.ctx.report(diag.orderNeedsNumbers(node.range, { op: e.op, subject: side.text, type: side.type }));
        return;
      }
    }
    this.units(e, left, right);
  }

  /** A duration against something that is not seconds, a size against something not bytes; true when reported. */
  private units(e: CompareNode, left: OperandInfo, right: OperandInfo): boolean {
    const pairs: Array<[OperandInfo, OperandInfo, Operand | OperandList]> = [[left, right, e.right!], [right, left, e.left]];
    for (const [lit, other, otherNode] of pairs) {
      if (!lit.literalUnit || other.kinds === null) continue;
      if (other.unit === lit.literalUnit) continue;
      if (other.kinds.has('number')) {
        const args = { subject: other.text, duration: lit.text, size: lit.text };
        this.ctx.report(lit.literalUnit === 'seconds' ? diag.durationNeedsSeconds(otherNode.range, args) : diag.sizeNeedsBytes(otherNode.range, args));
        return true;
      }
    }
    // A seconds field against a plain number: legal, but the unit is easy to get wrong.
    for (const [field, other, otherNode] of pairs) {
      if (field.unit !== 'seconds' || field.literalUnit || other.literalUnit || otherNode.kind !== 'Number') continue;
      const example = `${otherNode.raw}s`;
      this.ctx.report(diag.secondsAsNumber(otherNode.range, { subject: field.text, example }, { suggestions: [{ title: `Write '${example}'`, range: otherNode.range, replacement: example }] }));
    }
    return false;
  }

  private matches(e: CompareNode, left: OperandInfo): void {
    if (left.kinds && !left.kinds.has('string')) this.ctx.report(diag.matchesNeedsText(e.left.range, { subject: left.text, type: left.type }));
    const pattern = e.right;
    if (!pattern || pattern.kind !== 'String') return;
    const source = this.plain(pattern);
    if (source === undefined) return;
    try {
      new RegExp(source);
    } catch (err) {
      const problem = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err);
      this.ctx.report(diag.invalidRegex(pattern.range, { problem }));
      return;
    }
    const unsafe = unsafeRegexReason(source);
    if (unsafe) this.ctx.report(diag.unsafeRegex(pattern.range, { problem: unsafe }));
  }
}
