// Quick fixes: the suggestions the checker attached to its diagnostics (did-you-mean names,
// `{{ x }}` → `@x`, a missing `url`), offered where the editor asks. The edits are data the
// checker already computed, so the fix is exactly what the message proposes.
import { CodeActionKind, type CodeAction } from 'vscode-languageserver/node';
import type { Analysis } from './document-state.js';
import { toLspDiagnostic, toLspRange } from './to-lsp.js';

/** Code actions for the diagnostics touching the offsets [start, end] (a cursor when equal). */
export function codeActionsAt(a: Analysis, start: number, end: number): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of a.result.diagnostics) {
    if (!d.suggestions?.length) continue;
    if (d.range.end.offset < start || d.range.start.offset > end) continue;
    const diagnostic = toLspDiagnostic(d, a.uri);
    for (const s of d.suggestions) {
      out.push({
        title: s.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: d.suggestions.length === 1,
        edit: { changes: { [a.uri]: [{ range: toLspRange(s.range), newText: s.replacement }] } },
      });
    }
  }
  return out;
}
