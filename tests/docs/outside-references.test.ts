// The project stands alone: no file in it cites a document that lives outside the repository
// (design notes, research write-ups, the workspace it was built in). Comments and docs state
// the fact they rely on, or link the project's own docs (docs/plugin-compatibility.md holds
// what the code relies on about the OctoPrint-Webhooks plugin).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { projectRoot } from '../support/project-root.js';

const outsideDocuments: RegExp[] = [
  /plugin-behaviou?r\.md/i,
  /octoprint-push-api\.md/i,
  /octoprint-webhooks-plugin\.txt/i,
  /peers-and-style/i,
  /\bpeers [A-Z]\.\d/,
  /\blayers\.md/i,
  /language-v1/i,
  /design\s+sketch/i,
  /\bthe brief\b/i,
  /\/work\/|\.\.\/shared\/|\bshared\/(?:reference|captures)\b/,
  // Section numbers only ever pointed into those documents.
  /\u00a7/,
];

// What .gitignore leaves out: installed, built and generated files, and local state.
const notTheProject = new Set(['.git', 'node_modules', 'generated', 'tmp', '.octohook-state']);
const self = 'tests/docs/outside-references.test.ts';

function projectFiles(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    if (notTheProject.has(name) || name === 'dist' || name.startsWith('dist-') || name.endsWith('.log')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) projectFiles(p, out);
    else out.push(p);
  }
  return out;
}

test('no source, doc or fixture file cites a document outside the repository', () => {
  const files = projectFiles(projectRoot, []);
  assert.ok(files.some((f) => f.endsWith('docs/plugin-compatibility.md')), 'the walk reaches docs/');
  const found: string[] = [];
  for (const file of files) {
    const path = relative(projectRoot, file);
    if (path === self) continue;
    const bytes = readFileSync(file);
    if (bytes.includes(0)) continue; // images and other binaries
    bytes
      .toString('utf8')
      .split('\n')
      .forEach((line, i) => {
        if (outsideDocuments.some((p) => p.test(line))) found.push(`${path}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
  }
  assert.equal(found, [], `state the fact or link docs/ instead:\n${found.join('\n')}`);
});

test.run();
