// The Node version guard: package.json's engines.node is the range (written in at build
// time), the check understands the range forms engines use, and the shipped entry points
// (both bins and a one-file bundle) run it before anything else, so an old Node gets one
// line naming both versions instead of a SyntaxError from module linking.
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { runBuild } from '../../compiler/cli/command-build.js';
import { templatePath } from '../../compiler/cli/write-bundle.js';
import { satisfiesRange, unsupportedNodeMessage } from '../../runtime/cli/node-version-guard.js';
import { nodeEngines, packageVersion } from '../../runtime/package-facts.js';
import { projectRoot } from '../support/project-root.js';
import { bins, spawnBin, stackTrace } from '../support/spawn-bin.js';

const t = suite('node version guard');
const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };
const dir = mkdtempSync(join(tmpdir(), 'octohook-node-guard-'));

t('the range and the version are package.json’s', () => {
  assert.is(nodeEngines, pkg.engines.node);
  assert.is(packageVersion, pkg.version);
  assert.ok(satisfiesRange(process.versions.node, nodeEngines), `this Node (${process.versions.node}) passes its own guard`);
});

t('satisfiesRange reads the forms an engines field uses', () => {
  const cases: Array<[string, string, boolean]> = [
    ['20.18.1', '>=20.18.1', true],
    ['20.18.0', '>=20.18.1', false],
    ['20.11.0', '>=20.18.1', false],
    ['24.1.0', '>=20.18.1', true],
    ['v22.3.0', '>=20.18.1', true],
    ['20.19.0', '^20.18.1 || ^22.12.0 || >=24', true],
    ['21.7.3', '^20.18.1 || ^22.12.0 || >=24', false],
    ['22.11.0', '^20.18.1 || ^22.12.0 || >=24', false],
    ['22.12.0', '^20.18.1 || ^22.12.0 || >=24', true],
    ['23.0.0', '^20.18.1 || ^22.12.0 || >=24', false],
    ['24.0.0', '^20.18.1 || ^22.12.0 || >=24', true],
    ['20.18.1', '>=20.18.1 <21 || 22 || >= 24', true],
    ['21.0.0', '>=20.18.1 <21 || 22 || >= 24', false],
    ['22.99.1', '>=20.18.1 <21 || 22 || >= 24', true],
    ['22.5.0', '22.x', true],
    ['22.5.0', '~22.4', false],
    ['22.4.9', '~22.4.1', true],
    ['18.20.0', '>=20', false],
    ['not a version', '>=20', false],
  ];
  for (const [version, range, expected] of cases) assert.is(satisfiesRange(version, range), expected, `${version} in ${range}`);
});

t('the message names the version found, the one needed and where to get it', () => {
  assert.is(unsupportedNodeMessage('24.0.0', '>=20.18.1'), undefined);
  const m = unsupportedNodeMessage('20.11.0', '>=20.18.1');
  assert.is(m, 'octohook: this is Node.js 20.11.0; octohook needs Node.js >=20.18.1. Get it from https://nodejs.org/\n');
});

// A preload standing in for an old Node: it reports 20.11.0, and (as the real 20.11 fails
// while loading the program) any CommonJS module loaded after it throws. The guard must
// answer first, with nothing loaded: proof it runs before the rest of the program.
const oldNode = join(dir, 'old-node.cjs');
writeFileSync(
  oldNode,
  `Object.defineProperty(process.versions, 'node', { value: '20.11.0' });
Object.defineProperty(process, 'version', { value: 'v20.11.0' });
const Module = require('node:module');
Module._load = (request) => { throw new Error('loaded ' + request + ' before the version check'); };
`,
);

t('both bins and a bundle refuse an old Node with that one line, exit 2, before loading anything', async () => {
  const bundle = join(dir, 'hooks.bundle.mjs');
  const sink = { write: () => true };
  assert.is(await runBuild([join(projectRoot, 'examples', 'hooks.ohk'), '--bundle', '-o', bundle], { out: sink, err: sink }), 0);
  for (const [script, args] of [
    [bins.octohookc, ['check', join(projectRoot, 'examples', 'hooks.ohk')]],
    [bins.octohookc, ['--version']],
    [bins.octohook, ['--help']],
    [bundle, ['--version']],
    [bundle, []],
  ] as Array<[string, string[]]>) {
    const r = await spawnBin(script, args, { node: ['--require', oldNode], env: { OCTOPRINT_API_KEY: 'k' } });
    const what = `${script.split('/').pop()} ${args.join(' ')}`;
    assert.is(r.status, 2, `${what}: ${r.stderr}`);
    assert.is(r.stdout, '', what);
    assert.is(r.stderr, `octohook: this is Node.js 20.11.0; octohook needs Node.js ${pkg.engines.node}. Get it from https://nodejs.org/\n`, what);
    assert.not.match(r.stderr, stackTrace);
  }
});

t('the bundle links on any Node: its only static import is the banner’s, node:module (named imports of Node’s modules are checked before any code runs)', () => {
  for (const file of [templatePath(), join(dir, 'hooks.bundle.mjs')]) {
    const code = readFileSync(file, 'utf8');
    const imports = [...code.matchAll(/(?:^|[;}\s])import\s*(\{[^}]*\}|[\w$]+|\*\s*as\s+[\w$]+)\s*from\s*["']([^"']+)["']/g)].map((m) => m[2]);
    assert.equal(imports, ['node:module'], file);
  }
});

t.after(() => rmSync(dir, { recursive: true, force: true }));

t.run();
