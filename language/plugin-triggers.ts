// The OctoPrint-Webhooks plugin's seven triggers, with its exact topic texts and default
// messages (docs/plugin-compatibility.md#triggers-and-topics). Every other OctoPrint event is a trigger too,
// under its wire name, with a readable topic derived from that name.

export interface PluginTrigger {
  topic: string;
  message: string;
}

export const pluginTriggers: Readonly<Record<string, PluginTrigger>> = {
  PrintStarted: { topic: 'Print Started', message: 'Your print has started.' },
  PrintDone: { topic: 'Print Done', message: 'Your print is done.' },
  PrintFailed: { topic: 'Print Failed', message: 'Something went wrong and your print has failed.' },
  PrintPaused: { topic: 'Print Paused', message: 'Your print has paused. You might need to change the filament color.' },
  UserActionNeeded: { topic: 'User Action Needed', message: 'User action needed. You might need to change the filament color.' },
  Error: { topic: 'Error', message: 'There was an error.' },
  // The plugin's text has a space before '%' because its parameter names ended only at a space.
  Progress: { topic: 'Print Progress', message: 'Your print is @percentCompleteMilestone % complete.' },
};

/** `PrintResumed` → `Print Resumed`, `plugin_backup_backup_created` → `Backup Backup Created`, `EStop` → `E Stop`. */
export function topicFor(event: string): string {
  const known = pluginTriggers[event];
  if (known) return known.topic;
  const name = event.startsWith('plugin_') ? event.slice('plugin_'.length) : event;
  return name
    .split('_')
    .filter(Boolean)
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2'))
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}

/** The default `@message` of a trigger: the plugin's text, else the topic as a sentence. */
export function defaultMessageFor(event: string): string {
  return pluginTriggers[event]?.message ?? `${topicFor(event)}.`;
}
