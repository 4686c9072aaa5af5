#!/usr/bin/env node
// Builds the package: first the schema tables (the expensive TypeScript-compiler work,
// done once here so `octohookc check` never pays for it) and the source text of the
// functions compiled modules carry (scripts/gen-emitted-source.mjs), then a plain transpile of
// every TypeScript source into dist/ with the same layout. Type checking is `npm run typecheck`.
import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSchemaTables } from './gen-schema-tables.mjs';
import { generateEmittedSource } from './gen-emitted-source.mjs';
import { lazyBuiltins, packedUndici } from './bundle-lazy-parts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const allDirs = ['language', 'grammar', 'compiler', 'runtime', 'schema', 'generated', 'simulator', 'tests', 'bench', 'scripts'];
// OCTOHOOK_OUT and OCTOHOOK_DIRS let several people build parts of the tree side by side
// (say, OCTOHOOK_OUT=dist-grammar OCTOHOOK_DIRS=grammar,compiler,tests/grammar).
const outDir = join(root, process.env.OCTOHOOK_OUT || 'dist');
const sourceDirs = process.env.OCTOHOOK_DIRS ? process.env.OCTOHOOK_DIRS.split(',') : allDirs;

if (existsSync(join(root, 'schema'))) generateSchemaTables(root);
await generateEmittedSource(root);

// package.json is the one place the version and the supported Node versions are written;
// runtime/package-facts.ts reads them from here, in every build (bundles included).
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const define = {
  OCTOHOOK_PACKAGE_VERSION: JSON.stringify(pkg.version),
  OCTOHOOK_NODE_ENGINES: JSON.stringify(pkg.engines?.node ?? '*'),
};

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
  define,
  logLevel: 'warning',
});
if (process.env.OCTOHOOK_BUILD_VERBOSE) console.log(`built ${entryPoints.length} files into ${relative(process.cwd(), outDir)}`);

// The command-line programs are also bundled into one file each. Loading chevrotain's
// dependency tree module by module costs ~400 ms on this machine (more on a Pi); one
// bundled file loads in a fraction of that, which is what keeps `octohookc check` cold
// under its 300 ms budget. They sit at the same depth as their sources so relative
// paths (package.json, docs/) resolve the same way.
// The Node version check is one file of its own too: bin/*.js import it before either program,
// so it must load without them.
// `octohook` is the daemon, started as the `--bundle` file is (below: Node's modules and undici
// loaded on first use), and its compiler is a file of its own, imported only for a .ohk file:
// `octohook run hooks.mjs` never reads it (docs/performance.md, cold start).
const bundleV8Flags = ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering', '--optimize-for-size', '--no-sparkplug', '--no-maglev', '--incremental-marking-soft-trigger=20', '--incremental-marking-hard-trigger=20'];
const lazyUndici = () =>
  packedUndici({
    root,
    slimEntry: 'scripts/undici-for-bundle.cjs',
    beforeLoad: `require('node:v8').setFlagsFromString(${JSON.stringify(bundleV8Flags.join(' '))})`,
  });
const compilerApart = {
  name: 'octohook-compiler-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/module-from-source\.js$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './octohook-compiler.bundle.js', external: true } : undefined));
  },
};
const programs = [
  ['compiler/cli/octohookc.ts', 'compiler/cli/octohookc.bundle.js', []],
  ['compiler/cli/octohook.ts', 'compiler/cli/octohook.bundle.js', [compilerApart, lazyUndici(), lazyBuiltins]],
  ['compiler/cli/module-from-source.ts', 'compiler/cli/octohook-compiler.bundle.js', []],
  ['runtime/cli/require-node-version.ts', 'runtime/cli/require-node-version.bundle.js', []],
];
if (!process.env.OCTOHOOK_DIRS) {
  for (const [entry, out, plugins] of programs) {
    if (!existsSync(join(root, entry))) continue;
    await build({
      entryPoints: [join(root, entry)],
      outfile: join(outDir, out),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      minifySyntax: true,
      define,
      // @napi-rs/image is a native, optional dependency: loaded at run time when present.
      external: ['@napi-rs/image', '@napi-rs/image-*'],
      plugins,
      // Bundled CommonJS dependencies still call require(); give the ESM bundle one.
      banner: { js: "import { createRequire as __octohookRequire } from 'node:module'; const require = __octohookRequire(import.meta.url);" },
      logLevel: 'warning',
    });
  }
}

// The template of `octohookc build --bundle`: the daemon (runtime/cli/standalone.ts) in one
// minified file with its source map, built here once so the compiler needs no bundler at run
// time: --bundle appends the compiled hooks to it (compiler/cli/write-bundle.ts). It holds no
// compiler: the runtime imports none (tests/architecture/layers.test.ts); `octohook run
// FILE.ohk` is handed the compiler by its entry, compiler/cli/octohook.ts.
//
// What keeps that file small (tests/bundle/bundle-size.test.ts holds it under 400 KB) and
// quick to start (tests/bundle/bundle-start.test.ts), in scripts/bundle-lazy-parts.mjs:
// - `undici` resolves to scripts/undici-for-bundle.cjs, the parts of undici the daemon uses,
//   instead of undici's index, which loads all of it; those parts are one brotli-compressed
//   text, compiled when the daemon first makes a request;
// - undici's HTTP parser (llhttp as WebAssembly, in two builds: with and without SIMD) is
//   brotli-compressed too and decompressed, with node:zlib, when undici first asks for it;
// - Node's own modules load when the daemon first uses them.
//
// And the file sets V8 flags for itself (bundleV8Flags, above) before undici loads (WebAssembly flags are read when
// a module is compiled, so setting it at run time works; the heap's sizes, like
// --max-semi-space-size, are fixed when V8 starts and stay on the command line:
// deploy/octohook.service). Measured in docs/performance.md:
// - --liftoff-only: undici's HTTP parser (llhttp) is WebAssembly; V8 compiles it with its
//   baseline compiler and, once it is hot, again with its optimizing one, which takes about
//   35 MiB of memory for llhttp's one huge function right while the daemon connects. Parsing a
//   webhook's answer takes microseconds with the baseline code too (no change in bench:dispatch).
// - --optimize-for-size: V8 reads it whenever it sizes the old generation, so it works set here.
//   With it V8 grows the old generation in steps of 2 MB instead of 8 and keeps less room
//   above what is live: RSS after 10,000 deliveries 61.4 instead of 65.5 MiB paced, 67.7
//   instead of 71.7 in bursts of 500 (V8 committed 14 instead of 17.7 MiB, live 7.6 in both).
//   With --no-opt (deploy/octohook.service) there is no optimizing compiler for it to slow
//   down: CPU per delivery and throughput within the noise (docs/performance.md, fourth pass).
//   --heap-growing-percent did nothing here: the 8 MB minimum step, not the factor, set the room.
// - --incremental-marking-soft-trigger=20, --incremental-marking-hard-trigger=20: V8 starts
//   marking the old generation once it is 20 % of its limit, which right after a full GC it
//   already is (the limit is about twice what is live): so each marking begins as the last
//   ends, and the old generation is collected every 1-2 MiB of growth instead of when it has
//   about doubled (6.9 -> 14.2 MB, each cycle, at 1,200 deliveries a second). RSS through
//   10,000 paced deliveries stays at or below 57 MiB (peak) instead of a 57-63 MiB sawtooth;
//   CPU per delivery +5-10 %, idle CPU unchanged (docs/performance.md, sixth pass).
// - --no-wasm-tier-up, --no-wasm-dynamic-tiering: what --liftoff-only implies when given on the
//   command line. Set at run time, Node 24's V8 does not apply that implication and compiled
//   llhttp again with its optimizing compiler (a 15 MiB compile zone, in heaptrack), so they are
//   said outright; Node 20 is unchanged by them.
// - --no-maglev: Node 24's V8 has a second optimizing compiler, Maglev, which --no-opt does not
//   turn off; its compile zones peaked at 28 MiB of malloc'ed memory during deliveries, which
//   glibc kept. Node 20 has Maglev off already. Together on Node 24: RSS through 10,000 paced
//   deliveries peaks at 67 instead of 92 MiB (docs/performance.md, sixth pass).
// - --no-sparkplug: no baseline machine code (0.6 MiB of V8's code space once busy) with
//   --no-opt already leaving V8 no optimizing compiler; CPU per delivery within the noise.
const standaloneEntry = 'runtime/cli/standalone.ts';
if (!process.env.OCTOHOOK_DIRS && existsSync(join(root, standaloneEntry))) {
  await build({
    entryPoints: [join(root, standaloneEntry)],
    define,
    outfile: join(outDir, 'runtime/cli/octohook-standalone.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    sourcemap: 'external',
    sourcesContent: true,
    legalComments: 'none',
    external: ['@napi-rs/image', '@napi-rs/image-*'],
    plugins: [lazyUndici(), lazyBuiltins],
    // The one static import: its one name is in every Node.
    banner: { js: "import { createRequire as __octohookRequire } from 'node:module'; const require = __octohookRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}
