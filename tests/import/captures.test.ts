// The strong test of `octohookc import`: settings that reproduce the capture profiles
// (fixtures/import/profile-*.config.yaml) are imported, compiled, and run through the
// daemon's own intake and request pipeline on the recorded push stream of the same run; each
// request must carry what the plugin sent in that run — the same requests in the same order,
// the same method, path and encoding, the same keys in the same order and the same values —
// except where docs/migrating.md lists a difference:
// - printer fields (state, job, progress, currentZ, offsets) are sampled: the plugin read the
//   printer inside OctoPrint at the event, the daemon has what the push stream carried (twice
//   a second), so ours must be a value the push stream carried, not the plugin's instant;
// - @extra of Print Progress and User Action Needed carries the milestone / the reason
//   (the plugin sent {});
// - a second progress hook reports its own milestone (the plugin's bug: 0);
// - a milestone passed just before a firmware error goes out after "Error", not before;
// - nested values in form and multipart fields are compact JSON (compared parsed);
// - currentTime may differ by the second it ticked over.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPluginSettings } from '../../compiler/import/import-settings.js';
import { moduleFromSource } from '../../compiler/cli/module-from-source.js';
import type { PreparedRequest } from '../../runtime/http/prepare-request.js';
import { topicOf } from '../../runtime/dispatch/render-context.js';
import { fixturesDir } from '../support/project-root.js';
import { parseMultipart } from '../support/receiver.js';
import { pluginRequests, pushSamples, render, replayFirings, type PluginRequest } from './capture-replay.js';

const t = suite('import: capture profiles give the plugin’s bodies');

const sampled = new Set(['state', 'job', 'progress', 'currentZ', 'offsets']);

interface Decoded {
  kind: 'json' | 'form' | 'multipart';
  fields: Array<[string, unknown]>;
  files: Array<{ name: string; filename: string | null; contentType: string | null }>;
}

function parseText(v: string): unknown {
  if (/^[[{]/.test(v)) {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

function decodeOurs(req: PreparedRequest): Decoded {
  const type = req.contentType ?? '';
  const body = Buffer.from(req.body ?? new Uint8Array());
  if (type.startsWith('application/json')) return { kind: 'json', fields: Object.entries(JSON.parse(body.toString('utf8'))), files: [] };
  if (type.startsWith('application/x-www-form-urlencoded')) return { kind: 'form', fields: [...new URLSearchParams(body.toString('utf8'))].map(([k, v]) => [k, parseText(v)]), files: [] };
  const boundary = /boundary=([^;\s]+)/.exec(type)![1];
  const parts = parseMultipart(body, boundary);
  return {
    kind: 'multipart',
    fields: parts.filter((p) => p.filename === null).map((p) => [p.name, parseText(p.text)]),
    files: parts.filter((p) => p.filename !== null).map((p) => ({ name: p.name, filename: p.filename, contentType: p.contentType })),
  };
}

function decodeTheirs(r: PluginRequest): Decoded {
  if (r.json) return { kind: 'json', fields: Object.entries(r.json), files: [] };
  if (r.form) return { kind: 'form', fields: Object.entries(r.form).map(([k, v]) => [k, parseText(v)]), files: [] };
  const boundary = /boundary=([^;\s]+)/.exec(r.contentType)![1];
  const parts = parseMultipart(Buffer.from(r.body!, 'utf8'), boundary);
  return {
    kind: 'multipart',
    fields: parts.filter((p) => p.filename === null).map((p) => [p.name, parseText(p.text)]),
    files: parts.filter((p) => p.filename !== null).map((p) => ({ name: p.name, filename: p.filename, contentType: p.contentType })),
  };
}

/** Text encodings carry numbers as text: compare them as numbers. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'number') return Number(a) === b;
  if (typeof b === 'string' && typeof a === 'number') return Number(b) === a;
  return JSON.stringify(a) === JSON.stringify(b);
}

interface Diffs {
  /** Documented differences, by kind, with counts. */
  quirks: Map<string, number>;
  /** Anything else. */
  problems: string[];
}

function compare(ours: Decoded, theirs: Decoded, trigger: string, where: string, d: Diffs, samples: Map<string, Set<string>>): void {
  const quirk = (k: string) => d.quirks.set(k, (d.quirks.get(k) ?? 0) + 1);
  if (ours.kind !== theirs.kind) d.problems.push(`${where}: encoding ${ours.kind}, plugin ${theirs.kind}`);
  const o = new Map(ours.fields);
  const p = new Map(theirs.fields);
  // Text encodings drop null fields; a sampled printer field may be null on one side only.
  const keysO = ours.fields.map(([k]) => k).filter((k) => p.has(k) || !sampled.has(k));
  const keysP = theirs.fields.map(([k]) => k).filter((k) => o.has(k) || !sampled.has(k));
  if (JSON.stringify(keysO) !== JSON.stringify(keysP)) d.problems.push(`${where}: keys ${keysO.join(',')} vs plugin ${keysP.join(',')}`);
  for (const [k, pv] of theirs.fields) {
    if (!o.has(k)) continue;
    const ov = o.get(k);
    if (sampled.has(k)) {
      const v = typeof ov === 'string' && ov !== '' && !Number.isNaN(Number(ov)) ? Number(ov) : ov;
      if (!samples.get(k)?.has(JSON.stringify(v))) d.problems.push(`${where}: ${k} ${JSON.stringify(v).slice(0, 200)} is not a value the push stream carried`);
      else if (!same(v, pv)) quirk('sampled printer fields');
      continue;
    }
    if (k === 'currentTime') {
      if (Math.abs(Number(ov) - Number(pv)) > 2) d.problems.push(`${where}: currentTime ${ov} vs ${pv}`);
      continue;
    }
    if (k === 'extra' && (trigger === 'Progress' || trigger === 'UserActionNeeded') && same(pv, {})) {
      const keys = Object.keys((ov ?? {}) as object).sort().join(',');
      if (trigger === 'Progress' ? keys === 'completion,milestone' : keys.includes('reason')) quirk(`@extra of ${trigger}`);
      else d.problems.push(`${where}: extra ${JSON.stringify(ov)} vs plugin {}`);
      continue;
    }
    if (k === 'message' && trigger === 'Progress' && pv === 'Your print is 0 % complete.' && /^Your print is [1-9]\d % complete\.$/.test(String(ov))) {
      quirk('second progress hook milestone');
      continue;
    }
    if (!same(ov, pv)) d.problems.push(`${where}: ${k} = ${JSON.stringify(ov).slice(0, 200)}, plugin ${JSON.stringify(pv).slice(0, 200)}`);
  }
  const files = (x: Decoded) => JSON.stringify(x.files);
  if (files(ours) !== files(theirs)) d.problems.push(`${where}: files ${files(ours)} vs plugin ${files(theirs)}`);
}

const cases = [
  { capture: 'json-done', config: 'profile-json', webcam: null },
  { capture: 'json-pause', config: 'profile-json', webcam: null },
  { capture: 'json-error', config: 'profile-json', webcam: null },
  { capture: 'json-notify', config: 'profile-json', webcam: null },
  { capture: 'form-done', config: 'profile-form', webcam: null },
  { capture: 'default-done', config: 'profile-default', webcam: null },
  { capture: 'default-snapshot-done', config: 'profile-default', webcam: 'http://127.0.0.1:8080/?action=snapshot' },
  { capture: 'multi-done', config: 'profile-multi', webcam: null },
];

const expectedQuirks: Record<string, string[]> = {
  'json-done': ['sampled printer fields', '@extra of Progress'],
  'json-pause': ['sampled printer fields', '@extra of Progress'],
  'json-error': ['sampled printer fields', '@extra of Progress', 'milestone after Error'],
  'json-notify': ['@extra of UserActionNeeded'],
  'form-done': ['@extra of Progress'],
  'default-done': ['sampled printer fields', '@extra of Progress'],
  'default-snapshot-done': ['sampled printer fields', '@extra of Progress'],
  'multi-done': ['sampled printer fields', '@extra of Progress', 'second progress hook milestone'],
};

for (const c of cases) {
  t(`${c.capture}: the imported ${c.config} hooks send what the plugin sent`, async () => {
    const imported = importPluginSettings(readFileSync(join(fixturesDir, 'import', `${c.config}.config.yaml`), 'utf8'));
    assert.equal(imported.diagnostics.filter((x) => x.severity === 'error'), []);
    const module = await moduleFromSource(imported.text, 'imported.ohk');
    // The variables the import asks for, with the values it took out of the settings.
    const env = Object.fromEntries(imported.env.map((v) => [v.name, v.value]));
    assert.equal(Object.keys(env), ['OCTOHOOK_SECRET']);
    const firings = replayFirings(module, c.capture);
    const samples = pushSamples(c.capture);
    const plugin = pluginRequests(c.capture);
    const d: Diffs = { quirks: new Map(), problems: [] };
    let compared = 0;
    for (const hook of module.hooks) {
      const ours = firings.filter((f) => f.hook === hook);
      const theirs = plugin.filter((r) => r.url === `/hook/${hook.name}`);
      assert.ok(theirs.length > 0, `the plugin sent something for ${hook.name}`);
      const ourTopics = ours.map((f) => topicOf(hook, f.firing.trigger));
      const theirTopics = theirs.map((r) => String(new Map(decodeTheirs(r).fields).get('topic')));
      if (JSON.stringify(ourTopics) !== JSON.stringify(theirTopics)) {
        // A milestone passed in the last half second before a firmware error: the plugin saw it
        // inside OctoPrint before "Error"; the daemon learns it from Print Failed's progress.
        const e = theirTopics.indexOf('Error');
        const candidates = [1, 2, 3].map((m) => {
          const before = theirTopics.slice(e - m, e);
          return before.every((x) => x === 'Print Progress') ? [...theirTopics.slice(0, e - m), 'Error', ...before, ...theirTopics.slice(e + 1)] : [];
        });
        assert.ok(e > 0 && candidates.some((x) => JSON.stringify(x) === JSON.stringify(ourTopics)), `${c.capture}/${hook.name}: the same requests in the same order:\n${ourTopics.join(', ')}\n${theirTopics.join(', ')}`);
        d.quirks.set('milestone after Error', 1);
      }
      // Pair each request with the plugin's request of the same topic and occurrence.
      const seen = new Map<string, number>();
      for (let i = 0; i < ours.length; i++) {
        const topic = ourTopics[i];
        const n = seen.get(topic) ?? 0;
        seen.set(topic, n + 1);
        const j = theirTopics.findIndex((x, idx) => x === topic && theirTopics.slice(0, idx).filter((y) => y === topic).length === n);
        const mine = theirs[j];
        const pluginMeta = new Map(decodeTheirs(mine).fields).get('meta');
        const req = await render(module, ours[i], { env, webcam: c.webcam, meta: pluginMeta === '' ? undefined : pluginMeta });
        assert.is(req.method, mine.method);
        assert.is(new URL(req.url).pathname, mine.url);
        compare(decodeOurs(req), decodeTheirs(mine), ours[i].firing.trigger, `${c.capture}/${hook.name}#${i} ${ours[i].firing.trigger}`, d, samples);
        compared++;
      }
    }
    assert.is(compared, plugin.length, 'every plugin request has its counterpart');
    assert.ok(d.problems.length === 0, `${d.problems.length} unexplained differences:\n${d.problems.slice(0, 6).join('\n')}`);
    assert.equal([...d.quirks.keys()].sort(), [...expectedQuirks[c.capture]].sort(), 'only the documented differences');
  });
}

t.run();
