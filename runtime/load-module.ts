// What `octohook run` accepts: a compiled module (`octohookc build`) or a `.ohk` file,
// compiled in memory. Either way the result is checked to be an octohook module before use.
// Every way a file can be wrong (missing, a folder, unreadable, another kind of file, a
// one-file bundle, a module that fails to load) is an OHK_ERR_MODULE naming the file;
// errors in a .ohk are OHK_ERR_SOURCE.
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompiledModule } from './compiled-module.js';
import { OctohookError } from './errors.js';
import { fileErrorReason } from './file-error-reason.js';
import { isOneFileBundle } from './one-file-bundle.js';

export function isCompiledModule(value: unknown): value is CompiledModule {
  const m = value as CompiledModule | null;
  return !!m && typeof m === 'object' && m.format === 1 && Array.isArray(m.hooks) && typeof m.oauth === 'object';
}

/**
 * Compiles `.ohk` source to a live module (imported from a data: URL, never written to disk).
 * With `report`, the compiler's whole answer (errors and warnings, with code frames, as
 * `octohookc check` prints it) goes there, and a failure names only the count.
 */
export async function moduleFromSource(source: string | Uint8Array, fileName: string, report?: { shownAs: string; write(text: string): void }): Promise<CompiledModule> {
  // Loaded only for .ohk input, so a daemon running a built module never pays for the compiler.
  const { compile } = await import('../compiler/compile.js');
  const { formatSummary, formatText } = await import('../compiler/diagnostics/format-text.js');
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
}

function unreadable(path: string, e: unknown): OctohookError {
  return new OctohookError('OHK_ERR_MODULE', `cannot read '${path}': ${fileErrorReason(e)}`, { cause: e });
}

const notAModule = (path: string) => `'${path}' is not a .ohk file or a module built by 'octohookc build'`;

/** Loads a `.ohk` (compiled in memory; `report` as for moduleFromSource) or a built `.mjs`. */
export async function loadModule(path: string, report?: (text: string) => void): Promise<CompiledModule> {
  const full = resolve(path);
  try {
    if ((await stat(full)).isDirectory()) {
      throw new OctohookError('OHK_ERR_MODULE', `'${path}' is a folder: give a .ohk file or a module built by 'octohookc build'`);
    }
  } catch (e) {
    throw e instanceof OctohookError ? e : unreadable(path, e);
  }
  const ext = extname(path).toLowerCase();
  if (ext !== '.ohk' && ext !== '.mjs' && ext !== '.js') throw new OctohookError('OHK_ERR_MODULE', notAModule(path));
  let bytes: Uint8Array;
  try {
    bytes = await readFile(full);
  } catch (e) {
    throw unreadable(path, e);
  }
  if (ext === '.ohk') return moduleFromSource(bytes, basename(path), report ? { shownAs: path, write: report } : undefined);
  // Importing runs the file: a bundle would start a second daemon inside this one.
  if (isOneFileBundle(bytes)) {
    throw new OctohookError('OHK_ERR_MODULE', `'${path}' is a one-file bundle with the daemon built in: run it as 'node ${path}', not with 'octohook run'`);
  }
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(full).href)) as { default?: unknown };
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new OctohookError('OHK_ERR_MODULE', `cannot load '${path}': ${message}`, { cause: e });
  }
  if (!isCompiledModule(mod.default)) throw new OctohookError('OHK_ERR_MODULE', notAModule(path));
  return mod.default;
}
