// Readers for the simple setting forms (a word from a list, a duration in a range, a
// boolean, a number). Each reports a catalogue diagnostic and returns undefined when the
// value has the wrong form, so callers fall back to the default and keep checking.
import type { ObjectEntry, ObjectNode, Value } from '../../../grammar/ast.js';
import type { HttpMethod } from '../../../runtime/compiled-module.js';
import type { CheckContext } from './check-context.js';
import { entryKey } from '../../../grammar/entry-key.js';
import { diag } from '../../../language/diagnostic.js';
import { httpMethods } from '../../../language/settings-table.js';

function valueOf(entry: ObjectEntry | undefined): Value | undefined {
  return entry && !entry.value?.recovered ? entry.value : undefined;
}

export function readWord(ctx: CheckContext, entry: ObjectEntry | undefined, what: string): string | undefined {
  const v = valueOf(entry);
  if (!entry || !v) return undefined;
  if (v.kind === 'Word') return v.name;
  if (v.kind === 'String' && v.parts.every((p) => p.kind === 'Text')) return v.value;
  ctx.report(diag.settingType(v.range, { setting: entryKey(entry), expected: what }));
  return undefined;
}

/** `method POST` (any case); an unknown word is reported and undefined returned. */
export function readMethod(ctx: CheckContext, entry: ObjectEntry | undefined): HttpMethod | undefined {
  const m = readWord(ctx, entry, 'an HTTP method');
  if (m === undefined) return undefined;
  const upper = m.toUpperCase();
  if ((httpMethods as readonly string[]).includes(upper)) return upper as HttpMethod;
  ctx.report(diag.unknownMethod(entry!.value!.range, { method: m }));
  return undefined;
}

export function readBoolean(ctx: CheckContext, entry: ObjectEntry | undefined): boolean | undefined {
  const v = valueOf(entry);
  if (!entry || !v) return undefined;
  if (v.kind === 'Boolean') return v.value;
  ctx.report(diag.settingType(v.range, { setting: entryKey(entry), expected: 'true or false' }));
  return undefined;
}

/** A duration within the setting's range (the settings table's reader). */
export function readDuration(ctx: CheckContext, entry: ObjectEntry | undefined, { minMs, maxMs }: { minMs: number; maxMs: number }): number | undefined {
  const v = valueOf(entry);
  if (!entry || !v) return undefined;
  if (v.kind !== 'Duration') {
    ctx.report(diag.settingType(v.range, { setting: entryKey(entry), expected: "a duration such as '500ms', '10s', '5m' or '2h'" }));
    return undefined;
  }
  if (v.ms < minMs || v.ms > maxMs) {
    ctx.report(diag.durationRange(v.range, { setting: entryKey(entry), min: formatMs(minMs), max: formatMs(maxMs) }));
    return undefined;
  }
  return v.ms;
}

export function readNumber(ctx: CheckContext, entry: ObjectEntry | undefined, { min, max }: { min: number; max: number }): number | undefined {
  const v = valueOf(entry);
  if (!entry || !v) return undefined;
  if (v.kind !== 'Number' || !Number.isInteger(v.value) || v.value < min || v.value > max) {
    ctx.report(diag.numberRange(v.range, { setting: entryKey(entry), min, max }));
    return undefined;
  }
  return v.value;
}

export function readObject(ctx: CheckContext, entry: ObjectEntry | undefined, what = 'an object { … }'): ObjectNode | undefined {
  // An object still being typed (no '}' yet) is read all the same: its complete entries count.
  const v = entry?.value?.kind === 'Object' ? entry.value : valueOf(entry);
  if (!entry || !v) return undefined;
  if (v.kind === 'Object') return v;
  ctx.report(diag.settingType(v.range, { setting: entryKey(entry), expected: what }));
  return undefined;
}

export function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
