// The orchestrator: parse, check, emit. Checks run only on a file that parsed cleanly
// enough to mean something; emit only on a file without errors.
import { sortDiagnostics, hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import { parse } from './phases/1-parse/index.js';
import { check } from './phases/2-check/index.js';
import type { CheckedFile } from './phases/2-check/checked-model.js';
import { emitModule } from './phases/3-emit/index.js';
import type { OhkFile } from '../grammar/ast.js';

export interface CompileResult {
  source: string;
  ast: OhkFile;
  diagnostics: Diagnostic[];
  model?: CheckedFile;
  /** The emitted module's text, when asked for and there were no errors. */
  code?: string;
}

export function compile(input: string | Uint8Array, options: { fileName?: string; emit?: boolean } = {}): CompileResult {
  const parsed = parse(input);
  const diagnostics = [...parsed.diagnostics];
  let model: CheckedFile | undefined;
  // Checking a tree the parser had to patch up gives a second, confusing report of the
  // same mistake; the checker skips recovered nodes, so it still runs on the rest.
  const checked = check(parsed.file);
  diagnostics.push(...checked.diagnostics);
  model = checked.model;
  const result: CompileResult = { source: parsed.source, ast: parsed.file, diagnostics: sortDiagnostics(diagnostics), model };
  if (options.emit && !hasErrors(diagnostics)) result.code = emitModule(model, options.fileName ?? 'hooks.ohk');
  return result;
}
