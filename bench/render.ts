// bench:render — the cost of turning one event into request bytes, for the plugin's "all data"
// default template (docs/plugin-compatibility.md#settings): deviceIdentifier, apiSecret, topic, message,
// extra, state, job, progress, currentZ, offsets, meta, currentTime. JSON content; the
// `"snapshot": "@snapshot"` key is LEFT OUT (with it the request becomes multipart and the
// cost is the image, which bench:snapshot measures).
//
// Compiled: the .ohk hook below, compiled in memory like `octohook run hooks.ohk` does, then
// per event exactly the synchronous steps of runtime/dispatch/prepare-hook-request.ts: baseContext →
// @message → url / headers / data render functions → prepareRequest (JSON bytes,
// Content-Type rule).
//
// Baseline, measured in the same run: an interpreter of the same template as the plugin ran
// it (docs/plugin-compatibility.md#parameters): the value table built per event, then a
// recursive walk over the DATA and HEADERS
// objects and the URL, scanning each string for `@name` tokens (name ends at a space; dots
// walk objects; a whole-string token keeps the value's type and is re-scanned when it is a
// string, so `@message` expands its own `@percentCompleteMilestone`), then JSON.stringify
// into bytes. It is written to be fast: the template is parsed from its JSON text once, not
// per event; strings without `@` are returned as they are; lookups walk with indexOf/slice.
//
// Data: state/job/progress/currentZ/offsets from the captured push message
// fixtures/octoprint-captures/samples/push/current-printing.json, @extra from the captured
// PrintDone event, @meta from the plugin's own captured webhook body.
//
//   node dist/bench/render.js [--events N] [--rounds R]
import { deepStrictEqual } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledHook } from '../runtime/compiled-module.js';
import type { Firing } from '../runtime/dispatch/firing.js';
import { baseContext, topicOf } from '../runtime/dispatch/render-context.js';
import { applyContentType } from '../runtime/http/content-type.js';
import { prepareRequest, type PreparedRequest } from '../runtime/http/prepare-request.js';
import { moduleFromSource } from '../runtime/load-module.js';
import { projectRoot } from '../tests/support/project-root.js';
import { fixed, median, option } from './support/stats.js';

const events = option('--events', 20_000);
const rounds = option('--rounds', 9);

// ---- data ------------------------------------------------------------------------------
const captures = join(projectRoot, 'fixtures/octoprint-captures/samples');
const current = JSON.parse(readFileSync(join(captures, 'push/current-printing.json'), 'utf8')).current;
const printDone = JSON.parse(readFileSync(join(captures, 'push/event-PrintDone.json'), 'utf8')).event.payload;
const pluginBody = (() => {
  const text = readFileSync(join(captures, 'webhooks/json/done-01-Print_Progress.txt'), 'utf8');
  return JSON.parse(text.slice(text.indexOf('\n\n') + 2));
})();
const meta = pluginBody.meta;
const printer = { state: current.state, job: current.job, progress: current.progress, currentZ: current.currentZ, offsets: current.offsets };
const env = { BENCH_SECRET: 'lab-secret' };
const at = 1_795_831_183_000;

// ---- compiled --------------------------------------------------------------------------
const OHK = `
device "lab-printer"
secret @env.BENCH_SECRET

hook alldata on PrintDone, Progress every 10% {
  url "http://127.0.0.1:8099/hook/json"
  method POST
  content json
  headers { Content-Type: "application/json" }
  data {
    deviceIdentifier: @deviceIdentifier, apiSecret: @apiSecret, topic: @topic, message: @message,
    extra: @extra, state: @state, job: @job, progress: @progress, currentZ: @currentZ,
    offsets: @offsets, meta: @meta, currentTime: @currentTime,
  }
}
`;
const module = await moduleFromSource(OHK, 'render-bench.ohk');
const hook: CompiledHook = module.hooks[0];

function firingOf(trigger: string, payload: unknown, milestone: number): Firing {
  return { id: 'bench', trigger, payload, milestone, at, printer, snapshots: null as never, meta: () => Promise.resolve(meta) };
}

interface Rendered {
  url: string;
  headers: Record<string, unknown>;
  data: Record<string, unknown> | null;
}

/** prepare-hook-request.ts's prepareHookRequest up to the encoding, minus awaits on things this template does not use. */
function compiledRenderOnly(firing: Firing): Rendered {
  const ctx = baseContext(hook, firing, topicOf(hook, firing.trigger), env);
  ctx.meta = meta; // what `await firing.meta()` yields
  const message = hook.messages[firing.trigger];
  ctx.message = message ? message(ctx) : '';
  return { url: hook.url(ctx), headers: hook.headers(ctx), data: hook.data ? hook.data(ctx) : null };
}

function compiledRender(firing: Firing): PreparedRequest {
  const r = compiledRenderOnly(firing);
  return prepareRequest({ method: hook.method, content: hook.content, url: r.url, headers: r.headers, data: r.data, snapshotKey: hook.snapshotKey, snapshot: null });
}

// ---- interpreted (the baseline) --------------------------------------------------------
// The plugin's settings as it stored them: JSON text, parsed once here.
const DATA_TEXT = JSON.stringify(
  Object.fromEntries(
    ['deviceIdentifier', 'apiSecret', 'topic', 'message', 'extra', 'state', 'job', 'progress', 'currentZ', 'offsets', 'meta', 'currentTime'].map((k) => [k, `@${k}`]),
  ),
  null,
  2,
);
const HEADERS_TEXT = '{\n  "Content-Type": "application/json"\n}';
const URL_TEXT = 'http://127.0.0.1:8099/hook/json';
const dataTemplate = JSON.parse(DATA_TEXT) as Record<string, unknown>;
const headersTemplate = JSON.parse(HEADERS_TEXT) as Record<string, unknown>;
const MESSAGES: Record<string, string> = {
  PrintDone: 'Your print is done.',
  Progress: 'Your print is @percentCompleteMilestone % complete.',
};
const TOPICS: Record<string, string> = { PrintDone: 'Print Done', Progress: 'Print Progress' };
const MISSING = Symbol('missing');

function lookup(values: Record<string, unknown>, name: string): unknown {
  let cur: unknown = values;
  let start = 0;
  for (;;) {
    const dot = name.indexOf('.', start);
    const part = dot < 0 ? name.slice(start) : name.slice(start, dot);
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, part)) return MISSING;
    cur = (cur as Record<string, unknown>)[part];
    if (dot < 0) return cur;
    start = dot + 1;
  }
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The plugin's reading of one string: scan for `@name` (ending at a space), replace, re-scan. */
function substituteString(s: string, values: Record<string, unknown>, ends: (c: string) => boolean): unknown {
  let cur: unknown = s;
  // The plugin looped forever on a value containing its own token; cap the passes instead.
  for (let pass = 0; pass < 64 && typeof cur === 'string'; pass++) {
    const str: string = cur;
    const at = str.indexOf('@');
    if (at < 0) return str;
    let end = at + 1;
    while (end < str.length && !ends(str[end])) end++;
    const token = str.slice(at, end);
    const found = lookup(values, token.slice(1));
    const value = found === MISSING ? '' : found;
    if (token.length === str.length) cur = value; // whole string: keep the type (re-scanned if a string)
    else cur = str.split(token).join(text(value));
  }
  return cur;
}

const endsAtSpace = (c: string) => c === ' ';
const endsUrlName = (c: string) => c === ' ' || c === '/' || c === '?' || c === '#';

function substitute(node: unknown, values: Record<string, unknown>): unknown {
  if (typeof node === 'string') return node.indexOf('@') < 0 ? node : substituteString(node, values, endsAtSpace);
  if (Array.isArray(node)) return node.map((v) => substitute(v, values));
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const k in node) out[k] = substitute((node as Record<string, unknown>)[k], values);
    return out;
  }
  return node;
}

function interpretedRenderOnly(trigger: string, payload: unknown, milestone: number): Rendered {
  // The plugin's value table, per hook per event.
  const values: Record<string, unknown> = {
    topic: TOPICS[trigger],
    message: MESSAGES[trigger],
    apiSecret: env.BENCH_SECRET,
    deviceIdentifier: 'lab-printer',
    extra: payload ?? {},
    currentTime: Math.floor(at / 1000),
    percentCompleteMilestone: milestone,
    state: printer.state,
    job: printer.job,
    currentZ: printer.currentZ,
    progress: printer.progress,
    offsets: printer.offsets,
    meta,
  };
  const data = substitute(dataTemplate, values) as Record<string, unknown>;
  const headers = substitute(headersTemplate, values) as Record<string, string>;
  const url = URL_TEXT.indexOf('@') < 0 ? URL_TEXT : String(substituteString(URL_TEXT, values, endsUrlName));
  return { url, headers, data };
}

function interpretedRender(trigger: string, payload: unknown, milestone: number): PreparedRequest {
  const { url, headers, data } = interpretedRenderOnly(trigger, payload, milestone);
  for (const name of Object.keys(headers)) if (name.toLowerCase().includes('content-type')) headers[name] = 'application/json';
  return { method: 'POST', url, headers: headers as Record<string, string>, body: Buffer.from(JSON.stringify(data), 'utf8'), contentType: 'application/json' };
}

// ---- same output first -----------------------------------------------------------------
const cases = [
  { name: 'PrintDone', trigger: 'PrintDone', payload: printDone, milestone: 0 },
  { name: 'Progress 10%', trigger: 'Progress', payload: {}, milestone: 10 },
];
for (const c of cases) {
  const a = compiledRender(firingOf(c.trigger, c.payload, c.milestone));
  const b = interpretedRender(c.trigger, c.payload, c.milestone);
  deepStrictEqual(JSON.parse(Buffer.from(a.body!).toString('utf8')), JSON.parse(Buffer.from(b.body!).toString('utf8')), `${c.name}: the two paths disagree`);
  if (a.url !== b.url) throw new Error(`${c.name}: urls differ`);
}
const progressBody = JSON.parse(Buffer.from(compiledRender(firingOf('Progress', {}, 10)).body!).toString('utf8'));
if (progressBody.message !== 'Your print is 10 % complete.') throw new Error(`unexpected progress message ${progressBody.message}`);
// The plugin's own captured body for this event has the same keys in the same order.
deepStrictEqual(Object.keys(progressBody), Object.keys(pluginBody));

// ---- timing ----------------------------------------------------------------------------
// Results are kept (a small ring) so the JIT cannot drop the work as unused.
const keep: unknown[] = new Array(16);
function timeOne(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < events; i++) keep[i & 15] = fn();
  return Number(process.hrtime.bigint() - t0) / 1e3 / events; // µs per event
}

/** Median µs per event of two functions, warmed up, in alternating rounds so neither gets the quieter half of the run. */
function race(a: () => unknown, b: () => unknown): [number, number] {
  for (let i = 0; i < 3000; i++) {
    a();
    b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    as.push(timeOne(a));
    bs.push(timeOne(b));
  }
  return [median(as), median(bs)];
}

const results: Array<{ name: string; compiled: number; interpreted: number; renderCompiled: number; renderInterpreted: number; bytes: number }> = [];
for (const c of cases) {
  const firing = firingOf(c.trigger, c.payload, c.milestone);
  const [renderCompiled, renderInterpreted] = race(
    () => compiledRenderOnly(firing),
    () => interpretedRenderOnly(c.trigger, c.payload, c.milestone),
  );
  const [compiled, interpreted] = race(
    () => compiledRender(firing),
    () => interpretedRender(c.trigger, c.payload, c.milestone),
  );
  results.push({ name: c.name, compiled, interpreted, renderCompiled, renderInterpreted, bytes: compiledRender(firing).body!.byteLength });
}
// What the compiled path would cost if runtime/http/encode-body.ts's jsonEncode called
// JSON.stringify without its BigInt replacer (a replacer function takes V8 off its fast
// path for the whole tree); everything else as prepareRequest does it.
function compiledRenderNoReplacer(firing: Firing): PreparedRequest {
  const r = compiledRenderOnly(firing);
  const body = Buffer.from(JSON.stringify(r.data) ?? 'null', 'utf8');
  return { method: hook.method, url: r.url, headers: applyContentType(r.headers, hook.content, 'application/json'), body, contentType: 'application/json' };
}
const doneFiring = firingOf('PrintDone', printDone, 0);
const [projected, projectedBase] = race(
  () => compiledRenderNoReplacer(doneFiring),
  () => interpretedRender('PrintDone', printDone, 0),
);
// The floor both paths share: encoding the same rendered object to JSON bytes.
const rendered = compiledRenderOnly(firingOf('PrintDone', printDone, 0));
const [stringifyUs] = race(
  () => Buffer.from(JSON.stringify(rendered.data), 'utf8'),
  () => 0,
);

console.log(`render + encode, "all data" template (JSON, no snapshot), ${events.toLocaleString('en-US')} events x ${rounds} rounds, median round`);
for (const r of results) {
  console.log(
    `  ${r.name.padEnd(13)} body ${r.bytes} B   compiled ${fixed(r.compiled, 2).padStart(6)} µs/event   interpreter ${fixed(r.interpreted, 2).padStart(6)} µs/event   (${fixed(r.interpreted / r.compiled, 2)}x)`,
  );
}
for (const r of results) {
  console.log(
    `  render only, ${r.name.padEnd(13)} compiled ${fixed(r.renderCompiled, 2).padStart(6)} µs   interpreter ${fixed(r.renderInterpreted, 2).padStart(6)} µs   (${fixed(r.renderInterpreted / r.renderCompiled, 2)}x)`,
  );
}
console.log(`  projection, PrintDone, jsonEncode without its replacer: compiled ${fixed(projected, 2)} µs   interpreter ${fixed(projectedBase, 2)} µs   (${fixed(projectedBase / projected, 2)}x)`);
console.log(`  floor both share: JSON.stringify + UTF-8 bytes of the PrintDone body ${fixed(stringifyUs, 2)} µs`);
const done = results[0];
const total = (k: 'compiled' | 'interpreted') => results.reduce((n, r) => n + r[k], 0);
console.log(`  both events   compiled ${fixed(total('compiled'), 2)} µs   interpreter ${fixed(total('interpreted'), 2)} µs   (target: compiled ≥ 2x faster: ${total('interpreted') / total('compiled') >= 2 ? 'met' : 'NOT met'})`);
console.log(`ratio: interpreter / compiled = ${fixed(total('interpreted') / total('compiled'), 2)}x (PrintDone ${fixed(done.interpreted / done.compiled, 2)}x)`);
