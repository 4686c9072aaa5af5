// Prints the importer's model as .ohk text, spelling every value the way the grammar reads
// it back (grammar/README.md): `@@` for a literal `@` where a bare one would start a
// parameter, `@{path}` where a bare `@path` would run on into the text after it or follow
// a letter, keys bare only when they are words, and strings with JSON-style escapes.
import { codePointAt, codePointBefore, isLetterOrDigit, isParamPart } from '../../language/char-classes.js';
import type { OhkEntry, OhkFile, OhkHook, OhkOAuth, OhkPrinter, OhkValue, TemplatePart } from './ohk-model.js';

const WIDTH = 100;

/** A key as written: a bare word where the grammar reads one, else a quoted string with `@` escaped. */
export function writeKey(key: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*(?:-[A-Za-z0-9_$]+)*$/.test(key)) return key;
  // Keys are read like strings: an '@' written as `\u0040` is literal without any template meaning.
  return `"${escapeText(key).replace(/@/g, '\\u0040')}"`;
}

function escapeText(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function pathText(path: string[], filters: string[] | undefined): string {
  return path.join('.') + (filters && filters.length > 0 ? ` | ${filters.join(' | ')}` : '');
}

/** Whether text starting with `next` would continue a bare `@path` written just before it. */
function continuesPath(next: string): boolean {
  if (next === '') return false;
  const cp = codePointAt(next, 0);
  if (isParamPart(cp)) return true;
  return next[0] === '.' && next.length > 1 && isParamPart(codePointAt(next, 1));
}

/** The body of a string literal (without quotes) for a template. */
export function templateBody(parts: TemplatePart[]): string {
  let out = '';
  // `decoded` is what the template reader will see, to decide how each '@' reads back.
  let decoded = '';
  parts.forEach((part, i) => {
    if (part.kind === 'text') {
      let chunk = '';
      let k = 0;
      for (const ch of part.text) {
        if (ch === '@') {
          const before = decoded + part.text.slice(0, k);
          const prevIsParam = k === 0 && i > 0 && parts[i - 1].kind === 'param';
          // A bare '@' reads as text only between letters or digits (`me@example.com`); anywhere
          // else, and before another '@' or a '{', it must be written '@@'.
          const after = part.text.slice(k + 1);
          const bareIsLiteral = !prevIsParam && before.length > 0 && isLetterOrDigit(codePointBefore(before, before.length)) && after.length > 0 && isLetterOrDigit(codePointAt(after, 0));
          chunk += bareIsLiteral ? '@' : '@@';
        } else chunk += escapeText(ch);
        k += ch.length;
      }
      out += chunk;
      decoded += part.text;
    } else {
      const next = parts[i + 1];
      const nextText = next?.kind === 'text' ? next.text : next ? '@' : '';
      const prevLetter = decoded.length > 0 && isLetterOrDigit(codePointBefore(decoded, decoded.length));
      const braced = (part.filters && part.filters.length > 0) || prevLetter || continuesPath(nextText);
      const written = braced ? `@{${pathText(part.path, part.filters)}}` : `@${part.path.join('.')}`;
      out += written;
      decoded += written;
    }
  });
  return out;
}

/** A value on one line, or null when it has to spread over several. */
function inline(v: OhkValue): string {
  switch (v.kind) {
    case 'template':
      return `"${templateBody(v.parts)}"`;
    case 'param':
      return v.filters && v.filters.length > 0 ? `"@{${pathText(v.path, v.filters)}}"` : `@${v.path.join('.')}`;
    case 'scalar':
      return v.value === null ? 'null' : typeof v.value === 'number' ? JSON.stringify(v.value) : String(v.value);
    case 'object':
      return v.entries.length === 0 ? '{}' : `{ ${v.entries.map((e) => `${writeKey(e.key)}: ${inline(e.value)}`).join(', ')} }`;
    case 'array':
      return `[${v.items.map(inline).join(', ')}]`;
  }
}

/** A value at `indent`; objects and arrays that do not fit on the line are spread out. */
export function writeValue(v: OhkValue, indent: string, used: number): string {
  const one = inline(v);
  if (used + one.length <= WIDTH || (v.kind !== 'object' && v.kind !== 'array')) return one;
  const inner = indent + '  ';
  if (v.kind === 'object') return `{\n${writeEntries(v.entries, inner)}${indent}}`;
  return `[\n${v.items.map((item) => `${inner}${writeValue(item, inner, inner.length)},\n`).join('')}${indent}]`;
}

function writeEntries(entries: OhkEntry[], indent: string): string {
  return entries
    .map((e) => {
      const head = `${indent}${writeKey(e.key)}: `;
      return `${head}${writeValue(e.value, indent, head.length + 1)},\n`;
    })
    .join('');
}

/** A `name { … }` setting: on one line when short, else one entry per line. */
function block(name: string, entries: OhkEntry[], indent: string): string {
  const head = `${indent}${name} `;
  const one = inline({ kind: 'object', entries });
  if (head.length + one.length <= WIDTH) return `${head}${one}\n`;
  return `${head}{\n${writeEntries(entries, indent + '  ')}${indent}}\n`;
}

/** `// …` lines, wrapped at the page width; a comment never holds a line break. */
export function comment(textIn: string, indent: string): string {
  const flat = textIn.replace(/[\r\n\u2028\u2029]+/g, ' ');
  // Leading blanks are kept (aligned lists); continuation lines are indented two more.
  const lead = /^ */.exec(flat)![0];
  const words = flat.slice(lead.length).split(' ');
  const lines: string[] = [];
  let line = lead;
  for (const w of words) {
    if (line.trim() && indent.length + 3 + line.length + 1 + w.length > WIDTH) {
      lines.push(line);
      line = `${lead}  ${w}`;
    } else line = line.trim() ? `${line} ${w}` : `${line}${w}`;
  }
  if (line.trim()) lines.push(line);
  return lines.map((l) => `${indent}// ${l}`.trimEnd() + '\n').join('');
}

function writeOAuth(o: OhkOAuth): string {
  let out = '';
  for (const c of o.comments) out += comment(c, '');
  out += `oauth ${o.name} {\n`;
  const i = '  ';
  out += `${i}url ${inline(o.url)}\n`;
  if (o.method !== 'POST') out += `${i}method ${o.method}\n`;
  if (o.content) out += `${i}content ${o.content}\n`;
  if (o.headers.length > 0) out += block('headers', o.headers, i);
  if (o.data) out += block('data', o.data, i);
  out += '}\n';
  return out;
}

function writePrinter(p: OhkPrinter): string {
  const device = p.device ? `\n  device ${inline(p.device)}` : '';
  return `printer ${p.name} {\n  url ${inline(p.url)}\n  apiKey ${inline(p.apiKey)}${device}\n}\n`;
}

export function writeHook(h: OhkHook): string {
  const from = h.from && h.from.length > 0 ? ` from ${h.from.join(', ')}` : '';
  let out = `hook ${h.name} on ${h.triggers.join(', ')}${from} {\n`;
  const i = '  ';
  for (const c of h.comments) out += comment(c, i);
  if (!h.enabled) out += `${i}enabled false\n`;
  out += `${i}url ${inline(h.url)}\n`;
  if (h.method) out += `${i}method ${h.method}\n`;
  if (h.content) out += `${i}content ${h.content}\n`;
  if (h.oauth) out += `${i}oauth ${h.oauth}\n`;
  if (h.device) out += `${i}device ${inline(h.device)}\n`;
  if (h.secret) out += `${i}secret ${inline(h.secret)}\n`;
  if (h.cooldown) out += `${i}cooldown ${h.cooldown}\n`;
  if (h.headers.length > 0) out += block('headers', h.headers, i);
  if (h.data) out += block('data', h.data, i);
  if (h.messages.length > 0 || h.idleMessages.length > 0) {
    out += `${i}messages {\n`;
    for (const m of h.messages) out += `${i}  ${m.key} ${inline(m.value)}\n`;
    for (const m of h.idleMessages) out += `${i}  // ${m.replace(/[\r\n\u2028\u2029]+/g, ' ')}\n`;
    out += `${i}}\n`;
  }
  out += '}\n';
  return out;
}

export function writeOhk(file: OhkFile): string {
  let out = '';
  for (const c of file.header) out += comment(c, '');
  if (file.header.length > 0) out += '\n';
  if (file.device) out += `device ${inline(file.device)}\n`;
  if (file.secret) out += `secret ${inline(file.secret)}\n`;
  if (file.device || file.secret) out += '\n';
  for (const o of file.oauth) out += writeOAuth(o) + '\n';
  for (const p of file.printers ?? []) out += writePrinter(p);
  if (file.printers && file.printers.length > 0) out += '\n';
  out += file.hooks.map(writeHook).join('\n');
  return out;
}
