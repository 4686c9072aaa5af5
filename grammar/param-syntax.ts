// Parameters: `@a.b.c` and `@{ a.b | filter | filter(arg, …) }`. This is the one reader for
// both places they occur: bare values (the lexer hands it the file itself) and strings (the
// template reader hands it the decoded text). A ParamSource maps every character index back
// to its source offsets, so ranges point at the raw text even after escapes.
//
// The path ends at the first character that cannot continue a name; a '.' continues it only
// when a name character follows, so `"@job.file.name."` stops before the dot and
// `"@progress.completion%"` before the '%'. Segments after a dot may be all digits (`@extra.logs.0`).
import type { FilterCall, ParamNode, PathSegment, StringNode, TextPart, Value } from './ast.js';
import { codePointAt, isDigit, isParamPart, isParamStart, showChar, unitLength } from '../language/char-classes.js';
import { readEscape } from './escapes.js';
import { classifyNumeric, scanNumericRun } from './number-literal.js';
import type { ParseContext } from './parse-context.js';
import { diag } from '../language/diagnostic.js';

export interface ParamSource {
  /** The characters to read. */
  readonly text: string;
  /** Source offset where character `i` starts (defined for `i === text.length` too). */
  start(i: number): number;
  /** Source offset just after character `i`. */
  end(i: number): number;
}

/** The file itself, read in place. */
export function sourceText(text: string): ParamSource {
  return { text, start: (i) => i, end: (i) => i + 1 };
}

/** What the `@` at `at` starts: a path, a braced parameter, or nothing readable. */
export function paramKind(text: string, at: number, limit: number): 'path' | 'braced' | 'none' {
  if (at + 1 >= limit) return 'none';
  if (text.charCodeAt(at + 1) === 123) return 'braced';
  return isParamStart(codePointAt(text, at + 1)) ? 'path' : 'none';
}

export interface ParamRead {
  /** Undefined when nothing usable was read (the problem is reported). */
  param: ParamNode | undefined;
  /** Index just after the parameter. */
  next: number;
}

/** Reads the parameter whose `@` is at `at`; nothing at or after `limit` belongs to it. */
export function readParam(src: ParamSource, at: number, limit: number, ctx: ParseContext): ParamRead {
  const kind = paramKind(src.text, at, limit);
  if (kind === 'braced') return new BracedReader(src, at, limit, ctx).read();
  if (kind === 'none') {
    ctx.report(diag.emptyParam(ctx.range(src.start(at), src.end(at))));
    return { param: undefined, next: at + 1 };
  }
  const segments: PathSegment[] = [];
  const next = readPath(src, at + 1, limit, ctx, segments);
  return { param: { kind: 'Param', braced: false, segments, filters: [], range: span(src, ctx, at, next) }, next };
}

function span(src: ParamSource, ctx: ParseContext, from: number, to: number) {
  return ctx.range(src.start(from), to > from ? src.end(to - 1) : src.start(from));
}

function nameEnd(text: string, i: number, limit: number): number {
  while (i < limit) {
    const cp = codePointAt(text, i);
    if (!isParamPart(cp)) break;
    i += unitLength(cp);
  }
  return Math.min(i, limit);
}

/** Reads `name(.name)*` from `i` (which starts a name); returns the index after it. */
function readPath(src: ParamSource, i: number, limit: number, ctx: ParseContext, out: PathSegment[]): number {
  const t = src.text;
  for (;;) {
    const e = nameEnd(t, i, limit);
    out.push({ name: t.slice(i, e), range: span(src, ctx, i, e) });
    if (e + 1 < limit && t.charCodeAt(e) === 46 && isParamPart(codePointAt(t, e + 1))) i = e + 1;
    else return e;
  }
}

/** The `}` that closes a braced parameter, skipping quoted arguments; -1 if there is none. */
function findClose(t: string, i: number, limit: number): number {
  while (i < limit) {
    const c = t.charCodeAt(i);
    if (c === 125) return i;
    if (c === 34 || c === 39) {
      i++;
      while (i < limit && t.charCodeAt(i) !== c) i += t.charCodeAt(i) === 92 ? 2 : 1;
      if (i >= limit) return -1;
    }
    i++;
  }
  return -1;
}

class BracedReader {
  private readonly t: string;
  private readonly end: number;
  private readonly next: number;
  private failed = false;
  private readonly segments: PathSegment[] = [];
  private readonly filters: FilterCall[] = [];

  constructor(
    private readonly src: ParamSource,
    private readonly at: number,
    limit: number,
    private readonly ctx: ParseContext,
  ) {
    this.t = src.text;
    const close = findClose(this.t, at + 2, limit);
    this.end = close < 0 ? limit : close;
    this.next = close < 0 ? limit : close + 1;
    if (close < 0) {
      // One error per parameter: an unclosed '@{' hides whatever else is wrong inside it.
      this.failed = true;
      ctx.report(diag.unterminatedParam(ctx.range(src.start(at), src.end(at + 1))));
    }
  }

  read(): ParamRead {
    this.body();
    if (this.segments.length === 0) return { param: undefined, next: this.next };
    const param: ParamNode = {
      kind: 'Param',
      braced: true,
      segments: this.segments,
      filters: this.filters,
      range: span(this.src, this.ctx, this.at, this.next),
    };
    if (this.failed) param.recovered = true;
    return { param, next: this.next };
  }

  private fail(id: 'invalidParam' | 'invalidFilterArgument', from: number, to: number, what: string): void {
    if (this.failed) return;
    this.failed = true;
    const a = Math.min(from, this.t.length);
    const range = this.ctx.range(this.src.start(a), to > a ? this.src.end(to - 1) : this.src.end(a));
    this.ctx.report(id === 'invalidParam' ? diag.invalidParam(range, { problem: what }) : diag.invalidFilterArgument(range, { found: what }));
  }

  private skipBlanks(i: number): number {
    while (i < this.end && (this.t.charCodeAt(i) === 32 || this.t.charCodeAt(i) === 9)) i++;
    return i;
  }

  private describe(i: number): string {
    return i >= this.end ? "'}'" : `'${showChar(codePointAt(this.t, i))}'`;
  }

  private body(): void {
    let i = this.skipBlanks(this.at + 2);
    if (!isParamStart(codePointAt(this.t, i)) || i >= this.end) {
      return this.fail('invalidParam', i, i + 1, `'@{' must be followed by a parameter name, not ${this.describe(i)}`);
    }
    i = readPath(this.src, i, this.end, this.ctx, this.segments);
    if (i < this.end && this.t.charCodeAt(i) === 46) {
      return this.fail('invalidParam', i, i + 1, "a '.' must be followed by a field name");
    }
    i = this.skipBlanks(i);
    while (i < this.end && this.t.charCodeAt(i) === 124) {
      i = this.skipBlanks(i + 1);
      const r = this.filter(i);
      if (r < 0) return;
      i = this.skipBlanks(r);
    }
    if (i < this.end) this.fail('invalidParam', i, i + 1, `expected '|' or '}' but found ${this.describe(i)}`);
  }

  /** Reads one filter at `i`; returns the index after it, or -1 after reporting a problem. */
  private filter(i: number): number {
    if (i >= this.end || !isParamStart(codePointAt(this.t, i))) {
      this.fail('invalidParam', i, i + 1, `expected a filter name after '|' but found ${this.describe(i)}`);
      return -1;
    }
    const nameEndAt = nameEnd(this.t, i, this.end);
    const call: FilterCall = {
      kind: 'Filter',
      name: this.t.slice(i, nameEndAt),
      nameRange: span(this.src, this.ctx, i, nameEndAt),
      args: [],
      range: span(this.src, this.ctx, i, nameEndAt),
    };
    this.filters.push(call);
    let j = this.skipBlanks(nameEndAt);
    if (j >= this.end || this.t.charCodeAt(j) !== 40) return nameEndAt;
    j = this.skipBlanks(j + 1);
    if (j < this.end && this.t.charCodeAt(j) === 41) {
      call.range = span(this.src, this.ctx, i, j + 1);
      return j + 1;
    }
    for (;;) {
      const arg = this.literal(j);
      if (arg === undefined) return -1;
      call.args.push(arg.value);
      j = this.skipBlanks(arg.next);
      const c = j < this.end ? this.t.charCodeAt(j) : -1;
      if (c === 41) {
        call.range = span(this.src, this.ctx, i, j + 1);
        return j + 1;
      }
      if (c !== 44) {
        this.fail('invalidParam', j, j + 1, `expected ',' or ')' after an argument of '${call.name}' but found ${this.describe(j)}`);
        return -1;
      }
      j = this.skipBlanks(j + 1);
    }
  }

  /** One literal argument at `i`, or undefined after reporting a problem. */
  private literal(i: number): { value: Value; next: number } | undefined {
    const t = this.t;
    const c = i < this.end ? t.charCodeAt(i) : -1;
    if (c === 34 || c === 39) return this.stringArg(i);
    if (c === 41 || c === 44 || c === -1) {
      this.fail('invalidParam', i, i + 1, `expected an argument but found ${this.describe(i)}`);
      return undefined;
    }
    if (isDigit(c) || ((c === 43 || c === 45 || c === 46) && i + 1 < this.end)) {
      const e = scanNumericRun(t, i, this.end);
      const raw = t.slice(i, e);
      const n = e > i ? classifyNumeric(raw) : { kind: 'invalid' as const };
      if (n.kind === 'number') return { value: { kind: 'Number', value: n.value, raw, range: span(this.src, this.ctx, i, e) }, next: e };
      return this.badArg(i, Math.max(e, i + 1));
    }
    if (isParamStart(codePointAt(t, i))) {
      const e = nameEnd(t, i, this.end);
      const word = t.slice(i, e);
      const range = span(this.src, this.ctx, i, e);
      if (word === 'true' || word === 'false') return { value: { kind: 'Boolean', value: word === 'true', range }, next: e };
      if (word === 'null') return { value: { kind: 'Null', range }, next: e };
      return this.badArg(i, e);
    }
    let e = i + 1;
    if (c === 64) e = nameEnd(t, e, this.end);
    return this.badArg(i, e);
  }

  private badArg(from: number, to: number): undefined {
    // Show the whole offending word, up to the next separator.
    let e = to;
    while (e < this.end && !' \t,)'.includes(this.t[e])) e++;
    const shown = this.t.slice(from, Math.min(e, from + 40));
    this.fail('invalidFilterArgument', from, e, `'${shown}'`);
    return undefined;
  }

  private stringArg(i: number): { value: StringNode; next: number } | undefined {
    const t = this.t;
    const quote = t[i] as '"' | "'";
    let j = i + 1;
    let value = '';
    while (j < this.end && t[j] !== quote) {
      if (t.charCodeAt(j) === 92) {
        const esc = readEscape(t, j, this.end);
        if (esc.invalid) {
          this.ctx.report(diag.invalidEscape(this.ctx.range(this.src.start(j), this.src.end(j + esc.length - 1)), { escape: t.slice(j, j + esc.length) }));
        }
        value += esc.text;
        j += esc.length;
      } else {
        value += t[j];
        j++;
      }
    }
    if (j >= this.end) {
      this.fail('invalidParam', i, i + 1, 'a string argument is not closed');
      return undefined;
    }
    const parts: TextPart[] = value !== '' ? [{ kind: 'Text', text: value, range: span(this.src, this.ctx, i + 1, j) }] : [];
    return { value: { kind: 'String', value, parts, quote, range: span(this.src, this.ctx, i, j + 1) }, next: j + 1 };
  }
}
