// Helpers for the schema suites: where the project's files are (tests run from dist*/tests/…)
// and the generated tables as they were written to disk.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SchemaTables } from '../../compiler/schema/schema-types.js';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'schema'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('no project root (package.json with schema/) above the tests');
    dir = up;
  }
  return dir;
}

export const projectRoot = findRoot();
export const capturesDir = join(projectRoot, 'fixtures', 'octoprint-captures', 'samples');

/** Every `*.json` file of a captures folder, parsed, by file name. */
export function readJsonDir(dir: string): Array<{ file: string; data: unknown }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, data: JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown }));
}

/** The JSON body of a recorded HTTP request (`samples/webhooks/json/*.txt`). */
export function readHttpJsonBody(path: string): Record<string, unknown> {
  const text = readFileSync(path, 'utf8').replace(/\r\n/g, '\n');
  const at = text.indexOf('\n\n');
  if (at < 0) throw new Error(`${path}: no body`);
  return JSON.parse(text.slice(at + 2)) as Record<string, unknown>;
}

/** Parses a generated schema-tables.ts back into data. */
export function parseGeneratedTables(text: string): SchemaTables {
  const marker = 'export const schemaTables: SchemaTables = ';
  const at = text.indexOf(marker);
  if (at < 0) throw new Error('not a generated schema-tables file');
  const body = text.slice(at + marker.length).trim().replace(/;$/, '');
  return JSON.parse(body) as SchemaTables;
}

/** Imports scripts/gen-schema-tables.mjs (plain JavaScript, not part of the dist build). */
export interface GeneratorModule {
  generateSchemaTables(root: string, options?: { force?: boolean }): { skipped: boolean; outFile: string; hash: string; ms: number };
  buildSchemaTables(root: string): SchemaTables;
  schemaInputsHash(root: string): string;
}

export async function loadGenerator(): Promise<GeneratorModule> {
  const url = pathToFileURL(join(projectRoot, 'scripts', 'gen-schema-tables.mjs'));
  return (await import(url.href)) as GeneratorModule;
}
