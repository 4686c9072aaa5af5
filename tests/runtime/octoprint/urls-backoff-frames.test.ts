import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../runtime/octoprint/backoff.js';
import { frameExcerpt, parsePushFrame } from '../../../runtime/octoprint/push-messages.js';
import { apiUrl, displayUrl, pushSocketUrl } from '../../../runtime/octoprint/urls.js';

test('push socket URL: http→ws, https→wss, base path kept, trailing slash and query dropped', () => {
  assert.is(pushSocketUrl('http://octopi.local'), 'ws://octopi.local/sockjs/websocket');
  assert.is(pushSocketUrl('https://host:8443/octoprint/'), 'wss://host:8443/octoprint/sockjs/websocket');
  assert.is(pushSocketUrl('http://10.0.0.2:5000/a/b//?x=1#f'), 'ws://10.0.0.2:5000/a/b/sockjs/websocket');
  assert.is(apiUrl('https://host/octoprint/', '/api/login'), 'https://host/octoprint/api/login');
  assert.throws(() => pushSocketUrl('ftp://host'), /http:\/\/ or https:\/\//);
});

test('displayUrl drops credentials and query', () => {
  assert.is(displayUrl('http://user:secret@host/api/job?apikey=abc'), 'http://host/api/job');
  assert.is(displayUrl('::'), '<invalid URL>');
});

test('default backoff: 1 s doubling to a 60 s cap, jitter only shortens', () => {
  const p = { ...DEFAULT_BACKOFF };
  assert.equal([0, 1, 2, 3, 4, 5, 6, 7, 20].map((a) => backoffDelay(p, a, () => 0)), [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  for (let a = 0; a < 10; a++) {
    const d = backoffDelay(p, a, Math.random);
    const base = Math.min(60000, 1000 * 2 ** a);
    assert.ok(d <= base && d >= base * 0.8, `attempt ${a}: ${d}`);
  }
  assert.is(backoffDelay({ ...p, jitter: 5 }, 0, () => 1), 0); // jitter is clamped to 1
});

test('frames: the known types, passed through untouched', () => {
  const [ev] = parsePushFrame('{"event":{"type":"PrintDone","payload":{"time":1.5,"new2_0_field":[1]}}}');
  assert.equal(ev, { kind: 'message', message: { type: 'event', payload: { type: 'PrintDone', payload: { time: 1.5, new2_0_field: [1] } } } });
  const [plain] = parsePushFrame('{"event":{"type":"Home","payload":null}}');
  assert.equal(plain, { kind: 'message', message: { type: 'event', payload: { type: 'Home', payload: null } } });
  const [cur] = parsePushFrame('{"current":{"health":{"count":0},"state":{}}}');
  assert.equal(cur, { kind: 'message', message: { type: 'current', payload: { health: { count: 0 }, state: {} } } });
  const [re] = parsePushFrame('{"reauthRequired":{"reason":"stale"}}');
  assert.equal(re, { kind: 'message', message: { type: 'reauthRequired', payload: { reason: 'stale' } } });
  assert.equal(parsePushFrame('{"timelapse":null}'), [{ kind: 'ignored', type: 'timelapse' }]);
  assert.is(parsePushFrame('{"a":1,"plugin":{"plugin":"x","data":2}}').length, 2);
});

test('frames: malformed ones are described', () => {
  const reason = (t: string) => {
    const [f] = parsePushFrame(t);
    return f.kind === 'malformed' ? f.reason : f.kind;
  };
  assert.is(reason('{'), 'not valid JSON');
  assert.is(reason('[]'), 'an array, not a JSON object');
  assert.is(reason('null'), 'null, not a JSON object');
  assert.is(reason('3'), 'a number, not a JSON object');
  assert.is(reason('{}'), 'an empty object');
  assert.is(reason('{"event":{"type":3}}'), 'an "event" without a string "type"');
  assert.is(reason('{"history":[]}'), '"history" carries an array, not an object');
  assert.is(frameExcerpt('x'.repeat(200)), `${'x'.repeat(80)}… (200 chars)`);
});

test.run();
