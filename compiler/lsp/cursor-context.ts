// What surrounds the cursor, read from the text alone. Completion runs while the user types,
// when the file is usually broken (`data { x: @job.` with no closing brace), so it cannot rely
// on the syntax tree there. This scanner is deliberately forgiving: it knows only comments,
// strings, parameters, words and brackets, tracks which blocks are open, and stops at the
// cursor. It mirrors the parser's one recovery rule that matters here: `hook NAME on` always
// starts a new item, whatever braces are still open before it.

import { isTopLevelKeyword } from '../../language/keywords.js';

export type BlockKind = 'hook' | 'oauth' | 'octoprint' | 'webcam' | 'messages' | 'other';

export interface ScanToken {
  /** `block` stands for a whole `{…}` or `[…]` value that closed before the cursor. */
  kind: 'word' | 'string' | 'param' | 'punct' | 'number' | 'block';
  /** The word, the punctuation character, or a string's raw content. */
  text: string;
  start: number;
  end: number;
  /** A line break separates this token from the one before it. */
  newlineBefore: boolean;
}

export interface Frame {
  bracket: '{' | '[';
  /** Offset of the bracket. */
  open: number;
  /** Top-level frames: the item's keyword (`other` for anything else). */
  block?: BlockKind;
  /** The hook's or oauth block's name. */
  name?: string;
  /** Offset of the top-level item's keyword. */
  itemStart?: number;
  /** Nested frames: the key whose value this object is (`data`, `headers`, `snapshot`…). */
  key?: string;
  tokens: ScanToken[];
  /** A line break comes before the bracket (for the `block` token it becomes once closed). */
  newlineBefore: boolean;
}

/** A parameter the cursor is in, read from its `@` up to the cursor. */
export type ParamAtCursor =
  /** In the path: `path` holds the finished segments, `partial` the one being typed. */
  | { mode: 'path'; at: number; braced: boolean; path: string[]; partial: string; partialStart: number }
  /** After a `|` in `@{…}`: a filter name is being typed. */
  | { mode: 'filter'; at: number; path: string[]; partial: string; partialStart: number }
  /** Somewhere nothing can be offered (filter arguments). */
  | { mode: 'none'; at: number };

export interface CursorContext {
  offset: number;
  /** Brackets open around the cursor, outermost first. */
  frames: Frame[];
  /** Outside every bracket: the tokens of the top-level item so far. */
  statement: ScanToken[];
  inComment: boolean;
  /** In a number, duration or size: nothing to offer. */
  inNumber: boolean;
  /** The string the cursor is in (offset of its opening quote). */
  string?: { start: number; quote: string };
  param?: ParamAtCursor;
  /** The part of a word before the cursor (empty when the cursor is not at a word). */
  word: string;
  /** The tokens of the current entry of the innermost frame (or item), before `word`. */
  entry: ScanToken[];
  /** A line break lies between the last token and the cursor's word. */
  newlineBefore: boolean;
}

const blockKeywords = new Set<BlockKind>(['hook', 'oauth', 'octoprint', 'webcam', 'messages']);
const hookHeadAhead = /^[ \t]+[A-Za-z_][\w-]*[ \t]+on\b/;

function isWordStart(c: string): boolean {
  return /[A-Za-z_$]/.test(c) || (c > '\x7f' && /\p{L}/u.test(c));
}
function isWordPart(c: string): boolean {
  return /[\w$-]/.test(c) || (c > '\x7f' && /[\p{L}\p{N}]/u.test(c));
}
/** A character that continues a parameter name (letters, digits, `_`), as the grammar's isParamPart. */
function isParamPart(c: string | undefined): boolean {
  return c !== undefined && (/\w/.test(c) || (c > '\x7f' && /[\p{L}\p{N}]/u.test(c)));
}
/** An `@` right after one of these is literal text (`me@example.com`). */
function isLetterOrDigit(c: string): boolean {
  return /[A-Za-z0-9]/.test(c) || (c > '\x7f' && /[\p{L}\p{N}]/u.test(c));
}
function isParamStart(c: string | undefined): boolean {
  return c !== undefined && (/[A-Za-z_]/.test(c) || (c > '\x7f' && /\p{L}/u.test(c)));
}

/** Index just after the `}` closing a braced parameter opened at `from`, skipping quoted arguments; -1 if none on this line. */
function bracedEnd(s: string, from: number, limit: number): number {
  let quote = '';
  for (let i = from; i < limit; i++) {
    const c = s[i];
    if (c === '\n' || c === '\r') return -1;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return i + 1;
  }
  return -1;
}

/** Splits on `|` outside quotes, keeping each part's start index. */
function splitFilters(s: string): Array<{ text: string; start: number }> {
  const parts: Array<{ text: string; start: number }> = [];
  let quote = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '|') {
      parts.push({ text: s.slice(start, i), start });
      start = i + 1;
    }
  }
  parts.push({ text: s.slice(start), start });
  return parts;
}

function pathParts(text: string): { path: string[]; partial: string } {
  const all = text.split('.');
  return { path: all.slice(0, -1), partial: all[all.length - 1] };
}

/**
 * The parameter that `s` (text from `base` up to the cursor) ends inside, by the template
 * rules: `@@` is a literal `@`, `@{` always opens a braced parameter, an `@` after a letter or
 * digit is literal, `@name` starts a path.
 */
export function paramBefore(s: string, base: number): ParamAtCursor | undefined {
  let i = 0;
  while (i < s.length) {
    const at = s.indexOf('@', i);
    if (at < 0) return undefined;
    const next = s[at + 1];
    if (next === '@') {
      i = at + 2;
      continue;
    }
    if (next === '{') {
      const end = bracedEnd(s, at + 2, s.length);
      if (end >= 0) {
        i = end;
        continue;
      }
      return readBraced(s.slice(at + 2), base + at, base + at + 2);
    }
    if (at > 0 && isLetterOrDigit(s[at - 1])) {
      i = at + 1;
      continue;
    }
    if (at + 1 === s.length) return { mode: 'path', at: base + at, braced: false, path: [], partial: '', partialStart: base + at + 1 };
    if (!isParamStart(next)) {
      i = at + 1;
      continue;
    }
    let j = at + 1;
    while (j < s.length && (isParamPart(s[j]) || s[j] === '.')) j++;
    if (j === s.length) {
      const { path, partial } = pathParts(s.slice(at + 1));
      return { mode: 'path', at: base + at, braced: false, path, partial, partialStart: base + s.length - partial.length };
    }
    i = j;
  }
  return undefined;
}

function readBraced(inner: string, at: number, innerStart: number): ParamAtCursor {
  const parts = splitFilters(inner);
  if (parts.length === 1) {
    const m = /^(\s*)([\w.]*)$/u.exec(inner);
    if (!m) return { mode: 'none', at };
    const { path, partial } = pathParts(m[2]);
    return { mode: 'path', at, braced: true, path, partial, partialStart: innerStart + inner.length - partial.length };
  }
  const last = parts[parts.length - 1];
  const m = /^\s*([A-Za-z_]\w*)?$/.exec(last.text);
  const path = parts[0].text.trim().split('.').filter(Boolean);
  if (!m) return { mode: 'none', at };
  const partial = m[1] ?? '';
  return { mode: 'filter', at, path, partial, partialStart: innerStart + inner.length - partial.length };
}

/** Tokens of the entry being written: after the last `,`/`;`, or after a line break that follows a complete `key value`. */
export function currentEntry(tokens: readonly ScanToken[], newlineAtCursor: boolean): ScanToken[] {
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

export function scanCursor(text: string, offset: number): CursorContext {
  const frames: Frame[] = [];
  let statement: ScanToken[] = [];
  let newline = false;
  const ctx: CursorContext = { offset, frames, statement, inComment: false, inNumber: false, word: '', entry: [], newlineBefore: false };
  const tokens = () => (frames.length > 0 ? frames[frames.length - 1].tokens : statement);
  const push = (t: Omit<ScanToken, 'newlineBefore'>) => {
    tokens().push({ ...t, newlineBefore: newline });
    newline = false;
  };
  const finish = (): CursorContext => {
    ctx.statement = statement;
    ctx.newlineBefore = newline;
    ctx.entry = currentEntry(tokens(), newline);
    return ctx;
  };
  const n = text.length;
  let i = 0;
  while (i < offset) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      newline = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || /\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      let end = i;
      while (end < n && text[end] !== '\n' && text[end] !== '\r') end++;
      if (offset >= i + 2 && offset <= end) {
        ctx.inComment = true;
        return finish();
      }
      i = end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      if (offset >= i + 2 && (close < 0 || offset <= close)) {
        ctx.inComment = true;
        return finish();
      }
      if (/[\r\n]/.test(text.slice(i, end))) newline = true;
      i = end;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let closed = false;
      while (j < n && text[j] !== '\n' && text[j] !== '\r') {
        if (text[j] === '\\') j += 2;
        else if (text[j] === c) {
          closed = true;
          j++;
          break;
        } else j++;
      }
      const end = Math.min(j, n);
      if (offset > i && (offset < end || !closed)) {
        ctx.string = { start: i, quote: c };
        ctx.param = paramBefore(text.slice(i + 1, offset), i + 1);
        return finish();
      }
      push({ kind: 'string', text: text.slice(i + 1, closed ? end - 1 : end), start: i, end });
      i = end;
      continue;
    }
    if (c === '@') {
      let end: number;
      if (text[i + 1] === '{') {
        const close = bracedEnd(text, i + 2, n);
        end = close;
        if (offset > i && (close < 0 || offset < close)) {
          ctx.param = paramBefore(text.slice(i, offset), i);
          return finish();
        }
        if (close < 0) {
          end = i + 2;
          while (end < n && text[end] !== '\n' && text[end] !== '\r') end++;
        }
      } else {
        end = i + 1;
        while (end < n && (isParamPart(text[end]) || text[end] === '.')) end++;
        if (offset > i && offset <= end) {
          ctx.param = paramBefore(text.slice(i, offset), i);
          return finish();
        }
      }
      push({ kind: 'param', text: text.slice(i, end), start: i, end });
      i = end;
      continue;
    }
    if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordPart(text[j])) j++;
      if (offset <= j) {
        ctx.word = text.slice(i, offset);
        return finish();
      }
      const word = text.slice(i, j);
      const tok = { kind: 'word' as const, text: word, start: i, end: j };
      if (word === 'hook' && hookHeadAhead.test(text.slice(j, j + 200)) && !inNamePosition(tokens())) {
        // Hooks never nest: whatever is still open before `hook NAME on` ended there.
        frames.length = 0;
        statement = [];
      } else if (frames.length === 0 && isTopLevelKeyword(word) && !inNamePosition(statement)) {
        statement = [];
      }
      push(tok);
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || ((c === '-' || c === '+' || c === '.') && /[0-9]/.test(text[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[\w.%+-]/.test(text[j])) j++;
      if (offset <= j) {
        ctx.inNumber = true;
        return finish();
      }
      push({ kind: 'number', text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (c === '{' || c === '[') {
      const frame: Frame = { bracket: c, open: i, tokens: [], newlineBefore: false };
      if (frames.length === 0) {
        const head = statement[0];
        const kw = head?.kind === 'word' && blockKeywords.has(head.text as BlockKind) ? (head.text as BlockKind) : 'other';
        frame.block = c === '{' ? kw : 'other';
        if (head) frame.itemStart = head.start;
        if ((kw === 'hook' || kw === 'oauth') && statement[1]?.kind === 'word') frame.name = statement[1].text;
      } else {
        const before = tokens();
        let k = before.length - 1;
        if (k >= 0 && before[k].kind === 'punct' && before[k].text === ':') k--;
        const key = before[k];
        if (key && (key.kind === 'word' || key.kind === 'string')) frame.key = key.text;
      }
      frame.newlineBefore = newline;
      newline = false;
      frames.push(frame);
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      const closed = frames.pop();
      if (closed) {
        if (frames.length > 0) {
          tokens().push({ kind: 'block', text: c, start: closed.open, end: i + 1, newlineBefore: closed.newlineBefore });
          newline = false;
        } else statement = [];
      }
      i++;
      continue;
    }
    push({ kind: 'punct', text: c, start: i, end: i + 1 });
    i++;
  }
  return finish();
}

/** `hook oauth on …`, `oauth hook {`: a keyword right after `hook`/`oauth` is a name. */
function inNamePosition(tokens: readonly ScanToken[]): boolean {
  const prev = tokens[tokens.length - 1];
  return prev?.kind === 'word' && (prev.text === 'hook' || prev.text === 'oauth');
}
