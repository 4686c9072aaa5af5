// The CLI contract's JSON form: 1-based lines and columns, end exclusive.
import type { Diagnostic } from '../../language/diagnostic.js';

export interface JsonDiagnostic {
  file: string;
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

export function toJson(file: string, diagnostics: readonly Diagnostic[]): JsonDiagnostic[] {
  return diagnostics.map((d) => ({
    file,
    code: d.code,
    severity: d.severity,
    message: d.message,
    range: {
      start: { line: d.range.start.line, column: d.range.start.column },
      end: { line: d.range.end.line, column: d.range.end.column },
    },
  }));
}

export function formatJson(file: string, diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(toJson(file, diagnostics), null, 2) + '\n';
}
