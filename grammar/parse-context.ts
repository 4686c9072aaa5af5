// What every stage of one parse shares: the line index (offsets → positions) and the list
// the diagnostics go to. Diagnostics are built only with `diag` from the catalogue.
import type { Diagnostic } from '../language/diagnostic.js';
import type { Range } from '../language/range.js';
import { LineIndex } from '../language/line-index.js';

export class ParseContext {
  readonly lines: LineIndex;
  readonly diagnostics: Diagnostic[] = [];
  /**
   * Reports beyond this count are dropped. The lexer sets it while it runs: past the error
   * limit, its later (and so positionally later) reports can never be among the first 100.
   */
  reportLimit = Infinity;

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
  }

  range(start: number, end: number): Range {
    return this.lines.range(start, end);
  }

  report(d: Diagnostic): void {
    if (this.diagnostics.length >= this.reportLimit) return;
    this.diagnostics.push(d);
  }
}
