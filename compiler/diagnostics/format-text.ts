// `file:line:col: severity CODE: message` and a code frame, one block per diagnostic.
import { codeFrame, splitLines } from './code-frame.js';
import type { Diagnostic } from '../../language/diagnostic.js';

export function formatText(file: string, source: string, diagnostics: readonly Diagnostic[], color = false): string {
  const lines = splitLines(source);
  const paint = (code: number, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  return diagnostics
    .map((d) => {
      const where = `${file}:${d.range.start.line}:${d.range.start.column}`;
      const sev = paint(d.severity === 'error' ? 31 : d.severity === 'warning' ? 33 : 36, d.severity);
      return `${where}: ${sev} ${d.code}: ${d.message}\n${codeFrame(lines, d.range)}\n`;
    })
    .join('');
}

export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const infos = diagnostics.length - errors - warnings;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${infos ? `, ${infos} info` : ''}`;
}
