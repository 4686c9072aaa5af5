// Small helpers for the Markdown that hovers and completion documentation show.
import { MarkupKind, type MarkupContent } from 'vscode-languageserver/node';
import { pluginTriggers } from '../../language/plugin-triggers.js';
import { schemaTables } from '../schema/tables.js';
import { typeToString } from '../schema/type-utils.js';

export function markdown(...paragraphs: Array<string | undefined | false>): MarkupContent {
  return { kind: MarkupKind.Markdown, value: paragraphs.filter((p): p is string => !!p).join('\n\n') };
}

export function codeBlock(text: string): string {
  return '```octohook\n' + text + '\n```';
}

/** "PrintDone, PrintFailed and 3 more" stays readable for hooks with many triggers. */
export function listNames(names: readonly string[], max = 8): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** "present for PrintDone, PrintFailed; missing for PrintStarted". */
export function presenceLine(present: readonly string[], missing: readonly string[]): string | undefined {
  if (present.length === 0 && missing.length === 0) return undefined;
  if (missing.length === 0) return `Present for ${present.length === 1 ? present[0] : `every trigger of this hook (${listNames(present)})`}.`;
  if (present.length === 0) return `Missing for ${listNames(missing)}: it renders as \`""\` there.`;
  return `Present for ${listNames(present)}; missing for ${listNames(missing)} (renders as \`""\` there).`;
}

/** The documentation of a trigger: what fires it, its topic and the type of `@extra`. */
export function triggerDoc(name: string): string {
  const event = schemaTables.events[name];
  const plugin = pluginTriggers[name];
  const lines: Array<string | undefined> = [
    event?.doc,
    plugin ? `One of the plugin's seven triggers; \`@topic\` is "${plugin.topic}".` : event ? undefined : 'A third-party plugin event: its payload is not known to the checker.',
    event ? `\`@extra\`: \`${typeToString(event.payload)}\`` : undefined,
    event?.since ? `Since OctoPrint ${event.since}.` : undefined,
  ];
  return lines.filter(Boolean).join('\n\n');
}
