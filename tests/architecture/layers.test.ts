// The layers import downwards only: schema/ ← language/ ← grammar/ ← compiler/, and the
// runtime reads the schema types and the compiled-module contract. An import the other way
// (the grammar reaching into the compiler's diagnostics, say) makes a cycle between layers;
// the runtime reaching into the compiler would put the compiler into the one-file bundle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { projectRoot } from '../support/project-root.js';

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|js)$/.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.bundle.js')) out.push(p);
  }
  return out;
}

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')` (a dynamic import,
// or a type written as `typeof import('…')`), with a relative path.
const IMPORT = /(?:(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*|(?:^|\n)\s*import\s*|\bimport\(\s*)['"`](\.[^'"`]+)['"`]/g;

/** Every project file the files of `text` import, as repository paths, from `file`. */
function importsIn(file: string, text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => normalize(join(dirname(file), m[1])));
}

/** Every project file `layer` imports, as repository paths, with the importing file. */
function importsOf(layer: string): Array<{ from: string; to: string }> {
  return sources(join(projectRoot, layer)).flatMap((file) => {
    const from = relative(projectRoot, file);
    return importsIn(from, readFileSync(file, 'utf8')).map((to) => ({ from, to }));
  });
}

function outside(layer: string, allowed: (to: string, from: string) => boolean): string[] {
  return importsOf(layer).filter((i) => !allowed(i.to, i.from)).map((i) => `${i.from} imports ${i.to}`);
}

const under = (...dirs: string[]) => (to: string) => dirs.some((d) => to.startsWith(`${d}/`));

/**
 * What the compiler may import from runtime/: the contract of the modules it emits, and the
 * pure functions the checker and the daemon both apply so they agree (runtime/common/).
 */
const CONTRACT = (path: string) => path.replace(/\.[jt]s$/, '') === 'runtime/compiled-module' || path.startsWith('runtime/common/');

/** The compiler's folders that may import any of runtime/, and why. */
const COMPILER_USES_RUNTIME: Record<string, string> = {
  'compiler/cli/':
    'the two programs: octohookc and the octohook entry (octohook.ts, the daemon\'s command line handed the compiler) share the runtime\'s program plumbing (run-program, package facts, file error reasons, coded errors), and `build --bundle` appends to the daemon\'s template',
  'compiler/test-event/': '`octohookc test` sends one event with the daemon\'s own request preparation, signing and delivery, so a test sends what the daemon would',
};

test('the import pattern sees static, re-exported, bare and dynamic imports', () => {
  const text = [
    "import { a } from '../compiler/a.js';",
    "import type { B } from './b.js';",
    "export { c } from '../grammar/c.js';",
    "import '../language/d.js';",
    "const e = await import('../compiler/e.js');",
    'type F = typeof import(`./f.js`);',
    "const g = 'import x from \"./not-a-path\"';",
  ].join('\n');
  assert.equal(importsIn('runtime/x.ts', text), ['compiler/a.js', 'runtime/b.js', 'grammar/c.js', 'language/d.js', 'compiler/e.js', 'runtime/f.js']);
});

test('schema/ imports only itself', () => {
  assert.equal(outside('schema', under('schema')), []);
});

test('language/ imports only itself and schema/', () => {
  assert.ok(importsOf('language').length > 0);
  assert.equal(outside('language', under('language', 'schema')), []);
});

test('grammar/ imports only itself, language/ and schema/', () => {
  assert.ok(importsOf('grammar').some((i) => i.to.startsWith('language/')));
  assert.equal(outside('grammar', under('grammar', 'language', 'schema')), []);
});

test('runtime/ imports only itself and the schema types: no compiler, grammar or language', () => {
  assert.ok(importsOf('runtime').some((i) => i.to.startsWith('schema/')));
  assert.equal(outside('runtime', under('runtime', 'schema')), []);
});

test('the contract files import nothing but each other', () => {
  const contract = importsOf('runtime').filter((i) => CONTRACT(i.from));
  assert.equal(contract.filter((i) => !CONTRACT(i.to)).map((i) => `${i.from} imports ${i.to}`), []);
});

test('compiler/ imports from runtime/ only the contract files (but for the programs, listed with why)', () => {
  const exempt = (from: string) => Object.keys(COMPILER_USES_RUNTIME).some((dir) => from.startsWith(dir));
  assert.ok(importsOf('compiler').some((i) => CONTRACT(i.to) && !exempt(i.from)));
  assert.equal(outside('compiler', (to, from) => !to.startsWith('runtime/') || CONTRACT(to) || exempt(from)), []);
  // Each exemption is still needed; one that is not is taken off the list.
  for (const dir of Object.keys(COMPILER_USES_RUNTIME)) {
    assert.ok(importsOf('compiler').some((i) => i.from.startsWith(dir) && i.to.startsWith('runtime/') && !CONTRACT(i.to)), `${dir} no longer needs its exemption`);
  }
});

test.run();
