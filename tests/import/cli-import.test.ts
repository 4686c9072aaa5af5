// `octohookc import`: the file on stdout, a summary on stderr, exit codes, --secrets-file.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../compiler/cli/main.js';
import { fixturesDir, projectRoot } from '../support/project-root.js';
import { captureIo } from '../support/capture-io.js';

const t = suite('octohookc import');
const dir = mkdtempSync(join(tmpdir(), 'octohook-import-'));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

t('writes the .ohk to stdout and the variables to set to stderr; exit 0', async () => {
  const c = captureIo();
  const code = await main(['import', join(fixturesDir, 'import', 'profile-multi.config.yaml')], c.io);
  assert.is(code, 0, c.err);
  assert.ok(c.out.startsWith('// Imported by'));
  assert.match(c.out, /hook json on PrintStarted/);
  assert.match(c.err, /2 hooks from .*; set OCTOHOOK_SECRET/);
  assert.not.match(c.out, /lab-secret/);
});

t('--secrets-file writes the moved secrets (mode 0600) and never overwrites', async () => {
  const envFile = join(dir, 'octohook.env');
  let c = captureIo();
  assert.is(await main(['import', join(fixturesDir, 'import', 'hooks-list.yaml'), '--secrets-file', envFile], c.io), 0, c.err);
  const text = readFileSync(envFile, 'utf8');
  assert.match(text, /^DISCORD_WEBHOOK="112233445566778899\/Zx9_fake-Discord-Token_0123456789abcdef"$/m);
  assert.match(text, /^GOTIFY_SECRET="AFakeGotifyAppToken"$/m);
  assert.is(statSync(envFile).mode & 0o777, 0o600);
  c = captureIo();
  assert.is(await main(['import', join(fixturesDir, 'import', 'hooks-list.yaml'), '--secrets-file', envFile], c.io), 2);
  assert.match(c.err, /exists already/);
});

t('the old name --env-file, where it reaches octohookc, is refused with the new one', async () => {
  const c = captureIo();
  assert.is(await main(['import', join(fixturesDir, 'import', 'hooks-list.yaml'), '--env-file', join(dir, 'old.env')], c.io), 2);
  assert.match(c.err, /--env-file is now --secrets-file FILE/);
  assert.is(c.out, '');
});

t('the real bin: import --secrets-file runs (Node does not take it for its own --env-file)', () => {
  const secrets = join(dir, 'spawned.env');
  const r = spawnSync(process.execPath, [join(projectRoot, 'bin', 'octohookc.js'), 'import', join(fixturesDir, 'import', 'hooks-list.yaml'), '--secrets-file', secrets], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\/\/ Imported by/);
  assert.match(readFileSync(secrets, 'utf8'), /^GOTIFY_SECRET="AFakeGotifyAppToken"$/m);
});

t('a bare plugins.webhooks section and the flat keys are accepted', async () => {
  const c = captureIo();
  assert.is(await main(['import', file('flat.yaml', 'url: http://127.0.0.1:9/x\napiSecret: s3cr3t-value\n')], c.io), 0, c.err);
  assert.match(c.out.replace(/\n\/\/ +/g, ' '), /flat \(settings version 1\), 1 hook/);
  assert.match(c.out, /hook x on PrintStarted, PrintDone, PrintFailed, PrintPaused, UserActionNeeded, Error \{/);
  assert.match(c.out, /secret @env.OCTOHOOK_SECRET/);
});

t('usage, missing files, YAML errors and a config without the plugin exit 2', async () => {
  let c = captureIo();
  assert.is(await main(['import'], c.io), 2);
  assert.match(c.err, /give exactly one file/);
  c = captureIo();
  assert.is(await main(['import', join(dir, 'nope.yaml')], c.io), 2);
  assert.match(c.err, /no such file/);
  c = captureIo();
  assert.is(await main(['import', file('bad.yaml', 'plugins: [1, 2\n')], c.io), 2);
  assert.match(c.err, /not valid YAML/);
  c = captureIo();
  assert.is(await main(['import', file('other.yaml', 'plugins:\n  softwareupdate: {}\nserver: {}\n')], c.io), 2);
  assert.match(c.err, /no 'plugins.webhooks' section/);
  assert.is(c.out, '');
});

t.run();
