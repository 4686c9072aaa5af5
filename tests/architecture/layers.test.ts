// The layers import downwards only: schema/ ← language/ ← grammar/ ← compiler/, and the
// runtime reads the schema types and the compiled-module contract. An import the other way
// (the grammar reaching into the compiler's diagnostics, say) makes a cycle between layers.
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

/** Every project file `layer` imports, as repository paths, with the importing file. */
function importsOf(layer: string): Array<{ from: string; to: string }> {
  const out: Array<{ from: string; to: string }> = [];
  for (const file of sources(join(projectRoot, layer))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]/g)) {
      out.push({ from: relative(projectRoot, file), to: normalize(relative(projectRoot, join(dirname(file), m[1]))) });
    }
  }
  return out;
}

function outside(layer: string, allowed: (to: string) => boolean): string[] {
  return importsOf(layer).filter((i) => !allowed(i.to)).map((i) => `${i.from} imports ${i.to}`);
}

const under = (...dirs: string[]) => (to: string) => dirs.some((d) => to.startsWith(`${d}/`));

test('language/ imports only itself and schema/', () => {
  assert.ok(importsOf('language').length > 0);
  assert.equal(outside('language', under('language', 'schema')), []);
});

test('grammar/ imports only itself, language/ and schema/', () => {
  assert.ok(importsOf('grammar').some((i) => i.to.startsWith('language/')));
  assert.equal(outside('grammar', under('grammar', 'language', 'schema')), []);
});

test('runtime/ does not import the language, the grammar or the checker', () => {
  // `octohookc test` builds its sample event from the schema tables the checker also reads.
  const sampleData = (i: string) => i.startsWith('runtime/test-event/sample-data.ts ');
  assert.equal(outside('runtime', under('runtime', 'schema')).filter((i) => !sampleData(i) && !/ imports runtime\//.test(i)), []);
  assert.equal(outside('runtime', (to) => !to.startsWith('language/') && !to.startsWith('grammar/')), []);
});

test.run();
