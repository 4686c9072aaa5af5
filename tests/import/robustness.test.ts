// Seeded random plugin settings built from the awkward pieces the plugin allowed (parameters
// with and without terminators, literal @, quotes, escapes, non-ASCII, secrets, nested data,
// every method and content type): the import never throws, and what it writes always checks
// without errors.
import { suite } from '../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { compile } from '../../compiler/compile.js';
import { importPluginSettings } from '../../compiler/import/import-settings.js';

const t = suite('import: robustness');

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pieces = [
  '@topic', '@message', '@deviceIdentifier,', '@job.file.name', '@job', '@extra.name', '@extra', '@percentCompleteMilestone%', '@progress.completion',
  'me@example.com', '@', '@@', '@snapshot', '@access_token', '@nope.x', '@currentZ', '@state.flags.printing', '@meta.history.0', '@p1', '@p10',
  ' ', ' ', 'text', '"quoted"', "it's", '\\', '\n', '\t', 'é', '😀', '{', '}', '/', '?', '#', '&a=1', '%20', '$x', '`', '\u2028', '@{topic}', 'Bearer abc',
];
const keys = ['topic', 'message', 'content', 'token', 'api_key', 'password', 'x-y', 'with space', 'a@b', '__proto__', 'snap', 'Authorization', 'X-Content-Type-Options', 'Content-Type', 'bad name'];
const urls = [
  'https://example.com/hook', 'http://127.0.0.1:8099/hook/@deviceIdentifier', 'https://discord.com/api/webhooks/1/abc', '', 'example.com/x',
  'https://a.b/?t=@currentTime&x=1', 'http://user:pw@host/x', '@deviceIdentifier', 'https://maker.ifttt.com/trigger/e/with/key/KKK', 'https://x.y/a b',
  'ftp://x.y/', 'https://api.telegram.org/bot1:AA_x/sendMessage', 'https://h.io/?token=abc&apikey=def',
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function str(r: () => number): string {
  let s = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) s += pick(r, pieces);
  return s;
}

function value(r: () => number, depth: number): unknown {
  const k = r();
  if (k < 0.5 || depth > 2) return str(r);
  if (k < 0.6) return Math.floor(r() * 100) - 50;
  if (k < 0.65) return r() < 0.5;
  if (k < 0.7) return null;
  if (k < 0.85) return [value(r, depth + 1), value(r, depth + 1)];
  return obj(r, depth + 1);
}

function obj(r: () => number, depth: number): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) Object.defineProperty(o, pick(r, keys), { value: value(r, depth), enumerable: true, writable: true, configurable: true });
  return o;
}

function hook(r: () => number): Record<string, unknown> {
  const h: Record<string, unknown> = {
    url: pick(r, urls),
    http_method: pick(r, ['POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'get', 'HEAD']),
    content_type: pick(r, ['JSON', 'FORM', 'XML']),
    webhook_enabled: r() < 0.8,
    apiSecret: pick(r, ['', 'lab-secret', 's3cr3t-@-x', 'other-secret']),
    deviceIdentifier: pick(r, ['', 'lab-printer', 'p@home', 'Prusa "MK3S"', 'é😀']),
    event_print_progress: r() < 0.5,
    event_print_progress_interval: pick(r, ['10', '25', '0', '10%', '-20', '150', ' 5 ', 7]),
    eventPrintStarted: r() < 0.7,
    eventError: r() < 0.3,
    eventPrintDoneMessage: str(r),
    eventPrintProgressMessage: str(r),
    headers: r() < 0.8 ? JSON.stringify(obj(r, 2)) : pick(r, ['{not json', '[1]', '{"a": 1,}', '']),
    data: r() < 0.85 ? JSON.stringify(obj(r, 0)) : pick(r, ['{broken', '[1, 2]', "{'a': '@topic'}", '"x"']),
    oauth: r() < 0.3,
    oauth_url: pick(r, ['', 'https://auth.example.com/token', 'https://a.b/t?api_key=zzz']),
    oauth_data: JSON.stringify(obj(r, 1)),
    oauth_headers: JSON.stringify(obj(r, 2)),
    oauth_content_type: pick(r, ['JSON', 'FORM']),
    oauth_http_method: pick(r, ['POST', 'GET']),
  };
  return h;
}

t('random settings import without throwing and check without errors', () => {
  const r = rng(20260611);
  for (let i = 0; i < 400; i++) {
    const hooks = Array.from({ length: 1 + Math.floor(r() * 3) }, () => hook(r));
    const yaml = JSON.stringify({ plugins: { webhooks: { settings_version: 2, hooks } } });
    let text = '';
    try {
      text = importPluginSettings(yaml).text;
    } catch (e) {
      assert.unreachable(`case ${i} threw ${(e as Error).stack}\n${yaml}`);
    }
    const errors = compile(text).diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) assert.unreachable(`case ${i}: ${errors.map((e) => `${e.range.start.line}: ${e.code} ${e.message}`).join('; ')}\n${yaml}\n${text}`);
  }
});

t.run();
