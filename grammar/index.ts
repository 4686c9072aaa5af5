// The grammar's public entry: `parseOhk(source)` → the AST and the syntax diagnostics.
// It never throws: every stage is linear and bounded (error limit, nesting limit), and a
// last-resort catch turns a bug into a diagnostic instead of a crash.
//
// Stages: lex (lexer.ts) → limit nesting (depth-guard.ts) → split into top-level items
// (top-level.ts) → parse each item with the one chevrotain parser (parser.ts) → build the
// AST (build-ast.ts). Diagnostics are sorted by position and capped at 100 (then OH1099).
import type { IToken } from 'chevrotain';
import { diag, sortDiagnostics, type Diagnostic } from '../language/diagnostic.js';
import { topLevelKeywordList } from '../language/keywords.js';
import type { OhkFile, TopLevel } from './ast.js';
import type { Range } from '../language/range.js';
import { buildItem } from './build-ast.js';
import { limitDepth } from './depth-guard.js';
import { describeToken, reportSyntaxErrors } from './error-messages.js';
import { lex } from './lexer.js';
import { ParseContext } from './parse-context.js';
import { parser, ruleFor } from './parser.js';
import { splitTopLevel } from './top-level.js';
import { tokenEnd } from './tokens.js';

export type * from './ast.js';

/** Syntax errors reported before the parser gives up (OH1099). */
export const maxSyntaxErrors = 100;

export interface ParseResult {
  file: OhkFile;
  diagnostics: Diagnostic[];
}

export function parseOhk(source: string): ParseResult {
  const text = typeof source === 'string' ? source : '';
  const items: TopLevel[] = [];
  let comments: Range[] = [];
  const ctx = new ParseContext(text);
  const stackTraceLimit = Error.stackTraceLimit;
  // chevrotain signals every syntax error with an exception; without stack traces they are cheap.
  Error.stackTraceLimit = 0;
  try {
    const lexed = lex(ctx, maxSyntaxErrors);
    comments = lexed.comments;
    const tokens = limitDepth(lexed.tokens, ctx);
    parseItems(tokens, ctx, items);
  } catch (e) {
    const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    ctx.diagnostics.push(diag.internalError(ctx.range(0, 0), { reason: why.slice(0, 200) }));
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  const file: OhkFile = { kind: 'File', items, comments, range: ctx.range(0, text.length) };
  return { file, diagnostics: cap(ctx.diagnostics) };
}

function parseItems(tokens: IToken[], ctx: ParseContext, items: TopLevel[]): void {
  // Lexer and depth diagnostics are counted by position, so the budget left for an item
  // matches "the first 100 errors in the file".
  const earlier = ctx.diagnostics.map((d) => d.range.start.offset).sort((a, b) => a - b);
  let earlierSeen = 0;
  let parseErrors = 0;
  for (const seg of splitTopLevel(tokens)) {
    const first = tokens[seg.start];
    const endOffset = tokenEnd(tokens[seg.end - 1]);
    while (earlierSeen < earlier.length && earlier[earlierSeen] < endOffset) earlierSeen++;
    const budget = maxSyntaxErrors - earlierSeen - parseErrors;
    if (budget < 0) return;
    const rule = ruleFor(first);
    const before = ctx.diagnostics.length;
    if (rule === undefined) {
      ctx.report(diag.expectedTopLevel(ctx.range(first.startOffset, tokenEnd(first)), { keywords: topLevelKeywordList(), found: describeToken(first) }));
      parseErrors++;
      continue;
    }
    const slice = tokens.slice(seg.start, seg.end);
    const r = parser.parseItem(rule, slice, budget);
    reportSyntaxErrors(r.errors, r.notes, { tokens: slice, next: tokens[seg.end] }, ctx);
    parseErrors += ctx.diagnostics.length - before;
    if (r.cst === undefined) return;
    const item = buildItem(r.cst, ctx);
    if (item) items.push(item);
  }
}

function cap(diagnostics: Diagnostic[]): Diagnostic[] {
  const sorted = sortDiagnostics(diagnostics);
  if (sorted.length <= maxSyntaxErrors) return sorted;
  const kept = sorted.slice(0, maxSyntaxErrors);
  kept.push(diag.tooManyErrors(sorted[maxSyntaxErrors].range, { max: maxSyntaxErrors }));
  return kept;
}
