// What every stage of one parse shares: the line index (offsets → positions) and the list
// the diagnostics go to. Diagnostics are built only with `diagnostic()` from the catalogue.
import { diagnostic, type Diagnostic } from '../compiler/diagnostics/diagnostic.js';
import type { DiagnosticId } from '../compiler/diagnostics/catalogue.js';
import type { Range } from './ast.js';
import { LineIndex } from './line-index.js';

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

  /** Reports `id` over the source offsets [start, end). */
  report(id: DiagnosticId, start: number, end: number, ...args: Array<string | number>): void {
    if (this.diagnostics.length >= this.reportLimit) return;
    this.diagnostics.push(diagnostic(id, this.lines.range(start, end), ...args));
  }
}
