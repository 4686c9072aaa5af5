// Offsets to 1-based line/column positions. CR, LF and CRLF each end one line; columns count
// UTF-16 units from 1, like offsets (and like editors using the LSP default encoding).
import type { Position, Range } from './range.js';

export class LineIndex {
  /** Offset at which each line starts; `starts[0]` is 0. */
  private readonly starts: number[] = [0];
  private hint = 0;

  constructor(readonly text: string) {
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  /** 0-based index of the line holding `offset` (amortised O(1) for increasing offsets). */
  lineIndexOf(offset: number): number {
    const s = this.starts;
    const h = this.hint;
    if (offset >= s[h] && (h + 1 >= s.length || offset < s[h + 1])) return h;
    if (h + 1 < s.length && offset >= s[h + 1] && (h + 2 >= s.length || offset < s[h + 2])) return (this.hint = h + 1);
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return (this.hint = lo);
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(Number.isFinite(offset) ? offset : 0, this.text.length));
    const line = this.lineIndexOf(o);
    return { line: line + 1, column: o - this.starts[line] + 1, offset: o };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** Offset of the line terminator that ends the line holding `offset` (or the text's end). */
  lineContentEnd(offset: number): number {
    const line = this.lineIndexOf(offset);
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1];
    return this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }
}
