// Header names must be HTTP tokens and values text: a bare number or object would be
// sent as its JSON text, which is rarely meant, so only strings and parameters are taken.
import type { ObjectEntry, ObjectNode } from '../../../grammar/ast.js';
import type { CheckContext } from './check-context.js';
import { checkParam } from './check-param.js';
import { checkTemplate } from './check-value.js';
import type { ParamScope } from './param-scope.js';
import { entryKey } from '../../../grammar/entry-key.js';
import { headerNameToken } from '../../../runtime/compiled-module.js';
import { diag } from '../../../language/diagnostic.js';

export function checkHeaders(ctx: CheckContext, headers: ObjectNode | undefined, scope: ParamScope): ObjectEntry[] {
  if (!headers) return [];
  ctx.semantic.regions.push({ range: headers.range, scope: { ...scope, position: 'text' } });
  const seen = new Set<string>();
  const out: ObjectEntry[] = [];
  for (const entry of headers.entries) {
    if (entry.recovered || !entry.value) continue;
    const name = entryKey(entry);
    if (!headerNameToken.test(name)) ctx.report(diag.headerName(entry.key.range, { name }));
    if (seen.has(name.toLowerCase())) ctx.report(diag.duplicateHeader(entry.key.range, { name }));
    seen.add(name.toLowerCase());
    const v = entry.value;
    if (v.kind === 'String') checkTemplate(ctx, v, { ...scope, position: 'text' });
    else if (v.kind === 'Param') checkParam(ctx, v, { ...scope, position: 'text' });
    else {
      ctx.report(diag.headerValue(v.range, { name }));
      continue;
    }
    out.push(entry);
  }
  return out;
}
