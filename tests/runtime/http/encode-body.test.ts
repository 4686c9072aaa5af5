// Encodings, compared with what OctoPrint-Webhooks 3.0.3 really sent (fixtures/plugin-requests.json,
// copied from the lab captures) — through a real socket into the test receiver.
import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { appendQuery, encodeBody, fieldText, formEncode } from '../../../runtime/http/encode-body.js';
import { prepareRequest } from '../../../runtime/http/prepare-request.js';
import { sendRequest } from '../../../runtime/http/send-request.js';
import { parseMultipart, startReceiver, type MultipartPart } from '../../support/receiver.js';

// dist*/tests/runtime/http/x.test.js → the repository root is four levels up.
const FIXTURE = new URL('../../../../tests/runtime/http/fixtures/plugin-requests.json', import.meta.url);
interface Capture { method: string; url: string; headers: Record<string, string>; body: string; json?: Record<string, unknown>; form?: Record<string, string> }
const captures = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, Capture>;

function capturedParts(c: Capture): MultipartPart[] {
  const boundary = /boundary=(\S+)/.exec(c.headers['content-type'])![1];
  return parseMultipart(Buffer.from(c.body, 'utf8'), boundary);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// The data object the plugin rendered, rebuilt from its multipart fields (nested values were
// JSON text there; numbers print the same in both languages).
function dataFromParts(parts: MultipartPart[], skip: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const p of parts) if (p.name !== skip) data[p.name] = tryJson(p.text);
  return data;
}

function sameFieldValue(ours: string, theirs: string, label: string): void {
  const t = tryJson(theirs);
  if (t !== null && typeof t === 'object') assert.equal(JSON.parse(ours), t, `${label}: nested value parses to the same JSON`);
  else assert.is(ours, theirs, `${label}: same text`);
}

test('json: same body (keys, order, nesting) as the plugin', async () => {
  const rx = await startReceiver();
  try {
    const plugin = captures['json-started'];
    const data = plugin.json!;
    const req = prepareRequest({ method: 'POST', content: 'json', url: `${rx.url}/hook/json`, headers: { 'Content-Type': 'application/json' }, data });
    const res = await sendRequest(req);
    assert.ok(res.ok);
    const got = rx.requests[0];
    assert.is(got.headers['content-type'], 'application/json');
    // same keys in the same order at every level: compare the re-serialised parses
    assert.is(JSON.stringify(got.json), JSON.stringify(JSON.parse(plugin.body)));
  } finally {
    await rx.close();
  }
});

test('form: a progress body is byte-identical to the plugin\'s', async () => {
  const rx = await startReceiver();
  try {
    const plugin = captures['form-progress'];
    const data = Object.fromEntries(Object.entries(plugin.form!).map(([k, v]) => [k, tryJson(v)]));
    const req = prepareRequest({ method: 'POST', content: 'form', url: `${rx.url}/hook/form`, headers: {}, data });
    await sendRequest(req);
    assert.is(rx.requests[0].raw.toString('utf8'), plugin.body);
    assert.is(rx.requests[0].headers['content-type'], 'application/x-www-form-urlencoded');
  } finally {
    await rx.close();
  }
});

test('form: field order and JSON-encoded nested values match the plugin', async () => {
  const rx = await startReceiver();
  try {
    const plugin = captures['form-started'];
    const data = Object.fromEntries(Object.entries(plugin.form!).map(([k, v]) => [k, tryJson(v)]));
    assert.type(data.extra, 'object');
    await sendRequest(prepareRequest({ method: 'POST', content: 'form', url: rx.url, headers: null, data }));
    const ours = rx.requests[0].form!;
    assert.equal(ours.map(([k]) => k), Object.keys(plugin.form!));
    for (const [k, v] of ours) sameFieldValue(v, plugin.form![k], k);
  } finally {
    await rx.close();
  }
});

test('multipart: fields in key order, then the snapshot.jpg part, as the plugin sent', async () => {
  const rx = await startReceiver();
  try {
    const plugin = captures['multipart-snapshot-started'];
    const theirs = capturedParts(plugin);
    const data = dataFromParts(theirs, 'snapshot');
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3, 0x0d, 0x0a, 0xff, 0xd9]);
    const req = prepareRequest({
      method: 'POST', content: 'multipart', url: rx.url, headers: { 'Content-Type': 'application/json' },
      data, snapshotKey: 'snapshot', snapshot: { bytes: jpeg },
    });
    await sendRequest(req);
    const got = rx.requests[0];
    assert.match(String(got.headers['content-type']), /^multipart\/form-data; boundary=[0-9a-f]{32}$/);
    const ours = got.parts!;
    assert.equal(ours.map((p) => p.name), theirs.map((p) => p.name));
    for (let i = 0; i < ours.length - 1; i++) {
      assert.is(ours[i].filename, null);
      sameFieldValue(ours[i].text, theirs[i].text, ours[i].name);
    }
    const file = ours[ours.length - 1];
    const pluginFile = theirs[theirs.length - 1];
    assert.is(file.filename, 'snapshot.jpg');
    assert.is(file.filename, pluginFile.filename);
    assert.is(file.contentType, 'image/jpeg');
    assert.is(file.contentType, pluginFile.contentType);
    assert.ok(file.data.equals(jpeg), 'image bytes arrive unchanged');
  } finally {
    await rx.close();
  }
});

test('multipart: a failed snapshot still sends multipart, without the file part (as the plugin did)', async () => {
  const plugin = captures['multipart-nosnapshot-started'];
  const theirs = capturedParts(plugin);
  assert.not.ok(theirs.some((p) => p.filename !== null), 'the plugin sent no file part');
  const data = dataFromParts(theirs, 'snapshot');
  const enc = encodeBody({ method: 'POST', content: 'multipart', url: 'http://x/', data, snapshotKey: 'snapshot', snapshot: null, boundary: 'b0undary' });
  assert.is(enc.contentType, 'multipart/form-data; boundary=b0undary');
  const ours = parseMultipart(Buffer.from(enc.body!), 'b0undary');
  assert.equal(ours.map((p) => p.name), theirs.map((p) => p.name));
  // the simple fields are byte-identical in layout to the plugin's
  const text = Buffer.from(enc.body!).toString('utf8');
  assert.ok(text.startsWith('--b0undary\r\nContent-Disposition: form-data; name="deviceIdentifier"\r\n\r\nlab-printer\r\n--b0undary\r\n'));
  assert.ok(text.endsWith('--b0undary--\r\n'));
});

test('form and multipart value rules: null/undefined dropped, true/false, nested JSON, numbers', () => {
  const data = { a: 'x y', n: 0.5, t: true, f: false, nil: null, u: undefined, arr: [1, 'two', null], obj: { k: { j: 1 } }, empty: '' };
  assert.is(
    formEncode(data),
    'a=x+y&n=0.5&t=true&f=false&arr=%5B1%2C%22two%22%2Cnull%5D&obj=%7B%22k%22%3A%7B%22j%22%3A1%7D%7D&empty=',
  );
  const enc = encodeBody({ method: 'PUT', content: 'multipart', url: 'http://x/', data, boundary: 'B' });
  const parts = parseMultipart(Buffer.from(enc.body!), 'B');
  assert.equal(parts.map((p) => [p.name, p.text]), [
    ['a', 'x y'], ['n', '0.5'], ['t', 'true'], ['f', 'false'], ['arr', '[1,"two",null]'], ['obj', '{"k":{"j":1}}'], ['empty', ''],
  ]);
  assert.is(fieldText(null), null);
  assert.is(fieldText(12), '12');
});

test('multipart: a field name cannot break out of its header', () => {
  const enc = encodeBody({ method: 'POST', content: 'multipart', url: 'http://x/', data: { 'a"\r\nX-Evil: 1': 'v' }, boundary: 'B' });
  const text = Buffer.from(enc.body!).toString('utf8');
  assert.ok(text.includes('name="a%22%0D%0AX-Evil: 1"'));
  assert.is(parseMultipart(Buffer.from(enc.body!), 'B').length, 1);
});

test('json and form without data send no body; multipart always has one', () => {
  assert.equal(encodeBody({ method: 'POST', content: 'json', url: 'http://x/', data: null }), { url: 'http://x/', body: null, contentType: null });
  assert.equal(encodeBody({ method: 'POST', content: 'form', url: 'http://x/', data: null }).body, null);
  const mp = encodeBody({ method: 'POST', content: 'multipart', url: 'http://x/', data: null, boundary: 'B' });
  assert.is(Buffer.from(mp.body!).toString(), '--B--\r\n');
});

test('GET: data appended to the existing query, nested values as JSON, null dropped, no body', async () => {
  const rx = await startReceiver();
  try {
    const data = { topic: 'Print Done', job: { file: { name: 'a b.gcode' } }, list: ['x'], nil: null, ok: true, snap: undefined };
    const req = prepareRequest({
      method: 'GET', content: 'json', url: `${rx.url}/ep?key=1&x=a%20b#frag`, headers: { 'X-Api-Key': 'k' },
      data, snapshotKey: 'snap', snapshot: { bytes: Buffer.from('jpeg') },
    });
    assert.is(req.body, null);
    assert.is(req.url, `${rx.url}/ep?key=1&x=a%20b&topic=Print+Done&job=%7B%22file%22%3A%7B%22name%22%3A%22a+b.gcode%22%7D%7D&list=%5B%22x%22%5D&ok=true#frag`);
    assert.equal(req.headers, { 'X-Api-Key': 'k' }, 'no content-type forced on a bodiless GET');
    await sendRequest(req);
    const got = rx.requests[0];
    assert.is(got.method, 'GET');
    assert.is(got.raw.length, 0);
    assert.is(got.headers['content-type'], undefined);
    assert.equal(got.query, [
      ['key', '1'], ['x', 'a b'], ['topic', 'Print Done'], ['job', '{"file":{"name":"a b.gcode"}}'], ['list', '["x"]'], ['ok', 'true'],
    ]);
  } finally {
    await rx.close();
  }
});

test('GET query edge cases: no query yet, trailing ? or &, nothing to add', () => {
  assert.is(appendQuery('http://h/p', { a: 1 }), 'http://h/p?a=1');
  assert.is(appendQuery('http://h/p?', { a: 1 }), 'http://h/p?a=1');
  assert.is(appendQuery('http://h/p?b=2&', { a: 1 }), 'http://h/p?b=2&a=1');
  assert.is(appendQuery('http://h/p?b=2', { a: null }), 'http://h/p?b=2');
  assert.is(appendQuery('http://h/p', null), 'http://h/p');
});

test('json and form bodies own their bytes: none is a slice of Node\'s shared Buffer pool', () => {
  // A body is kept as long as its delivery is pending; a pool slice would keep a whole 8 KiB
  // slab of other garbage alive with it (docs/performance.md, memory).
  for (const content of ['json', 'form'] as const) {
    const enc = encodeBody({ method: 'POST', content, url: 'http://x/', data: { topic: 'Print Done', progress: 100 }, boundary: 'B' });
    const body = enc.body!;
    assert.ok(body.byteLength > 0 && body.byteLength < 4096, 'small enough that Buffer.from would have pooled it');
    assert.is(body.buffer.byteLength, body.byteLength, `${content}: the body sits in a buffer of its own size`);
    const text = Buffer.from(body).toString('utf8');
    assert.is(text, content === 'json' ? '{"topic":"Print Done","progress":100}' : 'topic=Print+Done&progress=100');
  }
});

test.run();
