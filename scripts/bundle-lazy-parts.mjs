// esbuild plugins that keep what the `--bundle` daemon does not need before its first log line
// out of its start (scripts/build.mjs; measured in docs/performance.md, cold start). Node
// compiles and runs a built-in module when it is first required (crypto, zlib, http, v8 each
// cost milliseconds), and V8 parses every function of the bundle's text when it loads the file,
// even one that never runs: undici is two thirds of that text. So:
// - Node's modules become objects whose properties require the module on first use;
// - undici is built apart, into one CommonJS text stored brotli-compressed, and compiled only
//   when the daemon first asks for a part of it (it logs in to OctoPrint).
// tests/bundle/bundle-start.test.ts checks that none of these load before the first log line.
import { builtinModules, createRequire } from 'node:module';
import { brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { build } from 'esbuild';

const requireHere = createRequire(import.meta.url);
const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).toString('base64');

/**
 * A static import names what it wants from a module, and Node checks every name while it
 * links the file, before any of it runs: `import { crc32 } from 'node:zlib'` kills the bundle
 * on Node 20.11 before its version check (runtime/cli/require-node-version.ts) could say why.
 * So Node's own modules are reached through require(), which is looked at only when the code
 * runs, after the check, and only when a property of the module is first read. The names are
 * the module's on the Node that builds; the version check refuses a Node older than the
 * runtime needs, which has them all.
 */
export const lazyBuiltins = {
  name: 'octohook-lazy-builtins',
  setup(b) {
    const builtins = new Set(builtinModules);
    b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      if (!args.path.startsWith('node:') && !builtins.has(args.path)) return undefined;
      if (args.kind === 'require-call') return { path: args.path, external: true };
      return { path: args.path, namespace: 'octohook-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'octohook-builtin' }, (args) => {
      const names = Object.keys(requireHere(args.path)).filter((name) => name !== 'default');
      return {
        contents: `let m\nconst load = () => (m ??= require(${JSON.stringify(args.path)}))\nfor (const name of ${JSON.stringify(names)}) Object.defineProperty(module.exports, name, { enumerable: true, get: () => load()[name] })\n`,
        loader: 'js',
      };
    });
  },
};

/** undici's HTTP parser (llhttp as WebAssembly, 72 KiB twice: with and without SIMD), brotli-compressed (20 KiB each). */
const packedLlhttp = {
  name: 'octohook-packed-llhttp',
  setup(b) {
    b.onLoad({ filter: /[\\/]undici[\\/]lib[\\/]llhttp[\\/]llhttp(_simd)?-wasm\.js$/ }, (args) => ({
      contents: `'use strict'\nconst { brotliDecompressSync } = require('node:zlib')\nlet wasm\nObject.defineProperty(module, 'exports', { get: () => (wasm ??= brotliDecompressSync(Buffer.from('${brotli(requireHere(args.path))}', 'base64'))) })\n`,
      loader: 'js',
    }));
  },
};

/**
 * node:http2, for undici's client-h2.js: a module that throws, which undici's own fallback for a
 * Node without http2 catches. The daemon's Agent leaves `allowH2` off (runtime/http/send-request.ts),
 * so HTTP/2 is never negotiated and that code never runs; loading node:http2 (with the node:tls it
 * requires) would cost about 1 MiB of RSS in every daemon (docs/performance.md, sixth pass).
 */
const noHttp2 = {
  name: 'octohook-no-http2',
  setup(b) {
    b.onResolve({ filter: /^node:http2$/ }, (args) => ({ path: args.path, namespace: 'octohook-no-http2' }));
    b.onLoad({ filter: /.*/, namespace: 'octohook-no-http2' }, () => ({
      contents: `throw new Error('node:http2 is left out of the bundle: the daemon speaks HTTP/1.1 (allowH2 off)')\n`,
      loader: 'js',
    }));
  },
};

/**
 * `undici`, for the runtime's imports (the sources under `root`/runtime): the parts in `slimEntry`
 * (scripts/undici-for-bundle.cjs, relative to `root`),
 * bundled and minified into one CommonJS text, brotli-compressed, and compiled (vm.compileFunction)
 * when one of its exports is first read. `beforeLoad` is code run just before that (the
 * bundle's V8 flags for WebAssembly, which must be set before llhttp is compiled).
 */
export function packedUndici({ root, slimEntry, beforeLoad }) {
  return {
    name: 'octohook-packed-undici',
    setup(b) {
      b.onResolve({ filter: /^undici$/ }, (args) => (args.importer.startsWith(join(root, 'runtime')) ? { path: slimEntry, namespace: 'octohook-packed-undici' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'octohook-packed-undici' }, async (args) => {
        const built = await build({
          entryPoints: [join(root, args.path)],
          bundle: true,
          write: false,
          format: 'cjs',
          platform: 'node',
          target: 'node20',
          minify: true,
          legalComments: 'none',
          plugins: [packedLlhttp, noHttp2],
          logLevel: 'warning',
        });
        const names = Object.keys(requireHere(join(root, args.path)));
        return {
          contents: `'use strict'
let undici
function load () {
  if (undici) return undici
  ${beforeLoad}
  const text = require('node:zlib').brotliDecompressSync(Buffer.from('${brotli(built.outputFiles[0].contents)}', 'base64')).toString('utf8')
  const run = require('node:vm').compileFunction(text, ['exports', 'require', 'module'], { filename: 'octohook-undici.cjs' })
  const m = { exports: {} }
  run(m.exports, require, m)
  return (undici = m.exports)
}
for (const name of ${JSON.stringify(names)}) Object.defineProperty(module.exports, name, { enumerable: true, get: () => load()[name] })
`,
          loader: 'js',
        };
      });
    },
  };
}
