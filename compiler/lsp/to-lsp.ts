// The compiler's data in the protocol's terms. The compiler counts lines and columns from 1
// in UTF-16 units; LSP counts both from 0 in UTF-16 units (its default encoding), so a range
// converts by subtracting one, with no text needed.
import {
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type Position as LspPosition,
  type Range as LspRange,
} from 'vscode-languageserver/node';
import type { Position, Range } from '../../language/range.js';
import type { Diagnostic, Severity } from '../../language/diagnostic.js';
import { docsUrl } from '../diagnostics/docs-url.js';

/** What every published diagnostic names as its producer. */
export const diagnosticSource = 'octohook';

export function toLspPosition(p: Position): LspPosition {
  // Synthetic nodes (the default messages) carry line 0; clamp rather than send -1.
  return { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) };
}

export function toLspRange(r: Range): LspRange {
  return { start: toLspPosition(r.start), end: toLspPosition(r.end) };
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** `uri`: the document the diagnostic is in (its related places are in the same one). */
export function toLspDiagnostic(d: Diagnostic, uri: string): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toLspRange(d.range),
    severity: severities[d.severity],
    code: d.code,
    codeDescription: { href: docsUrl(d.code) },
    source: diagnosticSource,
    message: d.message,
  };
  if (d.related?.length) out.relatedInformation = d.related.map((r) => ({ location: { uri, range: toLspRange(r.range) }, message: r.message }));
  return out;
}
