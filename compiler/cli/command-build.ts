// `octohookc build FILE [-o OUT.mjs] [--bundle]`: check, then write the module. The file is
// written to a temporary name and renamed, so a reader never sees half a module (./io.ts). `--bundle`
// writes the runtime and the hooks as one file instead (./write-bundle.ts).
import { basename, dirname, join } from 'node:path';
import { compile } from '../compile.js';
import { hasErrors } from '../../language/diagnostic.js';
import { formatSummary, formatText } from '../diagnostics/format-text.js';
import { args, guarded, readSource, UsageError, useColor, writeOutput, type Io } from './io.js';
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
    const out = values.out as string | undefined;
    // `-o -` or `-o /dev/stdout`: the module on stdout (a socket when another program started
    // this one, which /dev/stdout cannot open), and the summary to stderr, not into it.
    const toStdout = out === '-' || out === '/dev/stdout';
    if (values.bundle) {
      if (toStdout) throw new UsageError('--bundle writes two files, the bundle and its source map: give -o a file name.');
      const bundleOut = out ?? defaultBundleOutput(file);
      const { bytes } = await writeBundle(result.code, basename(file), bundleOut);
      io.out.write(`${file} -> ${bundleOut} (${result.model?.hooks.length ?? 0} hooks, runtime included, ${Math.round(bytes / 1024)} KiB; source map ${bundleOut}.map)\n`);
      return 0;
    }
    const summary = `${file} -> ${out ?? defaultOutput(file)} (${result.model?.hooks.length ?? 0} hooks)\n`;
    if (toStdout) {
      io.out.write(result.code);
      io.err.write(summary);
      return 0;
    }
    const written = await writeOutput(out ?? defaultOutput(file), result.code);
    // Written to a device or a pipe: the summary must not end up in the module.
    (written === 'file' ? io.out : io.err).write(summary);
    return 0;
  });
}
