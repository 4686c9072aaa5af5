// Which printers `octohook run` watches. A file without `printer` blocks: the one OctoPrint
// of the flags, the environment and the `octoprint` block, as before print farms. A file with
// them: every block, or the subset `--printers mk3,mini` names, so one file serves several
// hosts. The single printer's flags and variables (--octoprint, --api-key, OCTOPRINT_URL,
// OCTOPRINT_API_KEY) would be ambiguous in a farm (which printer?), so they are refused there
// rather than guessed at; each printer block says its own address and key.
import type { CompiledModule, PrinterSpec, RenderContext } from '../compiled-module.js';
import { octoprintAddressProblem } from '../octoprint/address-problem.js';
import type { PrinterTarget } from '../printer-link.js';
import { farmEnvNeeds, isUnset, missingEnv, missingEnvMessage } from '../required-env.js';

export type PrinterChoice = { ok: true; printers: PrinterSpec[] } | { ok: false; problem: string };

/** The file's printer blocks (none: a single-printer file). */
export function printerBlocks(module: CompiledModule): PrinterSpec[] {
  return module.printers ?? [];
}

/** The printer blocks `--printers` names (absent: all of them), or why the choice is wrong. */
export function choosePrinters(
  module: CompiledModule,
  flags: { printers?: string; octoprint?: string; apiKey?: string },
  env: Record<string, string | undefined>,
): PrinterChoice {
  const blocks = printerBlocks(module);
  if (blocks.length === 0) {
    if (flags.printers !== undefined) return { ok: false, problem: `--printers chooses among printer blocks, and ${module.source} has none: it watches one OctoPrint (--octoprint, OCTOPRINT_URL or its octoprint block)` };
    return { ok: true, printers: [] };
  }
  const names = blocks.map((p) => p.name).join(', ');
  const single = singlePrinterSettings(module, flags, env);
  if (single.length > 0) {
    return { ok: false, problem: `${single.join(' and ')} ${single.length === 1 ? 'is' : 'are'} for a file with one OctoPrint; ${module.source} names its printers (${names}), each with its own url and apiKey: leave ${single.length === 1 ? 'it' : 'them'} out, and choose printers with --printers` };
  }
  if (flags.printers === undefined) return { ok: true, printers: blocks };
  const wanted = [...new Set(flags.printers.split(',').map((n) => n.trim()).filter((n) => n !== ''))];
  if (wanted.length === 0) return { ok: false, problem: `--printers needs printer names, comma-separated; ${module.source} has ${names}` };
  const unknown = wanted.filter((n) => !blocks.some((p) => p.name === n));
  if (unknown.length > 0) {
    const s = unknown.length === 1 ? '' : 's';
    return { ok: false, problem: `--printers: no printer${s} named ${unknown.join(', ')} in ${module.source}; its printers are ${names}` };
  }
  return { ok: true, printers: blocks.filter((p) => wanted.includes(p.name)) };
}

/** The single printer's flags and variables that are set (a printer block may read a variable itself: that one counts as its own). */
function singlePrinterSettings(module: CompiledModule, flags: { octoprint?: string; apiKey?: string }, env: Record<string, string | undefined>): string[] {
  const readByBlocks = new Set(printerBlocks(module).flatMap((p) => p.needsEnv ?? module.env));
  const found: string[] = [];
  if (flags.octoprint !== undefined) found.push('--octoprint');
  if (flags.apiKey !== undefined) found.push('--api-key');
  for (const name of ['OCTOPRINT_URL', 'OCTOPRINT_API_KEY']) if (!isUnset(env[name]) && !readByBlocks.has(name)) found.push(name);
  return found;
}

/** The chosen blocks rendered (their `@env` already checked), or the first unusable address. */
export function printerTargets(printers: readonly PrinterSpec[], env: Record<string, string | undefined>): { ok: true; targets: PrinterTarget[] } | { ok: false; problem: string } {
  const ctx = { env } as RenderContext;
  const targets: PrinterTarget[] = [];
  for (const p of printers) {
    const url = p.url(ctx);
    const problem = octoprintAddressProblem(url, `printer ${p.name}`);
    if (problem) return { ok: false, problem };
    const apiKey = p.apikey(ctx);
    if (!apiKey) return { ok: false, problem: `printer ${p.name} has an empty API key` };
    targets.push({ name: p.name, url, apiKey, device: p.device ? p.device(ctx) : null });
  }
  return { ok: true, targets };
}

/**
 * A farm's whole check before anything is opened: the choice, every `@env` the chosen printers
 * and their hooks need, each printer's address. Null targets: a file without printer blocks.
 */
export function farmStartup(
  module: CompiledModule,
  flags: { printers?: string; octoprint?: string; apiKey?: string },
  env: Record<string, string | undefined>,
): { ok: true; targets: PrinterTarget[] | null } | { ok: false; problem: string } {
  const choice = choosePrinters(module, flags, env);
  if (!choice.ok) return choice;
  if (choice.printers.length === 0) return { ok: true, targets: null };
  const missing = missingEnv(farmEnvNeeds(module, choice.printers), env);
  if (missing.length > 0) return { ok: false, problem: missingEnvMessage(missing) };
  return printerTargets(choice.printers, env);
}
