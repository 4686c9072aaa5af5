// Golden-fixture baselines in the style of TypeScript's errors.txt: a header line per
// diagnostic, then the whole source with `~~~` under each span and the message after it.
// Readable in review, and it shows the span, not just the position.
import { splitLines } from './code-frame.js';
import type { Diagnostic } from '../../language/diagnostic.js';

export function formatBaseline(file: string, source: string, diagnostics: readonly Diagnostic[]): string {
  const out: string[] = [];
  for (const d of diagnostics) {
    out.push(`${file}(${d.range.start.line},${d.range.start.column}): ${d.severity} ${d.code}: ${d.message}`);
  }
  out.push('', '', `==== ${file} (${diagnostics.length} diagnostics) ====`);
  const lines = splitLines(source);
  lines.forEach((text, i) => {
    const n = i + 1;
    out.push(`    ${text}`);
    for (const d of diagnostics) {
      if (n < d.range.start.line || n > d.range.end.line) continue;
      const from = n === d.range.start.line ? d.range.start.column : 1;
      let to = n === d.range.end.line ? d.range.end.column : text.length + 1;
      if (to <= from) to = from + 1;
      out.push(`    ${text.slice(0, from - 1).replace(/[^\t]/g, ' ')}${'~'.repeat(to - from)}`);
      if (n === d.range.end.line || n === lines.length) out.push(`!!! ${d.severity} ${d.code}: ${d.message}`);
    }
  });
  return out.join('\n') + '\n';
}
