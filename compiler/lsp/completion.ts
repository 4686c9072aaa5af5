// Completion from the text around the cursor (cursor-context.ts), so it works mid-edit on a
// broken file, with names and types from the trees (file-views.ts) and the schema tables:
// parameter roots and fields after `@` and `.`, filters after `|` in `@{…}`, triggers in a
// hook's header and as message keys, settings and their values inside blocks, and the
// top-level forms at the start of an item.
import { CompletionItemKind, type CompletionItem, type Range as LspRange } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { filters } from '../filters/filter-table.js';
import { triggerNames } from '../phases/2-check/check-triggers.js';
import { pluginTriggers } from '../../language/plugin-triggers.js';
import { scanCursor, type CursorContext, type Frame, type ScanToken } from './cursor-context.js';
import type { Analysis } from './document-state.js';
import { entryKey } from '../../grammar/entry-key.js';
import { oauthBlocks, oauthReturns, viewsOf, type FileViews } from './file-views.js';
import { markdown, presenceLine, triggerDoc } from './markdown.js';
import { paramEnv, type Place } from './param-env.js';
import { fieldChoices, rootChoices, type FieldChoice } from './param-types.js';
import { returnTypes, settingsOf, topLevelForms, type SettingsBlock } from './settings-table.js';

export function completionsAt(doc: TextDocument, analysis: Analysis, offset: number): CompletionItem[] {
  const text = analysis.text;
  const ctx = scanCursor(text, offset);
  if (ctx.inComment || ctx.inNumber) return [];
  const views = viewsOf(analysis);
  const range = (start: number): LspRange => ({ start: doc.positionAt(start), end: doc.positionAt(offset) });

  if (ctx.param) {
    const p = ctx.param;
    if (p.mode === 'none') return [];
    if (p.mode === 'filter') return filterItems(range(p.partialStart));
    const env = paramEnv(placeOf(ctx, text), views);
    const r = range(p.partialStart);
    if (p.path.length === 0) return rootChoices(env, views).map((c) => fieldItem(c, r, CompletionItemKind.Variable));
    return fieldChoices(p.path, env, views).map((c) => fieldItem(c, r, CompletionItemKind.Field));
  }
  if (ctx.string) return [];
  const wordRange = range(offset - ctx.word.length);

  if (ctx.frames.length === 0) return topLevelCompletions(ctx, wordRange);

  const frames = ctx.frames;
  const block = settingsBlockOf(frames);
  const inMessages = (frames.length === 1 && frames[0].block === 'messages') || (frames.length === 2 && frames[0].block === 'hook' && frames[1].key === 'messages');
  if (ctx.entry.length === 0) {
    if (block) {
      const written = writtenKeys(ctx, views);
      return settingsOf(block)
        .filter((s) => !written.has(s.name))
        .map((s) => ({ label: s.name, kind: CompletionItemKind.Property, detail: `${describeBlock(block)} setting`, documentation: markdown(s.doc), textEdit: { range: wordRange, newText: s.name } }));
    }
    if (inMessages) {
      const only = frames[0].block === 'hook' ? paramEnv(placeOf(ctx, text), views).hookTriggers : undefined;
      return triggerItems(wordRange, new Set(entryKeys(frames[frames.length - 1].tokens)), only, false);
    }
    return [];
  }
  const key = valueKeyOf(ctx.entry);
  if (key === undefined) return [];
  if (block) return settingValueItems(block, key, views, wordRange);
  if (frames.length === 2 && frames[0].block === 'oauth' && frames[1].key === 'returns') {
    return returnTypes.map((t) => ({ label: t, kind: CompletionItemKind.TypeParameter, detail: 'answer field type', textEdit: { range: wordRange, newText: t } }));
  }
  return [];
}

/** Which settings block the innermost frame is, if any. */
function settingsBlockOf(frames: readonly Frame[]): SettingsBlock | undefined {
  const top = frames[0].block;
  if (frames.length === 1 && (top === 'hook' || top === 'oauth' || top === 'octoprint' || top === 'webcam')) return top;
  if (frames.length === 2 && top === 'hook' && frames[1].key === 'snapshot' && frames[1].bracket === '{') return 'snapshot';
  return undefined;
}

function describeBlock(block: SettingsBlock): string {
  return block === 'snapshot' ? 'hook snapshot' : block;
}

/** The key an entry's value is being written for: `[method]` or `[x, :]`. */
function valueKeyOf(entry: readonly ScanToken[]): string | undefined {
  const tokens = entry.filter((t) => !(t.kind === 'punct' && t.text === ':'));
  if (tokens.length !== 1) return undefined;
  return tokens[0].kind === 'word' || tokens[0].kind === 'string' ? tokens[0].text : undefined;
}

/** The keys already written in a frame (the first token of each entry). */
function entryKeys(tokens: readonly ScanToken[]): string[] {
  const keys: string[] = [];
  let expectKey = true;
  let count = 0;
  for (const t of tokens) {
    if (t.kind === 'punct' && (t.text === ',' || t.text === ';')) {
      expectKey = true;
      continue;
    }
    if (t.kind === 'punct' && t.text === ':') continue;
    if (!expectKey && t.newlineBefore && count >= 2) expectKey = true;
    if (expectKey) {
      if (t.kind === 'word' || t.kind === 'string') keys.push(t.text);
      expectKey = false;
      count = 0;
    }
    count++;
  }
  return keys;
}

/**
 * The keys already set in the innermost block: those the scan saw before the cursor, and those
 * the tree holds (after the cursor too), except the one being typed.
 */
function writtenKeys(ctx: CursorContext, views: FileViews): Set<string> {
  const keys = new Set(entryKeys(ctx.frames[ctx.frames.length - 1].tokens));
  const item = views.current.items.find((i) => i.range.start.offset === ctx.frames[0].itemStart);
  let body = item && (item.kind === 'Hook' || item.kind === 'OAuth' || item.kind === 'Block') ? item.body : undefined;
  for (const f of ctx.frames.slice(1)) {
    const v = body?.entries.find((e) => entryKey(e) === f.key)?.value;
    body = v?.kind === 'Object' ? v : undefined;
  }
  for (const e of body?.entries ?? []) {
    const typing = e.key.range.start.offset <= ctx.offset && ctx.offset <= e.key.range.end.offset;
    if (!typing) keys.add(entryKey(e));
  }
  return keys;
}

/** The place of a parameter, from the open blocks and the entry it is the value of. */
export function placeOf(ctx: CursorContext, text: string): Place {
  const inString = !!ctx.string;
  if (ctx.frames.length === 0) {
    const head = ctx.statement[0]?.text;
    return { block: head === 'device' || head === 'secret' ? head : 'none', keys: [], inString };
  }
  const top = ctx.frames[0];
  const keys = ctx.frames.slice(1).map((f) => f.key ?? '');
  const key = ctx.entry.find((t) => t.kind === 'word' || t.kind === 'string');
  if (key && ctx.entry[0] === key) keys.push(key.text);
  const place: Place = { block: top.block ?? 'other', keys, inString };
  if (top.name !== undefined) place.hookName = top.name;
  if (top.itemStart !== undefined) {
    place.itemStart = top.itemStart;
    if (top.block === 'hook') place.header = text.slice(top.itemStart, top.open);
  }
  return place;
}

function topLevelCompletions(ctx: CursorContext, range: LspRange): CompletionItem[] {
  const st = ctx.statement;
  const last = st[st.length - 1];
  if (st[0]?.kind === 'word' && st[0].text === 'hook' && st.some((t, i) => i >= 2 && t.kind === 'word' && t.text === 'on')) {
    if (last && ((last.kind === 'word' && last.text === 'on') || (last.kind === 'punct' && last.text === ','))) {
      const listed = new Set(st.slice(st.findIndex((t) => t.text === 'on') + 1).filter((t) => t.kind === 'word').map((t) => t.text));
      return triggerItems(range, listed, undefined, true);
    }
    return [];
  }
  const head = st[0]?.text;
  const atStart = st.length === 0 || ((head === 'device' || head === 'secret') && st.length >= 2 && ctx.newlineBefore);
  if (!atStart) return [];
  return topLevelForms.map((f) => ({ label: f.name, kind: CompletionItemKind.Keyword, documentation: markdown(f.doc), textEdit: { range, newText: f.name } }));
}

function triggerItems(range: LspRange, exclude: ReadonlySet<string>, only: readonly string[] | undefined, header: boolean): CompletionItem[] {
  const names = only ?? triggerNames();
  return names
    .filter((n) => !exclude.has(n))
    .map((name) => {
      const plugin = name in pluginTriggers;
      const newText = header && name === 'Progress' ? 'Progress every 10%' : name;
      return {
        label: name,
        kind: CompletionItemKind.Event,
        detail: plugin ? `plugin trigger: "${pluginTriggers[name].topic}"` : 'OctoPrint event',
        documentation: markdown(triggerDoc(name)),
        sortText: `${plugin ? '0' : '1'}${name}`,
        textEdit: { range, newText },
      };
    });
}

function filterItems(range: LspRange): CompletionItem[] {
  return Object.values(filters).map((f) => ({
    label: f.name,
    kind: CompletionItemKind.Function,
    detail: `${f.signature}: ${f.input} → ${f.output === 'input' ? 'same type' : f.output}`,
    documentation: markdown(f.doc),
    textEdit: { range, newText: f.name },
  }));
}

function fieldItem(c: FieldChoice, range: LspRange, kind: CompletionItemKind): CompletionItem {
  return {
    label: c.name,
    kind,
    detail: c.optional ? `${c.type} (may be missing)` : c.type,
    documentation: markdown(c.doc, c.missingFor && presenceLine(c.presentFor ?? [], c.missingFor)),
    textEdit: { range, newText: c.name },
  };
}

function settingValueItems(block: SettingsBlock, key: string, views: FileViews, range: LspRange): CompletionItem[] {
  if (block === 'hook' && key === 'oauth') {
    return [...oauthBlocks(views)].map(([name, decl]) => {
      const fields = [...oauthReturns(decl).keys()];
      return {
        label: name,
        kind: CompletionItemKind.Reference,
        detail: 'oauth block',
        documentation: markdown(fields.length ? `Its answer gives ${fields.map((f) => `\`@${name}.${f}\``).join(', ')}.` : undefined),
        textEdit: { range, newText: name },
      };
    });
  }
  const setting = settingsOf(block).find((s) => s.name === key);
  return (setting?.values ?? []).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, detail: `${key} value`, textEdit: { range, newText: v } }));
}
