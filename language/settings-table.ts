// Every setting the language has, as data: which block it belongs to, how the checker reads
// its value (the reader and its range or allowed values), what it is when absent, what the
// reference says about it, and which words complete it. The checker reads its names, ranges
// and defaults from here, the language server its completion and hover, and the docs test
// proves docs/language.md lists each one with this default.
import { defaultMethod, hookCooldownMs, hookTimeoutMs, retryDefaults, snapshotDefaults, snapshotLimits } from './defaults.js';

/** The blocks whose bodies are settings; `snapshot` is a hook's own, `top` the file's top level. */
export type SettingsBlock = 'top' | 'hook' | 'oauth' | 'octoprint' | 'printer' | 'webcam' | 'snapshot' | 'retry' | 'status';

/** Which parameters a setting's value may hold. */
export type ParamsAllowed =
  /** None: the value is read as a word, number, duration… */
  | 'none'
  /** Only `@env.NAME`: read before any event exists. */
  | 'env'
  /** Any parameter of the hook's triggers (a message's: of its one trigger). */
  | 'event';

export type Reader =
  | { kind: 'url' }
  | { kind: 'method'; values: readonly HttpMethod[] }
  | { kind: 'word'; values: readonly string[]; what: string }
  | { kind: 'boolean' }
  | { kind: 'duration'; minMs: number; maxMs: number }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'size'; min: number; max: number }
  | { kind: 'choice'; values: readonly number[] }
  | { kind: 'text-or-env'; secret: boolean }
  | { kind: 'headers' }
  | { kind: 'data' }
  | { kind: 'oauth-name' }
  | { kind: 'messages' }
  | { kind: 'snapshot' }
  | { kind: 'retry' }
  | { kind: 'delays'; maxMs: number }
  | { kind: 'sign' }
  | { kind: 'returns'; types: readonly string[] }
  | { kind: 'block' }
  | { kind: 'listen' }
  | { kind: 'env-name' };

export interface SettingSpec<R extends Reader = Reader> {
  name: string;
  block: SettingsBlock;
  reader: R;
  params: ParamsAllowed;
  /** The checker reports the setting missing (where it can). */
  required?: boolean;
  /** The default as the reference's tables write it. */
  defaultText: string;
  /** One line for hover and completion. */
  doc: string;
  /** Words that complete the value (an oauth setting's names come from the file). */
  values?: readonly string[];
}

// The compiled-module contract (runtime/compiled-module.ts) spells the same five; the checker
// hands a method of this list to it, so the type checker proves the two agree.
export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof httpMethods)[number];
/** The types a field of an oauth block's `returns` may have. */
export const returnTypes = ['string', 'number', 'boolean', 'object', 'array'] as const;
export const flipValues: readonly string[] = ['h', 'v', 'both', 'none'];
export const rotations: readonly number[] = [0, 90, 180, 270];

/** What the checker uses when a setting is left out. */
export const defaults = {
  method: defaultMethod as HttpMethod,
  enabled: true,
  hookTimeoutMs: hookTimeoutMs.default,
  cooldownMs: hookCooldownMs.default,
  /** Standard Webhooks: at once, then after 5 s, 5 m, 30 m and 2 h. */
  retryDelaysMs: retryDefaults.delaysMs,
  snapshot: snapshotDefaults,
} as const;

const s = <R extends Reader>(spec: SettingSpec<R>): SettingSpec<R> => spec;

const hook = {
  url: s({ name: 'url', block: 'hook', reader: { kind: 'url' }, params: 'event', required: true, defaultText: '—', doc: 'Where the request goes: a URL template, so `@params` may appear in it.' }),
  method: s({ name: 'method', block: 'hook', reader: { kind: 'method', values: httpMethods }, params: 'none', defaultText: '`POST`', doc: 'The HTTP method (default POST).', values: httpMethods }),
  content: s({ name: 'content', block: 'hook', reader: { kind: 'word', values: ['json', 'form', 'multipart'], what: 'json, form or multipart' }, params: 'none', defaultText: '`json`; `multipart` when `data` holds `@snapshot`', doc: 'How the body is encoded: `json` (default), `form` or `multipart` (automatic when `data` sends `@snapshot`).', values: ['json', 'form', 'multipart'] }),
  headers: s({ name: 'headers', block: 'hook', reader: { kind: 'headers' }, params: 'event', defaultText: 'none', doc: 'Extra request headers: `{ Authorization: "Bearer @token.access_token" }`. Values are text templates.' }),
  data: s({ name: 'data', block: 'hook', reader: { kind: 'data' }, params: 'event', defaultText: 'none (no body)', doc: 'The body (the query string for GET): a JSON5-like object whose values may be `@params`. `@snapshot` may be one of its top-level values.' }),
  oauth: s({ name: 'oauth', block: 'hook', reader: { kind: 'oauth-name' }, params: 'none', defaultText: 'none', doc: "The oauth block this hook fetches a token from before sending; its JSON answer is `@NAME.…`." }),
  device: s({ name: 'device', block: 'hook', reader: { kind: 'text-or-env', secret: false }, params: 'env', defaultText: "the event's printer's `device`, else the file's `device`, else `\"\"`", doc: "This hook's `@deviceIdentifier`, overriding the printer's and the file's `device`: text or `@env.NAME`." }),
  secret: s({ name: 'secret', block: 'hook', reader: { kind: 'text-or-env', secret: true }, params: 'env', defaultText: "the file's `secret`, else `\"\"`", doc: "This hook's `@apiSecret`, overriding the file's `secret`: best as `@env.NAME`, so it is never compiled in." }),
  messages: s({ name: 'messages', block: 'hook', reader: { kind: 'messages' }, params: 'event', defaultText: "the file's `messages`, else the built-in texts", doc: 'The `@message` text per trigger: `{ PrintDone "…" }`. Each text is a template checked against its trigger.' }),
  enabled: s({ name: 'enabled', block: 'hook', reader: { kind: 'boolean' }, params: 'none', defaultText: '`true`', doc: '`enabled false` keeps the hook in the file but never sends it.', values: ['true', 'false'] }),
  timeout: s({ name: 'timeout', block: 'hook', reader: { kind: 'duration', minMs: hookTimeoutMs.min, maxMs: hookTimeoutMs.max }, params: 'none', defaultText: '`10s`', doc: 'How long one delivery may take: a duration from `1s` to `10m` (default `10s`).' }),
  cooldown: s({ name: 'cooldown', block: 'hook', reader: { kind: 'duration', minMs: hookCooldownMs.min, maxMs: hookCooldownMs.max }, params: 'none', defaultText: '`0s` (off)', doc: 'Drops a repeat of the same trigger within this window: a duration up to `24h` (default none).' }),
  snapshot: s({ name: 'snapshot', block: 'hook', reader: { kind: 'snapshot' }, params: 'env', defaultText: "the file's `webcam` block", doc: "This hook's snapshot settings, overriding `webcam`: `{ url, fit, quality, flip, rotate, timeout }`." }),
  retry: s({ name: 'retry', block: 'hook', reader: { kind: 'retry' }, params: 'none', defaultText: '5 attempts: at once, then after 5s, 5m, 30m, 2h', doc: 'How a failed delivery is tried again: `retry off`, `retry 3` (attempts), `retry [10s, 1m, 10m]` or `retry { attempts 3, schedule [10s, 1m] }`. Default: at once, then after 5s, 5m, 30m and 2h.', values: ['off'] }),
  sign: s({ name: 'sign', block: 'hook', reader: { kind: 'sign' }, params: 'env', defaultText: 'unsigned', doc: 'Signs each request the Standard Webhooks way with the secret in `@env.NAME` (never written in the file).' }),
};

const oauth = {
  url: s({ name: 'url', block: 'oauth', reader: { kind: 'url' }, params: 'env', required: true, defaultText: 'required', doc: 'The token endpoint. Only `@env.NAME` may appear: it is requested before any event data exists.' }),
  method: s({ name: 'method', block: 'oauth', reader: { kind: 'method', values: httpMethods }, params: 'none', defaultText: '`POST`', doc: 'The HTTP method of the token request (default POST).', values: httpMethods }),
  content: s({ name: 'content', block: 'oauth', reader: { kind: 'word', values: ['json', 'form'], what: 'json or form' }, params: 'none', defaultText: '`json`', doc: 'How `data` is encoded: `json` (default) or `form`.', values: ['json', 'form'] }),
  headers: s({ name: 'headers', block: 'oauth', reader: { kind: 'headers' }, params: 'env', defaultText: 'none', doc: 'Headers of the token request. Only `@env.NAME` may appear.' }),
  data: s({ name: 'data', block: 'oauth', reader: { kind: 'data' }, params: 'env', defaultText: 'none', doc: 'The token request body, e.g. `{ grant_type: "client_credentials", client_secret: @env.CLIENT_SECRET }`.' }),
  returns: s({ name: 'returns', block: 'oauth', reader: { kind: 'returns', types: returnTypes }, params: 'none', defaultText: 'unchecked answer', doc: 'The fields of the JSON answer and their types: `{ access_token: string, expires_in: number }`. Hooks read them as `@NAME.field`.' }),
};

const octoprint = {
  url: s({ name: 'url', block: 'octoprint', reader: { kind: 'url' }, params: 'env', defaultText: '`http://127.0.0.1:5000`', doc: "OctoPrint's address, e.g. `\"http://127.0.0.1:5000\"` (the runtime's `--octoprint` flag and `OCTOPRINT_URL` override it)." }),
  apikey: s({ name: 'apikey', block: 'octoprint', reader: { kind: 'text-or-env', secret: true }, params: 'env', defaultText: 'none', doc: "OctoPrint's API key, best as `@env.OCTOPRINT_API_KEY` (`--api-key` and `OCTOPRINT_API_KEY` override it)." }),
};

/** One OctoPrint of a print farm: `printer NAME { url … apiKey … device … }`. */
const printer = {
  url: s({ name: 'url', block: 'printer', reader: { kind: 'url' }, params: 'env', required: true, defaultText: 'required', doc: 'This printer\'s OctoPrint address, e.g. `"http://mk3.local"` or `@env.MK3_URL`. `@printer.url` is it without credentials.' }),
  apiKey: s({ name: 'apiKey', block: 'printer', reader: { kind: 'text-or-env', secret: true }, params: 'env', required: true, defaultText: 'required', doc: "This printer's OctoPrint API key, as `@env.NAME` (read at run time, never compiled in)." }),
  device: s({ name: 'device', block: 'printer', reader: { kind: 'text-or-env', secret: false }, params: 'env', defaultText: "the file's `device`", doc: "This printer's `@deviceIdentifier` and `@printer.device` (a hook's own `device` still wins): text or `@env.NAME`." }),
};

/** The default address of the status page (`--status` and `status { listen }` override it). */
export const defaultStatusListen = '127.0.0.1:8787';

const status = {
  listen: s({ name: 'listen', block: 'status', reader: { kind: 'listen' }, params: 'none', defaultText: '`"127.0.0.1:8787"`', doc: 'The status page\'s address, `"HOST:PORT"` (default `"127.0.0.1:8787"`; `--status` overrides it).' }),
  token: s({ name: 'token', block: 'status', reader: { kind: 'env-name' }, params: 'env', defaultText: 'one made at start and printed once', doc: 'The bearer token for actions (and reads), only as `@env.NAME`; without it the daemon makes one and prints it once.' }),
  public: s({ name: 'public', block: 'status', reader: { kind: 'word', values: ['read'], what: "'read'" }, params: 'none', defaultText: 'off', doc: '`public read`: reading the page, JSON and metrics needs no token (actions still do).', values: ['read'] }),
};

/** The image settings `webcam` and a hook's `snapshot` share. */
function image(block: 'webcam' | 'snapshot') {
  return {
    fit: s({ name: 'fit', block, reader: { kind: 'size', min: snapshotLimits.fitMin, max: snapshotLimits.fitMax }, params: 'none', defaultText: '`1640 x 1232`', doc: 'The largest size the image is scaled down to, keeping its proportions: `W x H` (default `1640 x 1232`).' }),
    quality: s({ name: 'quality', block, reader: { kind: 'number', min: snapshotLimits.quality.min, max: snapshotLimits.quality.max }, params: 'none', defaultText: '`85`', doc: 'JPEG quality from 1 to 100 (default 85).' }),
    flip: s({ name: 'flip', block, reader: { kind: 'word', values: flipValues, what: 'h, v, both or none' }, params: 'none', defaultText: "OctoPrint's webcam setting", doc: "Mirror the image: `h`, `v`, `both` or `none` (default: OctoPrint's own webcam settings).", values: flipValues }),
    rotate: s({ name: 'rotate', block, reader: { kind: 'choice', values: rotations }, params: 'none', defaultText: "OctoPrint's webcam setting", doc: "Rotate counter-clockwise by `0`, `90`, `180` or `270` degrees (default: OctoPrint's own webcam settings).", values: rotations.map(String) }),
    timeout: s({ name: 'timeout', block, reader: { kind: 'duration', minMs: snapshotLimits.timeoutMs.min, maxMs: snapshotLimits.timeoutMs.max }, params: 'none', defaultText: '`5s`', doc: 'How long fetching the snapshot may take: `100ms` to `60s` (default `5s`). A hook is sent without the image when it fails.' }),
  };
}

const webcam = {
  snapshot: s({ name: 'snapshot', block: 'webcam', reader: { kind: 'url' }, params: 'env', defaultText: "OctoPrint's own webcam snapshot URL", doc: "The webcam's snapshot URL (default: OctoPrint's own webcam settings)." }),
  ...image('webcam'),
};

const snapshot = {
  url: s({ name: 'url', block: 'snapshot', reader: { kind: 'url' }, params: 'env', defaultText: "`webcam`'s, else OctoPrint's", doc: "The snapshot URL for this hook (default: `webcam`'s, else OctoPrint's)." }),
  ...image('snapshot'),
};

const retry = {
  attempts: s({ name: 'attempts', block: 'retry', reader: { kind: 'number', min: 1, max: retryDefaults.maxAttempts }, params: 'none', defaultText: '5', doc: 'How many attempts in all, the first included (1 to 20).' }),
  schedule: s({ name: 'schedule', block: 'retry', reader: { kind: 'delays', maxMs: retryDefaults.maxDelayMs }, params: 'none', defaultText: '`[5s, 5m, 30m, 2h]`', doc: 'The delays between attempts, each from `0s` to `168h`.' }),
};

/** The top-level forms, in the order completion offers them. */
const top = {
  device: s({ name: 'device', block: 'top', reader: { kind: 'text-or-env', secret: false }, params: 'env', defaultText: '`""`', doc: 'The default `@deviceIdentifier` for every hook: `device "Prusa MK3S"`.' }),
  secret: s({ name: 'secret', block: 'top', reader: { kind: 'text-or-env', secret: true }, params: 'env', defaultText: '`""`', doc: 'The default `@apiSecret` for every hook, best as `secret @env.NAME`.' }),
  octoprint: s({ name: 'octoprint', block: 'top', reader: { kind: 'block' }, params: 'env', defaultText: 'none', doc: 'Where the runtime connects: `octoprint { url, apikey }`.' }),
  webcam: s({ name: 'webcam', block: 'top', reader: { kind: 'block' }, params: 'env', defaultText: 'none', doc: 'Snapshot source and shape: `webcam { snapshot, fit, quality, flip, rotate, timeout }`.' }),
  messages: s({ name: 'messages', block: 'top', reader: { kind: 'messages' }, params: 'event', defaultText: 'the built-in texts', doc: 'The default `@message` per trigger: `messages { PrintDone "…" }`.' }),
  status: s({ name: 'status', block: 'top', reader: { kind: 'block' }, params: 'env', defaultText: 'none (no status page)', doc: 'The daemon\'s status page and metrics: `status { listen, token, public read }`.' }),
  oauth: s({ name: 'oauth', block: 'top', reader: { kind: 'block' }, params: 'env', defaultText: 'none', doc: 'A token request whose JSON answer hooks read as `@NAME.…`: `oauth NAME { url, method, content, headers, data, returns }`.' }),
  printer: s({ name: 'printer', block: 'top', reader: { kind: 'block' }, params: 'env', defaultText: 'none (one printer: `octoprint`)', doc: 'One OctoPrint of a print farm: `printer NAME { url, apiKey, device }`; a hook\'s `from NAME` limits it to some printers.' }),
  hook: s({ name: 'hook', block: 'top', reader: { kind: 'block' }, params: 'event', defaultText: 'none', doc: 'One webhook: `hook NAME on PrintDone, Progress every 10% { url … }`.' }),
};

/** Each block's settings by name, in the order the reference lists them. */
export const settingsTable = { top, hook, oauth, octoprint, printer, webcam, snapshot, retry, status };

export function settingsOf(block: SettingsBlock): readonly SettingSpec[] {
  return Object.values(settingsTable[block]);
}

export function settingNames(block: SettingsBlock): readonly string[] {
  return Object.keys(settingsTable[block]);
}

export function settingSpec(block: SettingsBlock, name: string): SettingSpec | undefined {
  const table: Record<string, SettingSpec> = settingsTable[block];
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** How the language server names a block in completion details and hovers. */
export function describeBlock(block: SettingsBlock): string {
  return block === 'snapshot' ? 'hook snapshot' : block === 'top' ? 'top-level' : block;
}
