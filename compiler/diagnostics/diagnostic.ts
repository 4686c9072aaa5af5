// A diagnostic is plain data: the CLI, the language server and the golden fixtures all
// print or compare the same object. Messages come only from the catalogue.
import type { Range } from '../../grammar/ast.js';
import { catalogue, type DiagnosticId } from './catalogue.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
}

/** Fills `{0}`, `{1}`… in the catalogue text with `args`. */
export function diagnostic(id: DiagnosticId, range: Range, ...args: Array<string | number>): Diagnostic {
  const entry = catalogue[id];
  const message = entry.message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
  return { code: entry.code, severity: entry.severity, message, range };
}

/** Appends " Did you mean 'x'?" when a suggestion exists (the catalogue's texts end with a sentence). */
export function withSuggestion(d: Diagnostic, suggestion: string | undefined): Diagnostic {
  return suggestion === undefined ? d : { ...d, message: `${d.message} Did you mean '${suggestion}'?` };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorts by position, then code, so output is stable whatever order the phases reported in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset || a.code.localeCompare(b.code),
  );
}
