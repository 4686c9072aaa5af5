// A code frame: the source line(s) of a range with `~~~` under the span, as in the CLI
// contract. Tabs are kept so the underline lines up in a terminal.
import type { Range } from '../../language/range.js';

export function splitLines(source: string): string[] {
  return source.split(/\r\n|\r|\n/);
}

/** The underline for one line: spaces (tabs kept) up to the start column, then `~` to the end. */
function underline(line: string, startCol: number, endCol: number): string {
  const pad = line.slice(0, startCol - 1).replace(/[^\t]/g, ' ');
  return pad + '~'.repeat(Math.max(1, endCol - startCol));
}

export function codeFrame(lines: readonly string[], range: Range, maxLines = 3): string {
  const gutter = String(range.end.line).length + 3;
  const out: string[] = [];
  const last = Math.min(range.end.line, range.start.line + maxLines - 1);
  for (let n = range.start.line; n <= last; n++) {
    const text = lines[n - 1] ?? '';
    const from = n === range.start.line ? range.start.column : 1;
    let to = n === range.end.line ? range.end.column : text.length + 1;
    if (to <= from) to = from + 1;
    out.push(`${String(n).padStart(gutter)} | ${text}`);
    out.push(`${' '.repeat(gutter)} | ${underline(text, from, to)}`);
  }
  return out.join('\n');
}
