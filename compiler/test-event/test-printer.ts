// Which printer `octohookc test` says an event came from (`@printer`, and the printer's
// `device` as `@deviceIdentifier`): the one `--printer NAME` names, else the first printer the
// hook fires for; a file without printer blocks has the one printer `octoprint`. Its `url` is
// shown the way the daemon shows it, without credentials.
import type { CompiledHook, CompiledModule, RenderContext } from '../../runtime/compiled-module.js';
import { octoprintAddress } from '../../runtime/cli/preflight.js';
import { displayUrl } from '../../runtime/octoprint/urls.js';
import { hearsPrinter } from '../../runtime/dispatch/hears-printer.js';
import { DEFAULT_PRINTER_NAME, type PrinterIdentity } from '../../runtime/dispatch/firing.js';

/** `@printer` of the test's firing, as the daemon's firings carry it. */
export type TestPrinter = PrinterIdentity;

/** The printer blocks' names; empty for a single-printer file. */
export function printerNames(module: CompiledModule): string[] {
  return (module.printers ?? []).map((p) => p.name);
}

/** The printer a test of `hook` stands for: `chosen` (a name checked by the caller), else the first the hook fires for. */
export function testPrinter(module: CompiledModule, hook: CompiledHook, env: Record<string, string | undefined>, chosen?: string): TestPrinter {
  const ctx = { env } as RenderContext;
  const printers = module.printers ?? [];
  if (printers.length === 0) return { name: DEFAULT_PRINTER_NAME, url: displayUrl(octoprintAddress(module, undefined, env).url), device: null };
  const p = printers.find((x) => x.name === chosen) ?? printers.find((x) => hearsPrinter(hook, x.name)) ?? printers[0];
  return { name: p.name, url: shownUrl(p.url(ctx)), device: p.device ? p.device(ctx) : null };
}

/** The address without credentials; `<unset MK3_URL>` (a dry run's stand-in) says more than `<invalid URL>`. */
function shownUrl(raw: string): string {
  const shown = displayUrl(raw);
  return shown === '<invalid URL>' && /^<unset [A-Z0-9_]+>$/i.test(raw) ? raw : shown;
}
