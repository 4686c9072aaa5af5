// A hook's `data { … }`: its parameters are proved against the hook's triggers; the
// top-level key whose value is `@snapshot` is taken out (the image goes as a file part);
// a GET hook's data must fit a query string.
import type { ObjectEntry, ObjectNode } from '../../../grammar/ast.js';
import { mayBe } from '../../schema/type-utils.js';
import type { CheckContext } from './check-context.js';
import { checkValue, wholeParam } from './check-value.js';
import type { ParamScope } from './param-scope.js';
import { entryKey } from '../../../grammar/entry-key.js';

export interface CheckedData {
  entries: ObjectEntry[];
  snapshotKey: string | null;
  snapshotEntry: ObjectEntry | null;
}

export function checkData(ctx: CheckContext, data: ObjectNode, scope: ParamScope, isGet: boolean): CheckedData {
  const entries: ObjectEntry[] = [];
  let snapshotEntry: ObjectEntry | null = null;
  const seen = new Set<string>();
  ctx.semantic.regions.push({ range: data.range, scope: { ...scope, position: 'data-top' } });
  for (const entry of data.entries) {
    if (entry.recovered) continue;
    const key = entryKey(entry);
    if (seen.has(key)) ctx.report('duplicateKey', entry.key.range, key);
    seen.add(key);
    const whole = wholeParam(entry.value);
    if (whole && whole.segments[0]?.name === 'snapshot') {
      checkValue(ctx, entry.value, { ...scope, position: 'data-top' }, true);
      if (snapshotEntry) ctx.report('snapshotTwice', entry.range, snapshotEntry.range.start.line);
      else snapshotEntry = entry;
      if (isGet) ctx.report('getWithBody', entry.range, "'@snapshot' cannot be sent");
      continue;
    }
    const type = checkValue(ctx, entry.value, { ...scope, position: 'data-top' }, true);
    if (isGet && entry.value) {
      const v = entry.value;
      const nested = v.kind === 'Object' || v.kind === 'Array' || (type.kind !== 'unknown' && !mayBe(type, 'string') && !mayBe(type, 'number') && !mayBe(type, 'boolean') && (mayBe(type, 'object') || mayBe(type, 'array')));
      if (nested) ctx.report('getWithBody', v.range, `'${key}' is ${v.kind === 'Array' ? 'a list' : 'an object'}, which a query string cannot hold`);
    }
    entries.push(entry);
  }
  return { entries, snapshotKey: snapshotEntry ? entryKey(snapshotEntry) : null, snapshotEntry };
}
