// Finds the OctoPrint-Webhooks settings in a YAML text: OctoPrint's whole config.yaml
// (`plugins: webhooks: …`), the section with its key (`webhooks: …`), or just the section's
// content (`hooks: […]`, or the flat version-1 keys). OctoPrint writes only what differs
// from a plugin's defaults, so every key may be missing; plugin-hook.ts fills them in.
import { parseDocument } from 'yaml';

export class ImportError extends Error {}

/** Keys that only the plugin's settings section has (docs/plugin-compatibility.md#settings). */
const sectionKeys = new Set([
  'hooks', 'settings_version', 'url', 'apiSecret', 'deviceIdentifier', 'webhook_enabled', 'eventPrintStarted', 'eventPrintDone',
  'eventPrintFailed', 'eventPrintPaused', 'eventUserActionNeeded', 'eventError', 'event_print_progress', 'event_print_progress_interval',
  'headers', 'data', 'http_method', 'content_type', 'oauth', 'oauth_url', 'oauth_headers', 'oauth_data', 'oauth_http_method',
  'oauth_content_type',
]);

export type SettingsSource = 'config.yaml' | 'plugins.webhooks section' | 'webhooks section';

export interface FoundSettings {
  settings: Record<string, unknown>;
  source: SettingsSource;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Parses the YAML and returns the plugin's settings object; throws ImportError with a reason. */
export function readPluginSettings(text: string): FoundSettings {
  // YAML 1.2 core schema with OctoPrint's own files in mind: it writes with PyYAML (1.1), whose
  // only practical difference here is `yes`/`no` booleans, which the plugin never writes.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, merge: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const where = e.linePos?.[0] ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    throw new ImportError(`the file is not valid YAML${where}: ${e.message.split('\n')[0]}`);
  }
  const root: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (!isMap(root)) throw new ImportError('the file holds no YAML mapping: expected OctoPrint\'s config.yaml or its plugins.webhooks section');

  const plugins = root.plugins;
  if (isMap(plugins)) {
    const webhooks = plugins.webhooks;
    if (isMap(webhooks)) return { settings: webhooks, source: 'config.yaml' };
    if (webhooks === null || webhooks === undefined) {
      throw new ImportError("config.yaml has no 'plugins.webhooks' section: the plugin is not installed, or all its settings are still the defaults (then it has one hook without a URL, which never sent anything)");
    }
    throw new ImportError("'plugins.webhooks' is not a mapping");
  }
  if (isMap(root.webhooks) && Object.keys(root).length === 1) return { settings: root.webhooks, source: 'webhooks section' };
  if (Object.keys(root).some((k) => sectionKeys.has(k))) return { settings: root, source: 'plugins.webhooks section' };
  throw new ImportError("found neither 'plugins.webhooks' nor the plugin's keys (hooks, url, …): is this OctoPrint's config.yaml?");
}
