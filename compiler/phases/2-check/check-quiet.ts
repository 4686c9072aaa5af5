// `quiet 23:00-07:00 except PrintFailed, Error` and `quiet off`: the window (wrapping over
// midnight when it ends before it starts), and the triggers that still go out inside it,
// named like a hook's triggers. A hook's own line replaces the file's.
import type { ClockTimeNode, QuietNode } from '../../../grammar/ast.js';
import { diag } from '../../../language/diagnostic.js';
import type { CheckContext } from './check-context.js';
import type { CheckedQuiet } from './checked-model.js';
import { isTrigger, suggestTrigger, triggerNames } from './check-triggers.js';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The quiet hours one line sets: null for `quiet off`, undefined when the line is broken (its
 * errors reported). `hook` is the hook's name and triggers for a hook's own line.
 */
export function checkQuiet(ctx: CheckContext, q: QuietNode, hook?: { name: string; triggers: readonly string[] }): CheckedQuiet | null | undefined {
  if (q.recovered) return undefined;
  if (q.off || !q.window) return null;
  let ok = true;
  const minutes = (t: ClockTimeNode): number => {
    if (t.hour > 23 || t.minute > 59) {
      ctx.report(diag.invalidTime(t.range, { time: `${t.hour}:${pad(t.minute)}` }));
      ok = false;
    }
    return t.hour * 60 + t.minute;
  };
  const start = minutes(q.window.from);
  const end = minutes(q.window.to);
  if (ok && start === end) {
    ctx.report(diag.emptyQuietHours(q.window.range, { time: `${pad(q.window.from.hour)}:${pad(q.window.from.minute)}` }));
    ok = false;
  }
  const except: string[] = [];
  for (const t of q.except) {
    if (!isTrigger(t.name)) {
      ctx.report(diag.unknownTrigger(t.range, { name: t.name }, { didYouMean: suggestTrigger(t.name, hook ? [...hook.triggers] : triggerNames()) }));
      ok = false;
      continue;
    }
    if (hook && !hook.triggers.includes(t.name)) ctx.report(diag.exceptNotListened(t.range, { hook: hook.name, name: t.name }));
    if (!except.includes(t.name)) except.push(t.name);
  }
  if (!ok) return undefined;
  const text = `quiet ${pad(q.window.from.hour)}:${pad(q.window.from.minute)}-${pad(q.window.to.hour)}:${pad(q.window.to.minute)}`;
  return { startMinute: start, endMinute: end, except, text };
}
