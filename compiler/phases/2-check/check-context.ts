// State shared by the checker's visitors: where diagnostics go, which names exist.
import type { Diagnostic } from '../../../language/diagnostic.js';
import type { CheckedOAuth } from './checked-model.js';

export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly env = new Set<string>();
  /** OAuth blocks by name, with their declared answer fields. */
  readonly oauth = new Map<string, CheckedOAuth>();
  readonly usedOAuth = new Set<string>();

  report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }
}
