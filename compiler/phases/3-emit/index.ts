// Phase 3: the standalone ES module. No imports, no template interpreted at run time:
// each templated value becomes a small function over the render context. Deterministic:
// the same file gives the same bytes (no dates, sorted sets).
import type { Value } from '../../../grammar/ast.js';
import type { CheckedFile, CheckedHook, CheckedOAuth, CheckedPrinter, CheckedSnapshot } from '../2-check/checked-model.js';
import { helperSource } from './emitted-source.js';
import { jsKey, jsString } from './js-literal.js';
import { ValueEmitter } from './emit-value.js';
import { emitConditions } from './emit-condition.js';

function fn(body: string): string {
  return `(c) => ${body.startsWith('{') ? `(${body})` : body}`;
}

function list(items: string[], indent: string): string {
  return items.length === 0 ? '[]' : `[\n${items.map((i) => `${indent}  ${i},`).join('\n')}\n${indent}]`;
}

function record(entries: Array<[string, string]>, indent: string): string {
  return entries.length === 0 ? '{}' : `{\n${entries.map(([k, v]) => `${indent}  ${jsKey(k)}: ${v},`).join('\n')}\n${indent}}`;
}

export function emitModule(model: CheckedFile, sourceName: string): string {
  const e = new ValueEmitter();
  const headersFn = (entries: CheckedHook['headers']) => fn(e.object(entries, 'text'));
  const valueFn = (v: Value | null, mode: 'typed' | 'text' | 'url') => (v ? fn(e.value(v, mode)) : '() => ""');

  const snapshot = (s: CheckedSnapshot, indent: string) => {
    const fields: Array<[string, string]> = [];
    if (s.url) fields.push(['url', valueFn(s.url, 'url')]);
    fields.push(['fit', `{ width: ${s.fit.width}, height: ${s.fit.height} }`], ['quality', String(s.quality)]);
    if (s.flipH !== undefined) fields.push(['flipH', String(s.flipH)]);
    if (s.flipV !== undefined) fields.push(['flipV', String(s.flipV)]);
    if (s.rotate !== undefined) fields.push(['rotate', String(s.rotate)]);
    fields.push(['timeoutMs', String(s.timeoutMs)]);
    return record(fields, indent);
  };

  const farm = model.printers.length > 0;
  // In a farm, a hook without its own `device` takes the event's printer's, else the file's.
  const deviceFn = (h: CheckedHook) => {
    if (!farm || h.ownDevice) return valueFn(h.device, 'typed');
    return fn(`c.printer && c.printer.device != null ? c.printer.device : ${h.device ? e.value(h.device, 'typed') : '""'}`);
  };

  const hook = (h: CheckedHook) => {
    const i = '    ';
    e.takeNeededEnv();
    const triggers = h.triggers.map(
      (t) => `{ event: ${jsString(t.event)}, topic: ${jsString(t.topic)}${t.every !== undefined ? `, every: ${t.every}` : ''} }`,
    );
    const data = h.data ? fn(e.object(h.data, 'typed')) : 'null';
    const fields: Array<[string, string]> = [
      ['name', jsString(h.name)],
      ['enabled', String(h.enabled)],
      ['triggers', list(triggers, i)],
      ['method', jsString(h.method)],
      ['content', jsString(h.content)],
      ['url', valueFn(h.url, 'url')],
      ['headers', headersFn(h.headers)],
      ['data', data],
      ['snapshotKey', h.snapshotKey === null ? 'null' : jsString(h.snapshotKey)],
      ['snapshot', e.readsIf(h.snapshotKey !== null, () => snapshot(h.snapshot, i))],
      ['oauth', h.oauth === null ? 'null' : jsString(h.oauth)],
      ['deviceIdentifier', e.readsIf(h.uses.has('deviceIdentifier'), () => deviceFn(h))],
      ['apiSecret', e.readsIf(h.uses.has('apiSecret'), () => valueFn(h.secret, 'typed'))],
      ['messages', e.readsIf(h.uses.has('message'), () => record([...h.messages].map(([k, v]) => [k, fn(e.value(v, 'text'))]), i))],
      ['timeoutMs', String(h.timeoutMs)],
      ['cooldownMs', String(h.cooldownMs)],
      ['retryDelaysMs', JSON.stringify(h.retryDelaysMs)],
      ['sign', h.sign ? valueFn(h.sign, 'text') : 'null'],
      ['uses', JSON.stringify([...h.uses].filter(Boolean).sort())],
    ];
    // Only hooks with conditions or quiet hours carry them, so every other module stays as it was.
    if (h.conditions.length > 0) fields.push(['when', emitConditions(e, h.conditions)]);
    if (h.quiet) fields.push(['quiet', `{ startMinute: ${h.quiet.startMinute}, endMinute: ${h.quiet.endMinute}, except: ${JSON.stringify(h.quiet.except)}, text: ${jsString(h.quiet.text)} }`]);
    fields.push(['needsEnv', JSON.stringify(e.takeNeededEnv())]);
    if (h.from) fields.push(['from', JSON.stringify(h.from)]);
    return record(fields, '  ');
  };

  const printer = (p: CheckedPrinter) => {
    e.takeNeededEnv();
    const fields: Array<[string, string]> = [
      ['name', jsString(p.name)],
      ['url', valueFn(p.url, 'url')],
      ['apikey', valueFn(p.apikey, 'text')],
      ['device', p.device ? valueFn(p.device, 'typed') : 'null'],
    ];
    fields.push(['needsEnv', JSON.stringify(e.takeNeededEnv())]);
    return record(fields, '  ');
  };

  const oauth = (o: CheckedOAuth) => {
    e.takeNeededEnv();
    const fields: Array<[string, string]> = [
      ['name', jsString(o.name)],
      ['url', valueFn(o.url, 'url')],
      ['method', jsString(o.method)],
      ['content', jsString(o.content)],
      ['headers', headersFn(o.headers)],
      ['data', o.data ? fn(e.value(o.data, 'typed')) : '() => ({})'],
      ['returns', record(Object.entries(o.returns).map(([k, v]) => [k, jsString(v)]), '    ')],
    ];
    fields.push(['needsEnv', JSON.stringify(e.takeNeededEnv())]);
    return record(fields, '  ');
  };

  const hooksText = list(model.hooks.map(hook), '');
  const oauthText = record(model.oauth.map((o) => [o.name, oauth(o)]), '');
  const printersText = list(model.printers.map(printer), '');
  e.takeNeededEnv();
  const octoprintUrl = model.octoprint.url ? valueFn(model.octoprint.url, 'url') : 'null';
  const urlEnv = e.takeNeededEnv();
  const octoprintKey = model.octoprint.apikey ? valueFn(model.octoprint.apikey, 'text') : 'null';
  const apikeyEnv = e.takeNeededEnv();
  const octoprint = `{ url: ${octoprintUrl}, apikey: ${octoprintKey}, needsEnv: { url: ${JSON.stringify(urlEnv)}, apikey: ${JSON.stringify(apikeyEnv)} } }`;

  const used = [...e.helpers].sort();
  const helperText = used.map((name) => `const ${name} = ${helperSource(name)};`).join('\n');
  return [
    `// Compiled by octohookc from ${jsString(sourceName)}. Do not edit: change the .ohk file and build again.`,
    helperText,
    '',
    `const hooks = ${hooksText};`,
    '',
    `const oauth = ${oauthText};`,
    '',
    // Only farms carry printers, so every single-printer module stays as it was.
    ...(farm ? [`const printers = ${printersText};`, ''] : []),
    `export default {`,
    `  format: 1,`,
    `  source: ${jsString(sourceName)},`,
    `  octoprint: ${octoprint},`,
    // Only files with a status block carry one, so every other module stays as it was.
    ...(model.status ? [`  status: { listen: ${jsString(model.status.listen)}, tokenEnv: ${model.status.tokenEnv === null ? 'null' : jsString(model.status.tokenEnv)}, publicRead: ${model.status.publicRead} },`] : []),
    ...(farm ? [`  printers,`] : []),
    ...(model.timezone ? [`  timezone: ${jsString(model.timezone)},`] : []),
    `  oauth,`,
    `  hooks,`,
    `  env: ${JSON.stringify([...model.env].sort())},`,
    `};`,
    '',
  ].join('\n');
}
