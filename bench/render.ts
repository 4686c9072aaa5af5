// bench:render — the cost of turning one event into request bytes, for the plugin's "all data"
// default template (docs/plugin-compatibility.md#settings): deviceIdentifier, apiSecret, topic, message,
// extra, state, job, progress, currentZ, offsets, meta, currentTime. JSON content; the
// `"snapshot": "@snapshot"` key is LEFT OUT (with it the request becomes multipart and the
// cost is the image, which bench:snapshot measures).
//
// Compiled: the .ohk hook below, compiled in memory like `octohook run hooks.ohk` does, then
// per event exactly the synchronous steps of runtime/dispatch/prepare-hook-request.ts: baseContext →
// @message → url / headers / data render functions → prepareRequest (JSON bytes,
// Content-Type rule), with the printer objects, @extra and @meta marked for one JSON encoding
// each (runtime/http/shared-json.ts) as PrinterState and prepareHookRequest mark them.
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
// PrintDone event, @meta from the plugin's own captured webhook body. Every timed event gets
// objects of its own (copies made while the clock is stopped), as if a new `current` had come
// before each: the daemon encodes each printer object once, so objects seen by an earlier
// event would make the compiled path look cheaper than an event ever is.
//
// Five hooks: the same template in five hooks of one file, all firing on PrintDone — one
// event fans out to five requests, and the printer objects are the same for all five.
//
//   node dist/bench/render.js [--events N] [--rounds R]
import { deepStrictEqual } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledHook } from '../runtime/compiled-module.js';
import type { Firing, PrinterView } from '../runtime/dispatch/firing.js';
import { baseContext, topicOf } from '../runtime/dispatch/render-context.js';
import { applyContentType } from '../runtime/http/content-type.js';
import { prepareRequest, type PreparedRequest } from '../runtime/http/prepare-request.js';
import { SharedJson } from '../runtime/http/shared-json.js';
import { moduleFromSource } from '../compiler/cli/module-from-source.js';
import { withSharedJson } from '../runtime/printer-state.js';
import { projectRoot } from '../tests/support/project-root.js';
import { fixed, median, option } from './support/stats.js';

const events = option('--events', 2_000);
const rounds = option('--rounds', 15);

// ---- data ------------------------------------------------------------------------------
const captures = join(projectRoot, 'fixtures/octoprint-captures/samples');
const current = JSON.parse(readFileSync(join(captures, 'push/current-printing.json'), 'utf8')).current;
const printDone = JSON.parse(readFileSync(join(captures, 'push/event-PrintDone.json'), 'utf8')).event.payload;
const pluginBody = (() => {
  const text = readFileSync(join(captures, 'webhooks/json/done-01-Print_Progress.txt'), 'utf8');
  return JSON.parse(text.slice(text.indexOf('\n\n') + 2));
})();
const meta = pluginBody.meta;
const printer: PrinterView = { state: current.state, job: current.job, progress: current.progress, currentZ: current.currentZ, offsets: current.offsets };
const env = { BENCH_SECRET: 'lab-secret' };
const at = 1_795_831_183_000;

/** What one event brings: the printer (a `current`), the file's metadata, PrintDone's payload. */
interface Inputs {
  printer: PrinterView;
  meta: unknown;
  done: unknown;
}
const captured: Inputs = { printer, meta, done: printDone };
const captureText = JSON.stringify(captured);
/** `n` events' worth of inputs, each made of new objects. */
function fresh(n: number): Inputs[] {
  return Array.from({ length: n }, () => JSON.parse(captureText) as Inputs);
}

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
const HOOKS = 5;
const five = (await moduleFromSource(OHK.replaceAll('alldata', 'alldata0') + [1, 2, 3, 4].map((i) => OHK.split('\n').slice(3).join('\n').replaceAll('alldata', `alldata${i}`)).join(''), 'render-bench-5.ohk')).hooks;
if (five.length !== HOOKS) throw new Error(`expected ${HOOKS} hooks, got ${five.length}`);

function firingOf(trigger: string, payload: unknown, milestone: number, input: Inputs = captured): Firing {
  // withSharedJson: what PrinterState.update does with each `current`; json: the daemon's newFiring.
  return { id: 'bench', trigger, payload, milestone, at, printer: withSharedJson(input.printer), snapshots: null as never, meta: () => Promise.resolve(input.meta), json: new SharedJson() };
}

interface Rendered {
  url: string;
  headers: Record<string, unknown>;
  data: Record<string, unknown> | null;
}

/** prepare-hook-request.ts's prepareHookRequest up to the encoding, minus awaits on things this template does not use. */
function compiledRenderOnly(firing: Firing, input: Inputs = captured, h: CompiledHook = hook): Rendered {
  const ctx = baseContext(h, firing, firing.printer, topicOf(h, firing.trigger), env);
  firing.json?.share(ctx.extra);
  ctx.meta = input.meta; // what `await firing.meta()` yields
  firing.json?.share(ctx.meta);
  const message = h.messages[firing.trigger];
  ctx.message = message ? message(ctx) : '';
  return { url: h.url(ctx), headers: h.headers(ctx), data: h.data ? h.data(ctx) : null };
}

function compiledRender(firing: Firing, input: Inputs = captured, h: CompiledHook = hook): PreparedRequest {
  const r = compiledRenderOnly(firing, input, h);
  const shared = [firing.printer.json!, firing.json!];
  return prepareRequest({ method: h.method, content: h.content, url: r.url, headers: r.headers, data: r.data, snapshotKey: h.snapshotKey, snapshot: null, shared });
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

function interpretedRenderOnly(trigger: string, payload: unknown, milestone: number, input: Inputs = captured): Rendered {
  const { printer, meta } = input;
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

function interpretedRender(trigger: string, payload: unknown, milestone: number, input: Inputs = captured): PreparedRequest {
  const { url, headers, data } = interpretedRenderOnly(trigger, payload, milestone, input);
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
// Inputs are made in small batches between timed stretches, so they are as fresh in the CPU's
// caches as a message just parsed off the socket.
const BATCH = 50;
function timeOne(fn: (input: Inputs) => unknown): number {
  let ns = 0n;
  for (let done = 0; done < events; done += BATCH) {
    const inputs = fresh(BATCH);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) keep[i & 15] = fn(inputs[i]);
    ns += process.hrtime.bigint() - t0;
  }
  return Number(ns) / 1e3 / (Math.ceil(events / BATCH) * BATCH); // µs per event
}

/** Median µs per event of two functions, warmed up, in alternating rounds so neither gets the quieter half of the run. */
function race(a: (input: Inputs) => unknown, b: (input: Inputs) => unknown): [number, number] {
  for (const input of fresh(1500)) {
    a(input);
    b(input);
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
const payloadOf = (c: (typeof cases)[number], input: Inputs) => (c.trigger === 'PrintDone' ? input.done : c.payload);
for (const c of cases) {
  const firingFor = (input: Inputs) => firingOf(c.trigger, payloadOf(c, input), c.milestone, input);
  const [renderCompiled, renderInterpreted] = race(
    (input) => compiledRenderOnly(firingFor(input), input),
    (input) => interpretedRenderOnly(c.trigger, payloadOf(c, input), c.milestone, input),
  );
  const [compiled, interpreted] = race(
    (input) => compiledRender(firingFor(input), input),
    (input) => interpretedRender(c.trigger, payloadOf(c, input), c.milestone, input),
  );
  results.push({ name: c.name, compiled, interpreted, renderCompiled, renderInterpreted, bytes: compiledRender(firingFor(captured)).body!.byteLength });
}
// Five hooks, one PrintDone: one firing, five requests.
const fiveCompiled = (input: Inputs) => {
  const firing = firingOf('PrintDone', input.done, 0, input);
  firing.json!.reuse = true; // what the dispatcher does for a firing with several hooks
  return five.map((h) => compiledRender(firing, input, h));
};
const fiveInterpreted = (input: Inputs) => five.map(() => interpretedRender('PrintDone', input.done, 0, input));
for (const [a, b] of fiveCompiled(captured).map((r, i) => [r, fiveInterpreted(captured)[i]])) {
  deepStrictEqual(JSON.parse(Buffer.from(a.body!).toString('utf8')), JSON.parse(Buffer.from(b.body!).toString('utf8')), 'five hooks: the two paths disagree');
}
const [fiveC, fiveI] = race(fiveCompiled, fiveInterpreted);
// What the compiled path would cost if runtime/http/encode-body.ts's jsonEncode called
// JSON.stringify without its BigInt replacer (a replacer function takes V8 off its fast
// path for the whole tree); everything else as prepareRequest does it.
function compiledRenderNoReplacer(firing: Firing): PreparedRequest {
  const r = compiledRenderOnly(firing);
  const body = Buffer.from(JSON.stringify(r.data) ?? 'null', 'utf8');
  return { method: hook.method, url: r.url, headers: applyContentType(r.headers, hook.content, 'application/json'), body, contentType: 'application/json' };
}
const [projected, projectedBase] = race(
  (input) => compiledRenderNoReplacer(firingOf('PrintDone', input.done, 0, input)),
  (input) => interpretedRender('PrintDone', input.done, 0, input),
);
// The floor both paths share: encoding the same rendered object to JSON bytes.
const rendered = compiledRenderOnly(firingOf('PrintDone', printDone, 0));
const [stringifyUs] = race(
  () => Buffer.from(JSON.stringify(rendered.data), 'utf8'),
  () => 0,
);

console.log(`render + encode, "all data" template (JSON, no snapshot), ${events.toLocaleString('en-US')} events x ${rounds} rounds, median round, new printer objects every event`);
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
console.log(
  `  five hooks, one PrintDone   compiled ${fixed(fiveC, 2).padStart(6)} µs/event   interpreter ${fixed(fiveI, 2).padStart(6)} µs/event   (${fixed(fiveI / fiveC, 2)}x; ${fixed(fiveC / HOOKS, 2)} µs per request)`,
);
console.log(`  both events   compiled ${fixed(total('compiled'), 2)} µs   interpreter ${fixed(total('interpreted'), 2)} µs   (target: compiled ≥ 2x faster: ${total('interpreted') / total('compiled') >= 2 ? 'met' : 'NOT met'})`);
console.log(`ratio: interpreter / compiled = ${fixed(total('interpreted') / total('compiled'), 2)}x (PrintDone ${fixed(done.interpreted / done.compiled, 2)}x, five hooks ${fixed(fiveI / fiveC, 2)}x)`);
