// How long the language server takes to re-check a 500-line file after a keystroke: parse,
// check and the conversion to LSP diagnostics (document-state.ts + to-lsp.ts), measured
// in-process, against a baseline measured in the same run (parse only), and once more over
// stdio as an editor sees it (didChange → publishDiagnostics with no debounce).
//
//   node dist/bench/lsp-recheck.js [--runs N] [--budget MS]
//
// Exits 1 when the median re-check is over the budget (default 30 ms).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseOhk } from '../grammar/index.js';
import { DocumentState } from '../compiler/lsp/document-state.js';
import { toLspDiagnostic } from '../compiler/lsp/to-lsp.js';
import { LspClient, testUri } from '../tests/support/lsp-client.js';
import { projectRoot } from '../tests/support/project-root.js';
import { median, percentile } from './support/stats.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const runs = option('--runs', 200);
const budgetMs = option('--budget', 30);

/** The design example's top, then its hooks again and again under new names, with some variety, up to 500 lines. */
function fiveHundredLines(): string {
  const example = readFileSync(join(projectRoot, 'examples/hooks.ohk'), 'utf8');
  const cut = example.indexOf('hook api');
  const head = example.slice(0, cut);
  const hooks = example.slice(cut);
  const extra = (i: number) =>
    `hook extra${i} on PrintStarted, PrintDone, PrintFailed, PrintResumed, ZChange {\n` +
    `  url "https://example.com/hooks/${i}?z=@{currentZ | round(2)}"\n` +
    `  data {\n    name: @extra.name,\n    took: "@{extra.time | duration | default('?')}",\n    why: @extra.reason,\n` +
    `    file: "@{job.file.name | upper | truncate(40)}",\n    state: @state.text,\n  }\n  cooldown 30s\n}\n`;
  let text = head;
  for (let i = 0; text.split('\n').length < 500; i++) {
    text += hooks.replace('hook api', `hook api${i}`).replace('hook discord', `hook discord${i}`) + '\n' + extra(i) + '\n';
  }
  return text.split('\n').slice(0, 500).join('\n') + '\n';
}

const p95 = (xs: number[]) => percentile(xs, 95);

function time(fn: () => void): number[] {
  for (let i = 0; i < 20; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

// The file cut at 500 lines ends inside a hook; close what is open so it is a real file.
let text = fiveHundredLines();
while ((text.match(/{/g) ?? []).length > (text.match(/}/g) ?? []).length) text += '}\n';
const lines = text.split('\n').length - 1;

const parseOnly = time(() => parseOhk(text));

// A keystroke: each run checks a new version whose text differs by one character.
const state = new DocumentState({ debounceMs: 0, publish: () => {} });
const uri = 'file:///bench/hooks.ohk';
let version = 0;
let diagnosticCount = 0;
const recheck = time(() => {
  version++;
  const doc = TextDocument.create(uri, 'octohook', version, version % 2 ? text : text.replace('Prusa MK3S', 'Prusa MK4S'));
  const a = state.analyze(doc);
  diagnosticCount = a.result.diagnostics.map((d) => toLspDiagnostic(d, uri)).length;
});

// Over the wire: the server's own process, didChange with a full text, until its diagnostics arrive.
const client = new LspClient();
await client.initialize({ debounceMs: 0 });
const wireUri = testUri('bench.ohk');
client.open(wireUri, text, 1);
await client.diagnostics(wireUri, 1);
const wire: number[] = [];
for (let v = 2; v < 2 + Math.min(runs, 100); v++) {
  const t = performance.now();
  client.change(wireUri, v % 2 ? text : text.replace('Prusa MK3S', 'Prusa MK4S'), v);
  await client.diagnostics(wireUri, v);
  wire.push(performance.now() - t);
}
await client.stop();

const m = median(recheck);
const base = median(parseOnly);
const f = (ms: number) => `${ms.toFixed(2)} ms`;
console.log(`file: ${lines} lines, ${(text.length / 1024).toFixed(1)} KiB, ${diagnosticCount} diagnostics; ${runs} runs each`);
console.log(`baseline, parse only:                         ${f(base)} per run (p95 ${f(p95(parseOnly))})`);
console.log(`re-check (parse + check + LSP diagnostics):   ${f(m)} per run (p95 ${f(p95(recheck))})`);
console.log(`over stdio, didChange → publishDiagnostics:   ${f(median(wire))} (p95 ${f(p95(wire))}), debounce 0`);
console.log(`budget ${budgetMs} ms per re-check: ${m <= budgetMs ? 'ok' : 'OVER BUDGET'}`);
console.log(`ratio: re-check / parse only = ${(m / base).toFixed(1)}x`);
if (m > budgetMs) process.exitCode = 1;
