// A print farm: `printer NAME { url … apiKey … device … }` blocks, one per OctoPrint, and a
// hook's `from NAME, …` naming some of them. Each printer is its own OctoPrint, so its
// address and key are required here, where the file says so, rather than as flags; the
// API key is a secret and, like every secret, belongs in the environment.
import type { FromClause, PrinterDecl } from '../../../grammar/ast.js';
import { diag, firstHere } from '../../../language/diagnostic.js';
import type { Range } from '../../../language/range.js';
import { closestName } from '../../schema/did-you-mean.js';
import type { CheckContext } from './check-context.js';
import type { CheckedPrinter } from './checked-model.js';
import { checkSecretValue } from './check-secret-value.js';
import { checkUrl } from './check-url.js';
import { readSettings } from './read-settings.js';

export function checkPrinter(ctx: CheckContext, decl: PrinterDecl): CheckedPrinter | undefined {
  if (!decl.name || decl.name.recovered) return undefined;
  const name = decl.name.name;
  const s = readSettings(ctx, decl.body, 'printer', `printer '${name}'`);
  // Mid-edit: nothing is called missing yet.
  const partial = !!(decl.recovered || decl.body?.recovered);

  const url = s.get('url')?.value;
  if (url) checkUrl(ctx, url, { triggers: [], oauth: null, envOnly: `a printer block`, position: 'url' }, 'url');
  const apikey = checkSecretValue(ctx, s.get('apiKey')?.value, 'apiKey', true) ?? null;
  const device = checkSecretValue(ctx, s.get('device')?.value, 'device', false) ?? null;

  const missing = [!url && "a 'url'", !s.get('apiKey') && "an 'apiKey'"].filter((m): m is string => typeof m === 'string');
  if (missing.length > 0 && !partial) ctx.report(diag.printerNeeds(decl.name.range, { name, needs: missing.join(' and ') }));
  ctx.semantic.printers.set(name, ctx.semantic.printers.get(name) ?? { name, nameRange: decl.name.range, device: device?.kind === 'String' ? device.value : null });
  if (!url || !apikey) return undefined;
  return { name, url, apikey, device };
}

/**
 * The names of a hook's `from` list that name printers, in the order written; undefined
 * without a list (the hook fires for every printer).
 */
export function checkFrom(ctx: CheckContext, from: FromClause | undefined, printers: ReadonlyMap<string, Range>): string[] | undefined {
  if (!from) return undefined;
  if (printers.size === 0) {
    ctx.report(diag.fromWithoutPrinters(from.keyword, { name: from.names[0]?.name ?? 'NAME' }));
    return undefined;
  }
  const names: string[] = [];
  const seen = new Map<string, Range>();
  for (const id of from.names) {
    if (id.recovered) continue;
    const earlier = seen.get(id.name);
    if (earlier) {
      ctx.report(diag.duplicateFrom(id.range, { name: id.name }, { related: [firstHere(earlier, `'${id.name}' is first listed here.`)] }));
      continue;
    }
    seen.set(id.name, id.range);
    if (!printers.has(id.name)) {
      ctx.report(diag.unknownPrinter(id.range, { name: id.name }, { didYouMean: closestName(id.name, [...printers.keys()]) }));
      continue;
    }
    names.push(id.name);
  }
  return names;
}
