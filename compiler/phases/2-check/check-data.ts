// A hook's `data { … }`: its parameters are proved against the hook's triggers; the
// top-level key whose value is `@snapshot` is taken out (the image goes as a file part);
// a GET hook's data must fit a query string.
import type { ObjectEntry, ObjectNode } from '../../../grammar/ast.js';
import { mayBe } from '../../schema/type-utils.js';
import type { CheckContext } from './check-context.js';
import { checkValue, wholeParam } from './check-value.js';
import type { ParamScope } from './param-scope.js';
import { entryKey } from '../../../grammar/entry-key.js';
import { diag, firstHere } from '../../../language/diagnostic.js';

export interface CheckedData {
  entries: ObjectEntry[];
  snapshotKey: string | null;
  snapshotEntry: ObjectEntry | null;
}

export function checkData(ctx: CheckContext, data: ObjectNode, scope: ParamScope, isGet: boolean): CheckedData {
  const entries: ObjectEntry[] = [];
  let snapshotEntry: ObjectEntry | null = null;
  const seen = new Map<string, ObjectEntry>();
  ctx.semantic.regions.push({ range: data.range, scope: { ...scope, position: 'data-top' } });
  for (const entry of data.entries) {
    if (entry.recovered) continue;
    const key = entryKey(entry);
    const earlier = seen.get(key);
    if (earlier) ctx.report(diag.duplicateKey(entry.key.range, { key }, { related: [firstHere(earlier.key.range, `'${key}' is first set here.`)] }));
    seen.set(key, entry);
    const whole = wholeParam(entry.value);
    if (whole && whole.segments[0]?.name === 'snapshot') {
      checkValue(ctx, entry.value, { ...scope, position: 'data-top' }, true);
      if (snapshotEntry) ctx.report(diag.snapshotTwice(entry.range, { firstLine: snapshotEntry.range.start.line }, { related: [firstHere(snapshotEntry.range, "The first '@snapshot' is here.")] }));
      else snapshotEntry = entry;
      if (isGet) ctx.report(diag.getWithBody(entry.range, { problem: "'@snapshot' cannot be sent" }));
      continue;
    }
    const type = checkValue(ctx, entry.value, { ...scope, position: 'data-top' }, true);
    if (isGet && entry.value) {
      const v = entry.value;
      const nested = v.kind === 'Object' || v.kind === 'Array' || (type.kind !== 'unknown' && !mayBe(type, 'string') && !mayBe(type, 'number') && !mayBe(type, 'boolean') && (mayBe(type, 'object') || mayBe(type, 'array')));
      if (nested) ctx.report(diag.getWithBody(v.range, { problem: `'${key}' is ${v.kind === 'Array' ? 'a list' : 'an object'}, which a query string cannot hold` }));
    }
    entries.push(entry);
  }
  return { entries, snapshotKey: snapshotEntry ? entryKey(snapshotEntry) : null, snapshotEntry };
}
