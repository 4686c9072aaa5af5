// CST → AST. Literal tokens already carry their nodes (lexer.ts); this file assembles the
// structure, computes ranges from the real tokens only (inserted tokens have no position),
// and marks as `recovered` whatever chevrotain or the depth guard had to patch up.
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type {
  ArrayNode, BlockDecl, CompareNode, CompareOperator, ConditionExpr, DeviceDecl, FromClause, HookDecl, Identifier, NumberNode, OAuthDecl, ObjectEntry, ObjectNode,
  Operand, OperandList, PrinterDecl, QuietNode, SecretDecl, StringNode, TimeRangeNode, TimezoneDecl, TopLevel, TriggerNode, Value, WhenNode,
} from './ast.js';
import type { Truncated } from './depth-guard.js';
import { isRealToken } from './error-messages.js';
import type { ParseContext } from './parse-context.js';
import { ByteSizeLit, DurationLit, False, Null, NumberLit, ParamTok, SizeLit, StringLit, tokenEnd, True } from './tokens.js';

function all(c: CstNode, label: string): CstElement[] {
  return c.children[label] ?? [];
}

function tok(c: CstNode, label: string): IToken | undefined {
  return all(c, label)[0] as IToken | undefined;
}

function sub(c: CstNode, label: string): CstNode | undefined {
  return all(c, label)[0] as CstNode | undefined;
}

const endOf = tokenEnd;
const rangeEnd = (n: { range: { end: { offset: number } } }): number => n.range.end.offset;

class AstBuilder {
  constructor(private readonly ctx: ParseContext) {}

  item(c: CstNode): TopLevel | undefined {
    switch (c.name) {
      case 'deviceDecl':
      case 'secretDecl':
        return this.valueDecl(c);
      case 'blockDecl':
        return this.block(c);
      case 'oauthDecl':
      case 'printerDecl':
        return this.named(c);
      case 'hookDecl':
        return this.hook(c);
      case 'timezoneDecl':
        return this.timezone(c);
      case 'quietDecl':
        return this.quiet(c);
      default:
        return undefined;
    }
  }

  private identifier(t: IToken | undefined): Identifier | undefined {
    if (!isRealToken(t)) return undefined;
    return { kind: 'Identifier', name: t.image, range: this.ctx.range(t.startOffset, endOf(t)) };
  }

  /** The furthest end among the parts that exist. */
  private end(...ends: Array<number | undefined>): number {
    return Math.max(...ends.filter((e): e is number => e !== undefined));
  }

  private valueDecl(c: CstNode): DeviceDecl | SecretDecl | undefined {
    const kw = tok(c, 'keyword');
    if (!isRealToken(kw)) return undefined;
    const v = sub(c, 'value');
    const value = v ? this.value(v) : undefined;
    const node: DeviceDecl | SecretDecl = {
      kind: c.name === 'deviceDecl' ? 'Device' : 'Secret',
      keyword: this.ctx.range(kw.startOffset, endOf(kw)),
      value,
      range: this.ctx.range(kw.startOffset, this.end(endOf(kw), value && rangeEnd(value))),
    };
    if (value === undefined || c.recoveredNode) node.recovered = true;
    return node;
  }

  private block(c: CstNode): BlockDecl | undefined {
    const keyword = this.identifier(tok(c, 'keyword'));
    if (keyword === undefined) return undefined;
    const b = sub(c, 'body');
    const body = b ? this.object(b) : undefined;
    const node: BlockDecl = {
      kind: 'Block',
      keyword,
      body,
      range: this.ctx.range(keyword.range.start.offset, this.end(rangeEnd(keyword), body && rangeEnd(body))),
    };
    if (body === undefined || c.recoveredNode) node.recovered = true;
    return node;
  }

  /** `oauth NAME { … }` and `printer NAME { … }`. */
  private named(c: CstNode): OAuthDecl | PrinterDecl | undefined {
    const kw = tok(c, 'keyword');
    if (!isRealToken(kw)) return undefined;
    const name = this.identifier(tok(c, 'name'));
    const b = sub(c, 'body');
    const body = b ? this.object(b) : undefined;
    const node: OAuthDecl | PrinterDecl = {
      kind: c.name === 'printerDecl' ? 'Printer' : 'OAuth',
      keyword: this.ctx.range(kw.startOffset, endOf(kw)),
      name,
      body,
      range: this.ctx.range(kw.startOffset, this.end(endOf(kw), name && rangeEnd(name), body && rangeEnd(body))),
    };
    if (name === undefined || body === undefined || c.recoveredNode) node.recovered = true;
    return node;
  }

  private hook(c: CstNode): HookDecl | undefined {
    const kw = tok(c, 'keyword');
    if (!isRealToken(kw)) return undefined;
    const name = this.identifier(tok(c, 'name'));
    const on = tok(c, 'on');
    const triggers: TriggerNode[] = [];
    for (const t of all(c, 'triggers')) {
      const trigger = this.trigger(t as CstNode);
      if (trigger) triggers.push(trigger);
    }
    const f = sub(c, 'from');
    const from = f ? this.fromClause(f) : undefined;
    const b = sub(c, 'body');
    const body = b ? this.object(b) : undefined;
    const conditions: WhenNode[] = [];
    const quiet: QuietNode[] = [];
    if (b) {
      for (const w of all(b, 'conditions')) {
        const node = this.when(w as CstNode);
        if (node) conditions.push(node);
      }
      for (const q of all(b, 'quiet')) {
        const node = this.quiet(q as CstNode);
        if (node) quiet.push(node);
      }
    }
    const last = triggers[triggers.length - 1];
    const node: HookDecl = {
      kind: 'Hook',
      keyword: this.ctx.range(kw.startOffset, endOf(kw)),
      name,
      triggers,
      body,
      conditions,
      quiet,
      range: this.ctx.range(
        kw.startOffset,
        this.end(endOf(kw), name && rangeEnd(name), isRealToken(on) ? endOf(on) : undefined, last && rangeEnd(last), from && rangeEnd(from), body && rangeEnd(body)),
      ),
    };
    if (from) node.from = from;
    if (name === undefined || body === undefined || c.recoveredNode) node.recovered = true;
    return node;
  }

  private fromClause(c: CstNode): FromClause | undefined {
    const kw = tok(c, 'keyword');
    if (!isRealToken(kw)) return undefined;
    const names: Identifier[] = [];
    for (const t of all(c, 'names')) {
      const id = this.identifier(t as IToken);
      if (id) names.push(id);
    }
    const last = names[names.length - 1];
    const node: FromClause = { kind: 'From', keyword: this.ctx.range(kw.startOffset, endOf(kw)), names, range: this.ctx.range(kw.startOffset, this.end(endOf(kw), last && rangeEnd(last))) };
    if (names.length === 0 || c.recoveredNode) node.recovered = true;
    return node;
  }

  private timezone(c: CstNode): TimezoneDecl | undefined {
    const kw = tok(c, 'keyword');
    if (!isRealToken(kw)) return undefined;
    const v = sub(c, 'value');
    const value = v ? this.value(v) : undefined;
    const node: TimezoneDecl = {
      kind: 'Timezone',
      keyword: this.ctx.range(kw.startOffset, endOf(kw)),
      value,
      range: this.ctx.range(kw.startOffset, this.end(endOf(kw), value && rangeEnd(value))),
    };
    if (value === undefined || c.recoveredNode) node.recovered = true;
    return node;
  }

  private quiet(c: CstNode): QuietNode | undefined {
    const kw = tok(c, 'keyword');
    if (!isRealToken(kw)) return undefined;
    const off = tok(c, 'off');
    const w = tok(c, 'window');
    const except: Identifier[] = [];
    for (const t of all(c, 'triggers')) {
      const id = this.identifier(t as IToken);
      if (id) except.push(id);
    }
    const window = isRealToken(w) ? (w.payload as TimeRangeNode) : undefined;
    const lastExcept = except[except.length - 1];
    const node: QuietNode = {
      kind: 'Quiet',
      keyword: this.ctx.range(kw.startOffset, endOf(kw)),
      except,
      range: this.ctx.range(kw.startOffset, this.end(endOf(kw), isRealToken(off) ? endOf(off) : undefined, window && rangeEnd(window), lastExcept && rangeEnd(lastExcept))),
    };
    if (isRealToken(off)) node.off = this.ctx.range(off.startOffset, endOf(off));
    if (window) node.window = window;
    if ((!isRealToken(off) && !window) || c.recoveredNode) node.recovered = true;
    return node;
  }

  private when(c: CstNode): WhenNode | undefined {
    const kw = tok(c, 'keyword');
    if (!isRealToken(kw)) return undefined;
    const e = sub(c, 'condition');
    const condition = e ? this.orExpr(e) : undefined;
    const node: WhenNode = {
      kind: 'When',
      keyword: this.ctx.range(kw.startOffset, endOf(kw)),
      condition,
      range: this.ctx.range(kw.startOffset, this.end(endOf(kw), condition && rangeEnd(condition))),
    };
    if (condition === undefined || c.recoveredNode) node.recovered = true;
    return node;
  }

  /** `or` and `and` chains: one operand is itself, several a flat LogicNode. */
  private chain(c: CstNode, op: 'and' | 'or', part: (c: CstNode) => ConditionExpr | undefined): ConditionExpr | undefined {
    const operands: ConditionExpr[] = [];
    for (const o of all(c, 'operands')) {
      const x = part(o as CstNode);
      if (x) operands.push(x);
    }
    if (operands.length === 0) return undefined;
    const recovered = c.recoveredNode || operands.length !== all(c, 'operands').length;
    if (operands.length === 1 && !recovered) return operands[0];
    const range = this.ctx.range(operands[0].range.start.offset, rangeEnd(operands[operands.length - 1]));
    if (operands.length === 1) return { ...operands[0], recovered: true };
    const node: ConditionExpr = { kind: 'Logic', op, operands, range };
    if (recovered) node.recovered = true;
    return node;
  }

  private orExpr(c: CstNode): ConditionExpr | undefined {
    return this.chain(c, 'or', (x) => this.andExpr(x));
  }

  private andExpr(c: CstNode): ConditionExpr | undefined {
    return this.chain(c, 'and', (x) => this.unaryExpr(x));
  }

  private unaryExpr(c: CstNode): ConditionExpr | undefined {
    const a = sub(c, 'atom');
    const inner = a ? this.atom(a) : undefined;
    if (inner === undefined) return undefined;
    const nots = all(c, 'not').filter((t) => isRealToken(t as IToken)) as IToken[];
    if (nots.length % 2 === 0) return inner;
    const node: ConditionExpr = { kind: 'Not', operand: inner, range: this.ctx.range(nots[0].startOffset, rangeEnd(inner)) };
    if (c.recoveredNode) node.recovered = true;
    return node;
  }

  private atom(c: CstNode): ConditionExpr | undefined {
    const cmp = sub(c, 'comparison');
    if (cmp) return this.comparison(cmp);
    const open = tok(c, 'open');
    const close = tok(c, 'close');
    const i = sub(c, 'inner');
    const inner = i ? this.orExpr(i) : undefined;
    if (!isRealToken(open)) return inner;
    const end = isRealToken(close) ? endOf(close) : inner ? rangeEnd(inner) : endOf(open);
    if (inner === undefined) return { kind: 'Boolean', value: true, range: this.ctx.range(open.startOffset, end), recovered: true };
    const node: ConditionExpr = { kind: 'Group', inner, range: this.ctx.range(open.startOffset, end) };
    if (c.recoveredNode || !isRealToken(close)) node.recovered = true;
    return node;
  }

  private comparison(c: CstNode): ConditionExpr | undefined {
    const l = sub(c, 'left');
    const left = l ? this.operand(l) : undefined;
    if (left === undefined) return undefined;
    const opTok = tok(c, 'op');
    if (!isRealToken(opTok)) {
      if (c.recoveredNode) return { ...left, recovered: true };
      return left;
    }
    let right: Operand | OperandList | undefined;
    const pattern = tok(c, 'pattern');
    const r = sub(c, 'right');
    const list = sub(c, 'list');
    if (isRealToken(pattern)) right = pattern.payload as StringNode;
    else if (r) right = this.operand(r);
    else if (list) right = this.operandList(list);
    const node: CompareNode = {
      kind: 'Compare',
      op: opTok.image as CompareOperator,
      opRange: this.ctx.range(opTok.startOffset, endOf(opTok)),
      left,
      right,
      range: this.ctx.range(left.range.start.offset, right ? rangeEnd(right) : endOf(opTok)),
    };
    if (right === undefined || c.recoveredNode || right.recovered) node.recovered = true;
    return node;
  }

  private operand(c: CstNode): Operand | undefined {
    const t = tok(c, 'token');
    if (!isRealToken(t)) return undefined;
    if (t.tokenType === ByteSizeLit) return t.payload as Operand;
    const v = this.tokenValue(t);
    return v as Operand | undefined;
  }

  private operandList(c: CstNode): OperandList | undefined {
    const open = tok(c, 'open');
    const close = tok(c, 'close');
    const elements: Operand[] = [];
    for (const e of all(c, 'elements')) {
      const v = this.operand(e as CstNode);
      if (v) elements.push(v);
    }
    const range = this.span(open, close, elements);
    if (range === undefined) return undefined;
    const node: OperandList = { kind: 'List', elements, range };
    if (c.recoveredNode || !isRealToken(open) || !isRealToken(close)) node.recovered = true;
    return node;
  }

  private trigger(c: CstNode): TriggerNode | undefined {
    const name = this.identifier(tok(c, 'name'));
    if (name === undefined) return undefined;
    const every = tok(c, 'every');
    const count = tok(c, 'count');
    const percent = tok(c, 'percent');
    const node: TriggerNode = { kind: 'Trigger', name, range: name.range };
    if (isRealToken(count)) node.every = count.payload as NumberNode;
    const end = this.end(
      rangeEnd(name),
      isRealToken(every) ? endOf(every) : undefined,
      isRealToken(count) ? endOf(count) : undefined,
      isRealToken(percent) ? endOf(percent) : undefined,
    );
    node.range = this.ctx.range(name.range.start.offset, end);
    if (c.recoveredNode || (every !== undefined && (!isRealToken(count) || !isRealToken(percent)))) node.recovered = true;
    return node;
  }

  value(c: CstNode): Value | undefined {
    const t = tok(c, 'token');
    if (t !== undefined) return this.tokenValue(t);
    const o = sub(c, 'object');
    if (o) return this.object(o);
    const a = sub(c, 'array');
    if (a) return this.array(a);
    return undefined;
  }

  private tokenValue(t: IToken): Value | undefined {
    if (!isRealToken(t)) return undefined;
    switch (t.tokenType) {
      case StringLit:
      case NumberLit:
      case DurationLit:
      case SizeLit:
      case ParamTok:
        return t.payload as Value | undefined;
      default: {
        const range = this.ctx.range(t.startOffset, endOf(t));
        if (t.tokenType === True || t.tokenType === False) return { kind: 'Boolean', value: t.tokenType === True, range };
        if (t.tokenType === Null) return { kind: 'Null', range };
        return { kind: 'Word', name: t.image, range };
      }
    }
  }

  private object(c: CstNode): ObjectNode | undefined {
    const open = tok(c, 'open');
    const close = tok(c, 'close');
    const entries: ObjectEntry[] = [];
    for (const e of all(c, 'entries')) {
      const entry = this.entry(e as CstNode);
      if (entry) entries.push(entry);
    }
    const range = this.span(open, close, entries);
    if (range === undefined) return undefined;
    const node: ObjectNode = { kind: 'Object', entries, range };
    if (c.recoveredNode || !isRealToken(open) || !isRealToken(close) || (open.payload as Truncated | undefined)?.truncated) node.recovered = true;
    return node;
  }

  private array(c: CstNode): ArrayNode | undefined {
    const open = tok(c, 'open');
    const close = tok(c, 'close');
    const elements: Value[] = [];
    for (const e of all(c, 'elements')) {
      const v = this.value(e as CstNode);
      if (v) elements.push(v);
    }
    const range = this.span(open, close, elements);
    if (range === undefined) return undefined;
    const node: ArrayNode = { kind: 'Array', elements, range };
    if (c.recoveredNode || !isRealToken(open) || !isRealToken(close) || (open.payload as Truncated | undefined)?.truncated) node.recovered = true;
    return node;
  }

  /** From the opener (or first child) to the closer (or last child, or the opener). */
  private span(open: IToken | undefined, close: IToken | undefined, children: ReadonlyArray<{ range: { start: { offset: number }; end: { offset: number } } }>) {
    const first = children[0];
    const last = children[children.length - 1];
    const start = isRealToken(open) ? open.startOffset : first?.range.start.offset;
    if (start === undefined) return undefined;
    const end = isRealToken(close) ? endOf(close) : last ? last.range.end.offset : isRealToken(open) ? endOf(open) : start;
    return this.ctx.range(start, end);
  }

  private entry(c: CstNode): ObjectEntry | undefined {
    const k = tok(c, 'key');
    if (!isRealToken(k)) return undefined;
    const key: Identifier | StringNode =
      k.tokenType === StringLit ? (k.payload as StringNode) : { kind: 'Identifier', name: k.image, range: this.ctx.range(k.startOffset, endOf(k)) };
    const colonTok = tok(c, 'colon');
    const colon = isRealToken(colonTok);
    const v = sub(c, 'value');
    const value = v ? this.value(v) : undefined;
    const end = value ? rangeEnd(value) : colon ? endOf(colonTok) : endOf(k);
    const node: ObjectEntry = { kind: 'Entry', key, colon, value, range: this.ctx.range(k.startOffset, end) };
    if (value === undefined || c.recoveredNode) node.recovered = true;
    return node;
  }
}

/** Builds the AST of one top-level item from its CST. */
export function buildItem(cst: CstNode, ctx: ParseContext): TopLevel | undefined {
  return new AstBuilder(ctx).item(cst);
}
