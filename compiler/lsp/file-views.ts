// The two pictures of a document the editor features read: the tree of its current text
// (recovered where it is broken) and the last tree that parsed cleanly. Names declared in a
// part of the file the parser lost while the user types (an oauth block below a hook whose
// brace is still open) are taken from the last good tree.
import { entryKey } from '../../grammar/entry-key.js';
import type { HookDecl, OAuthDecl, ObjectEntry, OhkFile } from '../../grammar/ast.js';
import type { CompileResult } from '../compile.js';
import type { Analysis } from './document-state.js';

export interface FileViews {
  text: string;
  current: OhkFile;
  lastGood: OhkFile | undefined;
  /** `@env` names the file reads (current and last good). */
  envNames: Set<string>;
}

export function viewsOf(analysis: Analysis): FileViews {
  const envNames = new Set<string>();
  const add = (r: CompileResult | undefined) => {
    for (const n of r?.model?.env ?? []) envNames.add(n);
  };
  add(analysis.result);
  if (analysis.lastGood !== analysis.result) add(analysis.lastGood);
  const lastGood = analysis.lastGood && analysis.lastGood !== analysis.result ? analysis.lastGood.ast : undefined;
  return { text: analysis.text, current: analysis.result.ast, lastGood, envNames };
}

/** Every oauth block by name: the current tree's first, then any only the last good tree has. */
export function oauthBlocks(views: FileViews): Map<string, OAuthDecl> {
  const out = new Map<string, OAuthDecl>();
  for (const file of [views.current, views.lastGood]) {
    for (const item of file?.items ?? []) {
      if (item.kind === 'OAuth' && item.name && !out.has(item.name.name)) out.set(item.name.name, item);
    }
  }
  return out;
}

/** The field types an oauth block's `returns` declares. */
export function oauthReturns(decl: OAuthDecl): Map<string, { type: string; entry: ObjectEntry }> {
  const out = new Map<string, { type: string; entry: ObjectEntry }>();
  const returns = decl.body?.entries.find((e) => entryKey(e) === 'returns')?.value;
  if (returns?.kind !== 'Object') return out;
  for (const entry of returns.entries) {
    const v = entry.value;
    const type = v?.kind === 'Word' ? v.name : v?.kind === 'String' ? v.value : 'unknown';
    out.set(entryKey(entry), { type, entry });
  }
  return out;
}

/** The hook declared at `itemStart` (or, failing that, by name), in the current tree, else in the last good one. */
export function findHook(views: FileViews, itemStart: number | undefined, name: string | undefined): HookDecl | undefined {
  const hooks = (f: OhkFile | undefined) => (f?.items ?? []).filter((i): i is HookDecl => i.kind === 'Hook');
  const current = hooks(views.current);
  return (
    current.find((h) => h.range.start.offset === itemStart) ??
    (name !== undefined ? current.find((h) => h.name?.name === name) ?? hooks(views.lastGood).find((h) => h.name?.name === name) : undefined)
  );
}

/** The same hook in the last good tree, for settings the current tree lost. */
export function lastGoodHook(views: FileViews, name: string | undefined): HookDecl | undefined {
  if (name === undefined) return undefined;
  return views.lastGood?.items.find((i): i is HookDecl => i.kind === 'Hook' && i.name?.name === name);
}
