// `octohook run farm.mjs --printers mk3,mini`, spawned as a user runs it: a subset of the
// file's printers, only their variables (and those of the hooks that hear them) required,
// unknown names and the single printer's flags refused with the file's printer names.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { SimulatorFarm } from '../../../simulator/index.js';
import { compile } from '../../../compiler/compile.js';
import { printerBlocks, printerEnv } from '../../support/farm-harness.js';
import { runBin, stackTrace } from '../../support/spawn-bin.js';

const t = suite('octohook run --printers');
let dir: string;
let farm: SimulatorFarm;
let file: string;
let single: string;
const names = ['mk3', 'mini', 'xl'];

t.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'octohook-printers-'));
  farm = await SimulatorFarm.start(names);
  file = join(dir, 'farm.mjs');
  const all = `hook all on PrintDone { url "http://127.0.0.1:9/all" }\n`;
  await writeFile(file, compiled(printerBlocks(names) + all + `hook lab on PrintDone from mk3 { url "http://127.0.0.1:9/lab/@env.LAB_TOKEN" }\n`, 'farm.ohk'));
  single = join(dir, 'single.mjs');
  await writeFile(single, compiled(all, 'single.ohk'));
});

/** What `octohookc build` writes for `source`. */
function compiled(source: string, fileName: string): string {
  const result = compile(source, { fileName, emit: true });
  if (result.code === undefined) throw new Error(`${fileName}: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.code;
}

t.after(async () => {
  await farm.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Each named printer's URL and key variables. */
function envOf(...which: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const p of farm.printers.filter((x) => which.includes(x.name))) {
    env[printerEnv(p.name).url] = p.sim.url;
    env[printerEnv(p.name).key] = p.apiKey;
  }
  return env;
}

const run = (args: string[], env: Record<string, string>, until?: RegExp) =>
  runBin('octohook', ['run', ...args, '--state-dir', join(dir, 'state')], env, until ? { until, timeoutMs: 15_000 } : {});

t('--printers mini watches mini alone, needing only its variables', async () => {
  const before = farm.printers.map((p) => p.sim.loginCount);
  const r = await run([file, '--printers', 'mini'], envOf('mini'), /Connected to OctoPrint/);
  assert.is(r.code, 0, r.err);
  assert.match(r.err, /starting hooks=2 printers=mini/);
  assert.match(r.err, /Connected to OctoPrint .* printer=mini/);
  assert.match(r.err, /hook lab is for printers this daemon does not watch \(mk3\); it stays idle here/);
  const after = farm.printers.map((p) => p.sim.loginCount);
  assert.equal(after.map((n, i) => n - before[i]), [0, 1, 0]);
});

t('without --printers every printer is watched', async () => {
  const r = await run([file], { ...envOf(...names), LAB_TOKEN: 't' }, /(Connected to OctoPrint[\s\S]*){3}/);
  assert.is(r.code, 0, r.err);
  for (const name of names) assert.match(r.err, new RegExp(`Connected to OctoPrint .* printer=${name}\\b`));
});

t("a chosen printer's variables, and those of the hooks that hear it, are required", async () => {
  const r = await run([file, '--printers', 'mk3,mini'], envOf('mini'));
  assert.is(r.code, 2);
  assert.match(r.err, /missing environment variables: LAB_TOKEN \(hook lab\), PRINTER_MK3_KEY \(printer mk3\), PRINTER_MK3_URL \(printer mk3\)/);
  assert.not.match(r.err, stackTrace);
});

t("an unknown name is a usage error listing the file's printers", async () => {
  const r = await run([file, '--printers', 'mk3,mk4'], envOf(...names));
  assert.is(r.code, 2);
  assert.match(r.err, /--printers: no printer named mk4 in farm\.ohk; its printers are mk3, mini, xl/);
});

t("the single printer's flags and variables are refused in a farm, naming them", async () => {
  const flag = await run([file, '--octoprint', 'http://127.0.0.1:5000', '--api-key', 'k'], envOf(...names));
  assert.is(flag.code, 2);
  assert.match(flag.err, /--octoprint and --api-key are for a file with one OctoPrint; farm\.ohk names its printers \(mk3, mini, xl\)/);
  const variable = await run([file], { ...envOf(...names), OCTOPRINT_URL: 'http://127.0.0.1:5000' });
  assert.is(variable.code, 2);
  assert.match(variable.err, /OCTOPRINT_URL is for a file with one OctoPrint/);
});

t('--printers on a file without printer blocks is a usage error', async () => {
  const r = await run([single, '--printers', 'mk3'], {});
  assert.is(r.code, 2);
  assert.match(r.err, /--printers chooses among printer blocks, and single\.ohk has none/);
});

t('--help shows --printers', async () => {
  const r = await runBin('octohook', ['--help']);
  assert.is(r.code, 0);
  assert.match(r.out, /--printers NAME,…/);
  assert.match(r.out, /A file with printer blocks \(a print farm\)/);
});

t.run();
