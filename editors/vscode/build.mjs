#!/usr/bin/env node
// Bundles the extension into one CommonJS file, dist/extension.js, as VS Code loads it.
// `vscode` is provided by the editor at run time and is never bundled.
//   node build.mjs               development build with a source map
//   node build.mjs --production  minified, for `vsce package`
//   node build.mjs --watch       rebuild on change
import { build, context } from 'esbuild';

const production = process.argv.includes('--production');
const options = {
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
};

if (process.argv.includes('--watch')) {
  const ctx = await context(options);
  await ctx.watch();
} else {
  await build(options);
}
