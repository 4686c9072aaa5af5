// What `octohook run` accepts: a compiled module (`octohookc build`) or a `.ohk` file,
// compiled in memory. Either way the result is checked to be an octohook module before use.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompiledModule } from './compiled-module.js';
import { OctohookError } from './errors.js';

export function isCompiledModule(value: unknown): value is CompiledModule {
  const m = value as CompiledModule | null;
  return !!m && typeof m === 'object' && m.format === 1 && Array.isArray(m.hooks) && typeof m.oauth === 'object';
}

/** Compiles `.ohk` source to a live module (imported from a data: URL, never written to disk). */
export async function moduleFromSource(source: string | Uint8Array, fileName: string): Promise<CompiledModule> {
  // Loaded only for .ohk input, so a daemon running a built module never pays for the compiler.
  const { compile } = await import('../compiler/compile.js');
  const { formatText } = await import('../compiler/diagnostics/format-text.js');
  const result = compile(source, { fileName, emit: true });
  if (result.code === undefined) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    throw new OctohookError('OHK_ERR_MODULE', `${fileName} has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${formatText(fileName, result.source, errors)}`);
  }
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(result.code).toString('base64')}`)) as { default: unknown };
  if (!isCompiledModule(mod.default)) throw new OctohookError('OHK_ERR_MODULE', `${fileName} did not compile to an octohook module`);
  return mod.default;
}

export async function loadModule(path: string): Promise<CompiledModule> {
  const full = resolve(path);
  if (/\.ohk$/i.test(path)) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(full);
    } catch (e) {
      throw new OctohookError('OHK_ERR_MODULE', `cannot read '${path}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
    return moduleFromSource(bytes, basename(path));
  }
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(full).href)) as { default?: unknown };
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' ? 'no such file' : (e as Error).message;
    throw new OctohookError('OHK_ERR_MODULE', `cannot load '${path}': ${why}`);
  }
  if (!isCompiledModule(mod.default)) {
    throw new OctohookError('OHK_ERR_MODULE', `'${path}' is not a module built by 'octohookc build' (or a .ohk file)`);
  }
  return mod.default;
}
