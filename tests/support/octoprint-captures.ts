// The recorded OctoPrint 1.10.3 push traffic in fixtures/octoprint-captures/push.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from './project-root.js';

export const capturesDir = join(fixturesDir, 'octoprint-captures', 'push');

export interface CapturedLine {
  t: number;
  msg: Record<string, unknown>;
}

/** One recording, e.g. `loadCapture('default-done')`. */
export function loadCapture(name: string): CapturedLine[] {
  return readFileSync(join(capturesDir, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CapturedLine);
}

export function captureNames(): string[] {
  return readdirSync(capturesDir)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => f.replace(/\.jsonl$/, ''));
}

/**
 * What a message is, for grouping: `current`, `history`, `event:PrintDone`,
 * `event:PrintFailed:cancelled`, `plugin:firmware_check`…
 */
export function messageKey(msg: Record<string, unknown>): string {
  const type = Object.keys(msg)[0];
  const body = msg[type] as Record<string, unknown> | null;
  if (type === 'event' && body) {
    const payload = body.payload as Record<string, unknown> | null;
    return body.type === 'PrintFailed' && payload ? `event:PrintFailed:${String(payload.reason)}` : `event:${String(body.type)}`;
  }
  if (type === 'plugin' && body) return `plugin:${String(body.plugin)}`;
  return type;
}

/** Every recorded message grouped by key. */
export function capturedByKey(): Map<string, Record<string, unknown>[]> {
  const map = new Map<string, Record<string, unknown>[]>();
  for (const name of captureNames()) {
    for (const { msg } of loadCapture(name)) {
      const key = messageKey(msg);
      let list = map.get(key);
      if (!list) map.set(key, (list = []));
      list.push(msg);
    }
  }
  return map;
}

/** Keys that exist only because of plugins installed on the lab server, not OctoPrint itself. */
export function isLabPluginKey(key: string): boolean {
  return key.startsWith('event:plugin_webhooks_') || key.startsWith('event:plugin_achievements_');
}

/** The ordered event types of a recording, without lab-plugin events, ClientAuthed and ZChange. */
export function capturedEventOrder(name: string): string[] {
  return loadCapture(name)
    .map(({ msg }) => messageKey(msg))
    .filter((k) => (k.startsWith('event:') || k.startsWith('plugin:')) && !isLabPluginKey(k) && k !== 'event:ClientAuthed' && k !== 'event:ZChange');
}
