// Quoted strings: decoding (escapes, line continuations) and the split into text and
// parameters. Decoding records, for every decoded character, where it came from in the
// source, so that every part's range is exact even when escapes change lengths.
//
// Template rules: `@@` is a literal '@', and so is an '@' written as an escape (`\u0040`);
// `@{` always starts a braced parameter; any other '@' right after a letter or digit is
// literal (`me@example.com`); `@name` starts a parameter; an '@' followed by anything else
// is reported (OH1021) and kept as text. An empty string has no parts.
import type { StringNode, TemplatePart, TextPart } from './ast.js';
import { codePointBefore, isLetterOrDigit } from '../language/char-classes.js';
import { readEscape } from './escapes.js';
import { paramKind, readParam, type ParamSource } from './param-syntax.js';
import type { ParseContext } from './parse-context.js';
import { diag } from '../language/diagnostic.js';

class DecodedText implements ParamSource {
  text = '';
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  start(i: number): number {
    return this.starts[i];
  }
  end(i: number): number {
    return this.ends[i];
  }
}

/** Reads the string whose opening quote is at `at`; returns it and the offset after it. */
export function readString(text: string, at: number, ctx: ParseContext): { node: StringNode; end: number } {
  const quote = text[at] as '"' | "'";
  const q = quote.charCodeAt(0);
  const n = text.length;
  const d = new DecodedText();
  let chunks = '';
  let i = at + 1;
  let terminated = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === q) {
      terminated = true;
      break;
    }
    if (c === 10 || c === 13) break;
    if (c === 92) {
      if (i + 1 >= n) {
        i = n;
        break;
      }
      const esc = readEscape(text, i, n);
      if (esc.invalid) ctx.report(diag.invalidEscape(ctx.range(i, i + esc.length), { escape: text.slice(i, i + esc.length) }));
      for (let k = 0; k < esc.text.length; k++) {
        d.starts.push(i);
        d.ends.push(i + esc.length);
      }
      chunks += esc.text;
      i += esc.length;
      continue;
    }
    // A run of plain characters, copied at once.
    const runStart = i;
    while (i < n) {
      const r = text.charCodeAt(i);
      if (r === q || r === 92 || r === 10 || r === 13) break;
      d.starts.push(i);
      d.ends.push(i + 1);
      i++;
    }
    chunks += text.slice(runStart, i);
  }
  const contentEnd = i;
  const end = terminated ? i + 1 : i;
  if (!terminated) ctx.report(diag.unterminatedString(ctx.range(at, end)));
  d.text = chunks;
  d.starts.push(contentEnd);
  d.ends.push(contentEnd);
  const node: StringNode = { kind: 'String', value: chunks, parts: templateParts(d, ctx), quote, range: ctx.range(at, end) };
  if (!terminated) node.recovered = true;
  return { node, end };
}

/** Splits decoded text into text runs (adjacent text merged) and parameters. */
function templateParts(src: DecodedText, ctx: ParseContext): TemplatePart[] {
  const t = src.text;
  const n = t.length;
  const parts: TemplatePart[] = [];
  let text = '';
  let from = -1;
  let last = -1;
  const add = (s: string, i: number, j: number) => {
    if (from < 0) from = i;
    text += s;
    last = j;
  };
  const flush = () => {
    if (from < 0) return;
    const part: TextPart = { kind: 'Text', text, range: ctx.range(src.start(from), src.end(last - 1)) };
    parts.push(part);
    text = '';
    from = -1;
  };
  let i = 0;
  while (i < n) {
    const at = t.indexOf('@', i);
    if (at < 0) {
      add(t.slice(i), i, n);
      break;
    }
    if (at > i) add(t.slice(i, at), i, at);
    if (src.end(at) - src.start(at) > 1) {
      // Written as an escape (`\u0040`): the user asked for the character itself.
      add('@', at, at + 1);
      i = at + 1;
      continue;
    }
    if (t.charCodeAt(at + 1) === 64) {
      add('@', at, at + 2);
      i = at + 2;
      continue;
    }
    const kind = paramKind(t, at, n);
    if (kind !== 'braced' && isLetterOrDigit(codePointBefore(t, at))) {
      add('@', at, at + 1);
      i = at + 1;
      continue;
    }
    const r = readParam(src, at, n, ctx);
    if (r.param === undefined) {
      // Reported already; the characters stay text so nothing the user wrote is lost.
      add(t.slice(at, r.next), at, r.next);
    } else {
      flush();
      parts.push(r.param);
    }
    i = r.next;
  }
  flush();
  return parts;
}
