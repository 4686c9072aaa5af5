// Nesting limit. The parser is recursive, so before it runs, every '{' or '[' that would
// open level 65 is kept (its value becomes an empty, recovered object or array) and the
// tokens inside it, up to its matching closer, are dropped. That bounds recursion for any
// input (100 000 nested '[' included) and reports the problem once per over-deep value.
import type { IToken } from 'chevrotain';
import type { ParseContext } from './parse-context.js';
import { closers, openers, tokenEnd } from './tokens.js';
import { startsItemAnywhere } from './top-level.js';
import { diag } from '../language/diagnostic.js';

export const maxDepth = 64;

/** Payload of an opener whose content was dropped. */
export interface Truncated {
  truncated: true;
}

export function limitDepth(tokens: IToken[], ctx: ParseContext): IToken[] {
  let out: IToken[] | undefined;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (startsItemAnywhere(tokens, i)) depth = 0;
    if (openers.has(t.tokenType)) {
      if (depth >= maxDepth) {
        ctx.report(diag.tooDeep(ctx.range(t.startOffset, tokenEnd(t)), { max: maxDepth }));
        out ??= tokens.slice(0, i);
        t.payload = { truncated: true } satisfies Truncated;
        out.push(t);
        // Skip to the matching closer; a new hook or oauth block ends the skip.
        let d = 1;
        let j = i + 1;
        for (; j < tokens.length; j++) {
          const u = tokens[j];
          if (startsItemAnywhere(tokens, j)) break;
          if (openers.has(u.tokenType)) d++;
          else if (closers.has(u.tokenType) && --d === 0) break;
        }
        if (j < tokens.length && d === 0) {
          out.push(tokens[j]);
          i = j;
        } else {
          i = j - 1;
        }
        continue;
      }
      depth++;
    } else if (closers.has(t.tokenType) && depth > 0) {
      depth--;
    }
    out?.push(t);
  }
  return out ?? tokens;
}
