// Completion: the grammar's lexer says what is being typed and inside which blocks
// (completion-context.ts), so it works mid-edit on a broken file; the checker's semantic
// model says which scope a parameter there has (its triggers, its oauth block, whether only
// `@env` may stand there) and the settings table which settings and values a block takes.
// Parameter roots and fields after `@` and `.`, filters after `|` in `@{…}`, triggers in a
// hook's header and as message keys, printer names after a hook's `from`, settings and their
// values inside blocks, and the top-level forms at the start of an item.
import { CompletionItemKind, type CompletionItem, type Range as LspRange } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { filters } from '../filters/filter-table.js';
import { triggerNames } from '../phases/2-check/check-triggers.js';
import { pluginTriggers } from '../../language/plugin-triggers.js';
import { completionContext, type ContextToken, type Frame } from './completion-context.js';
import { compilerText, type Analysis } from './document-state.js';
import { entryKey } from '../../grammar/entry-key.js';
import { markdown, presenceLine, triggerDoc } from './markdown.js';
import { fieldChoices, rootChoices, type FieldChoice } from '../phases/2-check/resolve-path.js';
import type { ParamScope } from '../phases/2-check/param-scope.js';
import { emptySemanticModel, scopeAt, type HookScope, type OAuthInfo, type PrinterInfo, type ScopeRegion, type SemanticModel } from '../phases/2-check/semantic-model.js';
import { describeBlock, returnTypes, settingSpec, settingsOf, type SettingsBlock } from '../../language/settings-table.js';

/** The checker's model of this version, and of the last version that parsed (for what the parser lost mid-edit). */
interface Models {
  current: SemanticModel;
  lastGood: SemanticModel | undefined;
}

function modelsOf(analysis: Analysis): Models {
  return { current: analysis.result.semantic ?? emptySemanticModel(), lastGood: analysis.lastGood !== analysis.result ? analysis.lastGood?.semantic : undefined };
}

/** Every oauth block: this version's first, then any only the last good version has. */
function oauthBlocks(models: Models): Map<string, OAuthInfo> {
  const out = new Map(models.current.oauth);
  for (const [name, info] of models.lastGood?.oauth ?? []) if (!out.has(name)) out.set(name, info);
  return out;
}

/** Every printer block: this version's first, then any only the last good version has. */
function printerBlocks(models: Models): Map<string, PrinterInfo> {
  const out = new Map(models.current.printers);
  for (const [name, info] of models.lastGood?.printers ?? []) if (!out.has(name)) out.set(name, info);
  return out;
}

/** `@env` names the file reads (this version and the last good one). */
function envNames(analysis: Analysis): Set<string> {
  return new Set([...(analysis.result.model?.env ?? []), ...(analysis.lastGood?.model?.env ?? [])]);
}

/** The hook the cursor is in, as the checker read it: by the frame's name, else this version's hook around the offset. */
function hookAt(models: Models, frames: readonly Frame[], offset: number): HookScope | undefined {
  if (frames[0]?.block !== 'hook') return undefined;
  const name = frames[0].name;
  const byName = (m: SemanticModel | undefined) => (name === undefined ? undefined : m?.hooks.find((h) => h.name === name));
  return byName(models.current) ?? models.current.hooks.find((h) => h.range.start.offset <= offset && offset <= h.range.end.offset) ?? byName(models.lastGood);
}

/**
 * The scope a parameter typed at `offset` has: that of the innermost value the checker read
 * there; where it read none (a value the parser could not make out yet), the hook's, narrowed
 * as the settings table says for the setting being written.
 */
function scopeAtCursor(models: Models, frames: readonly Frame[], offset: number, inString: boolean): ParamScope {
  const region = regionAt(models.current, frames, offset);
  const hook = hookAt(models, frames, offset);
  let scope: ParamScope;
  if (region) scope = { ...region.scope };
  else if (hook) {
    const key = frames[1]?.key;
    const spec = key !== undefined ? settingSpec('hook', key) : undefined;
    scope = spec?.params === 'env' ? { triggers: [], oauth: null, envOnly: `'${key}'`, position: 'value' } : { triggers: hook.triggers, oauth: hook.oauth, position: 'value' };
  } else scope = { triggers: [], oauth: null, position: 'value', ...(frames[0] && frames[0].block !== 'messages' && frames[0].block !== 'other' ? { envOnly: frames[0].block } : {}) };
  if (inString && scope.position !== 'url') scope.position = 'text';
  // The hook lost its `oauth` setting mid-edit (the parser stopped before it): the last good version still has it.
  if (!scope.envOnly && scope.oauth === null && hook && !region?.scope.inMessage) {
    const before = models.lastGood?.hooks.find((h) => h.name === hook.name);
    if (before?.oauth) scope.oauth = before.oauth;
  }
  return scope;
}

/**
 * The innermost value the checker read around the cursor. A block still being typed ends, in
 * the recovered tree, before the cursor; it is found by where it opens instead.
 */
function regionAt(model: SemanticModel, frames: readonly Frame[], offset: number): ScopeRegion | undefined {
  const innermost = frames[frames.length - 1]?.open ?? -1;
  const here = scopeAt(model, offset);
  if (here && here.range.start.offset >= innermost) return here;
  for (let i = frames.length - 1; i >= 0; i--) {
    const opened = model.regions.filter((r) => r.range.start.offset === frames[i].open);
    if (opened.length > 0) return opened[opened.length - 1];
  }
  return here;
}

export function completionsAt(doc: TextDocument, analysis: Analysis, offset: number): CompletionItem[] {
  const c = completionContext(compilerText(analysis.text), offset);
  if (c.kind === 'nothing') return [];
  const models = modelsOf(analysis);
  const range = (start: number): LspRange => ({ start: doc.positionAt(start), end: doc.positionAt(offset) });

  if (c.kind === 'param') {
    const p = c.param;
    if (p.mode === 'none') return [];
    if (p.mode === 'filter') return filterItems(range(p.partialStart));
    const scope = scopeAtCursor(models, c.frames, offset, c.inString);
    const r = range(p.partialStart);
    if (p.path.length === 0) return rootChoices(scope, oauthBlocks(models)).map((f) => fieldItem(f, r, CompletionItemKind.Variable));
    return fieldChoices(p.path, scope, oauthBlocks(models), envNames(analysis)).map((f) => fieldItem(f, r, CompletionItemKind.Field));
  }
  const wordRange = range(offset - c.word.length);
  const frames = c.frames;
  if (frames.length === 0) return fromCompletions(c.statement, models, wordRange) ?? topLevelCompletions(c.statement, c.newlineBefore, wordRange);

  const block = settingsBlockOf(frames);
  if (frames.length === 1 && block === 'hook') {
    // The line, not the entry: `quiet … except A, B` has commas, which end an ordinary entry.
    const line = c.newlineBefore ? [] : lineTokens(frames[0].tokens);
    const lines = conditionLineItems(line, wordRange, hookAt(models, frames, offset)?.triggers);
    if (lines) return lines;
  }
  const inMessages = (frames.length === 1 && frames[0].block === 'messages') || (frames.length === 2 && frames[0].block === 'hook' && frames[1].key === 'messages');
  if (c.entry.length === 0) {
    if (block) {
      const written = writtenKeys(frames, analysis, offset);
      const settings = settingsOf(block)
        .filter((s) => !written.has(s.name))
        .map((s): CompletionItem => ({ label: s.name, kind: CompletionItemKind.Property, detail: `${describeBlock(block)} setting`, documentation: markdown(s.doc), textEdit: { range: wordRange, newText: s.name } }));
      return block === 'hook' ? [...settings, ...lineKeywordItems(wordRange, written.has('quiet'))] : settings;
    }
    if (inMessages) {
      const only = frames[0].block === 'hook' ? hookAt(models, frames, offset)?.triggers ?? [] : undefined;
      return triggerItems(wordRange, new Set(entryKeys(frames[frames.length - 1].tokens)), only, false);
    }
    return [];
  }
  const key = valueKeyOf(c.entry);
  if (key === undefined) return [];
  if (block) return settingValueItems(block, key, models, wordRange);
  if (frames.length === 2 && frames[0].block === 'oauth' && frames[1].key === 'returns') {
    return returnTypes.map((t) => ({ label: t, kind: CompletionItemKind.TypeParameter, detail: 'answer field type', textEdit: { range: wordRange, newText: t } }));
  }
  return [];
}

/** Which settings block the innermost frame is, if any. */
function settingsBlockOf(frames: readonly Frame[]): SettingsBlock | undefined {
  const top = frames[0].block;
  if (frames.length === 1 && (top === 'hook' || top === 'oauth' || top === 'octoprint' || top === 'printer' || top === 'webcam')) return top;
  if (frames.length === 2 && top === 'hook' && frames[1].key === 'snapshot' && frames[1].bracket === '{') return 'snapshot';
  if (frames.length === 2 && top === 'hook' && frames[1].key === 'retry' && frames[1].bracket === '{') return 'retry';
  return undefined;
}

/** The key an entry's value is being written for: `[method]` or `[x, :]`. */
function valueKeyOf(entry: readonly ContextToken[]): string | undefined {
  const tokens = entry.filter((t) => !(t.kind === 'punct' && t.text === ':'));
  if (tokens.length !== 1) return undefined;
  return tokens[0].kind === 'word' || tokens[0].kind === 'string' ? tokens[0].text : undefined;
}

/** The keys already written in a frame (the first token of each entry). */
function entryKeys(tokens: readonly ContextToken[]): string[] {
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
 * The keys already set in the innermost block: those written before the cursor, and those the
 * tree holds (after the cursor too), except the one being typed.
 */
function writtenKeys(frames: readonly Frame[], analysis: Analysis, offset: number): Set<string> {
  const keys = new Set(entryKeys(frames[frames.length - 1].tokens));
  const item = analysis.result.ast.items.find((i) => i.range.start.offset === frames[0].itemStart);
  let body = item && (item.kind === 'Hook' || item.kind === 'OAuth' || item.kind === 'Block') ? item.body : undefined;
  for (const f of frames.slice(1)) {
    const v = body?.entries.find((e) => entryKey(e) === f.key)?.value;
    body = v?.kind === 'Object' ? v : undefined;
  }
  for (const e of body?.entries ?? []) {
    const typing = e.key.range.start.offset <= offset && offset <= e.key.range.end.offset;
    if (!typing) keys.add(entryKey(e));
  }
  return keys;
}

/**
 * In a hook's header: `from` after its triggers (in a file with printers), and after `from` or
 * a `,` of its list the printer names not yet listed; undefined elsewhere.
 */
function fromCompletions(st: readonly ContextToken[], models: Models, range: LspRange): CompletionItem[] | undefined {
  if (st[0]?.kind !== 'word' || st[0].text !== 'hook') return undefined;
  const from = st.findIndex((t, i) => i >= 2 && t.kind === 'word' && t.text === 'from');
  const last = st[st.length - 1];
  if (from < 0) {
    const on = st.findIndex((t, i) => i >= 2 && t.kind === 'word' && t.text === 'on');
    const afterTrigger = on >= 0 && st.length > on + 1 && ((last.kind === 'word' && last.text !== 'every') || (last.kind === 'punct' && last.text === '%'));
    if (!afterTrigger || models.current.printers.size === 0) return undefined;
    return [{ label: 'from', kind: CompletionItemKind.Keyword, detail: 'the printers this hook fires for', textEdit: { range, newText: 'from' } }];
  }
  if (!((last.kind === 'word' && last.text === 'from') || (last.kind === 'punct' && last.text === ','))) return [];
  const listed = new Set(st.slice(from + 1).filter((t) => t.kind === 'word').map((t) => t.text));
  return [...printerBlocks(models)]
    .filter(([name]) => !listed.has(name))
    .map(([name, p]) => ({ label: name, kind: CompletionItemKind.Reference, detail: 'printer', documentation: markdown(p.device !== null ? `Device: ${p.device}` : undefined), textEdit: { range, newText: name } }));
}

function topLevelCompletions(st: readonly ContextToken[], newlineBefore: boolean, range: LspRange): CompletionItem[] {
  const last = st[st.length - 1];
  if (st[0]?.kind === 'word' && st[0].text === 'quiet' && !newlineBefore) return quietItems(st, range, undefined);
  if (st[0]?.kind === 'word' && st[0].text === 'hook' && st.some((t, i) => i >= 2 && t.kind === 'word' && t.text === 'on')) {
    if (last && ((last.kind === 'word' && last.text === 'on') || (last.kind === 'punct' && last.text === ','))) {
      const listed = new Set(st.slice(st.findIndex((t) => t.text === 'on') + 1).filter((t) => t.kind === 'word').map((t) => t.text));
      return triggerItems(range, listed, undefined, true);
    }
    return [];
  }
  const head = st[0]?.text;
  const atStart = st.length === 0 || ((head === 'device' || head === 'secret') && st.length >= 2 && newlineBefore);
  if (!atStart) return [];
  return [
    ...settingsOf('top').map((f) => ({ label: f.name, kind: CompletionItemKind.Keyword, documentation: markdown(f.doc), textEdit: { range, newText: f.name } })),
    ...topLevelLineItems(range),
  ];
}

// ---- conditions and quiet hours

const lineDocs = {
  when: 'A condition the firing must meet, as in `when @job.estimatedPrintTime > 10min`; with several `when` lines, all must hold.',
  quiet: 'Quiet hours: `quiet 23:00-07:00 except PrintFailed`, or `quiet off`. Inside the window the hook sends nothing.',
  timezone: 'The IANA time zone quiet hours are read in, as in `timezone "Europe/Berlin"`; without it, the daemon\'s local zone.',
} as const;

function keywordItem(label: string, range: LspRange, doc?: string, kind: CompletionItemKind = CompletionItemKind.Keyword): CompletionItem {
  return { label, kind, ...(doc ? { documentation: markdown(doc) } : {}), textEdit: { range, newText: label } };
}

function lineKeywordItems(range: LspRange, quietWritten: boolean): CompletionItem[] {
  return [keywordItem('when', range, lineDocs.when), ...(quietWritten ? [] : [keywordItem('quiet', range, lineDocs.quiet)])];
}

function topLevelLineItems(range: LspRange): CompletionItem[] {
  return [keywordItem('timezone', range, lineDocs.timezone), keywordItem('quiet', range, lineDocs.quiet)];
}

const operators: Array<[string, string]> = [
  ['==', 'equal (a missing or null value never is; `== null` tests for it)'],
  ['!=', 'not equal (false when a side is missing or null)'],
  ['<', 'less than: numbers, durations, byte sizes'],
  ['<=', 'at most'],
  ['>', 'more than'],
  ['>=', 'at least'],
  ['in', 'one of a list: `in ["local", "sdcard"]`'],
  ['contains', 'text holds a piece of text, or a list holds a value'],
  ['matches', 'the text matches a regular expression: `matches "^calib"`'],
  ['and', 'both conditions hold'],
  ['or', 'either condition holds'],
];

/** After an operand: the operators; where an operand may start: `not` and the literals (parameters come after `@`). */
function conditionItems(entry: readonly ContextToken[], range: LspRange): CompletionItem[] {
  const last = entry[entry.length - 1];
  const afterOperand = last && (last.kind === 'param' || last.kind === 'string' || last.kind === 'number' || last.kind === 'block' || (last.kind === 'punct' && last.text === ')') || (last.kind === 'word' && ['true', 'false', 'null'].includes(last.text)));
  if (afterOperand) return operators.map(([op, doc]) => keywordItem(op, range, doc, CompletionItemKind.Operator));
  return [keywordItem('not', range, 'the condition after it does not hold'), ...['true', 'false', 'null'].map((w) => keywordItem(w, range, undefined, CompletionItemKind.Constant))];
}

/** `quiet` then `off` or a time range, then `except`, then trigger names. */
function quietItems(entry: readonly ContextToken[], range: LspRange, triggers: readonly string[] | undefined): CompletionItem[] {
  const last = entry[entry.length - 1];
  if (entry.length === 1) return [keywordItem('off', range, 'No quiet hours for this hook (or, at the top level, for any hook that sets none).'), keywordItem('23:00-07:00', range, 'A window on the 24-hour clock; it wraps over midnight.', CompletionItemKind.Value)];
  const listed = new Set(entry.filter((t) => t.kind === 'word').map((t) => t.text));
  if (last && ((last.kind === 'word' && last.text === 'except') || (last.kind === 'punct' && last.text === ','))) return triggerItems(range, listed, triggers, false);
  if (entry.length === 2 && last?.text !== 'off') return [keywordItem('except', range, 'Triggers that still go out inside the window.')];
  return [];
}

/** The tokens of the last line written in a frame. */
function lineTokens(tokens: readonly ContextToken[]): ContextToken[] {
  let start = 0;
  for (let k = 0; k < tokens.length; k++) if (tokens[k].newlineBefore) start = k;
  return tokens.slice(start);
}

/** Inside a hook: completions for a `when` or `quiet` line being written, or undefined on other lines. */
function conditionLineItems(entry: readonly ContextToken[], range: LspRange, triggers: readonly string[] | undefined): CompletionItem[] | undefined {
  const head = entry[0];
  if (head?.kind !== 'word') return undefined;
  if (head.text === 'when') return conditionItems(entry.slice(1), range);
  if (head.text === 'quiet') return quietItems(entry, range, triggers);
  return undefined;
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

function settingValueItems(block: SettingsBlock, key: string, models: Models, range: LspRange): CompletionItem[] {
  if (block === 'hook' && key === 'oauth') {
    return [...oauthBlocks(models)].map(([name, decl]) => {
      const fields = [...decl.fields.keys()];
      return {
        label: name,
        kind: CompletionItemKind.Reference,
        detail: 'oauth block',
        documentation: markdown(fields.length ? `Its answer gives ${fields.map((f) => `\`@${name}.${f}\``).join(', ')}.` : undefined),
        textEdit: { range, newText: name },
      };
    });
  }
  const setting = settingSpec(block, key);
  return (setting?.values ?? []).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, detail: `${key} value`, textEdit: { range, newText: v } }));
}
