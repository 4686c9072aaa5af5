// The source text of the functions a compiled module may carry: the render helpers
// (./render-helpers.js) and the filters (../../filters/filter-functions.js), generated into
// generated/emitted-source.ts by scripts/gen-emitted-source.mjs. Import the text from here,
// not from generated/ directly. It is the text of those files, not the toString() of any
// built function, so every build of octohookc emits the same bytes.
import { emittedSource } from '../../../generated/emitted-source.js';

export { emittedSource };

/** The text of helper or filter function `name` (`$g`, `$round`, ...). */
export function helperSource(name: string): string {
  const text = Object.prototype.hasOwnProperty.call(emittedSource, name) ? emittedSource[name] : undefined;
  // The emitter only names helpers it knows; a missing one means the build is stale.
  if (text === undefined) throw new Error(`no source text for the emitted function '${name}': rebuild (node scripts/build.mjs)`);
  return text;
}
