// The CLI contract's JSON form: 1-based lines and columns, end exclusive. `related` and
// `suggestions` appear only when the diagnostic has them, so a reader of the contract's five
// fields sees nothing new, and a tool can apply the same fixes the editor offers.
import type { Diagnostic } from '../../language/diagnostic.js';
import type { Range } from '../../language/range.js';

interface JsonRange {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

export interface JsonDiagnostic {
  file: string;
  code: string;
  severity: string;
  message: string;
  range: JsonRange;
  related?: Array<{ message: string; range: JsonRange }>;
  suggestions?: Array<{ title: string; range: JsonRange; replacement: string }>;
}

function jsonRange(r: Range): JsonRange {
  return { start: { line: r.start.line, column: r.start.column }, end: { line: r.end.line, column: r.end.column } };
}

export function toJson(file: string, diagnostics: readonly Diagnostic[]): JsonDiagnostic[] {
  return diagnostics.map((d) => {
    const out: JsonDiagnostic = { file, code: d.code, severity: d.severity, message: d.message, range: jsonRange(d.range) };
    if (d.related?.length) out.related = d.related.map((r) => ({ message: r.message, range: jsonRange(r.range) }));
    if (d.suggestions?.length) out.suggestions = d.suggestions.map((s) => ({ title: s.title, range: jsonRange(s.range), replacement: s.replacement }));
    return out;
  });
}

export function formatJson(file: string, diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(toJson(file, diagnostics), null, 2) + '\n';
}
