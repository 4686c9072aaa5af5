// The orchestrator: parse, check, emit. Checks run only on a file that parsed cleanly
// enough to mean something; emit only on a file without errors.
import { sortDiagnostics, hasErrors, type Diagnostic } from '../language/diagnostic.js';
import { parse } from './phases/1-parse/index.js';
import { check } from './phases/2-check/index.js';
import type { CheckedFile } from './phases/2-check/checked-model.js';
import type { SemanticModel } from './phases/2-check/semantic-model.js';
import { emitModule } from './phases/3-emit/index.js';
import type { OhkFile } from '../grammar/ast.js';

export interface CompileResult {
  source: string;
  ast: OhkFile;
  diagnostics: Diagnostic[];
  model?: CheckedFile;
  /** What the checker learned for the editor features (absent when the file was not checked). */
  semantic?: SemanticModel;
  /** The emitted module's text, when asked for and there were no errors. */
  code?: string;
}

export function compile(input: string | Uint8Array, options: { fileName?: string; emit?: boolean } = {}): CompileResult {
  const parsed = parse(input);
  const diagnostics = [...parsed.diagnostics];
  const result: CompileResult = { source: parsed.source, ast: parsed.file, diagnostics };
  // The checker skips nodes the parser built while recovering, so it still reports on the
  // rest of a file with syntax errors. A file that could not even be decoded has no rest.
  if (!parsed.undecodable) {
    const checked = check(parsed.file);
    diagnostics.push(...checked.diagnostics);
    result.model = checked.model;
    result.semantic = checked.semantic;
  }
  result.diagnostics = sortDiagnostics(diagnostics);
  if (options.emit && result.model && !hasErrors(diagnostics)) result.code = emitModule(result.model, options.fileName ?? 'hooks.ohk');
  return result;
}
