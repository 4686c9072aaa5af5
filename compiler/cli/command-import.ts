// `octohookc import CONFIG.yaml [--secrets-file FILE]`: OctoPrint-Webhooks settings → .ohk on
// stdout. `octohookc import mk3=A.yaml mini=B.yaml …` merges several OctoPrints' settings into
// one file for a print farm, one `printer` block each (import-farm.ts). A summary (hooks, variables to set) goes to stderr, so `> hooks.ohk` captures only
// the file. `--secrets-file` writes the secrets it moved to `@env` as NAME=value lines (mode
// 0600, never over an existing file), ready for systemd's EnvironmentFile. Exit 0 when the
// result checks clean (warnings allowed), 1 when it still has errors, 2 for usage, I/O or YAML.
//
// The option was once `--env-file`, a name Node reads as its own even after the script path
// (nodejs/node#54232): `octohookc import … --env-file F` stopped with exit 9 before octohookc
// ran. Where octohookc does get it (a Node that passes it on, or main() called in-process),
// it is refused with the new name.
import { writeFile } from 'node:fs/promises';
import { importPluginSettings, ImportError, type ImportResult } from '../import/import-settings.js';
import { importFarm, type FarmInstance } from '../import/import-farm.js';
import { fileErrorReason } from '../../runtime/file-error-reason.js';
import { args, guarded, IoError, readSource, UsageError, type Io } from './io.js';

function envLine(name: string, value: string): string {
  // systemd and shells both read a double-quoted value with \" \\ \$ \` escapes.
  return `${name}="${value.replace(/[\\"$`]/g, (c) => '\\' + c).replace(/\n/g, '\\n')}"\n`;
}

export function runImport(argv: string[], io: Io): Promise<number> {
  return guarded('import', io, async () => {
    if (argv.some((a) => a === '--env-file' || a.startsWith('--env-file='))) {
      throw new UsageError('--env-file is now --secrets-file FILE (Node itself reads an argument named --env-file).');
    }
    const { values, positionals } = args(argv, { 'secrets-file': { type: 'string' } });
    if (positionals.length === 0) throw new UsageError("give exactly one file: OctoPrint's config.yaml, or its plugins.webhooks section (for a print farm: NAME=FILE for each printer).");
    const farm = positionals.length > 1;
    const file = farm ? positionals.map((p) => p.slice(p.indexOf('=') + 1)).join(', ') : positionals[0];
    let result: ImportResult;
    try {
      if (farm) result = importFarm(await farmInstances(positionals));
      else result = importPluginSettings(Buffer.from(await readSource(file)).toString('utf8'), { sourceName: file.split(/[\\/]/).pop() });
    } catch (e) {
      if (e instanceof ImportError) throw new IoError(farm ? e.message : `${file}: ${e.message}`);
      throw e;
    }
    io.out.write(result.text);
    const envFile = values['secrets-file'] as string | undefined;
    if (envFile) {
      try {
        await writeFile(envFile, result.env.map((v) => envLine(v.name, v.value)).join(''), { mode: 0o600, flag: 'wx' });
      } catch (e) {
        throw new IoError(`cannot write '${envFile}': ${fileErrorReason(e, true)}`);
      }
    }
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
    const vars = [...(result.addressEnv ?? []), ...result.env.map((v) => v.name)];
    io.err.write(
      `octohookc import: ${result.hooks} hook${result.hooks === 1 ? '' : 's'} from ${file}${farm ? ` (${positionals.length} printers)` : ''}` +
        (vars.length > 0 ? `; set ${vars.join(', ')}${envFile ? ` (written to ${envFile})` : ''}` : '') +
        (errors > 0 ? `; the result has ${errors} error${errors === 1 ? '' : 's'} (listed at its top)` : warnings > 0 ? `; ${warnings} warning${warnings === 1 ? '' : 's'} from check` : '') +
        '\n',
    );
    return errors > 0 ? 1 : 0;
  });
}

/** A printer's name: a word the grammar reads as a name, so it can stand in `printer NAME` and `from`. */
const printerName = /^[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*$/;

/** `mk3=path/config.yaml …` → one instance per printer; names must be words and unique. */
async function farmInstances(positionals: string[]): Promise<FarmInstance[]> {
  const instances: FarmInstance[] = [];
  for (const arg of positionals) {
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : '';
    const path = arg.slice(eq + 1);
    if (eq <= 0 || path === '') throw new UsageError(`'${arg}': with several files, write each as NAME=FILE (mk3=mk3/config.yaml), NAME naming its printer.`);
    if (!printerName.test(name)) throw new UsageError(`'${name}' cannot name a printer: use letters, digits, '_' and '-', starting with a letter.`);
    if (instances.some((i) => i.name === name)) throw new UsageError(`printer '${name}' is given twice.`);
    instances.push({ name, yamlText: Buffer.from(await readSource(path)).toString('utf8'), sourceName: path.split(/[\\/]/).pop() ?? path });
  }
  return instances;
}
