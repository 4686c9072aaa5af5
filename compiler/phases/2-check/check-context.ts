// State shared by the checker's visitors: where diagnostics go, which names exist.
import type { Diagnostic } from '../../../language/diagnostic.js';
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

  report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }
}
