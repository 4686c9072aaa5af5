// The name of an object entry or setting: `url "…"`, `"Content-Type": …`, `PrintDone "…"`.
// Keys are written bare or quoted; everything after the parser wants the name either way.
import type { ObjectEntry } from './ast.js';

export function entryKey(entry: ObjectEntry): string {
  return entry.key.kind === 'Identifier' ? entry.key.name : entry.key.value;
}
