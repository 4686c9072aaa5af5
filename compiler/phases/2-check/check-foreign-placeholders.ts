// Placeholders written the way other template languages write them — `{{ job.file.name }}`
// (Jinja, Home Assistant, Handlebars), `${topic}` (JavaScript, shell), `$message`, `{extra.name}`
// (Python's format) — are plain text to octohook and would be sent as written. Only names whose
// root is a real parameter count, so JSON-ish text (`{"a": 1}`), prices (`$5`) and words in
// braces (`{see below}`) stay quiet.
import type { StringNode, TextPart } from '../../../grammar/ast.js';
import type { Position, Range } from '../../../language/range.js';
import type { CheckContext } from './check-context.js';
import { rootNames } from './check-param.js';
import { diag } from '../../../language/diagnostic.js';

const PATH = '[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*';
// In this order at each position: `{{ x }}`, `${x}`, `{x}` (not inside `{{ }}`), `$x`.
const FOREIGN = new RegExp(`\\{\\{\\s*(${PATH})\\s*\\}\\}|\\$\\{\\s*(${PATH})\\s*\\}|(?<!\\{)\\{(${PATH})\\}(?!\\})|\\$(${PATH})`, 'g');

function at(p: Position, chars: number): Position {
  return { line: p.line, column: p.column + chars, offset: p.offset + chars };
}

export function checkForeignPlaceholders(ctx: CheckContext, s: StringNode): void {
  let roots: Set<string> | undefined;
  for (const part of s.parts) {
    if (part.kind !== 'Text') continue;
    for (const m of part.text.matchAll(FOREIGN)) {
      const path = m[1] ?? m[2] ?? m[3] ?? m[4];
      roots ??= new Set(rootNames(ctx));
      if (!roots.has(path.split('.')[0])) continue;
      const exact = exactRange(part, m.index, m[0].length);
      // Text right after that would read as more of the name (`{{ x }}s`) needs the braced form.
      const replacement = /^[\p{L}\p{N}_.\-]/u.test(part.text.slice(m.index + m[0].length)) ? `@{${path}}` : `@${path}`;
      const suggestions = exact ? [{ title: `Write '${replacement}'`, range: exact, replacement }] : [];
      ctx.report(diag.foreignPlaceholder(exact ?? part.range, { written: m[0], param: `@${path}` }, { suggestions }));
    }
  }
}

/** The match's own range when the text was written without escapes (so offsets agree). */
function exactRange(part: TextPart, index: number, length: number): Range | undefined {
  const raw = part.range.end.offset - part.range.start.offset;
  if (raw !== part.text.length || part.range.start.line !== part.range.end.line) return undefined;
  return { start: at(part.range.start, index), end: at(part.range.start, index + length) };
}
