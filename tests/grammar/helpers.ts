// Small helpers for the grammar suites.
import { parseOhk } from '../../grammar/index.js';
import type { HookDecl, ObjectEntry, ObjectNode, OhkFile, Value } from '../../grammar/index.js';
import type { Range } from '../../language/range.js';
import type { Diagnostic } from '../../language/diagnostic.js';

export { parseOhk };

/** The source text a range covers. */
export function slice(source: string, r: Range): string {
  return source.slice(r.start.offset, r.end.offset);
}

/** `line:column-line:column CODE message`, for compact assertions. */
export function show(d: Diagnostic): string {
  return `${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column} ${d.code} ${d.message}`;
}

/** Parses `device VALUE` and returns VALUE (and the diagnostics). */
export function value(text: string): { value: Value | undefined; diagnostics: Diagnostic[]; source: string } {
  const source = `device ${text}`;
  const { file, diagnostics } = parseOhk(source);
  const item = file.items[0];
  return { value: item?.kind === 'Device' ? item.value : undefined, diagnostics, source };
}

export function hooks(file: OhkFile): HookDecl[] {
  return file.items.filter((i): i is HookDecl => i.kind === 'Hook');
}

export function entry(obj: ObjectNode | undefined, key: string): ObjectEntry | undefined {
  return obj?.entries.find((e) => (e.key.kind === 'Identifier' ? e.key.name : e.key.value) === key);
}

/** Checks the invariants every range must keep: inside the source, start ≤ end, positions consistent. */
export function checkRanges(source: string, node: unknown, seen = new Set<unknown>()): void {
  if (node === null || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  const n = node as Record<string, unknown>;
  for (const [k, v] of Object.entries(n)) {
    if ((k === 'range' || k === 'nameRange' || k === 'keyword') && v && typeof v === 'object' && 'start' in v) {
      const r = v as Range;
      if (!(r.start.offset >= 0 && r.start.offset <= r.end.offset && r.end.offset <= source.length)) {
        throw new Error(`bad range ${JSON.stringify(r)} in ${String(n.kind)}`);
      }
    } else {
      checkRanges(source, v, seen);
    }
  }
}
