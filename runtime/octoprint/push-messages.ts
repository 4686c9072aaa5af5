// Reading push frames. Each text frame holds one JSON object `{<type>: <payload>}`. Known types
// are checked just enough to be safe to hand on (an event needs a string `type`); their other
// fields pass through untouched, so OctoPrint 1.8–1.11 and 2.0 shapes (`health` instead of
// `resends`, new fields) all work. Unknown types are reported as such and ignored by the client.
// Anything else is malformed: the client logs a warning and skips it.
import type { CurrentData, HistoryData } from '../../schema/octoprint-current.js';
import type {
  ConnectedMessagePayload,
  EventMessagePayload,
  PluginMessagePayload,
  ReauthRequiredPayload,
} from '../../schema/octoprint-push.js';
import { isObject } from '../common/is-object.js';

export type KnownPushMessage =
  | { type: 'connected'; payload: ConnectedMessagePayload }
  | { type: 'reauthRequired'; payload: ReauthRequiredPayload }
  | { type: 'history'; payload: HistoryData }
  | { type: 'current'; payload: CurrentData }
  | { type: 'event'; payload: EventMessagePayload }
  | { type: 'plugin'; payload: PluginMessagePayload };

export type ParsedFrame =
  | { kind: 'message'; message: KnownPushMessage }
  | { kind: 'ignored'; type: string }
  | { kind: 'malformed'; reason: string };


function describeKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

/** Classifies one message (`{type: payload}`) of a frame. */
function classify(type: string, payload: unknown): ParsedFrame {
  switch (type) {
    case 'connected':
    case 'history':
    case 'current':
      if (!isObject(payload)) return { kind: 'malformed', reason: `"${type}" carries ${describeKind(payload)}, not an object` };
      return { kind: 'message', message: { type, payload } as unknown as KnownPushMessage };
    case 'reauthRequired':
      if (!isObject(payload)) return { kind: 'malformed', reason: `"reauthRequired" carries ${describeKind(payload)}, not an object` };
      return { kind: 'message', message: { type, payload: payload as unknown as ReauthRequiredPayload } };
    case 'event':
      if (!isObject(payload) || typeof payload.type !== 'string') return { kind: 'malformed', reason: 'an "event" without a string "type"' };
      return { kind: 'message', message: { type, payload: { type: payload.type, payload: (payload.payload ?? null) as EventMessagePayload['payload'] } } };
    case 'plugin':
      if (!isObject(payload) || typeof payload.plugin !== 'string') return { kind: 'malformed', reason: 'a "plugin" message without a string "plugin" id' };
      return { kind: 'message', message: { type, payload: { plugin: payload.plugin, data: payload.data } } };
    default:
      return { kind: 'ignored', type };
  }
}

/**
 * Parses one text frame into its messages. OctoPrint sends one message per frame; a frame with
 * several keys yields one entry per key.
 */
export function parsePushFrame(text: string): ParsedFrame[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [{ kind: 'malformed', reason: 'not valid JSON' }];
  }
  if (!isObject(data)) return [{ kind: 'malformed', reason: `${describeKind(data)}, not a JSON object` }];
  const keys = Object.keys(data);
  if (!keys.length) return [{ kind: 'malformed', reason: 'an empty object' }];
  return keys.map((k) => classify(k, data[k]));
}

/** The first characters of a frame for a log line (frames can be 100 kB and more). */
export function frameExcerpt(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max)}… (${text.length} chars)` : oneLine;
}
