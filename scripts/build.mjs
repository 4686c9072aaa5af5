#!/usr/bin/env node
// Builds the package: first the schema tables (the expensive TypeScript-compiler work,
// done once here so `octohookc check` never pays for it), then a plain transpile of
// every TypeScript source into dist/ with the same layout. Type checking is `npm run typecheck`.
import { build } from 'esbuild';
import { readdirSync, statSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSchemaTables } from './gen-schema-tables.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const allDirs = ['grammar', 'compiler', 'runtime', 'schema', 'generated', 'simulator', 'tests', 'bench', 'scripts'];
// OCTOHOOK_OUT and OCTOHOOK_DIRS let several people build parts of the tree side by side
// (say, OCTOHOOK_OUT=dist-grammar OCTOHOOK_DIRS=grammar,compiler,tests/grammar).
const outDir = join(root, process.env.OCTOHOOK_OUT || 'dist');
const sourceDirs = process.env.OCTOHOOK_DIRS ? process.env.OCTOHOOK_DIRS.split(',') : allDirs;

if (existsSync(join(root, 'schema'))) generateSchemaTables(root);

function walk(dir, out) {
  if (!existsSync(dir)) return out;
  if (!statSync(dir).isDirectory()) {
    if (dir.endsWith('.ts') && !dir.endsWith('.d.ts')) out.push(dir);
    return out;
  }
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const entryPoints = sourceDirs.flatMap((d) => walk(join(root, d), []));
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
await build({
  entryPoints,
  outdir: outDir,
  outbase: root,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  bundle: false,
  logLevel: 'warning',
});
if (process.env.OCTOHOOK_BUILD_VERBOSE) console.log(`built ${entryPoints.length} files into ${relative(process.cwd(), outDir)}`);
