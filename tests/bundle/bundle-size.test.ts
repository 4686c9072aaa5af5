// The `--bundle` file stays small: under 400 KB without its source map (it is copied to a
// printer host and loaded at every start), with no compiler in it, and what makes it small
// (scripts/build.mjs: only the parts of undici the daemon uses, via
// scripts/undici-for-bundle.cjs) leaves out nothing the runtime imports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { templatePath } from '../../compiler/cli/write-bundle.js';
import { projectRoot } from '../support/project-root.js';

const t = suite('bundle: size');
const LIMIT = 400_000;

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

t(`the daemon template of --bundle is under ${LIMIT / 1000} KB without its source map`, () => {
  const size = statSync(templatePath()).size;
  assert.ok(size < LIMIT, `${templatePath()} is ${size} bytes`);
  assert.ok(size > 100_000, `${size} bytes: not the daemon?`);
});

t('the template is minified (a third smaller: 245 against 338 KB), its texts for users intact, and a source map beside it', () => {
  const text = readFileSync(templatePath(), 'utf8');
  const lines = text.split('\n').length;
  assert.ok(lines < 1000, `${lines} lines: not minified?`);
  // Function names are shortened (a stack trace is read through the source map).
  assert.not.match(text, /\bprepareHookRequest\b/);
  assert.match(text, /no OctoPrint API key: set OCTOPRINT_API_KEY \(OctoPrint/);
  assert.match(text, /this file is the bundle template, not a bundle: build one with `octohookc build FILE.ohk --bundle`/);
  const map = JSON.parse(readFileSync(`${templatePath()}.map`, 'utf8')) as { names: string[] };
  assert.ok(map.names.includes('prepareHookRequest'), 'the source map names what the minifier shortened');
});

t('the bundle holds no compiler, grammar or language code: its source map lists only the runtime, schema types and libraries', () => {
  const map = JSON.parse(readFileSync(`${templatePath()}.map`, 'utf8')) as { sources: string[] };
  const ours = map.sources.map((s) => s.replace(/^(\.\.\/)+/, '')).filter((s) => !s.startsWith('node_modules/') && !s.startsWith('octohook-builtin:'));
  assert.ok(ours.some((s) => s.startsWith('runtime/')), ours.join(', '));
  assert.equal(ours.filter((s) => !/^(runtime|schema)\//.test(s) && s !== 'octohook-packed-undici:scripts/undici-for-bundle.cjs'), []);
});

t('the bundle sets its memory-saving V8 flags itself, before undici (and its WebAssembly) is compiled (docs/performance.md)', () => {
  const text = readFileSync(templatePath(), 'utf8');
  const flag = text.indexOf('.setFlagsFromString("--liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering --optimize-for-size --no-sparkplug --no-maglev --incremental-marking-soft-trigger=20 --incremental-marking-hard-trigger=20")');
  const undici = text.indexOf('.compileFunction(');
  assert.ok(flag > 0 && undici > flag, `flag at ${flag}, undici compiled at ${undici}`);
  assert.is(text.indexOf('setFlagsFromString(', flag + 2), -1, 'set once');
});

t('every value the runtime imports from undici is in the slim undici of the bundle', () => {
  const slim = createRequire(import.meta.url)(join(projectRoot, 'scripts/undici-for-bundle.cjs')) as Record<string, unknown>;
  const used = new Set<string>();
  for (const file of sources(join(projectRoot, 'runtime'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^import (?!type )\{([^}]*)\} from 'undici';/gm)) {
      for (const name of m[1].split(',').map((s) => s.trim()).filter((s) => s && !s.startsWith('type '))) used.add(name);
    }
    const star = /^import \* as (\w+) from 'undici';/m.exec(text);
    if (star) for (const m of text.matchAll(new RegExp(`\\b${star[1]}\\.(\\w+)`, 'g'))) used.add(m[1]);
    assert.not.ok(/from 'undici\//.test(text), `${file} imports a part of undici by path: add it to scripts/undici-for-bundle.cjs instead`);
  }
  assert.ok(used.has('Agent') && used.has('request'), [...used].join(', '));
  for (const name of used) {
    // A name in a type position is fine either way; values must exist.
    assert.ok(name in slim, `the runtime uses undici's ${name}, which scripts/undici-for-bundle.cjs does not export`);
  }
  // The push socket is the runtime's own client: the bundle carries no WebSocket of undici's.
  assert.not.ok('WebSocket' in slim || 'ping' in slim);
  assert.is(typeof (slim.interceptors as { redirect?: unknown }).redirect, 'function');
});

t.run();
