// The plugin's hook, as the plugin itself would see it: every key of its settings
// (docs/plugin-compatibility.md#settings) with the plugin's defaults filled in, from either settings form —
// the flat version-1 keys (one hook, which the plugin migrated at start-up) or the `hooks`
// list of version 2 and later. Values are kept raw (the interval stays a string, headers and
// data stay JSON text): translating them is the next step's business, with the plugin's
// own reading in mind.

export const pluginEvents = ['PrintStarted', 'PrintDone', 'PrintFailed', 'PrintPaused', 'UserActionNeeded', 'Error', 'Progress'] as const;
export type PluginEvent = (typeof pluginEvents)[number];

const flagKey: Record<PluginEvent, string> = {
  PrintStarted: 'eventPrintStarted',
  PrintDone: 'eventPrintDone',
  PrintFailed: 'eventPrintFailed',
  PrintPaused: 'eventPrintPaused',
  UserActionNeeded: 'eventUserActionNeeded',
  Error: 'eventError',
  Progress: 'event_print_progress',
};

const messageKey: Record<PluginEvent, string> = {
  PrintStarted: 'eventPrintStartedMessage',
  PrintDone: 'eventPrintDoneMessage',
  PrintFailed: 'eventPrintFailedMessage',
  PrintPaused: 'eventPrintPausedMessage',
  UserActionNeeded: 'eventUserActionNeededMessage',
  Error: 'eventErrorMessage',
  Progress: 'eventPrintProgressMessage',
};

/** The plugin's default messages (`get_settings_defaults`, I:189-215). */
export const pluginDefaultMessages: Record<PluginEvent, string> = {
  PrintStarted: 'Your print has started.',
  PrintDone: 'Your print is done.',
  PrintFailed: 'Something went wrong and your print has failed.',
  PrintPaused: 'Your print has paused. You might need to change the filament color.',
  UserActionNeeded: 'User action needed. You might need to change the filament color.',
  Error: 'There was an error.',
  Progress: 'Your print is @percentCompleteMilestone % complete.',
};

export const pluginDefaultHeaders = '{\n  "Content-Type": "application/json"\n}';

export const pluginDefaultData = JSON.stringify(
  Object.fromEntries(
    ['deviceIdentifier', 'apiSecret', 'topic', 'message', 'extra', 'state', 'job', 'progress', 'currentZ', 'offsets', 'meta', 'currentTime', 'snapshot'].map((k) => [k, `@${k}`]),
  ),
  null,
  2,
);

export const pluginDefaultOAuthData = JSON.stringify({ client_id: 'myClient', client_secret: 'mySecret', grant_type: 'client_credentials' }, null, 2);

export interface PluginOAuth {
  enabled: boolean;
  url: string;
  headers: string;
  data: string;
  method: string;
  contentType: string;
}

export interface PluginHook {
  /** Position in the plugin's list (0 for the flat form). */
  index: number;
  enabled: boolean;
  url: string;
  apiSecret: string;
  deviceIdentifier: string;
  events: Record<PluginEvent, boolean>;
  /** As stored: a string the plugin converted with int() on every progress tick. */
  progressInterval: string;
  messages: Record<PluginEvent, string>;
  method: string;
  contentType: string;
  /** JSON text, parsed by the plugin only when sending. */
  headers: string;
  data: string;
  oauth: PluginOAuth;
  /** The adopted fork's additions (4.x), when present. */
  cooldownSeconds?: number;
  customEvents?: Array<{ name: string; message: string }>;
  verifySsl?: boolean;
}

export interface PluginSettings {
  form: 'flat (settings version 1)' | 'hooks list';
  hooks: PluginHook[];
  /** Facts about the settings themselves worth a comment in the output. */
  notes: string[];
}

/** Python's truthiness, which is how the plugin read its flags. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** A text setting: strings as they are, numbers as Python's str() would give, YAML maps (hand-edited JSON settings) as JSON. */
function text(v: unknown, fallback: string): string {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function flag(o: Record<string, unknown>, key: string, fallback: boolean): boolean {
  return key in o ? truthy(o[key]) : fallback;
}

export function pluginHookFrom(o: Record<string, unknown>, index: number): PluginHook {
  const events = {} as Record<PluginEvent, boolean>;
  const messages = {} as Record<PluginEvent, string>;
  for (const e of pluginEvents) {
    events[e] = flag(o, flagKey[e], e !== 'Progress');
    messages[e] = text(o[messageKey[e]], pluginDefaultMessages[e]);
  }
  const hook: PluginHook = {
    index,
    enabled: flag(o, 'webhook_enabled', true),
    url: text(o.url, ''),
    apiSecret: text(o.apiSecret, ''),
    deviceIdentifier: text(o.deviceIdentifier, ''),
    events,
    progressInterval: text(o.event_print_progress_interval, '50'),
    messages,
    method: text(o.http_method, 'POST'),
    contentType: text(o.content_type, 'JSON'),
    headers: text(o.headers, pluginDefaultHeaders),
    data: text(o.data, pluginDefaultData),
    oauth: {
      enabled: flag(o, 'oauth', false),
      url: text(o.oauth_url, ''),
      headers: text(o.oauth_headers, pluginDefaultHeaders),
      data: text(o.oauth_data, pluginDefaultOAuthData),
      method: text(o.oauth_http_method, 'POST'),
      contentType: text(o.oauth_content_type, 'JSON'),
    },
  };
  if (typeof o.event_cooldown === 'number' || typeof o.event_cooldown === 'string') {
    const n = Number(o.event_cooldown);
    if (Number.isFinite(n) && n > 0) hook.cooldownSeconds = n;
  }
  if (Array.isArray(o.customEvents)) {
    hook.customEvents = o.customEvents
      .filter((c): c is Record<string, unknown> => !!c && typeof c === 'object')
      .map((c) => ({ name: text(c.name, ''), message: text(c.message, '') }))
      .filter((c) => c.name !== '');
  }
  if ('verify_ssl' in o) hook.verifySsl = truthy(o.verify_ssl);
  return hook;
}

/** Both settings forms, as the plugin (3.0.3) would have run them after its start-up migration. */
export function pluginSettingsFrom(settings: Record<string, unknown>): PluginSettings {
  const notes: string[] = [];
  const list = Array.isArray(settings.hooks) ? settings.hooks : null;
  const version = Number(settings.settings_version ?? 1);
  if (list && list.length > 0) {
    const hooks: PluginHook[] = [];
    list.forEach((h, i) => {
      if (h && typeof h === 'object' && !Array.isArray(h)) hooks.push(pluginHookFrom(h as Record<string, unknown>, i));
      else notes.push(`hooks[${i}] is not a mapping; skipped`);
    });
    return { form: 'hooks list', hooks, notes };
  }
  if (version <= 1) {
    // OctoPrint stores only what differs from the defaults, so the flat keys may be few or none.
    return { form: 'flat (settings version 1)', hooks: [pluginHookFrom(settings, 0)], notes };
  }
  notes.push('the plugin has no hooks configured (an empty hooks list)');
  return { form: 'hooks list', hooks: [], notes };
}
