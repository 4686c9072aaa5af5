// SARIF 2.1.0, for code-scanning uploads (GitHub and others). One run, one rule per code used.
//
// The log is read on another machine (a code-scanning service, a colleague's viewer), so it
// holds no path or link of this one: the file is a URI relative to %SRCROOT%, the folder
// `octohookc check` ran in (in CI, the checkout), and %SRCROOT% itself is left unresolved
// (code scanning resolves it to the repository). The rules carry no helpUri: the LSP's links
// to the language reference are file URLs into the installed package (compiler/diagnostics/
// docs-url.ts), which mean nothing elsewhere; the help text names the reference's section.
import { relative, resolve, sep } from 'node:path';
import { catalogue } from '../../language/catalogue.js';
import type { Diagnostic } from '../../language/diagnostic.js';
import type { Range } from '../../language/range.js';

const level = { error: 'error', warning: 'warning', info: 'note' } as const;

export const SRCROOT = '%SRCROOT%';

/** `file` as a relative URI reference from `baseDir` (forward slashes, each segment percent-encoded). */
export function sarifArtifactUri(file: string, baseDir: string): string {
  return relative(baseDir, resolve(baseDir, file)).split(sep).map(encodeURIComponent).join('/');
}

function region(r: Range) {
  return { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column };
}

/** `baseDir`: the folder %SRCROOT% stands for (where `octohookc check` ran). */
export function formatSarif(file: string, diagnostics: readonly Diagnostic[], version: string, baseDir: string): string {
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const byCode = new Map(Object.entries(catalogue).map(([id, e]) => [e.code as string, { id, ...e }]));
  const rules = codes.map((code) => ({
    id: code,
    name: byCode.get(code)?.id ?? code,
    shortDescription: { text: byCode.get(code)?.message ?? code },
    help: { text: `Explained, with an example and the fix, under ${code} in docs/language.md of octohook ${version}.` },
  }));
  const artifactLocation = { uri: sarifArtifactUri(file, baseDir), uriBaseId: SRCROOT };
  const results = diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: codes.indexOf(d.code),
    level: level[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: { artifactLocation, region: region(d.range) } }],
    ...(d.related?.length
      ? { relatedLocations: d.related.map((r, id) => ({ id, physicalLocation: { artifactLocation, region: region(r.range) }, message: { text: r.message } })) }
      : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'octohookc', version, rules } },
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The folder octohookc check ran in (in CI, the repository checkout).' } } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
