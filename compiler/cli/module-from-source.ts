// `.ohk` source compiled to a live module, in memory (imported from a data: URL, never written
// to disk): what `octohook run FILE.ohk` and `octohookc test` run. It lives with the programs,
// not in the runtime: the daemon is handed it (compiler/cli/octohook.ts), so a one-file bundle,
// built from the runtime alone, carries no compiler.
import { compile } from '../compile.js';
import { formatSummary, formatText } from '../diagnostics/format-text.js';
import type { CompiledModule } from '../../runtime/compiled-module.js';
import { OctohookError } from '../../runtime/errors.js';
import { isCompiledModule, type CompileSource } from '../../runtime/load-module.js';

/**
 * With `report`, the compiler's whole answer (errors and warnings, with code frames, as
 * `octohookc check` prints it) goes there, and a failure names only the count.
 */
export const moduleFromSource: CompileSource = async (source, fileName, report): Promise<CompiledModule> => {
  const result = compile(source, { fileName, emit: true });
  if (report && result.diagnostics.length > 0) {
    report.write(formatText(report.shownAs, result.source, result.diagnostics) + `${report.shownAs}: ${formatSummary(result.diagnostics)}\n`);
  }
  if (result.code === undefined) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const count = `${errors.length} error${errors.length === 1 ? '' : 's'}`;
    throw new OctohookError('OHK_ERR_SOURCE', report ? `${report.shownAs} has ${count}` : `${fileName} has ${count}:\n${formatText(fileName, result.source, errors)}`);
  }
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(result.code).toString('base64')}`)) as { default: unknown };
  if (!isCompiledModule(mod.default)) throw new OctohookError('OHK_ERR_MODULE', `${fileName} did not compile to an octohook module`);
  return mod.default;
};
