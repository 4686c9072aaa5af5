// `messages { Trigger "text" … }`, in a hook or for the whole file. A message is a template
// of its own, checked against its one trigger; `@message` in data then inserts it.
import type { ObjectNode, StringNode, TemplatePart, Value } from '../../../grammar/ast.js';
import type { Position } from '../../../language/range.js';
import { defaultMessageFor } from '../../../language/plugin-triggers.js';
import type { CheckContext } from './check-context.js';
import { isTrigger, suggestTrigger, triggerNames } from './check-triggers.js';
import { checkValue } from './check-value.js';
import { entryKey } from '../../../grammar/entry-key.js';
import { diag } from '../../../language/diagnostic.js';

export function checkMessages(
  ctx: CheckContext,
  body: ObjectNode | undefined,
  allowedTriggers: readonly string[] | null,
  oauth: string | null,
  uses?: Set<string>,
): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const entry of body?.entries ?? []) {
    const trigger = entryKey(entry);
    const scope = { triggers: [trigger], oauth, position: 'text' as const, inMessage: true, uses };
    // Recorded before the checks below, so a message still being typed has its trigger's scope.
    if (allowedTriggers ? allowedTriggers.includes(trigger) : isTrigger(trigger)) ctx.semantic.regions.push({ range: entry.range, scope });
    if (entry.recovered || !entry.value) continue;
    if (allowedTriggers ? !allowedTriggers.includes(trigger) : !isTrigger(trigger)) {
      const candidates = allowedTriggers ?? triggerNames();
      if (allowedTriggers) ctx.report(diag.unknownMessageTrigger(entry.key.range, { name: trigger }, { didYouMean: suggestTrigger(trigger, candidates) }));
      else ctx.report(diag.unknownTrigger(entry.key.range, { name: trigger }, { didYouMean: suggestTrigger(trigger, candidates) }));
      continue;
    }
    if (out.has(trigger)) ctx.report(diag.duplicateSetting(entry.key.range, { name: trigger }));
    const v = entry.value;
    if (v.kind !== 'String' && v.kind !== 'Param') {
      ctx.report(diag.settingType(v.range, { setting: trigger, expected: 'a message in quotes' }));
      continue;
    }
    checkValue(ctx, v, scope, false);
    out.set(trigger, v);
  }
  return out;
}

const nowhere: Position = { line: 0, column: 0, offset: 0 };

/** The built-in text as a template node, so defaults and user messages compile alike. */
export function defaultMessage(trigger: string): StringNode {
  const text = defaultMessageFor(trigger);
  const range = { start: nowhere, end: nowhere };
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of text.matchAll(/@([A-Za-z_]\w*)/g)) {
    if (m.index! > last) parts.push({ kind: 'Text', text: text.slice(last, m.index), range });
    parts.push({ kind: 'Param', braced: false, segments: [{ name: m[1], range }], filters: [], range });
    last = m.index! + m[0].length;
  }
  if (last < text.length) parts.push({ kind: 'Text', text: text.slice(last), range });
  return { kind: 'String', value: text, parts, quote: '"', range };
}
