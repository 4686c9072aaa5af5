// Keeps docs/language.md true. The reference's examples are compiled here:
// (a) every catalogue code has exactly one `### OHxxxx` entry under "## Diagnostics", and no
//     entry names a code the catalogue lacks; each entry names its catalogue id, severity and
//     message as the catalogue has them;
// (b) the first ```ohk block of each entry, compiled, yields that code (later blocks in an
//     entry are the fixed version and must compile without errors);
// (c) every ```ohk block outside the Diagnostics section compiles without errors;
// (d) the lists the reference spells out (roots, filters, events) match the tables the
//     compiler uses;
// (e) every setting of the settings table is in its block's section, each with the table's
//     default where the section has a `| setting | value | default |` table.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../compiler/compile.js';
import { catalogue, type DiagnosticId } from '../../language/catalogue.js';
import type { Diagnostic } from '../../language/diagnostic.js';
import { filters } from '../../compiler/filters/filter-table.js';
import { schemaTables } from '../../compiler/schema/tables.js';
import { pluginTriggers } from '../../language/plugin-triggers.js';
import { parser } from '../../grammar/parser.js';
import { settingsOf, type SettingsBlock } from '../../language/settings-table.js';
import { projectRoot } from '../support/project-root.js';

interface Block {
  lang: string;
  text: string;
  /** 1-based line of the opening fence. */
  line: number;
}

interface OpenFence {
  lang: string;
  line: number;
  lines: string[];
}

interface Section {
  level: number;
  title: string;
  line: number;
  /** The section's own text, up to the next heading of any level. */
  body: string;
  blocks: Block[];
}

/** Splits markdown into heading-delimited sections; fenced code never starts a heading. */
function sections(markdown: string): Section[] {
  const out: Section[] = [{ level: 0, title: '', line: 1, body: '', blocks: [] }];
  const lines = markdown.split(/\r?\n/);
  let fence: OpenFence | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const current = out[out.length - 1];
    if (fence) {
      if (/^```\s*$/.test(line)) {
        current.blocks.push({ lang: fence.lang, text: fence.lines.join('\n'), line: fence.line });
        fence = undefined;
      } else {
        fence.lines.push(line);
      }
      current.body += line + '\n';
      continue;
    }
    const open = /^```(\S*)\s*$/.exec(line);
    if (open) {
      fence = { lang: open[1], line: i + 1, lines: [] };
      current.body += line + '\n';
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (heading) {
      out.push({ level: heading[1].length, title: heading[2], line: i + 1, body: '', blocks: [] });
      continue;
    }
    current.body += line + '\n';
  }
  assert.not.ok(fence, `unclosed code fence opened on line ${fence?.line}`);
  return out;
}

const docPath = join(projectRoot, 'docs', 'language.md');
const doc = readFileSync(docPath, 'utf8');
const all = sections(doc);

const diagnosticsIndex = all.findIndex((s) => s.level === 2 && s.title === 'Diagnostics');
// The Diagnostics section runs to the next level-1 or level-2 heading.
let diagnosticsEnd = all.length;
for (let i = diagnosticsIndex + 1; diagnosticsIndex >= 0 && i < all.length; i++) {
  if (all[i].level <= 2) {
    diagnosticsEnd = i;
    break;
  }
}
const inDiagnostics = (i: number) => diagnosticsIndex >= 0 && i >= diagnosticsIndex && i < diagnosticsEnd;
const codeSections = all.filter((s, i) => inDiagnostics(i) && s.level === 3);

const byCode = new Map<string, DiagnosticId>();
for (const id of Object.keys(catalogue) as DiagnosticId[]) byCode.set(catalogue[id].code, id);

/** OH1001: the example shows U+FFFD where the file has the byte 0xFF. */
const invalidByteMarker = '\uFFFD';

/**
 * Codes the checker does not report yet although the catalogue has them. Their entries say
 * so; these tests fail as soon as the code does appear, so that the entry and this list are
 * updated together.
 */
const notYetReported = new Set<string>();

function codesOf(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`);
}

function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error');
}

function bytesWithInvalidByte(text: string): Uint8Array {
  const parts = text.split(invalidByteMarker).map((p) => new TextEncoder().encode(p));
  const out: number[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(0xff);
    out.push(...p);
  });
  return Uint8Array.from(out);
}

/** Compiles while the parser is made to fail, the only way OH1098 can appear. */
function compileWithFailingParser(text: string): Diagnostic[] {
  const target = parser as unknown as Record<string, unknown>;
  target.parseItem = () => {
    throw new Error('simulated parser failure');
  };
  try {
    return compile(text).diagnostics;
  } finally {
    delete target.parseItem;
  }
}

// ---------------------------------------------------------------- (a) one entry per code

test('the reference has a Diagnostics section', () => {
  assert.ok(diagnosticsIndex >= 0, "docs/language.md has no '## Diagnostics' heading");
  assert.ok(codeSections.length > 0, 'the Diagnostics section has no entries');
});

test('every catalogue code has an entry, and every entry heading is a catalogue code', () => {
  const headings = codeSections.map((s) => s.title);
  const malformed = headings.filter((h) => !/^OH\d{4}$/.test(h));
  assert.equal(malformed, [], 'entry headings must be exactly `### OHxxxx`');
  const seen = new Set<string>();
  const repeated = headings.filter((h) => (seen.has(h) ? true : (seen.add(h), false)));
  assert.equal(repeated, [], 'codes with more than one entry');
  const unknown = headings.filter((h) => !byCode.has(h));
  assert.equal(unknown, [], 'entries for codes the catalogue lacks');
  const missing = [...byCode.keys()].filter((c) => !seen.has(c));
  assert.equal(missing, [], 'catalogue codes without an entry');
});

for (const section of codeSections) {
  const id = byCode.get(section.title);
  if (!id) continue;
  const entry = catalogue[id];
  test(`${section.title} names its id, severity and message`, () => {
    assert.ok(section.body.includes(`\`${id}\``), `${section.title}: the entry must name the catalogue id \`${id}\``);
    assert.ok(new RegExp(`\\b${entry.severity}\\b`).test(section.body), `${section.title}: the entry must say it is ${entry.severity === 'info' ? 'an' : 'a'} ${entry.severity}`);
    assert.ok(section.body.includes(`\`${entry.message}\``), `${section.title}: the entry must quote the catalogue message \`${entry.message}\``);
  });
}

// ---------------------------------------------------------------- (b) each entry's example

for (const section of codeSections) {
  const code = section.title;
  if (!byCode.has(code)) continue;
  const examples = section.blocks.filter((b) => b.lang === 'ohk');
  test(`${code}: the first example produces ${code}`, () => {
    const example = examples[0];
    assert.ok(example, `${code} (line ${section.line}) has no \`\`\`ohk example`);
    let diagnostics: Diagnostic[];
    if (code === 'OH1001') {
      assert.ok(example.text.includes(invalidByteMarker), `the OH1001 example must contain ${invalidByteMarker} to stand for the invalid byte`);
      diagnostics = compile(bytesWithInvalidByte(example.text)).diagnostics;
    } else if (code === 'OH1098') {
      assert.equal(codesOf(errorsOf(compile(example.text).diagnostics)), [], 'the OH1098 example itself must be a valid file');
      diagnostics = compileWithFailingParser(example.text);
    } else {
      diagnostics = compile(example.text).diagnostics;
    }
    const produced = diagnostics.some((d) => d.code === code);
    if (notYetReported.has(code)) {
      assert.not.ok(produced, `${code} is reported now: remove it from notYetReported and the "Known issue" note in its entry`);
      return;
    }
    assert.ok(produced, `${code} example (line ${example.line}) gave: ${JSON.stringify(codesOf(diagnostics))}`);
  });
  examples.slice(1).forEach((fixed, i) => {
    test(`${code}: fixed example ${i + 1} compiles without errors`, () => {
      const errors = errorsOf(compile(fixed.text).diagnostics);
      assert.equal(codesOf(errors), [], `${code} fixed example (line ${fixed.line})`);
    });
  });
}

// ---------------------------------------------------------------- (c) every other example

all.forEach((section, index) => {
  if (inDiagnostics(index)) return;
  for (const block of section.blocks) {
    if (block.lang !== 'ohk') continue;
    test(`example on line ${block.line} (${section.title || 'intro'}) compiles without errors`, () => {
      const result = compile(block.text, { emit: true });
      assert.equal(codesOf(errorsOf(result.diagnostics)), [], `example on line ${block.line}`);
      assert.type(result.code, 'string', 'an error-free example must also emit a module');
    });
  }
});

test('the complete example is examples/hooks.ohk, verbatim', () => {
  const example = all.find((s) => s.title === 'A complete example')?.blocks.find((b) => b.lang === 'ohk');
  assert.ok(example, "no ohk block under '## A complete example'");
  const file = readFileSync(join(projectRoot, 'examples', 'hooks.ohk'), 'utf8').replace(/\r\n/g, '\n').replace(/\n+$/, '');
  assert.fixture(example.text, file);
});

// ---------------------------------------------------------------- (d) lists match the compiler

function sectionText(title: string, level: number): string {
  const start = all.findIndex((s) => s.level === level && s.title === title);
  assert.ok(start >= 0, `no '${'#'.repeat(level)} ${title}' heading`);
  let text = all[start].body;
  for (let i = start + 1; i < all.length && all[i].level > level; i++) text += all[i].title + '\n' + all[i].body;
  return text;
}

test('every parameter root has an entry under Roots', () => {
  const headings = new Set(all.filter((s) => s.level === 4).map((s) => s.title));
  const missing = [...Object.keys(schemaTables.roots), 'env'].filter((r) => !headings.has(`@${r}`));
  assert.equal(missing, [], 'roots without a `#### @root` entry');
  const stale = [...headings].filter((h) => h.startsWith('@') && !/\s/.test(h) && !(h.slice(1) in schemaTables.roots) && h !== '@env');
  assert.equal(stale, [], 'entries for roots the schema lacks');
});

test('every filter is in the Filters table, with its arguments', () => {
  const text = sectionText('Filters', 2);
  const rows = new Map<string, string>();
  for (const m of text.matchAll(/^\| `([a-z]+)` \|(.*)$/gm)) rows.set(m[1], m[2]);
  assert.equal([...rows.keys()].sort(), Object.keys(filters).sort(), 'filter table rows');
  for (const [name, spec] of Object.entries(filters)) {
    const row = rows.get(name) ?? '';
    const argText = row.split('|')[2] ?? '';
    if (spec.args.length === 0) assert.ok(argText.includes('—'), `${name} takes no arguments`);
    else assert.ok(!argText.includes('—'), `${name} takes arguments: ${spec.signature}`);
    for (const arg of spec.args) {
      if (arg.min !== undefined) assert.ok(argText.includes(`${arg.min}–${arg.max}`), `${name}: its argument range ${arg.min}–${arg.max}`);
    }
  }
});

test('every trigger the checker knows is in the Triggers section, and no other', () => {
  const text = sectionText('Triggers', 2);
  const listed = new Set([...text.matchAll(/^\| `([A-Za-z_]+)(?: every N%)?`/gm)].map((m) => m[1]));
  const known = Object.keys(schemaTables.events);
  const missing = known.filter((e) => !listed.has(e));
  assert.equal(missing, [], 'triggers missing from the tables');
  const stale = [...listed].filter((e) => !known.includes(e));
  assert.equal(stale, [], 'table rows for names the schema lacks');
});

test('the seven plugin triggers show their exact topics and default messages', () => {
  const text = sectionText('The plugin\'s seven', 3);
  for (const [name, t] of Object.entries(pluginTriggers)) {
    const row = text.split('\n').find((l) => l.startsWith(`| \`${name}`));
    assert.ok(row, `no row for ${name}`);
    const cells = row.split('|').map((c) => c.trim());
    assert.is(cells[2], t.topic, `${name}: @topic`);
    assert.is(cells[3], t.message, `${name}: default message`);
  }
});

/** The section each block's settings are documented in. */
const settingSections: Record<SettingsBlock, string> = {
  top: 'File structure',
  hook: 'Hooks',
  oauth: 'oauth blocks',
  octoprint: 'octoprint',
  printer: 'Printers (a print farm)',
  webcam: 'webcam',
  snapshot: 'webcam',
  retry: 'retry',
  status: 'status',
};

/** The rows of the section's `| setting | … |` or `| form | … |` table, by the name in backquotes that starts their first cell. */
function tableRows(body: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  let inTable = false;
  for (const line of body.split('\n')) {
    if (/^\| (setting|form) \|/.test(line)) inTable = true;
    else if (!line.startsWith('|')) inTable = false;
    if (!inTable) continue;
    const cells = /^\|(.*)\|\s*$/.exec(line)?.[1].split(' | ').map((c) => c.trim());
    const name = cells && /^`([\w]+)/.exec(cells[0])?.[1];
    if (cells && name && !rows.has(name)) rows.set(name, cells);
  }
  return rows;
}

for (const block of Object.keys(settingSections) as SettingsBlock[]) {
  test(`(e) the ${block} settings are documented, with the table's defaults`, () => {
    const section = all.find((s) => s.title === settingSections[block] && s.level >= 2 && !inDiagnostics(all.indexOf(s)));
    assert.ok(section, `a section '${settingSections[block]}'`);
    const rows = tableRows(section.body);
    for (const spec of settingsOf(block)) {
      // The hook's snapshot block shares webcam's table; its address is `url` there.
      const name = block === 'snapshot' && spec.name === 'url' ? 'snapshot' : spec.name;
      assert.ok(section.body.includes(`\`${name}`) || section.body.includes(`${name} `), `${block}.${name} is mentioned in '${section.title}'`);
      const row = rows.get(name);
      if (rows.size > 0 && block !== 'top') {
        assert.ok(row, `${block}.${name} has a row in the table of '${section.title}'`);
        if (name !== spec.name) continue;
        assert.ok(row[row.length - 1].includes(spec.defaultText), `${block}.${name}: the default '${row[row.length - 1]}' says ${spec.defaultText}`);
      } else if (row && row.join(' ').includes('(default ')) {
        assert.ok(row.join(' ').includes(spec.defaultText), `${block}.${name}: the row says ${spec.defaultText}`);
      } else if (block === 'octoprint' && spec.defaultText !== 'none') {
        assert.ok(section.body.includes(spec.defaultText.replace(/`/g, '')), `${block}.${name}: '${section.title}' gives its default ${spec.defaultText}`);
      }
    }
  });
}

test.run();
