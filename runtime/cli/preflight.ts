// What `octohook run` (and a bundle) checks before it opens anything: every `@env` the
// enabled hooks need is set (./required-env.ts), and the OctoPrint address is a usable URL.
// Either failing is a configuration error that no retry can fix: one message naming every
// problem's place, exit 2 (systemd's unit does not restart on 2), and nothing contacted.
import type { CompiledModule, RenderContext } from '../compiled-module.js';
import { octoprintAddressProblem } from '../octoprint/address-problem.js';
import { daemonEnvNeeds, isUnset, missingEnv, missingEnvMessage } from '../required-env.js';

export const DEFAULT_OCTOPRINT_URL = 'http://127.0.0.1:5000';

export interface OctoPrintAddress {
  url: string;
  /** Where it came from, for messages. */
  from: '--octoprint' | 'OCTOPRINT_URL' | 'the octoprint block' | 'the default';
}

/** Flags first, then OCTOPRINT_URL (empty counts as unset), then the file's `octoprint { url }`, then the default. */
export function octoprintAddress(module: CompiledModule, flag: string | undefined, env: Record<string, string | undefined>): OctoPrintAddress {
  if (flag !== undefined) return { url: flag, from: '--octoprint' };
  if (!isUnset(env.OCTOPRINT_URL)) return { url: env.OCTOPRINT_URL!, from: 'OCTOPRINT_URL' };
  if (module.octoprint.url) return { url: module.octoprint.url({ env } as RenderContext), from: 'the octoprint block' };
  return { url: DEFAULT_OCTOPRINT_URL, from: 'the default' };
}

/** Why the daemon must not start, or null. */
export function startupRefusal(module: CompiledModule, flags: { octoprint?: string; apiKey?: string }, env: Record<string, string | undefined>): string | null {
  const fromFile = { url: flags.octoprint === undefined && isUnset(env.OCTOPRINT_URL), apikey: flags.apiKey === undefined && env.OCTOPRINT_API_KEY === undefined };
  const missing = missingEnv(daemonEnvNeeds(module, fromFile), env);
  if (missing.length > 0) return missingEnvMessage(missing);
  const address = octoprintAddress(module, flags.octoprint, env);
  return octoprintAddressProblem(address.url, address.from);
}
