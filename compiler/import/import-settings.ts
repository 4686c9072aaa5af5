// `octohookc import`: OctoPrint-Webhooks settings (YAML) → .ohk text. Reads the settings,
// fills in the plugin's defaults, translates every hook, hoists what all hooks share
// (`device`, `secret`), lists the environment variables to set, and finally checks its own
// output with the compiler: a problem left there is reported at the top of the file.
import { compile } from '../compile.js';
import type { Diagnostic } from '../../language/diagnostic.js';
import { env, text, type OhkFile, type OhkHook } from './ohk-model.js';
import { pluginSettingsFrom } from './plugin-hook.js';
import { readPluginSettings } from './read-settings.js';
import { EnvRegistry, envName, type EnvVar } from './secrets.js';
import { translateHook, type ImportState, type TranslatedHook } from './translate-hook.js';
import { writeOhk } from './write-ohk.js';

export { ImportError } from './read-settings.js';

export interface ImportResult {
  text: string;
  /** The variables the file reads, with what each is for and (for an env file only) its value. */
  env: EnvVar[];
  hooks: number;
  /** What `octohookc check` says about the result (errors mean the importer fell short). */
  diagnostics: Diagnostic[];
  /** Variables the file reads whose values no settings hold (a farm's printer addresses and keys). */
  addressEnv?: string[];
}

function allSame(values: string[]): boolean {
  return values.length > 0 && values.every((v) => v === values[0]);
}

export function importPluginSettings(yamlText: string, options: { sourceName?: string } = {}): ImportResult {
  const found = readPluginSettings(yamlText);
  const settings = pluginSettingsFrom(found.settings);
  const registry = new EnvRegistry();
  const state: ImportState = { env: registry, hookNames: new Set(), oauth: new Map(), markers: new Map() };
  const translated = settings.hooks.map((h) => translateHook(h, state));
  const hooks: OhkHook[] = translated.map((t) => t.hook);

  const file: OhkFile = { header: [], device: null, secret: null, oauth: [...state.oauth.values()], hooks };

  // What every hook shares goes to the top, as `device` and `secret`.
  const devices = translated.map((t) => t.deviceIdentifier);
  if (allSame(devices) && devices[0] !== '') file.device = text(devices[0]);
  else translated.forEach((t) => (t.hook.device = t.deviceIdentifier !== '' ? text(t.deviceIdentifier) : null));
  const secrets = translated.map((t) => t.apiSecret);
  if (allSame(secrets) && secrets[0] !== '') {
    file.secret = env(registry.add(secrets[0], 'OCTOHOOK_SECRET', `the API secret (@apiSecret) of ${hooks.length === 1 ? 'the hook' : 'every hook'}`));
  } else {
    translated.forEach((t) => {
      if (t.apiSecret !== '') t.hook.secret = env(registry.add(t.apiSecret, envName(t.hook.name, 'SECRET'), `the API secret (@apiSecret) of hook ${t.hook.name}`));
    });
  }
  for (const t of translated) {
    if (t.deviceIdentifier.includes('@')) {
      t.hook.comments.push("the device identifier contains '@': the plugin read the text after it as a parameter wherever it inserted the identifier; octohook sends it as written");
    }
  }

  const source = options.sourceName ?? 'config.yaml';
  const header = [
    `Imported by 'octohookc import' from ${source} (OctoPrint-Webhooks settings, ${settings.form}, ${hooks.length} hook${hooks.length === 1 ? '' : 's'}).`,
  ];
  header.push(...envHeader(registry.vars));
  header.push(...settings.notes.map((n) => `Note: ${n}.`));
  header.push(...closingNotes(translated));
  file.header = header;
  return { ...checkedOutput(file), env: registry.vars, hooks: hooks.length };
}

/** The header's list of variables to set, each with what it is for. */
export function envHeader(
  vars: ReadonlyArray<{ name: string; purposes: string[] }>,
  lead = 'Set these environment variables for octohook (their values are in the plugin\'s settings; they are not copied here):',
): string[] {
  if (vars.length === 0) return [];
  const width = Math.max(...vars.map((v) => v.name.length));
  return [lead, ...vars.map((v) => `  ${v.name.padEnd(width)}  ${v.purposes.join('; ')}`)];
}

/** The header's last lines: the progress note where it applies, and where to read more. */
export function closingNotes(translated: readonly TranslatedHook[]): string[] {
  const out: string[] = [];
  if (translated.filter((t) => t.hasProgress).length > 1) {
    out.push(
      "Progress: the plugin fired Print Progress only at the first progress hook's interval and gave the other hooks milestone 0 (its bugs); here each hook has its own interval and milestone.",
    );
  }
  out.push('Where the plugin behaved in a way this file does not keep, a comment in the hook says so. See docs/migrating.md.');
  return out;
}

/** The file as text, checked by the compiler; errors left there are listed at its top. */
export function checkedOutput(file: OhkFile): { text: string; diagnostics: Diagnostic[] } {
  let out = writeOhk(file);
  const result = compile(out, { fileName: 'imported.ohk' });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    // A safety net: the translation should never get here; if it does, say where.
    const lines = errors.map((e) => `// octohookc import: line ${e.range.start.line}: ${e.code} ${e.message.replace(/[\r\n]+/g, ' ')}`);
    out = `// octohookc import could not make this file check clean; fix these by hand:\n${lines.join('\n')}\n${out}`;
  }
  return { text: out, diagnostics: errors.length > 0 ? compile(out, { fileName: 'imported.ohk' }).diagnostics : result.diagnostics };
}
