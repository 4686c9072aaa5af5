// `octohookc check FILE [--format text|json|sarif]`
import { basename } from 'node:path';
import { compile } from '../compile.js';
import { hasErrors } from '../../language/diagnostic.js';
import { formatJson } from '../diagnostics/format-json.js';
import { formatSarif } from '../diagnostics/format-sarif.js';
import { formatSummary, formatText } from '../diagnostics/format-text.js';
import { args, guarded, readSource, UsageError, useColor, type Io } from './io.js';
import { version } from './version.js';

export function runCheck(argv: string[], io: Io): Promise<number> {
  return guarded('check', io, async () => {
    const { values, positionals } = args(argv, { format: { type: 'string', short: 'f', default: 'text' } });
    const format = values.format as string;
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format '${format}': use text, json or sarif.`);
    if (positionals.length !== 1) throw new UsageError('give exactly one .ohk file.');
    const file = positionals[0];
    const result = compile(await readSource(file), { fileName: basename(file) });
    const d = result.diagnostics;
    if (format === 'json') io.out.write(formatJson(file, d));
    else if (format === 'sarif') io.out.write(formatSarif(file, d, version(), process.cwd()));
    else {
      io.out.write(formatText(file, result.source, d, useColor(io.out)));
      const hooks = result.model?.hooks.length ?? 0;
      io.out.write(d.length === 0 ? `${file}: no problems (${hooks} hook${hooks === 1 ? '' : 's'})\n` : `${file}: ${formatSummary(d)}\n`);
    }
    return hasErrors(d) ? 1 : 0;
  });
}
