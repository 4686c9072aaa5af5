// octohookc as a user meets it: exit codes, the text/json/sarif formats, build output that
// loads with import() with nothing installed beside it.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../compiler/cli/main.js';
import type { CompiledModule, RenderContext } from '../../runtime/compiled-module.js';
import { projectRoot } from '../support/project-root.js';
import { captureIo } from '../support/capture-io.js';

const t = suite('octohookc cli');

const example = join(projectRoot, 'examples', 'hooks.ohk');
const tmp = mkdtempSync(join(tmpdir(), 'octohookc-'));
const broken = join(tmp, 'broken.ohk');
writeFileSync(broken, readFileSync(example, 'utf8').replace('file: @job.file.name,', 'file: @job.file.nme,'));

t('check: the design example exits 0', async () => {
  const c = captureIo();
  assert.is(await main(['check', example], c.io), 0);
  assert.match(c.out, /0 errors/);
});

t('check: @job.file.nme exits 1 naming line, column and the suggestion', async () => {
  const c = captureIo();
  assert.is(await main(['check', broken], c.io), 1);
  assert.match(c.out, /broken\.ohk:30:21: error OH2101: 'nme' is not a field of job\.file\. Did you mean 'name'\?/);
  assert.match(c.out, /\n\s+30 \|     file: @job\.file\.nme,\n\s+\|\s{21}~~~\n/);
});

t('check --format json: 1-based ranges as in the contract', async () => {
  const c = captureIo();
  assert.is(await main(['check', broken, '--format', 'json'], c.io), 1);
  const list = JSON.parse(c.out) as Array<{ file: string; code: string; severity: string; range: { start: { line: number; column: number }; end: { line: number; column: number } } }>;
  const e = list.find((d) => d.code === 'OH2101');
  assert.ok(e);
  assert.equal(e!.range, { start: { line: 30, column: 21 }, end: { line: 30, column: 24 } });
  assert.is(e!.severity, 'error');
  assert.is(e!.file, broken);
  // The editor's quick fix, for tools that apply fixes from CI.
  assert.equal((e as { suggestions?: unknown }).suggestions, [
    { title: "Change to 'name'", range: { start: { line: 30, column: 21 }, end: { line: 30, column: 24 } }, replacement: 'name' },
  ]);
});

t('check --format json: a diagnostic about two places carries the other as related', async () => {
  const file = join(tmp, 'twice.ohk');
  writeFileSync(file, 'hook a on PrintDone {\n  url "http://127.0.0.1:9/a"\n}\nhook a on PrintDone {\n  url "http://127.0.0.1:9/b"\n}\n');
  const c = captureIo();
  assert.is(await main(['check', file, '--format', 'json'], c.io), 1);
  const list = JSON.parse(c.out) as Array<{ related?: Array<{ message: string; range: { start: { line: number } } }> }>;
  const withRelated = list.filter((d) => d.related);
  assert.is(withRelated.length, 1, c.out);
  assert.is(withRelated[0].related![0].range.start.line, 1);
});

t('check --format sarif: a SARIF 2.1.0 log with rule and region', async () => {
  const c = captureIo();
  assert.is(await main(['check', broken, '--format', 'sarif'], c.io), 1);
  const log = JSON.parse(c.out);
  assert.is(log.version, '2.1.0');
  const result = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'OH2101');
  assert.is(result.level, 'error');
  assert.equal(result.locations[0].physicalLocation.region, { startLine: 30, startColumn: 21, endLine: 30, endColumn: 24 });
  assert.ok(log.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === 'OH2101'));
});

t('usage and I/O errors exit 2 with one line, no stack trace', async () => {
  for (const argv of [[], ['check'], ['check', example, '--format', 'xml'], ['check', example, '--nope'], ['frobnicate'], ['check', join(tmp, 'missing.ohk')], ['check', tmp], ['lsp-not-a-command']]) {
    const c = captureIo();
    assert.is(await main(argv, c.io), 2, argv.join(' '));
    assert.not.match(c.err + c.out, /\n\s+at /, 'no stack trace');
  }
});

t('build writes a standalone module that renders the example for a PrintDone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'octohook-build-'));
  const out = join(dir, 'hooks.mjs');
  const c = captureIo();
  assert.is(await main(['build', example, '-o', out], c.io), 0);
  const code = readFileSync(out, 'utf8');
  assert.not.match(code, /^\s*import\b/m, 'no imports');
  // Loaded from a folder with nothing installed beside it.
  const isolated = mkdtempSync(join(tmpdir(), 'octohook-load-'));
  copyFileSync(out, join(isolated, 'hooks.mjs'));
  assert.not.ok(existsSync(join(isolated, 'node_modules')));
  const mod = (await import(pathToFileURL(join(isolated, 'hooks.mjs')).href)).default as CompiledModule;
  assert.is(mod.format, 1);
  assert.equal(mod.hooks.map((h) => h.name), ['api', 'discord']);
  const ctx: RenderContext = {
    deviceIdentifier: 'Prusa MK3S', apiSecret: 's3cret', topic: 'Print Done', message: '', extra: { name: 'benchy.gcode', path: 'benchy.gcode', origin: 'local', size: 1234, time: 3725.4 },
    state: { text: 'Operational' }, job: { file: { name: 'benchy.gcode' } }, progress: { printTimeLeft: 0, completion: 100 },
    currentZ: 12.2, offsets: {}, meta: {}, currentTime: 1764300000, percentCompleteMilestone: 0,
    env: { DISCORD_WEBHOOK: '123/abc', OCTOHOOK_SECRET: 's3cret' }, token: { access_token: 'tok', expires_in: 3600 },
  };
  const api = mod.hooks[0];
  ctx.message = api.messages.PrintDone(ctx);
  assert.is(ctx.message, 'Your print is done.');
  assert.is(api.url(ctx), 'https://api.example.com/v1/printers/Prusa%20MK3S/events');
  assert.equal(api.headers(ctx), { Authorization: 'Bearer tok' });
  assert.equal(api.data!(ctx), {
    deviceIdentifier: 'Prusa MK3S', apiSecret: 's3cret', topic: 'Print Done', message: 'Your print is done.',
    extra: ctx.extra, file: 'benchy.gcode', left: '0s',
  });
  assert.is(api.snapshotKey, 'snap');
  assert.is(api.content, 'multipart');
  assert.is(api.apiSecret(ctx), 's3cret');
  const discord = mod.hooks[1];
  assert.is(discord.url(ctx), 'https://discord.com/api/webhooks/123/abc');
  assert.equal(discord.data!(ctx), { content: 'Your print is done. — benchy.gcode, 1h 02m' });
  assert.equal(mod.env, ['CLIENT_SECRET', 'DISCORD_WEBHOOK', 'OCTOHOOK_SECRET', 'OCTOPRINT_API_KEY']);
});

t('build is deterministic and holds no @env value', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'octohook-det-'));
  process.env.OCTOHOOK_SECRET = 'never-in-output-42';
  const c = captureIo();
  assert.is(await main(['build', example, '-o', join(dir, 'a.mjs')], c.io), 0);
  assert.is(await main(['build', example, '-o', join(dir, 'b.mjs')], c.io), 0);
  const a = readFileSync(join(dir, 'a.mjs'), 'utf8');
  assert.is(a, readFileSync(join(dir, 'b.mjs'), 'utf8'));
  assert.not.ok(a.includes('never-in-output-42'));
  delete process.env.OCTOHOOK_SECRET;
});

t('build refuses a file with errors and writes nothing', async () => {
  const out = join(tmp, 'broken.mjs');
  const c = captureIo();
  assert.is(await main(['build', broken, '-o', out], c.io), 1);
  assert.not.ok(existsSync(out));
  assert.match(c.err, /OH2101/);
});

t('the real process: exit codes through bin/octohookc.js semantics', async () => {
  const entry = new URL('../../compiler/cli/main.js', import.meta.url).href;
  const script = `import { main } from ${JSON.stringify(entry)}; process.exitCode = await main(process.argv.slice(1));`;
  const run = (args: string[]) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      execFile(process.execPath, ['--input-type=module', '-e', script, ...args], (error, stdout, stderr) =>
        resolve({ code: error ? (error as { code?: number }).code ?? 1 : 0, out: stdout + stderr }),
      );
    });
  assert.is((await run(['check', example])).code, 0);
  const bad = await run(['check', broken]);
  assert.is(bad.code, 1);
  assert.match(bad.out, /OH2101/);
  assert.is((await run(['check'])).code, 2);
});

t.run();
