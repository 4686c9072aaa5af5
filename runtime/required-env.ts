// Which environment variables must be set before anything runs. An `@env.NAME` read without
// a `default` filter is required: unset (or empty, which `default` treats the same way) it
// would render as "" and the daemon would post to a truncated URL or send an empty secret,
// so `octohook run` and `octohookc test` refuse to start instead and name every missing
// variable with the places that read it. `@{env.NAME | default("…")}` makes a variable
// optional. The compiled module says which names each hook, oauth block and octoprint setting
// needs (`needsEnv`, written by the emitter), so a bundle decides exactly as a .ohk file does.
// Only names are ever shown, never values.
import type { CompiledHook, CompiledModule, PrinterSpec } from './compiled-module.js';
import { hearsPrinter } from './dispatch/hears-printer.js';

export interface EnvNeed {
  name: string;
  /** Where it is read: `hook discord`, `oauth login`, `octoprint url`. */
  place: string;
}

export interface MissingEnv {
  name: string;
  places: string[];
}

/** Unset and empty are both missing: `default` replaces either. */
export function isUnset(value: string | undefined): boolean {
  return value === undefined || value === '';
}

/** What the given hooks read, with the oauth blocks they run. */
export function hookEnvNeeds(module: CompiledModule, hooks: readonly CompiledHook[]): EnvNeed[] {
  const needs: EnvNeed[] = [];
  const oauth = new Set<string>();
  for (const hook of hooks) {
    for (const name of hook.needsEnv ?? module.env) needs.push({ name, place: `hook ${hook.name}` });
    if (hook.oauth) oauth.add(hook.oauth);
  }
  for (const name of [...oauth].sort()) {
    const spec = module.oauth[name];
    if (spec) for (const env of spec.needsEnv ?? module.env) needs.push({ name: env, place: `oauth ${name}` });
  }
  return needs;
}

/**
 * What `octohook run` reads: the enabled hooks (and their oauth blocks), and the file's
 * `octoprint { }` settings that no flag or variable replaces.
 */
export function daemonEnvNeeds(module: CompiledModule, fromFile: { url: boolean; apikey: boolean }): EnvNeed[] {
  const needs = hookEnvNeeds(module, module.hooks.filter((h) => h.enabled));
  const octoprint = module.octoprint.needsEnv ?? { url: module.octoprint.url ? module.env : [], apikey: module.octoprint.apikey ? module.env : [] };
  if (fromFile.url) for (const name of octoprint.url) needs.push({ name, place: 'octoprint url' });
  if (fromFile.apikey) for (const name of octoprint.apikey) needs.push({ name, place: 'octoprint apikey' });
  return needs;
}

/**
 * What `octohook run` reads in a farm: the chosen printers' blocks, and the enabled hooks that
 * hear at least one of them (a hook `from` printers another host runs needs nothing here).
 */
export function farmEnvNeeds(module: CompiledModule, printers: readonly PrinterSpec[]): EnvNeed[] {
  const hooks = module.hooks.filter((h) => h.enabled && printers.some((p) => hearsPrinter(h, p.name)));
  const needs = hookEnvNeeds(module, hooks);
  for (const p of printers) for (const name of p.needsEnv ?? module.env) needs.push({ name, place: `printer ${p.name}` });
  return needs;
}

/** The needed names that are unset or empty, each with every place that reads it, in name order. */
export function missingEnv(needs: readonly EnvNeed[], env: Record<string, string | undefined>): MissingEnv[] {
  const byName = new Map<string, string[]>();
  for (const { name, place } of needs) {
    if (!isUnset(env[name])) continue;
    const places = byName.get(name) ?? [];
    if (!places.includes(place)) places.push(place);
    byName.set(name, places);
  }
  return [...byName].sort(([a], [b]) => a.localeCompare(b)).map(([name, places]) => ({ name, places }));
}

/** `A (hook x), B (hook y, oauth login)` */
export function listMissing(missing: readonly MissingEnv[]): string {
  return missing.map((m) => `${m.name} (${m.places.join(', ')})`).join(', ');
}

/** The one message that stops a start. */
export function missingEnvMessage(missing: readonly MissingEnv[]): string {
  const s = missing.length === 1 ? '' : 's';
  return (
    `missing environment variable${s}: ${listMissing(missing)}; ` +
    `set ${missing.length === 1 ? 'it' : 'them'} (an empty value counts as unset) or give the template a default: @{env.NAME | default("…")}`
  );
}

/** What a dry run shows in place of a missing variable's value. */
export function unsetPlaceholders(missing: readonly MissingEnv[]): Record<string, string> {
  return Object.fromEntries(missing.map((m) => [m.name, `<unset ${m.name}>`]));
}
