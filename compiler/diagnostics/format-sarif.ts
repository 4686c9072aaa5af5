// SARIF 2.1.0, for code-scanning uploads (GitHub and others). One run, one rule per code used.
import { catalogue } from './catalogue.js';
import type { Diagnostic } from './diagnostic.js';
import { docsUrl } from './docs-url.js';

const level = { error: 'error', warning: 'warning', info: 'note' } as const;

export function formatSarif(file: string, diagnostics: readonly Diagnostic[], version: string): string {
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const byCode = new Map(Object.entries(catalogue).map(([id, e]) => [e.code as string, { id, ...e }]));
  const rules = codes.map((code) => ({
    id: code,
    name: byCode.get(code)?.id ?? code,
    shortDescription: { text: byCode.get(code)?.message ?? code },
    helpUri: docsUrl(code),
  }));
  const results = diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: codes.indexOf(d.code),
    level: level[d.severity],
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: file },
          region: {
            startLine: d.range.start.line,
            startColumn: d.range.start.column,
            endLine: d.range.end.line,
            endColumn: d.range.end.column,
          },
        },
      },
    ],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'octohookc', version, informationUri: docsUrl(), rules } }, results }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
