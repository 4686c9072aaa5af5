// A hook's `from mk3, mini` limits it to the events of those printers; without `from` it
// hears every printer. Both the dispatcher and each printer's progress milestones ask.
import type { CompiledHook } from '../compiled-module.js';

/** Whether `hook` fires for events of `printer` (undefined: the caller does not filter by printer). */
export function hearsPrinter(hook: Pick<CompiledHook, 'from'>, printer: string | undefined): boolean {
  return printer === undefined || !hook.from || hook.from.includes(printer);
}
