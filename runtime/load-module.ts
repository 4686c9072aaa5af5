// What `octohook run` accepts: a compiled module (`octohookc build`) or a `.ohk` file,
// compiled in memory by the compiler the program hands in. Either way the result is checked
// to be an octohook module before use.
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
import { isKnownTimeZone } from './dispatch/quiet-hours.js';

export function isCompiledModule(value: unknown): value is CompiledModule {
  const m = value as CompiledModule | null;
  return !!m && typeof m === 'object' && m.format === 1 && Array.isArray(m.hooks) && typeof m.oauth === 'object';
}

/**
 * How `.ohk` source becomes a module: handed in by the program that has the compiler
 * (compiler/cli/octohook.ts hands in compiler/cli/module-from-source.ts), so the runtime never
 * imports the compiler. With `report`, the compiler's diagnostics are written there as
 * `octohookc check` prints them, and a failure (OHK_ERR_SOURCE) names only their count.
 */
export type CompileSource = (source: string | Uint8Array, fileName: string, report?: { shownAs: string; write(text: string): void }) => Promise<CompiledModule>;

function unreadable(path: string, e: unknown): OctohookError {
  return new OctohookError('OHK_ERR_MODULE', `cannot read '${path}': ${fileErrorReason(e)}`, { cause: e });
}

const notAModule = (path: string) => `'${path}' is not a .ohk file or a module built by 'octohookc build'`;

/**
 * Loads a built `.mjs`, or a `.ohk` compiled in memory with `compileSource` (`report` as for
 * CompileSource). Without `compileSource` (a one-file bundle) a `.ohk` is refused.
 */
export async function loadModule(path: string, compileSource?: CompileSource, report?: (text: string) => void): Promise<CompiledModule> {
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
  if (ext === '.ohk') {
    if (!compileSource) throw new OctohookError('OHK_ERR_MODULE', `'${path}' is .ohk source and this program has no compiler (a bundle runs the hooks built into it): run it with 'octohook run ${path}' or build it with 'octohookc build ${path}'`);
    return compileSource(bytes, basename(path), report ? { shownAs: path, write: report } : undefined);
  }
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
  const zone = mod.default.timezone;
  // The compiler checked the zone; a module built where the time zone data differs is refused here, not at the first firing.
  if (zone !== undefined && !isKnownTimeZone(zone)) {
    throw new OctohookError('OHK_ERR_MODULE', `'${path}' reads its quiet hours in the time zone '${zone}', which this Node does not know: build it again here, or name another zone`);
  }
  return mod.default;
}
