// The outline: hooks (their triggers as detail), oauth blocks, printers, the top-level blocks and
// declarations, each with its settings as children.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import type { ObjectNode, OhkFile, TopLevel } from '../../grammar/ast.js';
import type { Range } from '../../language/range.js';
import { entryKey } from '../../grammar/entry-key.js';
import { toLspRange } from './to-lsp.js';

export function documentSymbols(file: OhkFile): DocumentSymbol[] {
  return file.items.map(itemSymbol);
}

function symbol(name: string, kind: SymbolKind, range: Range, selection: Range, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
  const s: DocumentSymbol = { name: name || '(unnamed)', kind, range: toLspRange(range), selectionRange: toLspRange(within(selection, range)) };
  if (detail) s.detail = detail;
  if (children && children.length > 0) s.children = children;
  return s;
}

/** The protocol requires the selection inside the range; a recovered node may break that. */
function within(selection: Range, range: Range): Range {
  const ok = selection.start.offset >= range.start.offset && selection.end.offset <= range.end.offset;
  return ok ? selection : { start: range.start, end: range.start };
}

function settings(body: ObjectNode | undefined): DocumentSymbol[] {
  return (body?.entries ?? []).map((e) => symbol(entryKey(e), SymbolKind.Property, e.range, e.key.range));
}

function itemSymbol(item: TopLevel): DocumentSymbol {
  switch (item.kind) {
    case 'Hook': {
      const triggers = item.triggers.map((t) => (t.every ? `${t.name.name} every ${t.every.raw}%` : t.name.name)).join(', ');
      const from = item.from && item.from.names.length > 0 ? ` from ${item.from.names.map((n) => n.name).join(', ')}` : '';
      return symbol(item.name?.name ?? 'hook', SymbolKind.Function, item.range, item.name?.range ?? item.keyword, triggers ? `on ${triggers}${from}` : `hook${from}`, settings(item.body));
    }
    case 'OAuth':
      return symbol(item.name?.name ?? 'oauth', SymbolKind.Key, item.range, item.name?.range ?? item.keyword, 'oauth', settings(item.body));
    case 'Printer':
      return symbol(item.name?.name ?? 'printer', SymbolKind.Object, item.range, item.name?.range ?? item.keyword, 'printer', settings(item.body));
    case 'Block':
      return symbol(item.keyword.name, SymbolKind.Namespace, item.range, item.keyword.range, undefined, settings(item.body));
    case 'Device':
      return symbol('device', SymbolKind.Constant, item.range, item.keyword, item.value?.kind === 'String' ? JSON.stringify(item.value.value) : undefined);
    case 'Secret':
      return symbol('secret', SymbolKind.Constant, item.range, item.keyword);
    case 'Timezone':
      return symbol('timezone', SymbolKind.Constant, item.range, item.keyword, item.value?.kind === 'String' ? JSON.stringify(item.value.value) : undefined);
    case 'Quiet':
      return symbol('quiet', SymbolKind.Constant, item.range, item.keyword);
  }
}
