// The functions compiled modules carry are emitted from their source text
// (compiler/phases/3-emit/render-helpers.js, compiler/filters/filter-functions.js), copied by
// the build into generated/emitted-source.ts; and that text works on its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { filters } from '../../compiler/filters/filter-table.js';
import { emittedSource, helperSource } from '../../compiler/phases/3-emit/emitted-source.js';
import { emitted as h } from '../support/emitted-functions.js';
import { projectRoot } from '../support/project-root.js';

const t = suite('emitted source text');
const sourceFiles = ['compiler/phases/3-emit/render-helpers.js', 'compiler/phases/3-emit/condition-helpers.js', 'compiler/filters/filter-functions.js'];

t('each emitted text is its function exactly as written in the source files, and every function there is emitted', () => {
  const texts = sourceFiles.map((f) => readFileSync(join(projectRoot, f), 'utf8'));
  const declared = texts.flatMap((text) => [...text.matchAll(/^export function (\$\w+)\(/gm)].map((m) => m[1]));
  assert.equal(Object.keys(emittedSource).sort(), [...declared].sort());
  for (const [name, text] of Object.entries(emittedSource)) {
    assert.ok(text.startsWith(`function ${name}(`) && text.endsWith('\n}'), `${name} is a whole function declaration`);
    assert.is(texts.filter((file) => file.includes(`\nexport ${text}\n`)).length, 1, `${name}'s text is in one source file, verbatim`);
  }
});

t('the emitter has text for every helper and filter it can name; printable ASCII only', () => {
  for (const name of ['$g', '$v', '$t', '$u', ...Object.keys(filters).map((f) => '$' + f)]) {
    assert.ok(/^[\x20-\x7e\n]+$/.test(helperSource(name)), `${name} is printable ASCII`);
  }
  assert.throws(() => helperSource('$nope'), /no source text for the emitted function '\$nope'/);
  assert.throws(() => helperSource('toString'), /no source text/);
});

t('$g reads own properties only and never throws', () => {
  assert.is(h.$g({ a: 1 }, 'a'), 1);
  assert.is(h.$g({}, 'toString'), undefined);
  assert.is(h.$g(Object.create({ a: 1 }), 'a'), undefined);
  assert.is(h.$g(null, 'a'), undefined);
  assert.is(h.$g('text', 'length'), undefined);
  assert.is(h.$g([5], '0'), 5);
});

t('$v: missing becomes ""; other values keep their type', () => {
  assert.is(h.$v(undefined), '');
  assert.is(h.$v(null), null);
  assert.is(h.$v(0), 0);
  assert.equal(h.$v({ a: 1 }), { a: 1 });
});

t('$t: text; missing and null are "", objects JSON', () => {
  assert.is(h.$t(undefined), '');
  assert.is(h.$t(null), '');
  assert.is(h.$t('x'), 'x');
  assert.is(h.$t(1.5), '1.5');
  assert.is(h.$t(false), 'false');
  assert.is(h.$t({ a: [1] }), '{"a":[1]}');
});

t('$u: URL text; spaces and non-ASCII encoded, URL syntax kept, lone surrogates replaced', () => {
  assert.is(h.$u('a b/c?d=e&f#g'), 'a%20b/c?d=e&f#g');
  assert.is(h.$u('caf\u00e9'), 'caf%C3%A9');
  assert.is(h.$u('x\ud800y'), 'x%EF%BF%BDy');
  assert.is(h.$u(undefined), '');
  assert.is(h.$u({ a: 1 }), '%7B%22a%22:1%7D');
});

t.run();
