// `octohookc build FILE [-o OUT.mjs] [--bundle]`: check, then write the module. The file is
// written to a temporary name and renamed, so a reader never sees half a module. `--bundle`
// writes the runtime and the hooks as one file instead (./write-bundle.ts).
import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { compile } from '../compile.js';
import { hasErrors } from '../../language/diagnostic.js';
import { formatSummary, formatText } from '../diagnostics/format-text.js';
import { args, guarded, IoError, readSource, UsageError, useColor, type Io } from './io.js';
import { defaultBundleOutput, writeBundle } from './write-bundle.js';

export function defaultOutput(file: string): string {
  return join(dirname(file), basename(file).replace(/\.ohk$/i, '') + '.mjs');
}

export function runBuild(argv: string[], io: Io): Promise<number> {
  return guarded('build', io, async () => {
    const { values, positionals } = args(argv, { out: { type: 'string', short: 'o' }, bundle: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('give exactly one .ohk file.');
    const file = positionals[0];
    const result = compile(await readSource(file), { fileName: basename(file), emit: true });
    if (result.diagnostics.length > 0) {
      io.err.write(formatText(file, result.source, result.diagnostics, useColor(io.err)));
      io.err.write(`${file}: ${formatSummary(result.diagnostics)}\n`);
    }
    if (hasErrors(result.diagnostics) || result.code === undefined) return 1;
    if (values.bundle) {
      const out = (values.out as string | undefined) ?? defaultBundleOutput(file);
      const { bytes } = await writeBundle(result.code, basename(file), out);
      io.out.write(`${file} -> ${out} (${result.model?.hooks.length ?? 0} hooks, runtime included, ${Math.round(bytes / 1024)} KiB; source map ${out}.map)\n`);
      return 0;
    }
    const out = (values.out as string | undefined) ?? defaultOutput(file);
    const tmp = `${out}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, result.code);
      await rename(tmp, out);
    } catch (e) {
      throw new IoError(`cannot write '${out}': ${(e as Error).message}`);
    }
    io.out.write(`${file} -> ${out} (${result.model?.hooks.length ?? 0} hooks)\n`);
    return 0;
  });
}
