// Keeps docs/deploy.md and package.json telling the same story about Node and the image module:
// (a) `engines` accepts the Node running this suite (so `npm run test:node -- 22` and `-- 24`
//     check their own line), the lines the guide installs at their floors, and not the Node
//     versions that cannot load the bundle;
// (b) the guide quotes `engines` as it is, and every `node --version` it expects is accepted;
// (c) the guide installs the image module with the warning's npm line, at package.json's
//     version, and names the Pi packages that package-lock.json has at that version.
import { test } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGE_INSTALL, IMAGE_MODULE } from '../../runtime/snapshot/image-module-fix.js';
import { projectRoot } from '../support/project-root.js';

const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  engines: { node: string };
  optionalDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } }> };
const guide = readFileSync(join(projectRoot, 'docs', 'deploy.md'), 'utf8');

type Version = [number, number, number];

function parse(v: string): Version {
  const [major = 0, minor = 0, patch = 0] = v.replace(/^v/, '').split('.').map(Number);
  return [major, minor, patch];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The part of npm's range syntax `engines` uses: `^X.Y.Z` and `>=X.Y.Z` alternatives joined by `||`. */
function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return range.split('||').some((alternative) => {
    const m = /^\s*(\^|>=)(\d+(?:\.\d+){0,2})\s*$/.exec(alternative);
    if (!m) throw new Error(`engines alternative "${alternative.trim()}" is not ^X.Y.Z or >=X.Y.Z`);
    const floor = parse(m[2]);
    return compare(v, floor) >= 0 && (m[1] === '>=' || v[0] === floor[0]);
  });
}

const engines = pkg.engines.node;

test('engines accepts the Node running this suite', () => {
  assert.ok(satisfies(process.version, engines), `${process.version} is outside engines "${engines}"`);
});

test('engines accepts the supported lines from their floors, and not what cannot load the bundle', () => {
  for (const ok of ['24.0.0', '24.22.3', '22.2.0', '22.23.5', '26.0.0', '20.18.1', '20.20.2']) assert.ok(satisfies(ok, engines), ok);
  // 20.11: no zlib.crc32 (the outbox frames need it); 20.18.0: below undici's floor;
  // 22.1: no zlib.crc32 either; 23: end of life, never supported.
  for (const no of ['18.20.8', '20.11.0', '20.18.0', '21.7.3', '22.1.0', '23.11.1']) assert.not.ok(satisfies(no, engines), no);
});

test('package-lock.json carries the same engines', () => {
  assert.is(lock.packages[''].engines?.node, engines);
});

test('docs/deploy.md quotes engines and expects only accepted `node --version` output', () => {
  assert.ok(guide.includes(`\`${engines}\``), `docs/deploy.md does not quote engines "${engines}"`);
  // In each paragraph that says what `node --version` prints: `vN.` means "a release of line N"
  // (its newest must be accepted, and when N.0.0 is not, the paragraph names the floor);
  // `vN.M.P` is that exact version.
  const paragraphs = guide.split(/\n\s*\n/).filter((p) => p.includes('`node --version` prints'));
  assert.ok(paragraphs.length >= 1, 'the guide says what `node --version` should print');
  const lines: string[] = [];
  for (const paragraph of paragraphs) {
    const versions = [...paragraph.matchAll(/`v(\d+)\.(\d+\.\d+)?`/g)];
    for (const [text, major, rest] of versions) {
      if (rest !== undefined) {
        assert.ok(satisfies(`${major}.${rest}`, engines), `the guide expects ${text}, outside engines "${engines}"`);
        continue;
      }
      lines.push(major);
      assert.ok(satisfies(`${major}.9999.0`, engines), `the guide expects ${text}, a line outside engines "${engines}"`);
      if (!satisfies(`${major}.0.0`, engines)) {
        const floor = versions.map((v) => v[0]).find((v) => v !== text && v.startsWith(`\`v${major}.`) && satisfies(v.slice(2, -1), engines));
        assert.ok(floor, `the guide expects ${text} without naming the lowest ${major}.x that engines "${engines}" accepts`);
      }
    }
  }
  for (const line of ['24', '22']) assert.ok(lines.includes(line), `the guide does not expect v${line}.`);
  assert.not.match(guide, /setup_20\.x|latest-v20\.x/, 'the guide still installs Node 20');
});

test('the image module: warning, package.json, lock and guide agree', () => {
  assert.is(IMAGE_MODULE, `@napi-rs/image@${pkg.optionalDependencies['@napi-rs/image']}`);
  assert.ok(guide.includes(`sudo ${IMAGE_INSTALL}\n`), `docs/deploy.md does not run "${IMAGE_INSTALL}"`);
  for (const platformPackage of ['@napi-rs/image-linux-arm64-gnu', '@napi-rs/image-linux-arm-gnueabihf']) {
    assert.ok(guide.includes(`\`${platformPackage}\``), `docs/deploy.md does not name ${platformPackage}`);
    assert.is(lock.packages[`node_modules/${platformPackage}`]?.version, pkg.optionalDependencies['@napi-rs/image'], platformPackage);
  }
});

test.run();
