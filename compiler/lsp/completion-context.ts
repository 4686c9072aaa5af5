// Where the cursor stands, read with the grammar's own lexer. Completion runs while the user
// types, when the file is usually broken (`data { x: @job.` with no closing brace), so the
// text is lexed with a probe letter at the cursor: the token the probe lands in is what is
// being typed (a word, a parameter segment, a filter name), by the grammar's rules for
// characters, strings, `@@` and `me@example.com`. The blocks open around it are found by the
// parser's own rule for where a top-level item starts (grammar/top-level.ts).
import type { IToken } from 'chevrotain';
import type { ParamNode, StringNode } from '../../grammar/ast.js';
import { lex } from '../../grammar/lexer.js';
import { ParseContext } from '../../grammar/parse-context.js';
import { splitTopLevel } from '../../grammar/top-level.js';
import { DurationLit, Hook, keywords, LCurly, NumberLit, OAuth, ParamTok, RBracket, RCurly, SizeLit, StringLit, tokenEnd } from '../../grammar/tokens.js';

/** The letter put at the cursor: it starts and continues names and parameters alike. */
const probe = 'x';

export type BlockKind = 'hook' | 'oauth' | 'octoprint' | 'printer' | 'webcam' | 'messages' | 'other';

export interface ContextToken {
  /** `block` stands for a whole `{…}` or `[…]` value that closed before the cursor. */
  kind: 'word' | 'string' | 'param' | 'punct' | 'number' | 'block';
  /** The word, the punctuation, or a string's value. */
  text: string;
  start: number;
  /** A line break separates this token from the one before it. */
  newlineBefore: boolean;
}

export interface Frame {
  bracket: '{' | '[';
  open: number;
  /** Top-level frames: the item's keyword (`other` for anything else). */
  block?: BlockKind;
  /** The hook's or oauth block's name. */
  name?: string;
  /** Top-level frames: offset of the item's first token. */
  itemStart?: number;
  /** Nested frames: the key whose value this is (`data`, `headers`, `snapshot`…). */
  key?: string;
  tokens: ContextToken[];
  newlineBefore: boolean;
}

/** A parameter the cursor is in. */
export type ParamAtCursor =
  /** In its path: `path` holds the segments before the one being typed. */
  | { mode: 'path'; path: string[]; partialStart: number }
  /** On a filter name in `@{…}`. */
  | { mode: 'filter'; partialStart: number }
  /** Where nothing can be offered (filter arguments, spaces in `@{ }`). */
  | { mode: 'none' };

export type CompletionContext =
  /** In a comment, a number, plain text of a string, or past anything completable. */
  | { kind: 'nothing' }
  | { kind: 'param'; param: ParamAtCursor; inString: boolean; frames: Frame[] }
  | {
      kind: 'word';
      /** The part of the word before the cursor. */
      word: string;
      /** Brackets open around the cursor, outermost first. */
      frames: Frame[];
      /** Outside every bracket: the tokens of the top-level item so far. */
      statement: ContextToken[];
      /** The tokens of the entry being written in the innermost frame (or item), before the word. */
      entry: ContextToken[];
      newlineBefore: boolean;
    };

function within(start: number, end: number, offset: number): boolean {
  return start <= offset && offset < end;
}

/** What the probe, at `offset`, is part of inside a parameter. */
function paramAt(param: ParamNode | undefined, offset: number): ParamAtCursor {
  if (!param) return { mode: 'none' };
  const i = param.segments.findIndex((s) => within(s.range.start.offset, s.range.end.offset, offset));
  if (i >= 0) return { mode: 'path', path: param.segments.slice(0, i).map((s) => s.name), partialStart: param.segments[i].range.start.offset };
  const f = param.filters.find((fc) => within(fc.nameRange.start.offset, fc.nameRange.end.offset, offset));
  if (f) return { mode: 'filter', partialStart: f.nameRange.start.offset };
  return { mode: 'none' };
}

function stringParam(node: StringNode, offset: number): ParamNode | undefined {
  for (const part of node.parts) if (part.kind === 'Param' && within(part.range.start.offset, part.range.end.offset, offset)) return part;
  return undefined;
}

function contextToken(t: IToken, newlineBefore: boolean): ContextToken {
  const type = t.tokenType;
  const kind: ContextToken['kind'] =
    type === StringLit ? 'string' : type === ParamTok ? 'param' : type === NumberLit || type === DurationLit || type === SizeLit ? 'number' : keywords.has(t.image) || type.name === 'Ident' ? 'word' : 'punct';
  const text = type === StringLit ? (t.payload as StringNode).value : t.image;
  return { kind, text, start: t.startOffset, newlineBefore };
}

/** Tokens of the entry being written: after the last `,`/`;`, or after a line break that follows a complete `key value`. */
export function currentEntry(tokens: readonly ContextToken[], newlineAtCursor: boolean): ContextToken[] {
  let start = 0;
  const values = (from: number, to: number) => tokens.slice(from, to).filter((t) => !(t.kind === 'punct' && t.text === ':')).length;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'punct' && (t.text === ',' || t.text === ';')) start = k + 1;
    else if (t.newlineBefore && values(start, k) >= 2) start = k;
  }
  if (newlineAtCursor && values(start, tokens.length) >= 2) return [];
  return tokens.slice(start);
}

/** The blocks open before token `at`, walking its top-level item from `from`. */
function openFrames(tokens: readonly IToken[], from: number, at: number): { frames: Frame[]; statement: ContextToken[]; newlineBefore: boolean } {
  const frames: Frame[] = [];
  const statement: ContextToken[] = [];
  const current = () => (frames.length > 0 ? frames[frames.length - 1].tokens : statement);
  const newlineBefore = (i: number) => i > 0 && (tokens[i].startLine ?? 0) > (tokens[i - 1].endLine ?? 0);
  for (let i = from; i < at; i++) {
    const t = tokens[i];
    const nl = newlineBefore(i);
    if (t.tokenType === LCurly || t.image === '[') {
      const frame: Frame = { bracket: t.image === '{' ? '{' : '[', open: t.startOffset, tokens: [], newlineBefore: nl };
      if (frames.length === 0) {
        const head = statement[0];
        const kw = head?.kind === 'word' && ['hook', 'oauth', 'octoprint', 'printer', 'webcam', 'messages'].includes(head.text) ? (head.text as BlockKind) : 'other';
        frame.block = frame.bracket === '{' ? kw : 'other';
        frame.itemStart = tokens[from].startOffset;
        const second = tokens[from + 1];
        if ((tokens[from].tokenType === Hook || tokens[from].tokenType === OAuth) && second && i > from + 1 && contextToken(second, false).kind === 'word') frame.name = second.image;
      } else {
        const before = current();
        let k = before.length - 1;
        if (k >= 0 && before[k].kind === 'punct' && before[k].text === ':') k--;
        const key = before[k];
        if (key && (key.kind === 'word' || key.kind === 'string')) frame.key = key.text;
      }
      frames.push(frame);
      continue;
    }
    if (t.tokenType === RCurly || t.tokenType === RBracket) {
      const closed = frames.pop();
      if (closed && frames.length > 0) current().push({ kind: 'block', text: t.image, start: closed.open, newlineBefore: closed.newlineBefore });
      else if (closed) statement.length = 0;
      continue;
    }
    current().push(contextToken(t, nl));
  }
  return { frames, statement, newlineBefore: at > 0 && at < tokens.length && newlineBefore(at) };
}

export function completionContext(text: string, offset: number): CompletionContext {
  const ctx = new ParseContext(text.slice(0, offset) + probe + text.slice(offset));
  const lexed = lex(ctx, Infinity);
  if (lexed.comments.some((c) => within(c.start.offset, c.end.offset, offset))) return { kind: 'nothing' };
  const tokens = lexed.tokens;
  const at = tokens.findIndex((t) => within(t.startOffset, tokenEnd(t), offset));
  if (at < 0) return { kind: 'nothing' };
  const token = tokens[at];
  const type = token.tokenType;
  if (type === NumberLit || type === DurationLit || type === SizeLit) return { kind: 'nothing' };
  const segment = splitTopLevel(tokens).find((s) => s.start <= at && at < s.end);
  const { frames, statement, newlineBefore } = openFrames(tokens, segment?.start ?? at, at);
  if (type === StringLit) {
    const param = stringParam(token.payload as StringNode, offset);
    return param ? { kind: 'param', param: paramAt(param, offset), inString: true, frames } : { kind: 'nothing' };
  }
  if (type === ParamTok) return { kind: 'param', param: paramAt(token.payload as ParamNode | undefined, offset), inString: false, frames };
  if (contextToken(token, false).kind !== 'word') return { kind: 'nothing' };
  const innermost = frames.length > 0 ? frames[frames.length - 1].tokens : statement;
  return { kind: 'word', word: text.slice(token.startOffset, offset), frames, statement, entry: currentEntry(innermost, newlineBefore), newlineBefore };
}
