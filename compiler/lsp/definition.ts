// Go to definition: from a hook's `oauth token` setting, and from `@token.…`, to the oauth
// block; from `@token.field` to the field in its `returns`; from a name in a hook's `from`
// to its printer block. Both are look-ups in the checker's
// semantic model of the current version (a range from an older one would point at stale text).
import type { Location } from 'vscode-languageserver/node';
import type { Analysis } from './document-state.js';
import { hitNear } from './position-index.js';
import { toLspRange } from './to-lsp.js';

export function definitionAt(analysis: Analysis, offset: number): Location | null {
  const model = analysis.result.semantic;
  const hit = hitNear(analysis.result.ast, offset);
  if (!model || !hit) return null;
  if (hit.printerRef) {
    const printer = model.printers.get(hit.printerRef.name);
    return printer ? { uri: analysis.uri, range: toLspRange(printer.nameRange) } : null;
  }
  let name: string | undefined;
  let field: string | undefined;
  const entry = hit.entries[hit.entries.length - 1];
  if (hit.word && entry && model.settings.some((u) => u.entry === entry && u.spec.reader.kind === 'oauth-name')) name = hit.word.name;
  else if (hit.param && (hit.segment ?? 0) <= 1) {
    const use = model.params.find((p) => p.param === hit.param);
    name = use?.oauth;
    if (name !== undefined && hit.segment === 1) field = hit.param.segments[1].name;
  }
  const block = name !== undefined ? model.oauth.get(name) : undefined;
  if (!block) return null;
  const target = field !== undefined ? block.fields.get(field)?.keyRange : undefined;
  return { uri: analysis.uri, range: toLspRange(target ?? block.nameRange) };
}
