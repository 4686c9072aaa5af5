// Go to definition: from a hook's `oauth token` setting, and from `@token.…`, to the oauth
// block; from `@token.field` to the field in its `returns`.
import type { Location } from 'vscode-languageserver/node';
import type { Analysis } from './document-state.js';
import { oauthBlocks, oauthReturns, viewsOf } from './file-views.js';
import { hitNear } from './position-index.js';
import { toLspRange } from './to-lsp.js';

export function definitionAt(analysis: Analysis, offset: number): Location | null {
  const hit = hitNear(analysis.result.ast, offset);
  if (!hit) return null;
  // Only the current tree: a range from the last good one would point at stale text.
  const blocks = oauthBlocks({ ...viewsOf(analysis), lastGood: undefined });
  let name: string | undefined;
  let field: string | undefined;
  if (hit.word && hit.item.kind === 'Hook' && hit.keys.length === 1 && hit.keys[0] === 'oauth') name = hit.word.name;
  else if (hit.param && hit.param.segments.length > 0 && (hit.segment ?? 0) <= 1) {
    name = hit.param.segments[0].name;
    if (hit.segment === 1) field = hit.param.segments[1].name;
  }
  if (name === undefined) return null;
  const decl = blocks.get(name);
  if (!decl?.name) return null;
  const target = field !== undefined ? oauthReturns(decl).get(field)?.entry.key.range : undefined;
  return { uri: analysis.uri, range: toLspRange(target ?? decl.name.range) };
}
