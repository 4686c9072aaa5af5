// Finds what is at an offset in the syntax tree: the top-level item, the chain of entries
// down to the value, and, when the offset is on one, the parameter path segment, filter,
// trigger, printer name in a hook's `from`, setting key or word. Hover and definition read the tree (recovered parts
// included: they still carry ranges), so they work on the parts of a broken file that parsed.
import type { ConditionExpr, FilterCall, HookDecl, Identifier, ObjectEntry, OhkFile, ParamNode, QuietNode, TopLevel, TriggerNode, Value, WordNode } from '../../grammar/ast.js';
import type { Range } from '../../language/range.js';
import { entryKey } from '../../grammar/entry-key.js';

export interface Hit {
  item: TopLevel;
  /** Entries from the item's body down to the innermost one holding the offset. */
  entries: ObjectEntry[];
  /** Their keys: `['data', 'file']`. */
  keys: string[];
  /** The offset is on the innermost entry's key. */
  onKey: boolean;
  /** The offset is inside a string value (a parameter there is text). */
  inString: boolean;
  param?: ParamNode;
  /** Index of the path segment under the offset, when on one. */
  segment?: number;
  filter?: FilterCall;
  trigger?: TriggerNode;
  /** A bare word value (`token` in `oauth token`, `POST`). */
  word?: WordNode;
  /** The item's own name (a hook's, oauth block's or printer's). */
  name?: Identifier;
  /** A printer name in a hook's `from` list. */
  printerRef?: Identifier;
  /** A trigger named after `quiet … except`. */
  exceptTrigger?: Identifier;
}

export function contains(range: Range, offset: number): boolean {
  return range.start.offset <= offset && offset < range.end.offset;
}

/** What is at `offset` (the character starting there); undefined outside every item. */
export function hitAt(file: OhkFile, offset: number): Hit | undefined {
  const item = file.items.find((i) => contains(i.range, offset));
  if (!item) return undefined;
  const hit: Hit = { item, entries: [], keys: [], onKey: false, inString: false };
  switch (item.kind) {
    case 'Hook':
      if (item.name && contains(item.name.range, offset)) hit.name = item.name;
      else if (!findTrigger(item, offset, hit) && !findPrinterRef(item, offset, hit) && !inConditionOrQuiet(item, offset, hit)) valueAt(item.body, offset, hit);
      break;
    case 'Quiet':
      quietAt(item, offset, hit);
      break;
    case 'Timezone':
      valueAt(item.value, offset, hit);
      break;
    case 'OAuth':
    case 'Printer':
      if (item.name && contains(item.name.range, offset)) hit.name = item.name;
      else valueAt(item.body, offset, hit);
      break;
    case 'Block':
      valueAt(item.body, offset, hit);
      break;
    case 'Device':
    case 'Secret':
      valueAt(item.value, offset, hit);
      break;
  }
  return hit;
}

/** Tries the offset and the one before it, so a cursor just after a word still finds it. */
export function hitNear(file: OhkFile, offset: number): Hit | undefined {
  const here = hitAt(file, offset);
  const found = (h: Hit | undefined) => !!h && !!(h.param || h.trigger || h.word || h.name || h.filter || h.onKey || h.printerRef || h.exceptTrigger);
  if (found(here)) return here;
  const before = offset > 0 ? hitAt(file, offset - 1) : undefined;
  return found(before) ? before : here;
}

function findPrinterRef(hook: HookDecl, offset: number, hit: Hit): boolean {
  const n = hook.from?.names.find((id) => contains(id.range, offset));
  if (n) hit.printerRef = n;
  return !!n;
}

function findTrigger(hook: HookDecl, offset: number, hit: Hit): boolean {
  const t = hook.triggers.find((tr) => contains(tr.range, offset));
  if (t) hit.trigger = t;
  return !!t;
}

/** A `when` line's operands and a `quiet` line's triggers; true when the offset is on one of those lines. */
function inConditionOrQuiet(hook: HookDecl, offset: number, hit: Hit): boolean {
  const when = hook.conditions.find((w) => contains(w.range, offset));
  if (when) {
    if (when.condition) conditionAt(when.condition, offset, hit);
    return true;
  }
  const quiet = hook.quiet.find((q) => contains(q.range, offset));
  if (quiet) quietAt(quiet, offset, hit);
  return !!quiet;
}

function quietAt(q: QuietNode, offset: number, hit: Hit): void {
  const t = q.except.find((e) => contains(e.range, offset));
  if (t) hit.exceptTrigger = t;
}

function conditionAt(e: ConditionExpr, offset: number, hit: Hit): void {
  if (!contains(e.range, offset)) return;
  switch (e.kind) {
    case 'Logic':
      for (const o of e.operands) conditionAt(o, offset, hit);
      return;
    case 'Not':
      conditionAt(e.operand, offset, hit);
      return;
    case 'Group':
      conditionAt(e.inner, offset, hit);
      return;
    case 'Compare':
      conditionAt(e.left, offset, hit);
      if (e.right?.kind === 'List') for (const el of e.right.elements) conditionAt(el, offset, hit);
      else if (e.right) conditionAt(e.right, offset, hit);
      return;
    case 'Param':
      paramAt(e, offset, hit);
      return;
    default:
      return;
  }
}

function valueAt(value: Value | undefined, offset: number, hit: Hit): void {
  if (!value || !contains(value.range, offset)) return;
  switch (value.kind) {
    case 'Object':
      for (const entry of value.entries) {
        if (!contains(entry.range, offset)) continue;
        hit.entries.push(entry);
        hit.keys.push(entryKey(entry));
        if (contains(entry.key.range, offset)) hit.onKey = true;
        else valueAt(entry.value, offset, hit);
        return;
      }
      return;
    case 'Array':
      for (const element of value.elements) valueAt(element, offset, hit);
      return;
    case 'String':
      hit.inString = true;
      for (const part of value.parts) if (part.kind === 'Param' && contains(part.range, offset)) paramAt(part, offset, hit);
      return;
    case 'Param':
      paramAt(value, offset, hit);
      return;
    case 'Word':
      hit.word = value;
      return;
    default:
      return;
  }
}

function paramAt(param: ParamNode, offset: number, hit: Hit): void {
  hit.param = param;
  const i = param.segments.findIndex((s) => contains(s.range, offset));
  if (i >= 0) hit.segment = i;
  const f = param.filters.find((fc) => contains(fc.nameRange, offset));
  if (f) hit.filter = f;
}
