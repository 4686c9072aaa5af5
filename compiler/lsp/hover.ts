// Hover: on a parameter's path segment, its type, the schema's documentation and the hook's
// triggers it is present for, as the checker resolved it (recorded in its semantic model); on
// a filter, its signature; on a trigger, the event; on a printer name in `from`, the printer;
// on a setting, its entry in the settings table.
import type { Hover } from 'vscode-languageserver/node';
import { filters } from '../filters/filter-table.js';
import type { Analysis } from './document-state.js';
import { codeBlock, markdown, presenceLine, triggerDoc } from './markdown.js';
import { describePath } from '../phases/2-check/resolve-path.js';
import { scopeAt } from '../phases/2-check/semantic-model.js';
import { hitNear, type Hit } from './position-index.js';
import { describeBlock } from '../../language/settings-table.js';
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
  if (hit.exceptTrigger) {
    const t = hit.exceptTrigger;
    return { contents: markdown(codeBlock(`except ${t.name}`), 'Goes out even inside the quiet hours.', triggerDoc(t.name)), range: toLspRange(t.range) };
  }
  if (hit.trigger) {
    const t = hit.trigger;
    return { contents: markdown(codeBlock(`on ${t.name.name}${t.every ? ` every ${t.every.raw}%` : ''}`), triggerDoc(t.name.name)), range: toLspRange(t.name.range) };
  }
  if (hit.printerRef) {
    const ref = hit.printerRef;
    const printer = analysis.result.semantic?.printers.get(ref.name);
    const about = printer
      ? `The hook fires for events of this printer${printer.device !== null ? ` (\`@deviceIdentifier\` "${printer.device}", unless the hook sets its own \`device\`)` : ''}.`
      : 'No printer block of this file has this name.';
    return { contents: markdown(codeBlock(`printer ${ref.name}`), about), range: toLspRange(ref.range) };
  }
  if (hit.onKey) {
    const entry = hit.entries[hit.entries.length - 1];
    const setting = analysis.result.semantic?.settings.find((u) => u.entry === entry);
    if (setting) return { contents: markdown(codeBlock(`${setting.spec.name} (${describeBlock(setting.spec.block)} setting)`), setting.spec.doc), range: toLspRange(entry.key.range) };
    if (messagesKey(hit)) return { contents: markdown(codeBlock(`message for ${entryKey(entry)}`), triggerDoc(hit.keys[hit.keys.length - 1])), range: toLspRange(entry.key.range) };
  }
  return null;
}

function messagesKey(hit: Hit): boolean {
  const item = hit.item;
  if (item.kind === 'Block' && item.keyword.name === 'messages') return hit.keys.length === 1;
  return item.kind === 'Hook' && hit.keys.length === 2 && hit.keys[0] === 'messages';
}

function paramHover(analysis: Analysis, hit: Hit): Hover | null {
  const param = hit.param!;
  if (param.segments.length === 0) return null;
  const model = analysis.result.semantic;
  if (!model) return null;
  const index = hit.segment ?? 0;
  const segment = param.segments[index];
  const path = param.segments.slice(0, index + 1).map((s) => s.name);
  // What the checker resolved this very parameter to; one it skipped (a broken value) is resolved in the scope of the value around it.
  const use = model.params.find((p) => p.param === param);
  const scope = use?.scope ?? scopeAt(model, param.range.start.offset)?.scope;
  if (!scope) return null;
  const info = use?.resolved[index] ?? describePath(path, scope, model.oauth);
  const sinceLine = info.since ? `Since OctoPrint ${info.since}.` : undefined;
  // Only `@extra` differs per trigger: any other path that does not exist is simply not in the schema.
  const presence =
    !info.exists && info.root !== 'extra'
      ? path.length === 1
        ? `\`${segment.name}\` is not a parameter here.`
        : `\`${segment.name}\` is not a field of \`${path.slice(0, -1).join('.')}\`.`
      : scope.triggers.length > 0 && info.root !== 'env' && info.root !== 'oauth'
        ? presenceLine(info.presentFor, info.missingFor)
        : undefined;
  const missingNote =
    info.exists && info.mayBeMissing && info.missingFor.length === 0
      ? scope.position === 'condition'
        ? 'May be null or absent at run time; a comparison with it is then false (`== null` is true).'
        : 'May be null or absent at run time; it then renders as `""` unless `| default(…)` says otherwise.'
      : undefined;
  const head = codeBlock(`@${path.join('.')}: ${info.exists ? info.type : 'unknown'}`);
  return { contents: markdown(head, info.doc, sinceLine, presence, missingNote), range: toLspRange(segment.range) };
}
