// The settings each block allows, with a line of documentation and the values worth offering.
// The names must match what the checker accepts: the hook's come from the checker itself;
// the others are lists inside the checker's files, so a test compiles every name listed here
// and proves none is reported as unknown.
import { hookSettings } from '../phases/2-check/check-hook.js';
import { httpMethods as methods } from '../phases/2-check/setting-values.js';

/** A block whose body is settings: `key value` lines. `snapshot` is a hook's own snapshot block. */
export type SettingsBlock = 'hook' | 'oauth' | 'octoprint' | 'webcam' | 'snapshot' | 'status';

export interface SettingInfo {
  name: string;
  doc: string;
  /** Words that complete the value; `oauth` names are added from the file. */
  values?: readonly string[];
}

// Partial: a setting the checker gains before this table does is still offered, with a plain line.
const hookDocs: Partial<Record<(typeof hookSettings)[number], Omit<SettingInfo, 'name'>>> = {
  url: { doc: 'Where the request goes: a URL template, so `@params` may appear in it.' },
  method: { doc: 'The HTTP method (default POST).', values: methods },
  content: { doc: 'How the body is encoded: `json` (default), `form` or `multipart` (automatic when `data` sends `@snapshot`).', values: ['json', 'form', 'multipart'] },
  headers: { doc: 'Extra request headers: `{ Authorization: "Bearer @token.access_token" }`. Values are text templates.' },
  data: { doc: 'The body (the query string for GET): a JSON5-like object whose values may be `@params`. `@snapshot` may be one of its top-level values.' },
  oauth: { doc: "The oauth block this hook fetches a token from before sending; its JSON answer is `@NAME.…`." },
  device: { doc: "This hook's `@deviceIdentifier`, overriding the file's `device`: text or `@env.NAME`." },
  secret: { doc: "This hook's `@apiSecret`, overriding the file's `secret`: best as `@env.NAME`, so it is never compiled in." },
  messages: { doc: 'The `@message` text per trigger: `{ PrintDone "…" }`. Each text is a template checked against its trigger.' },
  enabled: { doc: '`enabled false` keeps the hook in the file but never sends it.', values: ['true', 'false'] },
  timeout: { doc: 'How long one delivery may take: a duration from `1s` to `10m` (default `10s`).' },
  cooldown: { doc: 'Drops a repeat of the same trigger within this window: a duration up to `24h` (default none).' },
  snapshot: { doc: "This hook's snapshot settings, overriding `webcam`: `{ url, fit, quality, flip, rotate, timeout }`." },
  retry: { doc: 'How a failed delivery is tried again: `retry off`, `retry 3` (attempts), `retry [10s, 1m, 10m]` or `retry { attempts 3, schedule [10s, 1m] }`. Default: at once, then after 5s, 5m, 30m and 2h.', values: ['off'] },
  sign: { doc: 'Signs each request the Standard Webhooks way with the secret in `@env.NAME` (never written in the file).' },
};

const imageSettings: SettingInfo[] = [
  { name: 'fit', doc: 'The largest size the image is scaled down to, keeping its proportions: `W x H` (default `1640 x 1232`).' },
  { name: 'quality', doc: 'JPEG quality from 1 to 100 (default 85).' },
  { name: 'flip', doc: "Mirror the image: `h`, `v`, `both` or `none` (default: OctoPrint's own webcam settings).", values: ['h', 'v', 'both', 'none'] },
  { name: 'rotate', doc: "Rotate counter-clockwise by `0`, `90`, `180` or `270` degrees (default: OctoPrint's own webcam settings).", values: ['0', '90', '180', '270'] },
  { name: 'timeout', doc: 'How long fetching the snapshot may take: `100ms` to `60s` (default `5s`). A hook is sent without the image when it fails.' },
];

const tables: Record<SettingsBlock, readonly SettingInfo[]> = {
  hook: hookSettings.map((name) => ({ name, ...(hookDocs[name] ?? { doc: `A setting of a hook.` }) })),
  oauth: [
    { name: 'url', doc: 'The token endpoint. Only `@env.NAME` may appear: it is requested before any event data exists.' },
    { name: 'method', doc: 'The HTTP method of the token request (default POST).', values: methods },
    { name: 'content', doc: 'How `data` is encoded: `json` (default) or `form`.', values: ['json', 'form'] },
    { name: 'headers', doc: 'Headers of the token request. Only `@env.NAME` may appear.' },
    { name: 'data', doc: 'The token request body, e.g. `{ grant_type: "client_credentials", client_secret: @env.CLIENT_SECRET }`.' },
    { name: 'returns', doc: 'The fields of the JSON answer and their types: `{ access_token: string, expires_in: number }`. Hooks read them as `@NAME.field`.' },
  ],
  octoprint: [
    { name: 'url', doc: "OctoPrint's address, e.g. `\"http://127.0.0.1:5000\"` (the runtime's `--octoprint` flag and `OCTOPRINT_URL` override it)." },
    { name: 'apikey', doc: "OctoPrint's API key, best as `@env.OCTOPRINT_API_KEY` (`--api-key` and `OCTOPRINT_API_KEY` override it)." },
  ],
  webcam: [{ name: 'snapshot', doc: "The webcam's snapshot URL (default: OctoPrint's own webcam settings)." }, ...imageSettings],
  snapshot: [{ name: 'url', doc: "The snapshot URL for this hook (default: `webcam`'s, else OctoPrint's)." }, ...imageSettings],
  status: [
    { name: 'listen', doc: 'The status page\'s address, `"HOST:PORT"` (default `"127.0.0.1:8787"`; `--status` overrides it).' },
    { name: 'token', doc: 'The bearer token for actions (and reads), only as `@env.NAME`; without it the daemon makes one and prints it once.' },
    { name: 'public', doc: '`public read`: reading the page, JSON and metrics needs no token (actions still do).' },
  ],
};

export function settingsOf(block: SettingsBlock): readonly SettingInfo[] {
  return tables[block];
}

export function settingInfo(block: SettingsBlock, name: string): SettingInfo | undefined {
  return tables[block].find((s) => s.name === name);
}

/** The types a field of an oauth block's `returns` may have. */
export const returnTypes = ['string', 'number', 'boolean', 'object', 'array'] as const;

/** The top-level forms, for completion at the start of an item. */
export const topLevelForms: ReadonlyArray<{ name: string; doc: string }> = [
  { name: 'device', doc: 'The default `@deviceIdentifier` for every hook: `device "Prusa MK3S"`.' },
  { name: 'secret', doc: 'The default `@apiSecret` for every hook, best as `secret @env.NAME`.' },
  { name: 'octoprint', doc: 'Where the runtime connects: `octoprint { url, apikey }`.' },
  { name: 'webcam', doc: 'Snapshot source and shape: `webcam { snapshot, fit, quality, flip, rotate, timeout }`.' },
  { name: 'messages', doc: 'The default `@message` per trigger: `messages { PrintDone "…" }`.' },
  { name: 'status', doc: 'The daemon\'s status page and metrics: `status { listen, token, public read }`.' },
  { name: 'oauth', doc: 'A token request whose JSON answer hooks read as `@NAME.…`: `oauth NAME { url, method, content, headers, data, returns }`.' },
  { name: 'hook', doc: 'One webhook: `hook NAME on PrintDone, Progress every 10% { url … }`.' },
];
