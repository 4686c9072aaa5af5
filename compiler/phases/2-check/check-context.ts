// State shared by the checker's visitors: where diagnostics go, which names exist.
import type { Range } from '../../../grammar/ast.js';
import type { DiagnosticId } from '../../diagnostics/catalogue.js';
import { diagnostic, withSuggestion, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { CheckedOAuth } from './checked-model.js';
import { emptySemanticModel } from './semantic-model.js';

export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly env = new Set<string>();
  /** OAuth blocks by name, with their declared answer fields. */
  readonly oauth = new Map<string, CheckedOAuth>();
  readonly usedOAuth = new Set<string>();
  /** What the editor features look up: settings, parameters and scopes as the checker read them. */
  readonly semantic = emptySemanticModel();

  report(id: DiagnosticId, range: Range, ...args: Array<string | number>): void {
    this.diagnostics.push(diagnostic(id, range, ...args));
  }

  reportWithSuggestion(id: DiagnosticId, range: Range, suggestion: string | undefined, ...args: Array<string | number>): void {
    this.diagnostics.push(withSuggestion(diagnostic(id, range, ...args), suggestion));
  }
}
