// The print farm's worked example is one file: docs/language.md's "Printers" section and
// docs/deploy.md's farm section show examples/farm.ohk verbatim, the file
// tests/e2e/farm-example.test.ts checks, builds and runs.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../support/project-root.js';

const read = (path: string) => readFileSync(join(projectRoot, path), 'utf8').replace(/\r\n/g, '\n');

/** The ```ohk blocks of the part of `markdown` under `heading`, up to the next heading of its level or above. */
function ohkBlocksUnder(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l === heading);
  assert.ok(start >= 0, `no heading "${heading}"`);
  const level = /^#+/.exec(heading)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level);
  const section = lines.slice(start, end < 0 ? undefined : end).join('\n');
  return [...section.matchAll(/^```ohk\n([\s\S]*?)\n```$/gm)].map((m) => m[1]);
}

const example = read('examples/farm.ohk').replace(/\n+$/, '');

test('docs/language.md shows examples/farm.ohk in its Printers section', () => {
  assert.ok(ohkBlocksUnder(read('docs/language.md'), '### Printers (a print farm)').includes(example));
});

test("docs/deploy.md shows examples/farm.ohk in its farm section", () => {
  assert.ok(ohkBlocksUnder(read('docs/deploy.md'), '## 11. A print farm: several printers, one file').includes(example));
});

test.run();
