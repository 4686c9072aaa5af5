// `octohookc import mk3=mk3/config.yaml mini=mini/config.yaml`: the OctoPrint-Webhooks
// settings of several OctoPrint instances → one .ohk file for a print farm, one `printer`
// block each. A hook set up alike on every instance becomes one hook; one found on some of them
// gets `from` those printers (and a name of its own). A config.yaml does not hold its own
// address, and the API key is a secret, so each printer reads both from the environment
// (`@env.MK3_URL`, `@env.MK3_API_KEY`). A printer whose hooks all share one device identifier
// gets it as its `device`.
import { closingNotes, checkedOutput, envHeader, ImportError, type ImportResult } from './import-settings.js';
import { env, text, type OhkFile, type OhkHook, type OhkOAuth, type OhkPrinter } from './ohk-model.js';
import { pluginSettingsFrom } from './plugin-hook.js';
import { readPluginSettings } from './read-settings.js';
import { EnvRegistry, envName } from './secrets.js';
import { translateHook, type ImportState, type TranslatedHook } from './translate-hook.js';
import { writeHook } from './write-ohk.js';

export interface FarmInstance {
  /** The printer block's name (`mk3`). */
  name: string;
  yamlText: string;
  /** The file it came from, for messages and the header. */
  sourceName: string;
}

interface HookGroup {
  hook: OhkHook;
  apiSecret: string;
  printers: string[];
}

function allSame(values: string[]): boolean {
  return values.length > 0 && values.every((v) => v === values[0]);
}

export function importFarm(instances: readonly FarmInstance[]): ImportResult {
  const registry = new EnvRegistry();
  const shared = { env: registry, oauth: new Map<string, OhkOAuth>(), markers: new Map<string, string>() };
  const notes: string[] = [];
  const all: TranslatedHook[] = [];
  const printers: OhkPrinter[] = [];
  const perPrinter = instances.map((inst) => {
    let settings;
    try {
      settings = pluginSettingsFrom(readPluginSettings(inst.yamlText).settings);
    } catch (e) {
      if (e instanceof ImportError) throw new ImportError(`${inst.sourceName}: ${e.message}`);
      throw e;
    }
    // Names are made per printer, so one service's hook is named alike on every printer.
    const state: ImportState = { ...shared, hookNames: new Set() };
    const translated = settings.hooks.map((h) => translateHook(h, state));
    all.push(...translated);
    notes.push(...settings.notes.map((n) => `Note (${inst.name}): ${n}.`));
    const devices = translated.map((t) => t.deviceIdentifier);
    const printerDevice = allSame(devices) && devices[0] !== '' ? devices[0] : null;
    const name = envName(inst.name);
    printers.push({ name: inst.name, url: env(`${name}_URL`), apiKey: env(`${name}_API_KEY`), device: printerDevice === null ? null : text(printerDevice) });
    for (const t of translated) t.hook.device = printerDevice === null && t.deviceIdentifier !== '' ? text(t.deviceIdentifier) : null;
    return { inst, translated };
  });

  const secrets = all.map((t) => t.apiSecret);
  const oneSecret = allSame(secrets) && secrets[0] !== '';

  // Alike: the same text but for the name, the secret compared by value (it becomes @env later).
  const groups = new Map<string, HookGroup>();
  for (const { inst, translated } of perPrinter) {
    const seen = new Map<string, number>();
    for (const t of translated) {
      const shape = writeHook({ ...t.hook, name: '' }) + (oneSecret ? '' : `\u0000${t.apiSecret}`);
      const nth = (seen.get(shape) ?? 0) + 1;
      seen.set(shape, nth);
      const key = `${shape}\u0000${nth}`;
      const group = groups.get(key);
      if (group) group.printers.push(inst.name);
      else groups.set(key, { hook: t.hook, apiSecret: t.apiSecret, printers: [inst.name] });
    }
  }

  // Hooks of every printer keep their names first; the others get their printers in theirs.
  const taken = new Set<string>();
  const everywhere = (g: HookGroup) => g.printers.length === instances.length;
  const list = [...groups.values()];
  const named = new Map<HookGroup, string>();
  for (const g of [...list.filter(everywhere), ...list.filter((x) => !everywhere(x))]) {
    const base = everywhere(g) || !taken.has(g.hook.name) ? g.hook.name : `${g.hook.name}_${g.printers.join('_')}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    named.set(g, name);
  }
  const hooks: OhkHook[] = list.map((g) => {
    const name = named.get(g)!;
    const hook: OhkHook = { ...g.hook, name };
    if (!everywhere(g)) hook.from = g.printers;
    hook.secret = !oneSecret && g.apiSecret !== '' ? env(registry.add(g.apiSecret, envName(name, 'SECRET'), `the API secret (@apiSecret) of hook ${name}`)) : null;
    return hook;
  });

  const file: OhkFile = { header: [], device: null, secret: null, oauth: [...shared.oauth.values()], printers, hooks };
  if (oneSecret) file.secret = env(registry.add(secrets[0], 'OCTOHOOK_SECRET', 'the API secret (@apiSecret) of every hook'));

  const addresses = printers.flatMap((p) => [
    { name: `${envName(p.name)}_URL`, purposes: [`the address of printer ${p.name}'s OctoPrint, such as http://${p.name}.local`] },
    { name: `${envName(p.name)}_API_KEY`, purposes: [`an API key of printer ${p.name}'s OctoPrint (its settings, Application Keys)`] },
  ]);
  file.header = [
    `Imported by 'octohookc import' from ${instances.map((i) => `${i.name}=${i.sourceName}`).join(', ')} (OctoPrint-Webhooks settings of ${instances.length} printers, ${hooks.length} hook${hooks.length === 1 ? '' : 's'}).`,
    'A hook set up alike on every printer is written once; one set up on some of them fires only for those (`from`).',
    ...envHeader(addresses, "Set each printer's OctoPrint address and API key for octohook (a config.yaml holds neither its own address nor a key to use):"),
    ...envHeader(registry.vars),
    ...notes,
    ...closingNotes(all),
  ];
  return { ...checkedOutput(file), env: registry.vars, hooks: hooks.length, addressEnv: addresses.map((a) => a.name) };
}
