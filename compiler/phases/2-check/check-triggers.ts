// `on PrintDone, Progress every 10%, PrintResumed`: the plugin's seven triggers, any
// OctoPrint event by its wire name, and third-party plugin events (`plugin_<id>_<event>`),
// whose payloads the schema cannot know.
import type { HookDecl } from '../../../grammar/ast.js';
import { schemaTables } from '../../schema/tables.js';
import { suggestWithSynonyms } from '../../schema/did-you-mean.js';
import { triggerSynonyms } from '../../../language/trigger-synonyms.js';
import { pluginTriggers, topicFor } from '../../../language/plugin-triggers.js';
import type { CheckContext } from './check-context.js';
import type { CheckedTrigger } from './checked-model.js';
import { diag, firstHere } from '../../../language/diagnostic.js';
import type { Range } from '../../../language/range.js';

export function triggerNames(): string[] {
  return [...new Set([...Object.keys(pluginTriggers), ...Object.keys(schemaTables.events)])];
}

export function isTrigger(name: string): boolean {
  return name in pluginTriggers || name in schemaTables.events || /^plugin_[A-Za-z0-9]+_\w+$/.test(name);
}

/** `PrintFinished` → PrintDone: the synonym table first, then the closest name among `candidates`. */
export function suggestTrigger(name: string, candidates: readonly string[]): string | undefined {
  return suggestWithSynonyms(name, candidates, triggerSynonyms);
}

export function checkTriggers(ctx: CheckContext, hook: HookDecl): CheckedTrigger[] {
  const out: CheckedTrigger[] = [];
  const seen = new Map<string, Range>();
  for (const t of hook.triggers) {
    if (t.recovered) continue;
    const name = t.name.name;
    if (!isTrigger(name)) {
      ctx.report(diag.unknownTrigger(t.name.range, { name }, { didYouMean: suggestTrigger(name, triggerNames()) }));
      continue;
    }
    const earlier = seen.get(name);
    if (earlier) {
      ctx.report(diag.duplicateTrigger(t.name.range, { name }, { related: [firstHere(earlier, `'${name}' is first listed here.`)] }));
      continue;
    }
    seen.set(name, t.name.range);
    const trigger: CheckedTrigger = { event: name, topic: topicFor(name) };
    if (name === 'Progress') {
      if (!t.every) {
        ctx.report(diag.progressNeedsEvery(t.range));
        trigger.every = 10;
      } else if (!Number.isInteger(t.every.value) || t.every.value < 1 || t.every.value > 99) {
        ctx.report(diag.progressInterval(t.every.range, { found: t.every.raw }));
        trigger.every = 10;
      } else {
        trigger.every = t.every.value;
      }
    } else if (t.every) {
      ctx.report(diag.everyOnlyProgress(t.every.range));
    }
    out.push(trigger);
  }
  if (hook.triggers.length === 0 && hook.name && !hook.recovered) ctx.report(diag.noTriggers(hook.name.range, { name: hook.name.name }));
  return out;
}
