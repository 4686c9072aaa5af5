// One plugin hook → one `hook` (and its `oauth` block): triggers from the event flags and
// the progress interval, URL, method, content, headers and data with their parameters
// rewritten (params-rewrite.ts), secrets moved to `@env` (secrets.ts), and a note wherever
// the plugin did something this file cannot or should not copy.
import { isTrigger } from '../phases/2-check/check-triggers.js';
import { topicFor } from '../../language/plugin-triggers.js';
import { mayBe, mustBe } from '../schema/type-utils.js';
import { schemaTables } from '../schema/tables.js';
import { hookNameFor } from './hook-names.js';
import { parseLenientJson } from './lenient-json.js';
import { env, text, type OhkEntry, type OhkHook, type OhkOAuth, type OhkValue, type TemplatePart } from './ohk-model.js';
import { literalText, rewriteString, typeOfPath, type ParamContext } from './params-rewrite.js';
import { pluginDefaultMessages, pluginEvents, type PluginHook } from './plugin-hook.js';
import { authScheme, envName, findUrlSecrets, isSecretKey, type EnvRegistry } from './secrets.js';
import { httpMethods } from '../../language/settings-table.js';
import { urlTemplateProblem } from '../phases/2-check/check-url.js';
import { isObject } from '../../runtime/common/is-object.js';
import { headerNameToken } from '../../runtime/compiled-module.js';
import { placeholderUrl } from '../../language/defaults.js';

/** The URL with its secrets blanked out, for naming the hook after what is left. */
function withoutSecrets(url: string): string {
  let out = url;
  for (const s of findUrlSecrets(url).reverse()) out = out.slice(0, s.start) + '\uE000' + out.slice(s.start + s.length);
  return out;
}

export interface ImportState {
  env: EnvRegistry;
  hookNames: Set<string>;
  /** OAuth blocks by their settings, so hooks with the same OAuth settings share one. */
  oauth: Map<string, OhkOAuth>;
  /** Marker number → env variable name (see params-rewrite.ts ENV_MARKER). */
  markers: Map<string, string>;
}

export interface TranslatedHook {
  hook: OhkHook;
  deviceIdentifier: string;
  apiSecret: string;
  hasProgress: boolean;
}

const methods: readonly string[] = httpMethods;

/** Python's int() on the stored interval string, or null where it raised. */
export function pythonInt(s: string): number | null {
  const t = s.trim();
  if (!/^[+-]?\d+(?:_\d+)*$/.test(t)) return null;
  return Number(t.replace(/_/g, ''));
}

function marker(state: ImportState, name: string): string {
  const n = String(state.markers.size);
  state.markers.set(n, name);
  return `\uE000${n}\uE001`;
}

/** Replaces the URL's recognisable secrets with env markers. */
function maskUrlSecrets(url: string, hookName: string, state: ImportState): string {
  let out = '';
  let last = 0;
  for (const s of findUrlSecrets(url)) {
    const value = url.slice(s.start, s.start + s.length);
    const name = state.env.add(value, envName(hookName, s.label), `${s.purpose} of hook ${hookName}`);
    out += url.slice(last, s.start) + marker(state, name);
    last = s.start + s.length;
  }
  return out + url.slice(last);
}


/** What the checker's URL rule says of a URL template (nothing when it passes). */
function urlProblem(parts: TemplatePart[]): string | undefined {
  const first = parts[0];
  return urlTemplateProblem(first && (first.kind === 'param' ? { root: first.path[0] } : { text: first.text }), parts.length === 1);
}

function shownUrl(parts: TemplatePart[]): string {
  return parts.map((p) => (p.kind === 'text' ? p.text : `@${p.path.join('.')}`)).join('');
}

interface HookWork {
  name: string;
  notes: string[];
  enabled: boolean;
  disable: (why: string) => void;
}

function translateUrl(h: PluginHook, w: HookWork, ctx: ParamContext, state: ImportState): OhkValue {
  const raw = h.url.trim();
  if (raw === '') {
    w.disable('the plugin had no URL for this hook, so every event failed ("Invalid URL \'\': No scheme supplied"); set the URL, then remove \'enabled false\'');
    return text(placeholderUrl);
  }
  let prefix = '';
  let rest = raw;
  const userinfo = /^(https?:\/\/)([^/?#@\s]*)@/i.exec(raw);
  if (userinfo) {
    const [user, ...pass] = userinfo[2].split(':');
    const password = pass.join(':');
    prefix = userinfo[1] + user + (pass.length > 0 ? ':' + (password ? marker(state, state.env.add(password, envName(w.name, 'URL_PASSWORD'), `password in the URL of hook ${w.name}`)) : '') : '') + '@';
    rest = raw.slice(userinfo[0].length);
    w.notes.push("the plugin could not send to a URL with 'user:password@' (its parameter reading took the host for a parameter name, issue #25); octohook sends to it as written");
  }
  const masked = maskUrlSecrets(raw.slice(0, userinfo ? userinfo[0].length : 0) + rest, w.name, state).slice(userinfo ? userinfo[0].length : 0);
  const r = rewriteString(masked, { ...ctx, mode: 'url' });
  w.notes.push(...r.notes);
  const head = literalText(prefix, { envMarkers: state.markers });
  const headParts = head.kind === 'template' ? head.parts : head.kind === 'param' ? [{ kind: 'param' as const, path: head.path }] : [];
  const tailParts = r.value.kind === 'template' ? r.value.parts : r.value.kind === 'param' ? [{ kind: 'param' as const, path: r.value.path }] : [];
  // requests percent-encoded blanks in the URL; the checker wants them encoded in the file.
  let parts: TemplatePart[] = [...headParts, ...tailParts].map((p) => (p.kind === 'text' ? { kind: 'text', text: p.text.replace(/ /g, '%20') } : p));
  parts = parts.reduce<TemplatePart[]>((acc, p) => {
    const prev = acc[acc.length - 1];
    if (p.kind === 'text' && prev?.kind === 'text') prev.text += p.text;
    else acc.push(p.kind === 'text' ? { ...p } : p);
    return acc;
  }, []);
  const problem = urlProblem(parts);
  if (problem) {
    w.disable(`the plugin's URL ${JSON.stringify(shownUrl(parts))} cannot work (${problem}); the plugin failed on it too. Set the URL, then remove 'enabled false'`);
    return text(placeholderUrl);
  }
  return { kind: 'template', parts };
}

function translateHeaders(h: PluginHook, w: HookWork, ctx: ParamContext, state: ImportState, requiredType: string | null, isGet: boolean): OhkEntry[] {
  const parsed = parseLenientJson(h.headers);
  if (!parsed.ok) {
    w.disable(`the HEADERS setting is not JSON (${parsed.reason}), so the plugin failed every delivery of this hook ("Invalid JSON for Webhooks HEADERS Setting"); write the headers here, then remove 'enabled false'`);
    return [];
  }
  if (!parsed.strict) w.disable("the HEADERS setting is not strict JSON, so the plugin failed every delivery of this hook; it was read leniently here: check the headers, then remove 'enabled false'");
  if (!isObject(parsed.value)) {
    w.notes.push('the HEADERS setting is not a JSON object, so the plugin failed every delivery of this hook; no headers were imported');
    if (parsed.strict) w.disable("fix the headers, then remove 'enabled false'");
    return [];
  }
  const out: OhkEntry[] = [];
  for (const [name, value] of Object.entries(parsed.value)) {
    if (!headerNameToken.test(name)) {
      w.notes.push(`header ${JSON.stringify(name)} is not a valid header name (the plugin's request failed on it); left out`);
      continue;
    }
    const lower = name.toLowerCase();
    if (lower === 'content-type' && !isGet) {
      // The plugin forced the type its encoding needs; octohook applies the same rule
      // (docs/plugin-compatibility.md#content-type).
      if (requiredType === null || typeof value !== 'string' || !value.toLowerCase().includes(requiredType) || value.trim().toLowerCase() === requiredType) continue;
    } else if (lower.includes('content-type') && !isGet) {
      w.notes.push(`the plugin overwrote header '${name}' with the body's content type (it matched any name containing 'content-type'); octohook sends it as written`);
    }
    if (value === null || value === undefined) continue;
    if (typeof value === 'object') {
      w.notes.push(`header '${name}' is ${Array.isArray(value) ? 'a list' : 'an object'}, which the plugin could not send (InvalidHeader); left out`);
      continue;
    }
    if (typeof value !== 'string') {
      w.notes.push(`header '${name}' is ${JSON.stringify(value)}, not text: the plugin's request failed on it (InvalidHeader); octohook sends it as text`);
      out.push({ key: name, value: text(String(value)) });
      continue;
    }
    if (isSecretKey(name) && value.trim() !== '' && !value.includes('@')) {
      const scheme = authScheme(value);
      const secret = value.slice(scheme.length);
      const v = state.env.add(secret, envName(w.name, name.replace(/^x-/i, '')), `header '${name}' of hook ${w.name}`);
      out.push({ key: name, value: scheme ? { kind: 'template', parts: [{ kind: 'text', text: scheme }, { kind: 'param', path: ['env', v] }] } : { kind: 'template', parts: [{ kind: 'param', path: ['env', v] }] } });
      continue;
    }
    const r = rewriteString(value, { ...ctx, mode: 'header' });
    w.notes.push(...r.notes);
    out.push({ key: name, value: r.value });
  }
  return out;
}

interface DataWork {
  snapshotKey: string | null;
  hasBoolean: boolean;
}

function translateDataValue(v: unknown, keyPath: string[], top: boolean, w: HookWork, ctx: ParamContext, state: ImportState, isGet: boolean, d: DataWork): OhkValue | null {
  const key = keyPath[keyPath.length - 1];
  const where = keyPath.join('.');
  if (typeof v === 'string') {
    if (v === '@snapshot' && top) {
      if (isGet) {
        w.notes.push(`'${where}' is "@snapshot", but a GET request cannot carry the image: the plugin dropped the key, and so does this file`);
        return null;
      }
      if (d.snapshotKey !== null) {
        w.notes.push(`'${where}' is "@snapshot" too, but only the first such key ('${d.snapshotKey}') gets the image: the plugin sent "" here`);
        return text('');
      }
      d.snapshotKey = key;
      return { kind: 'param', path: ['snapshot'] };
    }
    if (isSecretKey(key) && v.trim() !== '' && !v.includes('@')) {
      const name = state.env.add(v, envName(w.name, key), `data field '${where}' of hook ${w.name}`);
      return env(name);
    }
    const r = rewriteString(v, { ...ctx, mode: 'data' });
    w.notes.push(...r.notes);
    if (r.value.kind === 'param' && top) {
      const type = typeOfPath(r.value.path, ctx.triggers);
      if (type && mayBe(type, 'boolean')) d.hasBoolean = true;
      if (isGet && type && !mayBe(type, 'string') && !mayBe(type, 'number') && !mayBe(type, 'boolean') && mustBe(type, ['object', 'array', 'null'])) {
        w.notes.push(`'${where}' is an object in a GET query: the plugin sent one '${where}=' per key of it (its values lost); octohook sends it as JSON text`);
        return { ...r.value, filters: ['json'] };
      }
    }
    return r.value;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'scalar', value: v } : text(String(v));
  if (typeof v === 'boolean') {
    if (top) d.hasBoolean = true;
    return { kind: 'scalar', value: v };
  }
  if (v === null || v === undefined) return { kind: 'scalar', value: null };
  if (isGet && top) {
    w.notes.push(`'${where}' is ${Array.isArray(v) ? 'a list' : 'an object'} in a GET query: the plugin sent ${Array.isArray(v) ? 'one parameter per item' : "one parameter per key (the keys, not the values)"}; a query cannot repeat a key here, so octohook sends it as JSON text`);
    return text(JSON.stringify(v));
  }
  if (Array.isArray(v)) {
    const items: OhkValue[] = [];
    v.forEach((item, i) => {
      const t = translateDataValue(item, [...keyPath, String(i)], false, w, ctx, state, isGet, d);
      if (t) items.push(t);
    });
    return { kind: 'array', items };
  }
  const entries: OhkEntry[] = [];
  for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
    const t = translateDataValue(item, [...keyPath, k], false, w, ctx, state, isGet, d);
    if (t) entries.push({ key: k, value: t });
  }
  return { kind: 'object', entries };
}

function translateData(h: PluginHook, w: HookWork, ctx: ParamContext, state: ImportState, isGet: boolean, d: DataWork): OhkEntry[] | null {
  const parsed = parseLenientJson(h.data);
  if (!parsed.ok) {
    w.disable(`the DATA setting is not JSON (${parsed.reason}), so the plugin failed every delivery of this hook ("Invalid JSON for Webhooks DATA Setting"); write the data here, then remove 'enabled false'`);
    return null;
  }
  if (!parsed.strict) w.disable("the DATA setting is not strict JSON, so the plugin failed every delivery of this hook; it was read leniently here: check the data, then remove 'enabled false'");
  if (!isObject(parsed.value)) {
    w.notes.push(`the DATA setting is ${Array.isArray(parsed.value) ? 'a JSON list' : 'not a JSON object'}; octohook's data is always an object, so no data was imported`);
    return null;
  }
  const entries: OhkEntry[] = [];
  for (const [k, v] of Object.entries(parsed.value)) {
    const t = translateDataValue(v, [k], true, w, ctx, state, isGet, d);
    if (t) entries.push({ key: k, value: t });
  }
  return entries;
}

function oauthKey(h: PluginHook): string {
  const o = h.oauth;
  return JSON.stringify([o.url.trim(), o.method.trim().toUpperCase(), o.contentType.trim().toUpperCase(), o.headers, o.data]);
}

function translateOAuth(h: PluginHook, w: HookWork, state: ImportState): string {
  const key = oauthKey(h);
  const known = state.oauth.get(key);
  if (known) {
    if (known.url.kind === 'template' && known.url.parts.length === 1 && known.url.parts[0].kind === 'text' && known.url.parts[0].text === placeholderUrl) {
      w.disable("the plugin had no OAuth URL for this hook, so its token request failed and the hook was skipped on every event; set the oauth block's URL, then remove 'enabled false'");
    }
    return known.name;
  }
  const name = `${w.name}_token`;
  const o = h.oauth;
  const comments: string[] = [];
  const block: OhkOAuth = { name, comments, url: text(placeholderUrl), method: 'POST', content: null, headers: [], data: null };
  state.oauth.set(key, block);

  const url = o.url.trim();
  if (url === '') {
    w.disable("the plugin had no OAuth URL for this hook, so its token request failed and the hook was skipped on every event; set the oauth block's URL, then remove 'enabled false'");
  } else {
    const v = literalText(maskUrlSecrets(url, name, state).replace(/ /g, '%20'), { envMarkers: state.markers });
    const parts = v.kind === 'template' ? v.parts : [];
    const problem = v.kind === 'template' ? urlProblem(parts) : undefined;
    if (problem) w.disable(`the plugin's OAuth URL cannot work (${problem}), so the hook was skipped on every event; set the oauth block's URL, then remove 'enabled false'`);
    else block.url = v;
  }

  const method = o.method.trim().toUpperCase();
  if (methods.includes(method)) block.method = method;
  else comments.push(`the plugin's OAuth method '${o.method}' is not one octohook sends; POST is used`);
  const isGet = block.method === 'GET';
  const form = o.contentType.trim().toUpperCase() === 'FORM';
  if (!isGet && form) block.content = 'form';
  const required = isGet ? null : form ? 'application/x-www-form-urlencoded' : 'application/json';

  const headers = parseLenientJson(o.headers);
  if (!headers.ok || !headers.strict || !isObject(headers.value)) {
    w.disable("the OAuth HEADERS setting is not a strict JSON object, so the plugin's token request failed on every event and the hook was skipped; check the oauth block, then remove 'enabled false'");
  }
  if (headers.ok && isObject(headers.value)) {
    for (const [hn, hv] of Object.entries(headers.value)) {
      if (!headerNameToken.test(hn) || hv === null || typeof hv === 'object') continue;
      const value = String(hv);
      if (hn.toLowerCase() === 'content-type' && !isGet && (!value.toLowerCase().includes(required!) || value.trim().toLowerCase() === required)) continue;
      if (isSecretKey(hn) && value.trim() !== '') {
        const scheme = authScheme(value);
        const v = state.env.add(value.slice(scheme.length), envName(name, hn.replace(/^x-/i, '')), `header '${hn}' of the OAuth request of hook ${w.name}`);
        block.headers.push({ key: hn, value: { kind: 'template', parts: [...(scheme ? [{ kind: 'text' as const, text: scheme }] : []), { kind: 'param', path: ['env', v] }] } });
      } else block.headers.push({ key: hn, value: literalText(value, {}) });
    }
  }

  const data = parseLenientJson(o.data);
  if (!data.ok || !data.strict || !isObject(data.value)) {
    w.disable("the OAuth DATA setting is not a strict JSON object, so the plugin's token request failed on every event and the hook was skipped; check the oauth block, then remove 'enabled false'");
  }
  if (data.ok && isObject(data.value)) {
    const literal = (v: unknown, k: string, path: string): OhkValue => {
      if (typeof v === 'string') {
        if (isSecretKey(k) && v.trim() !== '') return env(state.env.add(v, envName(name, k), `OAuth field '${path}' of hook ${w.name}`));
        return literalText(v, {});
      }
      if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'scalar', value: v } : text(String(v));
      if (typeof v === 'boolean' || v === null || v === undefined) return { kind: 'scalar', value: (v ?? null) as boolean | null };
      if (Array.isArray(v)) return { kind: 'array', items: v.map((x, i) => literal(x, String(i), `${path}.${i}`)) };
      return { kind: 'object', entries: Object.entries(v as Record<string, unknown>).map(([kk, x]) => ({ key: kk, value: literal(x, kk, `${path}.${kk}`) })) };
    };
    block.data = Object.entries(data.value).map(([k, v]) => ({ key: k, value: literal(v, k, k) }));
  }
  comments.push(
    `OAuth of hook ${w.name}: the plugin asked for a new token before every delivery; octohook reuses the answer until its expires_in runs out, and asks again after a 401. Any key of the answer is '@${name}.KEY' in the hook (the plugin's '@KEY').`,
  );
  return name;
}

export function translateHook(h: PluginHook, state: ImportState): TranslatedHook {
  const name = hookNameFor(withoutSecrets(h.url.trim()), state.hookNames, `hook_${h.index + 1}`);
  const w: HookWork = {
    name,
    notes: [],
    enabled: h.enabled,
    disable(why) {
      this.notes.push(why);
      this.enabled = false;
    },
  };

  // Triggers, in the plugin's order.
  const triggers: string[] = [];
  const events: string[] = [];
  for (const e of pluginEvents) {
    if (!h.events[e]) continue;
    if (e !== 'Progress') {
      triggers.push(e);
      events.push(e);
      continue;
    }
    const iv = pythonInt(h.progressInterval);
    if (iv === null || iv === 0 || Math.abs(iv) >= 100) {
      const why = iv === null || iv === 0 ? `is not a usable whole number: the plugin showed "Invalid Setting for PRINT PROGRESS INTERVAL" on every tick` : 'never matched a percentage between 0 and 100';
      w.notes.push(`Print Progress was on, but its interval ${JSON.stringify(h.progressInterval)} ${why} and sent no progress; the Progress trigger is left out`);
      continue;
    }
    if (iv < 0) w.notes.push(`the progress interval was ${iv}; the plugin's modulo made that every ${-iv} %`);
    triggers.push(`Progress every ${Math.abs(iv)}%`);
    events.push('Progress');
  }
  const custom: Array<{ event: string; message: string }> = [];
  for (const c of h.customEvents ?? []) {
    const known = isTrigger(c.name) ? c.name : Object.keys(schemaTables.events).find((n) => n.toLowerCase() === c.name.toLowerCase());
    if (!known || events.includes(known)) {
      w.notes.push(`custom event ${JSON.stringify(c.name)} (the adopted plugin's) is not an OctoPrint event octohook knows; left out`);
      continue;
    }
    triggers.push(known);
    events.push(known);
    custom.push({ event: known, message: c.message });
    w.notes.push(`custom event ${known}: the adopted plugin sent topic "Custom Event"; octohook sends "${topicFor(known)}"`);
  }
  if (triggers.length === 0) {
    triggers.push('PrintDone');
    w.disable("every event was off for this hook in the plugin, so it never sent anything; 'PrintDone' stands in for the trigger list");
  }

  const oauth = h.oauth.enabled ? translateOAuth(h, w, state) : null;
  const ctx: ParamContext = { mode: 'data', triggers: events, oauth, envMarkers: state.markers };

  const method = h.method.trim().toUpperCase();
  let hookMethod: string | null = null;
  if (methods.includes(method)) hookMethod = method === 'POST' ? null : method;
  else w.notes.push(`the plugin's method '${h.method}' is not one octohook sends (GET, POST, PUT, PATCH, DELETE); POST is used`);
  const isGet = hookMethod === 'GET';

  const url = translateUrl(h, w, ctx, state);
  const d: DataWork = { snapshotKey: null, hasBoolean: false };
  const data = translateData(h, w, ctx, state, isGet, d);
  const ct = h.contentType.trim().toUpperCase();
  const form = ct === 'FORM';
  if (ct !== 'JSON' && ct !== 'FORM') w.notes.push(`the plugin's content type '${h.contentType}' is neither JSON nor FORM; it sent form data for it, and so does this file`);
  const asForm = form || (ct !== 'JSON' && ct !== 'FORM');
  let content: OhkHook['content'] = null;
  let requiredType: string | null = asForm ? 'application/x-www-form-urlencoded' : 'application/json';
  if (isGet) requiredType = null;
  else if (d.snapshotKey) {
    requiredType = null;
    if (ct !== 'JSON') w.notes.push(`content type ${ct}: the data has "@snapshot", so the plugin sent multipart/form-data instead (nested values as JSON text), and so does octohook`);
  } else if (asForm) content = 'form';
  if (d.hasBoolean && (asForm || d.snapshotKey || isGet)) w.notes.push(`${isGet ? 'query' : 'form'} fields: the plugin wrote booleans as Python's True/False; octohook writes true/false`);

  const headers = translateHeaders(h, w, ctx, state, requiredType, isGet);

  const messages: OhkEntry[] = [];
  const idleMessages: string[] = [];
  for (const e of pluginEvents) {
    const m = h.messages[e];
    if (m === pluginDefaultMessages[e]) continue;
    if (!events.includes(e)) {
      idleMessages.push(`${e} ${JSON.stringify(m)} (this event was off in the plugin)`);
      continue;
    }
    const r = rewriteString(m, { ...ctx, mode: 'message', triggers: [e] });
    w.notes.push(...r.notes.map((n) => `${e} message: ${n}`));
    messages.push({ key: e, value: r.value });
  }
  for (const c of custom) {
    const r = rewriteString(c.message, { ...ctx, mode: 'message', triggers: [c.event] });
    w.notes.push(...r.notes.map((n) => `${c.event} message: ${n}`));
    messages.push({ key: c.event, value: r.value });
  }

  if (h.verifySsl === false) w.notes.push("the adopted plugin's 'verify SSL' was off for this hook; octohook always verifies certificates (give the server a certificate your system trusts)");

  const hook: OhkHook = {
    name,
    comments: [...new Set(w.notes)],
    triggers,
    enabled: w.enabled,
    url,
    method: hookMethod,
    content,
    oauth,
    device: null,
    secret: null,
    headers,
    data,
    messages,
    idleMessages,
    cooldown: h.cooldownSeconds ? `${Math.min(86_400, Math.max(1, Math.round(h.cooldownSeconds)))}s` : null,
  };
  return { hook, deviceIdentifier: h.deviceIdentifier, apiSecret: h.apiSecret, hasProgress: events.includes('Progress') };
}
