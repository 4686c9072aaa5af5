// The preview's reading check: every placeholder a hook sends on a trigger, evaluated against
// that test's render context with the very expression the emitter compiles it to, and flagged
// when it comes out empty, null or undefined. A message that says "no file after " on Error
// reads as a bug to whoever gets it; this names the placeholder before it is sent for real.
import type { ObjectEntry, ParamNode, Value } from '../../grammar/ast.js';
import { entryKey } from '../../grammar/entry-key.js';
import type { RenderContext } from '../../runtime/compiled-module.js';
import type { CheckedHook } from '../phases/2-check/checked-model.js';
import { ValueEmitter } from '../phases/3-emit/emit-value.js';
import { helperSource } from '../phases/3-emit/emitted-source.js';

export interface EmptyPlaceholder {
  /** As written in the file: `@job.file.name`, `@{progress.printTimeLeft | duration}`. */
  placeholder: string;
  /** Where it is used: `url`, `data.embeds[0].description`, `headers.Title`, `message`. */
  where: string;
  /** How it reads: `empty`, or `as "null"` / `as "undefined"` when that is the text. */
  renders: string;
}

function evaluate(p: ParamNode, ctx: RenderContext): unknown {
  const e = new ValueEmitter();
  const expr = e.param(p);
  const names = [...e.helpers];
  // The helpers' shipped text, so the check reads the placeholder exactly as a module will.
  const run = new Function('c', `${names.map(helperSource).join('\n')}\nreturn ${expr};`) as (c: unknown) => unknown;
  return run(ctx);
}

/**
 * `inText`: the value is spliced into text, where null becomes "". A whole JSON value that is
 * null stays null, which a program reading the body can tell from a value: not flagged.
 */
function emptiness(v: unknown, inText: boolean): string | null {
  if (v === 'undefined' || v === 'null') return `as "${v}"`;
  if (v === null) return inText ? 'empty' : null;
  if (v === undefined || (typeof v === 'string' && v.trim() === '')) return 'empty';
  return null;
}

type Visit = (p: ParamNode, where: string, inText: boolean) => void;

function walk(v: Value | undefined | null, where: string, visit: Visit): void {
  if (!v) return;
  switch (v.kind) {
    case 'Param':
      visit(v, where, false);
      return;
    case 'String':
      for (const part of v.parts) if (part.kind === 'Param') visit(part, where, v.parts.length > 1);
      return;
    case 'Object':
      walkEntries(v.entries, where, visit);
      return;
    case 'Array':
      v.elements.forEach((el, i) => walk(el, `${where}[${i}]`, visit));
      return;
    default:
  }
}

function walkEntries(entries: readonly ObjectEntry[], where: string, visit: Visit): void {
  for (const e of entries) walk(e.value, where ? `${where}.${entryKey(e)}` : entryKey(e), visit);
}

/**
 * The placeholders of `hook` that render empty on `trigger` with `ctx` (the context the test
 * rendered with). `@env` values are left out: unset variables are reported on their own.
 * So is a placeholder with a `default` filter.
 */
export function emptyPlaceholders(hook: CheckedHook, trigger: string, ctx: RenderContext, source: string): EmptyPlaceholder[] {
  const out: EmptyPlaceholder[] = [];
  const visit: Visit = (p, where, inText) => {
    if (p.segments[0]?.name === 'env' || p.segments[0]?.name === 'snapshot') return;
    // `| default(…)` says what absent should read as: even `default('')` is the author's choice.
    if (p.filters.some((f) => f.name === 'default')) return;
    const renders = emptiness(evaluate(p, ctx), inText);
    if (renders) out.push({ placeholder: source.slice(p.range.start.offset, p.range.end.offset), where, renders });
  };
  walk(hook.url, 'url', visit);
  walkEntries(hook.headers, 'headers', visit);
  if (hook.data) walkEntries(hook.data, 'data', visit);
  walk(hook.snapshot.url, 'snapshot.url', visit);
  if (hook.uses.has('message')) walk(hook.messages.get(trigger), 'message', visit);
  if (hook.uses.has('deviceIdentifier')) walk(hook.device, 'device', visit);
  return out;
}
