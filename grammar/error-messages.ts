// Syntax error messages. chevrotain asks the provider for a message string; ours encodes
// which catalogue entry applies and what was expected, and `reportSyntaxErrors` turns that
// into a catalogue diagnostic once it knows what was really found. Items are parsed one at a
// time (top-level.ts), so an item's "end of file" is usually the next item's keyword: the
// message names that keyword ("Expected '}' but found 'hook'.").
//
// Ranges: a real offending token is the range. A missing token (found at the item's end, or
// an inserted token, whose offsets are NaN) gets an empty range at the end of the previous
// token, where the missing text belongs, as Langium does.
import { EOF, type IParserErrorMessageProvider, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import type { DiagnosticId } from '../language/catalogue.js';
import type { ParserNote } from './parser.js';
import type { ParseContext } from './parse-context.js';
import { closers, Name, NumberLit, StringLit, tokenEnd } from './tokens.js';
import { diag } from '../language/diagnostic.js';
import { topLevelKeywordList } from '../language/keywords.js';

interface ErrorInfo {
  id: Extract<DiagnosticId, 'expectedToken' | 'expectedTopLevel' | 'expectedValue'>;
  expected?: string;
}

const encode = (info: ErrorInfo): string => JSON.stringify(info);

function decode(message: string): ErrorInfo {
  try {
    const info = JSON.parse(message) as ErrorInfo;
    if (typeof info.id === 'string') return info;
  } catch {
    // Not ours: fall through.
  }
  return { id: 'expectedToken', expected: 'something else' };
}

const nameInRule: Record<string, string> = {
  trigger: 'a trigger name',
  hookDecl: 'a hook name',
  oauthDecl: 'a name for the oauth block',
  entry: 'a key',
};

/** Where a condition expects a value to compare, the message names the kinds rather than listing eight tokens. */
const conditionRules: ReadonlySet<string> = new Set(['operand', 'atom', 'unaryExpr', 'comparison']);
const conditionOperand = 'a parameter, a string, a number, a duration, a byte size, true, false or null';

function label(type: TokenType, ruleName: string): string {
  if (type === Name) return nameInRule[ruleName] ?? 'a name';
  if (type === NumberLit && ruleName === 'trigger') return "a number, as in 'every 10%',";
  return type.LABEL ?? type.name;
}

function alternatives(paths: TokenType[][], ruleName: string): string {
  const labels = [...new Set(paths.filter((p) => p.length > 0).map((p) => label(p[0], ruleName)))];
  if (labels.length <= 1) return labels[0] ?? 'something else';
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, ruleName }) => encode({ id: 'expectedToken', expected: label(expected, ruleName) }),
  buildNotAllInputParsedMessage: () => encode({ id: 'expectedTopLevel' }),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, ruleName }) =>
    ruleName === 'value'
      ? encode({ id: 'expectedValue' })
      : encode({ id: 'expectedToken', expected: conditionRules.has(ruleName) ? conditionOperand : alternatives(expectedPathsPerAlt.flat(), ruleName) }),
  buildEarlyExitMessage: ({ expectedIterationPaths, ruleName }) => encode({ id: 'expectedToken', expected: alternatives(expectedIterationPaths, ruleName) }),
};

export function isRealToken(t: IToken | undefined): t is IToken {
  return t !== undefined && t.tokenType !== EOF && !t.isInsertedInRecovery && Number.isFinite(t.startOffset);
}

/** How a message names a token: `'}'`, `'hook'`, `a string`, `end of file`. */
export function describeToken(t: IToken | undefined): string {
  if (!isRealToken(t)) return 'end of file';
  if (t.tokenType === StringLit) return 'a string';
  const image = t.image.length > 30 ? `${t.image.slice(0, 30)}…` : t.image;
  return `'${image}'`;
}

export interface ItemTokens {
  /** The item's tokens. */
  tokens: readonly IToken[];
  /** The first token after the item, if any. */
  next: IToken | undefined;
}

/** Turns one item's syntax errors into diagnostics (in ctx.diagnostics). */
export function reportSyntaxErrors(errors: readonly IRecognitionException[], notes: readonly ParserNote[], item: ItemTokens, ctx: ParseContext): void {
  let lastReal: IToken | undefined;
  for (let i = item.tokens.length - 1; i >= 0 && lastReal === undefined; i--) if (isRealToken(item.tokens[i])) lastReal = item.tokens[i];
  const after = (prev: IToken | undefined): [number, number] => {
    const p = isRealToken(prev) ? prev : lastReal;
    const at = p === undefined ? 0 : tokenEnd(p);
    return [at, at];
  };
  const others = errors.length + notes.length;
  for (const e of errors) {
    const info = decode(e.message);
    const tok = e.token;
    // A closer left over after an item that already has an error is that error's echo
    // (`[1, 2}` closes the item early and leaves its own '}'): one report is enough.
    if (info.id === 'expectedTopLevel' && others > 1 && closers.has(tok.tokenType)) continue;
    // What a note already reported as missing or unexpected is not also "not a top-level item".
    if (info.id === 'expectedTopLevel' && notes.some((m) => m.found === tok)) continue;
    const found = isRealToken(tok) ? describeToken(tok) : describeToken(item.next);
    const [start, end] = isRealToken(tok) ? [tok.startOffset, tokenEnd(tok)] : after((e as { previousToken?: IToken }).previousToken);
    if (info.id === 'expectedToken') ctx.report(diag.expectedToken(ctx.range(start, end), { expected: info.expected ?? 'something else', found }));
    else if (info.id === 'expectedTopLevel') ctx.report(diag.expectedTopLevel(ctx.range(start, end), { keywords: topLevelKeywordList(), found }));
    else ctx.report(diag.expectedValue(ctx.range(start, end), { found }));
  }
  for (const m of notes) {
    if (m.kind === 'unexpected') {
      ctx.report(diag.expectedToken(ctx.range(m.found.startOffset, tokenEnd(m.found)), { expected: m.expected ?? 'something else', found: describeToken(m.found) }));
      continue;
    }
    const real = isRealToken(m.found);
    const sameLine = real && m.found.startLine === m.after.endLine;
    const found = !real ? describeToken(item.next) : sameLine ? describeToken(m.found) : 'end of line';
    const [start, end] = sameLine ? [m.found.startOffset, tokenEnd(m.found)] : after(m.after);
    if (m.kind === 'missing') ctx.report(diag.expectedToken(ctx.range(start, end), { expected: m.expected ?? 'something else', found }));
    else ctx.report(diag.expectedValue(ctx.range(start, end), { found }));
  }
}
