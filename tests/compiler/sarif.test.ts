// `octohookc check --format sarif` as CI runs it (the spawned bin): the log is read on another
// machine, so it must hold no path or link of this one. The file is a URI relative to
// %SRCROOT% (the folder check ran in), %SRCROOT% is not resolved to a local folder, and no
// rule links to a file:// page.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { sarifArtifactUri } from '../../compiler/diagnostics/format-sarif.js';
import { projectRoot } from '../support/project-root.js';

const t = suite('check --format sarif: portable, no machine-local links');

const dir = mkdtempSync(join(tmpdir(), 'octohook-sarif-'));
mkdirSync(join(dir, 'config hooks'));
const broken = join(dir, 'config hooks', 'hooks.ohk');
writeFileSync(broken, readFileSync(join(projectRoot, 'examples', 'hooks.ohk'), 'utf8').replace('file: @job.file.name,', 'file: @job.file.nme,'));

function check(file: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(projectRoot, 'bin', 'octohookc.js'), 'check', '--format', 'sarif', file], { cwd: dir }, (error, out, err) =>
      resolve({ code: error ? Number((error as { code?: number }).code) : 0, out, err }),
    );
  });
}

t.after(() => rmSync(dir, { recursive: true, force: true }));

for (const [how, file] of [
  ['a relative path', join('config hooks', 'hooks.ohk')],
  ['an absolute path', broken],
] as const) {
  t(`given ${how}: the file is relative to %SRCROOT%, nothing names this machine`, async () => {
    const { code, out, err } = await check(file);
    assert.is(code, 1, err);
    assert.not.ok(out.includes('file:'), 'no file: URL anywhere');
    assert.not.ok(out.includes(dir), 'no local folder anywhere');
    assert.not.ok(out.includes(projectRoot), 'no path into the installed package');
    const run = JSON.parse(out).runs[0];
    const location = run.results[0].locations[0].physicalLocation.artifactLocation;
    assert.equal(location, { uri: 'config%20hooks/hooks.ohk', uriBaseId: '%SRCROOT%' });
    assert.ok(run.originalUriBaseIds['%SRCROOT%'], 'the base is declared');
    assert.is(run.originalUriBaseIds['%SRCROOT%'].uri, undefined, 'and not resolved to a local folder');
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'OH2101');
    assert.is(rule.helpUri, undefined);
    assert.match(rule.help.text, /OH2101 in docs\/language\.md/);
  });
}

t('a duplicate points back at the first with a related location', async () => {
  const twice = join(dir, 'twice.ohk');
  writeFileSync(twice, 'hook h on PrintDone {\n  url "https://example.com/a"\n}\n\nhook h on PrintFailed {\n  url "https://example.com/b"\n}\n');
  const { code, out, err } = await check('twice.ohk');
  assert.is(code, 1, err);
  const result = JSON.parse(out).runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'OH3001');
  assert.is(result.locations[0].physicalLocation.region.startLine, 5);
  assert.equal(result.relatedLocations, [
    {
      id: 0,
      physicalLocation: { artifactLocation: { uri: 'twice.ohk', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 6, endLine: 1, endColumn: 7 } },
      message: { text: "Hook 'h' is first defined here." },
    },
  ]);
});

t('paths: relative from the base, forward slashes, segments encoded; outside the base with ..', () => {
  assert.is(sarifArtifactUri('/repo/a/b #1.ohk', '/repo'), 'a/b%20%231.ohk');
  assert.is(sarifArtifactUri('./hooks.ohk', '/repo'), 'hooks.ohk');
  assert.is(sarifArtifactUri('/elsewhere/hooks.ohk', '/repo'), '../elsewhere/hooks.ohk');
});

t.run();
