// The lexer. Hand-written rather than chevrotain's Lexer: strings, parameters and comments
// need scanning with exact source maps and their own diagnostics, every construct must be
// linear in its length (no backtracking regular expressions over pathological input), and
// the tokens it produces are ordinary chevrotain tokens, so the parser does not care.
// Literal tokens carry their finished AST node as `payload`.
import type { IToken, TokenType } from 'chevrotain';
import type { NumberNode } from './ast.js';
import type { Range } from '../language/range.js';
import { codePointAt, isDigit, isIdentPart, isIdentStart, isWhitespace, showChar, unitLength } from '../language/char-classes.js';
import { classifyNumeric, readSpacedSize, readTimeRange, scanNumericRun } from './number-literal.js';
import { paramKind, readParam, sourceText } from './param-syntax.js';
import type { ParseContext } from './parse-context.js';
import { readString } from './template-string.js';
import {
  ByteSizeLit, Colon, Comma, CompareOp, DurationLit, Ident, keywords, LBracket, LCurly, LParen, NumberLit, ParamTok, Percent,
  RBracket, RCurly, RParen, Semicolon, SizeLit, StringLit, TimeRangeLit,
} from './tokens.js';
import { diag } from '../language/diagnostic.js';

export interface LexResult {
  tokens: IToken[];
  comments: Range[];
  /** False when lexing stopped at the error limit; tokens after that point are missing. */
  complete: boolean;
}

function punctuation(c: number): TokenType | undefined {
  switch (c) {
    case 123: return LCurly;
    case 125: return RCurly;
    case 91: return LBracket;
    case 93: return RBracket;
    case 58: return Colon;
    case 44: return Comma;
    case 59: return Semicolon;
    case 37: return Percent;
    case 40: return LParen;
    case 41: return RParen;
    default: return undefined;
  }
}

/** The length of the comparison operator at `i` (`==`, `!=`, `<`, `<=`, `>`, `>=`), or 0. A lone `=` or `!` is no operator. */
function operatorLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const eq = text.charCodeAt(i + 1) === 61;
  if (c === 60 || c === 62) return eq ? 2 : 1;
  if (c === 61 || c === 33) return eq ? 2 : 0;
  return 0;
}

export function lex(ctx: ParseContext, maxErrors: number): LexResult {
  const limit = ctx.reportLimit;
  ctx.reportLimit = ctx.diagnostics.length + maxErrors + 1;
  try {
    return new Lexer(ctx, maxErrors).run();
  } finally {
    ctx.reportLimit = limit;
  }
}

class Lexer {
  private readonly text: string;
  private readonly n: number;
  private readonly tokens: IToken[] = [];
  private readonly comments: Range[] = [];

  constructor(
    private readonly ctx: ParseContext,
    private readonly maxErrors: number,
  ) {
    this.text = ctx.text;
    this.n = ctx.text.length;
  }

  run(): LexResult {
    const { text, n, ctx } = this;
    let i = 0;
    while (i < n) {
      if (ctx.diagnostics.length > this.maxErrors) return { tokens: this.tokens, comments: this.comments, complete: false };
      const c = text.charCodeAt(i);
      if (isWhitespace(c)) {
        i++;
        continue;
      }
      const punct = punctuation(c);
      const op = punct === undefined ? operatorLength(text, i) : 0;
      if (punct !== undefined) {
        this.push(punct, i, i + 1);
        i++;
      } else if (op > 0) {
        this.push(CompareOp, i, i + op);
        i += op;
      } else if (c === 34 || c === 39) {
        const s = readString(text, i, ctx);
        this.push(StringLit, i, s.end, s.node);
        i = s.end;
      } else if (c === 64) {
        i = this.param(i);
      } else if (c === 47 && (text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 1) === 42)) {
        i = this.comment(i);
      } else if (this.startsNumber(i)) {
        i = this.numeric(i);
      } else {
        const cp = codePointAt(text, i);
        i = isIdentStart(cp) ? this.word(i) : this.unexpected(i);
      }
    }
    return { tokens: this.tokens, comments: this.comments, complete: true };
  }

  private push(type: TokenType, start: number, end: number, payload?: unknown): void {
    const lines = this.ctx.lines;
    const startLine = lines.lineIndexOf(start) + 1;
    const endLine = end - start > 1 ? lines.lineIndexOf(end - 1) + 1 : startLine;
    // The shape createTokenInstance builds, written out so every token has one hidden class.
    this.tokens.push({
      image: this.text.slice(start, end),
      startOffset: start,
      endOffset: end - 1,
      startLine,
      endLine,
      startColumn: NaN,
      endColumn: NaN,
      tokenTypeIdx: type.tokenTypeIdx as number,
      tokenType: type,
      payload,
    });
  }

  private startsNumber(i: number): boolean {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (isDigit(c)) return true;
    const d = t.charCodeAt(i + 1);
    if (c === 46) return isDigit(d);
    if (c === 43 || c === 45) return isDigit(d) || (d === 46 && isDigit(t.charCodeAt(i + 2)));
    return false;
  }

  private startsToken(i: number): boolean {
    const c = this.text.charCodeAt(i);
    if (punctuation(c) !== undefined || operatorLength(this.text, i) > 0 || c === 34 || c === 39 || c === 64) return true;
    if (c === 47) return this.text.charCodeAt(i + 1) === 47 || this.text.charCodeAt(i + 1) === 42;
    return this.startsNumber(i) || isIdentStart(codePointAt(this.text, i));
  }

  private unexpected(i: number): number {
    const first = codePointAt(this.text, i);
    let j = i + unitLength(first);
    while (j < this.n && !isWhitespace(this.text.charCodeAt(j)) && !this.startsToken(j)) j += unitLength(codePointAt(this.text, j));
    this.ctx.report(diag.unexpectedCharacter(this.ctx.range(i, j), { char: showChar(first) }));
    return j;
  }

  private comment(i: number): number {
    const t = this.text;
    let end: number;
    if (t.charCodeAt(i + 1) === 47) {
      end = i + 2;
      while (end < this.n && t.charCodeAt(end) !== 10 && t.charCodeAt(end) !== 13) end++;
    } else {
      const close = t.indexOf('*/', i + 2);
      if (close < 0) {
        this.ctx.report(diag.unterminatedComment(this.ctx.range(i, i + 2)));
        end = this.n;
      } else {
        end = close + 2;
      }
    }
    this.comments.push(this.ctx.range(i, end));
    return end;
  }

  private word(i: number): number {
    const t = this.text;
    let j = i + unitLength(codePointAt(t, i));
    // Inner hyphens are allowed, so header names like Content-Type can be written bare.
    for (;;) {
      const cp = codePointAt(t, j);
      if (j < this.n && isIdentPart(cp)) j += unitLength(cp);
      else if (cp === 45 && j + 1 < this.n && isIdentPart(codePointAt(t, j + 1))) j++;
      else break;
    }
    const image = t.slice(i, j);
    this.push(keywords.get(image) ?? Ident, i, j);
    return j;
  }

  private param(i: number): number {
    const kind = paramKind(this.text, i, this.n);
    // A braced parameter must close on its line, like a string.
    const limit = kind === 'braced' ? this.ctx.lines.lineContentEnd(i) : this.n;
    const r = readParam(sourceText(this.text), i, limit, this.ctx);
    this.push(ParamTok, i, r.next, r.param);
    return r.next;
  }

  private numeric(i: number): number {
    const t = this.text;
    const runEnd = scanNumericRun(t, i);
    const raw = t.slice(i, runEnd);
    const time = isDigit(t.charCodeAt(i)) ? readTimeRange(t, i) : undefined;
    if (time) {
      const clock = (c: { hour: number; minute: number; start: number; end: number }) => ({ hour: c.hour, minute: c.minute, range: this.ctx.range(c.start, c.end) });
      this.push(TimeRangeLit, i, time.end, { kind: 'TimeRange', from: clock(time.from), to: clock(time.to), range: this.ctx.range(i, time.end) });
      return time.end;
    }
    if (isDigit(t.charCodeAt(i))) {
      const size = readSpacedSize(t, raw, runEnd);
      if (size !== undefined) {
        this.push(SizeLit, i, size.end, { kind: 'Size', width: size.width, height: size.height, range: this.ctx.range(i, size.end) });
        return size.end;
      }
    }
    const range = this.ctx.range(i, runEnd);
    const k = classifyNumeric(raw);
    switch (k.kind) {
      case 'number':
        this.push(NumberLit, i, runEnd, { kind: 'Number', value: k.value, raw, range });
        break;
      case 'duration':
        this.push(DurationLit, i, runEnd, { kind: 'Duration', ms: k.ms, raw, range });
        break;
      case 'size':
        this.push(SizeLit, i, runEnd, { kind: 'Size', width: k.width, height: k.height, range });
        break;
      case 'bytes':
        this.push(ByteSizeLit, i, runEnd, { kind: 'ByteSize', bytes: k.bytes, raw, range });
        break;
      default: {
        this.ctx.report(diag.invalidNumber(this.ctx.range(i, runEnd), { text: raw.length > 40 ? `${raw.slice(0, 40)}…` : raw }));
        const node: NumberNode = { kind: 'Number', value: 0, raw, range, recovered: true };
        this.push(NumberLit, i, runEnd, node);
      }
    }
    return runEnd;
  }
}
