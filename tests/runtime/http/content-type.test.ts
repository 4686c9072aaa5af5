import { test } from '../../support/suite-runner.js';
import * as assert from 'uvu/assert';
import { applyContentType, normalizeHeaders } from '../../../runtime/http/content-type.js';
import { prepareRequest } from '../../../runtime/http/prepare-request.js';
import { sendRequest } from '../../../runtime/http/send-request.js';
import { startReceiver } from '../../support/receiver.js';

const JSON_T = 'application/json';
const FORM_T = 'application/x-www-form-urlencoded';

test('json: no Content-Type → added', () => {
  assert.equal(applyContentType({ 'X-Api-Key': 'k' }, 'json', JSON_T), { 'X-Api-Key': 'k', 'content-type': JSON_T });
});

test('json: `application/json; charset=utf-8` is kept as written', () => {
  assert.equal(applyContentType({ 'Content-Type': 'application/json; charset=utf-8' }, 'json', JSON_T), {
    'Content-Type': 'application/json; charset=utf-8',
  });
});

test('json: another type is overwritten, the name keeps its spelling', () => {
  assert.equal(applyContentType({ 'CONTENT-TYPE': 'text/plain' }, 'json', JSON_T), { 'CONTENT-TYPE': JSON_T });
});

test('X-Content-Type-Options is never touched, and a real Content-Type is still added (the plugin\'s quirk, fixed)', () => {
  assert.equal(applyContentType({ 'X-Content-Type-Options': 'nosniff' }, 'json', JSON_T), {
    'X-Content-Type-Options': 'nosniff',
    'content-type': JSON_T,
  });
  assert.equal(applyContentType({ 'X-Content-Type-Options': 'nosniff', 'Content-Type': 'text/plain' }, 'form', FORM_T), {
    'X-Content-Type-Options': 'nosniff',
    'Content-Type': FORM_T,
  });
});

test('form: a value containing the form type is kept; a JSON type is replaced', () => {
  assert.equal(applyContentType({ 'content-type': `${FORM_T}; charset=UTF-8` }, 'form', FORM_T), { 'content-type': `${FORM_T}; charset=UTF-8` });
  assert.equal(applyContentType({ 'Content-Type': JSON_T }, 'form', FORM_T), { 'Content-Type': FORM_T });
});

test('media types compare case-insensitively', () => {
  assert.equal(applyContentType({ 'Content-Type': 'Application/JSON' }, 'json', JSON_T), { 'Content-Type': 'Application/JSON' });
});

test('two spellings of Content-Type collapse into one', () => {
  assert.equal(applyContentType({ 'Content-Type': 'text/plain', 'content-type': 'application/json' }, 'json', JSON_T), {
    'Content-Type': JSON_T,
  });
});

test('multipart: every user Content-Type is removed and ours (with our boundary) set', () => {
  const ours = 'multipart/form-data; boundary=abc';
  assert.equal(
    applyContentType({ 'Content-Type': 'application/json', 'content-type': 'multipart/form-data; boundary=theirs', 'X-Content-Type-Options': 'nosniff' }, 'multipart', ours),
    { 'X-Content-Type-Options': 'nosniff', 'content-type': ours },
  );
});

test('no body (GET): headers left exactly as given', () => {
  assert.equal(applyContentType({ 'Content-Type': 'text/plain' }, 'json', null), { 'Content-Type': 'text/plain' });
});

test('non-string header values are stringified; null/undefined dropped', () => {
  assert.equal(normalizeHeaders({ 'X-Time': 1700000000, 'X-Flag': true, 'X-Obj': { a: 1 }, 'X-Null': null, 'X-Undef': undefined }), {
    'X-Time': '1700000000',
    'X-Flag': 'true',
    'X-Obj': '{"a":1}',
  });
});

test('on the wire: kept charset, untouched X-Content-Type-Options, a numeric header', async () => {
  const rx = await startReceiver();
  try {
    const req = prepareRequest({
      method: 'POST', content: 'json', url: rx.url, data: { a: 1 },
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'X-Time': 42 as unknown as string },
    });
    await sendRequest(req);
    const h = rx.requests[0].headers;
    assert.is(h['content-type'], 'application/json; charset=utf-8');
    assert.is(h['x-content-type-options'], 'nosniff');
    assert.is(h['x-time'], '42');
  } finally {
    await rx.close();
  }
});

test.run();
