// The farm fixture, compiled and loaded: the printers as the module contract spells them, each
// hook's `from`, and `@deviceIdentifier` taken from the hook, else the event's printer, else
// the file. A file without printer blocks carries no `printers` and no `from` at all.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { moduleFromSource } from '../../compiler/cli/module-from-source.js';
import type { RenderContext } from '../../runtime/compiled-module.js';
import { fixturesDir } from '../support/project-root.js';

const t = suite('emit: a print farm');

const ctx = (printer: RenderContext['printer'], env: Record<string, string> = {}) =>
  ({ env, printer, message: 'done', job: { file: { name: 'cube.gcode' } } }) as unknown as RenderContext;

t('printers: name, url, apikey and device renders, needsEnv per printer', async () => {
  const mod = await moduleFromSource(readFileSync(join(fixturesDir, 'emit', 'farm.ohk')), 'farm.ohk');
  assert.equal(mod.printers?.map((p) => p.name), ['mk3', 'mini']);
  const [mk3, mini] = mod.printers!;
  const env = ctx(undefined, { MK3_KEY: 'k3', MINI_KEY: 'km' });
  assert.is(mk3.url(env), 'http://mk3.local');
  assert.is(mk3.apikey(env), 'k3');
  assert.is(mk3.device?.(env), 'Prusa MK3S #1');
  assert.equal(mk3.needsEnv, ['MK3_KEY']);
  assert.is(mini.url(env), 'http://mini.local:5000');
  assert.is(mini.device, null);
  assert.equal(mini.needsEnv, ['MINI_KEY']);
  assert.ok(mod.env.includes('MK3_KEY') && mod.env.includes('MINI_KEY'));
});

t("hooks: from, @printer in templates, and the device chosen hook → printer → file", async () => {
  const mod = await moduleFromSource(readFileSync(join(fixturesDir, 'emit', 'farm.ohk')), 'farm.ohk');
  const [discord, lab, both] = mod.hooks;
  assert.is(discord.from, undefined);
  assert.equal(lab.from, ['mk3']);
  assert.equal(both.from, ['mk3', 'mini']);
  assert.ok(discord.uses.includes('printer'));
  const onMk3 = ctx({ name: 'mk3', url: 'http://mk3.local', device: 'Prusa MK3S #1' }, { DISCORD_WEBHOOK: 'w' });
  const onMini = ctx({ name: 'mini', url: 'http://mini.local:5000', device: null }, { DISCORD_WEBHOOK: 'w' });
  assert.is(discord.deviceIdentifier(onMk3), 'Prusa MK3S #1', "the printer's device");
  assert.is(discord.deviceIdentifier(onMini), 'the farm', "the file's device when the printer has none");
  assert.is(lab.deviceIdentifier(onMk3), 'lab bench', "the hook's own device wins");
  const body = discord.data!({ ...onMini, deviceIdentifier: 'the farm' } as RenderContext);
  assert.is(body.content, 'mini: done (cube.gcode)');
  assert.is(body.at, 'http://mini.local:5000');
});

t('a file without printer blocks: no printers, no from, the device as before', async () => {
  const mod = await moduleFromSource(Buffer.from('device "solo"\nhook a on PrintDone { url "https://example.com", data { d: @deviceIdentifier } }\n'), 'solo.ohk');
  assert.not.ok('printers' in mod);
  assert.not.ok('from' in mod.hooks[0]);
  assert.is(mod.hooks[0].deviceIdentifier(ctx({ name: 'octoprint', url: 'http://x', device: 'ignored' })), 'solo');
});

t.run();
