// Hover: on a parameter's path segment, its type, the schema's documentation and the hook's
// triggers it is present for; on a filter, its signature; on a trigger, the event; on a
// setting, what it does.
import type { Hover } from 'vscode-languageserver/node';
import type { TopLevel } from '../../grammar/ast.js';
import { filters } from '../filters/filter-table.js';
import type { Analysis } from './document-state.js';
import { viewsOf } from './file-views.js';
import { codeBlock, markdown, presenceLine, triggerDoc } from './markdown.js';
import { paramEnv, type Place } from './param-env.js';
import { describePath } from './param-types.js';
import { hitNear, type Hit } from './position-index.js';
import { settingInfo, type SettingsBlock } from './settings-table.js';
import { toLspRange } from './to-lsp.js';
import { entryKey } from '../../grammar/entry-key.js';

export function hoverAt(analysis: Analysis, offset: number): Hover | null {
  const hit = hitNear(analysis.result.ast, offset);
  if (!hit) return null;
  if (hit.filter) {
    const f = filters[hit.filter.name];
    if (!f) return null;
    return { contents: markdown(codeBlock(`| ${f.signature}: ${f.input} → ${f.output === 'input' ? 'same type' : f.output}`), f.doc), range: toLspRange(hit.filter.nameRange) };
  }
  if (hit.param) return paramHover(analysis, hit);
  if (hit.trigger) {
    const t = hit.trigger;
    return { contents: markdown(codeBlock(`on ${t.name.name}${t.every ? ` every ${t.every.raw}%` : ''}`), triggerDoc(t.name.name)), range: toLspRange(t.name.range) };
  }
  if (hit.onKey) {
    const block = settingsBlockOf(hit);
    const entry = hit.entries[hit.entries.length - 1];
    const info = block ? settingInfo(block, hit.keys[hit.keys.length - 1]) : undefined;
    if (info) return { contents: markdown(codeBlock(`${info.name} (${block === 'snapshot' ? 'hook snapshot' : block} setting)`), info.doc), range: toLspRange(entry.key.range) };
    if (messagesKey(hit)) return { contents: markdown(codeBlock(`message for ${entryKey(entry)}`), triggerDoc(hit.keys[hit.keys.length - 1])), range: toLspRange(entry.key.range) };
  }
  return null;
}

function settingsBlockOf(hit: Hit): SettingsBlock | undefined {
  const item = hit.item;
  const kind = item.kind === 'Hook' ? 'hook' : item.kind === 'OAuth' ? 'oauth' : item.kind === 'Block' && item.keyword.name !== 'messages' ? (item.keyword.name as 'octoprint' | 'webcam' | 'status') : undefined;
  if (!kind) return undefined;
  if (hit.keys.length === 1) return kind;
  if (hit.keys.length === 2 && kind === 'hook' && hit.keys[0] === 'snapshot') return 'snapshot';
  return undefined;
}

function messagesKey(hit: Hit): boolean {
  const item = hit.item;
  if (item.kind === 'Block' && item.keyword.name === 'messages') return hit.keys.length === 1;
  return item.kind === 'Hook' && hit.keys.length === 2 && hit.keys[0] === 'messages';
}

export function placeOfItem(item: TopLevel, keys: string[], inString: boolean): Place {
  const place: Place = { block: 'none', keys, inString, itemStart: item.range.start.offset };
  switch (item.kind) {
    case 'Hook':
      place.block = 'hook';
      if (item.name) place.hookName = item.name.name;
      break;
    case 'OAuth':
      place.block = 'oauth';
      if (item.name) place.hookName = item.name.name;
      break;
    case 'Block':
      place.block = item.keyword.name === 'octoprint' || item.keyword.name === 'webcam' || item.keyword.name === 'messages' ? item.keyword.name : 'other';
      break;
    case 'Device':
      place.block = 'device';
      break;
    case 'Secret':
      place.block = 'secret';
      break;
  }
  return place;
}

function paramHover(analysis: Analysis, hit: Hit): Hover | null {
  const param = hit.param!;
  if (param.segments.length === 0) return null;
  const index = hit.segment ?? 0;
  const segment = param.segments[index];
  const path = param.segments.slice(0, index + 1).map((s) => s.name);
  const views = viewsOf(analysis);
  const env = paramEnv(placeOfItem(hit.item, hit.keys, hit.inString), views);
  const info = describePath(path, env, views);
  const sinceLine = info.since ? `Since OctoPrint ${info.since}.` : undefined;
  // Only `@extra` differs per trigger: any other path that does not exist is simply not in the schema.
  const presence =
    !info.exists && info.root !== 'extra'
      ? path.length === 1
        ? `\`${segment.name}\` is not a parameter here.`
        : `\`${segment.name}\` is not a field of \`${path.slice(0, -1).join('.')}\`.`
      : env.triggers.length > 0 && info.root !== 'env' && info.root !== 'oauth'
        ? presenceLine(info.presentFor, info.missingFor)
        : undefined;
  const missingNote =
    info.exists && info.mayBeMissing && info.missingFor.length === 0
      ? 'May be null or absent at run time; it then renders as `""` unless `| default(…)` says otherwise.'
      : undefined;
  const head = codeBlock(`@${path.join('.')}: ${info.exists ? info.type : 'unknown'}`);
  return { contents: markdown(head, info.doc, sinceLine, presence, missingNote), range: toLspRange(segment.range) };
}
