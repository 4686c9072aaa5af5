// Splits the token stream into top-level items before parsing. Each item is parsed on its
// own, so an error inside one (a missing '}', say) cannot swallow the next: an item starts
// at a top-level keyword outside any braces, or, wherever it appears, at `hook NAME on`,
// `oauth NAME {` or `printer NAME {`: no valid entry of an object reads like any of them. Tokens before the first
// keyword are junk (OH1011); junk after an item is reported when that item's parse ends.
import { tokenMatcher, type IToken } from 'chevrotain';
import { closers, Device, From, Hook, LCurly, Name, OAuth, On, openers, Printer, Secret, topLevelKeywords } from './tokens.js';

export interface Segment {
  /** Token indices [start, end). */
  start: number;
  end: number;
}

/** `hook NAME on`, `oauth NAME {` or `printer NAME {`: an item starts here even inside unclosed braces. */
export function startsItemAnywhere(tokens: readonly IToken[], i: number): boolean {
  const type = tokens[i].tokenType;
  if ((type !== Hook && type !== OAuth && type !== Printer) || i + 2 >= tokens.length || !tokenMatcher(tokens[i + 1], Name)) return false;
  return tokens[i + 2].tokenType === (type === Hook ? On : LCurly) && !isNamePosition(tokens, i);
}

/** `oauth hook {`, `device secret`, `from status`: a keyword that is really the name or value before it. */
function isNamePosition(tokens: readonly IToken[], i: number): boolean {
  if (i === 0) return false;
  const prev = tokens[i - 1];
  if (prev.tokenType === OAuth || prev.tokenType === Hook || prev.tokenType === Printer || prev.tokenType === From) return true;
  return (prev.tokenType === Device || prev.tokenType === Secret) && prev.endLine === tokens[i].startLine;
}

export function splitTopLevel(tokens: readonly IToken[]): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i].tokenType;
    const starts = startsItemAnywhere(tokens, i) || (depth === 0 && topLevelKeywords.has(type) && !isNamePosition(tokens, i));
    if (starts) {
      if (i > start) segments.push({ start, end: i });
      start = i;
      depth = 0;
    }
    if (openers.has(type)) depth++;
    else if (closers.has(type) && depth > 0) depth--;
  }
  if (tokens.length > start) segments.push({ start, end: tokens.length });
  return segments;
}
